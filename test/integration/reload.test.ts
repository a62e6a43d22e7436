// Reload: the next content is built beside the current one and swapped in whole; an invalid
// edit keeps the last good content serving and, in dev, shows the problems in the page.
import { spawn } from 'node:child_process';
import { cp, readFile, rename, rm } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { serialize } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';
import { createBackgroundLoader } from '../../src/store/loader.js';
import type { SharedContent } from '../../src/store/posted-content.js';
import { toPost } from '../../src/store/posted-content.js';
import { createReloader } from '../../src/store/reload.js';
import { appFor } from '../support/app.js';
import {
  addSlowPage,
  cleanUp,
  copySite,
  editFile,
  KEPT_BY_TESTS,
  problemsDir,
  scenarioSite,
  shippedContent,
} from '../support/fixtures.js';
import { until } from '../support/until.js';

afterAll(cleanUp);

const PROFILE = 'elections/sample-2024/candidates/ana-lima.md';

describe('reloading content', () => {
  it('swaps in edited content whole, with a new version', async () => {
    const dir = await copySite();
    const { app, holder } = await appFor(dir);
    const before = holder.current;
    await editFile(dir, PROFILE, (t) =>
      t.replace('Diplomat from Exampleland.', 'Diplomat and author from Exampleland.'),
    );
    expect(await createReloader(dir, holder)()).toEqual({ ok: true });
    expect(holder.current).not.toBe(before);
    expect(holder.current.version).not.toBe(before.version);
    expect(Object.isFrozen(holder.current)).toBe(true);
    const res = await request(app).get('/sample-2024/candidates/ana-lima').expect(200);
    expect(res.text).toContain('Diplomat and author from Exampleland.');
  });

  it('keeps serving the last good content when an edit is invalid, and says why in dev', async () => {
    const dir = await copySite();
    const { app, holder } = await appFor(dir, { dev: true });
    const good = holder.current;
    await editFile(dir, PROFILE, (t) =>
      t.replace('nominatedBy: Exampleland', 'nominatedBy: [Exampleland'),
    );
    expect(await createReloader(dir, holder)()).toEqual({ ok: false });
    expect(holder.current).toBe(good);
    expect(holder.failure?.problems.map((p) => [p.code, p.file, p.line])).toEqual([
      ['yaml-syntax', PROFILE, 5],
    ]);

    const res = await request(app).get('/sample-2024/candidates/ana-lima').expect(200);
    expect(res.text).toContain('Diplomat from Exampleland.');
    expect(res.text).toContain(
      '<h2 id="dev-problems-title">Content not updated: still serving the version loaded earlier</h2>',
    );
    expect(res.text).toContain(`<code class="location">${dir}/${PROFILE}:5:14</code>`);
    expect(res.text).toContain('<span class="marked">&gt;    5 | nominatedBy: [Exampleland</span>');
    expect(res.text).toContain(
      '<span class="caret" aria-hidden="true">       |              ^</span>',
    );
    expect(res.text).toContain('<span>     6 | born:</span>');
  });

  it("does not show editors' problems to readers outside dev", async () => {
    const dir = await copySite();
    const { app, holder } = await appFor(dir, { dev: false });
    await editFile(dir, PROFILE, (t) =>
      t.replace('nominatedBy: Exampleland', 'nominatedBy: [Exampleland'),
    );
    await createReloader(dir, holder)();
    const res = await request(app).get('/sample-2024/candidates/ana-lima').expect(200);
    expect(res.text).not.toContain('dev-problems');
  });

  it('clears the problems once the edit is fixed', async () => {
    const dir = await copySite();
    const { holder } = await appFor(dir, { dev: true });
    const reload = createReloader(dir, holder);
    await editFile(dir, PROFILE, (t) => t.replace('summary:', 'summry:'));
    await reload();
    expect(holder.failure).toBeDefined();
    await editFile(dir, PROFILE, (t) => t.replace('summry:', 'summary:'));
    expect(await reload()).toEqual({ ok: true });
    expect(holder.failure).toBeUndefined();
  });
});

/** Resolves with the first server-sent event named `name`. */
function nextEvent(
  url: string,
  name: string,
): Promise<{ close: () => void; event: Promise<string> }> {
  return new Promise((resolveOpen, reject) => {
    const req = http.get(url, (res) => {
      let buffer = '';
      const event = new Promise<string>((resolve) => {
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const match = new RegExp(`event: ${name}\\ndata: (.*)\\n\\n`).exec(buffer);
          if (match) resolve(match[1]!);
        });
      });
      resolveOpen({ close: () => req.destroy(), event });
    });
    req.on('error', reject);
  });
}

describe('the dev server', () => {
  it('serves an edit to a Markdown or YAML file without a restart, and tells open pages to reload', async () => {
    const dir = await copySite();
    const config = {
      ...readConfig({
        CONTENT_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: 'development',
        LOG_LEVEL: 'silent',
      }),
    };
    const running = await startServer(config);
    if (!running) throw new Error('server did not start');
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      // Twelve open pages: each is told (and Node warned of a leak past ten, a listener each).
      const pages = await Promise.all(
        Array.from({ length: 12 }, () => nextEvent(`${running.url}/__dev/events`, 'reload')),
      );
      await editFile(dir, PROFILE, (t) =>
        t.replace('Ana Lima is a diplomat.', 'Ana Lima is a diplomat and writer.'),
      );
      expect(await Promise.all(pages.map((p) => p.event))).toEqual(Array(12).fill('swap'));
      for (const p of pages) p.close();
      expect(warnings).toEqual([]);
      const page = await until(async () => {
        const text = await (await fetch(`${running.url}/sample-2024/candidates/ana-lima`)).text();
        return text.includes('diplomat and writer') ? text : undefined;
      });
      expect(page).toContain('Ana Lima is a diplomat and writer.');

      await editFile(dir, 'elections/sample-2024/election.yaml', (t) =>
        t.replace('shortTitle: Sample Union 2024', 'shortTitle: Sample Union vote 2024'),
      );
      await until(async () => {
        const text = await (await fetch(`${running.url}/sample-2024/`)).text();
        return text.includes('Sample Union vote 2024') ? true : undefined;
      });
    } finally {
      process.off('warning', onWarning);
      await running.stop();
    }
  });
});

/** A production server (no dev) watching `dir`, started in this process. */
async function watchingServer(dir: string) {
  const running = await startServer(
    readConfig({
      CONTENT_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      WATCH: 'true',
      LAST_GOOD_DIR: KEPT_BY_TESTS,
      LOG_LEVEL: 'silent',
    }),
  );
  if (!running) throw new Error('server did not start');
  return running;
}

describe('watching in production', () => {
  it('follows a content folder replaced at its path (a deploy swapping folders), and every save after it', async () => {
    const dir = await copySite();
    const running = await watchingServer(dir);
    const page = `${running.url}/sample-2024/candidates/ana-lima`;
    const served = (text: string) =>
      until(async () => ((await (await fetch(page)).text()).includes(text) ? true : undefined));
    try {
      // The release beside the folder, then swapped in: `mv content content.old && mv new content`.
      await cp(dir, `${dir}.new`, { recursive: true });
      await editFile(`${dir}.new`, PROFILE, (t) =>
        t.replace('Diplomat from Exampleland.', 'Diplomat from Exampleland, as deployed.'),
      );
      await rename(dir, `${dir}.old`);
      await rename(`${dir}.new`, dir);
      expect(await served('Diplomat from Exampleland, as deployed.')).toBe(true);
      // Before, the watcher followed the old folder: this save was never seen.
      await editFile(dir, PROFILE, (t) => t.replace('as deployed.', 'as deployed, then edited.'));
      expect(await served('Diplomat from Exampleland, as deployed, then edited.')).toBe(true);
    } finally {
      await running.stop();
      await rm(`${dir}.old`, { recursive: true, force: true });
    }
    // A server started in this process: slow on a machine busy with the other test files.
  }, 60_000);

  it('renders a save in the rendering thread, and in one started again after it stopped', async () => {
    const dir = await copySite();
    const running = await watchingServer(dir);
    const versionNow = async () =>
      ((await (await fetch(`${running.url}/healthz`)).json()) as { version: string }).version;
    const pageText = async (page: string) => (await fetch(`${running.url}${page}`)).text();
    try {
      const before = await versionNow();
      await editFile(dir, PROFILE, (t) =>
        t.replace('Diplomat from Exampleland.', 'Diplomat from Exampleland, saved once.'),
      );
      // Swapped in: the serving thread read it without its HTML, and handed the rendering
      // thread both parts the loading thread made of it, shared.
      expect(await until(async () => ((await versionNow()) !== before ? true : undefined))).toBe(
        true,
      );
      expect(await pageText('/sample-2024/candidates/ana-lima')).toContain(
        'Diplomat from Exampleland, saved once.',
      );
      // Those bytes are shared, not given away: a thread started after it stopped reads them too.
      await running.site.renderer!.thread!.terminate();
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect(await pageText('/sample-2024/compare')).toContain(
        'Diplomat from Exampleland, saved once.',
      );
      expect(running.site.renderer!.thread).toBeDefined();
    } finally {
      await running.stop();
    }
  }, 60_000);
});

/** The sizes of the array buffers a thread's heap holds (from a heap snapshot), largest first. */
async function arrayBufferSizes(worker: Worker): Promise<number[]> {
  let text = '';
  for await (const chunk of await worker.getHeapSnapshot()) text += String(chunk);
  const { snapshot, nodes, strings } = JSON.parse(text) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.meta.node_fields;
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const sizes: number[] = [];
  for (let i = 0; i < nodes.length; i += fields.length)
    if (
      snapshot.meta.node_types[0][nodes[i + type]!] === 'native' &&
      strings[nodes[i + name]!]!.includes('JSArrayBufferData')
    )
      sizes.push(nodes[i + size]!);
  return sizes.sort((a, b) => b - a);
}

describe('content handed to the rendering thread', () => {
  it('is not kept there once a save is swapped in after it', async () => {
    const dir = await copySite(shippedContent);
    const running = await watchingServer(dir);
    try {
      // The shared memory the rendering thread reads a content from (about a megabyte), shared
      // with the serving thread: a thread holding it for each content would grow per save.
      const { light, html } = toPost(running.holder.current) as SharedContent;
      expect(html.buffer).toBe(light.buffer);
      const size = light.buffer.byteLength;
      expect(size).toBeGreaterThan(serialize(running.holder.current).length * 2);
      const first = running.holder.current;
      await editFile(dir, 'elections/iom-dg-2023/candidates/amy-pope.md', (t) =>
        t.replace(/^(summary: >-\n)/m, '$1  Saved for the memory test.\n'),
      );
      expect(await until(() => (running.holder.current !== first ? true : undefined))).toBe(true);
      const page = await fetch(`${running.url}/iom-dg-2023/candidates/amy-pope`);
      expect(await page.text()).toContain('Saved for the memory test.');
      const sizes = await arrayBufferSizes(running.site.renderer!.thread!);
      expect(sizes.length).toBeGreaterThan(0);
      expect(sizes.filter((bytes) => bytes >= size / 2)).toEqual([]);
    } finally {
      await running.stop();
    }
  }, 60_000);
});

describe('the loading thread warms up while watching', () => {
  it('loads a save made during a warm-up next, with its new text, and drops the warm-up left', async () => {
    const dir = await copySite();
    const loader = createBackgroundLoader();
    try {
      const order: string[] = [];
      const warm = loader.warmUp(dir, {}, 2).then(() => order.push('warmed'));
      await editFile(dir, PROFILE, (t) =>
        t.replace('Diplomat from Exampleland.', 'Diplomat from Exampleland, saved early.'),
      );
      const loaded = loader.load(dir).then((result) => {
        order.push('loaded');
        return result;
      });
      const result = await loaded;
      await warm;
      // The second warm-up would have run after the save's load: it was dropped.
      expect(order).toEqual(['warmed', 'loaded']);
      if (!result.ok) throw new Error('the load failed');
      const profile = result.content.elections[0]!.candidates.find((c) => c.slug === 'ana-lima');
      expect(profile?.summary).toBe('Diplomat from Exampleland, saved early.');
      expect(Object.isFrozen(result.content)).toBe(true);
    } finally {
      await loader.close();
    }
  });

  it('shutting down does not wait for a warm-up', async () => {
    const dir = await copySite();
    // A minute of Markdown, and a budget longer than that: only closing stops it.
    await addSlowPage(dir);
    const loader = createBackgroundLoader(600_000);
    const warm = loader.warmUp(dir);
    // The thread is on the slow file before it is told to stop.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await loader.close();
    await warm;
    // Loads after it start a thread of their own.
    await rm(path.join(dir, 'pages', 'slow.md'));
    expect((await loader.load(dir)).ok).toBe(true);
    await loader.close();
  });
});

describe('starting with invalid content', () => {
  it('exits 1 and prints the full problem list', async () => {
    const site = await scenarioSite('markdown-references');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, CONTENT_DIR: site, PORT: '0', LOG_LEVEL: 'silent' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`Content in ${site} has problems; the site was not started.`);
    expect(stderr).toContain(
      await readFile(path.join(problemsDir, 'markdown-references', 'expected.txt'), 'utf8').then(
        (t) => t.split('\n')[1]!,
      ),
    );
    expect(stderr).toContain('5 errors and 1 warning in 1 file.');
  });
});
