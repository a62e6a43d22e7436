// The site in English, French and Spanish through real HTTP: every page under its language's
// prefix, in that language (html lang, Content-Language), redirects and 404s that keep the
// language, no redirect on Accept-Language, one cache entry per language, the switcher, and
// the notices a page shows when its text is not translated yet or is older than the English.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { editionRoutes } from '../../src/content/load-editions.js';
import type { Content, TranslationState } from '../../src/content/model.js';
import type { Lang } from '../../src/i18n/lang.js';
import { LANGS } from '../../src/i18n/lang.js';
import { inLanguage } from '../../src/urls.js';
import type { TestSite } from '../support/app.js';
import { appFor, appForContent, loadOrThrow } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';
import { text } from '../support/html.js';

const PROFILE = '/iom-dg-2023/candidates/amy-pope';

/** Elements marked as English, but for the page itself and the switcher's link to English. */
const markedEnglish = (html: string): string[] =>
  [...html.matchAll(/<(?!html )[a-z0-9]+\b[^>]* lang="en"(?! hreflang| aria-current)[^>]*>/g)].map(
    (m) => m[0],
  );

/** The text of each element marked English, as `tag: text`. */
const markedEnglishText = (html: string): string[] =>
  [...html.matchAll(/<([a-z0-9]+)\b[^>]* lang="en"(?! hreflang)[^>]*>([^<]*)/g)]
    .filter((m) => m[1] !== 'html')
    .map((m) => `${m[1]}: ${m[2]}`);

/**
 * What the shipped translations of Amy Pope's profile leave in English: the site's name (a
 * name, not translated), the university's, and in Spanish the degree and the 2018 election
 * (not begun in Spanish).
 */
const LEFT_IN_ENGLISH = {
  fr: ['a: Election Explainer', 'span: Haverford College', 'span: Election Explainer'],
  es: [
    'a: Election Explainer',
    'a: IOM Director General 2018',
    'span: Juris Doctor (J.D.)',
    'span: Haverford College',
    'span: Election Explainer',
  ],
};

/** The content with every text of one edition in the state `state` gives it. */
function withTranslation(
  content: Content,
  lang: Lang,
  state: (slug: string) => TranslationState,
): Content {
  const base = content.editions[lang];
  const elections = base.elections.map((e) => ({
    ...e,
    translation: state(e.slug),
    candidates: e.candidates.map((c) => ({ ...c, translation: state(c.slug) })),
    articles: e.articles.map((a) => ({ ...a, translation: state(a.slug) })),
  }));
  const pages = base.pages.map((p) => ({ ...p, translation: state(p.slug) }));
  const routes = editionRoutes(content.routes, elections, pages);
  const edition = { ...base, siteTranslation: state('site'), elections, pages, routes };
  return { ...content, editions: { ...content.editions, [lang]: edition } };
}

let shipped: TestSite;
beforeAll(async () => {
  shipped = await appFor(shippedContent);
});

describe('every page in every language', () => {
  it('answers 200 under its prefix, with html lang and Content-Language of the language', async () => {
    const wrong: string[] = [];
    for (const lang of LANGS)
      for (const path of shipped.holder.current.routes.keys()) {
        const url = inLanguage(lang, path);
        const res = await request(shipped.app).get(url);
        if (res.status !== 200) wrong.push(`${url}: ${res.status}`);
        if (res.headers['content-language'] !== lang)
          wrong.push(`${url}: Content-Language ${String(res.headers['content-language'])}`);
        if (!res.text.startsWith(`<!doctype html>\n<html lang="${lang}">`))
          wrong.push(`${url}: ${res.text.slice(0, 40)}`);
      }
    expect(wrong).toEqual([]);
  });

  it('serves French and Spanish homes at /fr/ and /es/, in the language', async () => {
    const fr = await request(shipped.app).get('/fr/').expect(200);
    expect(fr.text).toContain('<nav aria-label="Navigation du site">');
    const es = await request(shipped.app).get('/es/').expect(200);
    expect(es.text).toContain('<a class="skip-link" href="#main">Ir al contenido principal</a>');
  });
});

describe('redirects under a language prefix', () => {
  it.each([
    ['/fr', '/fr/'],
    ['/es', '/es/'],
    ['/fr?ref=share', '/fr/?ref=share'],
    ['/FR/iom-dg-2023/', '/fr/iom-dg-2023/'],
    ['/Es/iom-dg-2023/results', '/es/iom-dg-2023/results'],
    ['/fr/IOM-DG-2023', '/fr/iom-dg-2023/'],
    ['/es/iom-dg-2023/results/', '/es/iom-dg-2023/results'],
    ['/fr/iom-dg-2023/candidates', '/fr/iom-dg-2023/#candidates'],
    ['/en', '/'],
    ['/en/', '/'],
    ['/en/iom-dg-2023/results', '/iom-dg-2023/results'],
  ])('%s answers 301 to %s', async (from, to) => {
    const res = await request(shipped.app).get(from).expect(301);
    expect(res.headers.location).toBe(to);
  });

  it('follows an alias with a 301 in the language it was asked in', async () => {
    const content = await loadOrThrow(shippedContent);
    const [alias, target] = [...content.aliases][0]!;
    const res = await request(shipped.app).get(`/es${alias}`).expect(301);
    expect(res.headers.location).toBe(inLanguage('es', target));
  });
});

describe('a page that does not exist', () => {
  it('is a 404 in the language of its prefix, suggesting pages in that language', async () => {
    const res = await request(shipped.app).get('/fr/iom-dg-2023/resuts').expect(404);
    expect(res.headers['content-language']).toBe('fr');
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('<title>Page introuvable |');
    expect(res.text).toContain('<a href="/fr/iom-dg-2023/results">');
    expect(res.text).not.toContain('rel="canonical"');
    const es = await request(shipped.app).get('/es/nada').expect(404);
    expect(es.headers['content-language']).toBe('es');
    expect(es.text).toContain('<title>Página no encontrada |');
  });

  it.each(['/de/', '/de/iom-dg-2023/', '/xx', '/zz/iom-dg-2023/results'])(
    '%s (an unknown language prefix) is an English 404',
    async (path) => {
      const res = await request(shipped.app).get(path).expect(404);
      expect(res.headers['content-language']).toBe('en');
      expect(res.text).toContain('<title>Page not found |');
    },
  );

  it('answers an error in the language of its prefix', async () => {
    const res = await request(shipped.app).post('/es/iom-dg-2023/').expect(405);
    expect(res.headers['content-language']).toBe('es');
    expect(res.text).toContain('<html lang="es">');
  });
});

describe('the language of a page', () => {
  it('is what the URL says, whatever Accept-Language asks for', async () => {
    const en = await request(shipped.app).get('/').set('Accept-Language', 'fr-FR,fr;q=0.9');
    expect(en.status).toBe(200);
    expect(en.headers['content-language']).toBe('en');
    const fr = await request(shipped.app).get('/fr/').set('Accept-Language', 'es, en;q=0.5');
    expect(fr.status).toBe(200);
    expect(fr.headers['content-language']).toBe('fr');
  });

  it('is kept apart in the cache: one entry per language, each served from the fast path', async () => {
    const { app, holder, site } = await appFor(shippedContent);
    const results = '/iom-dg-2023/results';
    for (const lang of LANGS) await request(app).get(inLanguage(lang, results)).expect(200);
    expect(site.cache?.size(holder.current)).toBe(3);
    for (const lang of LANGS) {
      const entry = site.cache?.get(holder.current, inLanguage(lang, results));
      expect(entry?.identity.toString()).toContain(`<html lang="${lang}">`);
      expect(entry?.headers['content-language']).toBe(lang);
    }
    // An escaped spelling is the same routed path, and the same entry.
    const again = await request(app).get('/fr/%69om-dg-2023/results').expect(200);
    expect(again.headers['content-language']).toBe('fr');
    expect(site.cache?.size(holder.current)).toBe(3);
  });
});

describe('the language switcher', () => {
  it('leads to the same page in the other languages, each named in itself', async () => {
    const res = await request(shipped.app).get(`/fr${PROFILE}`).expect(200);
    const nav = /<nav class="languages" aria-label="Langue">[\s\S]*?<\/nav>/.exec(res.text)?.[0];
    expect(nav).toContain(
      `<a href="${PROFILE}" lang="en" hreflang="en">English</a></li><li><span lang="fr" aria-current="true">Français</span></li><li><a href="/es${PROFILE}" lang="es" hreflang="es">Español</a>`,
    );
  });

  it('leads from a 404 to the home page of each language', async () => {
    const res = await request(shipped.app).get('/es/nada').expect(404);
    expect(res.text).toContain('<a href="/fr/" lang="fr" hreflang="fr">Français</a>');
    expect(res.text).toContain('<a href="/" lang="en" hreflang="en">English</a>');
  });
});

describe('a page whose text is not translated', () => {
  it('shows the English text marked lang="en", with a notice in the language linking to the English page', async () => {
    const missing = withTranslation(
      withTranslation(await loadOrThrow(shippedContent), 'fr', () => ({ status: 'missing' })),
      'es',
      () => ({ status: 'missing' }),
    );
    const { app } = await appForContent(missing, shippedContent);
    const fr = await request(app).get(`/fr${PROFILE}`).expect(200);
    expect(fr.text).toContain(
      `<p class="translation-notice" role="note">Cette page n’est pas encore traduite en français\u00a0: son texte est affiché dans sa version originale anglaise. <a href="${PROFILE}" hreflang="en">Lire la page en anglais</a></p>`,
    );
    expect(fr.text).toContain('<p class="lead" lang="en">');
    expect(fr.text).toContain('<div class="prose" lang="en">');
    const es = await request(app).get('/es/iom-dg-2023/what-is-iom').expect(200);
    expect(text(es.text)).toContain(
      'Esta página aún no está traducida al español: su texto se muestra en la versión original en inglés. Leer la página en inglés',
    );
    expect(es.text).toContain('<h1 lang="en">');
    // Within a sentence of the interface, only the English words are marked.
    const { title } = missing.editions.es.elections[0]!;
    const results = await request(app).get('/es/iom-dg-2023/results').expect(200);
    expect(results.text).toContain(`<p class="lead"><span lang="en">${title}</span>: los votos`);
  });

  it('hides no fact: the French page holds every sourced figure and date the English one does', async () => {
    const en = await request(shipped.app).get('/iom-dg-2023/results').expect(200);
    const fr = await request(shipped.app).get('/fr/iom-dg-2023/results').expect(200);
    const facts = (html: string) =>
      [...html.matchAll(/<time datetime="([^"]+)"|href="(?:\/fr)?(\/[^"]*#source-[^"]+)"/g)].map(
        (m) => m[1] ?? m[2],
      );
    expect(facts(fr.text)).toEqual(facts(en.text));
  });

  it('shows no notice in English, nor where the text is translated, and marks only what the translation leaves out', async () => {
    const en = await request(shipped.app).get(PROFILE).expect(200);
    expect(en.text).not.toContain('translation-notice');
    expect(markedEnglish(en.text)).toEqual([]);
    const content = withTranslation(await loadOrThrow(shippedContent), 'fr', () => ({
      status: 'translated',
      translated: '2023-06-01',
      file: 'x.fr.md',
    }));
    const { app } = await appForContent(content, shippedContent);
    const fr = await request(app).get(`/fr${PROFILE}`).expect(200);
    expect(fr.text).not.toContain('translation-notice');
    expect(markedEnglishText(fr.text)).toEqual(LEFT_IN_ENGLISH.fr);
  });
});

describe('a page whose translation is older than the English', () => {
  const stale = (slug: string): TranslationState =>
    slug === 'amy-pope'
      ? {
          status: 'stale',
          translated: '2023-06-01',
          updated: '2023-09-15',
          fields: ['summary'],
          file: 'elections/iom-dg-2023/candidates/amy-pope.fr.md',
        }
      : { status: 'translated', translated: '2023-06-01', file: `${slug}.fr` };

  it.each([
    [
      'fr' as const,
      'Cette traduction date du <time datetime="2023-06-01">1er juin 2023</time>\u202f; la version anglaise a été mise à jour le <time datetime="2023-09-15">15 septembre 2023</time>, et certains passages n’en tiennent peut-être pas encore compte. <a href="/iom-dg-2023/candidates/amy-pope" hreflang="en">Lire la page en anglais</a>',
    ],
    [
      'es' as const,
      'Esta traducción es del <time datetime="2023-06-01">1 de junio de 2023</time>; la versión en inglés se actualizó el <time datetime="2023-09-15">15 de septiembre de 2023</time>, por lo que es posible que algunos pasajes aún no reflejen los cambios. <a href="/iom-dg-2023/candidates/amy-pope" hreflang="en">Leer la página en inglés</a>',
    ],
  ])('says both dates in %s, and links to the English page', async (lang, notice) => {
    const content = withTranslation(await loadOrThrow(shippedContent), lang, stale);
    const { app } = await appForContent(content, shippedContent);
    const res = await request(app).get(`/${lang}${PROFILE}`).expect(200);
    expect(res.text).toContain(`<p class="translation-notice" role="note">${notice}</p>`);
    // The translated text itself is in the page's language: only what it leaves out is marked.
    expect(markedEnglishText(res.text)).toEqual(LEFT_IN_ENGLISH[lang]);
    const other = await request(app).get(`/${lang}/iom-dg-2023/compare`).expect(200);
    expect(other.text).not.toContain('translation-notice');
  });
});

describe('words that agree with a person', () => {
  const cases: [Lang, string, string][] = [
    [
      'fr',
      'Amy Pope a été élue par acclamation, sans nouveau tour de scrutin, le',
      'Élue par acclamation, le',
    ],
    [
      'es',
      'Amy Pope fue elegida por aclamación, sin otra votación, el',
      'Elegida por aclamación, el',
    ],
  ];
  it.each(cases)(
    'in %s, agree with the candidate content says how to',
    async (lang, result, profile) => {
      const results = await request(shipped.app)
        .get(inLanguage(lang, '/iom-dg-2023/results'))
        .expect(200);
      expect(results.text).toContain(result);
      const page = await request(shipped.app).get(inLanguage(lang, PROFILE)).expect(200);
      expect(page.text).toContain(profile);
    },
  );

  it('without it, read in words that agree with anyone', async () => {
    const content = await loadOrThrow(shippedContent);
    const unsaid = (e: Content['elections'][number]) => ({
      ...e,
      candidates: e.candidates.map(({ grammaticalGender: _, ...c }) => c),
    });
    const base = content.editions.fr;
    const elections = base.elections.map(unsaid);
    const routes = editionRoutes(content.routes, elections, base.pages);
    const { app } = await appForContent(
      { ...content, editions: { ...content.editions, fr: { ...base, elections, routes } } },
      shippedContent,
    );
    const res = await request(app).get('/fr/iom-dg-2023/results').expect(200);
    expect(res.text).toContain(
      'Amy Pope l’a emporté par acclamation, sans nouveau tour de scrutin, le',
    );
    expect(res.text).not.toContain('a été élue');
  });
});

describe('words the engine puts around content', () => {
  it('a title that ends in its own question mark takes a dash, not a colon, in every language', async () => {
    const titles = [];
    for (const lang of ['', '/fr', '/es']) {
      const res = await request(shipped.app).get(`${lang}/iom-dg-2023/what-is-iom`).expect(200);
      titles.push(/<title>([^<]*)<\/title>/.exec(res.text)![1]);
    }
    expect(titles).toEqual([
      'What is IOM? – IOM Director General 2023 | Election Explainer',
      'Qu&#39;est-ce que l&#39;OIM\u00a0? – Direction générale de l&#39;OIM 2023 | Election Explainer',
      '¿Qué es la OIM? – Director General de la OIM, 2023 | Election Explainer',
    ]);
  });

  it('two stories of one agency on one day are cited apart, with the same number on every page', async () => {
    const cited = (html: string): string[] =>
      [...html.matchAll(/<small class="cite">(.*?)<\/small>/g)].map((m) =>
        m[1]!.replace(/<[^>]+>/g, ''),
      );
    const results = await request(shipped.app).get('/fr/iom-dg-2023/results').expect(200);
    expect(cited(results.text)).toContain(
      'Sources\u00a0: AP, AFP, 15 mai 2023 (1), AFP, 15 mai 2023 (2)',
    );
    const overview = await request(shipped.app).get('/iom-dg-2023/timeline').expect(200);
    expect(cited(overview.text)).toContain('Sources: AP, AFP');
  });
});
