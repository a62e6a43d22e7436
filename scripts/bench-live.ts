// The live-readers section of `npm run bench`: an election being voted on, N readers with
// the page open polling its version document at the real rate (each on its own keep-alive
// connection), while wrk drives page requests. Reports the server's memory per reader, page
// throughput beside the same run without readers, and the time from saving a file to the
// last reader seeing the new version. BENCH_LIVE_READERS sets N (default 10,000).
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LIVE_POLL_SECONDS } from '../src/http/live.js';
import { projectRoot } from '../src/paths.js';
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

export async function benchLiveReaders(tools: BenchTools): Promise<void> {
  const { fmt, seconds } = tools;
  const readers = Number(process.env.BENCH_LIVE_READERS ?? 10_000);
  const dir = path.join(tools.work, 'live');
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
      `${origin}/${REPLAY_ELECTION}/live.json`,
      String(readers),
      String(LIVE_POLL_SECONDS * 1000),
    ],
    { cwd: projectRoot, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: pollers.stdout });
  const pending: ((line: string) => void)[] = [];
  lines.on('line', (line) => pending.shift()?.(line));
  const next = <T>(): Promise<T> =>
    new Promise((resolve) => pending.push((line) => resolve(JSON.parse(line) as T)));
  const ask = <T>(message: object): Promise<T> => {
    const answer = next<T>();
    pollers.stdin.write(`${JSON.stringify(message)}\n`);
    return answer;
  };
  try {
    const ready = await next<{ seq: number }>();
    await new Promise((r) => setTimeout(r, 2_000));
    const rssReaders = rssMb(site.pid!);
    await ask({ stats: true });
    const together = tools.wrk(pageUrl);
    const stats = await ask<{
      polls: number;
      notModified: number;
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

    process.stdout.write(
      `\nLive readers: ${fmt(readers)} readers polling /${REPLAY_ELECTION}/live.json every ${LIVE_POLL_SECONDS} s, each on its own connection, while wrk -t2 -c50 -d${seconds}s reads /${REPLAY_ELECTION}/results (voting):\n` +
        `  polls served ${fmt(stats.polls / stats.seconds)}/s of ${fmt(readers / LIVE_POLL_SECONDS)}/s intended (fewer: the server or the pollers' own process was saturated) (${fmt((100 * stats.notModified) / Math.max(1, stats.polls))}% 304), poll errors ${stats.errors}\n` +
        `  server memory: ${fmt(rssAlone)} MB without readers, ${fmt(rssReaders)} MB with them: ${fmt(((rssReaders - rssAlone) * 1024) / readers, 1)} KB per reader\n` +
        `  page throughput: ${fmt(alone.rps)} req/s without readers, ${fmt(together.rps)} req/s with them (${fmt(together.rps / alone.rps, 2)}×); p99 ${fmt(alone.p99, 2)} → ${fmt(together.p99, 2)} ms; errors ${together.errors}\n` +
        `  save to reader seeing it (${steps.length} saves, ${fmt(delays.length)} observations): median ${fmt(percentile(delays, 50))} ms, p99 ${fmt(percentile(delays, 99))} ms; last reader median ${fmt(percentile(lasts, 50))} ms, worst ${fmt(lasts.at(-1) ?? NaN)} ms (goal < 2,000 ms: ${(lasts.at(-1) ?? Infinity) < 2000 && missing === 0 ? 'met' : 'NOT met'})${missing ? `; ${fmt(missing)} never saw it within 10 s` : ''}\n`,
    );
  } finally {
    pollers.stdin.end();
    pollers.kill('SIGTERM');
    site.kill('SIGTERM');
  }
}
