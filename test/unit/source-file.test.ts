import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/content/problems.js';
import { frameLines } from '../../src/content/report.js';
import {
  bodyPlace,
  codeFrame,
  decodeText,
  fieldTextPlace,
  locate,
  parseSourceFile,
  yamlNesting,
} from '../../src/content/source-file.js';

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

  it.each([
    [
      'a field of a list item a space out',
      'rounds:\n  - number: 1\n    results:\n      - candidate: a\n       outcome: elected\n',
      5,
      'this field is not lined up with the fields of its list item.',
      'Indent it with exactly as many spaces as the field after the "- " above it.',
    ],
    [
      'a list item a space further in',
      'rounds:\n  - number: 1\n    note: x\n   - number: 2\n',
      4,
      'this list item is not lined up with the items above it.',
      'Start its "- " at the same column as the "- " of the items above it.',
    ],
    [
      'a list item a space further out',
      'rounds:\n  - number: 1\n    results:\n      - candidate: a\n     - candidate: b\n',
      5,
      'this list item is not lined up with the items above it.',
      'Start its "- " at the same column as the "- " of the items above it.',
    ],
    [
      'a tab after spaces',
      'venue:\n  city: A\n \tcountry: B\n',
      3,
      'this line is indented with a tab after spaces.',
      'Indent with spaces only, as many as the fields above it: YAML does not accept tabs.',
    ],
  ])('say what is out of line, in words: %s', (_, text, line, reason, hint) => {
    const problems: Problem[] = [];
    parseSourceFile('e.yaml', text, problems);
    expect(problems.map((p) => [p.code, p.line, p.message, p.hint])).toEqual([
      ['yaml-syntax', line, `The YAML cannot be read: ${reason}`, hint],
    ]);
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

describe('code frames of long lines', () => {
  // A line of 1,000 characters, each its column's last digit, and a problem at column 500.
  const long = Array.from({ length: 1000 }, (_, i) => String((i + 1) % 10)).join('');
  const frame = codeFrame(`short\n${long}\nshort`, 2, 2, 500)!;

  it('shows 160 characters of each line from 80 before the column, the same part of every line', () => {
    expect(frame.from).toBe(419);
    expect(frame.lines[0]).toBe('…');
    expect(frame.lines[1]).toBe(`…${long.slice(419, 579)}…`);
    expect(frame.lines[2]).toBe('…');
  });

  it('puts the caret under the column, past the ellipsis', () => {
    const problem = { line: 2, column: 500, frame } as Problem;
    const marked = frameLines(problem)[1]!;
    expect(marked.caret).toBe(`${' '.repeat(81)}^`);
    // The character above the caret is the one at column 500.
    expect(marked.text[81]).toBe('0');
    expect(long[499]).toBe('0');
  });

  it('leaves lines of 160 characters or fewer whole', () => {
    expect(codeFrame(`${'x'.repeat(160)}\ny`, 1, 2, 150)).toEqual({
      start: 1,
      lines: ['x'.repeat(160), 'y'],
    });
  });
});

describe('bytes that are not text', () => {
  it('reports the first invalid UTF-8 byte at its line and column, and how many there are', () => {
    const problems: Problem[] = [];
    const bytes = Buffer.concat([
      Buffer.from('---\ntitle: é\n---\nab'),
      Buffer.from([0xff, 0x41, 0xc3]),
    ]);
    expect(decodeText('p.md', bytes, problems)).toBeUndefined();
    expect(problems.map((p) => [p.code, p.line, p.column, p.found])).toEqual([
      ['encoding-invalid', 4, 3, 'the byte 0xFF'],
    ]);
    expect(problems[0]!.message).toBe(
      'The file is not UTF-8 text: the byte 0xFF here is not part of any character, and neither is 1 more byte after it. The file was not read.',
    );
  });

  it('reports NUL and other control characters, but not tabs and line ends', () => {
    const problems: Problem[] = [];
    expect(decodeText('p.md', Buffer.from('a\tb\r\nc\u001b[2Jd'), problems)).toBeUndefined();
    expect(problems.map((p) => [p.code, p.line, p.column, p.found])).toEqual([
      ['control-character', 2, 2, 'U+001B (ESC)'],
    ]);
    expect(decodeText('p.md', Buffer.from('plain\ttext\r\n'), [])).toBe('plain\ttext\r\n');
  });
});

describe('YAML nesting', () => {
  it('counts block levels, list items and flow brackets', () => {
    expect(yamlNesting('a:\n  b:\n    - - c\n', 40)).toBeUndefined();
    const deep = Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}a:`).join('\n');
    expect(yamlNesting(deep, 40)).toEqual({ depth: 41, line: 40 });
    expect(yamlNesting(`a: ${'['.repeat(45)}`, 40)).toEqual({ depth: 46, line: 0 });
  });

  it('counts no bracket in quotes, in plain text or in a comment', () => {
    expect(yamlNesting(`x: "${'['.repeat(100)}"`, 40)).toBeUndefined();
    expect(yamlNesting(`x: '${'{'.repeat(100)}'`, 40)).toBeUndefined();
    expect(yamlNesting(`title: see [1] and ${'['.repeat(60)}`, 40)).toBeUndefined();
    expect(yamlNesting(`x: [a, b] # ${'['.repeat(60)}`, 40)).toBeUndefined();
    // Inside a list in brackets, quoted text is skipped and the brackets after it count.
    expect(yamlNesting(`x: ["a]]]", don't, ${'['.repeat(45)}`, 40)).toEqual({ depth: 47, line: 0 });
    expect(yamlNesting(`x: [\n  ${'['.repeat(45)}`, 40)).toEqual({ depth: 47, line: 1 });
    expect(yamlNesting(`'it''s': ${'['.repeat(45)}`, 40)).toEqual({ depth: 46, line: 0 });
    expect(yamlNesting(`k # note: ${'['.repeat(45)}`, 40)).toBeUndefined();
    // In one pass: a line of a million spaces (a pattern that backtracked would take minutes).
    expect(yamlNesting(`k${' '.repeat(1_000_000)}x`, 40)).toBeUndefined();
    // Behind an anchor, a tag or an explicit key, a flow collection nests all the same (it once
    // reached the parser, and the editor read "Maximum call stack size exceeded").
    expect(yamlNesting(`x: &a ${'['.repeat(45)}`, 40)).toEqual({ depth: 46, line: 0 });
    expect(yamlNesting(`x: !!seq ${'['.repeat(45)}`, 40)).toEqual({ depth: 46, line: 0 });
    expect(yamlNesting(`x: &a !<tag:yaml.org,2002:seq> ${'['.repeat(45)}`, 40)).toEqual({
      depth: 46,
      line: 0,
    });
    expect(yamlNesting(`? ${'['.repeat(45)}\n: 1`, 40)).toEqual({ depth: 47, line: 0 });
    expect(yamlNesting(`- &a ${'['.repeat(45)}`, 40)).toEqual({ depth: 47, line: 0 });
    expect(yamlNesting('x: &a [a, b]\ny: !!str text\n', 40)).toBeUndefined();
  });

  it('is reported as a problem instead of being parsed', () => {
    const problems: Problem[] = [];
    parseSourceFile('s.yaml', `x: ${'{a: '.repeat(60)}1${'}'.repeat(60)}\n`, problems);
    expect(problems.map((p) => [p.code, p.line, p.message])).toEqual([
      ['nesting-too-deep', 1, 'The YAML nests 61 levels deep here; at most 40 are allowed.'],
    ]);
  });
});

describe('YAML the format does not use', () => {
  it('reports an alias inside the value its anchor names, at the alias, instead of loading it', () => {
    const problems: Problem[] = [];
    const source = parseSourceFile('e.yaml', 'title: T\noffice: &o [a, *o]\n', problems);
    expect(source.yaml?.data).toBeUndefined();
    expect(problems.map((p) => [p.code, p.line, p.column, p.message, p.hint])).toEqual([
      [
        'yaml-syntax',
        2,
        16,
        'The YAML cannot be read: the alias *o is inside the value its anchor &o names, so that value would contain itself without end.',
        'Write the value out in place of the alias.',
      ],
    ]);
    // Aliases of aliases past 100 copies (a "billion laughs" file): at the first alias, with what to do.
    const laughs: Problem[] = [];
    const tenOf = (alias: string): string => `[${Array(10).fill(alias).join(', ')}]`;
    parseSourceFile(
      'e.yaml',
      `a: &a ${tenOf('x')}\nb: &b ${tenOf('*a')}\nc: &c ${tenOf('*b')}\nd: ${tenOf('*c')}\n`,
      laughs,
    );
    expect(laughs.map((p) => [p.code, p.line, p.column, p.message, p.hint])).toEqual([
      [
        'yaml-syntax',
        2,
        8,
        "The YAML cannot be read: its aliases (such as this one) expand to more than 100 copies of the values they name, which would take the server's memory.",
        'Write the values out in place of the aliases, or alias each value once.',
      ],
    ]);
    // An alias to a value before it is what aliases are for.
    const fine: Problem[] = [];
    expect(parseSourceFile('e.yaml', 'a: &o [x]\nb: *o\n', fine).yaml?.data).toEqual({
      a: ['x'],
      b: ['x'],
    });
    expect(fine).toEqual([]);
  });

  it('reports a tag YAML does not know, which it would read as plain text', () => {
    const problems: Problem[] = [];
    const source = parseSourceFile('e.yaml', 'office: !!js/function "function(){}"\n', problems);
    expect(source.yaml?.data).toBeUndefined();
    expect(problems.map((p) => [p.code, p.line, p.column, p.message, p.hint])).toEqual([
      [
        'yaml-syntax',
        1,
        9,
        'The YAML cannot be read: the tag !!js/function is not one YAML knows, so the value after it would be read as plain text.',
        'Remove !!js/function: content files need no tags.',
      ],
    ]);
  });
});

describe('a place inside a text field of the YAML', () => {
  const yaml = (text: string) => parseSourceFile('elections/x/election.yaml', text, []);
  const literal =
    'title: T\noverview: |\n  First line.\n\n  See [the rules](/x/rules)[^src].\nend: 1\n';
  it.each([
    [
      'a link in a literal block: its own line and column',
      literal,
      '](/x/rules',
      '/x/rules',
      5,
      19,
    ],
    ['a citation in a literal block', literal, '[^src]', '[^src]', 5, 28],
    ['what is not found: the field', literal, 'nowhere', 'nowhere', 2, 11],
    [
      'a folded block, which joins its lines: the field',
      'overview: >\n  First line\n  and [^src] on the next.\n',
      '[^src]',
      '[^src]',
      1,
      11,
    ],
    ['a quoted text: the field', 'overview: "one\n  two [^src]"\n', '[^src]', '[^src]', 1, 11],
    [
      'a literal block with an indicator and a comment: its own line',
      'overview: |-  # the overview\n    Indented [^src]\n',
      '[^src]',
      '[^src]',
      2,
      14,
    ],
  ])('%s', (_, text, needle, target, line, column) => {
    expect(fieldTextPlace(yaml(text), ['overview'], [needle], target)).toMatchObject({
      line,
      column,
    });
  });
  it('places a character of the text as loaded (trimmed of its first blank lines) on its line', () => {
    const source = yaml('overview: |\n\n\n  First.\n\n  Deep [^src]\n');
    const loaded = 'First.\n\nDeep [^src]\n';
    expect(
      fieldTextPlace(source, ['overview'], [], '', { index: loaded.indexOf('[^'), in: loaded }),
    ).toMatchObject({ line: 6, column: 8 });
  });
});
