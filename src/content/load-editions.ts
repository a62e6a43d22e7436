// The editions stage: the site in every language. Each edition holds its own copies of the
// elections, candidates, articles and pages (same slugs and data), so that a page knows, in
// its language, whether its text is translated, stale or shown in English.
import type { Lang } from '../i18n/lang.js';
import { LANGS } from '../i18n/lang.js';
import type { Edition, Election, Page, Route, TranslationState } from './model.js';

const MISSING: TranslationState = { status: 'missing' };

/** The routes of an edition: the English table, pointing at the edition's own objects. */
export function editionRoutes(
  english: ReadonlyMap<string, Route>,
  elections: readonly Election[],
  pages: readonly Page[],
): Map<string, Route> {
  const election = new Map(elections.map((e) => [e.slug, e]));
  const page = new Map(pages.map((p) => [p.slug, p]));
  const routes = new Map<string, Route>();
  for (const [path, route] of english) {
    if (route.kind === 'home') routes.set(path, route);
    else if (route.kind === 'page') routes.set(path, { kind: 'page', page: page.get(route.page.slug)! });
    else {
      const e = election.get(route.election.slug)!;
      if (route.kind === 'candidate')
        routes.set(path, { kind: 'candidate', election: e, candidate: e.candidates.find((c) => c.slug === route.candidate.slug)! });
      else if (route.kind === 'article')
        routes.set(path, { kind: 'article', election: e, article: e.articles.find((a) => a.slug === route.article.slug)! });
      else routes.set(path, { ...route, election: e });
    }
  }
  return routes;
}

/** An edition with every text in English, marked as not translated yet. */
function untranslated(english: Edition, lang: Lang): Edition {
  const elections = english.elections.map((e) => ({
    ...e,
    translation: MISSING,
    candidates: e.candidates.map((c) => ({ ...c, translation: MISSING })),
    articles: e.articles.map((a) => ({ ...a, translation: MISSING })),
  }));
  const pages = english.pages.map((p) => ({ ...p, translation: MISSING }));
  return { lang, site: english.site, siteTranslation: MISSING, elections, pages, routes: editionRoutes(english.routes, elections, pages) };
}

/** Every language's edition, English first. (Translation files are not read yet: every other edition falls back to English.) */
export function buildEditions(english: Edition): Record<Lang, Edition> {
  return Object.fromEntries(LANGS.map((lang) => [lang, lang === english.lang ? english : untranslated(english, lang)])) as Record<Lang, Edition>;
}
