// Hostile traffic has no cost: a resource has one cached response whatever form its request
// target takes (absolute-form with any host, fragments, queries, percent-encoding), so a
// flood of distinct targets neither grows memory nor redraws anything, and normal requests
// keep being answered.
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../support/app.js';
import type { TestSite } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';
import { spawnServer } from '../support/server.js';
import type { ServerProcess } from '../support/server.js';
import type { Listening } from '../support/socket.js';
import { listen, rawGet } from '../support/socket.js';

const PAGE = '/iom-dg-2023/candidates/amy-pope';
const API = '/api/elections/iom-dg-2023/candidates/antonio-vitorino';
const SHARE = '/share/iom-dg-2023.png';

const send = (port: number, target: string, agent?: Agent) => rawGet(port, target, {}, agent);

/** The path with the letters picked by the bits of `n` percent-encoded: 2^16 spellings of it. */
function encodedVariant(path: string, n: number): string {
  let bit = 0;
  return path.replace(/[a-z]/g, (c) =>
    (n >> (bit++ % 16)) & 1 ? `%${c.charCodeAt(0).toString(16)}` : c,
  );
}

/** The n-th hostile spelling of one of a handful of URLs. */
function hostile(n: number): string {
  switch (n % 6) {
    case 0:
      return `http://h${n}.example${PAGE}`;
    case 1:
      return `${PAGE}#a${n}`;
    case 2:
      return encodedVariant(API, n >> 3);
    case 3:
      return `http://h${n}.example${SHARE}`;
    case 4:
      return `${encodedVariant('/iom-dg-2023/results', n >> 3)}?utm=${n}`;
    default:
      return `http://h${n}.example/api/elections?x=${n}#f${n}`;
  }
}

describe('one cached response per resource', () => {
  let site: TestSite;
  let server: Listening;
  let port = 0;
  beforeAll(async () => {
    site = await appFor(shippedContent);
    server = await listen(site.app);
    port = server.port;
  });
  afterAll(() => server.close());

  it('whatever form the request target takes', async () => {
    const { holder, site: s } = site;
    const canonical = new Map<string, Buffer>();
    for (const url of [PAGE, API, SHARE, '/api/elections']) {
      const res = await send(port, url);
      expect(res.status, url).toBe(200);
      canonical.set(url, res.body);
    }
    const kept = s.cache!.size(holder.current);
    const entries = [PAGE, API, SHARE].map((url) => s.cache!.get(holder.current, url));
    const variants: [string, string][] = [
      [`http://h1.example${PAGE}`, PAGE],
      [`HTTP://h2.example:8080${PAGE}?q=1#x`, PAGE],
      [`${PAGE}#a1`, PAGE],
      [`${PAGE}#a2`, PAGE],
      [`${PAGE}?utm_source=x`, PAGE],
      ['/api/elections/iom-dg-2023/candidates/%61ntonio-vitorino', API],
      ['/api/elections/iom%2Ddg-2023/candidates/antonio%2dvitorino', API],
      [`http://h3.example/api/elections/iom-dg-2023/candidates/%61ntonio-vitorino`, API],
      [`http://h4.example${SHARE}`, SHARE],
      [`http://h5.example${SHARE}#x`, SHARE],
      ['http://h6.example/api/elections', '/api/elections'],
    ];
    for (const [target, resource] of variants) {
      const res = await send(port, target);
      expect(res.status, target).toBe(200);
      expect(res.body.equals(canonical.get(resource)!), target).toBe(true);
    }
    expect(s.cache!.size(holder.current)).toBe(kept);
    // The very same responses: the share image was drawn once, nothing was built again.
    expect([PAGE, API, SHARE].map((url) => s.cache!.get(holder.current, url))).toEqual(entries);
    for (const [i, url] of [PAGE, API, SHARE].entries())
      expect(s.cache!.get(holder.current, url), url).toBe(entries[i]);
  });

  it('absolute-form answers what origin-form answers, before anything is cached', async () => {
    // A site of its own: nothing of it is cached, so every target goes through routing.
    const fresh = await appFor(shippedContent);
    const direct = await listen(fresh.app);
    const targets = [
      PAGE,
      API,
      SHARE,
      '/api/elections',
      '/api/elections/iom-dg-2023',
      '/fr/api/elections/iom-dg-2023',
      '/fr/share/iom-dg-2023.png',
      '/feed.xml',
      '/iom-dg-2023/live.json',
    ];
    try {
      for (const [i, path] of targets.entries()) {
        const absolute = await send(direct.port, `http://h${i}.example${path}?q=${i}#f${i}`);
        expect(absolute.status, path).toBe(200);
        const origin = await send(direct.port, path);
        expect(origin.status, path).toBe(200);
        expect(absolute.body.equals(origin.body), path).toBe(true);
      }
      // An authority no URL parser takes is still only an authority: the path is what is asked
      // for (these paths are not cached yet: they go to the rendering thread).
      for (const [target, path] of [
        ['http://x:99999/healthz', '/healthz'],
        ['http://[::1/api/elections/iom-dg-2018', '/api/elections/iom-dg-2018'],
        ['http://a:b@/es/feed.xml', '/es/feed.xml'],
        ['http://%zz/iom-dg-2018/', '/iom-dg-2018/'],
      ] as const) {
        const absolute = await send(direct.port, target);
        expect(absolute.status, target).toBe(200);
        expect(absolute.body.equals((await send(direct.port, path)).body), target).toBe(true);
      }
      // A bare authority names the home page; a missing path is named without the authority.
      const home = await send(direct.port, 'http://h.example?utm=1');
      expect(home.status).toBe(200);
      expect(home.body.equals((await send(direct.port, '/')).body)).toBe(true);
      const missing = await rawGet(direct.port, 'http://h.example/api/elections/nope#x', {
        accept: 'application/json',
      });
      expect(missing.status).toBe(404);
      expect((JSON.parse(missing.body.toString()) as { message: string }).message).toBe(
        'Nothing is published at /api/elections/nope.',
      );
    } finally {
      await direct.close();
      await fresh.site.close();
    }
  });

  it('an escaped unreserved character is that character (RFC 3986 §6.2.2.2)', async () => {
    const page = await send(port, PAGE);
    for (const target of [
      '/iom-dg-2023/candidates/%61my-pope',
      '/iom%2ddg-2023/candidates/amy-pope',
    ]) {
      const res = await send(port, target);
      expect(res.status, target).toBe(200);
      expect(res.body.equals(page.body), target).toBe(true);
    }
    // Other escapes are not the same path: "%2F" is not a "/".
    expect((await send(port, '/iom-dg-2023%2Fcandidates/amy-pope')).status).toBe(404);
  });
});

describe('a flood of 100,000 distinct hostile targets', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnServer();
  });
  afterAll(() => server?.stop());

  it('leaves memory within 50 MB of where it started, and normal requests answered', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    const normal = await send(server.port, PAGE, agent);
    expect(normal.status).toBe(200);
    const statuses = new Map<number, number>();
    const flood = async (from: number, to: number): Promise<void> => {
      let next = from;
      const worker = async (): Promise<void> => {
        while (next < to) {
          const res = await send(server.port, hostile(next++), agent);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      };
      await Promise.all(Array.from({ length: 32 }, worker));
    };
    // Warm up every path the flood takes (the share image's drawing libraries load on first
    // use) for long enough that the heap goes through its cycle of growth and collection a few
    // times: where it started is the highest it went then.
    let start = 0;
    for (let from = 100_000; from < 110_000; from += 1_000) {
      await flood(from, from + 1_000);
      start = Math.max(start, server.rssMb());
    }
    let peak = start;
    for (let from = 0; from < 100_000; from += 1_000) {
      await flood(from, from + 1_000);
      peak = Math.max(peak, server.rssMb());
      // Fail as soon as memory runs away, rather than at the end.
      expect(peak - start, `after ${from + 1_000} requests`).toBeLessThan(50);
      if (from % 10_000 === 0) {
        const res = await send(server.port, PAGE, agent);
        expect(res.status).toBe(200);
        expect(res.body.equals(normal.body)).toBe(true);
      }
    }
    agent.destroy();
    // Every spelling names a published resource (warm-up included): all of them answer it.
    expect([...statuses]).toEqual([[200, 110_000]]);
    const health = await fetch(`${server.origin}/healthz`);
    expect(health.status).toBe(200);
  }, 300_000);
});
