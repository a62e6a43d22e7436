// The one pino logger: JSON lines on stdout, at LOG_LEVEL.
import { pino } from 'pino';
import type { Logger } from 'pino';

export function createLogger(level: string): Logger {
  // Lines are gathered into 8 KiB writes, made synchronously: under full load that costs
  // little, and memory stays flat (asynchronous writes fell behind the event loop and grew
  // the heap without bound in the soak test). A quarter-second flush keeps quiet periods
  // timely; the server flushes at start-up and shutdown too.
  const destination = pino.destination({
    dest: 1,
    sync: true,
    minLength: 8192,
    periodicFlush: 250,
  });
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
