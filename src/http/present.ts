// How content values read on a page: dates, ages, outcomes, provenance, citations. Views call
// these instead of computing or wording anything themselves, so every page says it alike.
import { ageFromReported, ageOn, compareDates, formatAge, formatDate } from '../content/dates.js';
import type { Candidate, Election } from '../content/model.js';
import { citedSourceIds } from '../content/references.js';
import type { Figure, Round, Source, TimelineEvent } from '../content/schemas.js';
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

export type Outcome = 'elected' | 'withdrew' | 'eliminated' | 'continued' | 'standing';

/** Where the candidate's race ended: elected, withdrew or eliminated (in which round), or still standing. */
export function candidateOutcome(
  election: Election,
  slug: string,
): { outcome: Outcome; round?: number; label: string } {
  if (election.decision?.winner === slug) {
    const how =
      election.decision.by === 'acclamation'
        ? 'by acclamation'
        : `in round ${election.decision.round ?? ''}`.trim();
    return { outcome: 'elected', label: `Elected ${how}, ${formatDate(election.decision.date)}` };
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

/** The sources behind a claim, as links to the election's sources page. */
export function citations(election: Election, ids: readonly string[]): Citation[] {
  return ids.flatMap((id) => {
    const source = election.sourcesById.get(id);
    return source
      ? [{ id, label: source.publisher, href: urls.source(election.slug, id), source }]
      : [];
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
