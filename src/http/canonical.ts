// Where a non-canonical path belongs: the lower-case form, the other trailing-slash form, or
// the page an alias names, in the language the path's prefix asks for (`/fr` → `/fr/`,
// `/FR/x/` → `/fr/x/`, `/fr/<alias>` → `/fr/<page>`; `/en/…` → the unprefixed English page),
// and the same without empty or dot segments (`//x//y`, `/x/./y`, `/x/z/../y` → `/x/y`).
// Targets come only from the route table, so never off-site.
import type { Content } from '../content/model.js';
import { isLang, LANGS } from '../i18n/lang.js';
import { inLanguage } from '../urls.js';
import { languageOf } from './languages.js';

/** An empty segment (`//`) or a dot segment (`/./`, `/../`, `/.` or `/..` at the end). */
const ODD_SEGMENT = /\/\/|\/\.\.?(?:\/|$)/;

/**
 * A path without empty segments and with its dot segments resolved (RFC 3986 §5.2.4):
 * `//a//b/` → `/a/b/`, `/a/./b/../c` → `/a/c`; `..` never climbs above the root.
 */
function withoutOddSegments(path: string): string {
  if (!ODD_SEGMENT.test(path)) return path;
  const kept: string[] = [];
  const segments = path.split('/').slice(1);
  for (const segment of segments) {
    if (segment === '..') kept.pop();
    else if (segment !== '' && segment !== '.') kept.push(segment);
  }
  const last = segments.at(-1);
  const folder = last === '' || last === '.' || last === '..';
  return kept.length === 0 ? '/' : `/${kept.join('/')}${folder ? '/' : ''}`;
}

function toggleSlash(path: string): string {
  if (path === '/') return path;
  return path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
}

function unprefixedRedirect(path: string, content: Content): string | undefined {
  const lower = path.toLowerCase();
  for (const form of [lower, toggleSlash(lower)]) {
    if (form !== path && content.routes.has(form)) return form;
  }
  for (const form of [lower, toggleSlash(lower)]) {
    const target = content.aliases.get(form);
    if (target !== undefined) return target;
  }
  return undefined;
}

export function canonicalRedirect(path: string, content: Content): string | undefined {
  const tidy = withoutOddSegments(path);
  const redirect = redirectOf(tidy, content);
  if (tidy === path || redirect !== undefined) return redirect;
  // The tidy path may be canonical itself: a page of its language's edition.
  const { lang, path: rest } = languageOf(tidy);
  return content.editions[lang].routes.has(rest) ? tidy : undefined;
}

function redirectOf(path: string, content: Content): string | undefined {
  const prefixed = /^\/([a-z]{2})(\/.*)?$/i.exec(path);
  const lang = prefixed?.[1]!.toLowerCase();
  if (prefixed && isLang(lang)) {
    const rest = prefixed[2] ?? '/';
    const target = content.routes.has(rest) ? rest : unprefixedRedirect(rest, content);
    if (target === undefined) return undefined;
    const located = inLanguage(lang, target);
    return located === path ? undefined : located;
  }
  return unprefixedRedirect(path, content);
}

/**
 * The redirects a reader meets by following the site's own links and addresses, by source
 * path, for each content version: each page's other trailing-slash form (`/iom-dg-2023` for
 * `/iom-dg-2023/`), each alias in both forms, each in every language. The serving thread
 * answers them itself: through the rendering thread they waited with made-up addresses, and a
 * flood of those answered them 503. A finite set made from the content, never from requests.
 */
const known = new WeakMap<Content, ReadonlyMap<string, string>>();
export function knownRedirects(content: Content): ReadonlyMap<string, string> {
  let redirects = known.get(content);
  if (!redirects) {
    const map = new Map<string, string>();
    const paths = [...content.routes.keys(), ...content.aliases.keys()];
    for (const lang of LANGS)
      for (const source of paths.flatMap((path) => {
        const located = inLanguage(lang, path);
        return [located, toggleSlash(located)];
      })) {
        const target = canonicalRedirect(source, content);
        // Addresses as they are on the wire: a location the route table spells otherwise is
        // left to the rendering thread, which encodes it.
        if (target !== undefined && /^[\x21-\x7e]+$/.test(target)) map.set(source, target);
      }
    redirects = map;
    known.set(content, redirects);
  }
  return redirects;
}

/** A redirect's body: the same whichever thread answers it, whatever the client accepts. */
export const redirectBody = (location: string): Buffer =>
  Buffer.from(`Moved Permanently. Redirecting to ${location}`);

/** A redirect's own headers (the request's and the security headers come first). */
export const redirectHeaders = (location: string, body: Buffer): Record<string, string> => ({
  location,
  'content-type': 'text/plain; charset=utf-8',
  'content-length': String(body.length),
});
