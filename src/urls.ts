// The one place that knows the URL of every page. Views and routes never build URLs by hand.
import type { Lang } from './i18n/lang.js';

/** Words the router owns: never usable as an election, article or page slug. */
export const ROUTE_WORDS: ReadonlySet<string> = new Set([
  'candidates',
  'compare',
  'results',
  'timeline',
  'sources',
  'api',
  'assets',
  'healthz',
  'sitemap.xml',
  'feed.xml',
  'robots.txt',
  'favicon.ico',
  'share',
  '__dev',
]);

/** Two-letter slugs are kept for language prefixes (`/fr/…`). */
export const isLanguagePrefix = (slug: string): boolean => /^[a-z]{2}$/.test(slug);

export const urls = {
  home: (): string => '/',
  page: (page: string): string => `/${page}`,
  election: (election: string): string => `/${election}/`,
  /** Not a page of its own: answered with a 301 to the overview's list of candidates. */
  candidates: (election: string): string => `/${election}/candidates`,
  candidate: (election: string, candidate: string): string =>
    `/${election}/candidates/${candidate}`,
  compare: (election: string): string => `/${election}/compare`,
  results: (election: string): string => `/${election}/results`,
  timeline: (election: string): string => `/${election}/timeline`,
  sources: (election: string): string => `/${election}/sources`,
  article: (election: string, article: string): string => `/${election}/${article}`,
  source: (election: string, source: string): string => `/${election}/sources#source-${source}`,
  /** The live channel's version document (see http/live.ts). */
  live: (election: string): string => `/${election}/live.json`,
  asset: (file: string): string => `/assets/${file}`,
  shareElection: (election: string): string => `/share/${election}.png`,
  shareCandidate: (election: string, candidate: string): string =>
    `/share/${election}/${candidate}.png`,
  robots: (): string => '/robots.txt',
  healthz: (): string => '/healthz',
  sitemap: (): string => '/sitemap.xml',
  feed: (): string => '/feed.xml',
  apiElections: (): string => '/api/elections',
  apiElection: (election: string): string => `/api/elections/${election}`,
  apiCandidate: (election: string, candidate: string): string =>
    `/api/elections/${election}/candidates/${candidate}`,
} as const;

/**
 * A path in a language: English is unprefixed, every other language adds its prefix
 * (`/fr/x/results`; the French home is `/fr/`).
 */
export function inLanguage(lang: Lang, path: string): string {
  if (lang === 'en') return path;
  return path === '/' ? `/${lang}/` : `/${lang}${path}`;
}

/** Splits an internal href into its path and fragment; undefined for external links. */
export function internalTarget(href: string): { path: string; hash: string } | undefined {
  if (!href.startsWith('/') || href.startsWith('//')) return undefined;
  const hashAt = href.indexOf('#');
  const withoutHash = hashAt === -1 ? href : href.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : href.slice(hashAt + 1);
  const queryAt = withoutHash.indexOf('?');
  return { path: queryAt === -1 ? withoutHash : withoutHash.slice(0, queryAt), hash };
}
