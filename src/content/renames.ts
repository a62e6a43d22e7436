// A likely rename, said once: when a candidate's or article's file is renamed by hand, every
// reference to the old name breaks (18 for a profile). If a name that vanished matches a file
// with the same name or title, those problems become one, with the command that fixes them all.
import { internalTarget } from '../urls.js';
import type { Problem } from './problems.js';
import { problem } from './problems.js';
import { classify } from './load-read.js';

export interface NamedEntry {
  election: string;
  kind: 'candidate' | 'article';
  slug: string;
  file: string;
  /** The candidate's name or the article's title, as written. */
  name: string | undefined;
}

/** Names and titles as served before this load, keyed `election/kind/slug`. */
export type RecordedNames = Readonly<Record<string, string>>;

export function recordedNames(
  elections: readonly {
    slug: string;
    candidates: readonly { slug: string; name: string }[];
    articles: readonly { slug: string; title: string }[];
  }[],
): RecordedNames {
  const names: Record<string, string> = {};
  for (const e of elections) {
    for (const c of e.candidates) names[`${e.slug}/candidate/${c.slug}`] = c.name;
    for (const a of e.articles) names[`${e.slug}/article/${a.slug}`] = a.title;
  }
  return names;
}

/** "Ana Lima" → "ana-lima". */
export function toSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** What a problem says is missing: a candidate id or a page's URL, with its election. */
function missing(p: Problem): { election: string; kind: NamedEntry['kind']; slug: string } | undefined {
  if (p.code === 'unknown-candidate') {
    const election = /^elections\/([^/]+)\//.exec(p.file)?.[1];
    const slug = p.found?.replace(/^"|"$/g, '');
    return election && slug ? { election, kind: 'candidate', slug } : undefined;
  }
  if (p.code === 'broken-link' && p.found !== undefined) {
    const target = internalTarget(p.found)?.path;
    const parts = target?.split('/').filter(Boolean) ?? [];
    if (parts.length === 3 && parts[1] === 'candidates') return { election: parts[0]!, kind: 'candidate', slug: parts[2]! };
    if (parts.length === 2) return { election: parts[0]!, kind: 'article', slug: parts[1]! };
  }
  return undefined;
}

/** Replaces the problems a rename caused by one problem per rename. */
export function collapseRenames(
  problems: readonly Problem[],
  entries: readonly NamedEntry[],
  previous: RecordedNames | undefined,
): Problem[] {
  const groups = new Map<string, { election: string; kind: NamedEntry['kind']; slug: string; problems: Problem[] }>();
  for (const p of problems) {
    const m = missing(p);
    if (!m) continue;
    const key = `${m.election}/${m.kind}/${m.slug}`;
    const group = groups.get(key) ?? { ...m, problems: [] };
    group.problems.push(p);
    groups.set(key, group);
  }
  const replaced = new Set<Problem>();
  const added: Problem[] = [];
  const oldFiles = new Set<string | undefined>();
  const newFiles = new Set<string>();
  for (const [key, group] of groups) {
    const before = previous?.[key];
    const renamed = entries.filter(
      (e) =>
        e.election === group.election &&
        e.kind === group.kind &&
        e.slug !== group.slug &&
        e.name !== undefined &&
        (previous === undefined || previous[`${e.election}/${e.kind}/${e.slug}`] === undefined) &&
        (toSlug(e.name) === group.slug || before === e.name),
    );
    // References left only in translations are theirs to report: a translation with errors is
    // left out, and must not hold up the English rename as an error of the English file.
    if (renamed.length !== 1 || group.problems.every((p) => classify(p.file)?.kind === 'translation')) continue;
    const entry = renamed[0]!;
    group.problems.forEach((p) => replaced.add(p));
    const files = new Set(group.problems.map((p) => p.file)).size;
    const folder = entry.kind === 'candidate' ? 'candidates' : 'articles';
    const oldFile = `elections/${entry.election}/${folder}/${group.slug}.md`;
    oldFiles.add(oldFile);
    newFiles.add(entry.file);
    added.push(
      problem(
        'likely-rename',
        { file: entry.file, line: 0, column: 0, field: '' },
        entry.kind,
        group.slug,
        entry.slug,
        entry.name!,
        group.problems.length,
        files,
        oldFile,
      ),
    );
  }
  // The translations of a file renamed by hand are left under the old name: the command moves
  // them too, so they are not reported apart (no English file; no translation of the new one).
  for (const p of problems) {
    if (p.code === 'translation-orphan' && oldFiles.has(p.found)) replaced.add(p);
    if (p.code === 'translation-missing' && newFiles.has(p.file.replace(/\.[a-z]{2}\.md$/, '.md'))) replaced.add(p);
  }
  return [...problems.filter((p) => !replaced.has(p)), ...added];
}
