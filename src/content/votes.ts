// The arithmetic of a threshold rule: what it takes to win a round.
import type { ElectionData, Round, Threshold } from './schemas.js';

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
