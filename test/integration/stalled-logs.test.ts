// A stalled log reader stalls nothing: with nobody reading the server's stdout, requests keep
// being answered and memory stays flat (lines beyond a bounded buffer are dropped and counted),
// and once the reader is back the log says how many lines were lost. A content problem report
// larger than stderr's pipe waits for its reader, and the reports after it are written too.
import { readFile, writeFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, copySite, shippedContent } from '../support/fixtures.js';
import { spawnServer } from '../support/server.js';
import type { ServerProcess } from '../support/server.js';
import { rawGet } from '../support/socket.js';
import { until } from '../support/until.js';

const PAGE = '/iom-dg-2023/candidates/amy-pope';

describe('a server whose stdout nobody reads', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnServer({}, { readStdout: false });
  });
  afterAll(() => server?.stop());

  it('keeps answering with flat memory, then reports the lines it dropped', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    let answered = 0;
    const burst = async (count: number): Promise<void> => {
      let left = count;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (left-- > 0) {
            // Long targets make long log lines: the pipe and the buffer fill sooner.
            const res = await rawGet(server.port, `${PAGE}?${'x'.repeat(400)}`, {}, agent);
            expect(res.status).toBe(200);
            answered++;
          }
        }),
      );
    };
    // Well past what the pipe (64 KiB) and the logger's buffer (4 MiB) hold.
    await burst(5_000);
    const start = server.rssMb();
    for (let i = 0; i < 5; i++) {
      await burst(5_000);
      expect(server.rssMb() - start, `after ${answered} requests`).toBeLessThan(50);
    }
    expect(answered).toBe(30_000);
    const health = await rawGet(server.port, '/healthz', {}, agent);
    expect(health.status).toBe(200);
    agent.destroy();

    // The reader comes back: what was buffered arrives, then the count of what was not.
    let out = '';
    server.child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    server.child.stdout.resume();
    const report = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no report of dropped lines')), 20_000);
      const check = setInterval(() => {
        const m = /\{[^\n]*"msg":"(\d+) log lines dropped"[^\n]*\}/.exec(out);
        if (!m) return;
        clearInterval(check);
        clearTimeout(timer);
        resolve(m[0]);
      }, 100);
    });
    const line = JSON.parse(report) as { level: number; dropped: number; msg: string };
    expect(line.level).toBe(40);
    expect(line.dropped).toBeGreaterThan(1_000);
    expect(line.msg).toBe(`${line.dropped} log lines dropped`);
    // Every request was logged until the buffer filled: the lines that got through are whole.
    const logged = out.split('\n').filter((l) => l.includes('"msg":"request completed"'));
    expect(logged.length).toBeGreaterThan(1_000);
    for (const l of logged.slice(0, 100)) expect(() => JSON.parse(l) as unknown).not.toThrow();
  }, 180_000);
});

describe('stopping a server whose stdout nobody reads', () => {
  it('SIGTERM still exits 0 promptly: the lines it cannot write are given up', async () => {
    const server = await spawnServer({}, { readStdout: false });
    try {
      const agent = new Agent({ keepAlive: true, maxSockets: 16 });
      let left = 10_000;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (left-- > 0)
            expect((await rawGet(server.port, `/?${'x'.repeat(800)}`, {}, agent)).status).toBe(200);
        }),
      );
      agent.destroy();
      const exited = new Promise<number | null>((resolve) =>
        server.child.once('exit', (code) => resolve(code)),
      );
      server.child.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        new Promise<string>((r) => setTimeout(() => r('still running after 10 s'), 10_000)),
      ]);
      expect(code).toBe(0);
    } finally {
      await server.stop();
    }
  }, 120_000);
});

describe('a server whose stderr is read late', () => {
  it('writes a report larger than the pipe whole once it is read, and every report after it', async () => {
    const dir = await copySite(shippedContent);
    const profile = path.join(dir, 'elections/iom-dg-2023/candidates/amy-pope.md');
    const original = await readFile(profile, 'utf8');
    // Sources with ids of 2,000 characters, each quoted whole in its problem's message.
    const unknownSources = (count: number): string =>
      original.replace(
        '  sources: [afp-profile-pope, dw-pope-to-head]',
        `  sources: [${Array.from({ length: count }, (_, i) => `u${i}-${'x'.repeat(2000)}`).join(', ')}]`,
      );
    const server = await spawnServer({ CONTENT_DIR: dir, WATCH: 'true' });
    try {
      // Nobody reads stderr while 60 problems are reported, the first 50 in full (130 KB; the
      // pipe holds 64 KiB).
      await writeFile(profile, unknownSources(60));
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect((await rawGet(server.port, '/healthz')).status).toBe(200);
      let err = '';
      server.child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const reported = (summary: string): Promise<boolean> =>
        until(() => (err.includes(summary) ? true : undefined), 20_000);
      expect(await reported('60 errors and 0 warnings in 1 file.')).toBe(true);
      expect(err.length).toBeGreaterThan(128 * 1024);
      expect(err).toContain(
        `amy-pope.md:10:13 error born › source 1: Unknown source "u0-${'x'.repeat(2000)}".`,
      );
      expect(err).toContain(`source 50: Unknown source "u49-${'x'.repeat(2000)}".`);
      expect(err).toContain(
        '\n10 more problems are not shown here (npm run check lists every problem).\n60 errors and 0 warnings in 1 file.\n',
      );
      // Before, stderr was a file stream: the full pipe (EAGAIN) ended it, and this was lost.
      await writeFile(profile, unknownSources(3));
      expect(await reported('3 errors and 0 warnings in 1 file.')).toBe(true);
    } finally {
      await server.stop();
      await cleanUp();
    }
  }, 90_000);
});
