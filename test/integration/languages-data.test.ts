// The data documents in every language, over real HTTP: the sitemap with its hreflang
// alternates, a feed per language, the JSON API in a language, share images per language,
// JSON-LD with inLanguage and the live clock, none of them leaving English behind.
import { XMLParser } from 'fast-xml-parser';
import type { RequestListener } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/model.js';
import type { RenderContext } from '../../src/http/pages.js';
import { renderRoutePage } from '../../src/http/pages.js';
import { headline, updatedAt, LiveVersions } from '../../src/http/live.js';
import { dateRange } from '../../src/http/present.js';
import { shareCard } from '../../src/http/share.js';
import type { Lang } from '../../src/i18n/lang.js';
import { LANGS } from '../../src/i18n/lang.js';
import { tr } from '../../src/i18n/messages.js';
import { inLanguage } from '../../src/urls.js';
import { appFor, loadOrThrow } from '../support/app.js';
import { contentText, englishPhrases } from '../support/english.js';
import { text } from '../support/html.js';
import { cleanUp, shippedContent } from '../support/fixtures.js';
import { roundOneReported, shippedCopy, upcoming } from '../support/vote-day.js';

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

/** A document with its language's marks taken out: what every language must agree on. */
function dataOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dataOf);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (['lang', 'translation', 'inEnglish', 'url', 'api'].includes(key)) continue;
    out[key] = dataOf(v);
  }
  return out;
}

describe('the JSON API in a language', () => {
  it.each(['fr', 'es'] as const)(
    '/%s/api/… gives the edition’s text, marked with its language, pointing at pages and API in it',
    async (lang) => {
      const list = await request(app)
        .get(`/${lang}/api/elections`)
        .expect(200)
        .expect('Content-Type', 'application/json; charset=utf-8')
        .expect('Access-Control-Allow-Origin', '*');
      const edition = content.editions[lang];
      expect(list.body).toMatchObject({
        lang,
        elections: [{ slug: 'iom-dg-2023' }, { slug: 'iom-dg-2018' }],
      });
      const [first] = (list.body as { elections: Record<string, unknown>[] }).elections;
      const e = edition.elections[0]!;
      expect(first).toMatchObject({
        title: e.title,
        description: e.description,
        translation: e.translation,
        url: `${BASE}/${lang}/iom-dg-2023/`,
        api: `${BASE}/${lang}/api/elections/iom-dg-2023`,
      });

      const election = await request(app).get(`/${lang}/api/elections/iom-dg-2023`).expect(200);
      expect(election.body).toMatchObject({
        lang,
        title: e.title,
        office: e.office,
        overviewHtml: e.overviewHtml?.html ?? null,
        translation: e.translation,
        candidates: e.candidates.map((c) => ({
          name: c.name,
          summary: c.summary,
          translation: c.translation,
          url: BASE + inLanguage(lang, c.url),
        })),
        articles: e.articles.map((a) => ({ title: a.title, translation: a.translation })),
      });
      const pope = e.candidates.find((c) => c.slug === 'amy-pope')!;
      const candidate = await request(app)
        .get(`/${lang}/api/elections/iom-dg-2023/candidates/amy-pope`)
        .expect(200);
      expect(candidate.body).toMatchObject({
        lang,
        summary: pope.summary,
        biographyHtml: pope.biography.html,
        translation: pope.translation,
        api: `${BASE}/${lang}/api/elections/iom-dg-2023/candidates/amy-pope`,
      });
    },
  );

  it('gives the same data in every language: only text, links and translation marks differ', async () => {
    for (const path of [
      '/api/elections',
      '/api/elections/iom-dg-2023',
      '/api/elections/iom-dg-2018',
      '/api/elections/iom-dg-2023/candidates/antonio-vitorino',
    ]) {
      const english = (await request(app).get(path).expect(200)).body as Record<string, unknown>;
      expect(english.lang).toBe('en');
      for (const lang of ['fr', 'es'] as const) {
        const other = (await request(app).get(`/${lang}${path}`).expect(200)).body as Record<
          string,
          unknown
        >;
        const data = (doc: Record<string, unknown>) =>
          JSON.stringify(dataOf(doc), (key, v: unknown) =>
            // Text may differ; figures, dates, slugs, outcomes and sources may not.
            typeof v === 'string' && !/^[\d-]+$|^[a-z0-9-]+$|^https?:/.test(v) ? 'text' : v,
          );
        expect(data(other), `${lang}${path}`).toBe(data(english));
      }
    }
  });

  it('keeps each language’s answer under its own routed path', async () => {
    const { app: site, site: built, holder } = await appFor(shippedContent, { baseUrl: BASE });
    await request(site).get('/fr/api/elections/iom-dg-2023?x=1').expect(200);
    await request(site).get('/api/elections/iom-dg-2023').expect(200);
    const cache = built.cache!;
    expect(cache.get(holder.current, '/fr/api/elections/iom-dg-2023')).toBeDefined();
    expect(cache.get(holder.current, '/api/elections/iom-dg-2023')).toBeDefined();
    expect(cache.get(holder.current, '/fr/api/elections/iom-dg-2023?x=1')).toBeUndefined();
    // Served from the cache, each language is still itself.
    const fr = await request(site).get('/fr/api/elections/iom-dg-2023').expect(200);
    const en = await request(site).get('/api/elections/iom-dg-2023').expect(200);
    expect((fr.body as { lang: string }).lang).toBe('fr');
    expect((en.body as { lang: string }).lang).toBe('en');
  });

  it.each([
    ['/fr/api/elections/nope', 'Rien n’est publié à l’adresse /fr/api/elections/nope.'],
    ['/es/api/nothing', 'No hay nada publicado en /es/api/nothing.'],
    ['/de/api/elections', undefined],
  ])('%s is a 404 in the language', async (url, message) => {
    const res = await request(app).get(url).set('Accept', 'application/json').expect(404);
    if (message)
      expect(res.body).toEqual({
        error: 'not-found',
        message,
        requestId: res.headers['x-request-id'],
      });
  });

  it('answers CORS preflights under every language’s API', async () => {
    for (const url of ['/api/elections', '/fr/api/elections', '/es/api/elections'])
      await request(app).options(url).expect(204).expect('Access-Control-Allow-Origin', '*');
  });
});

describe('share images per language', () => {
  it('/fr/share/… and /es/share/… are cards of their own, each kept under its routed path', async () => {
    const { app: site, site: built, holder } = await appFor(shippedContent, { baseUrl: BASE });
    const cards = new Map<string, Buffer>();
    for (const lang of LANGS) {
      const path = inLanguage(lang, '/share/iom-dg-2023/amy-pope.png');
      const res = await request(site)
        .get(`${path}?round=2`)
        .buffer(true)
        .expect(200)
        .expect('Content-Type', 'image/png');
      const png = res.body as Buffer;
      expect(png.readUInt32BE(16)).toBe(1200);
      cards.set(lang, png);
      expect(built.cache!.get(holder.current, path)?.identity).toEqual(png);
    }
    expect(new Set([...cards.values()].map((png) => png.toString('base64'))).size).toBe(3);
    await request(site).get('/fr/share/nope.png').expect(404);
    await request(site).get('/de/share/iom-dg-2023.png').expect(404);
  });

  it('say the vote in the page’s language before, during and after it, with no English interface phrase', async () => {
    const sites = [
      await loadOrThrow(await shippedCopy(upcoming)),
      await loadOrThrow(await shippedCopy(roundOneReported)),
      content,
    ];
    const fr = sites.map((c) => shareCard(c, 'iom-dg-2023', undefined, 'fr')!);
    expect(fr.map((card) => card.highlight)).toEqual([
      'Avant le vote',
      '1er tour\u00a0: Amy Pope 98, António Vitorino 67',
      'Amy Pope l’emporte par acclamation',
    ]);
    expect(fr[2]!.lines[1]).toBe(
      'Vote\u00a0: 15 mai 2023, ' + content.editions.fr.elections[0]!.venue.city,
    );
    const es = sites.map((c) => shareCard(c, 'iom-dg-2023', undefined, 'es')!);
    expect(es.map((card) => card.highlight)).toEqual([
      'Antes de la votación',
      '1.ª ronda: Amy Pope 98, António Vitorino 67',
      'Amy Pope gana por aclamación',
    ]);
    for (const lang of ['fr', 'es'] as const) {
      const phrases = englishPhrases(lang, english);
      const words = sites.flatMap((c) =>
        ['', 'amy-pope', 'antonio-vitorino'].flatMap((candidate) => {
          const card = shareCard(c, 'iom-dg-2023', candidate || undefined, lang)!;
          return [card.kicker, card.title, ...card.lines, card.highlight ?? '', card.footer];
        }),
      );
      const left = words.flatMap((w) =>
        phrases.filter((p) => w.includes(p)).map((p) => `${w}: ${p}`),
      );
      expect(left).toEqual([]);
    }
  });
});

const ctx = (lang: Lang): RenderContext => ({
  dev: false,
  failure: undefined,
  baseUrl: BASE,
  asset: (file) => `/${file}`,
  lang,
});

function jsonLdOf(html: string): Record<string, unknown> {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no JSON-LD');
  return JSON.parse(m[1]!) as Record<string, unknown>;
}

/** A meta tag's content, as a reader of it gets it (entities decoded). */
const metaContent = (html: string, property: string): string | undefined => {
  const value = new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)">`).exec(
    html,
  )?.[1];
  return value === undefined ? undefined : text(value);
};

describe('pages in a language', () => {
  it('have JSON-LD in their language, with the edition’s names, and their language’s share image', async () => {
    for (const lang of LANGS) {
      const edition = content.editions[lang];
      for (const [path, route] of edition.routes) {
        const html = await renderRoutePage(content, route, ctx(lang));
        const data = jsonLdOf(html);
        expect(data.inLanguage, `${lang} ${path}`).toBe(lang);
        expect(metaContent(html, 'og:image') ?? '', `${lang} ${path}`).toMatch(
          new RegExp(`^${BASE}${lang === 'en' ? '' : `/${lang}`}/share/`),
        );
      }
      const profile = jsonLdOf(
        await renderRoutePage(
          content,
          edition.routes.get('/iom-dg-2023/candidates/amy-pope')!,
          ctx(lang),
        ),
      );
      const pope = edition.elections[0]!.candidates.find((c) => c.slug === 'amy-pope')!;
      expect(profile).toMatchObject({
        name: tr(lang)('page.candidateTitle', {
          name: pope.name,
          election: edition.elections[0]!.shortTitle,
        }),
        mainEntity: { name: pope.name, description: pope.summary },
      });
      const results = jsonLdOf(
        await renderRoutePage(content, edition.routes.get('/iom-dg-2023/results')!, ctx(lang)),
      );
      expect(results.name).toBe(
        tr(lang)('page.titleIn', {
          title: tr(lang)('page.results'),
          election: edition.elections[0]!.shortTitle,
        }),
      );
    }
  });

  it('describe a candidate’s share image in their language', async () => {
    const route = content.editions.fr.routes.get('/iom-dg-2023/candidates/amy-pope')!;
    const html = await renderRoutePage(content, route, ctx('fr'));
    expect(metaContent(html, 'og:image')).toBe(`${BASE}/fr/share/iom-dg-2023/amy-pope.png`);
    expect(metaContent(html, 'og:image:alt')).toBe(
      `Amy Pope, candidature — ${content.editions.fr.elections[0]!.shortTitle}`,
    );
  });
});

describe('the live clock and headline in the page’s language', () => {
  it('say the day and time of the last update with Intl per language, in the venue’s zone', () => {
    const at = '2023-05-15T11:05:00Z';
    expect(updatedAt(at, 'Europe/Zurich')).toBe('15 May 2023 at 13:05 CEST');
    expect(updatedAt(at, 'Europe/Zurich', 'en')).toBe('15 May 2023 at 13:05 CEST');
    expect(updatedAt(at, 'Europe/Zurich', 'fr')).toBe('15 mai 2023 à 13\u00a0h\u00a005 (UTC+2)');
    expect(updatedAt(at, 'Europe/Zurich', 'es')).toBe('15 de mayo de 2023 a las 13:05 (CEST)');
    expect(updatedAt('2023-01-15T11:05:00Z', 'America/New_York', 'es')).toMatch(
      /^15 de enero de 2023 a las 06:05 \(/,
    );
    expect(updatedAt('2023-05-14T23:05:00Z', 'Europe/Zurich', 'es')).toBe(
      '15 de mayo de 2023 a la 01:05 (CEST)',
    );
    // The day is the venue's: 00:30 in Geneva is still the day before in UTC.
    expect(updatedAt('2023-09-30T22:30:00Z', 'Europe/Zurich', 'fr')).toBe(
      '1er octobre 2023 à 0\u00a0h\u00a030 (UTC+2)',
    );
  });

  it('word every stage of the vote, and a live page’s status line, with no English left', async () => {
    const dirs = [await shippedCopy(upcoming), await shippedCopy(roundOneReported), shippedContent];
    const headlines: Record<Lang, string[]> = { en: [], fr: [], es: [] };
    for (const dir of dirs) {
      const site = await loadOrThrow(dir);
      for (const lang of LANGS)
        headlines[lang].push(headline(site.editions[lang].elections[0]!, lang));
    }
    expect(headlines.en).toEqual([
      'Voting has not started yet',
      'Round 1 results reported',
      'Amy Pope elected by acclamation',
    ]);
    expect(headlines.fr).toEqual([
      'Le vote n’a pas encore commencé',
      'Résultats du 1er tour publiés',
      'Amy Pope l’emporte par acclamation',
    ]);
    expect(headlines.es).toEqual([
      'La votación aún no ha empezado',
      'Resultados de la 1.ª ronda publicados',
      'Amy Pope gana por aclamación',
    ]);

    // A French results page while voting: the status line, and the headline open pages announce.
    const dir = dirs[1]!;
    const { holder } = await appFor(dir, { baseUrl: BASE });
    const voting = holder.current;
    const states = await new LiveVersions(holder, dir).for(voting);
    const live = states.get('iom-dg-2023')!;
    for (const lang of ['fr', 'es'] as const) {
      const route = voting.editions[lang].routes.get('/iom-dg-2023/results')!;
      const html = await renderRoutePage(voting, route, { ...ctx(lang), live });
      const status = /<p class="live-status"[\s\S]*?<\/p>/.exec(html)?.[0] ?? '';
      expect(status).toContain(`<span class="live-headline">${headlines[lang][1]}.</span>`);
      expect(status).toContain(
        `${lang === 'fr' ? 'Dernière mise à jour\u00a0:' : 'Última actualización:'} <time datetime="${live.updated}">${updatedAt(live.updated, live.timeZone, lang)}</time>.`,
      );
      expect(html).toContain(`data-live-headline="${headlines[lang][1]}"`);
      const phrases = englishPhrases(lang, english);
      expect(
        phrases.filter((p) => status.includes(p) || headlines[lang].some((h) => h.includes(p))),
      ).toEqual([]);
    }
  });
});

describe('dates of a career in the page’s language', () => {
  it('say "present", "from" and "until" as each language does, with the article a day takes', () => {
    expect(dateRange('2023-10-01', undefined, true, 'fr')).toBe('1er octobre 2023 – aujourd’hui');
    expect(dateRange('2023-10-01', undefined, true, 'es')).toBe(
      '1 de octubre de 2023 – la actualidad',
    );
    expect(dateRange('2023-10-01', undefined, true)).toBe('1 October 2023 – present');
    expect(dateRange('2011-06', undefined, false, 'fr')).toBe('À partir de juin 2011');
    expect(dateRange('1999-09-13', undefined, false, 'fr')).toBe('À partir du 13 septembre 1999');
    expect(dateRange('1999-09-13', undefined, false, 'es')).toBe(
      'Desde el 13 de septiembre de 1999',
    );
    expect(dateRange(undefined, '2001', false, 'fr')).toBe('Jusqu’en 2001');
    expect(dateRange(undefined, '2001-05-02', false, 'es')).toBe('Hasta el 2 de mayo de 2001');
    expect(dateRange(undefined, '2001', false)).toBe('Until 2001');
    expect(dateRange('2011-06', undefined, false)).toBe('From June 2011');
  });

  it('on a French profile, the career’s dates are in French', async () => {
    const route = content.editions.fr.routes.get('/iom-dg-2023/candidates/amy-pope')!;
    const html = await renderRoutePage(content, route, ctx('fr'));
    expect(html).toContain('1er octobre 2023 – aujourd’hui');
    expect(html).not.toMatch(/– present|>Until |>From /);
  });
});

describe('the words scripts add to a page', () => {
  it.each([
    ['fr', 'Lien vers cette section copié', 'votre heure\u00a0: {time}'],
    ['es', 'Enlace a esta sección copiado', '{time} en su zona horaria'],
    ['en', 'Link to this section copied', '{time} your time'],
  ] as const)('come in the page’s language (%s)', async (lang, copied, yourTime) => {
    const route = content.editions[lang].routes.get('/iom-dg-2023/timeline')!;
    const html = await renderRoutePage(content, route, ctx(lang));
    expect(html).toContain(`data-copied="${copied}" data-your-time="${yourTime}"`);
  });
});
