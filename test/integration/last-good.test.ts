// A watching server keeps the last good content on disk: started again while a file has a
// mistake (a crash on vote day, a deploy, one more instance), it serves what it served before
// instead of not starting, says so, and takes the fix when it is saved.
import { spawn, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { chmod, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  keepLastGood,
  LAST_GOOD_KEPT,
  lastGoodFile,
  readLastGood,
} from '../../src/store/last-good.js';
import { readConfig } from '../../src/config.js';
import { cleanUp, copySite, editFile, tempDir } from '../support/fixtures.js';
import { spawnServer } from '../support/server.js';
import type { ServerProcess } from '../support/server.js';
import { until } from '../support/until.js';

afterAll(cleanUp);

const ELECTION = 'elections/sample-2024/election.yaml';
const TITLE = 'title: The 2024 election of the Sample Union Secretary General';

const stderrOf = (server: ServerProcess): (() => string) => {
  let text = '';
  server.child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
};

const health = async (server: ServerProcess): Promise<Record<string, unknown>> =>
  (await fetch(`${server.origin}/healthz`)).json() as Promise<Record<string, unknown>>;

const overview = async (server: ServerProcess): Promise<string> =>
  (await fetch(`${server.origin}/sample-2024/`)).text();

/** Starts a server that exits instead of listening: its exit code and what it printed. */
async function refusedStart(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stderr };
}

describe('the last good content, kept by a watching server', () => {
  it('is served when the server is started again while content has errors, until they are fixed', async () => {
    const dir = await copySite();
    const kept = await tempDir('explainer-kept-');
    const env = { CONTENT_DIR: dir, WATCH: 'true', LAST_GOOD_DIR: kept };
    const file = lastGoodFile(kept, dir);

    const first = await spawnServer(env);
    let version: unknown;
    try {
      // A save that loads is kept, as the load read it.
      await editFile(dir, ELECTION, (t) =>
        t.replace(TITLE, 'title: Sample Union vote, round 1 reported'),
      );
      await until(
        async () =>
          (await overview(first)).includes('Sample Union vote, round 1 reported') || undefined,
      );
      const good = await until(async () => {
        const read = await readLastGood(file, dir);
        return 'texts' in read && read.texts.get(ELECTION)?.includes('round 1 reported')
          ? read
          : undefined;
      });
      expect([...good.texts.keys()]).toEqual([
        'elections/sample-2024/articles/how-it-works.md',
        'elections/sample-2024/candidates/ana-lima.md',
        'elections/sample-2024/candidates/ben-okoro.md',
        ELECTION,
        'pages/about.md',
        'site.yaml',
      ]);
      version = (await health(first)).version;
      expect(good.version).toBe(version);
      // Only this user may write it: anyone who could would choose what the site serves.
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(kept)).mode & 0o777).toBe(0o700);

      // A save with a mistake is not kept; the server goes on serving the save before.
      await editFile(dir, ELECTION, (t) =>
        t.replace('title: Sample Union vote', 'title: [Sample Union vote'),
      );
      await until(async () => ((await health(first)).lastReload ? true : undefined));
      expect(await readFile(file, 'utf8')).not.toContain('[Sample Union vote');
    } finally {
      // A crash: no shutdown of any kind.
      await first.stop();
    }

    const second = await spawnServer(env);
    const stderr = stderrOf(second);
    try {
      expect(await overview(second)).toContain('Sample Union vote, round 1 reported');
      const status = await health(second);
      const saved = (await stat(file)).mtime.toISOString();
      // A monitor sees the failed load, and that what is served is the content kept then.
      expect(status).toMatchObject({
        status: 'ok',
        version,
        lastReload: { status: 'failed', errors: 1 },
        lastGood: { savedAt: saved },
      });
      await until(() =>
        stderr().includes('1 error and 0 warnings in 1 file.') ? true : undefined,
      );
      expect(stderr()).toContain(
        `Content in ${dir} has problems; serving the last good content instead (kept at ${file}, saved ${saved}) until they are fixed.`,
      );
      expect(stderr()).toContain(`${path.join(dir, ELECTION)}:1:8 error The YAML cannot be read`);
      expect(second.startup).toContain(
        '"msg":"Content has problems; serving the last good content, saved before"',
      );

      // The fix is loaded like any save: served, the failure gone, and kept.
      await editFile(dir, ELECTION, (t) =>
        t.replace(
          'title: [Sample Union vote, round 1 reported',
          'title: Sample Union vote, decided',
        ),
      );
      await until(
        async () => (await overview(second)).includes('Sample Union vote, decided') || undefined,
      );
      expect(await health(second)).not.toHaveProperty('lastReload');
      expect(await health(second)).not.toHaveProperty('lastGood');
      await until(
        async () =>
          (await readFile(file, 'utf8')).includes('Sample Union vote, decided') || undefined,
      );
    } finally {
      await second.stop();
    }
  });

  it('is not served when there is none, when another user could write it, or when it is not what the server kept', async () => {
    const dir = await copySite();
    const kept = await tempDir('explainer-kept-');
    const file = lastGoodFile(kept, dir);
    await editFile(dir, ELECTION, (t) => t.replace(TITLE, 'title: [broken'));
    const env = { CONTENT_DIR: dir, WATCH: 'true', LAST_GOOD_DIR: kept };

    const none = await refusedStart(env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(
      `No last good content to serve instead: none is kept at ${file}.`,
    );
    expect(none.stderr).toContain(`Content in ${dir} has problems; the site was not started.`);

    await writeFile(file, '{"format":1,"contentDir":"/elsewhere","version":"x","files":{}}', {
      mode: 0o600,
    });
    const other = await refusedStart(env);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain(
      `No last good content to serve instead: ${file} holds the content of /elsewhere.`,
    );

    await writeFile(file, 'not JSON');
    expect((await refusedStart(env)).stderr).toContain(
      `No last good content to serve instead: ${file} is not content this server kept.`,
    );

    await writeFile(
      file,
      JSON.stringify({
        format: 1,
        contentDir: dir,
        version: 'x',
        files: { 'site.yaml': 'title: [' },
      }),
    );
    const broken = await refusedStart(env);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(
      `The last good content kept at ${file} cannot be loaded by this version of the server; it is not served. Its first problem: site.yaml:1:9 error The YAML cannot be read: a list opened with "[" is not closed. End the list with "]" on the same line, like: sources: [one, two] (yaml-syntax)`,
    );

    await chmod(file, 0o666);
    if (process.getuid?.() !== undefined)
      expect((await refusedStart(env)).stderr).toContain(
        `No last good content to serve instead: ${file} is not this user's alone, so it is not used.`,
      );

    // Neither a named pipe (which would hold the start for ever) nor a link is read.
    await rm(file);
    spawnSync('mkfifo', ['-m', '600', file]);
    const pipe = await refusedStart(env);
    expect(pipe.code).toBe(1);
    expect(pipe.stderr).toContain(`No last good content to serve instead: ${file} is not a file.`);
    await rm(file);
    await symlink(path.join(kept, 'elsewhere.json'), file);
    expect((await refusedStart(env)).stderr).toContain(
      `No last good content to serve instead: ${file} is a symbolic link, so it is not used.`,
    );
  }, 60_000); // seven starts of a server, one after another

  it('is not written past what a server reads back, and what was kept before stays', async () => {
    const kept = await tempDir('explainer-kept-');
    const file = lastGoodFile(kept, '/site');
    const small = new Map([['site.yaml', 'title: Small']]);
    await keepLastGood(file, '/site', 'v1', small, 1024 * 1024);
    const large = new Map([...small, ['pages/long.md', 'x'.repeat(2 * 1024 * 1024)]]);
    await expect(keepLastGood(file, '/site', 'v2', large, 1024 * 1024)).rejects.toThrow(
      'the content comes to 2 MB kept, more than kept content can hold (1 MB)',
    );
    const read = await readLastGood(file, '/site');
    expect('version' in read && read.version).toBe('v1');
    expect(await readdir(kept)).toEqual([path.basename(file)]);
  });

  it('keeps the save made just before a shutdown', async () => {
    const dir = await copySite();
    const kept = await tempDir('explainer-kept-');
    const server = await spawnServer({ CONTENT_DIR: dir, WATCH: 'true', LAST_GOOD_DIR: kept });
    await until(async () => ((await readdir(kept)).length > 0 ? true : undefined));
    const before = (await health(server)).version;
    await editFile(dir, ELECTION, (t) => t.replace(TITLE, 'title: Saved just before the end'));
    const after = await until(async () => {
      const { version } = await health(server);
      return version !== before ? version : undefined;
    });
    // At once: the loading thread is stopped only once the kept content is written.
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const read = await readLastGood(lastGoodFile(kept, dir), dir);
    expect('version' in read && read.version).toBe(after);
  });

  it('is kept only by a watching server outside dev, where LAST_GOOD_DIR says, at most LAST_GOOD_KEPT folders', async () => {
    // The user's state folder, which a deploy (npm ci) leaves alone.
    expect(readConfig({}).lastGoodDir).toBe(
      path.join(homedir(), '.local', 'state', 'election-explainer'),
    );
    expect(readConfig({ XDG_STATE_HOME: '/var/state' }).lastGoodDir).toBe(
      '/var/state/election-explainer',
    );
    for (const off of ['off', 'OFF', 'false', '0', 'no'])
      expect(readConfig({ LAST_GOOD_DIR: off }).lastGoodDir).toBeUndefined();
    expect(readConfig({ LAST_GOOD_DIR: 'kept', INIT_CWD: '/srv' }).lastGoodDir).toBe('/srv/kept');

    const kept = await tempDir('explainer-kept-');
    const sites = await Promise.all(Array.from({ length: 3 }, () => copySite()));
    // Without WATCH nothing changes while the server runs: nothing is kept.
    const still = await spawnServer({ CONTENT_DIR: sites[0]!, LAST_GOOD_DIR: kept });
    await still.stop();
    expect(await readdir(kept)).toEqual([]);
    // Older files past the bound go (written long ago here), the newest stay.
    for (let i = 0; i < LAST_GOOD_KEPT; i++) {
      const old = lastGoodFile(kept, `/old/${i}`);
      await writeFile(old, '{}', { mode: 0o600 });
      await utimes(old, new Date(2020, 0, 1 + i), new Date(2020, 0, 1 + i));
    }
    for (const site of sites.slice(1)) {
      const watching = await spawnServer({ CONTENT_DIR: site, WATCH: 'true', LAST_GOOD_DIR: kept });
      await until(
        async () =>
          (await readdir(kept)).includes(path.basename(lastGoodFile(kept, site))) || undefined,
      );
      await watching.stop();
    }
    const names = await readdir(kept);
    expect(names).toHaveLength(LAST_GOOD_KEPT);
    expect(names).toContain(path.basename(lastGoodFile(kept, sites[1]!)));
    expect(names).toContain(path.basename(lastGoodFile(kept, sites[2]!)));
    expect(names).not.toContain(path.basename(lastGoodFile(kept, '/old/0')));
    expect(names).not.toContain(path.basename(lastGoodFile(kept, '/old/1')));
  });
});
