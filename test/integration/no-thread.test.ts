// A process that can make no more threads (a container's limit on them, no address space
// left) when a thread must be started: the request that needed the rendering thread is refused,
// the load that needed the loading thread reports it, the server keeps serving, and both start
// their thread once the process can make one. Here the process's address space is capped, for
// real, at what it uses. In a file of its own: the stack of a thread that ended earlier in this
// process would be used again without new memory, and the thread would start.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReport } from '../../src/content/report.js';
import { createSite } from '../../src/http/site.js';
import { ContentHolder } from '../../src/store/holder.js';
import { createBackgroundLoader } from '../../src/store/loader.js';
import { loadOrThrow } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';
import { capturedLogger } from '../support/log.js';
import { listen, rawGet } from '../support/socket.js';

const PAGE = '/iom-dg-2023/candidates/amy-pope';
const RESULTS = '/iom-dg-2023/results';

interface Line {
  level: number;
  msg: string;
  err?: { code: string; message: string };
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0)) await thing.close();
});

/**
 * What `run` gives with this process's address space capped 3 MB above its use now: room for
 * what a few requests allocate, none for a new thread's stack (4 MB and a little).
 */
async function withoutRoomForAThread<T>(run: () => Promise<T>): Promise<T> {
  const inUse = Number(/VmSize:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]);
  // The soft limit only: the hard one stays, so the cap can be lifted again.
  execFileSync('prlimit', ['--pid', String(process.pid), `--as=${(inUse + 3 * 1024) * 1024}:`]);
  try {
    return await run();
  } finally {
    execFileSync('prlimit', ['--pid', String(process.pid), '--as=unlimited:']);
  }
}

describe('a process that can make no more threads', () => {
  it('refuses the request that needed the rendering thread and reports the load that needed the loading thread; both start once it can', async () => {
    const { logger, lines } = capturedLogger<Line>();
    // A first rendering thread that stops at once, its stack (1 MB) too small for the next
    // one's (4 MB) to be made of it.
    const brief = new Worker(
      `require('node:worker_threads').parentPort.once('message', () => process.exit(0));`,
      { eval: true, resourceLimits: { stackSizeMb: 1 } },
    );
    const site = await createSite({
      holder: new ContentHolder(await loadOrThrow(shippedContent)),
      config: { dev: false, baseUrl: 'https://explainer.example', trustProxy: false },
      logger,
      renderingThread: brief,
    });
    const server = await listen(site.handler);
    const loader = createBackgroundLoader();
    opened.push(server, site, loader);
    expect(site.renderer!.thread).toBeUndefined();
    // Past the second in which a stopped thread is not started again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    const [refused, load] = await withoutRoomForAThread(async () => {
      // A warm-up that cannot start its thread ends quietly (it was an unhandled rejection).
      await loader.warmUp(shippedContent);
      return Promise.all([rawGet(server.port, RESULTS), loader.load(shippedContent)]);
    });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['cache-control']).toBe('no-store');
    expect(refused.body.toString()).toContain(
      `Request id: ${String(refused.headers['x-request-id'])}`,
    );
    expect(lines.filter((l) => l.msg.startsWith('The rendering thread could not'))).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'The rendering thread could not be started; the next request tries again',
        err: expect.objectContaining({
          code: 'ERR_WORKER_INIT_FAILED',
          message: 'EAGAIN',
        }) as Line['err'],
      }),
    ]);
    expect(site.renderer!.thread).toBeUndefined();
    expect(load.ok).toBe(false);
    expect(formatReport(load.ok ? [] : load.problems)).toBe(
      [
        '. error This file could not be processed: the loading thread could not be started: EAGAIN. Simplify the part of the file shown; if the problem stays, report it with the file attached. (load-failed)',
        '',
        '1 error and 0 warnings in 1 file.',
      ].join('\n'),
    );

    // Within the second after it, requests are refused without trying; then one starts it.
    expect((await rawGet(server.port, PAGE)).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const page = await rawGet(server.port, PAGE);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<h1');
    expect(site.renderer!.thread).toBeDefined();
    // Cached now: the next asks nothing of the thread.
    expect((await rawGet(server.port, PAGE)).body.equals(page.body)).toBe(true);
    // And the next load starts its thread.
    expect((await loader.load(shippedContent)).ok).toBe(true);
  });
});
