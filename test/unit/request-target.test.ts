import { describe, expect, it } from 'vitest';
import { originForm, targetPath } from '../../src/http/request.js';

describe('a request target', () => {
  it('in absolute-form is routed in origin-form (RFC 9112 §3.2)', () => {
    expect(originForm('/a/b?q=1')).toBe('/a/b?q=1');
    expect(originForm('http://h.example/a/b?q=1')).toBe('/a/b?q=1');
    expect(originForm('HTTPS://h.example:8443/a')).toBe('/a');
    expect(originForm('http://h.example')).toBe('/');
    expect(originForm('http://h.example?q=1')).toBe('/?q=1');
    expect(originForm('http://user@h.example/a#top')).toBe('/a');
    expect(originForm('/a?q=1#top?x')).toBe('/a?q=1');
    // Neither form: left for routing to refuse.
    expect(originForm('*')).toBe('*');
    expect(originForm('a/b')).toBe('a/b');
  });

  it('names the path a cached response is kept under, or nothing', () => {
    expect(targetPath('/a/b?q=1#f')).toBe('/a/b');
    expect(targetPath('/a/b#f?q=1')).toBe('/a/b');
    expect(targetPath('http://h.example/a/%62?q')).toBe('/a/b');
    expect(targetPath('http://h.example?q')).toBe('/');
    expect(targetPath('/a%2Fb')).toBeUndefined();
    expect(targetPath('*')).toBeUndefined();
    expect(targetPath(undefined)).toBeUndefined();
  });
});
