// Every page of the shipped content, and of the election on vote day, rendered in French and
// Spanish through the catalogue: no English interface text is left, and dates, ordinals and
// typography are the language's. Pages are fetched over HTTP under /fr/ and /es/.
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/model.js';
import type { RenderContext } from '../../src/http/pages.js';
import { renderErrorPage, renderNotFoundPage, renderRoutePage } from '../../src/http/pages.js';
import type { Lang } from '../../src/i18n/lang.js';
import { inLanguage } from '../../src/urls.js';
import { appForContent, loadOrThrow } from '../support/app.js';
import { contentText, englishPhrases } from '../support/english.js';
import { withoutProse } from '../support/html.js';
import { cleanUp, shippedContent } from '../support/fixtures.js';
import { roundOneReported, shippedCopy, upcoming } from '../support/vote-day.js';

afterAll(cleanUp);

const ctx = (lang: Lang): RenderContext => ({
  dev: false,
  failure: undefined,
  baseUrl: 'https://explainer.example',
  asset: (file) => `/${file}`,
  lang,
});

/** Every page of the content in a language, as a reader's browser gets it over HTTP. */
async function allPages(content: Content, lang: Lang): Promise<Map<string, string>> {
  const { app } = await appForContent(content, shippedContent);
  const pages = new Map<string, string>();
  for (const path of content.routes.keys()) {
    const url = inLanguage(lang, path);
    const res = await request(app).get(url);
    expect([res.status, res.headers['content-language']], url).toEqual([200, lang]);
    pages.set(url, res.text);
  }
  const notFound = await request(app).get(`/${lang}/nowhere`).expect(404);
  pages.set('404', notFound.text);
  const notAllowed = await request(app).post(`/${lang}/`).expect(405);
  pages.set('405', notAllowed.text);
  // No request makes a page fail: the 500 page is rendered as the error handler would.
  pages.set('500', await renderErrorPage(content, 500, 'req-1', ctx(lang)));
  return pages;
}

describe.each(['fr', 'es'] as const)('pages in %s', (lang) => {
  it('leave no English interface phrase on any page, before, during and after the vote', async () => {
    // As the page's HTML writes them.
    const phrases = englishPhrases(lang, await contentText(shippedContent)).map((p) =>
      p.replace(/'/g, '&#39;'),
    );
    const sites = [
      await loadOrThrow(shippedContent),
      await loadOrThrow(await shippedCopy(upcoming)),
      await loadOrThrow(await shippedCopy(roundOneReported)),
    ];
    const left: string[] = [];
    for (const content of sites)
      for (const [path, html] of await allPages(content, lang)) {
        const page = withoutProse(html);
        for (const phrase of phrases) if (page.includes(phrase)) left.push(`${path}: ${phrase}`);
      }
    expect(left).toEqual([]);
  });
});

describe('French and Spanish pages', () => {
  it('write dates, ordinals and votes as the language does', async () => {
    const content = await loadOrThrow(shippedContent);
    const route = content.routes.get('/iom-dg-2023/results')!;
    const fr = await renderRoutePage(content, route, ctx('fr'));
    expect(fr).toContain(
      '<h2 id="round-1">1er tour, <time datetime="2023-05-15">15 mai 2023</time></h2>',
    );
    expect(fr).toContain('Sources\u00a0:');
    const es = await renderRoutePage(content, route, ctx('es'));
    expect(es).toContain(
      '<h2 id="round-1">1.ª ronda, <time datetime="2023-05-15">15 de mayo de 2023</time></h2>',
    );
  });

  it('say the time of a round in the language, with its zone', async () => {
    const content = await loadOrThrow(await shippedCopy(roundOneReported));
    const route = content.routes.get('/iom-dg-2023/results')!;
    const fr = await renderRoutePage(content, route, ctx('fr'));
    expect(fr).toContain('Vote en cours</strong> — résultats du 1er tour publiés à');
    expect(fr).toContain('>13\u00a0h\u00a005 (UTC+2)</time>');
    const es = await renderRoutePage(content, route, ctx('es'));
    expect(es).toContain('>13:05 (CEST)</time>');
  });

  it('word the 404 page in the language, escaping the address', async () => {
    const content = await loadOrThrow(shippedContent);
    const fr = await renderNotFoundPage(content, '/<b>x', 'req-1', ctx('fr'));
    expect(fr).toContain('<title>Page introuvable |');
    expect(fr).toContain('Il n’existe aucune page à l’adresse <code>/&lt;b&gt;x</code>.');
    expect(fr).toContain('Identifiant de la requête\u00a0: <code>req-1</code>');
  });
});
