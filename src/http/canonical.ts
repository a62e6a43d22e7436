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

/** A language's root without its slash (`/fr`), which redirects to the root (`/fr/`). */
const LANGUAGE_ROOTS = new Set(LANGS.map((lang) => inLanguage(lang, '/').slice(0, -1)));
/** A Location as it goes on the wire: anything else is left to the rendering thread, which encodes it. */
const ON_THE_WIRE = /^[\x21-\x7e]+$/;

/**
 * Where a redirect the site's own links and addresses lead to goes: each page's other
 * trailing-slash form (`/e` for an election's `/e/`), each alias in both forms, in every
 * language, a language's root without its slash. Undefined for any other path (another
 * spelling, a query), even one that redirects. The serving thread answers these itself:
 * through the rendering thread they waited with made-up addresses, and a flood of those
 * answered them 503. Looked up, not listed: a list made per content version took 0.16 s of
 * the serving thread on a site of 5,000 articles.
 */
export function knownRedirect(path: string, content: Content): string | undefined {
  const { path: rest } = languageOf(path);
  const other = toggleSlash(rest);
  const known =
    content.routes.has(rest) ||
    content.aliases.has(rest) ||
    content.routes.has(other) ||
    content.aliases.has(other) ||
    LANGUAGE_ROOTS.has(path);
  if (!known) return undefined;
  const target = canonicalRedirect(path, content);
  return target !== undefined && ON_THE_WIRE.test(target) ? target : undefined;
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
