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
  it('stays quiet when nothing is close', () => {
    expect(closest('zzz', ['amy-pope'])).toBeUndefined();
    expect(closest('amy-pope', ['amy-pope'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });
});
