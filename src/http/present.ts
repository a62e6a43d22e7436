// How content values read on a page: dates, ages, outcomes, provenance, citations. Views call
// these instead of computing or wording anything themselves, so every page says it alike.
import { ageFromReported, ageOn, compareDates, parsePartialDate } from '../content/dates.js';
import type { Age } from '../content/dates.js';
import type { Candidate, Election, TranslationState } from '../content/model.js';
import { citedSourceIds } from '../content/references.js';
import type {
  Decision,
  Figure,
  Round,
  Source,
  Threshold,
  TimelineEvent,
} from '../content/schemas.js';
import type { VenueTime } from '../content/times.js';
import { formatDate, formatNumber, formatVenueTime } from '../i18n/format.js';
import type { Lang } from '../i18n/lang.js';
import { LOCALES } from '../i18n/lang.js';
import ejs from 'ejs';
import { tr } from '../i18n/messages.js';
import {
  describeRule as describeRuleInEnglish,
  describeThreshold as describeThresholdInEnglish,
  eliminatesAfter,
  roundThreshold,
  ruleStages,
  stageRounds as stageRoundsInEnglish,
  stageThreshold,
  votesNeeded,
} from '../content/votes.js';
import type { Stage } from '../content/votes.js';
import type { Gender, MessageKey, Params } from '../i18n/messages.js';
import { inLanguage, urls } from '../urls.js';

export { formatDate, formatNumber, ruleStages, urls };

// The rule in words per language. English keeps the words of content/votes.ts (which also
// words the editor's problem reports); French and Spanish come from the catalogue.

const FRACTION_KEYS: Record<string, MessageKey> = {
  '1/2': 'fraction.half',
  '2/3': 'fraction.twoThirds',
  '3/4': 'fraction.threeQuarters',
  '3/5': 'fraction.threeFifths',
};

const BASE_KEYS: Record<Threshold['of'], MessageKey> = {
  'votes-cast': 'base.votesCast',
  'present-and-voting': 'base.presentAndVoting',
  members: 'base.members',
  eligible: 'base.eligible',
};

/** "at least" and the fraction: "au moins les deux tiers", "plus de la moitié". */
function shareWords(threshold: Threshold, lang: Lang): { comparison: string; fraction: string } {
  const t = tr(lang);
  const key = FRACTION_KEYS[threshold.fraction];
  return {
    comparison: t(threshold.comparison === 'at-least' ? 'threshold.atLeast' : 'threshold.moreThan'),
    fraction: key ? t(key) : threshold.fraction,
  };
}

/** French contracts "de les" to "des": "plus des deux tiers". */
const contract = (text: string, lang: Lang): string =>
  lang === 'fr' ? text.replace(/\bde les /g, 'des ') : text;

/** "at least two-thirds of the votes cast"; "au moins les deux tiers des suffrages exprimés". */
export function describeThreshold(threshold: Threshold, lang: Lang = 'en'): string {
  if (lang === 'en') return describeThresholdInEnglish(threshold);
  const base = tr(lang)(BASE_KEYS[threshold.of]);
  return contract(tr(lang)('threshold.text', { ...shareWords(threshold, lang), base }), lang);
}

/** "Every round", "From round 3", "Rounds 1–2"; "À partir du 3e tour". */
export function stageRounds(stage: Pick<Stage, 'from' | 'to'>, lang: Lang = 'en'): string {
  if (lang === 'en') return stageRoundsInEnglish(stage);
  const t = tr(lang);
  if (stage.to === undefined)
    return stage.from === 1 ? t('stage.every') : t('stage.from', { from: stage.from });
  return stage.from === stage.to
    ? t('stage.one', { from: stage.from })
    : t('stage.range', { from: stage.from, to: stage.to });
}

/**
 * The rule in one line, its stages in turn. `midSentence`: French and Spanish start the first
 * stage lowercase ("tours 1 à 2 : …"); English keeps the capital it has always shown.
 */
export function describeRule(
  rule: Election['rule'],
  lang: Lang = 'en',
  midSentence = false,
): string {
  if (lang === 'en') return describeRuleInEnglish(rule);
  if (midSentence) return lowerFirst(describeRule(rule, lang));
  const t = tr(lang);
  const stages = ruleStages(rule);
  if (stages.length === 1) return describeThreshold(stages[0]!.threshold, lang);
  return stages
    .map((s, i) => {
      const when = stageRounds(s, lang);
      const { comparison, fraction } = shareWords(s.threshold, lang);
      const words =
        i > 0 && stages[i - 1]!.threshold.of === s.threshold.of
          ? contract(`${comparison} ${fraction}`, lang)
          : describeThreshold(s.threshold, lang);
      return t('stage.line', { when: i === 0 ? when : lowerFirst(when), words });
    })
    .join(t('stage.separator'));
}

const WHEN_KEYS = { day: 'when.day', month: 'when.month', year: 'when.year' } as const;

/** Lowercase text with its spaces (no-break ones too) made single plain spaces. */
const folded = (text: string): string => text.replace(/\s+/gu, ' ').toLowerCase();

/** Whether `text` already says `date` (as the language writes it), as a whole word. */
function saysDate(text: string, date: string): boolean {
  const haystack = folded(text);
  const needle = folded(date);
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack.charAt(at - 1);
    const after = haystack.charAt(at + needle.length);
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}

/**
 * The caption of a candidate's quote, as a message and its parameters (for `t` or `t.html`):
 * who, the context, and when, said once. When the context already gives the date ("…to a
 * news agency in March 2025"), it is not repeated; otherwise the date is a phrase of its
 * precision: "le 30 juin 2025", "en mars 2025", "en 2025".
 */
export function quoteCaption(
  name: string,
  quote: { context: string; date: string },
  lang: Lang = 'en',
): [MessageKey, Params] {
  const date = formatDate(quote.date, lang);
  if (saysDate(quote.context, date))
    return ['profile.inWordsDated', { name, context: quote.context }];
  const precision = parsePartialDate(quote.date)?.precision ?? 'day';
  return [
    'profile.inWords',
    { name, context: quote.context, date: tr(lang)(WHEN_KEYS[precision], { date }) },
  ];
}

/** "49" or "48 or 49"; "49 ans", "48 o 49 años". */
function formatAge(age: Age, lang: Lang): string {
  const t = tr(lang);
  return age.min === age.max
    ? t('age.exact', { age: age.min })
    : t('age.range', { min: age.min, max: age.max });
}

/** "58 or 59 at the time of the vote" style age, or undefined when nothing is known. */
export function ageAtVote(
  candidate: Candidate,
  election: Election,
  lang: Lang = 'en',
): string | undefined {
  const born = candidate.born;
  if (!born) return undefined;
  const vote = election.dates.vote;
  const t = tr(lang);
  if (born.date !== undefined) return formatAge(ageOn(born.date, vote), lang);
  if (born.reportedAge !== undefined) {
    const { age, on } = born.reportedAge;
    if (on === vote) return t('age.asReported', { age: t('age.exact', { age }) });
    return t('age.fromReported', {
      age: formatAge(ageFromReported(age, on, vote), lang),
      date: formatDate(on, lang),
    });
  }
  return undefined;
}

export function candidateName(election: Election, slug: string): string {
  return election.candidates.find((c) => c.slug === slug)?.name ?? slug;
}

/** How the winner was elected: "by acclamation", "in round 3", "by drawing lots"… */
export function howElected(decision: Decision, lang: Lang = 'en'): string {
  const t = tr(lang);
  switch (decision.by) {
    case 'acclamation':
      return t('how.acclamation');
    case 'withdrawal':
      return t('how.withdrawal');
    case 'lot':
      return t('how.lot');
    case 'ballot':
      return t('how.round', { round: decision.round ?? '' }).trim();
  }
}

/** The results page's heading and sentence for a decision, by how it was reached. */
export const DECISION_WORDS = {
  ballot: { title: 'results.byBallot', sentence: 'results.electedRound' },
  acclamation: { title: 'results.byAcclamation', sentence: 'results.electedAcclamation' },
  withdrawal: { title: 'results.byWithdrawal', sentence: 'results.electedWithdrawal' },
  lot: { title: 'results.byLot', sentence: 'results.electedLot' },
} as const satisfies Record<Decision['by'], { title: MessageKey; sentence: MessageKey }>;

export type Outcome = 'elected' | 'withdrew' | 'eliminated' | 'continued' | 'standing';

/** Where the candidate's race ended: elected, withdrew or eliminated (in which round), or still standing. */
export function candidateOutcome(
  election: Election,
  slug: string,
  lang: Lang = 'en',
): { outcome: Outcome; round?: number; label: string } {
  const t = tr(lang);
  // French and Spanish agree with the candidate where content says how; otherwise they use
  // wording that agrees with anyone ("Victoire…", "Candidatura…").
  const gender = genderOf(election, slug);
  if (election.decision?.winner === slug) {
    const { decision } = election;
    return {
      outcome: 'elected',
      label: t('outcome.elected', {
        gender,
        how: howElected(decision, lang),
        date: formatDate(decision.date, lang),
      }),
    };
  }
  for (const round of election.rounds) {
    const result = round.results.find((r) => r.candidate === slug);
    if (result?.outcome === 'withdrew')
      return {
        outcome: 'withdrew',
        round: round.number,
        label: t('outcome.withdrew', { round: round.number }),
      };
    if (result?.outcome === 'eliminated')
      return {
        outcome: 'eliminated',
        round: round.number,
        label: t('outcome.eliminated', { round: round.number, gender }),
      };
  }
  if (election.status === 'decided')
    return { outcome: 'continued', label: t('outcome.notElected', { gender }) };
  return { outcome: 'standing', label: t('outcome.standing') };
}

/**
 * "Reported by AP" / "Official figure" / "Unconfirmed" / "Not reported". `inBrackets`: the
 * label inside brackets mid-sentence, where French and Spanish start it lowercase ("171
 * appelés à voter (selon Devex)"); English keeps its capital there, as it always has.
 */
/**
 * A page's title within its election: "How the vote works: Sample Union 2024"; after a title
 * that ends in its own mark, a dash ("Who can vote? – Sample Union 2024"), never "?:".
 */
export function titleIn(title: string, election: string, lang: Lang = 'en'): string {
  return tr(lang)(/[?!]$/.test(title) ? 'page.titleInAfterMark' : 'page.titleIn', {
    title,
    election,
  });
}

export function provenanceLabel(
  figure: Figure | undefined,
  lang: Lang = 'en',
  inBrackets = false,
  byHtml?: (figure: Figure) => { html: string },
): string {
  const t = tr(lang);
  // As HTML when the figure's `by` is given as HTML (marked where it is shown in English).
  const say = byHtml ? t.html : t;
  const label = (): string => {
    if (!figure || figure.value === null) return say('provenance.notReported');
    switch (figure.status) {
      case 'official':
        return say('provenance.official');
      case 'reported':
        return say('provenance.reported', {
          by: figure.by === undefined ? t('provenance.thePress') : (byHtml?.(figure) ?? figure.by),
        });
      default:
        return say('provenance.unconfirmed');
    }
  };
  // The label's first word is the catalogue's, never content's: lowering it is safe.
  return inBrackets && lang !== 'en' ? lowerFirst(label()) : label();
}

export function formatFigure(figure: Figure | undefined, lang: Lang = 'en'): string {
  return !figure || figure.value === null
    ? tr(lang)('figure.notReported')
    : formatNumber(figure.value, lang);
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
export function citations(
  election: Election,
  ids: readonly string[],
  lang: Lang = 'en',
): Citation[] {
  const list = [...new Set(ids)].flatMap((id) => {
    const source = election.sourcesById.get(id);
    const label = source?.label ?? source?.publisher;
    const href = inLanguage(lang, urls.source(election.slug, id));
    return source && label ? [{ id, label, href, source }] : [];
  });
  const dated = list.map((c) => {
    const twins = list.filter((o) => o.label === c.label).length > 1;
    return twins && c.source.date !== undefined
      ? { ...c, label: `${c.label}, ${formatDate(c.source.date, lang)}` }
      : c;
  });
  // Still alike (two stories of one agency the same day): numbered as the election lists
  // them, so that a source has the same number on every page.
  return dated.map((c) => {
    if (dated.filter((o) => o.label === c.label).length === 1) return c;
    const alike = election.sources.filter(
      (s) =>
        (s.label ?? s.publisher) === (c.source.label ?? c.source.publisher) &&
        s.date === c.source.date,
    );
    return { ...c, label: `${c.label} (${alike.indexOf(c.source) + 1})` };
  });
}

/** The OpenGraph locale of a language (`fr_FR`). */
export function ogLocale(lang: Lang): string {
  return LOCALES[lang].replace('-', '_');
}

export function roundNeeded(election: Election, round: Round): number | null {
  return votesNeeded(roundThreshold(election.rule, round), round, election.electorate);
}

/** The threshold a round was measured against. */
export function thresholdOf(election: Election, round: Round): Threshold {
  return roundThreshold(election.rule, round);
}

/** Events in date order; on one day, timed events by their time (untimed ones keep their place first). */
const byWhen = (a: TimelineEvent, b: TimelineEvent): number =>
  compareDates(a.date, b.date) || (a.time ?? '').localeCompare(b.time ?? '');

/** Events grouped by year, in date order. */
export function timelineByYear(election: Election): [string, TimelineEvent[]][] {
  const sorted = [...election.timeline].sort(byWhen);
  const groups = new Map<string, TimelineEvent[]>();
  for (const event of sorted) {
    const year = event.date.slice(0, 4);
    const group = groups.get(year);
    if (group) group.push(event);
    else groups.set(year, [event]);
  }
  return [...groups];
}

interface CitingPage {
  label: string;
  href: string;
  /** The state of the label's text, when it comes from content that has one. */
  translation?: TranslationState;
}

/**
 * The pages of an election that cite each of its sources, by source id, for the sources page:
 * the election walked once, not once a source (6,500 sources each walking an election of
 * 6,500 entries held the rendering thread past its 15 s).
 */
export function citingPages(election: Election, lang: Lang = 'en'): Map<string, CitingPage[]> {
  const pages = new Map<string, CitingPage[]>();
  const add = (ids: Iterable<string>, page: CitingPage): void => {
    for (const id of new Set(ids)) {
      const list = pages.get(id);
      if (list) list.push(page);
      else pages.set(id, [page]);
    }
  };
  const idsIn = (value: unknown): string[] => Array.from(citedSourceIds(value), ([id]) => id);
  const href = (path: string): string => inLanguage(lang, path);
  const { candidates, articles } = election;
  // The election's own claims: everything but the source list itself and the nested entries.
  const data = { ...election, sources: [], sourcesById: undefined, candidates: [], articles: [] };
  add(idsIn(data), { label: tr(lang)('sources.overview'), href: href(election.url) });
  for (const c of candidates) {
    const { biography, ...fields } = c;
    add([...idsIn(fields), ...biography.footnoteRefs], { label: c.name, href: href(c.url) });
  }
  for (const a of articles) {
    const { body, ...fields } = a;
    add([...idsIn(fields), ...body.footnoteRefs], {
      label: a.title,
      href: href(a.url),
      translation: a.translation,
    });
  }
  return pages;
}

/**
 * "September 2021 – present", "1989 – 1994", "From 2015", "" when undated; in French and
 * Spanish with the article a day takes ("à partir du 1er octobre 2018", "desde el …").
 */
export function dateRange(
  from: string | undefined,
  to: string | undefined,
  current: boolean,
  lang: Lang = 'en',
): string {
  if (from === undefined && to === undefined) return '';
  const t = tr(lang);
  const day = (date: string | undefined): boolean => date !== undefined && date.length === 10;
  const start = from === undefined ? undefined : formatDate(from, lang);
  const end = to === undefined ? (current ? t('range.present') : undefined) : formatDate(to, lang);
  if (start === undefined) return t(day(to) ? 'range.untilDay' : 'range.until', { end: end ?? '' });
  if (end === undefined) return t(day(from) ? 'range.fromDay' : 'range.from', { start });
  return start === end ? start : `${start} – ${end}`;
}

type Role = Candidate['roles'][number];

/** A role held now: begun, with no end date (`to: null`, an end not reported, is not). */
export const heldNow = (r: Role): boolean => r.to === undefined && r.from !== undefined;

/** A role with no dates at all. */
const undated = (r: Role): boolean => (r.to ?? undefined) === undefined && r.from === undefined;

/**
 * Roles newest first; a role with no end date is held now, one whose end is not reported
 * (`to: null`) is not, and says so.
 */
export function careerTimeline(
  candidate: Candidate,
  lang: Lang = 'en',
): (Role & { range: string; current: boolean })[] {
  const latest = (r: Role): string => r.to ?? r.from ?? '0000';
  const range = (r: Role): string => {
    const dates = dateRange(r.from, r.to ?? undefined, heldNow(r), lang);
    return r.to === null && r.from !== undefined
      ? `${dates}${tr(lang)('range.endUnknown')}`
      : dates;
  };
  // Held now first, then by when they ended, newest first; undated roles last.
  return [...candidate.roles]
    .sort(
      (a, b) =>
        Number(heldNow(b)) - Number(heldNow(a)) ||
        Number(undated(a)) - Number(undated(b)) ||
        compareDates(latest(b), latest(a)) ||
        compareDates(b.from ?? '0000', a.from ?? '0000'),
    )
    .map((role) => ({
      ...role,
      current: heldNow(role),
      range: range(role),
    }));
}

/** When a qualification was studied for: "1992 – 1996", or just the year it was gained. */
export function studyDates(
  from: string | undefined,
  to: string | undefined,
  lang: Lang = 'en',
): string {
  if (from === undefined && to !== undefined) return formatDate(to, lang);
  return dateRange(from, to, false, lang);
}

/** Initials for a monogram: "JD" for Jane Doe, "JT" for Jean-Marc de la Tour. */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  const picked = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return picked.map((w) => [...w][0]).join('');
}

/** The most recent events (or, before the vote, the next ones). */
export function keyEvents(election: Election, count = 3): TimelineEvent[] {
  const sorted = [...election.timeline].sort(byWhen);
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
  lang: Lang = 'en',
): { steps: ChainStep[]; gaps: { slug: string; name: string; text: string }[] } {
  const t = tr(lang);
  const steps: ChainStep[] = [];
  const { members, eligible } = election.electorate;
  const step = (label: string, figure: Figure): ChainStep => ({
    label,
    value: formatFigure(figure, lang),
    figure,
  });
  if (members.value !== null) steps.push(step(t('chain.members'), members));
  if (eligible && eligible.value !== null) steps.push(step(t('chain.eligible'), eligible));
  steps.push(step(t('chain.cast'), round.cast));
  const threshold = roundThreshold(election.rule, round);
  const needed = roundNeeded(election, round);
  steps.push({
    label: t('chain.needed'),
    value:
      needed === null
        ? t('figure.notKnown')
        : t('chain.neededValue', { needed, rule: describeThreshold(threshold, lang) }),
  });
  const gaps = round.results.map((r) => {
    const name = candidateName(election, r.candidate);
    const votes = r.votes.value;
    let text: string;
    if (votes === null) text = t('chain.votesNotReported');
    else if (needed === null) text = t('chain.votes', { count: votes, votes });
    else {
      const counted = t('chain.votes', { count: votes, votes });
      text =
        votes >= needed
          ? t('chain.reached', { count: votes, votes: counted })
          : t('chain.short', { count: needed - votes, votes: counted, short: needed - votes });
    }
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

export function outcomeWord(
  outcome: Round['results'][number]['outcome'],
  lang: Lang = 'en',
  gender?: Gender,
): string {
  const t = tr(lang);
  return {
    continued: () => t('result.continued'),
    withdrew: () => t('result.withdrew'),
    eliminated: () => t('result.eliminated', { gender }),
    elected: () => t('result.elected', { gender }),
    'not-elected': () => t('result.notElected', { gender }),
  }[outcome]();
}

/** The form of words that agrees with a candidate, where content says it (see `grammaticalGender`). */
export function genderOf(election: Election, slug: string): Gender | undefined {
  const gender = election.candidates.find((c) => c.slug === slug)?.grammaticalGender;
  return gender === 'feminine' ? 'female' : gender === 'masculine' ? 'male' : undefined;
}

/** A result's outcome as the page says it: in a round that elected someone, the others were not elected. */
export function shownOutcome(
  round: Round,
  result: Pick<Round['results'][number], 'outcome'>,
): Round['results'][number]['outcome'] {
  const decisive = round.results.some((r) => r.outcome === 'elected');
  return decisive && result.outcome === 'continued' ? 'not-elected' : result.outcome;
}

const languageNames = new Map<Lang, Intl.DisplayNames>();

/** "Portuguese" for "pt"; "portugais", "portugués". */
export function languageName(code: string, lang: Lang = 'en'): string {
  let names = languageNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'language' });
    languageNames.set(lang, names);
  }
  return names.of(code) ?? code;
}

/**
 * Whether a role (dates of any precision) was held on a given day: true, false, or undefined
 * when that is not known: it had begun and its end is not reported (`to: null`), or it has
 * no dates at all.
 */
function heldOn(role: Role, day: string): boolean | undefined {
  if (undated(role)) return undefined;
  const started = role.from === undefined || compareDates(role.from, day) <= 0;
  if (role.to === null) return started ? undefined : false;
  // "to: 2023" covers all of 2023: compare at the precision the end date has.
  const ended = role.to !== undefined && compareDates(role.to, day.slice(0, role.to.length)) < 0;
  return started && !ended;
}

/**
 * The most recent role held on the day of the vote, if any: one known to be held, else one
 * begun before it whose end is not reported, else one without dates.
 */
export function roleAtVote(candidate: Candidate, election: Election): string | undefined {
  const role = heldAtVote(candidate, election);
  return role ? `${role.title}${role.organization ? `, ${role.organization}` : ''}` : undefined;
}

/** The role roleAtVote words: held on the day of the vote, or maybe held (dates not reported). */
export function heldAtVote(candidate: Candidate, election: Election): Role | undefined {
  const roles = careerTimeline(candidate);
  return (
    roles.find((r) => heldOn(r, election.dates.vote) === true) ??
    roles.find((r) => heldOn(r, election.dates.vote) === undefined)
  );
}

// ---------------------------------------------------------------------------------------
// Vote day: times at the venue, what it will take, what happens next, the whole race

/** A time of day at the venue, with its zone when content gives one. */
export function atVenue(
  election: Election,
  date: string,
  time: string,
  lang: Lang = 'en',
): VenueTime | { iso: string; label: string } {
  return formatVenueTime(date, time, election.venue.timeZone, lang);
}

/** When voting starts, at the venue; undefined without a start time. */
export function voteStart(
  election: Election,
  lang: Lang = 'en',
): { iso: string; label: string } | undefined {
  return election.dates.start === undefined
    ? undefined
    : atVenue(election, election.dates.vote, election.dates.start, lang);
}

/** A timeline event's time, on the day it names (events of a whole month or year have none). */
export function eventTime(
  election: Election,
  event: TimelineEvent,
  lang: Lang = 'en',
): { iso: string; label: string } | undefined {
  return event.time === undefined || event.date.length !== 10
    ? undefined
    : atVenue(election, event.date, event.time, lang);
}

/** When a round's result was announced, at the venue. */
export function roundReported(
  election: Election,
  round: Round,
  lang: Lang = 'en',
): { iso: string; label: string } | undefined {
  return round.reported === undefined
    ? undefined
    : atVenue(election, round.date ?? election.dates.vote, round.reported, lang);
}

/** The electorate a threshold is computed for before the vote: those eligible, else all members. */
function knownElectorate(
  election: Election,
): { count: number; who: 'next.ifAllEligible' | 'next.ifAllMembers' } | undefined {
  const { members, eligible } = election.electorate;
  if (eligible && eligible.value !== null)
    return { count: eligible.value, who: 'next.ifAllEligible' };
  if (members.value !== null) return { count: members.value, who: 'next.ifAllMembers' };
  return undefined;
}

export interface StageNeed {
  rounds: string;
  rule: string;
  /** "If all 90 eligible members vote, a candidate needs at least 60 votes." */
  ifAllVote: string | undefined;
  needed: number | null;
}

/** Each stage of the rule, with the votes it takes if the whole known electorate votes. */
export function stageNeeds(election: Election, lang: Lang = 'en'): StageNeed[] {
  const known = knownElectorate(election);
  return ruleStages(election.rule).map((stage) => {
    const needed =
      known === undefined
        ? null
        : votesNeeded(
            stage.threshold,
            { cast: { value: known.count, sources: [] } },
            election.electorate,
          );
    return {
      rounds: stageRounds(stage, lang),
      rule: describeThreshold(stage.threshold, lang),
      needed,
      ifAllVote:
        known === undefined || needed === null
          ? undefined
          : tr(lang)(known.who, { count: known.count, needed }),
    };
  });
}

const ENDING_WORDS = {
  ballot: 'rule.endBallot',
  withdrawal: 'rule.endWithdrawal',
  acclamation: 'rule.endAcclamation',
  lot: 'rule.endLot',
} as const;

/** How candidates leave the race, in words computed from the rule. */
function eliminationWords(election: Election, lang: Lang): string | undefined {
  const e = election.rule.elimination;
  if (!e) return undefined;
  if (e.who === undefined) return e.description;
  const t = tr(lang);
  const after = e.after ?? [];
  const when =
    e.from !== undefined
      ? e.from === 1
        ? t('rule.afterEach')
        : t('rule.afterEachFrom', { from: e.from })
      : t('rule.after', { count: after.length, rounds: listWords(after.map(String), lang) });
  return t('rule.eliminated', { when });
}

/** "1, 2 and 3", "1, 2 et 3", "1, 2 y 3". */
function listWords(items: string[], lang: Lang): string {
  return new Intl.ListFormat(LOCALES[lang], { type: 'conjunction' }).format(items);
}

/**
 * The rule as numbered steps, each branch in its place. With `textHtml` (content text as HTML,
 * marked `lang="en"` where a translation leaves it out), the steps are HTML, escaped.
 */
export function ruleSteps(
  election: Election,
  lang: Lang = 'en',
  textHtml?: (thing: object, text: string, key: string) => string | { html: string },
): string[] {
  const t = tr(lang);
  const say = textHtml ? t.html : t;
  const plain = textHtml ? (text: string) => ejs.escapeXML(text) : (text: string) => text;
  const text = (thing: object, value: string, key: string) =>
    textHtml ? textHtml(thing, value, key) : value;
  const steps = [
    say('rule.votes', {
      body: text(election.electingBody, election.electingBody.name, 'name'),
      method: text(election.method, lowerFirst(election.method.description), 'description'),
    }),
  ];
  const needs = stageNeeds(election, lang);
  for (const need of needs) {
    const head = needs.length === 1 ? t('rule.everyRound') : need.rounds;
    steps.push(
      `${say('rule.stage', { head, rule: need.rule })}${need.ifAllVote ? ` ${plain(need.ifAllVote)}` : ''}`,
    );
  }
  steps.push(say('rule.again'));
  const elimination = eliminationWords(election, lang);
  if (elimination) steps.push(plain(elimination));
  const ends = election.rule.ends?.filter((e) => e !== 'ballot') ?? [];
  if (ends.length > 0)
    steps.push(
      say('rule.endsAlso', { ways: ends.map((e) => t(ENDING_WORDS[e])).join(t('rule.or')) }),
    );
  return steps;
}

/** The first letter in lower case, unless it starts an acronym ("EU member states"). */
const lowerFirst = (text: string): string =>
  /^\p{Lu}\p{Lu}/u.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);

/** The last round reported, if any. */
export function lastRound(election: Election): Round | undefined {
  return election.rounds.at(-1);
}

/** "Voting under way — round 2 reported at 13:05 CEST"; undefined unless voting. */
export function liveBanner(
  election: Election,
  lang: Lang = 'en',
):
  | { text: string; state: string; detail: string; when?: { iso: string; label: string } }
  | undefined {
  if (election.status !== 'voting') return undefined;
  const t = tr(lang);
  const state = t('live.underWay');
  const last = lastRound(election);
  const start = voteStart(election, lang);
  const at = last ? roundReported(election, last, lang) : start;
  const detail = last
    ? t(at ? 'live.roundReportedAt' : 'live.roundReported', { round: last.number })
    : t(at ? 'live.noRoundYetBegan' : 'live.noRoundYet');
  const text = `${state} — ${detail}${at ? ` ${at.label}` : ''}`;
  return at ? { text, state, detail, when: at } : { text, state, detail };
}

/** What happens after the last reported round, computed from the rule and its figures. */
export function whatHappensNext(election: Election, lang: Lang = 'en'): string[] {
  if (election.status !== 'voting') return [];
  const t = tr(lang);
  const last = lastRound(election);
  const { rule } = election;
  if (!last) {
    const first = stageNeeds(election, lang)[0];
    return [
      `${t('next.roundNeeds', { round: 1, rule: first?.rule ?? describeRule(rule, lang) })}${first?.ifAllVote ? ` ${first.ifAllVote}` : ''}`,
    ];
  }
  const lines: string[] = [];
  const round = last.number;
  for (const r of last.results) {
    const name = candidateName(election, r.candidate);
    if (r.outcome === 'eliminated') lines.push(t('next.eliminated', { name, round }));
    if (r.outcome === 'withdrew') lines.push(t('next.withdrew', { name, round }));
  }
  const remaining = last.results.filter((r) => r.outcome === 'continued');
  const next = round + 1;
  if (remaining.length === 1) {
    lines.push(
      t('next.onlyOne', { name: candidateName(election, remaining[0]!.candidate) }) +
        (rule.ends?.includes('acclamation') ? t('next.mayAcclaim') : t('next.decides', { next })),
    );
  }
  const before = roundThreshold(rule, last);
  const after = stageThreshold(rule, next);
  lines.push(
    describeThreshold(before) === describeThreshold(after)
      ? t('next.same', { next, round, rule: describeThreshold(after, lang) })
      : t('next.changes', {
          next,
          round,
          after: describeThreshold(after, lang),
          before: describeThreshold(before, lang),
        }),
  );
  const cast = last.cast.value;
  const needed =
    cast === null ? null : votesNeeded(after, { cast: last.cast }, election.electorate);
  if (cast !== null && needed !== null) {
    lines.push(t('next.ifSame', { cast, next, needed }));
    for (const r of remaining) {
      const votes = r.votes.value;
      if (votes === null) continue;
      const name = candidateName(election, r.candidate);
      lines.push(
        votes >= needed
          ? t('next.enough', { name, votes, round })
          : t('next.short', { name, votes, round, short: needed - votes, count: needed - votes }),
      );
    }
  }
  if (eliminatesAfter(rule, next) && remaining.length > 2) {
    lines.push(t('next.eliminates', { next }));
  }
  return lines;
}

export interface RaceBar {
  name: string;
  slug: string;
  votes: number | null;
  outcome: Round['results'][number]['outcome'];
  /** Height on a 0–100 scale of the chart's largest figure. */
  height: number;
  /** Index of the candidate in the election's alphabetical list: its colour pattern. */
  series: number;
}

export interface RaceRound {
  number: number;
  needed: number | null;
  /** The threshold on the same 0–100 scale. */
  thresholdHeight: number | undefined;
  bars: RaceBar[];
  rule: string;
}

/** Every round side by side, on one scale: the picture of the whole race. Null before any votes. */
export function raceChart(
  election: Election,
  lang: Lang = 'en',
): {
  rounds: RaceRound[];
  max: number;
  slots: number;
  names: { slug: string; name: string; series: number }[];
} | null {
  const reported = election.rounds.filter((r) => r.results.some((x) => x.votes.value !== null));
  if (reported.length === 0) return null;
  const max = Math.max(
    1,
    ...election.rounds.flatMap((r) => [
      roundNeeded(election, r) ?? 0,
      ...r.results.map((x) => x.votes.value ?? 0),
    ]),
  );
  const order = election.candidates.map((c) => c.slug);
  const rounds = election.rounds.map((round) => {
    const needed = roundNeeded(election, round);
    const bars = [...round.results]
      .sort((a, b) => order.indexOf(a.candidate) - order.indexOf(b.candidate))
      .map((r) => ({
        name: candidateName(election, r.candidate),
        slug: r.candidate,
        votes: r.votes.value,
        outcome: shownOutcome(round, r),
        height: r.votes.value === null ? 0 : (r.votes.value / max) * 100,
        series: Math.max(0, order.indexOf(r.candidate)),
      }));
    return {
      number: round.number,
      needed,
      thresholdHeight: needed === null ? undefined : (needed / max) * 100,
      bars,
      rule: describeThreshold(roundThreshold(election.rule, round), lang),
    };
  });
  const names = election.candidates
    .map((c, series) => ({ slug: c.slug, name: c.name, series }))
    .filter((c) => election.rounds.some((r) => r.results.some((x) => x.candidate === c.slug)));
  return { rounds, max, slots: Math.max(1, ...rounds.map((r) => r.bars.length)), names };
}
