// A flood of made-up addresses cannot starve real pages: the 404 page is rendered once per
// content version and suggestion, then filled in per request with the path asked for (escaped)
// and the request id; "did you mean" still finds the page a typo meant.
import ejs from 'ejs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createReloader } from '../../src/store/reload.js';
import { appFor } from '../support/app.js';
import { cleanUp, copySite, editFile, shippedContent } from '../support/fixtures.js';
import { listen, rawGet } from '../support/socket.js';

afterEach(() => vi.restoreAllMocks());
afterAll(cleanUp);

describe('the 404 page', () => {
  it('is rendered once, then filled in per request', async () => {
    const { app } = await appFor(shippedContent);
    await request(app).get('/warm-up-one').expect(404);
    const renders = vi.spyOn(ejs, 'renderFile');
    const pages = [];
    for (let i = 0; i < 50; i++) pages.push(await request(app).get(`/made-up-${i}`).expect(404));
    expect(renders).not.toHaveBeenCalled();
    for (const [i, res] of pages.entries()) {
      const id = res.headers['x-request-id'] as string;
      expect(res.text).toContain(`There is no page at <code>/made-up-${i}</code>.`);
      expect(res.text).toContain(`<p class="request-id">Request id: <code>${id}</code></p>`);
      expect(res.text).toContain('<meta name="robots" content="noindex">');
      // The same page but for the path and the id.
      expect(res.text.replaceAll(`/made-up-${i}`, '').replaceAll(id, '')).toBe(
        pages[0]!.text
          .replaceAll('/made-up-0', '')
          .replaceAll(pages[0]!.headers['x-request-id'] as string, ''),
      );
    }
  });

  it('escapes the path asked for, wherever the page shows it', async () => {
    const server = await listen((await appFor(shippedContent)).app);
    try {
      // Sent as is over a socket: supertest would percent-encode it.
      const res = await rawGet(server.port, `/a"b'<c>&d`);
      const html = res.body.toString();
      expect(res.status).toBe(404);
      expect(html).toContain('There is no page at <code>/a&#34;b&#39;&lt;c&gt;&amp;d</code>.');
      expect(html).toContain(
        '<meta property="og:url" content="https://explainer.example/a&#34;b&#39;&lt;c&gt;&amp;d">',
      );
      expect(html).not.toContain('<c>');
    } finally {
      await server.close();
    }
  });

  it('gives og:url as the address asked for, in every language, and no canonical link', async () => {
    const { app } = await appFor(await copySite());
    for (const asked of [
      '/nope',
      '/fr/nope',
      '/es/sample-2024/nope',
      '/fr/sample-2024/candidates/x',
    ]) {
      const res = await request(app).get(asked).expect(404);
      const urls = [...res.text.matchAll(/<meta property="og:url" content="([^"]*)">/g)].map(
        (m) => m[1],
      );
      expect(urls, asked).toEqual([`https://explainer.example${asked}`]);
      expect(res.text, asked).not.toContain('rel="canonical"');
      // The page names the address as asked, in its own language's words.
      expect(res.text, asked).toContain(`<code>${asked}</code>`);
    }
  });

  it('still says which page a typo meant, and a new version of the content shows in it', async () => {
    const dir = await copySite();
    const { app, holder } = await appFor(dir);
    const typo = await request(app).get('/sample-2024/candidates/ana-lim').expect(404);
    expect(typo.text).toContain('<h2>Did you mean</h2>');
    expect(typo.text).toContain('(<code>/sample-2024/candidates/ana-lima</code>)');
    const none = await request(app).get('/nothing-like-it').expect(404);
    expect(none.text).not.toContain('Did you mean');
    await editFile(dir, path.join('elections/sample-2024/candidates/ana-lima.md'), (t) =>
      t.replace(/^name: .*$/m, 'name: Ana Lima-Renamed'),
    );
    await createReloader(dir, holder)();
    const after = await request(app).get('/sample-2024/candidates/ana-lim').expect(404);
    expect(after.text).toContain('Ana Lima-Renamed');
  });
});

describe('a flood of 404s', () => {
  const SECURITY = [
    'content-security-policy',
    'cross-origin-opener-policy',
    'cross-origin-resource-policy',
    'referrer-policy',
    'x-content-type-options',
  ];

  it('gets the full page up to the rate, then a plain one from memory, and real pages are untouched', async () => {
    // One full page, then one every 100 s: what follows is past the rate.
    const { app } = await appFor(shippedContent, { notFoundPerSecond: 0.01 });
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await request(app).get(`/made-up-${i}`).expect(404));
    const full = answers.filter((res) => res.text.includes('There is no page at <code>'));
    const plain = answers.filter((res) => !res.text.includes('There is no page at <code>'));
    // The first is full; so may be the next one or two, sent while the plain page is first built.
    expect(answers[0]!.text).toContain('There is no page at <code>/made-up-0</code>.');
    expect(full.length).toBeLessThanOrEqual(3);
    expect(plain.length).toBeGreaterThanOrEqual(9);
    for (const res of plain) {
      expect(res.text).toContain(
        'There is no page at this address. It may be mistyped, or the page may have moved.',
      );
      expect(res.text).not.toContain('made-up');
      expect(res.text).not.toContain('Request id');
      expect(res.text).toContain('<meta name="robots" content="noindex">');
      // One page for every address: it names none (not the home page's) for a link preview.
      expect(res.text).not.toContain('og:url');
      expect(res.text).toContain('Elections explained');
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers.vary).toBe('Accept');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      for (const name of SECURITY) expect(res.headers[name]).toBe(full[0]!.headers[name]);
      expect(res.text).toBe(plain[0]!.text);
    }
    // Meanwhile: pages, redirects, the API's JSON 404 and JSON clients are as always.
    await request(app).get('/iom-dg-2023/candidates/amy-pope').expect(200);
    await request(app).get('/IOM-DG-2023/').expect(301).expect('Location', '/iom-dg-2023/');
    const json = await request(app)
      .get('/made-up-json')
      .set('Accept', 'application/json')
      .expect(404);
    expect(json.body).toEqual({
      error: 'not-found',
      message: 'Nothing is published at /made-up-json.',
      requestId: json.headers['x-request-id'],
    });
    // In French, the French plain page (after at most a full one while it is built).
    const french = [];
    for (let i = 0; i < 3; i++)
      french.push(await request(app).get(`/fr/inventee-${i}`).expect(404));
    for (const res of french) expect(res.headers['content-language']).toBe('fr');
    expect(french[2]!.text).toContain('Il n’existe aucune page à cette adresse.');
    expect(french[2]!.text).toContain('<html lang="fr"');
    expect(french[2]!.text).not.toContain('inventee');
    const head = await request(app).head('/made-up-head').expect(404);
    expect(head.text).toBeUndefined();
  });

  it('gets full pages again once the rate allows', async () => {
    const { app } = await appFor(shippedContent, { notFoundPerSecond: 5 });
    for (let i = 0; i < 20; i++) await request(app).get(`/made-up-${i}`).expect(404);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const res = await request(app).get('/iom-dg-2023/candidates/ana-pope').expect(404);
    expect(res.text).toContain(
      'There is no page at <code>/iom-dg-2023/candidates/ana-pope</code>.',
    );
    expect(res.text).toContain('Did you mean');
  });
});
