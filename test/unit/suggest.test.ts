import { describe, expect, it } from 'vitest';
import { closest } from '../../src/content/suggest.js';

describe('did you mean', () => {
  it('finds a near miss', () => {
    expect(closest('amy-pop', ['amy-pope', 'antonio-vitorino'])).toBe('amy-pope');
    expect(closest('vitornio', ['pope', 'vitorino'])).toBe('vitorino');
  });
  it('prefers a difference of case alone', () => {
    expect(closest('sortname', ['name', 'sortName'])).toBe('sortName');
  });
  it('knows the same words written another way, however far apart in letters', () => {
    const sources = ['afp-round-one', 'afp-round-two', 'reuters-2023-05-15'];
    expect(closest('afp-round1', sources)).toBe('afp-round-one');
    expect(closest('afp_round_2', sources)).toBe('afp-round-two');
    expect(closest('AFP-round-first', sources)).toBe('afp-round-one');
    expect(closest('reuters-2023-5-15', sources)).toBe('reuters-2023-05-15');
    // A difference of case alone still comes first.
    expect(closest('AFP-Round-One', ['afp-round-one', 'AFP-Round-1'])).toBe('afp-round-one');
    // The same words in another order are another name: a letter's typo is the better guess.
    expect(closest('pope-beats-vitorino', ['vitorino-beats-pope', 'pope-beats-vitorio'])).toBe(
      'pope-beats-vitorio',
    );
    expect(closest('round-1-day-2', ['round-2-day-1', 'round-1-day-3'])).toBe('round-1-day-3');
    expect(closest('2023-01-02', ['2023-02-01', '2023-01-03'])).toBe('2023-01-03');
    // A name with no words is not the same words as another: "__" is three edits from "-_-".
    expect(closest('__', ['-_-', 'x'])).toBeUndefined();
    // Other words are not the same words.
    expect(closest('un-news-round-one', sources)).toBeUndefined();
  });
  it('stays quiet when nothing is close', () => {
    expect(closest('zzz', ['amy-pope'])).toBeUndefined();
    expect(closest('amy-pope', ['amy-pope'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });
});
