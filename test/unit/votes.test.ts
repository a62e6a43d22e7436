import { describe, expect, it } from 'vitest';
import type { ElectionData, Threshold } from '../../src/content/schemas.js';
import {
  describeRule,
  describeThreshold,
  eliminatesAfter,
  roundThreshold,
  ruleStages,
  stageRounds,
  stageThreshold,
  votesNeeded,
} from '../../src/content/votes.js';

const twoThirds: Threshold = {
  fraction: '2/3',
  comparison: 'at-least',
  of: 'votes-cast',
  description: 'Two-thirds.',
  sources: [],
};
const majority: Threshold = {
  fraction: '1/2',
  comparison: 'more-than',
  of: 'votes-cast',
  description: 'Majority.',
  sources: [],
};
const electorate: ElectionData['electorate'] = {
  members: { value: 175, status: 'official', sources: ['s'] },
  eligible: { value: 171, status: 'reported', by: 'Devex', sources: ['s'] },
  sources: [],
};
const cast = (value: number | null) => ({ cast: { value, sources: [] } });

describe('votes needed to win a round', () => {
  it('two-thirds of 165 votes cast is exactly 110', () => {
    expect(votesNeeded(twoThirds, cast(165), electorate)).toBe(110);
  });

  it('rounds up when two-thirds is not a whole number', () => {
    expect(votesNeeded(twoThirds, cast(142), electorate)).toBe(95);
  });

  it('a simple majority is more than half', () => {
    expect(votesNeeded(majority, cast(100), electorate)).toBe(51);
    expect(votesNeeded(majority, cast(101), electorate)).toBe(51);
  });

  it('can be measured against members or the eligible electorate', () => {
    expect(votesNeeded({ ...twoThirds, of: 'members' }, cast(165), electorate)).toBe(117);
    expect(votesNeeded({ ...twoThirds, of: 'eligible' }, cast(165), electorate)).toBe(114);
  });

  it('is unknown when the votes cast were not reported', () => {
    expect(votesNeeded(twoThirds, cast(null), electorate)).toBeNull();
  });

  it('reads as words', () => {
    expect(describeThreshold(twoThirds)).toBe('at least two-thirds of the votes cast');
    expect(describeThreshold({ ...majority, of: 'present-and-voting' })).toBe(
      'more than half of the members present and voting',
    );
  });
});

describe('the rule in stages', () => {
  const rule = {
    threshold: { ...twoThirds, of: 'present-and-voting' as const },
    stages: [{ from: 3, threshold: { ...majority, of: 'present-and-voting' as const } }],
  };

  it('gives each round the threshold of its stage', () => {
    expect(stageThreshold(rule, 1).fraction).toBe('2/3');
    expect(stageThreshold(rule, 2).fraction).toBe('2/3');
    expect(stageThreshold(rule, 3).fraction).toBe('1/2');
    expect(stageThreshold(rule, 9).fraction).toBe('1/2');
    expect(roundThreshold(rule, { number: 3, threshold: twoThirds })).toBe(twoThirds);
  });

  it('says every stage in one line, and a rule that never changes as before', () => {
    expect(describeRule(rule)).toBe(
      'Rounds 1–2: at least two-thirds of the members present and voting; from round 3: more than half',
    );
    expect(describeRule({ threshold: twoThirds, stages: [] })).toBe(
      'at least two-thirds of the votes cast',
    );
    expect(
      ruleStages({
        threshold: twoThirds,
        stages: [
          { from: 2, threshold: majority },
          { from: 4, threshold: twoThirds },
        ],
      }).map(stageRounds),
    ).toEqual(['Round 1', 'Rounds 2–3', 'From round 4']);
  });

  it('eliminates after the listed rounds, or after every round from one on', () => {
    const after = { description: 'x', who: 'fewest-votes' as const, after: [3], sources: [] };
    const from = { description: 'x', who: 'fewest-votes' as const, from: 2, sources: [] };
    expect([1, 2, 3, 4].map((n) => eliminatesAfter({ elimination: after }, n))).toEqual([
      false,
      false,
      true,
      false,
    ]);
    expect([1, 2, 3].map((n) => eliminatesAfter({ elimination: from }, n))).toEqual([
      false,
      true,
      true,
    ]);
    expect(
      eliminatesAfter({ elimination: { description: 'In words only.', sources: [] } }, 3),
    ).toBe(false);
  });
});
