// What an operator relies on: one structured log line per request, health with the content
// version, and a clean stop on SIGTERM that lets requests in flight finish.
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { problem } from '../../src/content/problems.js';
import { createSite } from '../../src/http/site.js';
import { ContentHolder } from '../../src/store/holder.js';
import { shippedContent } from '../support/fixtures.js';
import { capturedLogger } from '../support/log.js';

interface LogLine {
  level: number;
  msg: string;
  req?: { id: string; method: string; url: string; urlLength?: number };
  res?: { statusCode: number };
  responseTime?: number;
}

async function loggedSite() {
  const { logger, lines } = capturedLogger<LogLine>();
  const loaded = await loadContent(shippedContent);
  if (!loaded.ok) throw new Error('invalid content');
  const holder = new ContentHolder(loaded.content);
  const site = await createSite({
    holder,
    config: { dev: false, baseUrl: 'https://explainer.example', trustProxy: false },
    logger,
  });
  return { app: site.handler, lines, holder };
}

describe('request logs', () => {
  it('one JSON line per request, rendered or cached, with id, status and duration', async () => {
    const { app, lines } = await loggedSite();
    const first = await request(app).get('/iom-dg-2023/').expect(200);
    const second = await request(app).get('/iom-dg-2023/').expect(200);
    const missing = await request(app).get('/nope').expect(404);
    const requests = lines.filter((l) => l.msg === 'request completed');
    expect(requests).toHaveLength(3);
    expect(requests.map((l) => [l.req?.id, l.req?.method, l.req?.url, l.res?.statusCode])).toEqual([
      [first.headers['x-request-id'], 'GET', '/iom-dg-2023/', 200],
      [second.headers['x-request-id'], 'GET', '/iom-dg-2023/', 200],
      [missing.headers['x-request-id'], 'GET', '/nope', 404],
    ]);
    for (const line of requests) expect(line.responseTime).toBeGreaterThanOrEqual(0);
  });

  it("the line of a request is the line pino writes with the server's settings", async () => {
    const { flushRequestLog, logRequest } = await import('../../src/http/request-log.js');
    const text: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        text.push(chunk.toString());
        done();
      },
    });
    const byPino = pino(
      { level: 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
      destination,
    );
    const url = '/a "quoted" \\ path\u00e9\t';
    const fields = {
      req: { id: 'abc', method: 'GET', url },
      res: { statusCode: 404 },
      responseTime: 0.5,
      cached: false,
    };
    byPino.info(fields, 'request completed');
    const [expected] = text.splice(0);
    const start = performance.now() - 0.5;
    logRequest(byPino, { id: 'abc', method: 'GET', url, status: 404, start, cached: false });
    // Lines of one turn of the event loop are written together, at its end.
    expect(text).toHaveLength(0);
    flushRequestLog();
    const line = JSON.parse(text[0]!) as Record<string, unknown>;
    const want = JSON.parse(expected!) as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(Object.keys(want));
    expect({ ...line, time: 0, responseTime: 0 }).toEqual({ ...want, time: 0, responseTime: 0 });
    expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The time is now's, to the millisecond (the second is made once a second, the
    // milliseconds added to it).
    expect(Math.abs(Date.parse(line.time as string) - Date.now())).toBeLessThan(1000);
    expect(line.responseTime).toBeGreaterThanOrEqual(0.5);
    expect(line.responseTime).toBeLessThan(1000);
    // Below the level, nothing is written.
    byPino.level = 'warn';
    logRequest(byPino, { id: 'abc', method: 'GET', url, status: 200, start, cached: true });
    flushRequestLog();
    expect(text).toHaveLength(1);
  });

  it('cuts a URL past 2,048 characters and gives its length; a refusal is a warning, a failure an error', async () => {
    const { app, lines } = await loggedSite();
    const long = `/${'a'.repeat(14_999)}`;
    await request(app).get(long).expect(404);
    const [served] = lines.filter((l) => l.msg === 'request completed');
    expect(served!.req).toEqual({
      id: expect.any(String) as string,
      method: 'GET',
      url: `${long.slice(0, 2048)}…`,
      urlLength: 15_000,
    });
    // The lines pino writes for a 503 and a 500 cut it the same way.
    const { logRequest } = await import('../../src/http/request-log.js');
    const { logger, lines: byPino } = capturedLogger<LogLine>();
    const start = performance.now();
    for (const status of [503, 500]) {
      logRequest(logger, { id: 'x', method: 'GET', url: long, status, start, cached: false });
    }
    expect(
      byPino.map((l) => [l.level, l.res!.statusCode, l.req!.url.length, l.req!.urlLength]),
    ).toEqual([
      [40, 503, 2049, 15_000],
      [50, 500, 2049, 15_000],
    ]);
  });

  it('keeps every line whole and in order across many writes, and never rewrites bytes it handed over', async () => {
    const { flushRequestLog, logRequest } = await import('../../src/http/request-log.js');
    // What the destination was handed, kept as handed (the bytes, not a copy): a write
    // destination holds them until it has written them.
    const held: Buffer[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        held.push(chunk);
        done();
      },
    });
    const logger = pino({ level: 'info', base: undefined }, destination);
    const start = performance.now();
    const urls: string[] = [];
    // Long URLs, some with characters of two and three UTF-8 bytes, in turns of 37 lines:
    // they fill many chunks, and a line must never be cut where one ends.
    for (let n = 0; n < 2000; n++) {
      const url = `/${String(n).padStart(4, '0')}/${(n % 3 === 0 ? 'é€' : 'x').repeat(n % 700)}`;
      urls.push(url);
      logRequest(logger, { id: `id-${n}`, method: 'GET', url, status: 200, start, cached: true });
      if (n % 37 === 36) flushRequestLog();
    }
    flushRequestLog();
    const copies = held.map((b) => Buffer.from(b));
    // More lines after the first ones were handed over: the bytes handed over stay as they were.
    for (let n = 0; n < 500; n++) {
      logRequest(logger, {
        id: 'later',
        method: 'GET',
        url: '/later',
        status: 200,
        start,
        cached: true,
      });
    }
    flushRequestLog();
    copies.forEach((copy, i) => expect(held[i]!.equals(copy)).toBe(true));
    const lines = Buffer.concat(held).toString('utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2500);
    const parsed = lines.map((l) => JSON.parse(l) as LogLine);
    expect(parsed.slice(0, 2000).map((l) => l.req!.url)).toEqual(urls);
    expect(parsed.slice(0, 2000).map((l) => l.req!.id)).toEqual(urls.map((_, n) => `id-${n}`));
    expect(parsed.slice(2000).every((l) => l.req!.url === '/later')).toBe(true);
  });
});

describe('health', () => {
  it('reports the content version and when it was loaded, never cached', async () => {
    const { app, holder } = await loggedSite();
    const res = await request(app).get('/healthz').expect(200).expect('Cache-Control', 'no-store');
    expect(res.body).toEqual({
      status: 'ok',
      version: holder.current.version,
      loadedAt: holder.current.loadedAt,
    });
  });

  it('says when the last save could not be loaded, while the version before is served', async () => {
    const { app, holder } = await loggedSite();
    const { version, loadedAt } = holder.current;
    const broken = problem(
      'field-invalid',
      { file: 'x/election.yaml', line: 3, column: 9, field: 'status' },
      'one of upcoming, voting, decided',
      'votng',
    );
    holder.fail([broken, broken], { errors: 2, warnings: 0, files: 1 });
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      version,
      loadedAt,
      lastReload: { status: 'failed', at: holder.failure!.at, errors: 2 },
    });
    // The next good save: nothing more to say.
    holder.swap(holder.current);
    expect((await request(app).get('/healthz').expect(200)).body).toEqual({
      status: 'ok',
      version,
      loadedAt,
    });
  });

  it('counts the errors of translation files left out of the content served', async () => {
    const { app, holder } = await loggedSite();
    const french = problem(
      'translation-data',
      { file: 'x/election.fr.yaml', line: 58, column: 5, field: 'rounds.0.number' },
      'number',
      'x/election.yaml',
      'round 1 › number',
      '1',
    );
    holder.swap({ ...holder.current, warnings: [french, ...holder.current.warnings] });
    expect((await request(app).get('/healthz').expect(200)).body).toEqual({
      status: 'ok',
      version: holder.current.version,
      loadedAt: holder.current.loadedAt,
      translationErrors: 1,
    });
  });
});

describe('stopping', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s it finishes the request in flight and exits 0',
    async (signal) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      });
      let out = '';
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.on('exit', () => reject(new Error(`server exited early: ${out}`)));
      });
      const exited = new Promise<{ code: number | null; ms: number }>((resolve) => {
        const start = Date.now();
        child.on('exit', (code) => resolve({ code, ms: Date.now() - start }));
      });
      // A share image takes a moment to draw the first time: it is in flight when the signal comes.
      const inFlight = fetch(`http://127.0.0.1:${port}/share/iom-dg-2023.png`);
      await new Promise((r) => setTimeout(r, 20));
      child.kill(signal);
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      const { code, ms } = await exited;
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
      expect(out).toContain('"msg":"shutting down"');
      expect(out).toContain('"msg":"stopped"');
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    },
  );
});
