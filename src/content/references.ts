// Cross-reference and consistency checks over validated content: candidates, sources and
// links named anywhere exist; round figures add up; likely misspellings of candidates' names.
import { distance } from 'fastest-levenshtein';
import { footnoteDefinitions, footnoteReferences } from '../markdown/render.js';
import { internalTarget } from '../urls.js';
import type { ElectionData } from './schemas.js';
import type { Place, Problem } from './problems.js';
import { problem } from './problems.js';
import type { FieldPath, SourceFile } from './source-file.js';
import { bodyPlace, locate } from './source-file.js';
import { closest } from './suggest.js';
import { describeThreshold, votesNeeded } from './votes.js';

/** Visits every `sources: [...]` list and `source: id` below a value, with its path. */
export function* citedSourceIds(value: unknown, path: FieldPath = []): Generator<[string, FieldPath]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* citedSourceIds(value[i], [...path, i]);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'sources' && Array.isArray(child)) {
      for (let i = 0; i < child.length; i++) {
        if (typeof child[i] === 'string') yield [child[i] as string, [...path, key, i]];
      }
    } else if (key === 'source' && typeof child === 'string') {
      yield [child, [...path, key]];
    } else {
      yield* citedSourceIds(child, [...path, key]);
    }
  }
}

/** What an election folder offers to references, known even when some files are invalid. */
export interface ElectionRefs {
  /** Candidate slugs: one per file in candidates/, valid or not. */
  candidates: readonly string[];
  /** Source ids listed in election.yaml; undefined when the file could not be read. */
  sources: readonly string[] | undefined;
}

/** A parsed YAML mapping as a record; undefined for anything else. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Source ids defined in an election file's `sources` list (as parsed, before validation). */
export function definedSourceIds(raw: unknown): string[] | undefined {
  const record = asRecord(raw);
  if (!record) return undefined;
  const ids = asArray(record.sources)
    .map((s) => asRecord(s)?.id)
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)];
}

function checkSourceIds(refs: ElectionRefs, source: SourceFile, data: unknown, skipTopLevel: boolean): Problem[] {
  const known = refs.sources;
  if (known === undefined) return [];
  const problems: Problem[] = [];
  const walked = skipTopLevel ? { ...asRecord(data), sources: undefined } : data;
  for (const [id, path] of citedSourceIds(walked)) {
    if (!known.includes(id)) {
      problems.push(problem('unknown-source', locate(source, path), id, known, closest(id, known)));
    }
  }
  return problems;
}

function checkCandidateRef(refs: ElectionRefs, source: SourceFile, slug: unknown, path: FieldPath): Problem[] {
  if (typeof slug !== 'string' || refs.candidates.includes(slug)) return [];
  const known = refs.candidates;
  return [problem('unknown-candidate', locate(source, path), slug, known, closest(slug, known))];
}

/** References in an election file, checked on the data as parsed, so they are found even when
 * other fields are invalid: every problem at once. */
export function checkElectionRefs(raw: unknown, source: SourceFile, refs: ElectionRefs): Problem[] {
  const data = asRecord(raw);
  if (!data) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  asArray(data.sources).forEach((s, i) => {
    const id = asRecord(s)?.id;
    if (typeof id !== 'string') return;
    if (seen.has(id)) problems.push(problem('duplicate-id', locate(source, ['sources', i, 'id']), 'source', id));
    seen.add(id);
  });
  problems.push(...checkSourceIds(refs, source, data, true));
  asArray(data.timeline).forEach((event, i) =>
    asArray(asRecord(event)?.candidates).forEach((slug, j) =>
      problems.push(...checkCandidateRef(refs, source, slug, ['timeline', i, 'candidates', j])),
    ),
  );
  asArray(data.rounds).forEach((round, i) =>
    asArray(asRecord(round)?.results).forEach((result, j) =>
      problems.push(...checkCandidateRef(refs, source, asRecord(result)?.candidate, ['rounds', i, 'results', j, 'candidate'])),
    ),
  );
  problems.push(...checkCandidateRef(refs, source, asRecord(data.decision)?.winner, ['decision', 'winner']));
  if (typeof data.overview === 'string' && refs.sources !== undefined) {
    const known = refs.sources;
    const defined = footnoteDefinitions(data.overview);
    for (const label of footnoteReferences(data.overview)) {
      if (defined.has(label) || known.includes(label)) continue;
      problems.push(problem('unknown-source', locate(source, ['overview']), label, known, closest(label, known)));
    }
  }
  return problems;
}

/** Each candidate's votes per round, as served, keyed `election/round/candidate`: what an edit changed. */
export type RecordedVotes = Readonly<Record<string, number | null>>;

export function recordedVotes(elections: readonly { slug: string; rounds: ElectionData['rounds'] }[]): RecordedVotes {
  const votes: Record<string, number | null> = {};
  for (const e of elections) {
    for (const round of e.rounds) {
      for (const r of round.results) votes[`${e.slug}/${round.number}/${r.candidate}`] = r.votes.value;
    }
  }
  return votes;
}

/** Where a figure's number is: the `value` of a figure written as a group, else the figure. */
function figurePath(raw: unknown, path: FieldPath): FieldPath {
  let current = raw;
  for (const segment of path) current = (asRecord(current) ?? (Array.isArray(current) ? current : {}))[segment as never];
  return asRecord(current) && 'value' in asRecord(current)! ? [...path, 'value'] : path;
}

/** The figures of a valid election agree with each other and with its rule. */
export function checkElectionFigures(
  election: ElectionData,
  source: SourceFile,
  /** The votes served before this edit, to point at the figure the editor changed. */
  previous: { slug: string; votes: RecordedVotes } | undefined = undefined,
): Problem[] {
  const problems: Problem[] = [];
  const raw = source.yaml?.data;
  election.rounds.forEach((round, i) => {
    if (round.number !== i + 1) {
      problems.push(problem('round-numbering', locate(source, ['rounds', i, 'number']), i + 1, round.number));
    }
    const votes = round.results.map((r) => r.votes.value);
    const cast = round.cast.value;
    if (cast !== null && votes.every((v) => v !== null)) {
      const total = votes.reduce<number>((sum, v) => sum + (v ?? 0), 0);
      const castPath = figurePath(raw, ['rounds', i, 'cast']);
      if (total > cast) {
        // The votes an edit changed are the likely slip: point there, else at the votes cast.
        const changed = round.results.findIndex((r) => {
          const before = previous?.votes[`${previous.slug}/${round.number}/${r.candidate}`];
          return before !== undefined && before !== r.votes.value;
        });
        const at = changed === -1 ? castPath : figurePath(raw, ['rounds', i, 'results', changed, 'votes']);
        const breakdown = round.results.map((r) => `${r.candidate} ${String(r.votes.value)}`).join(', ');
        problems.push(problem('votes-exceed-cast', locate(source, at), total, cast, breakdown));
      } else if (total < cast && round.invalid === undefined && round.abstentions === undefined) {
        problems.push(problem('votes-unaccounted', locate(source, castPath), total, cast));
      }
    }
    const threshold = round.threshold ?? election.rule.threshold;
    const needed = votesNeeded(threshold, round, election.electorate);
    const stated = round.needed?.value ?? null;
    if (stated !== null && needed !== null && stated !== needed) {
      problems.push(problem('needed-mismatch', locate(source, ['rounds', i, 'needed']), stated, needed, describeThreshold(threshold)));
    }
  });

  const decision = election.decision;
  if (election.status === 'decided' && !decision) {
    problems.push(problem('decision-inconsistent', locate(source, ['status']), 'The status is "decided" but there is no "decision".'));
  }
  if (decision && election.status !== 'decided') {
    problems.push(problem('decision-inconsistent', locate(source, ['status']), `There is a "decision" but the status is "${election.status}"; expected "decided".`));
  }
  if (decision?.by === 'ballot') {
    const index = (decision.round ?? 0) - 1;
    const round = election.rounds[index];
    if (!round) {
      problems.push(problem('decision-inconsistent', locate(source, ['decision', 'round']), 'A decision by ballot names the round that decided it: "round" must be the number of one of the rounds.'));
    } else {
      const result = round.results.find((r) => r.candidate === decision.winner);
      const needed = votesNeeded(round.threshold ?? election.rule.threshold, round, election.electorate);
      const votes = result?.votes.value ?? null;
      if (votes !== null && needed !== null && votes < needed) {
        problems.push(problem('winner-below-threshold', locate(source, ['decision', 'winner']), decision.winner, votes, needed, round.number));
      }
      if (result && result.outcome !== 'elected') {
        problems.push(problem('decision-inconsistent', locate(source, ['rounds', index, 'results', round.results.indexOf(result), 'outcome']), `The winner by ballot in round ${round.number} has the outcome "${result.outcome}" there; expected "elected".`));
      }
    }
  }
  return problems;
}

/** Where `target` first appears in the body inside one of the `needles` (tried in order). */
function bodyIndex(source: SourceFile, needles: string[], target: string): number {
  const body = source.body ?? '';
  for (const needle of needles) {
    const index = body.indexOf(needle);
    if (index !== -1) return index + Math.max(0, needle.indexOf(target));
  }
  return 0;
}

/** References in a candidate's or article's frontmatter and body, as parsed. */
export function checkEntryRefs(source: SourceFile, refs: ElectionRefs, footnoteRefs: readonly string[]): Problem[] {
  const data = source.yaml?.data;
  const problems = checkSourceIds(refs, source, data, false);
  asArray(asRecord(data)?.related).forEach((slug, i) =>
    problems.push(...checkCandidateRef(refs, source, slug, ['related', i])),
  );
  const known = refs.sources;
  if (known === undefined) return problems;
  const defined = footnoteDefinitions(source.body ?? '');
  for (const label of footnoteRefs) {
    if (defined.has(label) || known.includes(label)) continue;
    const place = bodyPlace(source, bodyIndex(source, [`[^${label}]`], `[^${label}]`));
    problems.push(problem('unknown-source', place, label, known, closest(label, known)));
  }
  return problems;
}

/** A page that links may point at: every id in it, and the section ids to suggest. */
export interface LinkTarget {
  ids: ReadonlySet<string>;
  sections: readonly string[];
  /** The file of a draft article: linking to it is a problem until it is published. */
  draft?: string;
}

/** Paths that links may point at (undefined: a page whose fragments are not checked). */
export type LinkTargets = ReadonlyMap<string, LinkTarget | undefined>;

/** Checks that every internal link in a body points at a page, and at a section it has. */
export function checkLinks(
  source: SourceFile,
  ownPath: string,
  links: readonly string[],
  targets: LinkTargets,
  aliases: ReadonlyMap<string, string>,
  /** Dev previews drafts: a link to one is then a warning, so the preview still loads. */
  previewingDrafts = false,
): Problem[] {
  const problems: Problem[] = [];
  for (const href of new Set(links)) {
    // Where the link is, worked out only for a problem. Links in a YAML field (an election's
    // overview) are placed at the field.
    const place = (): Place =>
      source.body === undefined
        ? locate(source, ['overview'])
        : bodyPlace(source, bodyIndex(source, [`](${href}`, `<${href}>`, `"${href}"`, href], href));
    const target = href.startsWith('#') ? { path: ownPath, hash: href.slice(1) } : internalTarget(href);
    if (!target) continue;
    const resolved = targets.has(target.path) ? target.path : aliases.get(target.path.toLowerCase());
    if (resolved === undefined) {
      problems.push(problem('broken-link', place(), href, closest(target.path, targets.keys())));
      continue;
    }
    const page = targets.get(resolved);
    if (page?.draft !== undefined && page.draft !== source.file) {
      const found = problem('link-to-draft', place(), href, page.draft, previewingDrafts);
      if (previewingDrafts) found.severity = 'warning';
      problems.push(found);
      continue;
    }
    let hash = target.hash;
    try {
      hash = decodeURIComponent(hash);
    } catch {
      // A malformed escape is checked as written.
    }
    if (hash !== '' && page && !page.ids.has(hash)) {
      problems.push(problem('broken-anchor', place(), href, page.sections, closest(hash, page.sections)));
    }
  }
  return problems;
}

const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Words close to, but not the same as, a candidate's name ("Vitornio"): editors' most common
 * slip. Only capitalised words, and only names of five letters or more, where a near miss means something.
 */
export function checkMisspeltNames(files: readonly SourceFile[], candidateNames: readonly string[]): Problem[] {
  const names = new Map<string, string>();
  for (const fullName of candidateNames) {
    for (const word of fullName.split(/[^\p{L}]+/u)) {
      if (word.length >= 5) names.set(fold(word), word);
    }
  }
  if (names.size === 0) return [];
  // Words repeat: each is compared with the names once. A length difference beyond the
  // allowance rules a name out without computing the distance.
  const verdicts = new Map<string, string | undefined>();
  const nearName = (folded: string): string | undefined => {
    if (verdicts.has(folded)) return verdicts.get(folded);
    let found: string | undefined;
    for (const [name, original] of names) {
      const allowed = name.length >= 8 ? 2 : 1;
      if (Math.abs(name.length - folded.length) > allowed) continue;
      const d = distance(folded, name);
      if (d > 0 && d <= allowed) {
        found = original;
        break;
      }
    }
    verdicts.set(folded, found);
    return found;
  };
  const problems: Problem[] = [];
  for (const file of files) {
    const lines = file.text.split('\n');
    lines.forEach((line, i) => {
      // Addresses and `code spans` are not prose: a misspelling quoted on purpose goes in backticks.
      const prose = line.replace(/\bhttps?:\/\/\S+|`[^`]*`/g, (skip) => ' '.repeat(skip.length));
      for (const match of prose.matchAll(/\p{Lu}\p{L}{3,}/gu)) {
        const word = match[0];
        const folded = fold(word);
        if (names.has(folded)) continue;
        const original = nearName(folded);
        if (original !== undefined) {
          problems.push(problem('name-misspelt', { file: file.file, line: i + 1, column: (match.index ?? 0) + 1, field: '' }, word, original));
        }
      }
    });
  }
  return problems;
}
