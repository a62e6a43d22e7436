// `npm run bench [-- --soak] [-- --seconds N]`: throughput, latency, start-up, load and
// reload figures, each against baselines measured in the same run on the same machine
// (shared machines are noisy: only ratios within one run mean anything).
//
// Needs wrk (apt-get install wrk); nginx (apt-get install nginx) for the nginx baseline.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  closeSync,
  openSync,
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/paths.js';
import { benchLiveReaders } from './bench-live.js';

const { values } = parseArgs({
  options: {
    soak: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '10' },
  },
});
const SECONDS = Number(values.seconds);
const PAGE = '/iom-dg-2023/candidates/amy-pope';
const work = mkdtempSync(path.join(tmpdir(), 'explainer-bench-'));
// nginx's worker runs as an unprivileged user: it must be able to read the copy.
chmodSync(work, 0o755);
const children: ChildProcess[] = [];

function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, timeoutMs = 20_000): Promise<number> {
  const start = performance.now();
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - start;
    } catch {
      // not up yet
    }
    if (performance.now() - start > timeoutMs)
      throw new Error(`${url} did not answer in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const logs = new Map<ChildProcess, string>();

/** Starts a server; what it prints goes to a file (wrk runs synchronously, so a pipe would
 * fill up and stall a server that logs every request). */
function start(command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const log = path.join(work, `stdout-${children.length}.log`);
  const out = openSync(log, 'w');
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', out, 'inherit'],
  });
  closeSync(out);
  logs.set(child, log);
  children.push(child);
  return child;
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

function ms(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : n;
}

/** wrk with 2 threads; latency percentiles in ms; errors are socket errors and non-2xx/3xx. */
function wrk(url: string, connections = 50, seconds = SECONDS, script?: string): Load {
  const args = [
    '-t2',
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    ...(script ? ['-s', script] : []),
    url,
  ];
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const pct = (p: string): number => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? ms(m[1]!, m[2]!) : NaN;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errors = non2xx + (socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  return { rps, p50: pct('50'), p99: pct('99'), errors };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  if (!has('wrk')) {
    process.stderr.write('npm run bench needs wrk: apt-get install -y wrk\n');
    process.exit(1);
  }
  process.stdout.write(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}\n`,
  );
  execFileSync('npm', ['run', '-s', 'build'], { cwd: projectRoot, stdio: 'inherit' });
  const server = path.join(projectRoot, 'dist/src/server.js');

  // The site, as `npm start` runs it, logging one line per request as in production.
  const sitePort = await freePort();
  const site = start(process.execPath, [server], {
    PORT: String(sitePort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  });
  const startup = await waitFor(`http://127.0.0.1:${sitePort}/healthz`);
  const siteUrl = `http://127.0.0.1:${sitePort}${PAGE}`;
  const page = Buffer.from(await (await fetch(siteUrl)).arrayBuffer());
  writeFileSync(path.join(work, 'page.html'), page);
  mkdirSync(path.join(work, 'root', path.dirname(PAGE)), { recursive: true });
  writeFileSync(path.join(work, 'root', PAGE), page);

  // Baseline: bare node:http writing the same bytes from memory.
  const bareFile = path.join(work, 'bare.mjs');
  writeFileSync(
    bareFile,
    `import { createServer } from 'node:http'; import { readFileSync } from 'node:fs';
const body = readFileSync(${JSON.stringify(path.join(work, 'page.html'))});
createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }); res.end(body); }).listen(Number(process.env.PORT), '127.0.0.1');`,
  );
  const barePort = await freePort();
  start(process.execPath, [bareFile], { PORT: String(barePort) });
  await waitFor(`http://127.0.0.1:${barePort}/`);

  // Baseline: Express serving the same file with express.static.
  const expressFile = path.join(work, 'express.mjs');
  writeFileSync(
    expressFile,
    `import express from ${JSON.stringify(path.join(projectRoot, 'node_modules/express/index.js'))};
const app = express(); app.use(express.static(${JSON.stringify(path.join(work, 'root'))}, { extensions: false }));
app.listen(Number(process.env.PORT), '127.0.0.1');`,
  );
  const expressPort = await freePort();
  start(process.execPath, [expressFile], { PORT: String(expressPort) });
  await waitFor(`http://127.0.0.1:${expressPort}${PAGE}`);

  // Baseline: nginx, one worker like our one Node process, serving the same bytes.
  let nginxUrl: string | undefined;
  if (has('nginx')) {
    const nginxPort = await freePort();
    const conf = path.join(work, 'nginx.conf');
    writeFileSync(
      conf,
      `worker_processes 1; daemon off; pid ${work}/nginx.pid; error_log ${work}/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; default_type text/html; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  client_body_temp_path ${work}/nginx-body; proxy_temp_path ${work}/nginx-proxy; fastcgi_temp_path ${work}/nginx-fcgi; uwsgi_temp_path ${work}/nginx-uwsgi; scgi_temp_path ${work}/nginx-scgi;
  server { listen 127.0.0.1:${nginxPort}; root ${work}/root; location / { try_files $uri =404; } } }`,
    );
    start('nginx', ['-c', conf, '-p', work]);
    nginxUrl = `http://127.0.0.1:${nginxPort}${PAGE}`;
    await waitFor(nginxUrl);
  }

  // Warm up every server, then measure each in turn.
  for (const url of [
    siteUrl,
    `http://127.0.0.1:${barePort}/`,
    `http://127.0.0.1:${expressPort}${PAGE}`,
    nginxUrl,
  ].filter(Boolean)) {
    wrk(url!, 50, 2);
  }
  const results: [string, Load][] = [];
  if (nginxUrl) results.push(['nginx, static copy (1 worker)', wrk(nginxUrl)]);
  results.push(['node:http, cached Buffer', wrk(`http://127.0.0.1:${barePort}/`)]);
  results.push(['Express, express.static', wrk(`http://127.0.0.1:${expressPort}${PAGE}`)]);
  results.push(['this site, cached page', wrk(siteUrl)]);
  const gzipScript = path.join(work, 'gzip.lua');
  writeFileSync(gzipScript, 'wrk.headers["Accept-Encoding"] = "br, gzip"\n');
  results.push(['this site, cached page, brotli', wrk(siteUrl, 50, SECONDS, gzipScript)]);

  const reference = results[0]![1].rps;
  process.stdout.write(
    `\nThroughput on ${PAGE} (${fmt(page.length)} bytes), wrk -t2 -c50 -d${SECONDS}s:\n`,
  );
  for (const [name, r] of results) {
    process.stdout.write(
      `  ${name.padEnd(34)} ${fmt(r.rps).padStart(8)} req/s   p50 ${fmt(r.p50, 2)} ms   p99 ${fmt(r.p99, 2)} ms   errors ${r.errors}   ${fmt(r.rps / reference, 2)}× ${results[0]![0].split(',')[0]}\n`,
    );
  }
  const ours = results.find(([n]) => n === 'this site, cached page')![1];
  const gate = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  if (nginxUrl)
    process.stdout.write(
      `  goal ≥ 0.5× nginx: ${fmt(ours.rps / reference, 2)}× (${gate(ours.rps / reference >= 0.5)}); goal p99 < 5 ms: ${fmt(ours.p99, 2)} ms (${gate(ours.p99 < 5)})\n`,
    );

  const listening = Number(
    /"uptimeMs":(\d+)/.exec(readFileSync(logs.get(site)!, 'utf8'))?.[1] ?? NaN,
  );
  process.stdout.write(
    `\nStart-up, shipped content: listening ${fmt(listening)} ms after the process started (goal < 500 ms: ${gate(listening < 500)}); first healthy answer ${fmt(startup)} ms after spawning it\n`,
  );

  // A generated corpus of 5,000 articles: load time and memory, in a process of its own.
  const corpus = path.join(work, 'corpus');
  cpSync(path.join(projectRoot, 'content'), corpus, { recursive: true });
  const articles = path.join(corpus, 'elections/iom-dg-2023/articles');
  for (let i = 0; i < 5000; i++) {
    writeFileSync(
      path.join(articles, `generated-${i}.md`),
      `---\ntitle: Generated article ${i}\ndescription: A generated article for the load benchmark.\npublished: 2026-11-27\nupdated: 2026-11-27\norder: ${200 + i}\nrelated: [amy-pope]\n---\n## Section one\n\nThe first round is on the [results page](/iom-dg-2023/results).[^afp-round-one]\n\n## Section two\n\n${'Text of the generated article, long enough to be realistic. '.repeat(20)}\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n`,
    );
  }
  const loader = path.join(work, 'load.mjs');
  writeFileSync(
    loader,
    `import { loadContent } from ${JSON.stringify(path.join(projectRoot, 'dist/src/content/load.js'))};
const t = performance.now(); const r = await loadContent(process.argv[2]); const ms = performance.now() - t;
const peak = process.memoryUsage().rss / 2 ** 20; globalThis.gc(); await new Promise((done) => setTimeout(done, 100)); globalThis.gc();
console.log(JSON.stringify({ ok: r.ok, ms, peak, rss: process.memoryUsage().rss / 2 ** 20, routes: r.ok ? r.content.routes.size : 0 }));`,
  );
  const load = JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', loader, corpus], { encoding: 'utf8' }),
  ) as { ok: boolean; ms: number; peak: number; rss: number; routes: number };
  process.stdout.write(
    `5,000 generated articles: loaded=${load.ok} (${fmt(load.routes)} URLs) in ${fmt(load.ms)} ms (goal < 5,000: ${gate(load.ms < 5000)}), RSS ${fmt(load.rss)} MB held after collection (goal < 300: ${gate(load.rss < 300)}), ${fmt(load.peak)} MB at the end of loading\n`,
  );

  // One-file edit: from saving a file to the new text being served, with WATCH on.
  const edited = path.join(work, 'edited');
  cpSync(path.join(projectRoot, 'content'), edited, { recursive: true });
  const watchPort = await freePort();
  start(process.execPath, [server], {
    PORT: String(watchPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    WATCH: 'true',
    CONTENT_DIR: edited,
  });
  await waitFor(`http://127.0.0.1:${watchPort}/healthz`);
  const profile = path.join(edited, 'elections/iom-dg-2023/candidates/amy-pope.md');
  const edits: number[] = [];
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const marker = `Edited for the benchmark, pass ${i}.`;
    writeFileSync(
      profile,
      readFileSync(profile, 'utf8').replace(/^(summary: >-\n)/m, `$1  ${marker}\n`),
    );
    const t = performance.now();
    for (;;) {
      const text = await (await fetch(`http://127.0.0.1:${watchPort}${PAGE}`)).text();
      if (text.includes(marker)) break;
      if (performance.now() - t > 10_000) throw new Error('the edit was never served');
      await new Promise((r) => setTimeout(r, 5));
    }
    edits.push(performance.now() - t);
  }
  edits.sort((a, b) => a - b);
  process.stdout.write(
    `One-file edit served after (median of 5): ${fmt(edits[2]!)} ms, worst ${fmt(edits[4]!)} ms (goal < 500 ms: ${gate(edits[4]! < 500)})\n`,
  );

  await benchLiveReaders({ server, work, seconds: SECONDS, start, freePort, waitFor, wrk, fmt });

  if (values.soak) {
    const urls = [
      '/',
      '/iom-dg-2023/',
      PAGE,
      '/iom-dg-2023/results',
      '/iom-dg-2023/how-the-vote-works',
      '/api/elections/iom-dg-2023',
      '/feed.xml',
      '/share/iom-dg-2023.png',
    ];
    const soakScript = path.join(work, 'soak.lua');
    writeFileSync(
      soakScript,
      `local paths = {${urls.map((u) => `"${u}"`).join(', ')}}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n`,
    );
    wrk(`http://127.0.0.1:${sitePort}/`, 100, 5, soakScript);
    const before = rssMb(site.pid!);
    const soak = wrk(`http://127.0.0.1:${sitePort}/`, 100, 60, soakScript);
    const after = rssMb(site.pid!);
    process.stdout.write(
      `\nSoak, 60 s at 100 connections over ${urls.length} URLs: ${fmt(soak.rps)} req/s, p99 ${fmt(soak.p99, 2)} ms, errors ${soak.errors} (goal 0: ${gate(soak.errors === 0)})\n` +
        `  RSS ${fmt(before)} MB after warm-up, ${fmt(after)} MB after the soak (goal: no growth beyond noise: ${gate(after - before < 50)})\n`,
    );
  }
}

try {
  await main();
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(work, { recursive: true, force: true });
}
