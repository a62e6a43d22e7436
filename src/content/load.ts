// Loads a content folder: files → parse → validate → cross-check → render → Content.
// Either a complete, frozen Content or the list of every problem; never half a site.
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { RenderedMarkdown } from '../markdown/render.js';
import { blockNesting, escapeMarkdown, renderMarkdown } from '../markdown/render.js';
import { isLanguagePrefix, ROUTE_WORDS, urls } from '../urls.js';
import { compareDates, formatDate } from './dates.js';
import type { Article, Candidate, Content, Election, LoadResult, Page } from './model.js';
import type { Place, Problem } from './problems.js';
import { fieldPathOf, isError, problem, sortProblems } from './problems.js';
import { fieldInWords } from './field-words.js';
import type { ElectionRefs, LinkTarget, RecordedVotes } from './references.js';
import {
  checkElectionFigures,
  checkElectionRefs,
  checkEntryRefs,
  checkLinks,
  checkMisspeltNames,
  asRecord,
  definedSourceDates,
  definedSourceIds,
} from './references.js';
import type { NamedEntry, RecordedNames } from './renames.js';
import { collapseRenames } from './renames.js';
import { deepFreeze } from './freeze.js';
import { buildRoutes } from './routes.js';
import { generatedSections } from './sections.js';
import * as schemas from './schemas.js';
import type { Source } from './schemas.js';
import type { SourceFile } from './source-file.js';
import { bodyPlace, codeFrame, decodeText, locate, NESTING_LIMIT, parseSourceFile } from './source-file.js';
import { closest } from './suggest.js';
import { validateFile } from './validate.js';

export interface LoadOptions {
  /** Serve articles marked `draft: true` (for editors previewing). */
  includeDrafts?: boolean;
  /** The votes being served before this load (on reload), to point at the figure an edit changed. */
  previousVotes?: RecordedVotes;
  /** The names and titles being served before this load (on reload), to recognise a rename. */
  previousNames?: RecordedNames;
  /**
   * Told the file the load is working on as it moves from one to the next ("." for work on
   * the folder as a whole), so that a load that runs too long can say where it stopped.
   */
  onFile?: (file: string) => void;
}

/** The most a content file may hold: the longest real article is a few dozen kilobytes. */
export const FILE_SIZE_LIMIT = 1024 * 1024;

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

type FileKind =
  | { kind: 'site' }
  | { kind: 'page'; slug: string }
  | { kind: 'election'; election: string }
  | { kind: 'candidate'; election: string; slug: string }
  | { kind: 'article'; election: string; slug: string };

const LAYOUT =
  'site.yaml, pages/<page>.md, elections/<election>/election.yaml, ' +
  'elections/<election>/candidates/<candidate>.md and elections/<election>/articles/<article>.md';

/** What a file is, from where it sits; undefined for files outside the format. */
export function classify(file: string): FileKind | undefined {
  const parts = file.split('/');
  const [a, b, c, d] = parts;
  if (parts.length === 1 && a === 'site.yaml') return { kind: 'site' };
  if (parts.length === 2 && a === 'pages' && b?.endsWith('.md')) return { kind: 'page', slug: b.slice(0, -3) };
  if (a !== 'elections' || b === undefined) return undefined;
  if (parts.length === 3 && c === 'election.yaml') return { kind: 'election', election: b };
  if (parts.length === 4 && d?.endsWith('.md')) {
    if (c === 'candidates') return { kind: 'candidate', election: b, slug: d.slice(0, -3) };
    if (c === 'articles') return { kind: 'article', election: b, slug: d.slice(0, -3) };
  }
  return undefined;
}

const isIgnored = (file: string): boolean =>
  file.split('/').some((part) => part.startsWith('.')) || /(^|\/)README\.md$/i.test(file);

const reasonOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

interface Listing {
  files: string[];
  problems: Problem[];
}

/**
 * Every file in the folder, relative to it. Links are followed only while they stay inside the
 * content folder, to files and folders alike (each folder once); a link that leaves it is a
 * problem naming both ends, and nothing behind it is read.
 */
async function listFiles(dir: string): Promise<Listing> {
  const root = await realpath(dir);
  const inside = (target: string): boolean => target === root || target.startsWith(`${root}${path.sep}`);
  const files: string[] = [];
  const problems: Problem[] = [];
  const walked = new Set<string>();
  async function walk(real: string, rel: string): Promise<void> {
    if (walked.has(real)) return;
    walked.add(real);
    let entries;
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch (cause) {
      problems.push(problem('file-unreadable', whole(rel === '' ? '.' : rel), reasonOf(cause)));
      return;
    }
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (isIgnored(child)) continue;
      const childReal = path.join(real, entry.name);
      if (entry.isDirectory()) await walk(childReal, child);
      else if (entry.isFile()) files.push(child);
      else if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(childReal);
        } catch {
          // A link that leads nowhere is reported as unreadable when read.
          files.push(child);
          continue;
        }
        const isFolder = await stat(target).then((s) => s.isDirectory(), () => false);
        if (!inside(target)) problems.push(problem('link-outside', whole(child), isFolder ? 'folder' : 'file', target));
        else if (isFolder) await walk(target, child);
        else files.push(child);
      }
    }
  }
  await walk(root, '');
  return { files: files.sort(), problems };
}

async function readContentFile(file: string, full: string, problems: Problem[]): Promise<string | undefined> {
  try {
    const size = (await stat(full)).size;
    if (size > FILE_SIZE_LIMIT) {
      problems.push(problem('file-too-large', whole(file), megabytes(size), megabytes(FILE_SIZE_LIMIT)));
      return undefined;
    }
    return decodeText(file, await readFile(full), problems);
  } catch (cause) {
    problems.push(problem('file-unreadable', whole(file), reasonOf(cause)));
    return undefined;
  }
}

/** The addresses of images on other sites in rendered HTML. */
function externalImages(html: string): string[] {
  const found = [...html.matchAll(/<img\b[^>]*?\ssrc="((?:https?:)?\/\/[^"]*)"/gi)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  return [...new Set(found)];
}

/** A source as the text of its footnote: publisher, linked title, date, where it was read. */
export function formatCitation(source: Source): string {
  const parts = [`${escapeMarkdown(source.publisher)}, [${escapeMarkdown(source.title)}](${source.url})`];
  if (source.date !== undefined) parts.push(formatDate(source.date));
  if (source.via !== undefined) parts.push(`read on ${escapeMarkdown(source.via)}`);
  return `${parts.join(', ')}.`;
}

function checkSlug(slug: string, place: Place, topLevel: boolean, problems: Problem[]): void {
  if (!schemas.SLUG_PATTERN.test(slug)) {
    problems.push(problem('slug-invalid', place, slug));
  } else if (topLevel && ROUTE_WORDS.has(slug)) {
    problems.push(problem('slug-reserved', place, slug, 'the site uses it for its own pages'));
  } else if (topLevel && isLanguagePrefix(slug)) {
    problems.push(problem('slug-reserved', place, slug, 'two-letter names are kept for languages, like /fr/'));
  }
}

interface Entry<T> {
  source: SourceFile;
  /** The validated data; undefined when the file has problems. */
  data: T | undefined;
}

const stringField = (source: SourceFile, key: string): string | undefined => {
  const value = asRecord(source.yaml?.data)?.[key];
  return typeof value === 'string' ? value : undefined;
};
const whole = (file: string): Place => ({ file, line: 0, column: 0, field: '' });
const slugOf = (file: string): string => path.posix.basename(file).replace(/\.md$/, '');

/** Loads and checks every file in `contentDir`. Never throws for bad content: returns problems. */
export async function loadContent(contentDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  // Whatever a file holds, the outcome is a list of problems naming it, never an exception.
  let current = '.';
  const onFile = (file: string): void => {
    current = file;
    options.onFile?.(file);
  };
  try {
    return await load(contentDir, options, onFile);
  } catch (cause) {
    const reason = reasonOf(cause);
    return { ok: false, problems: [problem('load-failed', whole(current), reason.endsWith('.') ? reason : `${reason}.`)] };
  }
}

async function load(contentDir: string, options: LoadOptions, onFile: (file: string) => void): Promise<LoadResult> {
  onFile('.');
  const problems: Problem[] = [];
  let files: string[];
  try {
    const listing = await listFiles(contentDir);
    files = listing.files;
    problems.push(...listing.problems);
  } catch (cause) {
    return { ok: false, problems: [problem('file-unreadable', whole('.'), reasonOf(cause))] };
  }

  // Read and parse every file of the format; anything else is reported and ignored.
  const texts = new Map<string, string>();
  await Promise.all(
    files.map(async (file) => {
      if (!classify(file)) return;
      const text = await readContentFile(file, path.join(contentDir, file), problems);
      if (text !== undefined) texts.set(file, text);
    }),
  );
  const sources = new Map<string, SourceFile>();
  for (const file of files) {
    const kind = classify(file);
    if (!kind) problems.push(problem('file-unexpected', whole(file), LAYOUT));
    const text = texts.get(file);
    if (kind && text !== undefined) {
      onFile(file);
      sources.set(file, parseSourceFile(file, text, problems));
    }
  }

  // Validate each file against its schema, and check the names of files and folders.
  function entry<S extends z.ZodType>(schema: S, source: SourceFile): Entry<z.output<S>> {
    onFile(source.file);
    const result = validateFile(schema, source, problems);
    return { source, data: result.ok ? result.value : undefined };
  }
  let site: Entry<schemas.SiteData> | undefined;
  const pageEntries: Entry<schemas.PageData>[] = [];
  const folders = new Map<
    string,
    { election?: Entry<schemas.ElectionData>; candidates: Entry<schemas.CandidateData>[]; articles: Entry<schemas.ArticleData>[] }
  >();
  const folder = (slug: string) => {
    let found = folders.get(slug);
    if (!found) {
      found = { candidates: [], articles: [] };
      folders.set(slug, found);
      checkSlug(slug, whole(`elections/${slug}`), true, problems);
    }
    return found;
  };
  for (const [file, source] of sources) {
    const kind = classify(file)!;
    switch (kind.kind) {
      case 'site':
        site = entry(schemas.site, source);
        break;
      case 'page':
        checkSlug(kind.slug, whole(file), true, problems);
        pageEntries.push(entry(schemas.page, source));
        break;
      case 'election':
        folder(kind.election).election = entry(schemas.election, source);
        break;
      case 'candidate':
        checkSlug(kind.slug, whole(file), false, problems);
        folder(kind.election).candidates.push(entry(schemas.candidate, source));
        break;
      case 'article':
        checkSlug(kind.slug, whole(file), true, problems);
        folder(kind.election).articles.push(entry(schemas.article, source));
        break;
    }
  }
  if (!files.includes('site.yaml')) {
    problems.push(problem('file-missing', whole('site.yaml'), 'site.yaml, the site name, publisher and featured election'));
  }
  for (const [slug, f] of folders) {
    const file = `elections/${slug}/election.yaml`;
    if (!f.election) problems.push(problem('file-missing', whole(file), `${file}, the data of this election`));
  }

  // Render every Markdown body once, citations resolved against its election's sources.
  const rendered = new Map<string, RenderedMarkdown>();
  const citeFor = (slug: string) => {
    const list = folders.get(slug)?.election?.data?.sources ?? [];
    const byId = new Map(list.map((s) => [s.id, s]));
    return (id: string): string | undefined => {
      const found = byId.get(id);
      return found ? formatCitation(found) : undefined;
    };
  };
  // Nesting beyond what marked's recursion can take is a problem, not a crash; whatever else
  // fails in a rendering is a problem naming the file too.
  const render = (source: SourceFile, markdown: string, cite?: (id: string) => string | undefined, offset = 0): void => {
    onFile(source.file);
    const deep = blockNesting(markdown, NESTING_LIMIT);
    const line = (index: number): number => (source.body === undefined ? locate(source, ['overview']).line : source.bodyLine + index);
    if (deep) {
      problems.push(problem('nesting-too-deep', { file: source.file, line: line(deep.line), column: 1, field: '' }, 'text', deep.depth, NESTING_LIMIT));
      markdown = '';
    }
    try {
      rendered.set(source.file, renderMarkdown(markdown, cite, offset));
    } catch (cause) {
      const reason = reasonOf(cause).split('\n')[0]!;
      problems.push(problem('load-failed', whole(source.file), reason.endsWith('.') ? reason : `${reason}.`));
      rendered.set(source.file, renderMarkdown('', cite, offset));
    }
  };
  for (const [slug, f] of folders) {
    const cite = citeFor(slug);
    // A biography sits under the profile's "Biography" heading: its sections are one level down.
    for (const e of f.candidates) render(e.source, e.source.body ?? '', cite, 1);
    for (const e of f.articles) render(e.source, e.source.body ?? '', cite);
    const overview = f.election?.data?.overview;
    if (f.election && overview !== undefined) render(f.election.source, overview, cite);
  }
  for (const e of pageEntries) render(e.source, e.source.body ?? '');

  // Images from other sites pass the sanitizer, but the security policy would block them.
  for (const [file, body] of rendered) {
    const source = sources.get(file)!;
    for (const src of externalImages(body.html)) {
      const index = source.body?.indexOf(src) ?? -1;
      const place = index === -1 ? locate(source, source.body === undefined ? ['overview'] : []) : bodyPlace(source, index);
      problems.push(problem('image-external', { ...place, field: '' }, src));
    }
  }

  // References, checked on every file as parsed, so that they are all reported at once.
  onFile('.');
  const isDraft = (e: Entry<schemas.ArticleData>): boolean =>
    options.includeDrafts !== true && (e.data?.draft ?? asRecord(e.source.yaml?.data)?.draft === true);
  for (const f of folders.values()) {
    const refs: ElectionRefs = {
      candidates: f.candidates.map((c) => slugOf(c.source.file)),
      sources: f.election ? definedSourceIds(f.election.source.yaml?.data) : undefined,
      sourceDates: f.election ? definedSourceDates(f.election.source.yaml?.data) : undefined,
    };
    if (f.election) problems.push(...checkElectionRefs(f.election.source.yaml?.data, f.election.source, refs));
    if (f.election?.data) {
      const slug = f.election.source.file.split('/')[1]!;
      const previous = options.previousVotes && { slug, votes: options.previousVotes };
      problems.push(...checkElectionFigures(f.election.data, f.election.source, previous));
    }
    for (const e of [...f.candidates, ...f.articles]) {
      problems.push(...checkEntryRefs(e.source, refs, rendered.get(e.source.file)?.footnoteRefs ?? []));
    }
  }
  if (site?.data && !folders.has(site.data.featured)) {
    const known = [...folders.keys()];
    problems.push(problem('unknown-election', locate(site.source, ['featured']), site.data.featured, known, closest(site.data.featured, known)));
  }

  // Links: every page the files describe is a target, valid or not, so that one broken
  // file does not make every link to it look broken too.
  const targets = new Map<string, LinkTarget | undefined>([[urls.home(), undefined]]);
  const ownPath = new Map<string, string>();
  const addTarget = (file: string, url: string): void => {
    ownPath.set(file, url);
    // The first owner keeps a URL (the election's own pages come first): an article named
    // "results" is reported as reserved, and must not hide the sections of the real results page.
    if (targets.has(url)) return;
    const body = rendered.get(file);
    targets.set(url, { ids: new Set(body?.anchors ?? []), sections: body?.headings.map((h) => h.id) ?? [] });
  };
  for (const [slug, f] of folders) {
    targets.set(urls.election(slug), undefined);
    if (f.election) ownPath.set(f.election.source.file, urls.election(slug));
    targets.set(urls.compare(slug), undefined);
    const generated = f.election?.data ? generatedSections(f.election.data) : undefined;
    const sectionsOf = (ids: string[] | undefined) => (ids ? { ids: new Set(ids), sections: ids } : undefined);
    // Until an election is decided its results page gains a section with each round reported,
    // so a link written ahead of a round (`results#round-2`) is not checked yet.
    const settled = f.election?.data?.status === 'decided';
    targets.set(urls.results(slug), settled ? sectionsOf(generated?.results) : undefined);
    targets.set(urls.timeline(slug), sectionsOf(generated?.timeline));
    const sourceIds = f.election?.data?.sources.map((s) => `source-${s.id}`);
    targets.set(urls.sources(slug), sourceIds ? { ids: new Set(sourceIds), sections: sourceIds } : undefined);
  }
  for (const [slug, f] of folders) {
    for (const c of f.candidates) addTarget(c.source.file, urls.candidate(slug, slugOf(c.source.file)));
    for (const a of f.articles) {
      const url = urls.article(slug, slugOf(a.source.file));
      addTarget(a.source.file, url);
      // A link to a draft is its own problem: the page exists, but is not published.
      if (a.data?.draft ?? asRecord(a.source.yaml?.data)?.draft === true) targets.set(url, { ...targets.get(url)!, draft: a.source.file });
    }
  }
  for (const e of pageEntries) addTarget(e.source.file, urls.page(slugOf(e.source.file)));

  // Assemble what is valid into elections, candidates, articles and pages.
  const elections: Election[] = [];
  for (const [slug, f] of folders) {
    const data = f.election?.data;
    if (!data || !f.election) continue;
    const candidates: Candidate[] = f.candidates.flatMap(({ source, data: c }) =>
      c ? [{ ...c, slug: slugOf(source.file), file: source.file, election: slug, url: urls.candidate(slug, slugOf(source.file)), biography: rendered.get(source.file)! }] : [],
    );
    candidates.sort((a, b) => a.sortName.localeCompare(b.sortName, 'en') || a.slug.localeCompare(b.slug));
    const articles: Article[] = f.articles.flatMap((e) =>
      e.data && !isDraft(e)
        ? [{ ...e.data, slug: slugOf(e.source.file), file: e.source.file, election: slug, url: urls.article(slug, slugOf(e.source.file)), body: rendered.get(e.source.file)! }]
        : [],
    );
    articles.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title, 'en'));
    elections.push({
      ...data,
      slug,
      file: f.election.source.file,
      url: urls.election(slug),
      overviewHtml: rendered.get(f.election.source.file),
      candidates,
      articles,
      sourcesById: new Map(data.sources.map((s) => [s.id, s])),
    });
  }
  const pages: Page[] = pageEntries.flatMap(({ source, data }) =>
    data ? [{ ...data, slug: slugOf(source.file), file: source.file, url: urls.page(slugOf(source.file)), body: rendered.get(source.file)! }] : [],
  );
  pages.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title, 'en'));

  const table = buildRoutes(elections, pages, sources);
  problems.push(...table.problems);
  for (const [file, rendering] of rendered) {
    const source = sources.get(file)!;
    onFile(file);
    problems.push(...checkLinks(source, ownPath.get(file) ?? '', rendering.links, targets, table.aliases, options.includeDrafts === true));
  }
  const names = [...folders.values()].flatMap((f) =>
    f.candidates.map((c) => {
      const raw = asRecord(c.source.yaml?.data);
      return [raw?.name, raw?.fullName].filter((v) => typeof v === 'string').join(' ');
    }),
  );
  onFile('.');
  problems.push(...checkMisspeltNames([...sources.values()], names));

  // Two articles with one title in an election: readers cannot tell them apart in lists.
  for (const f of folders.values()) {
    const byTitle = new Map<string, string>();
    for (const a of f.articles) {
      const title = stringField(a.source, 'title');
      if (title === undefined) continue;
      const key = title.trim().toLowerCase();
      const first = byTitle.get(key);
      if (first === undefined) byTitle.set(key, a.source.file);
      else problems.push(problem('duplicate-title', locate(a.source, ['title']), title, first));
    }
  }

  // A file renamed by hand breaks every reference to it: said once, with the command that fixes it.
  const named: NamedEntry[] = [...folders].flatMap(([slug, f]) => [
    ...f.candidates.map((c) => ({ election: slug, kind: 'candidate' as const, slug: slugOf(c.source.file), file: c.source.file, name: stringField(c.source, 'name') })),
    ...f.articles.map((a) => ({ election: slug, kind: 'article' as const, slug: slugOf(a.source.file), file: a.source.file, name: stringField(a.source, 'title') })),
  ]);
  problems.splice(0, problems.length, ...collapseRenames(problems, named, options.previousNames));

  // Field paths in words: list items named after what they hold, candidates by their names.
  const candidateNames = new Map(
    named.flatMap((e) => (e.kind === 'candidate' && e.name !== undefined ? [[`${e.election}/${e.slug}`, e.name]] : [])),
  );
  // Each file's lines are split once, however many problems it has.
  const lines = new Map<string, string[]>();
  for (const p of problems) {
    const fieldPath = fieldPathOf(p);
    if (fieldPath !== undefined && fieldPath.length > 0) {
      const election = p.file.split('/')[1] ?? '';
      p.field = fieldInWords(sources.get(p.file)?.yaml?.data, fieldPath, (s) => candidateNames.get(`${election}/${s}`));
    }
    const text = sources.get(p.file)?.text;
    if (text === undefined) continue;
    let split = lines.get(p.file);
    if (!split) lines.set(p.file, (split = text.split('\n')));
    const frame = codeFrame(split, p.line);
    if (frame) p.frame = frame;
  }
  const sorted = sortProblems(problems);
  if (sorted.some(isError) || !site?.data) return { ok: false, problems: sorted };

  const featured = site.data.featured;
  elections.sort(
    (a, b) => Number(b.slug === featured) - Number(a.slug === featured) || compareDates(b.dates.vote, a.dates.vote),
  );
  const hash = createHash('sha256');
  for (const file of [...texts.keys()].sort()) hash.update(file).update('\0').update(texts.get(file)!).update('\0');
  const content: Content = {
    site: site.data,
    elections,
    pages,
    routes: table.routes,
    aliases: table.aliases,
    version: hash.digest('hex').slice(0, 12),
    loadedAt: new Date().toISOString(),
    warnings: sorted,
  };
  // A deep copy lets go of the files' text: strings cut from a larger string (a title from a
  // YAML file, a link from a Markdown body) keep the whole of it alive otherwise. On a large
  // site that is a third of the memory held.
  return { ok: true, content: deepFreeze(structuredClone(content)) };
}
