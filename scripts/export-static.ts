// `npm run export -- --out DIR`: the whole site as static files, for any static host or CDN.
// Every response is taken from the real app, so the export is byte for byte what Node serves.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config.js';
import { loadContent } from '../src/content/load.js';
import { formatReport, reportRoot } from '../src/content/report.js';
import { LIVE_CACHE_CONTROL } from '../src/http/live.js';
import { createSite } from '../src/http/site.js';
import { LANGS } from '../src/i18n/lang.js';
import { createLogger } from '../src/logger.js';
import { ContentHolder } from '../src/store/holder.js';
import { urls } from '../src/urls.js';
import { NGINX_FILE, nginxSite } from './export-nginx.js';
import { exportPlan } from './export-plan.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
  process.stderr.write('Say where to write the site: npm run export -- --out DIR\n');
  process.exit(2);
}
const out = path.resolve(values.out);
const config = readConfig();
const loaded = await loadContent(config.contentDir);
if (!loaded.ok) {
  process.stderr.write(
    `${formatReport(loaded.problems, { frames: true, root: reportRoot(config.contentDir) })}\nNothing was exported.\n`,
  );
  process.exit(1);
}
const content = loaded.content;
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

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
async function save(urlPath: string, file: string, expectStatus = 200): Promise<void> {
  const res = await fetch(origin + urlPath);
  if (res.status !== expectStatus)
    throw new Error(`${urlPath} answered ${res.status}, expected ${expectStatus}`);
  const target = path.join(out, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, Buffer.from(await res.arrayBuffer()));
}
try {
  for (const { url, file } of plan) await save(url, file);
  await save('/404', '404.html', 404);
  // Assets under their hashed names (what pages link to) and their plain names.
  for (const asset of site.assets.files.keys()) await save(asset, asset.slice(1));
  // Redirects and headers in the format most static hosts read (Netlify, Cloudflare Pages).
  const redirects = [
    ...[...content.aliases].map(([from, to]) => `${from} ${to} 301`),
    ...plan.filter((p) => p.kind === 'api').map((p) => `${p.url} /${p.file} 200`),
  ];
  await writeFile(path.join(out, '_redirects'), `${redirects.join('\n')}\n`);
  await writeFile(
    path.join(out, '_headers'),
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
  await writeFile(path.join(out, NGINX_FILE), nginx.config);
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
} finally {
  server.close();
  await site.close();
}
