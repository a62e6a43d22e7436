// The static export matches what the Node server answers, page by page and file by file.
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPlan } from '../../scripts/export-plan.js';
import { EXPORT_MARKER, refusal } from '../../scripts/export-target.js';
import { projectRoot } from '../../src/paths.js';
import { appFor, raw } from '../support/app.js';
import {
  cleanUp,
  copySite,
  editFile,
  shippedContent,
  tempDir,
  validSite,
} from '../support/fixtures.js';

afterAll(cleanUp);

const BASE = 'https://explainer.example';

function exportTo(out: string, env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/export-static.ts', '--out', out],
    {
      env: { ...process.env, CONTENT_DIR: validSite, ...env },
      encoding: 'utf8',
    },
  );
}

/** Every file under `dir`, relative to it, with its text. */
async function filesIn(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const e of entries.filter((f) => f.isFile())) {
    const file = path.join(e.parentPath, e.name);
    files[path.relative(dir, file)] = await readFile(file, 'utf8');
  }
  return files;
}

const REPLACES =
  'An export replaces the whole folder: give a new or empty folder, or an earlier export. Nothing was changed.';

describe('npm run export', () => {
  it('writes every page, file and API response exactly as the server serves them', async () => {
    // An earlier export is there: replaced whole, its stale file gone.
    const out = await tempDir('explainer-export-');
    await writeFile(path.join(out, EXPORT_MARKER), '');
    await writeFile(path.join(out, 'stale.html'), 'from an earlier export');
    const run = exportTo(out, { CONTENT_DIR: shippedContent, BASE_URL: BASE });
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
      [
        ...plan.map((p) => p.file),
        '404.html',
        'fr/404.html',
        'es/404.html',
        '_headers',
        '_redirects',
        'nginx-site.conf',
        EXPORT_MARKER,
      ].sort(),
    );
    for (const asset of ['assets/site.css', 'assets/favicon.svg']) {
      const live = await raw(app, `/${asset}`);
      expect((await readFile(path.join(out, asset))).equals(live.body as Buffer), asset).toBe(true);
    }
    expect(await readFile(path.join(out, '404.html'), 'utf8')).toContain('<h1>Page not found</h1>');
    // Every page in French and Spanish too, each language with its own 404 page.
    for (const [lang, heading] of [
      ['fr', 'Page introuvable'],
      ['es', 'Página no encontrada'],
    ] as const) {
      for (const file of [`${lang}/index.html`, `${lang}/iom-dg-2023/results.html`])
        expect(await readFile(path.join(out, file), 'utf8'), file).toMatch(
          new RegExp(`^<!doctype html>\n<html lang="${lang}">`),
        );
      const notFound = await readFile(path.join(out, lang, '404.html'), 'utf8');
      expect(notFound).toContain(`<html lang="${lang}">`);
      expect(notFound).toContain(`<h1>${heading}</h1>`);
      expect(await readFile(path.join(out, '_redirects'), 'utf8')).toContain(
        `/${lang}/* /${lang}/404.html 404\n`,
      );
    }
    expect(await readFile(path.join(out, '_redirects'), 'utf8')).toContain(
      '/api/elections /api/elections.json 200\n',
    );
    expect(await readFile(path.join(out, '_redirects'), 'utf8')).toContain(
      '/fr/api/elections /fr/api/elections.json 200\n',
    );
    // Every language's feed, API and share images: many cards to draw, twice.
  }, 90_000);

  it('says how to name the folder when it is given without --out, instead of a stack trace', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/export-static.ts', 'out'],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "Unexpected argument 'out'. This command does not take positional arguments\nSay where to write the site: npm run export -- --out DIR\n",
    );
  });

  it('exports without a translation file that has errors, and says so', async () => {
    const dir = await copySite(shippedContent);
    await editFile(dir, 'elections/iom-dg-2023/election.fr.yaml', (t) => `${t}slogan: x\n`);
    const out = await tempDir('explainer-export-');
    const run = exportTo(out, { CONTENT_DIR: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('error slogan: Unknown field "slogan".');
    expect(run.stderr).toMatch(
      /\nExporting without a translation file that has errors: its pages show the English text until it is fixed\.\n$/,
    );
    expect(await readFile(path.join(out, 'fr/iom-dg-2023/index.html'), 'utf8')).toContain(
      '<h1 lang="en">The 2023 election of the IOM Director General</h1>',
    );
  }, 60_000);

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

  it('refuses a folder that is not an earlier export, and deletes nothing', async () => {
    const out = await tempDir('explainer-export-');
    await mkdir(path.join(out, 'docs'));
    await writeFile(path.join(out, 'docs', 'thesis.txt'), 'precious');
    const run = exportTo(out);
    expect(run.stderr).toBe(
      `Not exporting to ${out}: it holds files and is not an earlier export (it has no .explainer-export file). ${REPLACES}\n`,
    );
    expect(run.status).toBe(1);
    expect(await filesIn(out)).toEqual({ 'docs/thesis.txt': 'precious' });
  });

  it('refuses a folder under a file, naming the file', async () => {
    const around = await tempDir('explainer-export-');
    const notes = path.join(around, 'notes.txt');
    await writeFile(notes, 'precious');
    const out = path.join(notes, 'drafts', 'site');
    const run = exportTo(out);
    expect(run.stderr).toBe(
      `Not exporting to ${out}: ${notes} is a file, not a folder. ${REPLACES}\n`,
    );
    expect(run.status).toBe(1);
    expect(await filesIn(around)).toEqual({ 'notes.txt': 'precious' });
  });

  it('refuses the content folder, a folder holding it or inside it, and the home folder', async () => {
    // Only temporary folders are given: were the check broken, nothing else would be deleted.
    const around = await tempDir('explainer-export-');
    const content = path.join(around, 'content');
    await cp(validSite, content, { recursive: true });
    const home = await tempDir('explainer-home-');
    const refused = (out: string, why: string): void => {
      const run = exportTo(out, { CONTENT_DIR: content, HOME: home });
      expect(run.stderr).toBe(`Not exporting to ${out}: ${why}. ${REPLACES}\n`);
      expect(run.status).toBe(1);
    };
    refused(content, 'it is the content folder');
    refused(around, `it holds the content folder (${content})`);
    refused(path.join(content, 'elections'), `it is inside the content folder (${content})`);
    refused(path.join(content, 'new'), `it is inside the content folder (${content})`);
    refused(home, 'it is your home folder');
    expect(await filesIn(content)).toEqual(await filesIn(validSite));
  });

  it('refuses the project folder, a folder holding it and the root of the file system', async () => {
    // Asked of the check itself, not of the command: a broken check must not delete these.
    const guarded = {
      contentDir: await tempDir('explainer-content-'),
      projectRoot,
      home: await tempDir('explainer-home-'),
    };
    expect(await refusal(projectRoot, guarded)).toBe('it is the project folder');
    expect(await refusal(path.dirname(projectRoot), guarded)).toBe(
      `it holds the project folder (${projectRoot})`,
    );
    expect(await refusal('/', guarded)).toBe('it is the root of the file system');
    expect(await refusal(path.join(projectRoot, 'site'), guarded)).toBeUndefined();
  });

  it('writes nothing when a file cannot be written: one line naming it, the earlier export kept', async () => {
    // A folder whose path is so long (4,065 characters) that the folder built beside `site`
    // (`.site.export-<pid>-XXXXXX`, 21 to 27 characters whatever the process id) fits within
    // PATH_MAX (4,096 with its end) but no file under it does.
    let parent = await tempDir('explainer-export-');
    while (parent.length < 4065)
      parent = path.join(parent, 'd'.repeat(Math.min(200, 4064 - parent.length)));
    const out = path.join(parent, 'site');
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, EXPORT_MARKER), '');
    await writeFile(path.join(out, 'index.html'), 'the earlier export');
    const run = exportTo(out);
    const { holder } = await appFor(validSite);
    expect(run.stderr).toBe(
      `Could not write ${out}/${exportPlan(holder.current)[0]!.file}: ENAMETOOLONG: name too long. Nothing was exported: ${out} is as it was.\n`,
    );
    expect(run.status).toBe(1);
    expect(await filesIn(out)).toEqual({ [EXPORT_MARKER]: '', 'index.html': 'the earlier export' });
    expect(await readdir(parent)).toEqual(['site']);
  });

  it('removes what an export killed midway left beside the folder, and nothing of one running', async () => {
    const parent = await tempDir('explainer-export-');
    const out = path.join(parent, 'site');
    // A process that has ended, and this one, which is running.
    const ended = spawnSync(process.execPath, ['-e', '']).pid;
    const left = [`.site.export-${ended}-a1b2c3`, `.site.export-${ended}-a1b2c3-old`];
    const running = `.site.export-${process.pid}-d4e5f6`;
    for (const name of [...left, running]) {
      await mkdir(path.join(parent, name));
      await writeFile(path.join(parent, name, 'index.html'), 'half an export');
    }
    const run = exportTo(out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((await readdir(parent)).sort()).toEqual([running, 'site']);
  });

  it('stopped with Ctrl-C, removes the folder it was building and keeps the earlier export', async () => {
    const parent = await tempDir('explainer-export-');
    const out = path.join(parent, 'site');
    await mkdir(out);
    await writeFile(path.join(out, EXPORT_MARKER), '');
    await writeFile(path.join(out, 'index.html'), 'the earlier export');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/export-static.ts', '--out', out],
      { env: { ...process.env, CONTENT_DIR: shippedContent }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    // Stopped once the new export is being built beside the earlier one.
    for (let tries = 0; ; tries++) {
      const names = await readdir(parent);
      if (names.some((name) => name.startsWith('.site.export-'))) break;
      expect(tries, 'the export never started building').toBeLessThan(2_000);
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGINT');
    const [code] = await exited;
    expect(stderr).toBe(`Export stopped. Nothing was exported: ${out} is as it was.\n`);
    expect(code).toBe(130);
    expect(await readdir(parent)).toEqual(['site']);
    expect(await filesIn(out)).toEqual({ [EXPORT_MARKER]: '', 'index.html': 'the earlier export' });
  });
});
