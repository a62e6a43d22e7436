// One JSON log line per request, the same from the cached fast path and from Express. The
// line is the one pino would write (level, time, req, res, responseTime, cached, msg), put
// together by hand, and the lines of one turn of the event loop go to the logger's
// destination in one write, as bytes: at tens of thousands of requests a second, serialising
// a nested object per request was a sixth of the fast path, and a destination write per line
// (its byte count, its bookkeeping) as much as the rest of the line's cost.
import { pino } from 'pino';
import type { Logger } from 'pino';

export interface LoggedRequest {
  id: string;
  method: string | undefined;
  url: string | undefined;
  status: number;
  /** performance.now() when the request arrived. */
  start: number;
  cached: boolean;
}

interface Destination {
  write(data: Buffer): unknown;
}

/** "000" to "999": milliseconds in a time, and the fraction of a response time. */
const MILLIS = Array.from({ length: 1000 }, (_, ms) => String(ms).padStart(3, '0'));

/**
 * The ISO time of the current millisecond. The date and time to the second are made once a
 * second (toISOString costs a microsecond and a half); the milliseconds are added to them.
 */
let lastMs = 0;
let lastTime = '';
let secondStart = 0;
let secondPrefix = '';
function isoTime(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    if (now - secondStart >= 1000 || now < secondStart) {
      secondStart = now - (now % 1000);
      secondPrefix = new Date(secondStart).toISOString().slice(0, 20);
    }
    lastTime = `${secondPrefix}${MILLIS[now - secondStart]!}Z`;
  }
  return lastTime;
}

const INFO = pino.levels.values.info!;

/** Lines waiting for the end of this turn of the event loop, and where they go. */
let pending = '';
let pendingTo: Destination | undefined;
let scheduled = false;

/** Where a logger's lines go (lines from elsewhere, a rendering thread's, are written there too). */
export function logDestination(logger: Logger): Destination {
  return (logger as unknown as Record<symbol, Destination>)[pino.symbols.streamSym]!;
}

/** Writes every waiting line now (the server calls it before it flushes the logger at exit). */
export function flushRequestLog(): void {
  scheduled = false;
  if (pendingTo === undefined) return;
  const destination = pendingTo;
  const lines = pending;
  pending = '';
  pendingTo = undefined;
  destination.write(Buffer.from(lines));
}

/** Nothing in a URL that JSON must escape: quotes, backslashes, control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const jsonString = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

export function logRequest(logger: Logger, r: LoggedRequest): void {
  const micros = Math.round((performance.now() - r.start) * 1000);
  if (r.status >= 500) {
    flushRequestLog();
    logger.error(
      {
        req: { id: r.id, method: r.method, url: r.url },
        res: { statusCode: r.status },
        responseTime: micros / 1000,
        cached: r.cached,
      },
      'request completed',
    );
    return;
  }
  if (logger.levelVal > INFO) return;
  const destination = logDestination(logger);
  // A logger with another destination (a test's): what waits goes first, in order.
  if (pendingTo !== destination) {
    if (pendingTo !== undefined) flushRequestLog();
    pendingTo = destination;
  }
  // The id is the server's own UUID and the method a token Node's parser accepted: neither
  // needs escaping; the URL is the client's and is escaped when it must be.
  pending += `{"level":${INFO},"time":"${isoTime()}","req":{"id":"${r.id}","method":"${r.method ?? ''}","url":${jsonString(r.url ?? '')}},"res":{"statusCode":${r.status}},"responseTime":${Math.floor(micros / 1000)}.${MILLIS[micros % 1000]!},"cached":${r.cached},"msg":"request completed"}\n`;
  if (!scheduled) {
    scheduled = true;
    setImmediate(flushRequestLog);
  }
}
