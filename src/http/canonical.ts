// Where a non-canonical path belongs: the lower-case form, the other trailing-slash form, or
// the page an alias names. Targets come only from the route table, so never off-site.
import type { Content } from '../content/model.js';

function toggleSlash(path: string): string {
  if (path === '/') return path;
  return path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
}

export function canonicalRedirect(path: string, content: Content): string | undefined {
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
