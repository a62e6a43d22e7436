// The data documents in every language, over real HTTP: the sitemap with its hreflang
// alternates, a feed per language, the JSON API in a language, share images per language,
// JSON-LD with inLanguage and the live clock, none of them leaving English behind.
import { XMLParser } from 'fast-xml-parser';
import type { RequestListener } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/model.js';
import type { Lang } from '../../src/i18n/lang.js';
import { LANGS } from '../../src/i18n/lang.js';
import { tr } from '../../src/i18n/messages.js';
import { inLanguage } from '../../src/urls.js';
import { appFor } from '../support/app.js';
import { contentText, englishPhrases } from '../support/english.js';
import { cleanUp, shippedContent } from '../support/fixtures.js';
import { roundOneReported, shippedCopy } from '../support/vote-day.js';

const BASE = 'https://explainer.example';
let app: RequestListener;
let content: Content;
let english: string;
beforeAll(async () => {
  const made = await appFor(shippedContent, { baseUrl: BASE });
  app = made.app;
  content = made.holder.current;
  english = await contentText(shippedContent);
});
afterAll(cleanUp);

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['url', 'xhtml:link', 'entry', 'link'].includes(name),
});

interface Alternate {
  rel: string;
  hreflang: string;
  href: string;
}

describe('the sitemap', () => {
  it('lists every page in every language, each with reciprocal hreflang alternates and x-default', async () => {
    const res = await request(app)
      .get('/sitemap.xml')
      .expect(200)
      .expect('Content-Type', 'application/xml; charset=utf-8');
    const doc = xml.parse(res.text) as {
      urlset: {
        xmlns: string;
        'xmlns:xhtml': string;
        url: { loc: string; lastmod: string; 'xhtml:link': Alternate[] }[];
      };
    };
    expect(doc.urlset.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(doc.urlset['xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
    const paths = [...content.routes.keys()];
    const expected = paths.flatMap((p) => LANGS.map((lang) => BASE + inLanguage(lang, p)));
    expect(doc.urlset.url.map((u) => u.loc).sort()).toEqual(expected.sort());

    const byLoc = new Map(doc.urlset.url.map((u) => [u.loc, u]));
    for (const path of paths) {
      const wanted = [
        ...LANGS.map((lang) => ({
          rel: 'alternate',
          hreflang: lang,
          href: BASE + inLanguage(lang, path),
        })),
        { rel: 'alternate', hreflang: 'x-default', href: BASE + path },
      ];
      for (const lang of LANGS) {
        const entry = byLoc.get(BASE + inLanguage(lang, path))!;
        // Complete: every language and x-default, the page itself included.
        expect(entry['xhtml:link'], entry.loc).toEqual(wanted);
        expect(entry.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        // Reciprocal: every alternate is listed, and points back at this page in its language.
        for (const alternate of entry['xhtml:link']) {
          const other = byLoc.get(alternate.href);
          expect(other, alternate.href).toBeDefined();
          expect(other!['xhtml:link']).toContainEqual({
            rel: 'alternate',
            hreflang: lang,
            href: entry.loc,
          });
        }
      }
    }
    expect(byLoc.get(`${BASE}/fr/`)).toBeDefined();
    expect(byLoc.get(`${BASE}/es/iom-dg-2023/candidates/amy-pope`)?.lastmod).toMatch(/^2026-/);
  });
});

interface Feed {
  feed: {
    xmlns: string;
    'xml:lang': string;
    title: string;
    id: string;
    link: { rel: string; href: string }[];
    entry: {
      title: string;
      id: string;
      link: { href: string }[];
      summary: string | { '#text': string; 'xml:lang': string };
    }[];
  };
}

const summaryText = (s: Feed['feed']['entry'][number]['summary']): string =>
  typeof s === 'string' ? s : s['#text'];

async function feedOf(site: RequestListener, lang: Lang): Promise<Feed['feed']> {
  const res = await request(site)
    .get(lang === 'en' ? '/feed.xml' : `/${lang}/feed.xml`)
    .expect(200)
    .expect('Content-Type', 'application/atom+xml; charset=utf-8');
  return (xml.parse(res.text) as Feed).feed;
}

describe.each(['fr', 'es'] as const)('the %s feed', (lang) => {
  it('is Atom in the language, linking to the pages in that language', async () => {
    const feed = await feedOf(app, lang);
    const edition = content.editions[lang];
    expect(feed.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(feed['xml:lang']).toBe(lang);
    expect(feed.title).toBe(edition.site.name);
    expect(feed.id).toBe(`${BASE}/${lang}/`);
    expect(feed.link).toEqual([
      { rel: 'alternate', type: 'text/html', href: `${BASE}/${lang}/` },
      { rel: 'self', type: 'application/atom+xml', href: `${BASE}/${lang}/feed.xml` },
    ]);
    const ids = feed.entry.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of feed.entry) {
      expect(entry.id.startsWith(`${BASE}/${lang}/`), entry.id).toBe(true);
      expect(entry.link[0]!.href.startsWith(`${BASE}/${lang}/`), entry.id).toBe(true);
    }
    // Entries as the language's pages are titled.
    const pope = edition.elections[0]!.candidates.find((c) => c.slug === 'amy-pope')!;
    const profile = feed.entry.find(
      (e) => e.id === `${BASE}/${lang}/iom-dg-2023/candidates/amy-pope`,
    );
    expect(profile?.title).toBe(
      tr(lang)('page.candidateTitle', {
        name: pope.name,
        election: edition.elections[0]!.shortTitle,
      }),
    );
    // Text shown in English until it is translated says so.
    for (const e of edition.elections)
      for (const c of e.candidates) {
        const entry = feed.entry.find((x) => x.id === BASE + inLanguage(lang, c.url))!;
        if (c.translation.status === 'missing')
          expect(entry.summary).toMatchObject({ 'xml:lang': 'en' });
        else expect(typeof entry.summary).toBe('string');
      }
  });

  it('says the vote in the language, round by round, with no English interface phrase', async () => {
    const { app: voting } = await appFor(await shippedCopy(roundOneReported), { baseUrl: BASE });
    const decided = await feedOf(app, lang);
    const feed = await feedOf(voting, lang);
    const round = feed.entry.find((e) => e.id === `${BASE}/${lang}/iom-dg-2023/results#round-1`);
    expect(round?.title).toMatch(
      lang === 'fr' ? /^Résultats du 1er tour\u00a0: / : /^Resultados de la 1\.ª ronda: /,
    );
    expect(summaryText(round!.summary)).toBe(
      lang === 'fr'
        ? 'Amy Pope 98, António Vitorino 67. Il fallait 110 voix pour l’emporter.'
        : 'Amy Pope 98, António Vitorino 67. Se necesitaban 110 votos para ganar.',
    );
    const phrases = englishPhrases(lang, english);
    const left = [decided, feed].flatMap((f) =>
      f.entry
        .flatMap((e) => [e.title, typeof e.summary === 'string' ? e.summary : ''])
        .flatMap((text) => phrases.filter((p) => text.includes(p)).map((p) => `${text}: ${p}`)),
    );
    expect(left).toEqual([]);
  });
});

describe('the English feed', () => {
  it('stays at /feed.xml, in English, linking to unprefixed pages', async () => {
    const feed = await feedOf(app, 'en');
    expect(feed['xml:lang']).toBe('en');
    expect(feed.id).toBe(`${BASE}/`);
    for (const entry of feed.entry)
      expect(entry.id).not.toMatch(/^https:\/\/explainer\.example\/(fr|es)\//);
  });
});
