// Simulated live readers for `npm run bench`, N of them, each with its own connection (as each
// browser has), in one of two ways:
//   poll    polling a version document at the pages' real rate with If-None-Match, as a
//           browser's cache does (keep-alive connections, written and read on the socket)
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
import { get } from 'node:http';
import type { Socket } from 'node:net';
import { connect } from 'node:net';
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
  /** The address it connects from (readers on a loopback target share one by fifty). */
  from: string | undefined;
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

/**
 * A poll as a browser sends it, on the reader's keep-alive connection: written and read on
 * the socket directly. Node's HTTP client costs about as much per request as the server
 * does, so 10,000 readers polling through it saturated this process before the server
 * (polls lagged by a second and more, and the delays measured the client). The server's
 * answers here are a 200 with Content-Length or a 304; anything else counts as an error.
 */
const HEADER_END = Buffer.from('\r\n\r\n');

function requestFor(etag: string | undefined): Buffer {
  return Buffer.from(
    `GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nAccept: application/json\r\n` +
      (etag ? `If-None-Match: ${etag}\r\n` : '') +
      '\r\n',
    'latin1',
  );
}

interface Poller {
  reader: Reader;
  socket: Socket | undefined;
  request: Buffer;
  received: Buffer;
  first: boolean;
}

function poll(p: Poller): void {
  if (p.socket === undefined || p.socket.destroyed) {
    const socket = connect({
      host: target.hostname,
      port: Number(target.port),
      noDelay: true,
      ...(p.reader.from === undefined ? {} : { localAddress: p.reader.from }),
    });
    p.socket = socket;
    p.received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      if (p.socket === socket) answered(p, chunk);
    });
    // A connection that fails or closes mid-answer fails that poll; the next opens another.
    const failed = (): void => {
      if (p.socket !== socket) return;
      p.socket = undefined;
      if (p.received.length > 0 || waiting.has(p)) {
        errors++;
        again(p);
      }
    };
    socket.on('error', failed);
    socket.on('close', failed);
  }
  waiting.add(p);
  p.socket.write(p.request);
}

/** Polls sent and not answered yet. */
const waiting = new Set<Poller>();

function again(p: Poller): void {
  waiting.delete(p);
  p.received = Buffer.alloc(0);
  if (p.first) {
    p.first = false;
    settle(p.reader);
  }
  setTimeout(() => poll(p), INTERVAL);
}

function answered(p: Poller, chunk: Buffer): void {
  const received = p.received.length === 0 ? chunk : Buffer.concat([p.received, chunk]);
  const end = received.indexOf(HEADER_END);
  if (end === -1) {
    p.received = received;
    return;
  }
  const head = received.toString('latin1', 0, end);
  const status = Number(head.slice(9, 12));
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
  if (received.length < end + 4 + length) {
    p.received = received;
    return;
  }
  polls++;
  if (status === 304) notModified++;
  else if (status === 200 && length > 0) {
    const etag = /\r\netag:\s*([^\r]+)/i.exec(head)?.[1];
    if (etag !== p.reader.etag) {
      p.reader.etag = etag;
      p.request = requestFor(etag);
    }
    const body = received.toString('utf8', end + 4, end + 4 + length);
    seen(p.reader, (JSON.parse(body) as { seq: number }).seq);
  } else errors++;
  again(p);
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
  const req = get(url, {
    agent: false,
    headers: { accept: 'text/event-stream' },
    ...(reader.from === undefined ? {} : { localAddress: reader.from }),
  });
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

/**
 * Readers come from many addresses, as they do on the internet, fifty to an address (an
 * office's, a phone network's): a server keeps one address to a share of its live streams.
 * On a loopback target every 127.x.y.z is this machine's.
 */
const PER_ADDRESS = 50;
const fromAddress = (i: number): string | undefined => {
  if (target.hostname !== '127.0.0.1') return undefined;
  const n = Math.floor(i / PER_ADDRESS);
  return `127.1.${Math.floor(n / 250)}.${(n % 250) + 1}`;
};

for (let i = 0; i < READERS; i++) {
  const reader: Reader = { from: fromAddress(i), etag: undefined, seq: 0, changedAt: 0 };
  readers.push(reader);
  if (mode === 'stream') toOpen.push(reader);
  else {
    const poller: Poller = {
      reader,
      socket: undefined,
      request: requestFor(undefined),
      received: Buffer.alloc(0),
      first: true,
    };
    // Readers opened their pages at random moments: spread the polls over the interval.
    setTimeout(() => poll(poller), Math.random() * INTERVAL);
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
