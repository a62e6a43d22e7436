// The arithmetic of a threshold rule: what it takes to win a round.
import type { ElectionData, Round, Threshold } from './schemas.js';

type Rule = ElectionData['rule'];

export interface Fraction {
  numerator: number;
  denominator: number;
}

export function parseFraction(text: string): Fraction {
  const [numerator, denominator] = text.split('/').map(Number);
  return { numerator: numerator ?? 1, denominator: denominator ?? 1 };
}

const FRACTION_WORDS: Record<string, string> = {
  '1/2': 'half',
  '2/3': 'two-thirds',
  '3/4': 'three-quarters',
  '3/5': 'three-fifths',
};

const BASE_WORDS: Record<Threshold['of'], string> = {
  'votes-cast': 'the votes cast',
  'present-and-voting': 'the members present and voting',
  members: 'all members',
  eligible: 'the members eligible to vote',
};

/** "at least two-thirds of the votes cast" */
export function describeThreshold(threshold: Threshold): string {
  const fraction = FRACTION_WORDS[threshold.fraction] ?? threshold.fraction;
  const comparison = threshold.comparison === 'at-least' ? 'at least' : 'more than';
  return `${comparison} ${fraction} of ${BASE_WORDS[threshold.of]}`;
}

/** The number the fraction is taken of, in a round; null when it was not reported. */
export function thresholdBase(
  threshold: Threshold,
  round: Pick<Round, 'cast'>,
  electorate: ElectionData['electorate'],
): number | null {
  switch (threshold.of) {
    case 'votes-cast':
    case 'present-and-voting':
      return round.cast.value;
    case 'members':
      return electorate.members.value;
    case 'eligible':
      return electorate.eligible?.value ?? null;
  }
}

/** Votes needed to win a round under a threshold rule; null when the base is not reported. */
export function votesNeeded(
  threshold: Threshold,
  round: Pick<Round, 'cast'>,
  electorate: ElectionData['electorate'],
): number | null {
  const base = thresholdBase(threshold, round, electorate);
  if (base === null) return null;
  const { numerator, denominator } = parseFraction(threshold.fraction);
  const product = base * numerator;
  // Integer arithmetic: 2/3 of 165 is exactly 110, with no floating-point rounding.
  return threshold.comparison === 'at-least'
    ? Math.ceil(product / denominator)
    : Math.floor(product / denominator) + 1;
}

/** A stage of the rule: its threshold applies from round `from` to round `to` (open-ended when undefined). */
export interface Stage {
  from: number;
  to: number | undefined;
  threshold: Threshold;
}

/** The rule's thresholds in round order: the election's from round 1, then each later stage. */
export function ruleStages(rule: Pick<Rule, 'threshold' | 'stages'>): Stage[] {
  // A stage from round 1, or two from one round, is a content problem; the first one counts.
  const starts = [{ from: 1, threshold: rule.threshold }];
  for (const stage of [...rule.stages].sort((a, b) => a.from - b.from)) {
    if (!starts.some((s) => s.from === stage.from)) starts.push(stage);
  }
  return starts.map((s, i) => {
    const next = starts[i + 1];
    return { from: s.from, to: next === undefined ? undefined : next.from - 1, threshold: s.threshold };
  });
}

/** The threshold of round `number` under the rule (a round may still state its own). */
export function stageThreshold(rule: Pick<Rule, 'threshold' | 'stages'>, number: number): Threshold {
  let found = rule.threshold;
  for (const stage of ruleStages(rule)) if (stage.from <= number) found = stage.threshold;
  return found;
}

/** A round's threshold: its own when it states one, else its stage's. */
export function roundThreshold(rule: Pick<Rule, 'threshold' | 'stages'>, round: Pick<Round, 'number' | 'threshold'>): Threshold {
  return round.threshold ?? stageThreshold(rule, round.number);
}

/** "Round 1", "Rounds 1–2", "From round 3". */
export function stageRounds(stage: Pick<Stage, 'from' | 'to'>): string {
  if (stage.to === undefined) return stage.from === 1 ? 'Every round' : `From round ${stage.from}`;
  return stage.from === stage.to ? `Round ${stage.from}` : `Rounds ${stage.from}–${stage.to}`;
}

/**
 * The rule in one line: "at least two-thirds of the votes cast" when it never changes;
 * "Rounds 1–2: at least two-thirds of …; from round 3: more than half of …" when it does.
 */
export function describeRule(rule: Pick<Rule, 'threshold' | 'stages'>): string {
  const stages = ruleStages(rule);
  if (stages.length === 1) return describeThreshold(stages[0]!.threshold);
  return stages
    .map((s, i) => {
      const when = stageRounds(s);
      const words = i > 0 && stages[i - 1]!.threshold.of === s.threshold.of
        ? `${s.threshold.comparison === 'at-least' ? 'at least' : 'more than'} ${FRACTION_WORDS[s.threshold.fraction] ?? s.threshold.fraction}`
        : describeThreshold(s.threshold);
      return `${i === 0 ? when : when.charAt(0).toLowerCase() + when.slice(1)}: ${words}`;
    })
    .join('; ');
}

/** Whether the rule eliminates the candidate with the fewest votes after round `number`. */
export function eliminatesAfter(rule: Pick<Rule, 'elimination'>, number: number): boolean {
  const e = rule.elimination;
  if (!e || e.who === undefined) return false;
  if (e.after?.includes(number)) return true;
  return e.from !== undefined && number >= e.from;
}
