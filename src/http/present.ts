// How content values read on a page: dates, ages, outcomes, provenance, citations. Views call
// these instead of computing or wording anything themselves, so every page says it alike.
import { ageFromReported, ageOn, compareDates, formatAge, formatDate } from '../content/dates.js';
import type { Candidate, Election } from '../content/model.js';
import { citedSourceIds } from '../content/references.js';
import type { Decision, Figure, Round, Source, TimelineEvent } from '../content/schemas.js';
import { describeThreshold, votesNeeded } from '../content/votes.js';
import { urls } from '../urls.js';

export { describeThreshold, formatDate, urls };

/** "58 or 59 at the time of the vote" style age, or undefined when nothing is known. */
export function ageAtVote(candidate: Candidate, election: Election): string | undefined {
  const born = candidate.born;
  if (!born) return undefined;
  const vote = election.dates.vote;
  if (born.date !== undefined) return formatAge(ageOn(born.date, vote));
  if (born.reportedAge !== undefined) {
    const { age, on } = born.reportedAge;
    if (on === vote) return `${age} (as reported)`;
    return `${formatAge(ageFromReported(age, on, vote))} (from an age reported on ${formatDate(on)})`;
  }
  return undefined;
}

export function candidateName(election: Election, slug: string): string {
  return election.candidates.find((c) => c.slug === slug)?.name ?? slug;
}

/** How the winner was elected: "by acclamation" or "in round 3". */
export function howElected(decision: Decision): string {
  return decision.by === 'acclamation'
    ? 'by acclamation'
    : `in round ${decision.round ?? ''}`.trim();
}

export type Outcome = 'elected' | 'withdrew' | 'eliminated' | 'continued' | 'standing';

/** Where the candidate's race ended: elected, withdrew or eliminated (in which round), or still standing. */
export function candidateOutcome(
  election: Election,
  slug: string,
): { outcome: Outcome; round?: number; label: string } {
  if (election.decision?.winner === slug) {
    const { decision } = election;
    return {
      outcome: 'elected',
      label: `Elected ${howElected(decision)}, ${formatDate(decision.date)}`,
    };
  }
  for (const round of election.rounds) {
    const result = round.results.find((r) => r.candidate === slug);
    if (result?.outcome === 'withdrew')
      return {
        outcome: 'withdrew',
        round: round.number,
        label: `Withdrew after round ${round.number}`,
      };
    if (result?.outcome === 'eliminated')
      return {
        outcome: 'eliminated',
        round: round.number,
        label: `Eliminated after round ${round.number}`,
      };
  }
  if (election.status === 'decided') return { outcome: 'continued', label: 'Not elected' };
  return { outcome: 'standing', label: 'Standing' };
}

/** "Reported by AP" / "Official figure" / "Unconfirmed" / "Not reported". */
export function provenanceLabel(figure: Figure | undefined): string {
  if (!figure || figure.value === null) return 'Not reported';
  switch (figure.status) {
    case 'official':
      return 'Official figure';
    case 'reported':
      return `Reported by ${figure.by ?? 'the press'}`;
    default:
      return 'Unconfirmed';
  }
}

export function formatFigure(figure: Figure | undefined): string {
  return !figure || figure.value === null ? 'not reported' : figure.value.toLocaleString('en-GB');
}

export interface Citation {
  id: string;
  label: string;
  href: string;
  source: Source;
}

/**
 * The sources behind a claim, as links to the election's sources page, named by their short
 * label. Two sources with one name are told apart by their dates.
 */
export function citations(election: Election, ids: readonly string[]): Citation[] {
  const list = ids.flatMap((id) => {
    const source = election.sourcesById.get(id);
    const label = source?.label ?? source?.publisher;
    return source && label ? [{ id, label, href: urls.source(election.slug, id), source }] : [];
  });
  return list.map((c) => {
    const twins = list.filter((o) => o.label === c.label).length > 1;
    return twins && c.source.date !== undefined
      ? { ...c, label: `${c.label}, ${formatDate(c.source.date)}` }
      : c;
  });
}

export function roundNeeded(election: Election, round: Round): number | null {
  return votesNeeded(round.threshold ?? election.rule.threshold, round, election.electorate);
}

/** Events grouped by year, in date order. */
export function timelineByYear(election: Election): [string, TimelineEvent[]][] {
  const sorted = [...election.timeline].sort((a, b) => compareDates(a.date, b.date));
  const groups = new Map<string, TimelineEvent[]>();
  for (const event of sorted) {
    const year = event.date.slice(0, 4);
    groups.set(year, [...(groups.get(year) ?? []), event]);
  }
  return [...groups];
}

function cites(value: unknown, id: string): boolean {
  for (const [cited] of citedSourceIds(value)) if (cited === id) return true;
  return false;
}

/** The pages of an election that cite a source, for the sources page. */
export function citedBy(election: Election, id: string): { label: string; href: string }[] {
  const pages: { label: string; href: string }[] = [];
  const { candidates, articles } = election;
  // The election's own claims: everything but the source list itself and the nested entries.
  const data = { ...election, sources: [], sourcesById: undefined, candidates: [], articles: [] };
  if (cites(data, id)) pages.push({ label: 'Overview and results', href: election.url });
  for (const c of candidates) {
    const { biography, ...fields } = c;
    if (cites(fields, id) || biography.footnoteRefs.includes(id))
      pages.push({ label: c.name, href: c.url });
  }
  for (const a of articles) {
    const { body, ...fields } = a;
    if (cites(fields, id) || body.footnoteRefs.includes(id))
      pages.push({ label: a.title, href: a.url });
  }
  return pages;
}

/** "September 2021 – present", "1989 – 1994", "Since 2015", "" when undated. */
export function dateRange(
  from: string | undefined,
  to: string | undefined,
  current: boolean,
): string {
  if (from === undefined && to === undefined) return '';
  const start = from === undefined ? undefined : formatDate(from);
  const end = to === undefined ? (current ? 'present' : undefined) : formatDate(to);
  if (start === undefined) return `Until ${end ?? ''}`.trim();
  if (end === undefined) return `From ${start}`;
  return start === end ? start : `${start} – ${end}`;
}

/** Roles newest first; a role with no end date is held now. */
export function careerTimeline(
  candidate: Candidate,
): (Candidate['roles'][number] & { range: string; current: boolean })[] {
  type Role = Candidate['roles'][number];
  const isCurrent = (r: Role): boolean => r.to === undefined && r.from !== undefined;
  const undated = (r: Role): boolean => r.to === undefined && r.from === undefined;
  const latest = (r: Role): string => r.to ?? r.from ?? '0000';
  // Held now first, then by when they ended, newest first; undated roles last.
  return [...candidate.roles]
    .sort(
      (a, b) =>
        Number(isCurrent(b)) - Number(isCurrent(a)) ||
        Number(undated(a)) - Number(undated(b)) ||
        compareDates(latest(b), latest(a)) ||
        compareDates(b.from ?? '0000', a.from ?? '0000'),
    )
    .map((role) => ({
      ...role,
      current: isCurrent(role),
      range: dateRange(role.from, role.to, isCurrent(role)),
    }));
}

/** When a qualification was studied for: "1992 – 1996", or just the year it was gained. */
export function studyDates(from: string | undefined, to: string | undefined): string {
  if (from === undefined && to !== undefined) return formatDate(to);
  return dateRange(from, to, false);
}

/** Initials for a monogram: "JD" for Jane Doe, "JT" for Jean-Marc de la Tour. */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  const picked = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return picked.map((w) => [...w][0]).join('');
}

/** The most recent events (or, before the vote, the next ones). */
export function keyEvents(election: Election, count = 3): TimelineEvent[] {
  const sorted = [...election.timeline].sort((a, b) => compareDates(a.date, b.date));
  if (election.status === 'upcoming') {
    const upcoming = sorted.filter((e) => compareDates(e.date, election.dates.vote) >= 0);
    return upcoming.slice(0, count);
  }
  return sorted.slice(-count).reverse();
}

export interface ChainStep {
  label: string;
  value: string;
  figure?: Figure;
}

/** How many could vote, voted, and were needed, then each candidate's gap: the arithmetic of a round. */
export function thresholdChain(
  election: Election,
  round: Round,
): { steps: ChainStep[]; gaps: { slug: string; name: string; text: string }[] } {
  const steps: ChainStep[] = [];
  const { members, eligible } = election.electorate;
  if (members.value !== null)
    steps.push({ label: 'Members', value: formatFigure(members), figure: members });
  if (eligible && eligible.value !== null)
    steps.push({ label: 'Eligible to vote', value: formatFigure(eligible), figure: eligible });
  steps.push({ label: 'Votes cast', value: formatFigure(round.cast), figure: round.cast });
  const threshold = round.threshold ?? election.rule.threshold;
  const needed = roundNeeded(election, round);
  steps.push({
    label: 'Votes needed',
    value: needed === null ? 'not known' : `${needed} (${describeThreshold(threshold)})`,
  });
  const gaps = round.results.map((r) => {
    const name = candidateName(election, r.candidate);
    const votes = r.votes.value;
    let text: string;
    if (votes === null) text = 'votes not reported';
    else if (needed === null) text = `${votes} votes`;
    else if (votes >= needed) text = `${votes} votes: reached the threshold`;
    else text = `${votes} votes: ${needed - votes} short`;
    return { slug: r.candidate, name, text };
  });
  return { steps, gaps };
}

export interface ChartBar {
  slug: string;
  name: string;
  votes: number | null;
  outcome: Round['results'][number]['outcome'];
  /** Bar length on a 0–1000 scale. */
  length: number;
}

export interface RoundChart {
  bars: ChartBar[];
  /** Threshold position on the 0–1000 scale, when the number needed is known. */
  threshold?: number;
  needed: number | null;
  /** What the bars are measured against. */
  scale: number;
}

/** A bar per candidate, scaled to the votes cast, with the threshold marked; null when no votes were reported. */
export function roundChart(election: Election, round: Round): RoundChart | null {
  if (round.results.every((r) => r.votes.value === null)) return null;
  const needed = roundNeeded(election, round);
  const scale = Math.max(
    round.cast.value ?? 0,
    needed ?? 0,
    ...round.results.map((r) => r.votes.value ?? 0),
  );
  const bars = round.results.map((r) => ({
    slug: r.candidate,
    name: candidateName(election, r.candidate),
    votes: r.votes.value,
    outcome: r.outcome,
    length: r.votes.value === null ? 0 : Math.round((r.votes.value / scale) * 1000),
  }));
  const chart: RoundChart = { bars, needed, scale };
  if (needed !== null) chart.threshold = Math.round((needed / scale) * 1000);
  return chart;
}

export function outcomeWord(outcome: Round['results'][number]['outcome']): string {
  return {
    continued: 'Continued',
    withdrew: 'Withdrew',
    eliminated: 'Eliminated',
    elected: 'Elected',
  }[outcome];
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** "Portuguese" for "pt". */
export function languageName(code: string): string {
  return languageNames.of(code) ?? code;
}

/** Whether a role (dates of any precision) was held on a given day. */
function heldOn(role: Candidate['roles'][number], day: string): boolean {
  const started = role.from === undefined || compareDates(role.from, day) <= 0;
  // "to: 2023" covers all of 2023: compare at the precision the end date has.
  const ended = role.to !== undefined && compareDates(role.to, day.slice(0, role.to.length)) < 0;
  return started && !ended;
}

/** The most recent role held on the day of the vote, if any. */
export function roleAtVote(candidate: Candidate, election: Election): string | undefined {
  const role = careerTimeline(candidate).find((r) => heldOn(r, election.dates.vote));
  return role ? `${role.title}${role.organization ? `, ${role.organization}` : ''}` : undefined;
}
