// The static export served by a real nginx with the config written beside it: every
// canonical URL answers 200 with the exported bytes (no redirect to a trailing slash), old
// and non-canonical paths 301, and a rebuilt export moves the version document on.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPlan, fileFor } from '../../scripts/export-plan.js';
import type { LiveState } from '../../src/http/live.js';
import { loadOrThrow } from '../support/app.js';
import { cleanUp, copySite, editFile, shippedContent, tempDir } from '../support/fixtures.js';
import type { RunningNginx } from '../support/nginx.js';
import { startNginx } from '../support/nginx.js';
import { decidedText, REPLAY_ELECTION, replayStep } from '../../scripts/vote-day.js';

let nginx: RunningNginx | undefined;
afterAll(async () => {
  await nginx?.stop();
  await cleanUp();
});

function exportTo(contentDir: string, out: string): void {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/export-static.ts', '--out', out],
    { env: { ...process.env, CONTENT_DIR: contentDir }, encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

const get = (url: string) => fetch(nginx!.url + url, { redirect: 'manual' });

describe('the static export behind nginx', { timeout: 60_000 }, () => {
  it('answers every canonical URL with 200 and the exported bytes, and redirects the rest', async () => {
    const dir = await copySite(shippedContent);
    const decided = await decidedText(dir);
    await replayStep(dir, 'round-1', decided);
    await editFile(dir, `elections/${REPLAY_ELECTION}/candidates/amy-pope.md`, (t) =>
      t.replace(/^---\n/, '---\naliases: [/iom-dg-2023/pope]\n'),
    );
    const out = await tempDir('explainer-export-');
    exportTo(dir, out);
    nginx = await startNginx(
      (port) => `server { listen 127.0.0.1:${port}; include ${out}/nginx-site.conf; }`,
    );

    const content = await loadOrThrow(dir);
    const urls = new Map(exportPlan(content).map((p) => [p.url, fileFor(p.url, p.kind)]));
    for (const [url, file] of urls) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.equals(await readFile(path.join(out, file))), `${url} is ${file}`).toBe(true);
    }
    const page = await get(`/${REPLAY_ELECTION}/results`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe(
      'public, max-age=60, stale-while-revalidate=86400',
    );
    for (const prefix of ['', '/fr', '/es']) {
      const api = await get(`${prefix}/api/elections/${REPLAY_ELECTION}`);
      expect(api.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(api.headers.get('access-control-allow-origin')).toBe('*');
    }

    // Every page in every language, as the Node server has them.
    expect(urls.has(`/fr/${REPLAY_ELECTION}/results`)).toBe(true);
    const french = await get(`/fr/${REPLAY_ELECTION}/results`);
    expect(french.status).toBe(200);
    expect(await french.text()).toMatch(/^<!doctype html>\n<html lang="fr">/);

    const redirects: [string, string][] = [
      [`/${REPLAY_ELECTION}`, `/${REPLAY_ELECTION}/`],
      [`/${REPLAY_ELECTION}/results/`, `/${REPLAY_ELECTION}/results`],
      [`/${REPLAY_ELECTION}/pope`, `/${REPLAY_ELECTION}/candidates/amy-pope`],
      [`/es/${REPLAY_ELECTION}`, `/es/${REPLAY_ELECTION}/`],
      [`/fr/${REPLAY_ELECTION}/results/`, `/fr/${REPLAY_ELECTION}/results`],
      [`/fr/${REPLAY_ELECTION}/pope`, `/fr/${REPLAY_ELECTION}/candidates/amy-pope`],
    ];
    for (const [from, to] of redirects) {
      const res = await get(from);
      expect(res.status, from).toBe(301);
      expect(res.headers.get('location'), from).toBe(to);
    }
    for (const missing of ['/no-such-page', '/nginx-site.conf', '/_redirects']) {
      const res = await get(missing);
      expect(res.status, missing).toBe(404);
      expect(await res.text()).toContain('<h1>Page not found</h1>');
    }
    for (const [missing, heading] of [
      ['/fr/no-such-page', '<html lang="fr">'],
      ['/es/iom-dg-2023/no-such-page', '<html lang="es">'],
    ] as const) {
      const res = await get(missing);
      expect(res.status, missing).toBe(404);
      expect(await res.text()).toContain(heading);
    }
  });

  it('carries the version document of a live election, and a rebuilt export moves it on', async () => {
    const dir = await copySite(shippedContent);
    const decided = await decidedText(dir);
    await replayStep(dir, 'round-1', decided);
    const out = await tempDir('explainer-export-');
    exportTo(dir, out);
    // Hosts that read _headers keep it as briefly as nginx does.
    expect(await readFile(path.join(out, '_headers'), 'utf8')).toContain(
      '/*/live.json\n  Cache-Control: public, max-age=1\n  Access-Control-Allow-Origin: *\n',
    );
    const server = await startNginx(
      (port) => `server { listen 127.0.0.1:${port}; include ${out}/nginx-site.conf; }`,
    );
    try {
      const version = async (): Promise<LiveState> => {
        const res = await fetch(`${server.url}/${REPLAY_ELECTION}/live.json`);
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('public, max-age=1');
        return (await res.json()) as LiveState;
      };
      const round1 = await version();
      expect(round1).toMatchObject({
        status: 'voting',
        headline: 'Round 1 results reported. António Vitorino withdrew after round 1',
      });
      const page = await (await fetch(`${server.url}/${REPLAY_ELECTION}/results`)).text();
      expect(page).toContain(`data-live-seq="${round1.seq}"`);

      await replayStep(dir, 'decided', decided);
      exportTo(dir, out);
      const after = await version();
      expect(after).toMatchObject({ status: 'decided', poll: 0 });
      expect(after.seq).toBeGreaterThan(round1.seq);
      const rebuilt = await (await fetch(`${server.url}/${REPLAY_ELECTION}/results`)).text();
      expect(rebuilt).toContain(`data-live-seq="${after.seq}"`);
    } finally {
      await server.stop();
    }
  });
});
