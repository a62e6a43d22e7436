// What a static export contains: every URL of the site and the file it is written to.
import type { Content } from '../src/content/model.js';
import type { ResourceKind } from '../src/content/resources.js';
import { siteResources } from '../src/content/resources.js';
import { DEFAULT_LANG, LANGS } from '../src/i18n/lang.js';
import type { Lang } from '../src/i18n/lang.js';
import { inLanguage } from '../src/urls.js';

export type ExportKind = 'page' | ResourceKind;

/**
 * The file a URL path is written to: pages as `path/index.html`, API responses as
 * `path.json` (an API path can also be the folder of longer ones), other files as named.
 */
export function fileFor(urlPath: string, kind: ExportKind): string {
  if (kind === 'api') return `${urlPath.slice(1)}.json`;
  if (kind === 'file') return urlPath.slice(1);
  const trimmed = urlPath.replace(/^\/|\/$/g, '');
  return trimmed === '' ? 'index.html' : `${trimmed}/index.html`;
}

/**
 * A page whose canonical URL has no trailing slash is also written as `path.html`, which
 * ordinary web servers (and the nginx config written with the export) answer at `/path`
 * with 200, where `path/index.html` alone would make them redirect to `/path/`.
 */
export function canonicalFileFor(urlPath: string): string | undefined {
  return urlPath.endsWith('/') ? undefined : `${urlPath.slice(1)}.html`;
}

/** Every URL to export, with its kind: every page in every language. Assets are copied from public/ as they are. */
export function exportPlan(content: Content): { url: string; kind: ExportKind; file: string }[] {
  const entries: [string, ExportKind][] = [
    ...LANGS.flatMap((lang) =>
      [...content.routes.keys()].map((url): [string, ExportKind] => [
        inLanguage(lang, url),
        'page',
      ]),
    ),
    ...siteResources(content),
  ];
  return entries.flatMap(([url, kind]) => {
    const canonical = kind === 'page' ? canonicalFileFor(url) : undefined;
    const entry = { url, kind, file: fileFor(url, kind) };
    return canonical ? [entry, { url, kind, file: canonical }] : [entry];
  });
}

/** Each language's 404 page: `404.html` for English, `fr/404.html` for French… */
export const notFoundFile = (lang: Lang): string =>
  lang === DEFAULT_LANG ? '404.html' : `${lang}/404.html`;

/** The aliases of every language: `/fr/old` → `/fr/new` as `/old` → `/new`. */
export function exportRedirects(content: Content): [string, string][] {
  return LANGS.flatMap((lang) =>
    [...content.aliases].map(([from, to]): [string, string] => [
      inLanguage(lang, from),
      inLanguage(lang, to),
    ]),
  );
}
