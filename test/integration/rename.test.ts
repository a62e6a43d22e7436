// Renaming a candidate or an article, on a copy of the shipped content: `npm run rename`
// moves the file, rewrites every reference and keeps the old URL answering with a 301; a
// rename done by hand is reported once, with that command.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { copyFile, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { addAlias, removeAlias, renameEntry } from '../../src/content/rename.js';
import { projectRoot } from '../../src/paths.js';
import { formatReport } from '../../src/content/report.js';
import { createReloader } from '../../src/store/reload.js';
import { appFor } from '../support/app.js';
import { until } from '../support/until.js';
import { cleanUp, copySite, editFile, shippedContent } from '../support/fixtures.js';

afterAll(cleanUp);

function run(script: string, contentDir: string, ...args: string[]) {
  return runFrom(projectRoot, script, contentDir, ...args);
}

/** A script run as `npm run` runs it from `typedIn`: in the project folder, INIT_CWD set. */
function runFrom(typedIn: string, script: string, contentDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, CONTENT_DIR: contentDir, INIT_CWD: typedIn },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const VITORINO = 'elections/iom-dg-2023/candidates/antonio-vitorino.md';

describe('the alias a rename adds', () => {
  const ANA = 'elections/sample-2024/candidates/ana-lima.md';
  // Each form loads before the rename; the rename broke each of them, by finding its place by
  // pattern, and then failed the check it runs on what it wrote.
  it.each([
    ['a byte-order mark first', (t: string) => `\uFEFF${t}`, undefined],
    [
      'a list of lines at column 0',
      (t: string) => t.replace('---\n', '---\naliases:\n- /ana\n'),
      '- /ana\n- /sample-2024/candidates/ana-lima\n',
    ],
    [
      'a list in brackets over two lines',
      (t: string) => t.replace('---\n', '---\naliases: [/ana,\n  /lima]\n'),
      'aliases: [/ana,\n  /lima, /sample-2024/candidates/ana-lima]\n',
    ],
    [
      'a comment after the list',
      (t: string) => t.replace('---\n', '---\naliases: [/ana] # the old address\n'),
      'aliases: [/ana, /sample-2024/candidates/ana-lima] # the old address\n',
    ],
  ])('keeps a file with %s valid', async (_, form, expected) => {
    const dir = await copySite();
    await editFile(dir, ANA, form);
    expect((await loadContent(dir)).ok).toBe(true);
    await renameEntry(dir, ANA, 'ana-maria-lima');
    const result = await loadContent(dir);
    expect(result.ok ? [] : formatReport(result.problems)).toEqual([]);
    const text = await readFile(
      path.join(dir, 'elections/sample-2024/candidates/ana-maria-lima.md'),
      'utf8',
    );
    expect(text).toContain(expected ?? 'aliases: [/sample-2024/candidates/ana-lima]\n---\n');
  });
});

describe('the alias a rename takes back', () => {
  it('is found however the file spells it (any case, a trailing slash), as routing reads it', () => {
    const text = '---\nname: X\naliases: [/Old, /E/Candidates/A/] # moved\n---\nBody\n';
    expect(removeAlias(text, '/e/candidates/a')).toBe(
      '---\nname: X\naliases: [/Old] # moved\n---\nBody\n',
    );
  });

  it('keeps a list in brackets over several lines as written, with its comments', () => {
    const text =
      '---\nname: X\naliases: [\n  /old,  # the first name, 2019\n  /e/candidates/a,  # renamed in 2023\n  /older\n]\n---\nBody\n';
    // The address's line goes, with the comment about it; the others stay where they are.
    expect(removeAlias(text, '/e/candidates/a')).toBe(
      '---\nname: X\naliases: [\n  /old,  # the first name, 2019\n  /older\n]\n---\nBody\n',
    );
    // The last: a comma after the one before it is still YAML.
    expect(removeAlias(text, '/older')).toBe(
      '---\nname: X\naliases: [\n  /old,  # the first name, 2019\n  /e/candidates/a,  # renamed in 2023\n]\n---\nBody\n',
    );
    // On one line with others: the address and its comma.
    expect(removeAlias('---\naliases: [/a, /e/candidates/a, /b]\n---\n', '/e/candidates/a')).toBe(
      '---\naliases: [/a, /b]\n---\n',
    );
    expect(removeAlias('---\naliases: [/a, /e/candidates/a]\n---\n', '/e/candidates/a')).toBe(
      '---\naliases: [/a]\n---\n',
    );
  });

  it('and the one it adds end their lines as the file does (CRLF)', () => {
    const text = '---\r\nname: X\r\naliases:\r\n  - /e/candidates/a\r\n  - /old\r\n---\r\nBody\r\n';
    expect(addAlias(removeAlias(text, '/e/candidates/a'), '/e/candidates/b')).toBe(
      '---\r\nname: X\r\naliases:\r\n  - /old\r\n  - /e/candidates/b\r\n---\r\nBody\r\n',
    );
    expect(addAlias('---\r\nname: X\r\n---\r\n', '/b')).toBe(
      '---\r\nname: X\r\naliases: [/b]\r\n---\r\n',
    );
  });
});

describe('npm run rename', () => {
  it('renames a candidate: every reference follows, check is clean, the old URL redirects', async () => {
    const dir = await copySite(shippedContent);
    const renamed = run(
      'scripts/rename.ts',
      dir,
      path.join(dir, VITORINO),
      'antonio-manuel-vitorino',
    );
    expect(renamed.status).toBe(0);
    expect(renamed.stdout.split('\n').at(-2)).toBe(
      'Renamed "antonio-vitorino" to "antonio-manuel-vitorino": 15 references in 9 files rewritten; /iom-dg-2023/candidates/antonio-vitorino now redirects to /iom-dg-2023/candidates/antonio-manuel-vitorino.',
    );
    const moved = await readFile(
      path.join(dir, 'elections/iom-dg-2023/candidates/antonio-manuel-vitorino.md'),
      'utf8',
    );
    expect(moved).toContain('\naliases: [/iom-dg-2023/candidates/antonio-vitorino]\n---\n');
    // Its translations move with it, and keep only their text.
    expect(renamed.stdout).toContain(
      `Moved ${dir}/elections/iom-dg-2023/candidates/antonio-vitorino.fr.md → ${dir}/elections/iom-dg-2023/candidates/antonio-manuel-vitorino.fr.md`,
    );
    expect(await readFile(path.join(dir, 'elections/iom-dg-2023/election.yaml'), 'utf8')).toContain(
      '      - candidate: antonio-manuel-vitorino\n',
    );
    // The 2018 election's own António Vitorino is another profile, and keeps its name.
    expect(await readFile(path.join(dir, 'elections/iom-dg-2018/election.yaml'), 'utf8')).toContain(
      'antonio-vitorino',
    );

    const check = run('scripts/check-content.ts', dir);
    expect(check.status).toBe(0);
    // The translations moved with the profile: still translated.
    expect(check.stdout).toMatch(
      /^Translations:\n {2}French \(fr\): 16 files translated, 0 stale, 0 missing\./,
    );
    expect(check.stdout).toMatch(/\nContent is valid: 2 elections/);

    const { app } = await appFor(dir);
    await request(app)
      .get('/iom-dg-2023/candidates/antonio-vitorino')
      .expect(301)
      .expect('Location', '/iom-dg-2023/candidates/antonio-manuel-vitorino');
    const page = await request(app)
      .get('/iom-dg-2023/candidates/antonio-manuel-vitorino')
      .expect(200);
    expect(page.text).toContain('António Vitorino');
  });

  it('renames an article, with a path given from the content folder', async () => {
    const dir = await copySite(shippedContent);
    const renamed = run(
      'scripts/rename.ts',
      dir,
      'elections/iom-dg-2023/articles/how-the-vote-works.md',
      'how-voting-works',
    );
    expect(renamed.status).toBe(0);
    expect(run('scripts/check-content.ts', dir).status).toBe(0);
    const { app } = await appFor(dir);
    await request(app)
      .get('/iom-dg-2023/how-the-vote-works')
      .expect(301)
      .expect('Location', '/iom-dg-2023/how-voting-works');
  });

  it('takes a path typed from an election folder, as npm passes it from there', async () => {
    const dir = await copySite();
    const renamed = runFrom(
      path.join(dir, 'elections/sample-2024'),
      'scripts/rename.ts',
      dir,
      'candidates/ana-lima.md',
      'ana-maria-lima',
    );
    expect(renamed.stderr).toBe('');
    expect(renamed.status).toBe(0);
    expect(await readdir(path.join(dir, 'elections/sample-2024/candidates'))).toContain(
      'ana-maria-lima.md',
    );
  });

  it("renames back: the address is the page's own again, the other one redirects to it", async () => {
    const dir = await copySite();
    const ANA = 'elections/sample-2024/candidates/ana-lima.md';
    await renameEntry(dir, ANA, 'ana-maria-lima');
    await renameEntry(dir, 'elections/sample-2024/candidates/ana-maria-lima.md', 'ana-lima');
    const result = await loadContent(dir);
    expect(result.ok ? [] : formatReport(result.problems)).toEqual([]);
    const text = await readFile(path.join(dir, ANA), 'utf8');
    expect(text).toContain('\naliases: [/sample-2024/candidates/ana-maria-lima]\n---\n');
    expect(text).not.toContain('aliases: [/sample-2024/candidates/ana-lima');
    const { app } = await appFor(dir);
    await request(app).get('/sample-2024/candidates/ana-lima').expect(200);
    await request(app)
      .get('/sample-2024/candidates/ana-maria-lima')
      .expect(301)
      .expect('Location', '/sample-2024/candidates/ana-lima');
  });

  it('stopped with Ctrl-C while it rewrites references, finishes the rename first', async () => {
    const dir = await copySite();
    // 2,000 notes linking to the profile: rewriting them takes long enough to be interrupted.
    const notes = path.join(dir, 'elections/sample-2024/articles');
    for (let i = 0; i < 2000; i++) {
      await writeFile(
        path.join(notes, `note-${i}.md`),
        `---\ntitle: Note ${i}\ndescription: A note.\npublished: 2024-03-01\nupdated: 2024-03-01\nsources: [union-release]\n---\nSee [Ana Lima](/sample-2024/candidates/ana-lima).[^union-release]\n`,
      );
    }
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/rename.ts',
        'elections/sample-2024/candidates/ana-lima.md',
        'ana-maria-lima',
      ],
      { env: { ...process.env, CONTENT_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // 'close': the process has exited and its output has all been read.
    const exited = once(child, 'close');
    // Once the profile has moved, references are being rewritten: Ctrl-C then.
    const moved = path.join(dir, 'elections/sample-2024/candidates/ana-maria-lima.md');
    await until(() => (existsSync(moved) ? true : undefined), 20_000, 2);
    child.kill('SIGINT');
    const [code] = await exited;
    expect(stderr).toBe(
      'Stopping once the rename is done, so that nothing is left halfway (Ctrl-C again stops now).\nStopped before checking the content: run npm run check.\n',
    );
    expect(code).toBe(130);
    expect(stdout.split('\n').at(-2)).toMatch(
      /^Renamed "ana-lima" to "ana-maria-lima": 20\d\d references in 20\d\d files rewritten;/,
    );
    const left: string[] = [];
    for (const name of await readdir(notes))
      if ((await readFile(path.join(notes, name), 'utf8')).includes('candidates/ana-lima)'))
        left.push(name);
    expect(left).toEqual([]);
  });

  it('refuses a name that cannot be a URL, and changes nothing', async () => {
    const dir = await copySite(shippedContent);
    const renamed = run('scripts/rename.ts', dir, path.join(dir, VITORINO), 'António');
    expect(renamed.status).toBe(1);
    expect(renamed.stderr).toBe(
      '"António" cannot be used in a URL: use lowercase letters, digits and single hyphens, like "jane-doe". Nothing was changed.\n',
    );
    expect(run('scripts/check-content.ts', dir).status).toBe(0);
  });

  it('checks every target before moving anything: a stray translation in the way changes nothing', async () => {
    const dir = await copySite(shippedContent);
    const folder = path.join(dir, 'elections/iom-dg-2023/candidates');
    await copyFile(path.join(folder, 'amy-pope.fr.md'), path.join(folder, 'jane.fr.md'));
    const before = await readdir(folder);
    const renamed = run(
      'scripts/rename.ts',
      dir,
      'elections/iom-dg-2023/candidates/amy-pope.md',
      'jane',
    );
    expect(renamed.status).toBe(1);
    expect(renamed.stderr).toBe(
      'elections/iom-dg-2023/candidates/jane.fr.md already exists: choose another name. Nothing was changed.\n',
    );
    // Nothing moved ahead of the check (each target used to be checked just before its move).
    expect((await readdir(folder)).sort()).toEqual(before.sort());
    expect(before).toContain('amy-pope.es.md');
  });

  it("refuses to give an article a name the site's own pages use", async () => {
    const dir = await copySite(shippedContent);
    await expect(
      renameEntry(dir, 'elections/iom-dg-2023/articles/how-the-vote-works.md', 'results'),
    ).rejects.toThrow(
      '"results" is kept for the site\'s own pages: choose another name for the article.',
    );
    // A name the content check would refuse (slug-too-long): refused before anything moves.
    await expect(renameEntry(dir, VITORINO, 'a'.repeat(250))).rejects.toThrow(
      new Error(
        'The new name is 250 characters long: a name in an address is at most 100 characters.',
      ),
    );
    await expect(renameEntry(dir, 'pages/about.md', 'about-us')).rejects.toThrow(
      'pages/about.md is not a candidate or article file: give a path like elections/<election>/candidates/<candidate>.md.',
    );
  });
});

describe('a rename done by hand', () => {
  it('is reported once, with the command that fixes it, which then works on the moved file', async () => {
    const dir = await copySite(shippedContent);
    await rename(
      path.join(dir, VITORINO),
      path.join(dir, 'elections/iom-dg-2023/candidates/antonio-manuel-vitorino.md'),
    );
    const result = await loadContent(dir);
    expect(result.ok).toBe(false);
    expect(formatReport(result.ok ? [] : result.problems)).toBe(
      [
        'elections/iom-dg-2023/candidates/antonio-manuel-vitorino.md error This candidate looks renamed from "antonio-vitorino" to "antonio-manuel-vitorino" (same name, "António Vitorino"): 12 references in 9 files still use "antonio-vitorino". Run npm run rename -- elections/iom-dg-2023/candidates/antonio-vitorino.md antonio-manuel-vitorino: it rewrites every reference and keeps the old URL working with a redirect. (likely-rename)',
        '',
        '1 error and 0 warnings in 1 file.',
      ].join('\n'),
    );
    expect(run('scripts/rename.ts', dir, VITORINO, 'antonio-manuel-vitorino').status).toBe(0);
    expect(run('scripts/check-content.ts', dir).status).toBe(0);
  });

  it('in dev, recognises a renamed article by the title it had', async () => {
    const dir = await copySite(shippedContent);
    const { holder } = await appFor(dir, { dev: true });
    await rename(
      path.join(dir, 'elections/iom-dg-2023/articles/how-the-vote-works.md'),
      path.join(dir, 'elections/iom-dg-2023/articles/voting-rules.md'),
    );
    expect(await createReloader(dir, holder)()).toEqual({ ok: false });
    expect(holder.failure?.problems.map((p) => [p.code, p.file])).toEqual([
      ['likely-rename', 'elections/iom-dg-2023/articles/voting-rules.md'],
    ]);
    expect(holder.failure?.problems[0]?.hint).toBe(
      'Run npm run rename -- elections/iom-dg-2023/articles/how-the-vote-works.md voting-rules: it rewrites every reference and keeps the old URL working with a redirect.',
    );
  });
});
