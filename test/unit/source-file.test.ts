import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/content/problems.js';
import { bodyPlace, codeFrame, locate, parseSourceFile } from '../../src/content/source-file.js';

const md = [
  '---',
  'name: Ana',
  'roles:',
  '  - title: Judge',
  '    from: 1989',
  '---',
  'First line.',
  '',
  'Third [link](/x).',
].join('\n');

describe('a Markdown file with frontmatter', () => {
  const problems: Problem[] = [];
  const file = parseSourceFile('c/ana.md', md, problems);

  it('splits fields from the body', () => {
    expect(problems).toEqual([]);
    expect(file.yaml?.data).toEqual({ name: 'Ana', roles: [{ title: 'Judge', from: 1989 }] });
    expect(file.body).toBe('First line.\n\nThird [link](/x).');
    expect(file.bodyLine).toBe(7);
  });

  it('locates a nested field at its line in the file, frontmatter offset included', () => {
    expect(locate(file, ['roles', 0, 'from'])).toEqual({
      file: 'c/ana.md',
      line: 5,
      column: 11,
      field: 'roles[0].from',
      path: ['roles', 0, 'from'],
    });
    expect(locate(file, ['roles', 0, 'from'], 'key')).toEqual({
      file: 'c/ana.md',
      line: 5,
      column: 5,
      field: 'roles[0].from',
      path: ['roles', 0, 'from'],
    });
  });

  it('locates a missing field at its nearest parent', () => {
    expect(locate(file, ['roles', 0, 'to']).line).toBe(4);
  });

  it('locates text in the body', () => {
    expect(bodyPlace(file, file.body!.indexOf('[link]'))).toEqual({
      file: 'c/ana.md',
      line: 9,
      column: 7,
      field: 'body',
    });
  });
});

describe('syntax errors', () => {
  it('point at their line in the file, after the frontmatter fence', () => {
    const problems: Problem[] = [];
    parseSourceFile('p.md', '---\ntitle: A\ntitle: B\n---\n', problems);
    expect(problems).toMatchObject([{ code: 'yaml-syntax', file: 'p.md', line: 3, column: 1 }]);
  });

  it('an unresolved alias is a problem, not a crash (found by the property test)', () => {
    const problems: Problem[] = [];
    const file = parseSourceFile('site.yaml', 'a: *alias', problems);
    expect(file.yaml?.data).toBeUndefined();
    expect(problems).toMatchObject([
      {
        code: 'yaml-syntax',
        line: 1,
        message:
          'The YAML cannot be read: Unresolved alias (the anchor must be set before the alias): alias.',
      },
    ]);
  });

  it('accept Windows line endings and a byte-order mark', () => {
    const problems: Problem[] = [];
    const file = parseSourceFile('p.md', '\uFEFF---\r\ntitle: A\r\n---\r\nBody\r\n', problems);
    expect(problems).toEqual([]);
    expect(file.yaml?.data).toEqual({ title: 'A' });
    expect(file.body).toBe('Body\n');
  });
});

describe('code frames', () => {
  it('show two lines either side, clipped at the file edges', () => {
    expect(codeFrame('a\nb\nc\nd\ne\nf', 2)).toEqual({ start: 1, lines: ['a', 'b', 'c', 'd'] });
    expect(codeFrame('a\nb', 0)).toBeUndefined();
    expect(codeFrame('a\nb', 9)).toBeUndefined();
  });
});
