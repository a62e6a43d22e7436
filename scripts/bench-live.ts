// The live-readers section of `npm run bench`: an election being voted on, N readers with
// the page open while wrk drives page requests, measured twice, each on a server of its own:
// readers polling its version document at the real rate (each on its own keep-alive
// connection), then readers holding its Server-Sent Events stream open (LIVE_STREAM=true).
// Reports the server's memory per reader, page throughput beside the same server without
// readers, and the time from saving a file to each reader seeing the new version (median,
// p99, last). BENCH_LIVE_READERS sets N (default 10,000).
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LIVE_POLL_SECONDS } from '../src/http/live.js';
import { projectRoot } from '../src/paths.js';
import { urls } from '../src/urls.js';
import { decidedText, REPLAY_ELECTION, replayStep } from './vote-day.js';
import type { ReplayStep } from './vote-day.js';

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** What bench.ts already has: its helpers, passed in so both share one implementation. */
export interface BenchTools {
  server: string;
  work: string;
  seconds: number;
  start: (command: string, args: string[], env?: Record<string, string>) => ChildProcess;
  freePort: () => Promise<number>;
  waitFor: (url: string) => Promise<number>;
  wrk: (url: string, connections?: number, seconds?: number) => Load;
  fmt: (n: number, digits?: number) => string;
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

type Kind = 'poll' | 'stream';

/** The file descriptors a process of this user may open (Node raises its soft limit to this). */
function hardFileLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const hard = /^Max open files\s+\S+\s+(\S+)/m.exec(limits)?.[1];
  return hard === undefined || hard === 'unlimited' ? Infinity : Number(hard);
}

export async function benchLiveReaders(tools: BenchTools): Promise<void> {
  const readers = Number(process.env.BENCH_LIVE_READERS ?? 10_000);
  // The readers' process holds one connection each, and so does the server.
  const limit = hardFileLimit();
  if (limit < readers + 256) {
    process.stdout.write(
      `\nLive readers: skipped: ${tools.fmt(readers)} connections need about ${tools.fmt(readers + 256)} file descriptors per process, and this user may open ${tools.fmt(limit)}. Raise the hard limit (ulimit -Hn, /etc/security/limits.conf) or set BENCH_LIVE_READERS lower.\n`,
    );
    return;
  }
  await measureReaders(tools, readers, 'poll');
  await measureReaders(tools, readers, 'stream');
}

async function measureReaders(tools: BenchTools, readers: number, kind: Kind): Promise<void> {
  const { fmt, seconds } = tools;
  const dir = path.join(tools.work, `live-${kind}`);
  cpSync(path.join(projectRoot, 'content'), dir, { recursive: true });
  const decided = await decidedText(dir);
  await replayStep(dir, 'round-1', decided);
  const port = await tools.freePort();
  const origin = `http://127.0.0.1:${port}`;
  const site = tools.start(process.execPath, [tools.server], {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    WATCH: 'true',
    CONTENT_DIR: dir,
    // The last good content kept as in production, in the bench's folder (removed at the end).
    LAST_GOOD_DIR: path.join(tools.work, 'kept'),
    // Every reader here is one address, as behind a proxy: no limit per client.
    CONNECTIONS_PER_CLIENT: '0',
    ...(kind === 'stream' ? { LIVE_STREAM: 'true', LIVE_STREAM_MAX: String(readers + 100) } : {}),
  });
  await tools.waitFor(`${origin}/healthz`);
  const pageUrl = `${origin}/${REPLAY_ELECTION}/results`;
  tools.wrk(pageUrl, 50, 2);
  const alone = tools.wrk(pageUrl);
  const rssAlone = rssMb(site.pid!);

  // What polls cost bare node:http, answering the same document with the same headers.
  const bare = kind === 'poll' ? await pollBaseline(tools, origin, readers) : undefined;
  const { next, ask, stop } = startReaders(
    origin + (kind === 'stream' ? urls.liveEvents : urls.live)(REPLAY_ELECTION),
    readers,
    kind,
  );
  try {
    const ready = await next<{ seq: number; open: number }>();
    await new Promise((r) => setTimeout(r, 2_000));
    const rssReaders = rssMb(site.pid!);
    // The same polls answered by this site, without wrk.
    const polled = bare ? await pollLoad(ask, site.pid!, seconds) : undefined;
    await ask({ stats: true });
    const together = tools.wrk(pageUrl);
    const stats = await ask<ReaderStats>({ stats: true });

    // Saves alternate between two steps of the day; each reader's delay to seeing the change.
    const delays: number[] = [];
    const lasts: number[] = [];
    /** From each save to the server answering the new version (the readers' delay less their polls'). */
    const atOrigin: number[] = [];
    let missing = 0;
    let seq = ready.seq;
    const steps: ReplayStep[] = ['decided', 'round-1', 'decided'];
    for (const step of steps) {
      const saved = Date.now();
      const served = originHas(`${origin}/${REPLAY_ELECTION}/live.json`, seq, saved + 10_000);
      await replayStep(dir, step, decided);
      atOrigin.push((await served) - saved);
      let report: (number | null)[] = [];
      const deadline = saved + 10_000;
      do {
        await new Promise((r) => setTimeout(r, 250));
        report = (await ask<{ delays: (number | null)[] }>({ report: saved, after: seq })).delays;
      } while (report.some((d) => d === null) && Date.now() < deadline);
      const seen = report.filter((d): d is number => d !== null);
      missing += report.length - seen.length;
      delays.push(...seen);
      lasts.push(Math.max(...seen));
      seq = await versionAt(`${origin}/${REPLAY_ELECTION}/live.json`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    delays.sort((a, b) => a - b);
    lasts.sort((a, b) => a - b);

    const how =
      kind === 'stream'
        ? `holding ${urls.liveEvents(REPLAY_ELECTION)} open (LIVE_STREAM=true), each on its own connection`
        : `polling ${urls.live(REPLAY_ELECTION)} every ${LIVE_POLL_SECONDS} s, each on its own connection`;
    const traffic =
      kind === 'stream'
        ? `  streams open: ${fmt(ready.open)} of ${fmt(readers)} at the start, ${fmt(stats.open)} after wrk; refused or failed ${stats.errors}\n`
        : pollLines(fmt, readers, bare!, polled!) +
          `  polls served beside wrk: ${fmt(stats.polls / stats.seconds)}/s (${fmt((100 * stats.notModified) / Math.max(1, stats.polls))}% 304), poll errors ${stats.errors}\n`;
    const worst = lasts.at(-1) ?? Infinity;
    const met = percentile(delays, 50) < 2000 && percentile(delays, 99) < 2000 && worst < 2000;
    process.stdout.write(
      `\nLive readers, ${kind === 'stream' ? 'stream' : 'polling'}: ${fmt(readers)} readers ${how}, while wrk -t2 -c50 -d${seconds}s reads /${REPLAY_ELECTION}/results (voting):\n` +
        traffic +
        `  server memory: ${fmt(rssAlone)} MB without readers, ${fmt(rssReaders)} MB with them: ${fmt(((rssReaders - rssAlone) * 1024) / readers, 1)} KB per reader\n` +
        `  page throughput: ${fmt(alone.rps)} req/s without readers, ${fmt(together.rps)} req/s with them (${fmt(together.rps / alone.rps, 2)}×); p99 ${fmt(alone.p99, 2)} → ${fmt(together.p99, 2)} ms; errors ${together.errors}\n` +
        `  save to the server answering it: ${atOrigin.map((t) => `${fmt(t)} ms`).join(', ')} (in order: the first is the first save since the server started)\n` +
        `  save to reader seeing it (${steps.length} saves, ${fmt(delays.length)} observations): median ${fmt(percentile(delays, 50))} ms, p99 ${fmt(percentile(delays, 99))} ms; last reader median ${fmt(percentile(lasts, 50))} ms, worst ${fmt(worst)} ms (goal < 2,000 ms, median, p99 and last: ${met && missing === 0 ? 'met' : 'NOT met'})${missing ? `; ${fmt(missing)} never saw it within 10 s` : ''}\n`,
    );
  } finally {
    stop();
    site.kill('SIGTERM');
  }
}

/** The version a version document says now. */
async function versionAt(url: string): Promise<number> {
  return Number(((await (await fetch(url)).json()) as { seq: number }).seq);
}

/** When the version document first says a version newer than `seq` (polled every 10 ms), or the deadline. */
async function originHas(url: string, seq: number, deadline: number): Promise<number> {
  while (Date.now() < deadline) {
    if ((await versionAt(url)) > seq) return Date.now();
    await new Promise((r) => setTimeout(r, 10));
  }
  return Infinity;
}

/** The polls' figures: this site against bare node:http, each alone with the same readers. */
function pollLines(
  fmt: BenchTools['fmt'],
  readers: number,
  bare: PollLoad,
  site: PollLoad,
): string {
  const line = (name: string, p: PollLoad): string =>
    `    ${name.padEnd(44)} ${fmt(p.rate).padStart(6)} polls/s   ${fmt(p.cpuPerPoll, 1)} µs CPU per poll (${fmt(100 * p.cpuShare)}% of a core)   errors ${p.errors}\n`;
  return (
    `  polls of ${fmt(readers / LIVE_POLL_SECONDS)}/s intended, without wrk (the server's CPU time from /proc, every thread):\n` +
    line('bare node:http, same document and headers', bare) +
    line('this site', site) +
    `    this site ÷ bare node:http: ${fmt(site.rate / bare.rate, 2)}× the polls, ${fmt(bare.cpuPerPoll / site.cpuPerPoll, 2)}× bare's polls per CPU second\n`
  );
}

interface ReaderStats {
  polls: number;
  notModified: number;
  events: number;
  open: number;
  errors: number;
  seconds: number;
}

/** The simulated readers' process (scripts/live-pollers.ts), and its questions and answers. */
function startReaders(
  url: string,
  readers: number,
  kind: Kind,
): {
  next: <T>() => Promise<T>;
  ask: <T>(message: object) => Promise<T>;
  stop: () => void;
} {
  const pollers = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(projectRoot, 'scripts/live-pollers.ts'),
      url,
      String(readers),
      String(LIVE_POLL_SECONDS * 1000),
      kind,
    ],
    { cwd: projectRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  // A readers' process that stops (the file descriptor limit, a crash) ends the measurement.
  const exited = new Promise<never>((_, reject) =>
    pollers.once('exit', (code) => reject(new Error(`the live readers' process exited (${code})`))),
  );
  exited.catch(() => undefined);
  const lines = createInterface({ input: pollers.stdout });
  const pending: ((line: string) => void)[] = [];
  lines.on('line', (line) => pending.shift()?.(line));
  const next = <T>(): Promise<T> =>
    Promise.race([
      new Promise<T>((resolve) => pending.push((line) => resolve(JSON.parse(line) as T))),
      exited,
    ]);
  const ask = <T>(message: object): Promise<T> => {
    const answer = next<T>();
    pollers.stdin.write(`${JSON.stringify(message)}\n`);
    return answer;
  };
  const stop = (): void => {
    pollers.stdin.end();
    pollers.kill('SIGTERM');
  };
  return { next, ask, stop };
}

/** CPU time a process has used, in milliseconds (user and system, every thread). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime, fields 14 and 15 of stat (11 and 12 after the command), in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Clock ticks per second (USER_HZ): 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100;

interface PollLoad {
  rate: number;
  cpuPerPoll: number;
  cpuShare: number;
  errors: number;
}

/** Polls served per second and the server's CPU per poll, over `seconds`. */
async function pollLoad(
  ask: <T>(message: object) => Promise<T>,
  pid: number,
  seconds: number,
): Promise<PollLoad> {
  await ask({ stats: true });
  const before = cpuMs(pid);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const stats = await ask<ReaderStats>({ stats: true });
  const cpu = cpuMs(pid) - before;
  return {
    rate: stats.polls / stats.seconds,
    cpuPerPoll: (cpu * 1000) / Math.max(1, stats.polls),
    cpuShare: cpu / (stats.seconds * 1000),
    errors: stats.errors,
  };
}

/**
 * The same readers polling bare node:http, which answers the site's version document with
 * the site's headers (200, or 304 for its ETag; a fresh request id each time) and does
 * nothing else; then polling the site, without wrk. Both figures are measured here, in turn.
 */
async function pollBaseline(tools: BenchTools, origin: string, readers: number): Promise<PollLoad> {
  const live = `${origin}${urls.live(REPLAY_ELECTION)}`;
  const json = { accept: 'application/json' };
  const full = await rawResponse(live, json);
  const etag = full.headers[full.headers.findIndex((h) => h.toLowerCase() === 'etag') + 1]!;
  const notModified = await rawResponse(live, { ...json, 'if-none-match': etag });
  const file = path.join(tools.work, 'bare-live.mjs');
  writeFileSync(
    file,
    `import { createServer } from 'node:http'; import { randomUUID } from 'node:crypto';
const body = Buffer.from(${JSON.stringify(full.body.toString('base64'))}, 'base64');
const full = ${JSON.stringify(full.headers)};
const notModified = ${JSON.stringify(notModified.headers)};
const etag = ${JSON.stringify(etag)};
createServer((req, res) => {
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, [...notModified, 'x-request-id', randomUUID()]);
    res.end();
  } else {
    res.writeHead(200, [...full, 'x-request-id', randomUUID()]);
    res.end(body);
  }
}).listen(Number(process.env.PORT), '127.0.0.1');`,
  );
  const port = await tools.freePort();
  const bareServer = tools.start(process.execPath, [file], { PORT: String(port) });
  try {
    await tools.waitFor(`http://127.0.0.1:${port}/`);
    const { next, ask, stop } = startReaders(
      `http://127.0.0.1:${port}${urls.live(REPLAY_ELECTION)}`,
      readers,
      'poll',
    );
    try {
      await next();
      await new Promise((r) => setTimeout(r, 2_000));
      return await pollLoad(ask, bareServer.pid!, tools.seconds);
    } finally {
      stop();
    }
  } finally {
    bareServer.kill('SIGTERM');
  }
}

/** A response as sent: its body, and its headers but the per-connection and per-request ones. */
export function rawResponse(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: string[]; body: Buffer }> {
  const skip = new Set(['date', 'connection', 'keep-alive', 'x-request-id', 'transfer-encoding']);
  return new Promise((resolve, reject) => {
    // A connection of its own: an idle keep-alive one may have been closed by the server.
    get(url, { agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const kept: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i]!;
          if (!skip.has(name.toLowerCase())) kept.push(name, res.rawHeaders[i + 1]!);
        }
        resolve({ headers: kept, body: Buffer.concat(chunks) });
      });
    }).on('error', reject);
  });
}
