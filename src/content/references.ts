// Cross-reference and consistency checks over validated content: candidates, sources and
// links named anywhere exist; round figures add up; likely misspellings of candidates' names;
// sources dated before what they are cited for; copies of sources that do not say where they were read.
import { distance } from 'fastest-levenshtein';
import { footnoteDefinitions, footnoteReferences } from '../markdown/render.js';
import { internalTarget } from '../urls.js';
import type { ElectionData } from './schemas.js';
import type { Place, Problem } from './problems.js';
import { problem } from './problems.js';
import type { FieldPath, SourceFile } from './source-file.js';
import { bodyPlace, fieldTextPlace, locate, textIndex } from './source-file.js';
import { lineAt, lineStartsOf } from './lines.js';
import { compareDates, formatDate, isPartialDate } from './dates.js';
import { closest } from './suggest.js';
import { describeThreshold, eliminatesAfter, roundThreshold, votesNeeded } from './votes.js';

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
  /** The date of each dated source, by id, as written in election.yaml. */
  sourceDates?: ReadonlyMap<string, string>;
}

/** A parsed YAML mapping as a record; undefined for anything else. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Lower case without accents: "António" → "antonio". */
const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Source ids defined in an election file's `sources` list (as parsed, before validation). */
export function definedSourceIds(raw: unknown): string[] | undefined {
  const record = asRecord(raw);
  if (!record) return undefined;
  const ids = asArray(record.sources)
    .map((s) => asRecord(s)?.id)
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)];
}

/** The dates of the sources in an election file's `sources` list (as parsed), by id. */
export function definedSourceDates(raw: unknown): Map<string, string> {
  const dates = new Map<string, string>();
  for (const s of asArray(asRecord(raw)?.sources)) {
    const record = asRecord(s);
    const date = yamlDate(record?.date);
    if (typeof record?.id === 'string' && date !== undefined) dates.set(record.id, date);
  }
  return dates;
}

/** A date as parsed from YAML (an unquoted year is a number); undefined when it is not one. */
function yamlDate(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  return typeof text === 'string' && isPartialDate(text) ? text : undefined;
}

/** Every day `a` may mean comes before every day `b` may mean ("2025-06" is not before "2025-06-30"). */
export function isBefore(a: string, b: string): boolean {
  return a < b && !b.startsWith(a);
}

/** The sources cited below `value`, dated before `eventDate`: they cannot report the event as done. */
function sourcesBefore(refs: ElectionRefs, source: SourceFile, value: unknown, path: FieldPath, eventDate: unknown): Problem[] {
  const event = yamlDate(eventDate);
  if (event === undefined || refs.sourceDates === undefined) return [];
  const problems: Problem[] = [];
  for (const [id, at] of citedSourceIds(value, path)) {
    const date = refs.sourceDates.get(id);
    if (date !== undefined && isBefore(date, event)) {
      problems.push(problem('source-before-event', locate(source, at), id, formatDate(date), formatDate(event)));
    }
  }
  return problems;
}

/**
 * Dated facts cited to a source published before them: timeline events, rounds and the
 * decision of an election; roles, education and quotes of a candidate (a role or course
 * by its end, when it has one).
 */
export function checkSourceDates(raw: unknown, source: SourceFile, refs: ElectionRefs): Problem[] {
  const data = asRecord(raw);
  if (!data) return [];
  const problems: Problem[] = [];
  const each = (key: string, when: (item: Record<string, unknown>) => unknown): void =>
    asArray(data[key]).forEach((item, i) => {
      const record = asRecord(item);
      if (record) problems.push(...sourcesBefore(refs, source, record, [key, i], when(record)));
    });
  each('timeline', (event) => event.date);
  each('rounds', (round) => round.date);
  each('roles', (role) => role.to ?? role.from);
  each('education', (course) => course.to ?? course.from);
  asArray(data.positions).forEach((position, i) =>
    asArray(asRecord(position)?.quotes).forEach((quotation, j) => {
      const q = asRecord(quotation);
      if (q) problems.push(...sourcesBefore(refs, source, { source: q.source }, ['positions', i, 'quotes', j], q.date));
    }),
  );
  const decision = asRecord(data.decision);
  if (decision) problems.push(...sourcesBefore(refs, source, decision, ['decision'], decision.date));
  return problems;
}

// Hosts reserved for examples (RFC 2606), and parts of a host that name no one.
const EXAMPLE_HOST = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/;
const GENERIC_LABELS = new Set(['www', 'com', 'org', 'net', 'gov', 'edu', 'co', 'ac', 'amp', 'm']);
const SMALL_WORDS = new Set(['of', 'for', 'the', 'and', 'de', 'da', 'do', 'des', 'du', 'la', 'le', 'el', 'di']);

/** The ways a name may appear in a host: its words, the words run together, their initials. */
function nameTokens(name: string): string[] {
  // A note in brackets ("copy on Studylib") says where a text was read, not who published it.
  const words = fold(name.replace(/\([^)]*\)/g, ' '))
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !SMALL_WORDS.has(w));
  return words.length > 1 ? [...words, words.join(''), words.map((w) => w[0]).join('')] : words;
}

/** Whether a host looks like the publisher's own site: some part of it names the publisher. */
export function hostNamesPublisher(host: string, names: readonly string[]): boolean {
  const labels = host
    .toLowerCase()
    .split('.')
    .slice(0, -1)
    .flatMap((label) => label.split('-'))
    .filter((label) => !GENERIC_LABELS.has(label) && !/^\d+$/.test(label));
  const tokens = names.flatMap(nameTokens);
  return labels.some((label) =>
    tokens.some((t) => label === t || (t.length >= 2 && label.startsWith(t)) || (t.length >= 3 && label.includes(t))),
  );
}

/** Sources read on a copy (a host that does not name the publisher) that do not say so in `via`. */
function checkMirrors(data: Record<string, unknown>, source: SourceFile): Problem[] {
  const problems: Problem[] = [];
  asArray(data.sources).forEach((s, i) => {
    const record = asRecord(s);
    const publisher = record?.publisher;
    if (!record || typeof publisher !== 'string' || typeof record.url !== 'string' || record.via !== undefined) return;
    let host: string;
    try {
      host = new URL(record.url).hostname;
    } catch {
      return; // An address that is not one is reported by validation.
    }
    if (EXAMPLE_HOST.test(host)) return;
    const names = [publisher, ...(typeof record.label === 'string' ? [record.label] : [])];
    if (!hostNamesPublisher(host, names)) {
      problems.push(problem('source-mirror-without-via', locate(source, ['sources', i, 'url']), host, publisher));
    }
  });
  return problems;
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
  problems.push(...checkMirrors(data, source), ...checkSourceDates(data, source, refs));
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
    problems.push(...checkCitations(source, data.overview, footnoteReferences(data.overview), refs.sources));
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
  const { rule } = election;
  let previousStage = 1;
  [...rule.stages].forEach((stage, i) => {
    if (stage.from <= previousStage) {
      problems.push(problem('rule-stage-order', locate(source, ['rule', 'stages', i, 'from']), stage.from, previousStage));
    }
    previousStage = Math.max(previousStage, stage.from);
  });

  election.rounds.forEach((round, i) => {
    if (round.number !== i + 1) {
      problems.push(problem('round-numbering', locate(source, ['rounds', i, 'number']), i + 1, round.number));
    }
    problems.push(...checkRoundFigures(election, round, i, source, previous));
  });
  problems.push(...checkRoundOutcomes(election, source));

  problems.push(...checkDateOrder(election, source));
  // Times of day are the venue's: without its zone, the pages cannot say which, nor when.
  const timed = election.venue.timeZone === undefined ? firstTimeOfDay(election) : undefined;
  if (timed) problems.push(problem('time-zone-missing', locate(source, timed)));
  const decision = election.decision;
  if (election.status === 'decided' && !decision) {
    problems.push(problem('decision-inconsistent', locate(source, ['status']), 'The status is "decided" but there is no "decision".'));
  }
  if (decision && election.status !== 'decided') {
    problems.push(problem('decision-inconsistent', locate(source, ['status']), `There is a "decision" but the status is "${election.status}"; expected "decided".`));
  }
  // One problem per field: a decision under "upcoming" is already reported above.
  const rounds = election.rounds.length;
  if (election.status === 'upcoming' && rounds > 0 && !decision) {
    problems.push(problem('status-inconsistent', locate(source, ['status']), `The status is "upcoming" but ${rounds === 1 ? 'a round is' : `${rounds} rounds are`} listed.`, 'Set "status: voting" once the first round is reported, or remove the rounds.'));
  }
  // A vote called off, or put off to no day yet, was not decided: the pages said "decided" while
  // the search engines' data said "cancelled". (One suspended after some rounds may be either.)
  const change = election.dates.change;
  if ((change === 'cancelled' || change === 'postponed') && election.status === 'decided') {
    problems.push(problem('status-inconsistent', locate(source, ['dates', 'change']), `The vote is marked "${change}" but the status is "decided".`, change === 'cancelled' ? 'A vote that was decided was not cancelled: remove "change", or set "change: rescheduled" if it was held on another day.' : 'A vote that was decided is no longer postponed: set "change: rescheduled" with the day it was held in "vote", or remove "change".'));
  }
  if (decision && rule.ends !== undefined && !rule.ends.includes(decision.by)) {
    problems.push(problem('decision-inconsistent', locate(source, ['decision', 'by']), `The decision is by "${decision.by}", but the rule's "ends" lists only ${rule.ends.map((e) => `"${e}"`).join(', ')}.`));
  }
  // Half of the decision saved: a round with its winner "elected", the decision or the status
  // not yet written, went live with the results saying "Elected" beside "What happens next".
  election.rounds.forEach((round, index) => {
    round.results.forEach((r, j) => {
      if (r.outcome !== 'elected') return;
      const at = locate(source, ['rounds', index, 'results', j, 'outcome']);
      if (!decision) {
        problems.push(problem('decision-inconsistent', at, `"${r.candidate}" is "elected" in round ${round.number}, but there is no "decision". Add it (winner, by, round, date) and set "status: decided" in the same save, or set the outcome back to "continued".`));
      } else if (r.candidate !== decision.winner && round.results.some((w) => w.candidate === decision.winner)) {
        // (A winner the round does not list is misspelt, or not a candidate: reported as such.)
        problems.push(problem('decision-inconsistent', at, `"${r.candidate}" is "elected" in round ${round.number}, but the decision's winner is "${decision.winner}".`));
      }
    });
  });
  // A winner who left the race in an earlier round: the pages said both.
  for (const round of decision ? election.rounds : []) {
    const left = round.results.find((r) => r.candidate === decision!.winner && (r.outcome === 'withdrew' || r.outcome === 'eliminated'));
    if (!left) continue;
    const how = left.outcome === 'withdrew' ? 'withdrew' : 'was eliminated';
    problems.push(problem('decision-inconsistent', locate(source, ['decision', 'winner']), `The decision's winner "${decision!.winner}" ${how} in round ${round.number}. Check the winner, or that round's outcome.`));
    break;
  }
  if (decision?.by === 'ballot') {
    const index = (decision.round ?? 0) - 1;
    const round = election.rounds[index];
    if (!round) {
      problems.push(problem('decision-inconsistent', locate(source, ['decision', 'round']), 'A decision by ballot names the round that decided it: "round" must be the number of one of the rounds.'));
    } else {
      const result = round.results.find((r) => r.candidate === decision.winner);
      const needed = votesNeeded(roundThreshold(rule, round), round, election.electorate);
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

/**
 * The vote, its rounds and the decision in the order they happened: a decision dated before
 * the vote, or a vote dated after the decision, passed every check and the pages said both.
 */
function checkDateOrder(election: ElectionData, source: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const { vote, end } = election.dates;
  const before = (at: FieldPath, what: string, date: string, earlier: string, when: string): void => {
    problems.push(problem('date-order', locate(source, at), `${what} is dated ${formatDate(date)}, before ${earlier} (${formatDate(when)}).`));
  };
  if (end !== undefined && compareDates(end, vote) < 0) before(['dates', 'end'], 'The end of the vote', end, 'its start', vote);
  let last: { date: string; what: string } = { date: vote, what: 'the vote' };
  election.rounds.forEach((round, i) => {
    if (round.date === undefined) return;
    if (compareDates(round.date, last.date) < 0) before(['rounds', i, 'date'], `Round ${round.number}`, round.date, last.what, last.date);
    else last = { date: round.date, what: `round ${round.number}` };
  });
  const decided = election.decision?.date;
  if (decided !== undefined && compareDates(decided, last.date) < 0) before(['decision', 'date'], 'The decision', decided, last.what, last.date);
  return problems;
}

/** A round's figures add up, fit the electorate, and match its threshold. */
function checkRoundFigures(
  election: ElectionData,
  round: ElectionData['rounds'][number],
  i: number,
  source: SourceFile,
  previous: { slug: string; votes: RecordedVotes } | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const raw = source.yaml?.data;
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
    } else if (total < cast) {
      // With no invalid ballots or abstentions reported, the difference may be ballots a source
      // did not break down: a warning. Where they are reported, "cast" is the candidates' total.
      const unaccounted = round.invalid === undefined && round.abstentions === undefined;
      problems.push(problem(unaccounted ? 'votes-unaccounted' : 'votes-total-mismatch', locate(source, castPath), total, cast));
    }
  }
  const electorate = election.electorate.eligible?.value ?? election.electorate.members.value;
  if (cast !== null && electorate !== null) {
    const ballots = cast + (round.abstentions?.value ?? 0) + (round.invalid?.value ?? 0);
    if (ballots > electorate) problems.push(problem('turnout-exceeds-electorate', locate(source, ['rounds', i, 'cast']), ballots, electorate, round.number));
  }
  const threshold = roundThreshold(election.rule, round);
  const needed = votesNeeded(threshold, round, election.electorate);
  const stated = round.needed?.value ?? null;
  if (stated !== null && needed !== null && stated !== needed) {
    problems.push(problem('needed-mismatch', locate(source, ['rounds', i, 'needed']), stated, needed, describeThreshold(threshold)));
  }
  round.results.forEach((r, j) => {
    if (r.outcome !== 'elected' || r.votes.value === null || needed === null || r.votes.value >= needed) return;
    // The decision's winner by ballot is checked against its round below, once.
    if (election.decision?.by === 'ballot' && election.decision.winner === r.candidate) return;
    problems.push(problem('winner-below-threshold', locate(source, ['rounds', i, 'results', j, 'votes']), r.candidate, r.votes.value, needed, round.number));
  });
  return problems;
}

/** Where an election first gives a time of day: voting's start, a round's report, an event's time. */
function firstTimeOfDay(election: ElectionData): FieldPath | undefined {
  if (election.dates.start !== undefined) return ['dates', 'start'];
  const round = election.rounds.findIndex((r) => r.reported !== undefined);
  if (round !== -1) return ['rounds', round, 'reported'];
  const event = election.timeline.findIndex((t) => t.time !== undefined);
  return event === -1 ? undefined : ['timeline', event, 'time'];
}

/** Outcomes follow the rule: who left never returns, one winner ends the vote, elimination as the rule says. */
function checkRoundOutcomes(election: ElectionData, source: SourceFile): Problem[] {
  const problems: Problem[] = [];
  const gone = new Map<string, { how: string; round: number }>();
  const { rounds, rule } = election;
  const structured = rule.elimination?.who !== undefined;
  rounds.forEach((round, i) => {
    const at = (j: number, field: string): Place => locate(source, ['rounds', i, 'results', j, field]);
    round.results.forEach((r, j) => {
      const left = gone.get(r.candidate);
      if (left) problems.push(problem('candidate-reappears', at(j, 'candidate'), r.candidate, left.how, left.round, round.number));
    });
    const elected = round.results.filter((r) => r.outcome === 'elected');
    const last = i === rounds.length - 1;
    if (elected.length > 1) {
      const j = round.results.indexOf(elected[1]!);
      problems.push(problem('outcome-inconsistent', at(j, 'outcome'), `Round ${round.number} has ${elected.length} candidates "elected"; a round elects one.`));
    }
    if (elected.length > 0 && !last) {
      const j = round.results.indexOf(elected[0]!);
      problems.push(problem('outcome-inconsistent', at(j, 'outcome'), `"${elected[0]!.candidate}" is elected in round ${round.number}, but round ${round.number + 1} follows.`, 'An election ends with its winner: remove the later rounds, or correct the outcome.'));
    }
    const closed = elected.length > 0 || (last && election.status === 'decided');
    round.results.forEach((r, j) => {
      if (r.outcome === 'not-elected' && !closed) {
        problems.push(problem('outcome-inconsistent', at(j, 'outcome'), `"${r.candidate}" is "not-elected" in round ${round.number}, but the contest did not end there.`, 'Use "not-elected" only in the round that ended the contest; "continued" otherwise.'));
      }
    });
    // One candidate at the threshold is elected: "continued" had the page say both that they
    // reached it and what the next round needs.
    const needed = votesNeeded(roundThreshold(rule, round), round, election.electorate);
    const reached = round.results.filter((r) => needed !== null && r.votes.value !== null && r.votes.value >= needed);
    if (reached.length === 1 && reached[0]!.outcome === 'continued') {
      const r = reached[0]!;
      problems.push(problem('outcome-inconsistent', at(round.results.indexOf(r), 'outcome'), `"${r.candidate}" has ${r.votes.value} votes in round ${round.number}, at least the ${needed} the threshold needs, but the outcome is "continued".`, 'A candidate who reaches the threshold is elected: set "outcome: elected" and the decision, or correct the votes.'));
    }
    if (structured && elected.length === 0) problems.push(...checkElimination(election, round, i, source));
    round.results.forEach((r) => {
      if (r.outcome === 'eliminated') gone.set(r.candidate, { how: 'was eliminated', round: round.number });
      if (r.outcome === 'withdrew') gone.set(r.candidate, { how: 'withdrew', round: round.number });
    });
  });
  return problems;
}

/** Under a rule that eliminates the fewest votes, the right candidate leaves after the right rounds. */
function checkElimination(election: ElectionData, round: ElectionData['rounds'][number], i: number, source: SourceFile): Problem[] {
  const eliminated = round.results.filter((r) => r.outcome === 'eliminated');
  const applies = eliminatesAfter(election.rule, round.number);
  if (!applies) {
    return eliminated.map((r) =>
      problem('elimination-mismatch', locate(source, ['rounds', i, 'results', round.results.indexOf(r), 'outcome']), `"${r.candidate}" is eliminated in round ${round.number}, but the rule eliminates no one after round ${round.number}.`),
    );
  }
  // Withdrawals and last rounds settle the race their own way; unreported votes cannot be checked.
  const withdrew = round.results.some((r) => r.outcome === 'withdrew');
  if (withdrew || round.results.length < 2 || round.results.some((r) => r.votes.value === null)) return [];
  const fewest = Math.min(...round.results.map((r) => r.votes.value ?? 0));
  const lowest = round.results.filter((r) => r.votes.value === fewest);
  const problems: Problem[] = [];
  for (const r of eliminated) {
    if (r.votes.value !== fewest) {
      problems.push(problem('elimination-mismatch', locate(source, ['rounds', i, 'results', round.results.indexOf(r), 'outcome']), `"${r.candidate}" is eliminated in round ${round.number} with ${r.votes.value ?? 0} votes, but the rule eliminates the fewest votes: ${lowest.map((l) => `"${l.candidate}"`).join(', ')} had ${fewest}.`));
    }
  }
  if (eliminated.length === 0 && lowest.length === 1) {
    const r = lowest[0]!;
    problems.push(problem('elimination-mismatch', locate(source, ['rounds', i, 'results', round.results.indexOf(r), 'outcome']), `The rule eliminates the candidate with the fewest votes after round ${round.number}: "${r.candidate}" (${fewest} votes), whose outcome is "${r.outcome}".`));
  }
  return problems;
}

/** Where `target` first appears in the body inside one of the `needles` (tried in order). */
function bodyIndex(source: SourceFile, needles: string[], target: string): number {
  return Math.max(0, textIndex(source.body ?? '', needles, target));
}

/**
 * Where each citation `[^label]` first appears in a body, found in one pass: searched for one
 * by one from the start, the 17,000 unknown sources of one file took a second and a half. A
 * label with a bracket or a line break is not in it (its place is searched for as before).
 */
function firstCitations(body: string): Map<string, number> {
  const first = new Map<string, number>();
  for (const m of body.matchAll(/\[\^([^[\]\n]*)\]/g)) if (!first.has(m[1]!)) first.set(m[1]!, m.index);
  return first;
}

/** References in a candidate's or article's frontmatter and body, as parsed. */
export function checkEntryRefs(source: SourceFile, refs: ElectionRefs, footnoteRefs: readonly string[]): Problem[] {
  const data = source.yaml?.data;
  const problems = [...checkSourceIds(refs, source, data, false), ...checkSourceDates(data, source, refs)];
  asArray(asRecord(data)?.related).forEach((slug, i) =>
    problems.push(...checkCandidateRef(refs, source, slug, ['related', i])),
  );
  if (refs.sources === undefined) return problems;
  return [...problems, ...checkCitations(source, source.body ?? '', footnoteRefs, refs.sources)];
}

/**
 * Citations `[^id]` of a text (a body, or an election's overview when the file has no body)
 * that neither the text defines nor the election lists among its sources.
 */
export function checkCitations(source: SourceFile, text: string, footnoteRefs: readonly string[], known: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const defined = footnoteDefinitions(text);
  let first: Map<string, number> | undefined;
  for (const label of footnoteRefs) {
    if (defined.has(label) || known.includes(label)) continue;
    first ??= firstCitations(source.body ?? text);
    const needle = `[^${label}]`;
    const index = (at: number | undefined) => (at === undefined ? undefined : { index: at, in: text });
    const place =
      source.body === undefined
        ? fieldTextPlace(source, ['overview'], [needle], needle, index(first.get(label)))
        : bodyPlace(source, first.get(label) ?? bodyIndex(source, [needle], needle));
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
    // Where the link is, worked out only for a problem (in an election's overview, in YAML).
    // The link whole first: "/a" is also the start of "/a-b", which may come before it.
    const needles = [`](${href})`, `](${href} `, `<${href}>`, `"${href}"`, `](${href}`, href];
    const place = (): Place =>
      source.body === undefined
        ? fieldTextPlace(source, ['overview'], needles, href)
        : bodyPlace(source, bodyIndex(source, needles, href));
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
    // The whole text in one pass, lines found only for a misspelling: a pass per line cost
    // 0.2 s a file of 500,000 one-letter lines, and twenty such files ran the load past its budget.
    // Addresses and `code spans` (on one line) are not prose: a misspelling quoted on purpose
    // goes in backticks.
    const prose = file.text.replace(/\bhttps?:\/\/\S+|`[^`\n]*`/g, (skip) => ' '.repeat(skip.length));
    let starts: number[] | undefined;
    for (const match of prose.matchAll(/\p{Lu}\p{L}{3,}/gu)) {
      const word = match[0];
      const folded = fold(word);
      if (names.has(folded)) continue;
      const original = nearName(folded);
      if (original !== undefined) {
        starts ??= lineStartsOf(file.text);
        const line = lineAt(starts, match.index);
        problems.push(problem('name-misspelt', { file: file.file, line: line + 1, column: match.index - starts[line]! + 1, field: '' }, word, original));
      }
    }
  }
  return problems;
}
