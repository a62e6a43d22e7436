// `npm run export -- --out DIR`: the whole site as static files, for any static host or CDN.
// Every response is taken from the real app, so the export is byte for byte what Node serves.
// The export is built in a new folder beside DIR and swapped in once complete: a failed export
// leaves DIR as it was. DIR must be new, empty or an earlier export (see export-target.ts).
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config.js';
import { loadContent } from '../src/content/load.js';
import { filesWithErrors, isError } from '../src/content/problems.js';
import { formatReport, reportRoot } from '../src/content/report.js';
import { LIVE_CACHE_CONTROL } from '../src/http/live.js';
import { createSite } from '../src/http/site.js';
import { DEFAULT_LANG, LANGS } from '../src/i18n/lang.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/paths.js';
import { ContentHolder } from '../src/store/holder.js';
import { inLanguage, urls } from '../src/urls.js';
import { NGINX_FILE, nginxSite } from './export-nginx.js';
import { exportPlan, exportRedirects, notFoundFile } from './export-plan.js';
import { EXPORT_MARKER, MARKER_TEXT, refusal } from './export-target.js';

const USAGE = 'Say where to write the site: npm run export -- --out DIR\n';
let values: { out?: string | undefined };
try {
  ({ values } = parseArgs({ options: { out: { type: 'string' } } }));
} catch (cause) {
  // An unknown option or a folder given without --out: the usage, not Node's stack trace.
  process.stderr.write(`${cause instanceof Error ? cause.message : String(cause)}\n${USAGE}`);
  process.exit(2);
}
if (!values.out) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const config = readConfig();
const out = path.resolve(config.typedIn, values.out);
const refused = await refusal(out, { contentDir: config.contentDir, projectRoot, home: homedir() });
if (refused !== undefined) {
  process.stderr.write(
    `Not exporting to ${out}: ${refused}. An export replaces the whole folder: give a new or empty folder, or an earlier export. Nothing was changed.\n`,
  );
  process.exit(1);
}
const loaded = await loadContent(config.contentDir);
if (!loaded.ok) {
  process.stderr.write(
    `${formatReport(loaded.problems, { frames: true, root: reportRoot(config.contentDir) })}\nNothing was exported.\n`,
  );
  process.exit(1);
}
const content = loaded.content;
// Translation files with errors are left out, as the server leaves them: said, not silent.
const leftOut = content.warnings.filter(isError);
if (leftOut.length > 0) {
  const files = filesWithErrors(leftOut).size;
  process.stderr.write(
    `${formatReport(leftOut, { frames: true, root: reportRoot(config.contentDir) })}\nExporting without ${files === 1 ? 'a translation file that has errors' : `${files} translation files that have errors`}: ${files === 1 ? 'its pages show' : 'their pages show'} the English text until ${files === 1 ? 'it is' : 'they are'} fixed.\n`,
  );
}
const site = await createSite({
  holder: new ContentHolder(content),
  // A static host has no stream: exported pages poll their live.json, whatever LIVE_STREAM says.
  config: { ...config, dev: false, liveStream: false },
  logger: createLogger('silent'),
});
const server = createServer(site.handler).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const plan = exportPlan(content);

/** An error's reason without the path Node puts in it ("ENOSPC: no space left on device"). */
function reason(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.replace(/, \w+ '.*$/s, '');
}

// The new export, built beside the old one: `.site.export-<pid>-a1b2c3` for `site`.
const BUILDING = `.${path.basename(out)}.export-`;
let building: string | undefined;
let swapping = false;
let exported = false;

/** Whether a process is running (another user's process counts). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders that exports to the same place left when they were killed midway. */
async function removeLeftovers(): Promise<void> {
  for (const name of await readdir(path.dirname(out)).catch(() => [])) {
    if (!name.startsWith(BUILDING)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(BUILDING.length))?.[1]);
    if (pid > 0 && !running(pid))
      await rm(path.join(path.dirname(out), name), { recursive: true, force: true });
  }
}

// Stopped (Ctrl-C): the folder being built goes, the earlier export stays; a swap under way
// (two renames) is let finish, and once the new export is in place, stopping changes nothing.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)
  process.on(signal, () => {
    if (swapping) return;
    if (building !== undefined) rmSync(building, { recursive: true, force: true });
    if (!exported)
      process.stderr.write(`Export stopped. Nothing was exported: ${out} is as it was.\n`);
    process.exit(code);
  });

async function write(file: string, data: string | Buffer): Promise<void> {
  const target = path.join(building!, file);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, data);
  } catch (cause) {
    throw new Error(`Could not write ${path.join(out, file)}: ${reason(cause)}.`, { cause });
  }
}
async function save(urlPath: string, file: string, expectStatus = 200): Promise<void> {
  const res = await fetch(origin + urlPath);
  if (res.status !== expectStatus)
    throw new Error(`${urlPath} answered ${res.status}, expected ${expectStatus}.`);
  await write(file, Buffer.from(await res.arrayBuffer()));
}
/** Puts the complete export at `out`, in place of the earlier one (checked by `refusal`). */
async function swapIn(complete: string): Promise<void> {
  const earlier = await stat(out).then(
    () => `${complete}-old`,
    () => undefined,
  );
  swapping = true;
  try {
    if (earlier !== undefined) await rename(out, earlier);
    try {
      await rename(complete, out);
    } catch (cause) {
      if (earlier !== undefined) await rename(earlier, out);
      throw new Error(`Could not move the new export to ${out}: ${reason(cause)}.`, { cause });
    }
    building = undefined;
    exported = true;
    if (earlier !== undefined) await rm(earlier, { recursive: true, force: true });
  } finally {
    swapping = false;
  }
}
try {
  await mkdir(path.dirname(out), { recursive: true });
  await removeLeftovers();
  building = await mkdtemp(path.join(path.dirname(out), `${BUILDING}${process.pid}-`)).catch(
    (cause: unknown) => {
      throw new Error(`Could not create a folder beside ${out}: ${reason(cause)}.`, { cause });
    },
  );
  for (const { url, file } of plan) await save(url, file);
  for (const lang of LANGS) await save(inLanguage(lang, '/404'), notFoundFile(lang), 404);
  // Assets under their hashed names (what pages link to) and their plain names.
  for (const asset of site.assets.files.keys()) await save(asset, asset.slice(1));
  // Redirects and headers in the format most static hosts read (Netlify, Cloudflare Pages).
  const redirects = [
    ...exportRedirects(content).map(([from, to]) => `${from} ${to} 301`),
    ...plan.filter((p) => p.kind === 'api').map((p) => `${p.url} /${p.file} 200`),
    // Each language's own 404 page (hosts use a file before a rule: these answer only misses).
    ...LANGS.filter((lang) => lang !== DEFAULT_LANG).map(
      (lang) => `${urls.home(lang)}* /${notFoundFile(lang)} 404`,
    ),
  ];
  await write('_redirects', `${redirects.join('\n')}\n`);
  await write(
    '_headers',
    [
      ...LANGS.flatMap((lang) => [
        `${urls.api(lang)}/*`,
        '  Content-Type: application/json; charset=utf-8',
        '  Access-Control-Allow-Origin: *',
      ]),
      '/assets/*',
      '  Cache-Control: public, max-age=300',
      // The live channel's version documents: never cached beyond a poll interval.
      '/*/live.json',
      `  Cache-Control: ${LIVE_CACHE_CONTROL}`,
      '  Access-Control-Allow-Origin: *',
      '',
    ].join('\n'),
  );
  // For nginx, or any server configured the same way (see README).
  const nginx = nginxSite(content, out);
  await write(NGINX_FILE, nginx.config);
  // Last: what makes the folder an export the next one may replace.
  await write(EXPORT_MARKER, MARKER_TEXT);
  await swapIn(building);
  if (nginx.skipped.length > 0) {
    process.stderr.write(
      `These aliases are in _redirects but not in ${NGINX_FILE}, which only takes plain paths: ${nginx.skipped.join(', ')}\n`,
    );
  }
  const count = (kind: string): number =>
    new Set(plan.filter((p) => p.kind === kind).map((p) => p.url)).size;
  process.stdout.write(
    `Exported ${count('page')} pages, ${count('api')} API responses and ${count('file')} other files to ${out}.\n`,
  );
} catch (cause) {
  // One line naming what failed, no stack trace; the earlier export is untouched.
  process.stderr.write(
    `${cause instanceof Error ? cause.message : String(cause)} Nothing was exported: ${out} is as it was.\n`,
  );
  process.exitCode = 1;
} finally {
  if (building !== undefined) await rm(building, { recursive: true, force: true });
  server.close();
  await site.close();
}
