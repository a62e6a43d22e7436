// Linking and sharing: canonical links, social cards, structured data, sitemap, feed, API,
// share images and redirects, over real HTTP.
import { XMLParser } from 'fast-xml-parser';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import type { RequestListener } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/model.js';
import { LANGS } from '../../src/i18n/lang.js';
import { inLanguage } from '../../src/urls.js';
import { appFor } from '../support/app.js';
import { cleanUp, copySite, editFile, shippedContent } from '../support/fixtures.js';

const BASE = 'https://explainer.example';
let app: RequestListener;
let content: Content;
beforeAll(async () => {
  const made = await appFor(shippedContent, { baseUrl: BASE });
  app = made.app;
  content = made.holder.current;
});
afterAll(cleanUp);

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

function metaTags(html: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const m of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g))
    tags.set(m[1]!, m[2]!);
  return tags;
}

function jsonLdOf(html: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no JSON-LD');
  return JSON.parse(m[1]!) as Record<string, unknown>;
}

describe('every page', () => {
  it('has an absolute canonical link, OpenGraph and Twitter card tags, with a 1200×630 image', async () => {
    for (const page of content.routes.keys()) {
      const res = await request(app).get(page).expect(200);
      expect(res.text, page).toContain(`<link rel="canonical" href="${BASE}${page}">`);
      const tags = metaTags(res.text);
      for (const name of [
        'og:title',
        'og:description',
        'og:type',
        'og:url',
        'og:image',
        'og:image:alt',
        'og:site_name',
        'twitter:card',
      ]) {
        expect(tags.get(name), `${page} ${name}`).toBeTruthy();
      }
      expect(tags.get('og:url')).toBe(`${BASE}${page}`);
      expect(tags.get('og:image')).toMatch(
        new RegExp(`^${BASE}/share/[a-z0-9-]+(/[a-z0-9-]+)?\\.png$`),
      );
      expect(tags.get('og:image:width')).toBe('1200');
      expect(tags.get('og:image:height')).toBe('630');
      expect(tags.get('twitter:card')).toBe('summary_large_image');
      expect(() => jsonLdOf(res.text), page).not.toThrow();
    }
  });
});

describe('social cards and structured data', () => {
  it('an article has article times and Article data', async () => {
    const res = await request(app).get('/iom-dg-2023/how-the-vote-works').expect(200);
    const tags = metaTags(res.text);
    expect(tags.get('og:type')).toBe('article');
    expect(tags.get('article:published_time')).toBe('2026-11-27');
    expect(tags.get('article:modified_time')).toBe('2026-11-30');
    expect(jsonLdOf(res.text)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: 'How the vote works',
      datePublished: '2026-11-27',
      dateModified: '2026-11-30',
      mainEntityOfPage: `${BASE}/iom-dg-2023/how-the-vote-works`,
      author: { '@type': 'Organization', name: 'Election Explainer editors' },
      publisher: { '@type': 'Organization', name: 'Election Explainer editors' },
    });
  });

  it('a candidate profile is a page about a Person, with its own share image', async () => {
    const res = await request(app).get('/iom-dg-2023/candidates/antonio-vitorino').expect(200);
    const tags = metaTags(res.text);
    expect(tags.get('og:type')).toBe('profile');
    expect(tags.get('og:image')).toBe(`${BASE}/share/iom-dg-2023/antonio-vitorino.png`);
    expect(tags.get('og:image:alt')).toBe('António Vitorino, IOM Director General 2023 candidate');
    expect(jsonLdOf(res.text)).toMatchObject({
      '@type': 'ProfilePage',
      mainEntity: {
        '@type': 'Person',
        name: 'António Vitorino',
        nationality: { '@type': 'Country', name: 'Portugal' },
        birthDate: '1957-01-12',
      },
    });
  });

  it('the election overview is a WebPage about an Event', async () => {
    const res = await request(app).get('/iom-dg-2023/').expect(200);
    expect(jsonLdOf(res.text)).toMatchObject({
      '@type': 'WebPage',
      about: {
        '@type': 'Event',
        name: 'The 2023 election of the IOM Director General',
        startDate: '2023-05-15',
        location: { address: { addressLocality: 'Geneva' } },
      },
    });
  });

  it('content can never close the JSON-LD script element', async () => {
    const dir = await copySite();
    const file = path.join(dir, 'elections/sample-2024/candidates/ana-lima.md');
    await editFile(dir, path.relative(dir, file), (t) =>
      t.replace(
        'summary: Diplomat from Exampleland.',
        'summary: "</script><script>alert(1)</script>\\u2028end"',
      ),
    );
    const { app: hostile } = await appFor(dir);
    const res = await request(hostile).get('/sample-2024/candidates/ana-lima').expect(200);
    expect(res.text).not.toContain('</script><script>alert(1)');
    expect(res.text).toContain('\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\u2028end');
    expect(jsonLdOf(res.text)).toMatchObject({
      mainEntity: { description: '</script><script>alert(1)</script>\u2028end' },
    });
  });
});

describe('share images', () => {
  it.each([
    '/share/iom-dg-2023.png',
    '/share/iom-dg-2023/amy-pope.png',
    '/share/iom-dg-2018/ken-isaacs.png',
  ])('%s is a 1200×630 PNG', async (url) => {
    const res = await request(app)
      .get(url)
      .buffer(true)
      .expect(200)
      .expect('Content-Type', 'image/png');
    const png = res.body as Buffer;
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBe(630);
  });

  it('is drawn once per content version', async () => {
    const first = await request(app).get('/share/iom-dg-2023.png').buffer(true).expect(200);
    const second = await request(app).get('/share/iom-dg-2023.png').buffer(true).expect(200);
    expect(Buffer.compare(first.body as Buffer, second.body as Buffer)).toBe(0);
  });

  it('draws a card whatever the length of its texts: what the card cannot show is cut, not laid out', async () => {
    // One unbroken line of 40,000 characters took seconds and gigabytes to lay out, in a
    // thread that cannot be stopped while it runs; these took minutes and ran out of memory.
    const dir = await copySite(shippedContent);
    await editFile(dir, 'elections/iom-dg-2023/candidates/amy-pope.md', (t) =>
      t
        .replace('name: Amy Pope', `name: ${'Ā'.repeat(100_000)}`)
        .replace('nominatedBy: United States', `nominatedBy: ${'x'.repeat(200_000)}`),
    );
    const { app: site } = await appFor(dir);
    const res = await request(site)
      .get('/share/iom-dg-2023/amy-pope.png')
      .buffer(true)
      .expect(200)
      .expect('Content-Type', 'image/png');
    expect((res.body as Buffer).readUInt32BE(16)).toBe(1200);
    await request(site).get('/healthz').expect(200);
  });

  it.each(['/share/nope.png', '/share/iom-dg-2023/nobody.png', '/share/iom-dg-2023.jpg'])(
    '%s is a 404',
    async (url) => {
      await request(app).get(url).expect(404);
    },
  );
});

describe('sitemap, robots and feed', () => {
  it('the sitemap lists every public page, in every language, with its last substantive update', async () => {
    const res = await request(app)
      .get('/sitemap.xml')
      .expect(200)
      .expect('Content-Type', 'application/xml; charset=utf-8');
    const doc = xml.parse(res.text) as {
      urlset: { xmlns: string; url: { loc: string; lastmod: string }[] };
    };
    expect(doc.urlset.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(doc.urlset.url.map((u) => u.loc).sort()).toEqual(
      [...content.routes.keys()]
        .flatMap((p) => LANGS.map((lang) => BASE + inLanguage(lang, p)))
        .sort(),
    );
    const pope = doc.urlset.url.find((u) => u.loc === `${BASE}/iom-dg-2023/candidates/amy-pope`);
    expect(pope?.lastmod).toBe('2026-11-30');
    for (const u of doc.urlset.url) expect(u.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('leaves drafts out of the sitemap', async () => {
    const dir = await copySite();
    await writeFile(
      path.join(dir, 'elections/sample-2024/articles/draft-note.md'),
      '---\ntitle: Draft\ndescription: Not yet.\npublished: 2024-03-01\nupdated: 2024-03-01\ndraft: true\n---\nText.\n',
    );
    const { app: site } = await appFor(dir);
    const res = await request(site).get('/sitemap.xml').expect(200);
    expect(res.text).not.toContain('draft-note');
    await request(site).get('/sample-2024/draft-note').expect(404);
  });

  it('robots.txt points at the sitemap', async () => {
    const res = await request(app)
      .get('/robots.txt')
      .expect(200)
      .expect('Content-Type', 'text/plain; charset=utf-8');
    expect(res.text).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${BASE}/sitemap.xml\n`);
  });

  it('the Atom feed lists articles and profiles, newest update first', async () => {
    const res = await request(app)
      .get('/feed.xml')
      .expect(200)
      .expect('Content-Type', 'application/atom+xml; charset=utf-8');
    const doc = xml.parse(res.text) as {
      feed: {
        xmlns: string;
        title: string;
        entry: { title: string; id: string; updated: string; link: { href: string } }[];
      };
    };
    expect(doc.feed.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(doc.feed.title).toBe('Election Explainer');
    const ids = doc.feed.entry.map((e) => e.id);
    expect(ids).toContain(`${BASE}/iom-dg-2023/how-the-vote-works`);
    expect(ids).toContain(`${BASE}/iom-dg-2023/candidates/amy-pope`);
    const updated = doc.feed.entry.map((e) => e.updated);
    expect(updated).toEqual([...updated].sort().reverse());
  });

  it('the feed carries the newest 100 entries, not the whole archive', async () => {
    const dir = await copySite();
    // 150 notes, one updated each day from 1 January 2025: the newest 100 are kept.
    for (let i = 0; i < 150; i++) {
      const day = new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
      await writeFile(
        path.join(dir, `elections/sample-2024/articles/note-${i}.md`),
        `---\ntitle: Note ${i}\ndescription: Note ${i}.\npublished: ${day}\nupdated: ${day}\nsources: [union-release]\n---\nText.[^union-release]\n`,
      );
    }
    const { app: site } = await appFor(dir);
    const res = await request(site).get('/feed.xml').expect(200);
    const doc = xml.parse(res.text) as { feed: { updated: string; entry: { title: string }[] } };
    expect(doc.feed.entry).toHaveLength(100);
    expect(doc.feed.entry[0]!.title).toBe('Note 149: Sample Union 2024');
    expect(doc.feed.entry[99]!.title).toBe('Note 50: Sample Union 2024');
    expect(doc.feed.updated).toBe('2025-05-30T00:00:00Z');
  });
});

describe('the JSON API', () => {
  it('lists the elections', async () => {
    const res = await request(app)
      .get('/api/elections')
      .expect(200)
      .expect('Content-Type', 'application/json; charset=utf-8')
      .expect('Access-Control-Allow-Origin', '*');
    const body = res.body as { elections: { slug: string; winner: string; api: string }[] };
    expect(body.elections.map((e) => e.slug)).toEqual(['iom-dg-2023', 'iom-dg-2018']);
    expect(body.elections[0]).toMatchObject({
      slug: 'iom-dg-2023',
      winner: 'amy-pope',
      api: `${BASE}/api/elections/iom-dg-2023`,
    });
  });

  it('gives an election with its rounds, sources and candidates', async () => {
    const res = await request(app).get('/api/elections/iom-dg-2023').expect(200);
    const body = res.body as {
      rounds: { results: { candidate: string; votes: { value: number } }[] }[];
      candidates: { slug: string }[];
      sources: unknown[];
      decision: { by: string };
    };
    expect(body.rounds[0]!.results.map((r) => [r.candidate, r.votes.value])).toEqual([
      ['amy-pope', 98],
      ['antonio-vitorino', 67],
    ]);
    expect(body.decision.by).toBe('acclamation');
    expect(body.candidates.map((c) => c.slug)).toEqual(['amy-pope', 'antonio-vitorino']);
    expect(body.sources.length).toBeGreaterThan(20);
  });

  it('gives a candidate with the biography as HTML', async () => {
    const res = await request(app)
      .get('/api/elections/iom-dg-2023/candidates/amy-pope')
      .expect(200);
    expect(res.body).toMatchObject({
      slug: 'amy-pope',
      name: 'Amy Pope',
      outcome: 'elected',
      election: 'iom-dg-2023',
    });
    expect((res.body as { biographyHtml: string }).biographyHtml).toContain('<h3 id="career">');
  });

  it.each(['/api/elections/nope', '/api/elections/iom-dg-2023/candidates/nobody', '/api/nothing'])(
    '%s is a JSON 404',
    async (url) => {
      const res = await request(app)
        .get(url)
        .expect(404)
        .expect('Content-Type', 'application/json; charset=utf-8');
      expect(res.body).toEqual({
        error: 'not-found',
        message: `Nothing is published at ${url}.`,
        requestId: res.headers['x-request-id'],
      });
    },
  );
});

describe('redirects', () => {
  it('aliases added in content answer 301 to their page, fragment left to the browser', async () => {
    const dir = await copySite();
    const file = path.join(dir, 'elections/sample-2024/candidates/ana-lima.md');
    await editFile(dir, path.relative(dir, file), (t) =>
      t.replace(
        'updated: 2024-03-02',
        'aliases: [/sample-2024/lima, /people/ana]\nupdated: 2024-03-02',
      ),
    );
    const page = path.join(dir, 'pages/about.md');
    await editFile(dir, path.relative(dir, page), (t) =>
      t.replace('updated: 2024-02-01', 'aliases: [/about-us]\nupdated: 2024-02-01'),
    );
    const { app: site } = await appFor(dir);
    await request(site)
      .get('/sample-2024/lima')
      .expect(301)
      .expect('Location', '/sample-2024/candidates/ana-lima');
    await request(site)
      .get('/People/Ana')
      .expect(301)
      .expect('Location', '/sample-2024/candidates/ana-lima');
    await request(site)
      .get('/people/ana/')
      .expect(301)
      .expect('Location', '/sample-2024/candidates/ana-lima');
    await request(site).get('/about-us?x=1').expect(301).expect('Location', '/about?x=1');
  });

  it.each([
    '//evil.example',
    '//evil.example/iom-dg-2023/',
    '/\\evil.example',
    '/%5Cevil.example',
    '/%2F%2Fevil.example',
    '/..//evil.example',
    '///evil.example/',
  ])('never points off-site: %s', async (url) => {
    const res = await request(app).get(url);
    if (res.status === 301) expect(res.headers.location).toMatch(/^\/[^/\\]/);
    else expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
