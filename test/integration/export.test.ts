// The static export matches what the Node server answers, page by page and file by file.
import { spawnSync } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPlan } from '../../scripts/export-plan.js';
import { appFor, raw } from '../support/app.js';
import { cleanUp, shippedContent, tempDir } from '../support/fixtures.js';

afterAll(cleanUp);

const BASE = 'https://explainer.example';

describe('npm run export', () => {
  it('writes every page, file and API response exactly as the server serves them', async () => {
    const out = await tempDir('explainer-export-');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/export-static.ts', '--out', out],
      {
        env: { ...process.env, CONTENT_DIR: shippedContent, BASE_URL: BASE },
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { app, holder } = await appFor(shippedContent, { baseUrl: BASE });
    const plan = exportPlan(holder.current);
    const count = (kind: string): number =>
      new Set(plan.filter((p) => p.kind === kind).map((p) => p.url)).size;
    expect(run.stdout).toBe(
      `Exported ${count('page')} pages, ${count('api')} API responses and ${count('file')} other files to ${out}.\n`,
    );

    for (const { url, file } of plan) {
      const live = await raw(app, url);
      expect(live.status, url).toBe(200);
      expect(
        (await readFile(path.join(out, file))).equals(live.body as Buffer),
        `${file} differs from ${url}`,
      ).toBe(true);
    }
    const written = (await readdir(out, { recursive: true, withFileTypes: true }))
      .filter((f) => f.isFile())
      .map((f) => path.relative(out, path.join(f.parentPath, f.name)))
      .filter((f) => !f.startsWith('assets/'));
    expect(written.sort()).toEqual(
      [...plan.map((p) => p.file), '404.html', '_headers', '_redirects', 'nginx-site.conf'].sort(),
    );
    for (const asset of ['assets/site.css', 'assets/favicon.svg']) {
      const live = await raw(app, `/${asset}`);
      expect((await readFile(path.join(out, asset))).equals(live.body as Buffer), asset).toBe(true);
    }
    expect(await readFile(path.join(out, '404.html'), 'utf8')).toContain('<h1>Page not found</h1>');
    expect(await readFile(path.join(out, '_redirects'), 'utf8')).toContain(
      '/api/elections /api/elections.json 200\n',
    );
    expect(await readFile(path.join(out, '_redirects'), 'utf8')).toContain(
      '/fr/api/elections /fr/api/elections.json 200\n',
    );
    // Every language's feed, API and share images: many cards to draw, twice.
  }, 90_000);

  it('refuses to export invalid content', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/export-static.ts', '--out', path.join(tmpdir(), 'never')],
      {
        env: { ...process.env, CONTENT_DIR: path.join(shippedContent, 'elections') },
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Nothing was exported.');
  });
});
