// Simulated live readers for `npm run bench`, N of them, each with its own connection (as each
// browser has), in one of two ways:
//   poll    polling a version document at the pages' real rate with If-None-Match, as a
//           browser's cache does (keep-alive connections)
//   stream  holding the election's Server-Sent Events stream open (LIVE_STREAM=true)
// Driven over stdin/stdout, one JSON line each:
//   stdout {"ready":true,"seq":…,"open":…}  once every reader has its first version (or failed)
//   stdin  {"report":T,"after":seq}        → {"delays":[ms…]} from time T to each reader seeing
//                                            a version newer than `after` (null: not yet)
//   stdin  {"stats":true}                  → {"polls":…,"notModified":…,"events":…,"open":…,
//                                             "errors":…,"seconds":…}
// Usage: node --import tsx scripts/live-pollers.ts URL READERS INTERVAL_MS [poll|stream]
// One process holds every connection: it needs READERS file descriptors and some to spare
// (Node raises its soft limit to the hard one; `ulimit -Hn` shows it).
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Agent, get, request } from 'node:http';
import { createInterface } from 'node:readline';

const [url = '', count = '1000', every = '1000', mode = 'poll'] = process.argv.slice(2);
const READERS = Number(count);
const INTERVAL = Number(every);
const target = new URL(url);

/** File descriptors this process may open, from /proc (Linux), or Infinity where unknown. */
function openFileLimit(): number {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
    return soft === undefined || soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return Infinity;
  }
}

const needed = READERS + 64;
if (openFileLimit() < needed) {
  process.stderr.write(
    `Holding ${READERS} connections needs about ${needed} file descriptors; this process may open ${openFileLimit()}. Raise the limit (ulimit -n ${needed}, or the hard limit in /etc/security/limits.conf) and run the bench again.\n`,
  );
  process.exit(2);
}

interface Reader {
  etag: string | undefined;
  seq: number;
  changedAt: number;
}

const readers: Reader[] = [];
let polls = 0;
let notModified = 0;
let events = 0;
let open = 0;
let errors = 0;
let since = performance.now();
let settled = 0;
let readySeq = 0;

/** A reader has its first version, or gave up on it: once all have, the run can start. */
function settle(reader: Reader): void {
  readySeq = Math.max(readySeq, reader.seq);
  if (++settled === READERS) {
    process.stdout.write(`${JSON.stringify({ ready: true, seq: readySeq, open })}\n`);
  }
}

function seen(reader: Reader, seq: number): void {
  if (seq > reader.seq) {
    reader.seq = seq;
    reader.changedAt = Date.now();
  }
}

function poll(reader: Reader, agent: Agent, first: boolean): void {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (reader.etag) headers['if-none-match'] = reader.etag;
  const again = (): void => {
    if (first) settle(reader);
    setTimeout(() => poll(reader, agent, false), INTERVAL);
  };
  const req = request(
    { host: target.hostname, port: target.port, path: target.pathname, agent, headers },
    (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        polls++;
        if (res.statusCode === 304) notModified++;
        else if (res.statusCode === 200) {
          reader.etag = res.headers.etag;
          seen(reader, (JSON.parse(Buffer.concat(chunks).toString()) as { seq: number }).seq);
        } else errors++;
        again();
      });
    },
  );
  req.on('error', () => {
    errors++;
    again();
  });
  req.end();
}

/** Connections being opened now: a few hundred at a time, as a listen backlog takes them. */
const OPENING_AT_ONCE = 256;
const toOpen: Reader[] = [];
let opening = 0;

function openNext(): void {
  while (opening < OPENING_AT_ONCE && toOpen.length > 0) stream(toOpen.shift()!);
}

function stream(reader: Reader): void {
  opening++;
  let first = true;
  let pending = '';
  const done = (): void => {
    if (!first) return;
    first = false;
    opening--;
    settle(reader);
    openNext();
  };
  const req = get(url, { agent: false, headers: { accept: 'text/event-stream' } });
  req.on('response', (res: IncomingMessage) => {
    if (res.statusCode !== 200) {
      errors++;
      res.resume();
      return done();
    }
    open++;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      pending += chunk;
      const blocks = pending.split('\n\n');
      pending = blocks.pop()!;
      for (const block of blocks) {
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data === undefined) continue; // a heartbeat
        events++;
        seen(reader, (JSON.parse(data) as { seq: number }).seq);
        done();
      }
    });
    res.on('close', () => {
      open--;
      done();
    });
  });
  req.on('error', () => {
    errors++;
    done();
  });
}

for (let i = 0; i < READERS; i++) {
  const reader: Reader = { etag: undefined, seq: 0, changedAt: 0 };
  readers.push(reader);
  if (mode === 'stream') toOpen.push(reader);
  else {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // Readers opened their pages at random moments: spread the polls over the interval.
    setTimeout(() => poll(reader, agent, true), Math.random() * INTERVAL);
  }
}
openNext();

createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line) as { report?: number; after?: number; stats?: boolean };
  if (message.report !== undefined) {
    const delays = readers.map((r) =>
      r.seq > (message.after ?? 0) ? r.changedAt - message.report! : null,
    );
    process.stdout.write(`${JSON.stringify({ delays })}\n`);
  } else if (message.stats) {
    const seconds = (performance.now() - since) / 1000;
    process.stdout.write(
      `${JSON.stringify({ polls, notModified, events, open, errors, seconds })}\n`,
    );
    polls = notModified = events = errors = 0;
    since = performance.now();
  }
});
process.stdin.on('end', () => process.exit(0));
