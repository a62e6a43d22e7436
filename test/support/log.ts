// A logger whose JSON lines are kept, parsed, for a test to read.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from 'pino';

export function capturedLogger<Line = Record<string, unknown>>(): {
  logger: Logger;
  lines: Line[];
} {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Line);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}
