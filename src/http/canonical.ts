// Where a non-canonical path belongs: the lower-case form, the other trailing-slash form, or
// the page an alias names, in the language the path's prefix asks for (`/fr` → `/fr/`,
// `/FR/x/` → `/fr/x/`, `/fr/<alias>` → `/fr/<page>`; `/en/…` → the unprefixed English page).
// Targets come only from the route table, so never off-site.
import type { Content } from '../content/model.js';
import { isLang } from '../i18n/lang.js';
import { inLanguage } from '../urls.js';

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
