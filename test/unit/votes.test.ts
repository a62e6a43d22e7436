import { describe, expect, it } from 'vitest';
import type { ElectionData, Threshold } from '../../src/content/schemas.js';
import { describeThreshold, votesNeeded } from '../../src/content/votes.js';

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
