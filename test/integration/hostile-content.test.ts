// Hostile content files against a running server with WATCH=true, as on vote day: each edit
// must end as a reported problem naming the file (or a clean reload), the server must keep
// serving the last good content, and /healthz must keep answering within 100 ms throughout:
// a poller measures the slowest answer while each edit is loaded.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { Agent, get } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, copySite, KEPT_BY_TESTS, shippedContent } from '../support/fixtures.js';
import { until } from '../support/until.js';

const ELECTION = 'elections/iom-dg-2023';
const PROFILE = `${ELECTION}/candidates/amy-pope.md`;
/** The server runs as an ordinary user when the tests run as root, so that permissions apply. */
const AS_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

interface Server {
  child: ChildProcess;
  url: string;
  /** Everything the server wrote to stderr (problem reports) and stdout (the JSON log). */
  stderr: () => string;
  stdout: () => string;
  exited: () => boolean;
}

let dir: string;
let server: Server;

async function startServer(contentDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      CONTENT_DIR: contentDir,
      PORT: '0',
      HOST: '127.0.0.1',
      WATCH: 'true',
      LAST_GOOD_DIR: KEPT_BY_TESTS,
      LOG_LEVEL: 'info',
      LOAD_BUDGET_MS: '1000',
      NODE_ENV: 'production',
    },
    ...AS_USER,
  });
  let stderr = '';
  let stdout = '';
  let exited = false;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.on('exit', () => (exited = true));
  const url = await until(() => {
    if (exited) throw new Error(`The server exited:\n${stderr}`);
    const line = stdout.split('\n').find((l) => l.includes('"msg":"listening"'));
    return line === undefined ? undefined : (JSON.parse(line) as { url: string }).url;
  }, 60_000);
  return { child, url, stderr: () => stderr, stdout: () => stdout, exited: () => exited };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function fetchText(url: string): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started }),
      );
    }).on('error', reject);
  });
}

/** Asks /healthz every 10 ms until stopped; the slowest answer and the versions seen. */
function pollHealth(url: string) {
  let running = true;
  let slowest = 0;
  let count = 0;
  const versions = new Set<string>();
  const done = (async () => {
    while (running) {
      const res = await fetchText(`${url}/healthz`);
      expect(res.status).toBe(200);
      versions.add((JSON.parse(res.body) as { version: string }).version);
      slowest = Math.max(slowest, res.ms);
      count++;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return async () => {
    running = false;
    await done;
    return { slowest, count, versions };
  };
}

const stderrLines = (): number => server.stderr().length;

/**
 * Makes a hostile edit, waits for the server to report it (a problem report naming `file`),
 * undoes it, waits for the clean reload, and returns the report and the slowest /healthz.
 */
async function hostileEdit(
  file: string,
  edit: () => Promise<void>,
  undo: () => Promise<void>,
  { served = false } = {},
): Promise<{ report: string; slowest: number }> {
  const before = stderrLines();
  // An edit with warnings only is served: its reload and the undo's.
  const reloads = server.stdout().split('"content reloaded"').length + (served ? 1 : 0);
  const stop = pollHealth(server.url);
  await edit();
  const report = await until(() => {
    const text = server.stderr().slice(before);
    return text.includes('in 1 file.') || / in \d+ files\.\n/.test(text) ? text : undefined;
  }, 30_000);
  // A monitor sees that saves are failing; once the undo is loaded, that they no longer are.
  const lastReload = async () =>
    (JSON.parse((await fetchText(`${server.url}/healthz`)).body) as { lastReload?: unknown })
      .lastReload;
  if (!served) expect(await lastReload()).toMatchObject({ status: 'failed' });
  await undo();
  await until(
    () => (server.stdout().split('"content reloaded"').length > reloads ? true : undefined),
    30_000,
  );
  expect(await lastReload()).toBeUndefined();
  const { slowest, count, versions } = await stop();
  expect(server.exited()).toBe(false);
  expect(count).toBeGreaterThan(5);
  // The last good content served throughout: one version, the one served before (or the
  // edit's as well, when it is served).
  expect([...versions]).toHaveLength(served ? 2 : 1);
  // Each problem's line starts with the file's path (absolute: the copy is outside the project).
  expect(report).toContain(`${dir}/${file}`);
  return { report, slowest };
}

beforeAll(async () => {
  dir = await copySite(shippedContent);
  if (AS_USER.uid !== undefined) {
    // The copy is made by root: the server's user must be able to read and watch it.
    await chmod(dir, 0o755);
  }
  server = await startServer(dir);
}, 90_000);

afterAll(async () => {
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  agent.destroy();
  await cleanUp();
});

const page = (body: string, fields = ''): string =>
  `---\ntitle: Hostile\ndescription: A hostile page.\nupdated: 2024-02-01\n${fields}---\n${body}\n`;

/** Adds a file for one case and removes it afterwards. */
async function hostileFile(file: string, text: string | Buffer, options?: { served: boolean }) {
  const target = path.join(dir, file);
  return hostileEdit(
    file,
    () => writeFile(target, text),
    () => rm(target, { recursive: true, force: true }),
    options,
  );
}

describe('a WATCH=true server given hostile content', () => {
  it('reports Markdown nested 2,000 deep, and keeps answering', async () => {
    const { report, slowest } = await hostileFile(
      'pages/quotes.md',
      page(`${'>'.repeat(2000)} deep`),
    );
    expect(report).toContain(
      'quotes.md:6:1 error The text nests 2000 levels deep here; at most 40 are allowed. Flatten it: quotes, lists and fields inside one another are hard to read beyond a few levels. (nesting-too-deep)',
    );
    expect(slowest).toBeLessThan(100);
  });

  it('reports block YAML nested 300 deep, and keeps answering', async () => {
    const deep = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 1)}a:`).join('\n');
    const { report, slowest } = await hostileFile(
      'pages/fields.md',
      page('Text.', `extra:\n${deep}\n`),
    );
    expect(report).toContain(
      'fields.md:45:1 error The YAML nests 41 levels deep here; at most 40 are allowed.',
    );
    expect(slowest).toBeLessThan(100);
  });

  it('abandons a body that would take marked a minute ("_a" × 100,000), naming the file', async () => {
    const { report, slowest } = await hostileFile(
      'pages/underscores.md',
      page('_a'.repeat(100_000)),
    );
    expect(report).toContain(
      'underscores.md error Reading this file took longer than 1 s, so the load was abandoned.',
    );
    expect(slowest).toBeLessThan(100);
  });

  it('abandons "[^" × 100,000, naming the file', async () => {
    const { report, slowest } = await hostileFile('pages/footnotes.md', page('[^'.repeat(100_000)));
    expect(report).toContain('(load-too-slow)');
    expect(slowest).toBeLessThan(100);
  });

  it('reports 5,000 unknown sources on one line: the first 50, each with an excerpt cut around its column, and the count', async () => {
    const original = await readFile(path.join(dir, PROFILE), 'utf8');
    const ids = Array.from({ length: 5000 }, (_, i) => `u${i}`).join(', ');
    const { report, slowest } = await hostileEdit(
      PROFILE,
      () =>
        writeFile(
          path.join(dir, PROFILE),
          original.replace('  sources: [afp-profile-pope, dw-pope-to-head]', `  sources: [${ids}]`),
        ),
      () => writeFile(path.join(dir, PROFILE), original),
    );
    expect(report).toContain('amy-pope.md:10:13 error born › source 1: Unknown source "u0".');
    expect(report).toContain('amy-pope.md:10:248 error born › source 50: Unknown source "u49".');
    expect(report).not.toContain('source 51:');
    expect(report).toContain(
      '\n4950 more problems are not shown here (npm run check lists every problem).\n5000 errors and 0 warnings in 1 file.\n',
    );
    // The 40 KB line shown as the part around each problem's column, the caret under it.
    expect(report).toContain(
      '      > 10 | …u33, u34, u35, u36, u37, u38, u39, u40, u41, u42, u43, u44, u45, u46, u47, u48, u49, u50, u51, u52, u53, u54, u55, u56, u57, u58, u59, u60, u61, u62, u63, u64, …\n' +
        '           |                                                                                  ^',
    );
    // Each excerpt held the whole line three times: 265 MB of report, made by the serving
    // thread, which answered nothing for 7 s (and past 8,000 sources, the report was lost).
    // Every problem listed, cut excerpts and all, it still held requests for a third of a
    // second; the serving thread is now handed the first 50 and the totals.
    expect(report.length).toBeLessThan(100_000);
    expect(slowest).toBeLessThan(100);
  });

  it('reports 1,000 unknown fields at once: the first 50 at their lines, and the count', async () => {
    const fields = Array.from({ length: 1000 }, (_, i) => `unknown${i}: ${i}\n`).join('');
    const { report, slowest } = await hostileFile('pages/fields.md', page('Text.', fields));
    expect(report).toContain(
      '\n950 more problems are not shown here (npm run check lists every problem).\n1000 errors and 0 warnings in 1 file.\n',
    );
    expect(report).toContain('fields.md:54:1 error unknown49: Unknown field "unknown49".');
    expect(report).not.toContain('error unknown50:');
    expect(slowest).toBeLessThan(100);
  });

  it('serves a page of 5,000 images from other sites: the first 50 warnings reported, and the count', async () => {
    const photos = Array.from(
      { length: 5000 },
      (_, i) => `![Photo ${i}](https://example.com/${i}.jpg)`,
    );
    const { report, slowest } = await hostileFile('pages/photos.md', page(photos.join('\n\n')), {
      served: true,
    });
    // The page's two missing translations, then its first 48 images.
    expect(report).toContain('photos.es.md warning pages/photos.md has no Spanish translation yet');
    expect(report).toContain(
      'photos.md:6:12 warning The image https://example.com/0.jpg is on another site;',
    );
    expect(report).toContain('photos.md:100:13 warning The image https://example.com/47.jpg');
    expect(report).not.toContain('warning The image https://example.com/48.jpg');
    expect(report).toContain(
      '\n4952 more problems are not shown here (npm run check lists every problem).\n0 errors and 5002 warnings in 3 files.\n',
    );
    // Handed whole to the serving thread inside the content, 17,000 such warnings held its
    // requests for 0.24 s (by hand; 0.08 s for as many links, which are no warning, and 0.04 s
    // now). Here, 17,000 would take the loading thread past the 1 s this server allows a load.
    expect(slowest).toBeLessThan(100);
  });

  it('reports an alias inside the value it names at its line, and no more (it took 1.3 GB)', async () => {
    const file = `${ELECTION}/election.yaml`;
    const original = await readFile(path.join(dir, file), 'utf8');
    const { report, slowest } = await hostileEdit(
      file,
      () => writeFile(path.join(dir, file), original.replace(/^office: .*$/m, 'office: &o [*o]')),
      () => writeFile(path.join(dir, file), original),
    );
    // Walked without end, the value that contains itself took the load 4 s and 1.3 GB, and
    // its report named no file; nor do its translations add 44 warnings about it.
    expect(report).toContain(
      'election.yaml:31:13 error The YAML cannot be read: the alias *o is inside the value its anchor &o names, so that value would contain itself without end. Write the value out in place of the alias. (yaml-syntax)',
    );
    expect(report).toContain('\n1 error and 0 warnings in 1 file.\n');
    expect(slowest).toBeLessThan(100);
  });

  it('refuses a candidate file linked to /etc/passwd, naming the link, and shows none of it', async () => {
    const file = `${ELECTION}/candidates/root.md`;
    const { report, slowest } = await hostileEdit(
      file,
      () => symlink('/etc/passwd', path.join(dir, file)),
      () => rm(path.join(dir, file)),
    );
    expect(report).toContain(
      'root.md error This file is a link to /etc/passwd, outside the content folder; it was not read.',
    );
    expect(server.stderr()).not.toContain('root:x:0:0');
    expect(slowest).toBeLessThan(100);
  });

  it('refuses a candidate file linked to a named pipe in the folder, without waiting for a writer', async () => {
    const file = `${ELECTION}/candidates/piped.md`;
    const pipe = `${ELECTION}/candidates/pipe`;
    const { report, slowest } = await hostileEdit(
      file,
      async () => {
        execFileSync('mkfifo', ['-m', '644', path.join(dir, pipe)]);
        await symlink('pipe', path.join(dir, file));
      },
      async () => {
        await rm(path.join(dir, file));
        await rm(path.join(dir, pipe));
      },
    );
    // Read, the pipe held the load, and every one after it, until something wrote to it.
    expect(report).toContain(
      'piped.md error This file could not be read: it is a named pipe, not a file.',
    );
    expect(slowest).toBeLessThan(100);
  });

  it('refuses a named pipe saved as an article, which it once passed over without a word', async () => {
    const file = `${ELECTION}/articles/pipe.md`;
    const { report, slowest } = await hostileEdit(
      file,
      () => Promise.resolve(void execFileSync('mkfifo', ['-m', '644', path.join(dir, file)])),
      () => rm(path.join(dir, file)),
    );
    expect(report).toContain(
      'pipe.md error This file could not be read: it is a named pipe, not a file.',
    );
    expect(slowest).toBeLessThan(100);
  });

  it('survives folder links to / and /proc/1 without crawling them', async () => {
    const root = `${ELECTION}/articles/everything`;
    const proc = `${ELECTION}/articles/init`;
    const { report, slowest } = await hostileEdit(
      root,
      async () => {
        await symlink('/proc/1', path.join(dir, proc));
        await symlink('/', path.join(dir, root));
      },
      async () => {
        await rm(path.join(dir, root));
        await rm(path.join(dir, proc));
      },
    );
    expect(report).toContain(
      'everything error This folder is a link to /, outside the content folder; it was not read.',
    );
    expect(report).toContain(
      `${proc} error This folder is a link to /proc/1, outside the content folder`,
    );
    expect(slowest).toBeLessThan(100);
  });

  it('survives a new folder it may not read, and reports it', async () => {
    const folder = `${ELECTION}/articles/locked`;
    const { report, slowest } = await hostileEdit(
      folder,
      async () => {
        await mkdir(path.join(dir, folder), { mode: 0o700 });
        await writeFile(path.join(dir, folder, 'secret.md'), 'secret');
      },
      () => rm(path.join(dir, folder), { recursive: true }),
    );
    expect(report).toContain(
      `${folder} error This file could not be read: EACCES: permission denied`,
    );
    expect(slowest).toBeLessThan(100);
  });

  it('reports invalid UTF-8 and NUL bytes with their line, and never echoes them', async () => {
    const binary = Buffer.concat([
      Buffer.from(page('First line.\nSecond \u0001')),
      Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0x00, 0x1b, 0x5b, 0x32, 0x4a,
      ]),
    ]);
    const { report, slowest } = await hostileFile('pages/binary.md', binary);
    expect(report).toContain(
      'binary.md:8:1 error The file is not UTF-8 text: the byte 0x89 here is not part of any character, and neither is 1 more byte after it. The file was not read.',
    );
    // No control character (a terminal escape, a NUL) reaches the editor's terminal.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(report).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    const nul = await hostileFile('pages/nul.md', page('Text with a \u0000 in it.'));
    expect(nul.report).toContain(
      'nul.md:6:13 error The file contains the control character U+0000 (NUL)',
    );
    expect(Math.max(slowest, nul.slowest)).toBeLessThan(100);
  });

  it('reports a page that takes over an election URL, and aliases the site answers itself', async () => {
    const { report, slowest } = await hostileFile(
      'pages/iom-dg-2023.md',
      page('Mine now.', 'aliases: [/healthz, /api/elections, /sitemap.xml]\n'),
    );
    expect(report).toContain(
      'iom-dg-2023.md error Two pages claim the URL /iom-dg-2023: this file and elections/iom-dg-2023/election.yaml.',
    );
    for (const alias of ['/healthz', '/api/elections', '/sitemap.xml']) {
      expect(report).toContain(`The alias ${alias} is a URL the site answers itself`);
    }
    expect(slowest).toBeLessThan(100);
    const overview = await fetchText(`${server.url}/iom-dg-2023/`);
    expect(overview.status).toBe(200);
    expect(overview.body).not.toContain('Mine now.');
  });

  it('still serves the last good content after all of it', async () => {
    const before = await readFile(path.join(dir, PROFILE), 'utf8');
    const res = await fetchText(`${server.url}/iom-dg-2023/candidates/amy-pope`);
    expect(res.status).toBe(200);
    expect(before).toContain('name: Amy Pope');
    expect(res.body).toContain('Amy Pope');
    expect(server.exited()).toBe(false);
  });
});
