// Renaming a candidate or an article: the file (and its translations) moves, every reference
// in the content follows (ids in YAML, links in Markdown and in YAML text, `related` lists), and
// the old URL is kept as an alias, so links from outside answer with a 301.
import { readdir, readFile, rename as move, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { isLanguagePrefix, ROUTE_WORDS, urls } from '../urls.js';
import { classify } from './load.js';
import { normalizeAlias, owned } from './routes.js';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from './schemas.js';

/** YAML keys whose values (or list items) name a candidate by slug. */
const CANDIDATE_KEYS = new Set(['candidate', 'winner', 'candidates', 'related']);

export interface RenamePlan {
  kind: 'candidate' | 'article';
  election: string;
  from: string;
  to: string;
  /** Paths relative to the content folder. */
  oldFile: string;
  newFile: string;
  oldUrl: string;
  newUrl: string;
}

export interface RenameResult {
  plan: RenamePlan;
  moved: string[];
  /** Files rewritten, with how many references each. */
  rewritten: Map<string, number>;
}

/** A rename that failed after changing files: its message says what was changed. */
export class RenameIncomplete extends Error {}

/** An error's reason without the path Node puts in it ("ENOSPC: no space left on device"). */
function reason(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.replace(/, \w+ '.*$/s, '');
}

/**
 * Moves back what `done` moved, last first. Returns the error to throw: the failure alone
 * when everything is back in place (nothing changed), else what is left moved.
 */
async function undoMoves(
  abs: (file: string) => string,
  done: readonly { from: string; to: string }[],
  failure: string,
): Promise<Error> {
  const stuck: string[] = [];
  for (const { from, to } of [...done].reverse()) {
    try {
      await move(abs(to), abs(from));
    } catch {
      stuck.push(`${from} → ${to}`);
    }
  }
  if (stuck.length === 0) return new Error(failure);
  return new RenameIncomplete(
    `${failure} These files were moved and could not be moved back: ${stuck.reverse().join(', ')}. Move them back by hand; nothing else was changed.`,
  );
}

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

async function contentFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(md|ya?ml)$/.test(e.name))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((file) => !file.split('/').some((part) => part.startsWith('.')));
}

/** Works out what a rename does, or says why it cannot be done. */
export function planRename(oldFile: string, newSlug: string): RenamePlan {
  const kind = classify(oldFile);
  if (!kind || (kind.kind !== 'candidate' && kind.kind !== 'article')) {
    throw new Error(
      `${oldFile} is not a candidate or article file: give a path like elections/<election>/candidates/<candidate>.md.`,
    );
  }
  if (!SLUG_PATTERN.test(newSlug)) {
    throw new Error(
      `"${newSlug}" cannot be used in a URL: use lowercase letters, digits and single hyphens, like "jane-doe".`,
    );
  }
  if (newSlug.length > SLUG_MAX_LENGTH) {
    throw new Error(
      `The new name is ${newSlug.length} characters long: a name in an address is at most ${SLUG_MAX_LENGTH} characters.`,
    );
  }
  if (kind.kind === 'article' && (ROUTE_WORDS.has(newSlug) || isLanguagePrefix(newSlug))) {
    throw new Error(`"${newSlug}" is kept for the site's own pages: choose another name for the article.`);
  }
  const folder = path.posix.dirname(oldFile);
  const url =
    kind.kind === 'candidate'
      ? (slug: string) => urls.candidate(kind.election, slug)
      : (slug: string) => urls.article(kind.election, slug);
  return {
    kind: kind.kind,
    election: kind.election,
    from: kind.slug,
    to: newSlug,
    oldFile,
    newFile: `${folder}/${newSlug}.md`,
    oldUrl: url(kind.slug),
    newUrl: url(newSlug),
  };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Links to the old URL (with or without a language prefix, a fragment or a trailing slash). */
function rewriteLinks(text: string, plan: RenamePlan): [string, number] {
  let count = 0;
  const pattern = new RegExp(`${escape(plan.oldUrl)}(?=$|[/#?)\\]"'\\s>,])`, 'g');
  const out = text.replace(pattern, () => {
    count++;
    return plan.newUrl;
  });
  return [out, count];
}

/** The key of the pair a scalar sits under, directly or as a list item. */
function ownerKey(ancestors: readonly unknown[]): string | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const node = ancestors[i];
    if (isSeq(node)) continue;
    if (isPair(node)) {
      const key = (node).key;
      return isScalar(key) ? String(key.value) : undefined;
    }
    if (isMap(node)) return undefined;
  }
  return undefined;
}

/** Candidate ids in YAML text: values of candidate/winner, items of candidates/related. */
function rewriteIds(yamlText: string, plan: RenamePlan): [string, number] {
  if (plan.kind !== 'candidate') return [yamlText, 0];
  const doc = parseDocument(yamlText);
  const spans: [number, number][] = [];
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key === 'key' || node.value !== plan.from || !node.range) return;
      const owner = ownerKey(ancestors);
      if (owner !== undefined && CANDIDATE_KEYS.has(owner)) spans.push([node.range[0], node.range[1]]);
    },
  });
  let out = yamlText;
  for (const [start, end] of spans.sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, start) + out.slice(start, end).replace(plan.from, plan.to) + out.slice(end);
  }
  return [out, spans.length];
}

/** The YAML part of a content file: the whole of a .yaml file, the frontmatter of a .md. */
function splitYaml(file: string, text: string): { before: string; yaml: string; after: string } {
  if (!file.endsWith('.md')) return { before: '', yaml: text, after: '' };
  // A byte-order mark may come first (Windows editors write one; the loader accepts it).
  const match = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?\r?\n)(---[ \t]*(?:\r?\n|$)[\s\S]*)$/.exec(text);
  if (!match) return { before: '', yaml: '', after: text };
  return { before: match[1]!, yaml: match[2]!, after: match[3]! };
}

/** The `aliases` pair of a file's YAML, parsed, with the text around it. */
function aliasesOf(text: string) {
  const { before, yaml, after } = splitYaml('x.md', text);
  const doc = parseDocument(yaml);
  const pair = isMap(doc.contents)
    ? doc.contents.items.find((item) => isScalar(item.key) && item.key.value === 'aliases')
    : undefined;
  /** The file with the YAML from `start` to `end` replaced by `what`. */
  const splice = (start: number, end: number, what: string): string =>
    `${before}${yaml.slice(0, start)}${what}${yaml.slice(end)}${after}`;
  return { yaml, pair, splice };
}

const rangeOf = (node: unknown): [number, number, number] | undefined =>
  (node as { range?: [number, number, number] } | null)?.range;

/** Where the line holding `at` begins, and where the line holding `end - 1` ends (past its newline). */
function wholeLines(yaml: string, at: number, end: number): [number, number] {
  const eol = yaml.indexOf('\n', Math.max(at, end - 1));
  return [yaml.lastIndexOf('\n', at - 1) + 1, eol === -1 ? yaml.length : eol + 1];
}

/**
 * Takes `alias` out of the file's `aliases`: a page renamed back to an address it had before
 * has it as its own again (left as an alias too, it was a url-conflict, and renaming back
 * failed its own check). The list goes when that address was all it held.
 */
export function removeAlias(text: string, alias: string): string {
  const { yaml, pair, splice } = aliasesOf(text);
  const list = pair?.value;
  const keyAt = rangeOf(pair?.key)?.[0];
  const listRange = rangeOf(list);
  if (keyAt === undefined || !listRange) return text;
  // The address however the file spells it, as routing reads it: any case, a trailing slash.
  const same = (value: unknown): boolean => {
    const normalized = typeof value === 'string' ? normalizeAlias(value) : undefined;
    return normalized !== undefined && owned(normalized) === owned(alias.toLowerCase());
  };
  const matches = (node: unknown): boolean => isScalar(node) && same(node.value);
  if (matches(list) || (isSeq(list) && list.items.length > 0 && list.items.every(matches))) {
    return splice(...wholeLines(yaml, keyAt, listRange[1]), '');
  }
  if (!isSeq(list) || !list.items.some(matches)) return text;
  // Each item that names the address goes, last first; the rest of the list stays as written.
  let out = yaml;
  for (const item of [...list.items].reverse()) {
    const range = rangeOf(item);
    if (!matches(item) || !range) continue;
    if (list.flow) {
      out = withoutFlowItem(out, range[0], range[1]);
      continue;
    }
    const [start, end] = wholeLines(out, range[0], range[1]);
    out = out.slice(0, start) + out.slice(end);
  }
  return splice(0, yaml.length, out);
}

/**
 * `yaml` without the item of a list in brackets at `start`–`end`, and its comma: with its
 * line when it has a line of its own (a comment after it goes too, the others stay where they
 * are); otherwise the comma after it, or before it when it is the last.
 */
function withoutFlowItem(yaml: string, start: number, end: number): string {
  const lineStart = yaml.lastIndexOf('\n', start - 1) + 1;
  const restOfLine = /^[ \t]*,?[ \t]*(?:#[^\r\n]*)?(?:\r?\n|$)/.exec(yaml.slice(end));
  if (restOfLine && /^[ \t]*$/.test(yaml.slice(lineStart, start)))
    return yaml.slice(0, lineStart) + yaml.slice(end + restOfLine[0].length);
  const commaAfter = /^[ \t]*,[ \t]*/.exec(yaml.slice(end));
  if (commaAfter) return yaml.slice(0, start) + yaml.slice(end + commaAfter[0].length);
  const commaBefore = /,[ \t\r\n]*$/.exec(yaml.slice(0, start));
  return yaml.slice(0, commaBefore ? commaBefore.index : start) + yaml.slice(end);
}

/**
 * Adds the old URL to the file's `aliases`, in the form the file already uses, at the places
 * the YAML parser gives: a list in brackets (on one line or several, a comment after it), a
 * list of lines (indented or not), or none yet. Finding them by pattern instead, the rename
 * broke the files it wrote in each of those forms.
 */
export function addAlias(text: string, alias: string): string {
  const { yaml, pair, splice } = aliasesOf(text);
  // A line added ends as the file's lines do.
  const nl = yaml.includes('\r\n') ? '\r\n' : '\n';
  if (!pair) return splice(yaml.length, yaml.length, `aliases: [${alias}]${nl}`);
  const list = pair.value;
  // "aliases:" with nothing after it, or null: the list begins.
  if (list === null || list === undefined || (isScalar(list) && list.value === null)) {
    const colon = yaml.indexOf(':', rangeOf(pair.key)?.[1] ?? 0);
    const eol = yaml.indexOf('\n', colon);
    return splice(colon + 1, eol === -1 ? yaml.length : eol, ` [${alias}]`);
  }
  if (isSeq(list) && list.items.some((item) => isScalar(item) && item.value === alias)) return text;
  if (isSeq(list) && list.flow && list.range) {
    // Before the closing bracket: the list's end, less the bracket.
    const close = yaml.lastIndexOf(']', list.range[1] - 1);
    return splice(close, close, list.items.length === 0 ? alias : `, ${alias}`);
  }
  if (isSeq(list) && list.items.length > 0) {
    const first = rangeOf(list.items[0])?.[0] ?? 0;
    const indent = yaml.slice(yaml.lastIndexOf('\n', first - 1) + 1, yaml.lastIndexOf('-', first - 1));
    // After the line the last item ends on (a comment after it stays on its line).
    const eol = yaml.indexOf('\n', rangeOf(list.items[list.items.length - 1])?.[1] ?? 0);
    return eol === -1
      ? splice(yaml.length, yaml.length, `${nl}${indent}- ${alias}${nl}`)
      : splice(eol + 1, eol + 1, `${indent}- ${alias}${nl}`);
  }
  // A single address, not a list: it becomes a list of both.
  if (isScalar(list) && list.range) {
    const [start, end] = list.range;
    return splice(start, end, `[${yaml.slice(start, end)}, ${alias}]`);
  }
  return text;
}

/**
 * Renames in `contentDir`. Works whether the file is still at its old path or was already
 * moved by hand (then only the references and the alias are done).
 */
export async function renameEntry(contentDir: string, oldFile: string, newSlug: string): Promise<RenameResult> {
  const plan = planRename(oldFile, newSlug);
  const abs = (file: string): string => path.join(contentDir, file);
  const moved: string[] = [];
  const oldThere = await exists(abs(plan.oldFile));
  const newThere = await exists(abs(plan.newFile));
  if (oldThere && newThere) throw new Error(`${plan.newFile} already exists: choose another name.`);
  if (!oldThere && !newThere) throw new Error(`${plan.oldFile} does not exist in ${contentDir}.`);
  // The file and its translations beside it (ana-lima.fr.md …): the translations too when the
  // English file was already moved by hand. Every target is checked before anything moves.
  const folder = path.posix.dirname(plan.oldFile);
  const moves: { from: string; to: string }[] = [];
  for (const name of await readdir(abs(folder))) {
    const match = new RegExp(`^${escape(plan.from)}((?:\\.[a-z]{2})?\\.md)$`).exec(name);
    if (match) moves.push({ from: `${folder}/${name}`, to: `${folder}/${plan.to}${match[1]}` });
  }
  for (const { to } of moves) {
    if (await exists(abs(to))) throw new Error(`${to} already exists: choose another name.`);
  }
  const done: { from: string; to: string }[] = [];
  for (const step of moves) {
    try {
      await move(abs(step.from), abs(step.to));
    } catch (cause) {
      throw await undoMoves(abs, done, `Could not move ${step.from} to ${step.to}: ${reason(cause)}.`);
    }
    done.push(step);
    moved.push(`${step.from} → ${step.to}`);
  }

  const rewritten = new Map<string, number>();
  const written: string[] = [];
  try {
    for (const file of await contentFiles(contentDir)) {
      const text = await readFile(abs(file), 'utf8');
      let [out, count] = rewriteLinks(text, plan);
      if (file.startsWith(`elections/${plan.election}/`)) {
        const parts = splitYaml(file, out);
        const [yaml, ids] = rewriteIds(parts.yaml, plan);
        out = `${parts.before}${yaml}${parts.after}`;
        count += ids;
      }
      if (file === plan.newFile) out = addAlias(removeAlias(out, plan.newUrl), plan.oldUrl);
      if (out !== text) {
        await writeFile(abs(file), out);
        written.push(file);
        if (count > 0) rewritten.set(file, count);
      }
    }
  } catch (cause) {
    // Files are already moved and perhaps rewritten: say exactly what was done.
    const changes = [...moved.map((m) => `moved ${m}`), ...written.map((f) => `rewrote ${f}`)];
    throw new RenameIncomplete(
      `The rename stopped halfway: ${reason(cause)}. Already done: ${changes.join('; ') || 'nothing'}. Fix the cause, then run the same command again: it finishes a rename whose file was already moved.`,
    );
  }
  return { plan, moved, rewritten };
}
