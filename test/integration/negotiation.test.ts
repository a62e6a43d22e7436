// Content codings and conditional requests as RFC 9110 says (§12.5.3 Accept-Encoding with
// q-values and "*", §13.1.2 If-None-Match with whole entity-tags compared weakly), checked on
// the raw bytes over a real socket: supertest would decompress them.
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';
import type { Listening } from '../support/socket.js';
import { listen, rawGet } from '../support/socket.js';

const PAGE = '/iom-dg-2023/candidates/amy-pope';

let server: Listening;
beforeAll(async () => {
  server = await listen((await appFor(shippedContent)).app);
});
afterAll(() => server.close());

const get = (path: string, headers: Record<string, string | string[]> = {}) =>
  rawGet(server.port, path, headers);

/** The page once through rendering, so every later request is served from the cache. */
async function cachedPage() {
  const first = await get(PAGE, { 'accept-encoding': 'identity' });
  expect(first.status).toBe(200);
  return first;
}

describe('Accept-Encoding', () => {
  const cases: [header: string | undefined, expected: string | undefined][] = [
    [undefined, undefined],
    ['', undefined],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip;q=0', undefined],
    ['gzip;q=0.000', undefined],
    ['gzip;q=0.5, identity', undefined],
    ['gzip;q=1, identity;q=0.5', 'gzip'],
    ['deflate, gzip;q=0.2', 'gzip'],
    ['*;q=0, identity', undefined],
    ['compress, identity;q=0, gzip;q=0.1', 'gzip'],
  ];
  it.each(cases)('%j gets %j', async (header, expected) => {
    await cachedPage();
    const res = await get(PAGE, header === undefined ? {} : { 'accept-encoding': header });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(expected);
    expect(res.headers.vary).toBe('Accept-Encoding');
  });

  it('reads the field whatever the case of its name, and several fields as one list', async () => {
    await cachedPage();
    const shouted = await get(PAGE, { 'ACCEPT-ENCODING': 'gzip' });
    expect(shouted.headers['content-encoding']).toBe('gzip');
    const split = await get(PAGE, { 'accept-encoding': ['identity;q=0', 'gzip;q=0.5'] });
    expect(split.headers['content-encoding']).toBe('gzip');
    const refused = await get(PAGE, { 'accept-encoding': ['gzip;q=0', 'identity;q=0'] });
    expect(refused.status).toBe(406);
  });

  it('reads the first 16 members of a field, within its first 256 characters', async () => {
    await cachedPage();
    const commas = ','.repeat(14_000);
    const first = await get(PAGE, { 'accept-encoding': `gzip${commas}` });
    expect(first.headers['content-encoding']).toBe('gzip');
    // Past them, a coding is not read: the page is sent as it is.
    const past = await get(PAGE, { 'accept-encoding': `${commas}gzip` });
    expect(past.status).toBe(200);
    expect(past.headers['content-encoding']).toBeUndefined();
    const cut = await get(PAGE, { 'accept-encoding': `${'a'.repeat(300)}, gzip` });
    expect(cut.headers['content-encoding']).toBeUndefined();
    const many = (n: number) => `${Array.from({ length: n }, (_, i) => `x${i}`).join(', ')}, gzip`;
    expect((await get(PAGE, { 'accept-encoding': many(15) })).headers['content-encoding']).toBe(
      'gzip',
    );
    expect(
      (await get(PAGE, { 'accept-encoding': many(16) })).headers['content-encoding'],
    ).toBeUndefined();
  });

  it('"gzip;q=0, *" never gets gzip: brotli or nothing', async () => {
    const plain = await cachedPage();
    const res = await get(PAGE, { 'accept-encoding': 'gzip;q=0, *' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).not.toBe('gzip');
    if (res.headers['content-encoding'] === undefined) expect(res.body).toEqual(plain.body);
    else expect(res.headers['content-encoding']).toBe('br');
  });

  it('a client that takes only brotli gets brotli, even before the background job is done', async () => {
    // Identity is acceptable unless excluded, so "br" alone may still get identity.
    const { app, holder, site: fresh } = await appFor(shippedContent);
    const local = await listen(app);
    try {
      const res = await rawGet(local.port, '/', { 'accept-encoding': 'br, identity;q=0' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(fresh.cache!.get(holder.current, '/')).toBeDefined();
    } finally {
      await local.close();
    }
  });

  it('the quick brotli, once the background job improves on it, is sent with its own length and tag', async () => {
    const { app, holder, site: fresh } = await appFor(shippedContent);
    const local = await listen(app);
    try {
      const onlyBrotli = { 'accept-encoding': 'br, identity;q=0' };
      const first = await rawGet(local.port, '/', onlyBrotli);
      const entry = fresh.cache!.get(holder.current, '/')!;
      const quick = entry.br;
      expect(first.body.equals(quick!)).toBe(true);
      for (let i = 0; i < 200 && entry.br === quick; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect(entry.br).not.toBe(quick);
      const second = await rawGet(local.port, '/', onlyBrotli);
      expect(second.body.equals(entry.br!)).toBe(true);
      expect(Number(second.headers['content-length'])).toBe(second.body.length);
      expect(brotliDecompressSync(second.body)).toEqual(brotliDecompressSync(first.body));
      // A strong tag names the bytes: other bytes, another tag; the old one no longer matches.
      const gzipped = await rawGet(local.port, '/', { 'accept-encoding': 'gzip' });
      const base = (gzipped.headers.etag as string).replace(/-gzip"$/, '');
      expect(first.headers.etag).toBe(`${base}-br-quick"`);
      expect(second.headers.etag).toBe(`${base}-br"`);
      const stale = await rawGet(local.port, '/', {
        ...onlyBrotli,
        'if-none-match': first.headers.etag as string,
      });
      expect(stale.status).toBe(200);
      expect(stale.body.equals(entry.br!)).toBe(true);
      const current = await rawGet(local.port, '/', {
        ...onlyBrotli,
        'if-none-match': second.headers.etag as string,
      });
      expect(current.status).toBe(304);
      expect(current.headers.etag).toBe(`${base}-br"`);
    } finally {
      await local.close();
    }
  });

  it.each(['identity;q=0', '*;q=0', 'identity;q=0, gzip;q=0, br;q=0'])(
    '%j refuses every coding: 406 with a page naming the request id',
    async (header) => {
      await cachedPage();
      const res = await get(PAGE, { 'accept-encoding': header });
      expect(res.status).toBe(406);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.vary).toBe('Accept-Encoding');
      const id = res.headers['x-request-id'] as string;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.toString()).toContain(`Request id: ${id}`);
      expect(res.body.toString()).toContain(
        "the request's Accept-Encoding refuses all of them. Send the request again accepting one of them",
      );
    },
  );
});

describe('If-None-Match', () => {
  it('matches whole entity-tags of the selected representation, weakly, or "*"', async () => {
    const { headers } = await cachedPage();
    const etag = headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const status = async (value: string, encoding = 'identity') =>
      (await get(PAGE, { 'accept-encoding': encoding, 'if-none-match': value })).status;
    expect(await status(etag)).toBe(304);
    expect(await status(`W/${etag}`)).toBe(304);
    expect(await status(`"other", ${etag}`)).toBe(304);
    expect(await status(`"other",W/${etag} , "more"`)).toBe(304);
    expect(await status('*')).toBe(304);
    expect(await status(`${etag.slice(0, -1)}JUNK"`)).toBe(200);
    expect(await status(`${etag}JUNK`)).toBe(200);
    expect(await status(etag.slice(1, -1))).toBe(200);
    expect(await status(`"other"`)).toBe(200);
    // The gzip representation has its own tag: the identity tag does not name it, and back.
    const gzipTag = `${etag.slice(0, -1)}-gzip"`;
    expect(await status(gzipTag, 'gzip')).toBe(304);
    expect(await status(etag, 'gzip')).toBe(200);
    expect(await status(gzipTag, 'identity')).toBe(200);
  });

  it('a 304 carries the tag, Vary and caching headers, and no body', async () => {
    const { headers } = await cachedPage();
    const res = await get(PAGE, {
      'accept-encoding': 'identity',
      'if-none-match': headers.etag as string,
    });
    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe(headers.etag);
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe(headers['cache-control']);
    // What the 200 says of its body, and the headers of the response a cache holds, are not
    // repeated (RFC 9110 §15.4.5; the cache keeps its own when it freshens it).
    for (const name of [
      'content-type',
      'content-length',
      'content-language',
      'content-security-policy',
      'x-content-type-options',
      'referrer-policy',
      'cross-origin-opener-policy',
    ])
      expect(res.headers[name], name).toBeUndefined();
    expect(res.body.length).toBe(0);
  });

  it('each 304 has its own request id and the tag of its encoding; HSTS over HTTPS only', async () => {
    const site = await appFor(shippedContent, { trustProxy: true });
    const local = await listen(site.app);
    try {
      const tags = new Map<string, string>();
      for (const encoding of ['identity', 'gzip']) {
        const full = await rawGet(local.port, PAGE, { 'accept-encoding': encoding });
        tags.set(encoding, full.headers.etag as string);
      }
      const ids = new Set<unknown>();
      for (const attempt of [0, 1])
        for (const [encoding, tag] of tags)
          for (const proto of ['http', 'https']) {
            const res = await rawGet(local.port, PAGE, {
              'accept-encoding': encoding,
              'if-none-match': tag,
              'x-forwarded-proto': proto,
            });
            const what = `${encoding} over ${proto}, attempt ${attempt}`;
            expect(res.status, what).toBe(304);
            expect(res.headers.etag, what).toBe(tag);
            expect(res.headers.vary, what).toBe('Accept-Encoding');
            expect(res.headers['strict-transport-security'], what).toBe(
              proto === 'https' ? 'max-age=31536000; includeSubDomains' : undefined,
            );
            expect(res.headers['x-request-id'], what).toMatch(/^[0-9a-f-]{36}$/);
            ids.add(res.headers['x-request-id']);
          }
      expect(tags.get('gzip')).toBe(`${tags.get('identity')!.slice(0, -1)}-gzip"`);
      expect(ids.size).toBe(8);
    } finally {
      await local.close();
    }
  });
});
