// What a share card shows of its texts: each within what the card has room for.
import { describe, expect, it } from 'vitest';
import { CARD_LIMITS, fitted } from '../../src/share/card.js';

describe('a share card', () => {
  it('keeps texts that fit as they are', () => {
    const card = {
      kicker: 'An election',
      title: 'A title',
      lines: ['One', 'Two'],
      highlight: 'Decided',
      footer: 'example.org',
    };
    expect(fitted(card)).toEqual(card);
  });

  it('cuts longer texts to the room the card has, with an ellipsis, and keeps six lines at most', () => {
    const card = fitted({
      kicker: 'k'.repeat(1000),
      title: 'Ā'.repeat(100_000),
      lines: Array.from({ length: 10 }, (_, i) => `${i} ${'x'.repeat(200_000)}`),
      footer: 'f'.repeat(81),
    });
    expect(card.kicker).toBe(`${'k'.repeat(CARD_LIMITS.kicker - 1)}…`);
    expect(card.title).toBe(`${'Ā'.repeat(119)}…`);
    expect(card.lines).toEqual(
      Array.from({ length: 6 }, (_, i) => `${i} ${'x'.repeat(CARD_LIMITS.line - 3)}…`),
    );
    expect(card.highlight).toBeUndefined();
    expect(card.footer).toBe(`${'f'.repeat(79)}…`);
  });

  it('counts characters, not UTF-16 units: an emoji is never cut in half', () => {
    expect(fitted({ kicker: '😀'.repeat(80), title: '', lines: [], footer: '' }).kicker).toBe(
      '😀'.repeat(80),
    );
    expect(fitted({ kicker: '😀'.repeat(81), title: '', lines: [], footer: '' }).kicker).toBe(
      `${'😀'.repeat(79)}…`,
    );
  });
});
