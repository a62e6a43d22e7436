// The site's URL table, built from content: every canonical path, every alias, and the
// section ids each page offers to links. Two things claiming one URL is a problem naming both.
import { isLanguagePrefix, ROUTE_WORDS, urls } from '../urls.js';
import type { Election, Page, Route } from './model.js';
import type { Place, Problem } from './problems.js';
import { problem } from './problems.js';
import type { SourceFile } from './source-file.js';
import { locate } from './source-file.js';

export interface RouteTable {
  routes: Map<string, Route>;
  aliases: Map<string, string>;
  /** Link targets within a page, by path; a page not listed accepts no `#fragment` checks. */
  anchors: Map<string, ReadonlySet<string>>;
  problems: Problem[];
}

/** The form of a path that routes are looked up by: lower case, no trailing slash but on `/x/` election roots. */
export function normalizeAlias(alias: string): string | undefined {
  if (!alias.startsWith('/') || alias.startsWith('//') || /[\s\\?#]/.test(alias)) return undefined;
  return alias.toLowerCase();
}

/** One form per URL for ownership: "/x" and "/x/" are one page to a reader (the other redirects). */
/** The path an address names, as routing matches it: a trailing slash is the same page. */
export const owned = (url: string): string => (url.length > 1 && url.endsWith('/') ? url.slice(0, -1) : url);

/** What the site answers at the top level, whatever the content (the other route words name an election's pages). */
const SITE_PATHS: Record<string, string> = {
  api: 'the JSON API',
  assets: "the site's styles and scripts",
  healthz: 'the health check',
  'sitemap.xml': 'the sitemap',
  'feed.xml': 'the feed',
  'robots.txt': 'the rules for crawlers',
  'favicon.ico': 'the site icon',
  share: 'the share images',
  __dev: "the editors' live preview",
};

/** What the site itself answers at a path, whatever the content: an alias there is never reached. */
export function reservedBy(path: string): string | undefined {
  const first = path.split('/')[1] ?? '';
  if (path === '/') return 'the home page';
  if (ROUTE_WORDS.has(first) && SITE_PATHS[first] !== undefined) return SITE_PATHS[first];
  if (isLanguagePrefix(first)) return `the "/${first}/" language prefix`;
  return undefined;
}

export function buildRoutes(
  elections: readonly Election[],
  pages: readonly Page[],
  sources: ReadonlyMap<string, SourceFile>,
): RouteTable {
  const routes = new Map<string, Route>();
  const owners = new Map<string, string>();
  const aliases = new Map<string, string>();
  const anchors = new Map<string, ReadonlySet<string>>();
  const problems: Problem[] = [];

  const claim = (url: string, route: Route, file: string, ids?: Iterable<string>): void => {
    const owner = owners.get(owned(url));
    if (owner !== undefined) {
      problems.push(problem('url-conflict', { file, line: 0, column: 0, field: '' }, url, [owner]));
      return;
    }
    owners.set(owned(url), file);
    routes.set(url, route);
    if (ids) anchors.set(url, new Set(ids));
  };
  const alias = (list: readonly string[], target: string, file: string): void => {
    const source = sources.get(file);
    list.forEach((raw, index) => {
      const place = (): Place =>
        source ? locate(source, ['aliases', index]) : { file, line: 0, column: 0, field: `aliases[${index}]` };
      const normalized = normalizeAlias(raw);
      if (normalized === undefined) {
        problems.push(problem('alias-invalid', place(), raw));
        return;
      }
      const reserved = reservedBy(normalized);
      if (reserved !== undefined) {
        problems.push(problem('alias-reserved', place(), normalized, reserved));
        return;
      }
      const earlier = aliases.get(normalized) ?? aliases.get(`${owned(normalized)}/`) ?? aliases.get(owned(normalized));
      const owner = owners.get(owned(normalized)) ?? (earlier !== undefined ? `an alias of ${earlier}` : undefined);
      if (owner !== undefined) {
        problems.push(problem('url-conflict', place(), normalized, [owner]));
        return;
      }
      aliases.set(normalized, target);
    });
  };

  routes.set(urls.home(), { kind: 'home' });
  owners.set(urls.home(), 'the home page');
  for (const election of elections) {
    const file = election.file;
    claim(election.url, { kind: 'election', election }, file);
    claim(urls.compare(election.slug), { kind: 'compare', election }, file);
    claim(urls.results(election.slug), { kind: 'results', election }, file);
    claim(urls.timeline(election.slug), { kind: 'timeline', election }, file);
    claim(
      urls.sources(election.slug),
      { kind: 'sources', election },
      file,
      election.sources.map((s) => `source-${s.id}`),
    );
    for (const candidate of election.candidates) {
      claim(candidate.url, { kind: 'candidate', election, candidate }, candidate.file, candidate.biography.anchors);
    }
    for (const article of election.articles) {
      claim(article.url, { kind: 'article', election, article }, article.file, article.body.anchors);
    }
  }
  // Pages after elections: a page named like an election is the one reported.
  for (const page of pages) {
    claim(page.url, { kind: 'page', page }, page.file, page.body.anchors);
  }
  // The list of candidates lives on the overview: its own address redirects there.
  for (const election of elections) {
    owners.set(urls.candidates(election.slug), `${election.file} (the candidates' list)`);
    aliases.set(urls.candidates(election.slug), `${election.url}#candidates`);
  }
  // Aliases last, so a conflict with any real page is found whatever the file order.
  for (const page of pages) alias(page.aliases, page.url, page.file);
  for (const election of elections) {
    alias(election.aliases, election.url, election.file);
    for (const c of election.candidates) alias(c.aliases, c.url, c.file);
    for (const a of election.articles) alias(a.aliases, a.url, a.file);
  }
  return { routes, aliases, anchors, problems };
}
