// Pages are rendered in a thread of their own (render-worker.ts): the serving thread's request
// and response objects never meet Express, a rendering thread that stops costs the readers of
// cached pages nothing and is started again, and the requests waiting for it are bounded.
import { IncomingMessage, ServerResponse } from 'node:http';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnRenderingThread } from '../../src/http/rendering-thread.js';
import { createSite } from '../../src/http/site.js';
import type { Site } from '../../src/http/site.js';
import { ContentHolder } from '../../src/store/holder.js';
import { loadOrThrow } from '../support/app.js';
import { cleanUp, copySite, editFile, shippedContent } from '../support/fixtures.js';
import { capturedLogger } from '../support/log.js';
import type { Listening } from '../support/socket.js';
import { listen, rawGet } from '../support/socket.js';

const PAGE = '/iom-dg-2023/candidates/amy-pope';
const RESULTS = '/iom-dg-2023/results';

interface Line {
  level: number;
  msg: string;
  err?: { message: string };
  res?: { statusCode: number };
}

const opened: (Site | Listening)[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0)) await thing.close();
});
afterAll(cleanUp);

async function site(
  options: {
    maxWaitingRenders?: number;
    maxWaitingUnknown?: number;
    renderStallMs?: number;
    renderingThread?: Worker;
  } = {},
) {
  const { logger, lines } = capturedLogger<Line>();
  const built = await createSite({
    holder: new ContentHolder(await loadOrThrow(shippedContent)),
    config: { dev: false, baseUrl: 'https://explainer.example', trustProxy: false },
    logger,
    ...options,
  });
  const server = await listen(built.handler);
  opened.push(server, built);
  return { site: built, port: server.port, lines };
}

/** A rendering thread that says it is ready and then answers nothing (a stuck render). */
const silentThread = (): Worker =>
  new Worker(
    `const { parentPort } = require('node:worker_threads');
     parentPort.on('message', (m) => { if (m.type === 'start') parentPort.postMessage({ type: 'ready' }); });`,
    { eval: true },
  );

/** Properties Express gives a request or a response it handles. */
const EXPRESS_PROPERTIES = ['app', 'req', 'res', 'next', 'locals', 'params', 'query', 'baseUrl'];

describe('the rendering thread', () => {
  it('is ready when the site is: the first request after listening does not wait for it', async () => {
    const { site: built, port, lines } = await site();
    expect(built.renderer!.ready).toBe(true);
    expect(built.renderer!.waiting).toBe(0);
    const first = await rawGet(port, '/healthz');
    expect(first.status).toBe(200);
    expect(lines.filter((l) => l.msg === 'request completed')).toHaveLength(1);
  });

  it('started before the content loaded, is the one the site renders with', async () => {
    const early = spawnRenderingThread();
    const { site: built, port } = await site({ renderingThread: early });
    expect(built.renderer!.thread).toBe(early);
    expect(built.renderer!.ready).toBe(true);
    expect((await rawGet(port, PAGE)).status).toBe(200);
  });

  it('started early but stopped before the site took it, is replaced by a new one', async () => {
    const early = spawnRenderingThread();
    await early.terminate();
    const { site: built, port } = await site({ renderingThread: early });
    expect(built.renderer!.thread).not.toBe(early);
    expect(built.renderer!.ready).toBe(true);
    expect((await rawGet(port, PAGE)).status).toBe(200);
  });

  it("leaves the serving thread's requests and responses as Node made them", async () => {
    const { site: built } = await site();
    const seen: [IncomingMessage, ServerResponse][] = [];
    const server = await listen((req, res) => {
      seen.push([req, res]);
      built.handler(req, res);
    });
    opened.push(server);
    // Rendered (a page, a redirect, a 404, the API), then the same page from the cache.
    const statuses = [];
    for (const target of [PAGE, '/IOM-DG-2023/', '/nope', '/api/elections', PAGE])
      statuses.push((await rawGet(server.port, target)).status);
    expect(statuses).toEqual([200, 301, 404, 200, 200]);
    expect(seen).toHaveLength(5);
    // A bare Node server's request and response, for what Node itself sets (it sets res.req).
    let bare: [IncomingMessage, ServerResponse] | undefined;
    const plain = await listen((req, res) => {
      bare = [req, res];
      res.end('ok');
    });
    opened.push(plain);
    await rawGet(plain.port, PAGE);
    const [bareReq, bareRes] = bare!;
    for (const [req, res] of seen) {
      expect(Object.getPrototypeOf(req)).toBe(IncomingMessage.prototype);
      expect(Object.getPrototypeOf(res)).toBe(ServerResponse.prototype);
      for (const name of EXPRESS_PROPERTIES) {
        expect(Object.hasOwn(req, name), `req.${name}`).toBe(Object.hasOwn(bareReq, name));
        expect(Object.hasOwn(res, name), `res.${name}`).toBe(Object.hasOwn(bareRes, name));
      }
    }
  });

  it('that stops is started again by the next request, while cached pages are served', async () => {
    const { site: built, port, lines } = await site();
    const first = await rawGet(port, PAGE);
    expect(first.status).toBe(200);
    await built.renderer!.thread!.terminate();
    await new Promise((resolve) => setImmediate(resolve));
    expect(built.renderer!.thread).toBeUndefined();
    expect(lines.map((l) => l.msg)).toContain(
      'The rendering thread stopped; the next request starts it again',
    );
    // The cached page is still there, byte for byte.
    const cached = await rawGet(port, PAGE);
    expect(cached.status).toBe(200);
    expect(cached.body.equals(first.body)).toBe(true);
    // Within a second of the stop, a page still to render is refused with a short wait…
    const soon = await rawGet(port, RESULTS);
    expect(soon.status).toBe(503);
    expect(soon.headers['retry-after']).toBe('1');
    expect(soon.headers['cache-control']).toBe('no-store');
    expect(soon.body.toString()).toContain(`Request id: ${String(soon.headers['x-request-id'])}`);
    // …then the next request starts a new thread, with the content being served.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const later = await rawGet(port, RESULTS);
    expect(later.status).toBe(200);
    expect(later.body.toString()).toContain('<h1');
    expect(built.renderer!.thread).toBeDefined();
  });

  it('hears of a swap even when a listener before it throws (a report that failed)', async () => {
    const holder = new ContentHolder(await loadOrThrow(shippedContent));
    // Registered first, as the server's reload report is.
    holder.on('swap', () => {
      throw new RangeError('Invalid string length');
    });
    const built = await createSite({
      holder,
      config: { dev: false, baseUrl: 'https://explainer.example', trustProxy: false },
      logger: capturedLogger().logger,
    });
    const server = await listen(built.handler);
    opened.push(server, built);
    const dir = await copySite(shippedContent);
    await editFile(dir, 'elections/iom-dg-2023/candidates/amy-pope.md', (t) =>
      t.replace('US lawyer and migration', 'US lawyer, as swapped in, and migration'),
    );
    const next = await loadOrThrow(dir);
    // The swap is made, and the listener's error still reaches the reload that made it.
    expect(() => holder.swap(next)).toThrow('Invalid string length');
    expect(holder.current).toBe(next);
    // Before, the rendering thread never heard of it and rendered the content swapped out.
    const page = await rawGet(server.port, PAGE);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('US lawyer, as swapped in, and migration');
  });

  it('renders a sources page of 5,000 sources, each cited by an event of the timeline, within its stall limit', async () => {
    const dir = await copySite(shippedContent);
    const many = Array.from({ length: 5000 }, (_, i) => i);
    await editFile(dir, 'elections/iom-dg-2023/election.yaml', (t) =>
      t
        .replace(
          /^timeline:\n/m,
          `timeline:\n${many.map((i) => `  - date: 2019-01-01\n    title: Event ${i}\n    sources: [s${i}]\n`).join('')}`,
        )
        .replace(
          /^sources:\n/m,
          `sources:\n${many.map((i) => `  - id: s${i}\n    title: Source ${i}\n    publisher: Example\n    url: https://example.org/${i}\n    date: 2019-01\n`).join('')}`,
        ),
    );
    const built = await createSite({
      holder: new ContentHolder(await loadOrThrow(dir)),
      config: { dev: false, baseUrl: 'https://explainer.example', trustProxy: false },
      logger: capturedLogger().logger,
      // Each source walked the whole election: 5,000 × 5,000 entries took longer than this.
      renderStallMs: 3_000,
    });
    const server = await listen(built.handler);
    opened.push(server, built);
    const page = await rawGet(server.port, '/iom-dg-2023/sources');
    expect(page.status).toBe(200);
    const html = page.body.toString();
    expect(html).toContain(
      '<li id="source-s4999">\n    <p><strong>Example</strong>, <a href="https://example.org/4999">Source 4999</a>',
    );
    // Each cited on the overview, where the timeline is.
    for (const i of [0, 2500, 4999])
      expect(
        /<li id="source-s\d+">[\s\S]*?<\/li>/.exec(
          html.slice(html.indexOf(`<li id="source-s${i}">`)),
        )![0],
      ).toContain(
        '<p class="cited-by">Cited on: <a href="/iom-dg-2023/">Overview and results</a></p>',
      );
  }, 60_000);

  it('keeps at most the bound of requests waiting; past it, 503 at once', async () => {
    const { site: built, port, lines } = await site({ maxWaitingRenders: 2 });
    // Twenty addresses at once, none cached: each needs the rendering thread (a full 404).
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => rawGet(port, `/nowhere-${i}`)),
    );
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 404).length).toBe(20 - refused.length);
    for (const answer of refused) {
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Every request is logged, the refused ones too; nothing is left waiting.
    const logged = lines.filter((l) => l.msg === 'request completed');
    expect(logged).toHaveLength(20);
    expect(logged.filter((l) => l.res?.statusCode === 503)).toHaveLength(refused.length);
    // A refusal is a warning (40), not an error: the server is shedding load, not failing.
    expect(new Set(logged.map((l) => [l.res?.statusCode, l.level].join(' ')))).toEqual(
      new Set(['404 30', '503 40']),
    );
    expect(built.renderer!.waiting).toBe(0);
    expect((await rawGet(port, '/nowhere-again')).status).toBe(404);
  });

  it('keeps room for what the content has: made-up file names past their share get 503, pages still wait their turn', async () => {
    // A thread that says it is ready and then answers nothing: whatever is let in stays waiting.
    const silent = silentThread();
    const { site: built, port } = await site({
      renderingThread: silent,
      renderStallMs: 60_000,
      maxWaitingRenders: 10,
      maxWaitingUnknown: 2,
    });
    const waitingFor = async (count: number): Promise<void> => {
      for (let i = 0; i < 200 && built.renderer!.waiting !== count; i++)
        await new Promise((r) => setTimeout(r, 5));
      expect(built.renderer!.waiting).toBe(count);
    };
    // Made-up names the 404 guard cannot tell from real files (a dot, a word the site answers
    // under, another language): two wait, the rest are refused at once.
    const madeUp = [
      '/zz1.png',
      '/share/nowhere.png',
      '/api/elections/nowhere',
      '/fr/zz2.png',
      '/zz3.xml',
    ];
    const pending = madeUp.map((target) => rawGet(port, target));
    for (const p of pending) p.catch(() => undefined);
    await waitingFor(2);
    // What the content has still gets in: a page in two languages, the API, a share image,
    // the sitemap and a feed.
    const real = [
      RESULTS,
      '/fr/iom-dg-2023/results',
      '/api/elections/iom-dg-2023',
      '/share/iom-dg-2023/amy-pope.png',
      '/sitemap.xml',
      '/es/feed.xml',
    ];
    const realPending = real.map((target) => rawGet(port, target));
    await waitingFor(2 + real.length);
    // Three made-up names were answered 503 with Retry-After, and nothing real was.
    const settled = await Promise.race([
      Promise.allSettled(pending),
      new Promise((r) => setTimeout(r, 100, 'still waiting')),
    ]);
    expect(settled).toBe('still waiting');
    const answered = await Promise.all(
      pending.map((p) => Promise.race([p, new Promise((r) => setTimeout(r, 50, undefined))])),
    );
    const refused = answered.filter((a) => a !== undefined) as Awaited<(typeof pending)[number]>[];
    expect(refused).toHaveLength(3);
    for (const answer of refused) {
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('1');
    }
    // A thread that stops answers what waits (500), so the connections end.
    await silent.terminate();
    const ended = await Promise.all(realPending);
    expect(ended.map((a) => a.status)).toEqual(real.map(() => 500));
  });

  it("is not needed for the redirects the site's own addresses lead to: answered 301 while it answers nothing", async () => {
    const silent = silentThread();
    const {
      site: built,
      port,
      lines,
    } = await site({
      renderingThread: silent,
      renderStallMs: 60_000,
      maxWaitingUnknown: 1,
    });
    // Its share of made-up names taken: a redirect waiting with them was refused 503.
    const pending = rawGet(port, '/zz1.png');
    pending.catch(() => undefined);
    for (let i = 0; i < 200 && built.renderer!.waiting !== 1; i++)
      await new Promise((r) => setTimeout(r, 5));
    const cases: [target: string, location: string][] = [
      ['/iom-dg-2023', '/iom-dg-2023/'],
      ['/fr', '/fr/'],
      ['/es/iom-dg-2023/results/', '/es/iom-dg-2023/results'],
    ];
    for (const [target, location] of cases) {
      const res = await rawGet(port, target);
      expect(res.status, target).toBe(301);
      expect(res.headers.location, target).toBe(location);
      expect(res.body.toString()).toBe(`Moved Permanently. Redirecting to ${location}`);
    }
    expect(built.renderer!.waiting).toBe(1);
    const logged = lines.filter((l) => l.msg === 'request completed' && l.res?.statusCode === 301);
    expect(logged).toHaveLength(3);
    await silent.terminate();
    await pending;
  });

  it('answers the same redirect the serving thread does, whatever the client accepts', async () => {
    const { port } = await site();
    // With a query, the rendering thread answers (the query goes along); without, this thread.
    const here = await rawGet(port, '/iom-dg-2023', { accept: 'application/json' });
    const there = await rawGet(port, '/iom-dg-2023?ref=a', { accept: 'application/json' });
    expect(there.headers.location).toBe('/iom-dg-2023/?ref=a');
    const {
      'x-request-id': _a,
      location: _b,
      'content-length': _c,
      date: _d,
      ...hereRest
    } = here.headers;
    const {
      'x-request-id': _e,
      location: _f,
      'content-length': _g,
      date: _h,
      ...thereRest
    } = there.headers;
    expect(thereRest).toEqual(hereRest);
    expect(hereRest['content-type']).toBe('text/plain; charset=utf-8');
    expect(hereRest.vary).toBeUndefined();
    expect(there.body.toString()).toBe('Moved Permanently. Redirecting to /iom-dg-2023/?ref=a');
  });

  it('that answers nothing while requests wait is stopped, and they are answered 500', async () => {
    // 30 ms without an answer counts as stuck here; drawing a share image takes longer.
    const { site: built, port, lines } = await site({ renderStallMs: 30 });
    const stuck = await rawGet(port, '/share/iom-dg-2023.png');
    expect(stuck.status).toBe(500);
    expect(stuck.body.toString()).toContain('Something went wrong');
    const stopped = lines.find((l) => l.msg.startsWith('The rendering thread stopped'));
    expect(stopped).toMatchObject({
      level: 50,
      err: { message: 'it answered nothing for 0.03 s while requests waited' },
    });
    // Stopped: the next request starts another (as the test above shows).
    expect(built.renderer!.thread).toBeUndefined();
    expect(built.renderer!.waiting).toBe(0);
  });

  it('is not asked for health: /healthz answers while the thread answers nothing', async () => {
    const silent = silentThread();
    const { port } = await site({ renderingThread: silent, renderStallMs: 5_000 });
    const health = await rawGet(port, '/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString())).toEqual({
      status: 'ok',
      version: (await loadOrThrow(shippedContent)).version,
      loadedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    });
    expect(health.headers['cache-control']).toBe('no-store');
    expect(health.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is not asked for version documents: after a swap, every open page polls at once, and none waits for it', async () => {
    const silent = silentThread();
    const { site: built, port } = await site({
      renderingThread: silent,
      renderStallMs: 60_000,
      maxWaitingRenders: 2,
    });
    // Fifty polls at once of a document not made yet for this content: each answered, none waits.
    const polls = await Promise.all(
      Array.from({ length: 50 }, () =>
        rawGet(port, '/iom-dg-2023/live.json', { accept: 'application/json' }),
      ),
    );
    expect(polls.map((p) => p.status)).toEqual(polls.map(() => 200));
    expect(built.renderer!.waiting).toBe(0);
    const doc = JSON.parse(polls[0]!.body.toString()) as { election: string; seq: number };
    expect(doc.election).toBe('iom-dg-2023');
    expect(polls[0]!.headers['cache-control']).toBe('public, max-age=1');
    expect(polls[0]!.headers['access-control-allow-origin']).toBe('*');
    expect(polls[0]!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(polls[0]!.headers['content-security-policy']).toContain("default-src 'self'");
    // The poll a browser's cache makes: 304.
    const again = await rawGet(port, '/iom-dg-2023/live.json', {
      'if-none-match': polls[0]!.headers.etag!,
    });
    expect(again.status).toBe(304);
  });

  it('leaves the serving thread free while it renders: a cached page is not held up', async () => {
    const { port } = await site();
    await rawGet(port, PAGE);
    const done: string[] = [];
    // Drawing a share image for the first time takes the rendering thread about half a second.
    const drawing = rawGet(port, '/share/iom-dg-2023.png').then((a) => {
      done.push('share image');
      return a;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const cached = await rawGet(port, PAGE);
    done.push('cached page');
    expect(cached.status).toBe(200);
    expect((await drawing).status).toBe(200);
    expect(done).toEqual(['cached page', 'share image']);
  });
});
