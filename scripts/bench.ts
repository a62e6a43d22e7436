// `npm run bench [-- --soak] [-- --seconds N] [-- --rounds N] [-- --live] [-- --fast-path]`: throughput, latency, hostile traffic, start-up,
// load and reload figures, each against baselines measured in the same run on the same machine
// (shared machines are noisy: only ratios within one run mean anything).
//
// Needs wrk (apt-get install wrk); nginx (apt-get install nginx) for the nginx baseline.
import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  closeSync,
  openSync,
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/paths.js';
import { benchLiveReaders, cpuMs, rawResponse, rssMb } from './bench-live.js';

const { values } = parseArgs({
  options: {
    soak: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '12' },
    // Only the live-readers section (about two minutes instead of twelve).
    live: { type: 'boolean', default: false },
    // Only the fast path against its baselines (about five minutes).
    'fast-path': { type: 'boolean', default: false },
  },
});
const SECONDS = Number(values.seconds);
/** Rounds of the fast path against its baselines, in rotating order (see below). */
const ROUNDS = Number(values.rounds);
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Adds a line to the Amy Pope profile's summary in `contentDir` and waits for the server at
 * `origin` to serve it (asking every `everyMs`): milliseconds from the save to the new text.
 */
async function savedAndServed(
  origin: string,
  contentDir: string,
  line: string,
  everyMs: number,
  timeoutMs: number,
): Promise<number> {
  const profile = path.join(contentDir, 'elections/iom-dg-2023/candidates/amy-pope.md');
  writeFileSync(
    profile,
    readFileSync(profile, 'utf8').replace(/^(summary: >-\n)/m, `$1  ${line}\n`),
  );
  const t = performance.now();
  for (;;) {
    const text = await (await fetch(`${origin}${PAGE}`)).text();
    if (text.includes(line)) return performance.now() - t;
    if (performance.now() - t > timeoutMs) throw new Error('the save was never served');
    await sleep(everyMs);
  }
}

const logs = new Map<ChildProcess, string>();

/**
 * The start of a server's log, where its start-up lines are: by the end of a run the whole of
 * it, a line per request, can be larger than a string may be (512 MB on a fast machine).
 */
function headOf(file: string, bytes = 64 * 1024): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** Starts a server; what it prints goes to a file (wrk runs synchronously, so a pipe would
 * fill up and stall a server that logs every request), and its errors to this one's, unless
 * `errorsToFile` (a site whose every page has a warning prints thousands). */
function start(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  errorsToFile = false,
): ChildProcess {
  const log = path.join(work, `stdout-${children.length}.log`);
  const out = openSync(log, 'w');
  const errors = errorsToFile
    ? openSync(path.join(work, `stderr-${children.length}.log`), 'w')
    : 'inherit';
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', out, errors],
  });
  closeSync(out);
  if (typeof errors === 'number') closeSync(errors);
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

interface WrkOptions {
  connections?: number;
  seconds?: number;
  script?: string;
  threads?: number;
}

/** Processes of each kind in the fast path's rotation (see below). */
const PROCESSES = 3;

function wrkArgs(url: string, o: WrkOptions): string[] {
  return [
    `-t${o.threads ?? 2}`,
    `-c${o.connections ?? 50}`,
    `-d${o.seconds ?? SECONDS}s`,
    '--latency',
    ...(o.script ? ['-s', o.script] : []),
    url,
  ];
}

/** Latency percentiles in ms; errors are socket errors and non-2xx/3xx. */
function parseWrk(out: string): Load {
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

/** wrk (2 threads and 50 connections unless told), run to the end. */
function wrk(url: string, connections = 50, seconds = SECONDS, script?: string): Load {
  return wrkWith(url, { connections, seconds, script });
}

function wrkWith(url: string, o: WrkOptions): Load {
  return parseWrk(execFileSync('wrk', wrkArgs(url, o), { encoding: 'utf8' }));
}

/** wrk in the background, beside another load. */
function wrkAsync(url: string, o: WrkOptions): Promise<Load> {
  return new Promise((resolve, reject) => {
    execFile('wrk', wrkArgs(url, o), { encoding: 'utf8' }, (err, out) => {
      if (err) reject(new Error(`wrk failed: ${err.message}`));
      else resolve(parseWrk(out));
    });
  });
}

/** A gzip response as sent: body, and headers other than the per-connection and per-request ones. */
const rawGzip = (port: number, target: string): Promise<{ headers: string[]; body: Buffer }> =>
  rawResponse(`http://127.0.0.1:${port}${target}`, { 'accept-encoding': 'gzip' });

/**
 * Hostile traffic beside normal traffic: wrk asks for the cached page (20 connections) while a
 * second wrk (50 connections) sends distinct targets, then distinct missing paths. Reports the
 * normal requests' throughput and p99 beside the same load alone, and the server's RSS.
 */
async function hostileTraffic(port: number, site: ChildProcess): Promise<void> {
  const normalUrl = `http://127.0.0.1:${port}${PAGE}`;
  const gzip = path.join(work, 'gzip.lua');
  const scripts: [name: string, file: string, lua: string][] = [
    [
      'distinct targets for 4 URLs (absolute-form hosts, fragments, queries, %-escapes)',
      'distinct.lua',
      `local pages = {"${PAGE}", "/api/elections/iom-dg-2023/candidates/antonio-vitorino", "/share/iom-dg-2023.png", "/iom-dg-2023/results"}
local n = 0
request = function()
  n = n + 1
  local p = pages[(n % #pages) + 1]
  local k = math.floor(n / #pages) % 4
  local target
  if k == 0 then target = "http://h" .. n .. ".example" .. p
  elseif k == 1 then target = p .. "#a" .. n
  elseif k == 2 then target = p .. "?utm=" .. n
  else target = string.gsub(p, "a", "%%61", 1) .. "?" .. n end
  return wrk.format("GET", target, {["Accept-Encoding"] = "gzip"})
end
`,
    ],
    [
      '404 flood (distinct missing paths)',
      'not-found.lua',
      `local n = 0
request = function()
  n = n + 1
  if n % 2 == 0 then return wrk.format("GET", "/iom-dg-2023/candidates/nobody-" .. n) end
  return wrk.format("GET", "/made-up-page-" .. n)
end
`,
    ],
  ];
  // The four URLs once each first: drawing the share image the first time is not the point.
  for (const url of [
    PAGE,
    '/api/elections/iom-dg-2023/candidates/antonio-vitorino',
    '/share/iom-dg-2023.png',
    '/iom-dg-2023/results',
  ])
    await rawGzip(port, url);
  const normal = { threads: 1, connections: 20, script: gzip };
  const alone = wrkWith(normalUrl, normal);
  process.stdout.write(
    `\nHostile traffic beside normal traffic (${PAGE}, gzip, wrk -t1 -c20 -d${SECONDS}s; hostile: wrk -t1 -c50):\n` +
      `  normal requests alone: ${fmt(alone.rps)} req/s, p99 ${fmt(alone.p99, 2)} ms; RSS ${fmt(rssMb(site.pid!))} MB\n`,
  );
  for (const [name, file, lua] of scripts) {
    const script = path.join(work, file);
    writeFileSync(script, lua);
    const before = rssMb(site.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(site.pid!))), 200);
    const [ok, hostile] = await Promise.all([
      wrkAsync(normalUrl, normal),
      wrkAsync(`http://127.0.0.1:${port}/`, { threads: 1, connections: 50, script }),
    ]);
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 1000));
    const after = rssMb(site.pid!);
    process.stdout.write(
      `  with ${name}: normal ${fmt(ok.rps)} req/s, p99 ${fmt(ok.p99, 2)} ms (${fmt(ok.p99 / alone.p99, 1)}× alone), errors ${ok.errors}; hostile ${fmt(hostile.rps)} req/s; RSS ${fmt(before)} → peak ${fmt(peak)} → ${fmt(after)} MB a second later (goal: within 50 MB: ${peak - before < 50 ? 'met' : 'NOT met'})\n`,
    );
  }
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
  if (values.live) {
    await benchLiveReaders({ server, work, seconds: SECONDS, start, freePort, waitFor, wrk, fmt });
    return;
  }

  // The site, as `npm start` runs it, logging one line per request as in production.
  const sitePort = await freePort();
  const site = start(process.execPath, [server], {
    PORT: String(sitePort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  });
  const startup = await waitFor(`http://127.0.0.1:${sitePort}/healthz`);
  const siteUrl = `http://127.0.0.1:${sitePort}${PAGE}`;
  const page = Buffer.from(
    await (await fetch(siteUrl, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer(),
  );
  // The gzip response exactly as the site sends it: its bytes and its headers.
  const gz = await rawGzip(sitePort, PAGE);
  writeFileSync(path.join(work, 'page.html'), page);
  writeFileSync(path.join(work, 'page.html.gz'), gz.body);
  mkdirSync(path.join(work, 'root', path.dirname(PAGE)), { recursive: true });
  writeFileSync(path.join(work, 'root', PAGE), page);
  writeFileSync(path.join(work, 'root', `${PAGE}.gz`), gz.body);

  // Baselines: bare node:http writing the same gzip bytes with the same response headers, and a
  // fresh request id per request (Node adds Date, Connection and Keep-Alive, as for the site);
  // and the same server after answering three requests through Express first (WITH_EXPRESS),
  // as the site does with its first pages. Node's own HTTP code is shared by every request:
  // once Express's requests and responses have gone through it, it stays slower for the bare
  // ones too, which is the part of the distance to bare node:http that the fast path cannot
  // remove while the site renders with Express.
  const bareFile = path.join(work, 'bare.mjs');
  writeFileSync(
    bareFile,
    `import { createServer } from 'node:http'; import { randomUUID } from 'node:crypto'; import { readFileSync } from 'node:fs';
const body = readFileSync(${JSON.stringify(path.join(work, 'page.html.gz'))});
const headers = ${JSON.stringify(gz.headers)};
const serve = (req, res) => { res.writeHead(200, [...headers, 'x-request-id', randomUUID()]); res.end(body); };
const app = process.env.WITH_EXPRESS ? (await import(${JSON.stringify(path.join(projectRoot, 'node_modules/express/index.js'))})).default() : undefined;
app?.get('/express', (req, res) => { res.send('<p>rendered</p>'); });
createServer(app ? (req, res) => (req.url === '/express' ? app(req, res) : serve(req, res)) : serve).listen(Number(process.env.PORT), '127.0.0.1');`,
  );
  /** A server of the rotation below, and the page's URL on it. */
  interface Measured {
    child: ChildProcess;
    url: string;
  }
  const startBare = async (env: Record<string, string> = {}): Promise<Measured> => {
    const port = await freePort();
    const child = start(process.execPath, [bareFile], { PORT: String(port), ...env });
    await waitFor(`http://127.0.0.1:${port}/`);
    return { child, url: `http://127.0.0.1:${port}${PAGE}` };
  };
  const startAfterExpress = async (): Promise<Measured> => {
    const measured = await startBare({ WITH_EXPRESS: '1' });
    for (let i = 0; i < 3; i++) await (await fetch(new URL('/express', measured.url))).text();
    return measured;
  };
  const startSite = async (level: string): Promise<Measured> => {
    const port = await freePort();
    const child = start(process.execPath, [server], {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: level,
    });
    await waitFor(`http://127.0.0.1:${port}/healthz`);
    return { child, url: `http://127.0.0.1:${port}${PAGE}` };
  };
  // Several processes of each kind, taken in turn round after round: one process of a kind keeps
  // its own speed for its life (two identical bare servers differ by up to 15 % for as long as
  // they run), so a single pair compares the processes it happened to start as much as the code.
  // The first site is the one the rest of the bench goes on with.
  const kinds: Measured[][] = [[], [{ child: site, url: siteUrl }], [], []];
  for (let n = 0; n < PROCESSES; n++) {
    kinds[0]!.push(await startBare());
    if (n > 0) kinds[1]!.push(await startSite('info'));
    // The site again without its request lines (LOG_LEVEL=warn): what the log line costs.
    kinds[2]!.push(await startSite('warn'));
    kinds[3]!.push(await startAfterExpress());
  }

  // Baseline: Express serving the same page with express.static (identity bytes: it has no
  // compression of its own).
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

  // Baseline: nginx, one worker like our one Node process, serving the same gzip bytes from
  // the .gz file beside the page (gzip_static), with its own default headers.
  let nginxUrl: string | undefined;
  if (has('nginx')) {
    const nginxPort = await freePort();
    const conf = path.join(work, 'nginx.conf');
    writeFileSync(
      conf,
      `worker_processes 1; daemon off; pid ${work}/nginx.pid; error_log ${work}/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; default_type text/html; sendfile on; tcp_nopush on; keepalive_requests 1000000; gzip_static on;
  client_body_temp_path ${work}/nginx-body; proxy_temp_path ${work}/nginx-proxy; fastcgi_temp_path ${work}/nginx-fcgi; uwsgi_temp_path ${work}/nginx-uwsgi; scgi_temp_path ${work}/nginx-scgi;
  server { listen 127.0.0.1:${nginxPort}; root ${work}/root; location / { try_files $uri =404; } } }`,
    );
    start('nginx', ['-c', conf, '-p', work]);
    nginxUrl = `http://127.0.0.1:${nginxPort}${PAGE}`;
    await waitFor(nginxUrl);
    const served = await rawGzip(nginxPort, PAGE);
    if (!served.body.equals(gz.body)) throw new Error('nginx did not serve the same gzip bytes');
  }

  // The cached fast path, measured from outside: one wrk thread, 50 connections, gzip.
  const gzipScript = path.join(work, 'gzip.lua');
  writeFileSync(gzipScript, 'wrk.headers["Accept-Encoding"] = "gzip"\n');
  const brScript = path.join(work, 'br.lua');
  writeFileSync(brScript, 'wrk.headers["Accept-Encoding"] = "br, gzip"\n');
  const expressUrl = `http://127.0.0.1:${expressPort}${PAGE}`;
  const one = (url: string, script?: string): Load =>
    wrkWith(url, { threads: 1, connections: 50, script });
  // Warm up every server, then measure each in turn.
  for (const url of [...kinds.flat().map((m) => m.url), expressUrl, nginxUrl].filter(Boolean)) {
    wrkWith(url!, { threads: 1, seconds: 2, script: gzipScript });
  }
  // The site, bare node:http, the site without request lines and bare node:http after Express
  // are measured in turn, round after round, the order rotating, for half the usual time each,
  // round i taking process i mod PROCESSES of each kind: a single run of each, one after the
  // other, compared moments of a shared machine whose speed moves by ±15 % from one run to the
  // next. The figures are the medians of the rounds' ratios, and their range beside them.
  const half = Math.max(1, Math.round(SECONDS / 2));
  const rounds: Load[][] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const round: Load[] = [];
    for (let k = 0; k < kinds.length; k++) {
      const at = (i + k) % kinds.length;
      const opts = { threads: 1, connections: 50, seconds: half, script: gzipScript };
      round[at] = wrkWith(kinds[at]![i % PROCESSES]!.url, opts);
    }
    rounds.push(round);
  }
  const median = (xs: number[]): number => {
    const sorted = [...xs].sort((x, y) => x - y);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const medianLoad = (at: number): Load => ({
    rps: median(rounds.map((r) => r[at]!.rps)),
    p50: median(rounds.map((r) => r[at]!.p50)),
    p99: median(rounds.map((r) => r[at]!.p99)),
    errors: rounds.reduce((sum, r) => sum + r[at]!.errors, 0),
  });
  const [bare, ours, quiet, afterExpress] = [0, 1, 2, 3].map(medianLoad) as [
    Load,
    Load,
    Load,
    Load,
  ];
  const ratiosOf = (at: number): number[] => rounds.map((r) => r[at]!.rps / r[0]!.rps);
  const ratios = ratiosOf(1);
  const quietRatios = ratiosOf(2);
  const afterExpressRatios = ratiosOf(3);
  const oursToAfterExpress = rounds.map((r) => r[1]!.rps / r[3]!.rps);
  const ratio = median(ratios);
  const span = (xs: number[]): string =>
    `median ${fmt(median(xs), 2)}× (rounds ${fmt(Math.min(...xs), 2)}–${fmt(Math.max(...xs), 2)})`;
  const byRound = (xs: number[]): string => `${xs.map((x) => fmt(x, 2)).join(', ')}; ${span(xs)}`;
  /** The median of each process's rounds (of process n of each kind against each other). */
  const byProcess = (xs: number[]): string =>
    Array.from({ length: Math.min(PROCESSES, xs.length) }, (_, n) =>
      fmt(median(xs.filter((_, i) => i % PROCESSES === n)), 2),
    ).join(', ');

  const results: [string, Load][] = [];
  if (nginxUrl) results.push(['nginx, gzip_static (1 worker)', one(nginxUrl, gzipScript)]);
  results.push(['node:http, same gzip bytes + headers *', bare]);
  results.push(['node:http, same, after 3 Express requests *', afterExpress]);
  results.push(['Express, express.static (identity)', one(expressUrl)]);
  results.push(['this site, cached page, gzip *', ours]);
  results.push(['this site, cached page, brotli', one(siteUrl, brScript)]);
  results.push(['this site, gzip, no request lines *', quiet]);

  process.stdout.write(
    `\nThroughput on ${PAGE} (${fmt(page.length)} bytes, ${fmt(gz.body.length)} gzip), wrk -t1 -c50 -d${SECONDS}s, Accept-Encoding: gzip\n` +
      `(* median of ${ROUNDS} rounds of ${half} s each, in rotating order, over ${PROCESSES} processes of each kind; other ratios are to that median):\n`,
  );
  const nginx = nginxUrl ? results[0]![1] : undefined;
  for (const [name, r] of results) {
    process.stdout.write(
      `  ${name.padEnd(44)} ${fmt(r.rps).padStart(8)} req/s   p50 ${fmt(r.p50, 2)} ms   p99 ${fmt(r.p99, 2)} ms   errors ${r.errors}   ${fmt(r.rps / bare.rps, 2)}× bare node${nginx ? `   ${fmt(r.rps / nginx.rps, 2)}× nginx` : ''}\n`,
    );
  }
  const gate = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  process.stdout.write(
    `  this site ÷ bare node:http, round by round: ${byRound(ratios)}; by process: ${byProcess(ratios)}\n` +
      `  without request lines ÷ bare node:http: ${byRound(quietRatios)}; by process: ${byProcess(quietRatios)}\n` +
      `  bare node:http after 3 Express requests ÷ bare node:http: ${byRound(afterExpressRatios)}; by process: ${byProcess(afterExpressRatios)}\n` +
      `  this site ÷ bare node:http after 3 Express requests: ${byRound(oursToAfterExpress)}\n` +
      `  goal ≥ 0.85× bare node:http with the same headers: ${span(ratios)} (${gate(ratio >= 0.85)}); goal p99 < 5 ms: ${fmt(ours.p99, 2)} ms (${gate(ours.p99 < 5)})\n`,
  );

  if (values['fast-path']) return;
  // The other processes of the rotation stop; the first site goes on.
  for (const measured of kinds.flat()) if (measured.child !== site) measured.child.kill('SIGTERM');

  await hostileTraffic(sitePort, site);

  const listening = Number(/"uptimeMs":(\d+)/.exec(headOf(logs.get(site)!))?.[1] ?? NaN);
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
// V8 gives the pages a collection freed back to the system in the background, over a second or
// two: what is held is the RSS once it stops falling (sampled every 250 ms, for at most 10 s).
const afterGc = process.memoryUsage().rss / 2 ** 20; let rss = afterGc; let still = 0;
for (let waited = 0; waited < 10_000 && still < 4; waited += 250) { await new Promise((done) => setTimeout(done, 250)); const now = process.memoryUsage().rss / 2 ** 20; still = rss - now > 1 ? 0 : still + 1; rss = Math.min(rss, now); }
console.log(JSON.stringify({ ok: r.ok, ms, peak, afterGc, rss, routes: r.ok ? r.content.routes.size : 0 }));`,
  );
  const load = JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', loader, corpus], { encoding: 'utf8' }),
  ) as { ok: boolean; ms: number; peak: number; afterGc: number; rss: number; routes: number };
  process.stdout.write(
    `5,000 generated articles: loaded=${load.ok} (${fmt(load.routes)} URLs) in ${fmt(load.ms)} ms (goal < 5,000: ${gate(load.ms < 5000)}), RSS ${fmt(load.rss)} MB held once it stops falling after collection (goal < 300: ${gate(load.rss < 300)}; ${fmt(load.afterGc)} MB 100 ms after it), ${fmt(load.peak)} MB at the end of loading\n`,
  );

  // A save on that site, with WATCH on: how long the serving thread stops answering while it
  // takes the new content in. A probe asks for /healthz every 5 ms (the serving thread answers
  // it itself) from the save until a second after the saved text is served; the same probe for
  // as long with no save is its baseline. Each save waits for the server to be idle (after its
  // start, the loading thread's warm-ups; after a save, the rendering thread's pages).
  const bigPort = await freePort();
  const big = start(
    process.execPath,
    [server],
    {
      PORT: String(bigPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WATCH: 'true',
      CONTENT_DIR: corpus,
      // The last good content kept as in production, in the bench's folder (removed at the end).
      LAST_GOOD_DIR: path.join(work, 'kept'),
    },
    true,
  );
  const bigUrl = `http://127.0.0.1:${bigPort}`;
  await waitFor(`${bigUrl}/healthz`, 120_000);
  /** Waits until the process uses under a twentieth of a core for 1.5 s (at most 2 minutes). */
  const untilIdle = async (pid: number): Promise<void> => {
    let calm = 0;
    for (let waited = 0; calm < 3 && waited < 120_000; waited += 500) {
      const before = cpuMs(pid);
      await sleep(500);
      calm = cpuMs(pid) - before < 25 ? calm + 1 : 0;
    }
  };
  /** The slowest /healthz answer while `during` runs. */
  const slowestAnswer = async (during: () => Promise<void>): Promise<number> => {
    let slowest = 0;
    let done = false;
    const probing = (async () => {
      while (!done) {
        const t = performance.now();
        await (await fetch(`${bigUrl}/healthz`)).arrayBuffer();
        slowest = Math.max(slowest, performance.now() - t);
        await sleep(5);
      }
    })();
    await during();
    done = true;
    await probing;
    return slowest;
  };
  const bigSaves: { served: number; slowest: number; quiet: number }[] = [];
  for (let i = 0; i < 3; i++) {
    await untilIdle(big.pid!);
    let served = 0;
    const started = performance.now();
    const slowest = await slowestAnswer(async () => {
      served = await savedAndServed(
        bigUrl,
        corpus,
        `Saved on the large site, pass ${i}.`,
        20,
        60_000,
      );
      await sleep(1000);
    });
    const window = performance.now() - started;
    await untilIdle(big.pid!);
    const quiet = await slowestAnswer(() => sleep(window));
    bigSaves.push({ served, slowest, quiet });
  }
  big.kill('SIGTERM');
  const byServed = [...bigSaves].sort((a, b) => a.served - b.served);
  const bySlowest = [...bigSaves].sort((a, b) => a.slowest - b.slowest);
  process.stdout.write(
    `A save on the 5,000-article site (WATCH=true, 3 saves): served after ${fmt(byServed[1]!.served)} ms (median; worst ${fmt(byServed[2]!.served)}); the serving thread's slowest answer meanwhile ${fmt(bySlowest[1]!.slowest)} ms (median; worst ${fmt(bySlowest[2]!.slowest)}), against ${bigSaves.map((s) => fmt(s.quiet)).join(', ')} ms for as long with no save\n`,
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
    LAST_GOOD_DIR: path.join(work, 'kept'),
  });
  await waitFor(`http://127.0.0.1:${watchPort}/healthz`);
  const edits: number[] = [];
  for (let i = 0; i < 5; i++) {
    await sleep(300);
    const origin = `http://127.0.0.1:${watchPort}`;
    edits.push(
      await savedAndServed(origin, edited, `Edited for the benchmark, pass ${i}.`, 5, 10_000),
    );
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
