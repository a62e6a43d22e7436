// The one pino logger: JSON lines on stdout, at LOG_LEVEL, written without ever blocking.
import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';

export interface LoggerOptions {
  /** Where lines go: a file descriptor (stdout by default). */
  fd?: number;
  /** Lines held while the reader is slow, in bytes; beyond it, lines are dropped and counted. */
  bufferBytes?: number;
  /** How often to say how many lines were dropped, once the reader is back. */
  reportEveryMs?: number;
}

/** How many lines a write held. */
function linesIn(data: Buffer): number {
  let count = 0;
  for (let at = data.indexOf('\n'); at !== -1; at = data.indexOf('\n', at + 1)) count++;
  return Math.max(count, 1);
}

/**
 * Lines are gathered into writes of 60–64 KiB made asynchronously, so a reader that stops
 * reading (a hung log shipper, a paused terminal, a full pipe) never stops a request. An
 * asynchronous write costs about 180 µs of CPU whatever its size (the hand-off to the thread
 * pool and back; measured on 2-core virtual machines): at 12 KiB a write, that was 4 µs per
 * request logged, a twentieth of a cached response; at 60 KiB, under one. While it
 * is stopped, lines wait in a buffer of bounded size; beyond it they are dropped and counted,
 * and once the reader takes lines again the logger says how many it lost.
 */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const { fd = 1, bufferBytes = 4 * 1024 * 1024, reportEveryMs = 5_000 } = options;
  const destination = pino.destination({
    dest: fd,
    sync: false,
    minLength: 60 * 1024,
    maxWrite: 64 * 1024,
    maxLength: bufferBytes,
    periodicFlush: 250,
    // Bytes, not text: a text destination measures and encodes each write's text again
    // (three passes over every line); request lines arrive as bytes already.
    contentMode: 'buffer',
  });
  const logger = pino(
    { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    destination as DestinationStream,
  );
  let dropped = 0;
  let written = false;
  // A report waits for a write that succeeds after the last line dropped.
  // A write may hold several lines (request lines go in one write per turn of the event loop).
  destination.on('drop', (data: Buffer) => {
    dropped += linesIn(data);
    written = false;
  });
  destination.on('write', () => (written = true));
  // EAGAIN on a non-blocking pipe is retried by the destination; other write errors (the
  // reader went away) must not crash the server: lines are dropped, as for a stalled reader.
  destination.on('error', () => dropped++);
  // At exit pino flushes what is left synchronously; with a reader that has stopped, that
  // write would wait forever and SIGTERM would never finish. Lines pending for more than a
  // second without a write getting through are given up instead. (The destination's pending
  // byte count is internal to sonic-boom, pinned in the lockfile; without it, exit flushes.)
  const internals = destination as unknown as { _len?: number };
  let progress = Date.now();
  destination.on('write', () => (progress = Date.now()));
  // In buffer mode the destination takes bytes (its types say text); pino writes its own
  // lines as text.
  const write = destination.write.bind(destination) as unknown as (data: Buffer) => boolean;
  destination.write = (data: string | Buffer): boolean => {
    if (internals._len === 0) progress = Date.now();
    return write(typeof data === 'string' ? Buffer.from(data) : data);
  };
  const flushSync = destination.flushSync.bind(destination);
  destination.flushSync = (): void => {
    if ((internals._len ?? 0) > 0 && Date.now() - progress > 1000) return;
    flushSync();
  };
  const report = setInterval(() => {
    if (dropped === 0 || !written) return;
    const count = dropped;
    dropped = 0;
    written = false;
    logger.warn({ dropped: count }, `${count} log lines dropped`);
  }, reportEveryMs);
  report.unref();
  return logger;
}
