// The role a candidate held on the day of the vote, from roles of every kind of dating.
import { describe, expect, it } from 'vitest';
import type { Candidate, Election } from '../../src/content/model.js';
import { roleAtVote } from '../../src/http/present.js';

const vote = { dates: { vote: '2018-06-29' } } as unknown as Election;
const withRoles = (roles: Partial<Candidate['roles'][number]>[]): Candidate =>
  ({ roles: roles.map((r) => ({ sources: [], ...r })) }) as unknown as Candidate;

describe('the role at the vote', () => {
  it('is one known to be held that day, before one whose end is not reported', () => {
    const c = withRoles([
      { title: 'Adviser', from: '2010', to: null },
      { title: 'Deputy Director General', from: '2009', to: '2019' },
    ]);
    expect(roleAtVote(c, vote)).toBe('Deputy Director General');
  });

  it('is one begun before the vote whose end is not reported, before one with no dates', () => {
    const c = withRoles([
      { title: 'Honorary consul' },
      { title: 'Deputy Director General', from: '2009', to: null },
    ]);
    expect(roleAtVote(c, vote)).toBe('Deputy Director General');
  });

  it('is never one that began after the vote or ended before it', () => {
    const c = withRoles([
      { title: 'Director General', from: '2018-10-01', to: null },
      { title: 'Minister', from: '1995', to: '1997' },
    ]);
    expect(roleAtVote(c, vote)).toBeUndefined();
  });
});
