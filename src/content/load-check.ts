// The load's check stage: references across files, checked on every file as parsed so that
// they are all reported at once; then every problem put in words for the editor.
import type { Lang } from '../i18n/lang.js';
import { urls } from '../urls.js';
import { fieldInWords } from './field-words.js';
import type { Model } from './load-assemble.js';
import type { ParsedFiles } from './load-read.js';
import type { RenderedFiles } from './load-render.js';
import type { Found, LoadOptions, Progress } from './load-stage.js';
import { markedDraft, slugOf, stringField } from './load-stage.js';
import type { ValidFiles } from './load-validate.js';
import type { Problem } from './problems.js';
import { fieldPathOf, problem, sortProblems } from './problems.js';
import type { ElectionRefs, LinkTarget } from './references.js';
import {
  asRecord,
  checkElectionFigures,
  checkCitations,
  checkElectionRefs,
  checkEntryRefs,
  checkLinks,
  checkMisspeltNames,
  definedSourceDates,
  definedSourceIds,
} from './references.js';
import type { NamedEntry } from './renames.js';
import { collapseRenames } from './renames.js';
import type { RouteTable } from './routes.js';
import { buildRoutes } from './routes.js';
import { generatedSections } from './sections.js';
import { codeFrame, locate } from './source-file.js';
import { closest } from './suggest.js';

/** Stage 5's output: the URL table, and every problem of references between files. */
export interface CheckedFiles extends Found {
  table: Pick<RouteTable, 'routes' | 'aliases'>;
}

/** Within each election: candidates, sources and figures; and the featured election. */
function checkElections({ site, folders }: ValidFiles, { rendered }: RenderedFiles, { previousVotes }: LoadOptions): Problem[] {
  const problems: Problem[] = [];
  for (const f of folders.values()) {
    const refs: ElectionRefs = {
      candidates: f.candidates.map((c) => slugOf(c.source.file)),
      sources: f.election ? definedSourceIds(f.election.source.yaml?.data) : undefined,
      sourceDates: f.election ? definedSourceDates(f.election.source.yaml?.data) : undefined,
    };
    if (f.election) problems.push(...checkElectionRefs(f.election.source.yaml?.data, f.election.source, refs));
    if (f.election?.data) {
      const slug = f.election.source.file.split('/')[1]!;
      const previous = previousVotes && { slug, votes: previousVotes };
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
  return problems;
}

interface LinkTargets {
  /** Every page the files describe, by URL, with the anchors and sections a link may name. */
  targets: Map<string, LinkTarget | undefined>;
  /** Each file's own URL, that its relative links start from. */
  ownPath: Map<string, string>;
}

/**
 * Links: every page the files describe is a target, valid or not, so that one broken file
 * does not make every link to it look broken too.
 */
function linkTargets({ folders, pages }: ValidFiles, { rendered }: RenderedFiles): LinkTargets {
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
      if (markedDraft(a)) targets.set(url, { ...targets.get(url)!, draft: a.source.file });
    }
  }
  for (const e of pages) addTarget(e.source.file, urls.page(slugOf(e.source.file)));
  return { targets, ownPath };
}

/** Two articles with one title in an election: readers cannot tell them apart in lists. */
function checkTitles({ folders }: ValidFiles): Problem[] {
  const problems: Problem[] = [];
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
  return problems;
}

/**
 * Stage 5, check references: within each election, the featured election, the URL table, every
 * link, misspelt names and titles used twice.
 */
export function checkReferences(
  valid: ValidFiles,
  { sources }: ParsedFiles,
  rendering: RenderedFiles,
  model: Model,
  options: LoadOptions,
  onFile: Progress,
): CheckedFiles {
  const problems = checkElections(valid, rendering, options);
  const { targets, ownPath } = linkTargets(valid, rendering);
  const table = buildRoutes(model.elections, model.pages, sources);
  problems.push(...table.problems);
  for (const [file, rendered] of rendering.rendered) {
    const source = sources.get(file)!;
    onFile(file);
    problems.push(...checkLinks(source, ownPath.get(file) ?? '', rendered.links, targets, table.aliases, options.includeDrafts === true));
  }
  const names = [...valid.folders.values()].flatMap((f) =>
    f.candidates.map((c) => {
      const raw = asRecord(c.source.yaml?.data);
      return [raw?.name, raw?.fullName].filter((v) => typeof v === 'string').join(' ');
    }),
  );
  onFile('.');
  problems.push(...checkMisspeltNames([...sources.values()], names));
  problems.push(...checkTitles(valid));
  return { table, problems };
}

/**
 * Stage 5b, check translations: in each edition, every translated text's citations among its
 * election's sources, and its links, a section link checked against the headings of the page
 * in that language (a translated page's own heading ids, an untranslated page's English ones).
 */
export function checkTranslations(
  valid: ValidFiles,
  editions: ReadonlyMap<Lang, RenderedFiles>,
  { aliases }: CheckedFiles['table'],
  options: LoadOptions,
  onFile: Progress,
): Found {
  const problems: Problem[] = [];
  for (const rendering of editions.values()) {
    const { targets, ownPath } = linkTargets(valid, rendering);
    for (const [file, source] of rendering.translated) {
      onFile(source.file);
      const body = rendering.rendered.get(file)!;
      problems.push(...checkLinks(source, ownPath.get(file) ?? '', body.links, targets, aliases, options.includeDrafts === true));
      const election = valid.folders.get(file.split('/')[1] ?? '')?.election;
      const known = file.startsWith('elections/') && election ? definedSourceIds(election.source.yaml?.data) : undefined;
      const text = source.body ?? asRecord(source.yaml?.data)?.overview;
      if (known && typeof text === 'string') problems.push(...checkCitations(source, text, body.footnoteRefs, known));
    }
  }
  return { problems };
}

/**
 * Every problem as the editor reads it, in the order of the files: a rename done by hand said
 * once, field paths in words, the lines around each place.
 */
export function describeProblems(
  found: readonly Problem[],
  { folders }: ValidFiles,
  { sources }: ParsedFiles,
  { previousNames }: LoadOptions,
): Problem[] {
  // A file renamed by hand breaks every reference to it: said once, with the command that fixes it.
  const named: NamedEntry[] = [...folders].flatMap(([slug, f]) => [
    ...f.candidates.map((c) => ({ election: slug, kind: 'candidate' as const, slug: slugOf(c.source.file), file: c.source.file, name: stringField(c.source, 'name') })),
    ...f.articles.map((a) => ({ election: slug, kind: 'article' as const, slug: slugOf(a.source.file), file: a.source.file, name: stringField(a.source, 'title') })),
  ]);
  const problems = collapseRenames(found, named, previousNames);

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
    const frame = codeFrame(split, p.line, 2, p.column);
    if (frame) p.frame = frame;
  }
  return sortProblems(problems);
}
