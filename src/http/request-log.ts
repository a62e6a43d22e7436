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

/** "0" to "999": status codes and whole milliseconds, made once rather than per line. */
const WHOLE = Array.from({ length: 1000 }, (_, n) => String(n));

const INFO = pino.levels.values.info!;

/**
 * The start of a line in the current millisecond, up to its request id. The date and time to
 * the second are made once a second (toISOString costs a microsecond and a half); the
 * milliseconds are added to them once a millisecond.
 */
let lastMs = 0;
let lastStart = '';
let secondStart = 0;
let secondPrefix = '';
function lineStart(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    if (now - secondStart >= 1000 || now < secondStart) {
      secondStart = now - (now % 1000);
      secondPrefix = new Date(secondStart).toISOString().slice(0, 20);
    }
    lastStart = `{"level":${INFO},"time":"${secondPrefix}${MILLIS[now - secondStart]!}Z","req":{"id":"`;
  }
  return lastStart;
}

/** The end of a line, after its response time. */
const END_CACHED = ',"cached":true,"msg":"request completed"}\n';
const END_NOT_CACHED = ',"cached":false,"msg":"request completed"}\n';

/**
 * Lines are written as bytes into a chunk as they are made, while they are still in the
 * processor's cache, and what a turn of the event loop wrote is handed to the destination at
 * its end, as one view of the chunk. (Joined as text and encoded once per turn, the lines
 * were read twice more from memory, long after they were made, at about 0.7 µs a line.)
 * The destination keeps the views it holds until written; the chunk is never written twice.
 */
const CHUNK_BYTES = 64 * 1024;
let chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
/** The chunk's bytes already handed over, and those written since. */
let handedOver = 0;
let written = 0;
let pendingTo: Destination | undefined;
let scheduled = false;

/** Where a logger's lines go (lines from elsewhere, a rendering thread's, are written there too). */
export function logDestination(logger: Logger): Destination {
  return (logger as unknown as Record<symbol, Destination>)[pino.symbols.streamSym]!;
}

/** Hands what was written since the last time to its destination. */
function handOver(): void {
  if (pendingTo === undefined) return;
  const destination = pendingTo;
  const lines = chunk.subarray(handedOver, written);
  handedOver = written;
  pendingTo = undefined;
  destination.write(lines);
}

/** Writes every waiting line now (the server calls it before it flushes the logger at exit). */
export function flushRequestLog(): void {
  scheduled = false;
  handOver();
}

/** Adds a line to those waiting for `to`, in a new chunk when it may not fit in this one. */
function append(to: Destination, line: string): void {
  // A logger with another destination (a test's): what waits goes first, in order.
  if (pendingTo !== to) handOver();
  // A character takes at most three bytes in UTF-8 (a surrogate pair, two characters, four).
  if (written + line.length * 3 > chunk.length) {
    handOver();
    chunk = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, line.length * 3));
    handedOver = 0;
    written = 0;
  }
  pendingTo = to;
  written += chunk.write(line, written);
}

/** Nothing in a URL that JSON must escape: quotes, backslashes, control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const jsonString = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`);

/**
 * The characters of a URL a line keeps. Node takes request lines up to its 16 KB of headers:
 * a flood of such URLs wrote as many bytes of log as it sent. Past this, the URL is cut,
 * marked with "…", and its length is given beside it.
 */
export const LOGGED_URL_CHARS = 2048;

const cut = (url: string): string => `${url.slice(0, LOGGED_URL_CHARS)}…`;

/** The URL a line says: cut past LOGGED_URL_CHARS, with its length then. */
function loggedUrl(url: string): { url: string; urlLength?: number } {
  return url.length <= LOGGED_URL_CHARS ? { url } : { url: cut(url), urlLength: url.length };
}

/** `"url":…` of a line, by hand: `loggedUrl`'s fields as pino writes them (no object made). */
const urlFields = (url: string): string =>
  url.length <= LOGGED_URL_CHARS
    ? `"url":${jsonString(url)}`
    : `"url":${jsonString(cut(url))},"urlLength":${url.length}`;

export function logRequest(logger: Logger, r: LoggedRequest): void {
  const micros = Math.round((performance.now() - r.start) * 1000);
  if (r.status >= 500) {
    flushRequestLog();
    // A 503 is the server refusing what it has no room for (it says when to come back), not
    // a fault: a flood of them is a warning per request, not as many errors.
    logger[r.status === 503 ? 'warn' : 'error'](
      {
        req: { id: r.id, method: r.method, ...loggedUrl(r.url ?? '') },
        res: { statusCode: r.status },
        responseTime: micros / 1000,
        cached: r.cached,
      },
      'request completed',
    );
    return;
  }
  if (logger.levelVal > INFO) return;
  // The id is the server's own UUID and the method a token Node's parser accepted: neither
  // needs escaping; the URL is the client's and is escaped when it must be.
  const whole = Math.floor(micros / 1000);
  append(
    logDestination(logger),
    `${lineStart()}${r.id}","method":"${r.method ?? ''}",${urlFields(r.url ?? '')}},"res":{"statusCode":${WHOLE[r.status] ?? r.status}},"responseTime":${WHOLE[whole] ?? whole}.${MILLIS[micros % 1000]!}${r.cached ? END_CACHED : END_NOT_CACHED}`,
  );
  if (!scheduled) {
    scheduled = true;
    setImmediate(flushRequestLog);
  }
}
