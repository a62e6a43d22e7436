// Pages are rendered once per content version and served from the cache with strong ETags,
// 304s, HEAD, compression and CDN-friendly cache headers, with the same headers either way.
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createReloader } from '../../src/store/reload.js';
import { appFor } from '../support/app.js';
import { cleanUp, copySite, editFile, shippedContent } from '../support/fixtures.js';

afterAll(cleanUp);

const PAGE = '/iom-dg-2023/candidates/amy-pope';
const without = (headers: Record<string, unknown>, ...names: string[]) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k)));

describe('a page', () => {
  it('is rendered once and then served from the cache with the same headers and body', async () => {
    const { app, holder, site } = await appFor(shippedContent);
    expect(site.cache?.size(holder.current)).toBe(0);
    const first = await request(app).get(PAGE).expect(200);
    expect(site.cache?.size(holder.current)).toBe(1);
    const second = await request(app).get(PAGE).expect(200);
    expect(second.text).toBe(first.text);
    expect(without(second.headers, 'date', 'x-request-id')).toEqual(
      without(first.headers, 'date', 'x-request-id'),
    );
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it('carries a strong ETag, CDN cache headers and Vary', async () => {
    const { app } = await appFor(shippedContent);
    const res = await request(app).get(PAGE).set('Accept-Encoding', 'identity').expect(200);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(res.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=86400');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
  });

  it('answers If-None-Match with 304 and no body', async () => {
    const { app } = await appFor(shippedContent);
    const { headers } = await request(app).get(PAGE).expect(200);
    for (const attempt of [0, 1]) {
      const res = await request(app).get(PAGE).set('If-None-Match', headers.etag!).expect(304);
      expect(res.text, `attempt ${attempt}`).toBe('');
      expect(res.headers.etag).toBe(headers.etag);
    }
    await request(app).get(PAGE).set('If-None-Match', '"something-else"').expect(200);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const { app } = await appFor(shippedContent);
    const get = await request(app).get(PAGE).set('Accept-Encoding', 'gzip').expect(200);
    for (const attempt of [0, 1]) {
      const head = await request(app).head(PAGE).set('Accept-Encoding', 'gzip').expect(200);
      expect(head.text, `attempt ${attempt}`).toBeUndefined();
      expect(head.headers['content-length']).toBe(get.headers['content-length']);
      expect(head.headers.etag).toBe(get.headers.etag);
    }
  });

  it('is sent compressed with gzip or brotli when the client accepts it', async () => {
    const { app, holder, site } = await appFor(shippedContent);
    const plain = await request(app).get(PAGE).set('Accept-Encoding', 'identity').expect(200);
    // Raw bytes over a real socket: supertest would decompress them.
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    const raw = (enc: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
        (resolve, reject) => {
          get(
            { port, host: '127.0.0.1', path: PAGE, headers: { 'accept-encoding': enc } },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
            },
          ).on('error', reject);
        },
      );
    const gz = await raw('gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect((await promisify(gunzip)(gz.body)).toString()).toBe(plain.text);
    expect(gz.headers.etag).toBe(`${plain.headers.etag!.slice(0, -1)}-gzip"`);
    // Brotli is compressed in the background once the page is cached.
    const entry = site.cache!.get(holder.current, PAGE)!;
    for (let i = 0; i < 200 && entry.br === undefined; i++)
      await new Promise((r) => setTimeout(r, 10));
    const br = await raw('gzip, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect((await promisify(brotliDecompress)(br.body)).toString()).toBe(plain.text);
    expect(br.body.length).toBeLessThan(gz.body.length);
    expect((await raw('br;q=0, gzip;q=0')).headers['content-encoding']).toBeUndefined();
    server.close();
  });

  it('is rendered afresh after the content changes', async () => {
    const dir = await copySite();
    const { app, holder } = await appFor(dir);
    await request(app).get('/sample-2024/candidates/ana-lima').expect(200);
    const file = path.join(dir, 'elections/sample-2024/candidates/ana-lima.md');
    await editFile(dir, path.relative(dir, file), (t) =>
      t.replace('Diplomat from Exampleland.', 'Diplomat and poet.'),
    );
    await createReloader(dir, holder)();
    const res = await request(app).get('/sample-2024/candidates/ana-lima').expect(200);
    expect(res.text).toContain('Diplomat and poet.');
  });
});

describe('responses under /api and /share', () => {
  // Regression: they were kept under the path relative to their router ("/elections/…"), so
  // they were never served from the cache, and that relative path answered with them.
  it('are kept under their own URL, and only there', async () => {
    const { app, holder, site } = await appFor(shippedContent);
    for (const url of ['/api/elections/iom-dg-2023', '/share/iom-dg-2023.png']) {
      await request(app).get(url).expect(200);
      expect(site.cache!.get(holder.current, url), url).toBeDefined();
    }
    expect(site.cache!.get(holder.current, '/elections/iom-dg-2023')).toBeUndefined();
    expect(site.cache!.get(holder.current, '/iom-dg-2023.png')).toBeUndefined();
    await request(app).get('/elections/iom-dg-2023').expect(404);
    await request(app).get('/iom-dg-2023.png').expect(404);
  });
});

describe('assets', () => {
  it('are linked under content-hashed names, cached for a year', async () => {
    const { app } = await appFor(shippedContent);
    const page = await request(app).get('/').expect(200);
    const css = /href="(\/assets\/site\.[0-9a-f]{10}\.css)"/.exec(page.text)![1]!;
    const res = await request(app)
      .get(css)
      .expect(200)
      .expect('Content-Type', 'text/css; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe(await readFile('public/site.css', 'utf8'));
    await request(app)
      .get('/assets/site.css')
      .expect(200)
      .expect('Cache-Control', 'public, max-age=300');
  });
});

describe('security headers', () => {
  const CSP =
    "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

  it.each(['/', PAGE, '/sitemap.xml', '/api/elections', '/nope'])(
    '%s has them, and no X-Powered-By',
    async (url) => {
      const { app } = await appFor(shippedContent);
      for (const attempt of [0, 1]) {
        const res = await request(app).get(url);
        expect(res.headers['content-security-policy'], `${url} ${attempt}`).toBe(CSP);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
        // Headers no current browser reads are not sent (frame-ancestors replaces X-Frame-Options).
        for (const name of [
          'x-frame-options',
          'x-xss-protection',
          'x-download-options',
          'x-permitted-cross-domain-policies',
        ])
          expect(res.headers[name], name).toBeUndefined();
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    },
  );

  it('add HSTS over HTTPS from a trusted proxy, on both paths', async () => {
    const { app } = await appFor(shippedContent, { trustProxy: true });
    const ids: unknown[] = [];
    for (const attempt of [0, 1]) {
      const res = await request(app).get(PAGE).set('X-Forwarded-Proto', 'https').expect(200);
      expect(res.headers['strict-transport-security'], `attempt ${attempt}`).toBe(
        'max-age=31536000; includeSubDomains',
      );
      const plain = await request(app).get(PAGE).set('X-Forwarded-Proto', 'http').expect(200);
      expect(plain.headers['strict-transport-security']).toBeUndefined();
      ids.push(res.headers['x-request-id'], plain.headers['x-request-id']);
    }
    // Each response carries its own request id, whichever path wrote it.
    expect(new Set(ids).size).toBe(4);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('ignore X-Forwarded-Proto when no proxy is trusted', async () => {
    const { app } = await appFor(shippedContent, { trustProxy: false });
    const res = await request(app).get(PAGE).set('X-Forwarded-Proto', 'https').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
