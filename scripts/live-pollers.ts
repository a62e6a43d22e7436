// Simulated live readers for `npm run bench`: N readers, each with its own keep-alive
// connection (as each browser has), polling a version document at the pages' real rate with
// If-None-Match, as a browser's cache does. Driven over stdin/stdout, one JSON line each:
//   stdout {"ready":true,"seq":…}        once every reader has polled once
//   stdin  {"report":T,"after":seq}      → {"delays":[ms…]} from time T to each reader seeing
//                                          a version newer than `after` (null: not yet)
//   stdin  {"stats":true}                → {"polls":…,"notModified":…,"errors":…,"seconds":…}
// Usage: node --import tsx scripts/live-pollers.ts URL READERS INTERVAL_MS
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';

const [url = '', count = '1000', every = '1000'] = process.argv.slice(2);
const READERS = Number(count);
const INTERVAL = Number(every);
const target = new URL(url);

interface Reader {
  agent: Agent;
  etag: string | undefined;
  seq: number;
  changedAt: number;
}

const readers: Reader[] = [];
let polls = 0;
let notModified = 0;
let errors = 0;
let since = performance.now();
let polledOnce = 0;

function poll(reader: Reader, first: boolean): void {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (reader.etag) headers['if-none-match'] = reader.etag;
  const req = request(
    {
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      agent: reader.agent,
      headers,
    },
    (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        polls++;
        if (res.statusCode === 304) notModified++;
        else if (res.statusCode === 200) {
          reader.etag = res.headers.etag;
          const seq = (JSON.parse(Buffer.concat(chunks).toString()) as { seq: number }).seq;
          if (seq > reader.seq) {
            reader.seq = seq;
            reader.changedAt = Date.now();
          }
        } else errors++;
        if (first && ++polledOnce === READERS) {
          process.stdout.write(`${JSON.stringify({ ready: true, seq: reader.seq })}\n`);
        }
        setTimeout(() => poll(reader, false), INTERVAL);
      });
    },
  );
  req.on('error', () => {
    errors++;
    if (first && ++polledOnce === READERS)
      process.stdout.write(`${JSON.stringify({ ready: true, seq: reader.seq })}\n`);
    setTimeout(() => poll(reader, false), INTERVAL);
  });
  req.end();
}

for (let i = 0; i < READERS; i++) {
  const reader: Reader = {
    agent: new Agent({ keepAlive: true, maxSockets: 1 }),
    etag: undefined,
    seq: 0,
    changedAt: 0,
  };
  readers.push(reader);
  // Readers opened their pages at random moments: spread the polls over the interval.
  setTimeout(() => poll(reader, true), Math.random() * INTERVAL);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line) as { report?: number; after?: number; stats?: boolean };
  if (message.report !== undefined) {
    const delays = readers.map((r) =>
      r.seq > (message.after ?? 0) ? r.changedAt - message.report! : null,
    );
    process.stdout.write(`${JSON.stringify({ delays })}\n`);
  } else if (message.stats) {
    const seconds = (performance.now() - since) / 1000;
    process.stdout.write(`${JSON.stringify({ polls, notModified, errors, seconds })}\n`);
    polls = notModified = errors = 0;
    since = performance.now();
  }
});
process.stdin.on('end', () => process.exit(0));
