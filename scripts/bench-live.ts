// The live-readers section of `npm run bench`: an election being voted on, N readers with
// the page open while wrk drives page requests, measured twice, each on a server of its own:
// readers polling its version document at the real rate (each on its own keep-alive
// connection), then readers holding its Server-Sent Events stream open (LIVE_STREAM=true).
// Reports the server's memory per reader, page throughput beside the same server without
// readers, and the time from saving a file to each reader seeing the new version (median,
// p99, last). BENCH_LIVE_READERS sets N (default 10,000).
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
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

function rssMb(pid: number): number {
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
    ...(kind === 'stream' ? { LIVE_STREAM: 'true', LIVE_STREAM_MAX: String(readers + 100) } : {}),
  });
  await tools.waitFor(`${origin}/healthz`);
  const pageUrl = `${origin}/${REPLAY_ELECTION}/results`;
  tools.wrk(pageUrl, 50, 2);
  const alone = tools.wrk(pageUrl);
  const rssAlone = rssMb(site.pid!);

  const pollers = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(projectRoot, 'scripts/live-pollers.ts'),
      origin + (kind === 'stream' ? urls.liveEvents : urls.live)(REPLAY_ELECTION),
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
  try {
    const ready = await next<{ seq: number; open: number }>();
    await new Promise((r) => setTimeout(r, 2_000));
    const rssReaders = rssMb(site.pid!);
    await ask({ stats: true });
    const together = tools.wrk(pageUrl);
    const stats = await ask<{
      polls: number;
      notModified: number;
      events: number;
      open: number;
      errors: number;
      seconds: number;
    }>({ stats: true });

    // Saves alternate between two steps of the day; each reader's delay to seeing the change.
    const delays: number[] = [];
    const lasts: number[] = [];
    let missing = 0;
    let seq = ready.seq;
    const steps: ReplayStep[] = ['decided', 'round-1', 'decided'];
    for (const step of steps) {
      const saved = Date.now();
      await replayStep(dir, step, decided);
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
      seq = Number(
        ((await (await fetch(`${origin}/${REPLAY_ELECTION}/live.json`)).json()) as { seq: number })
          .seq,
      );
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
        : `  polls served ${fmt(stats.polls / stats.seconds)}/s of ${fmt(readers / LIVE_POLL_SECONDS)}/s intended (fewer: the server or the pollers' own process was saturated) (${fmt((100 * stats.notModified) / Math.max(1, stats.polls))}% 304), poll errors ${stats.errors}\n`;
    const worst = lasts.at(-1) ?? Infinity;
    const met = percentile(delays, 50) < 2000 && percentile(delays, 99) < 2000 && worst < 2000;
    process.stdout.write(
      `\nLive readers, ${kind === 'stream' ? 'stream' : 'polling'}: ${fmt(readers)} readers ${how}, while wrk -t2 -c50 -d${seconds}s reads /${REPLAY_ELECTION}/results (voting):\n` +
        traffic +
        `  server memory: ${fmt(rssAlone)} MB without readers, ${fmt(rssReaders)} MB with them: ${fmt(((rssReaders - rssAlone) * 1024) / readers, 1)} KB per reader\n` +
        `  page throughput: ${fmt(alone.rps)} req/s without readers, ${fmt(together.rps)} req/s with them (${fmt(together.rps / alone.rps, 2)}×); p99 ${fmt(alone.p99, 2)} → ${fmt(together.p99, 2)} ms; errors ${together.errors}\n` +
        `  save to reader seeing it (${steps.length} saves, ${fmt(delays.length)} observations): median ${fmt(percentile(delays, 50))} ms, p99 ${fmt(percentile(delays, 99))} ms; last reader median ${fmt(percentile(lasts, 50))} ms, worst ${fmt(worst)} ms (goal < 2,000 ms, median, p99 and last: ${met && missing === 0 ? 'met' : 'NOT met'})${missing ? `; ${fmt(missing)} never saw it within 10 s` : ''}\n`,
    );
  } finally {
    pollers.stdin.end();
    pollers.kill('SIGTERM');
    site.kill('SIGTERM');
  }
}
