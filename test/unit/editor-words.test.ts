import { describe, expect, it } from 'vitest';
import { dateHint } from '../../src/content/dates.js';
import { fieldInWords, singular } from '../../src/content/field-words.js';

describe('date hints', () => {
  it('turn a day-first or month-first date into the form the site reads', () => {
    expect(dateHint('15/05/1974')).toBe('Did you mean 1974-05-15?');
    expect(dateHint('05/15/1974')).toBe('Did you mean 1974-05-15?');
    expect(dateHint('15.05.1974')).toBe('Did you mean 1974-05-15?');
    expect(dateHint('1974-5-15')).toBe('Did you mean 1974-05-15?');
    expect(dateHint('15 May 1974')).toBe('Did you mean 1974-05-15?');
    expect(dateHint('May 15, 1974')).toBe('Did you mean 1974-05-15?');
    expect(dateHint('May 1974')).toBe('Did you mean 1974-05?');
  });

  it('say what cannot be, and ask when the order is ambiguous', () => {
    expect(dateHint('1974-13-40')).toBe(
      'There is no month 13: dates are written year-month-day, like 2025-06-30.',
    );
    expect(dateHint('2023-02-29')).toBe('There is no day 29 in February 2023.');
    expect(dateHint('03/04/2024')).toBe(
      'Dates are written year-month-day: 2024-04-03 for 3 April, or 2024-03-04 for 4 March.',
    );
    expect(dateHint('yesterday')).toBeUndefined();
  });
});

describe('field paths in words', () => {
  const election = {
    rounds: [
      {
        number: 1,
        results: [
          { candidate: 'amy-pope', votes: 1 },
          { candidate: 'antonio-vitorino', votes: 2 },
        ],
      },
    ],
    sources: [{ id: 'wire', title: 'The wire story' }],
    timeline: [{ date: '2023', sources: ['a', 'b'] }],
  };
  const names = (slug: string) => ({ 'antonio-vitorino': 'António Vitorino' })[slug];

  it('name list items by what they hold', () => {
    expect(fieldInWords(election, ['rounds', 0, 'results', 1, 'votes'], names)).toBe(
      'round 1 › António Vitorino › votes',
    );
    expect(fieldInWords(election, ['rounds', 0, 'results', 0, 'votes'], names)).toBe(
      'round 1 › amy-pope › votes',
    );
    expect(fieldInWords(election, ['sources', 0, 'id'])).toBe('source "The wire story" › id');
    expect(fieldInWords(election, ['timeline', 0, 'sources', 1])).toBe('timeline 1 › source 2');
    expect(fieldInWords({}, ['born', 'date'])).toBe('born › date');
  });

  it('make list names singular', () => {
    expect(['rounds', 'aliases', 'entries', 'sources', 'related'].map(singular)).toEqual([
      'round',
      'alias',
      'entry',
      'source',
      'related',
    ]);
  });
});
