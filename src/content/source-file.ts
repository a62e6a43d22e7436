// One content file as text: frontmatter split, YAML parsed with source positions, and
// the mapping from a field path back to the line and column an editor should look at.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Alias, Document, Node, Scalar } from 'yaml';
import { characterKind, characterName, findInvalidCharacter, replaceInvalidCharacters } from './characters.js';
import type { InvalidCharacter } from './characters.js';
import type { CodeFrame, Place, Problem } from './problems.js';
import { problem } from './problems.js';
import { explainYamlErrors, YAML_HINT } from './yaml-errors.js';
import { lineAt, lineStartsOf } from './lines.js';

export type FieldPath = readonly PropertyKey[];

export interface YamlPart {
  /** The parsed value, or undefined when the YAML has syntax errors. */
  data: unknown;
  /** Lines before the YAML starts in the file (1 for frontmatter after "---"). */
  lineOffset: number;
  /**
   * The document with source positions, parsed again when a problem first needs a line and
   * kept for the file's other problems: keeping every file's syntax tree for the rare problem
   * cost more memory than the rest of a load, and parsing it again per problem took minutes
   * on a file with a thousand unknown fields.
   */
  positions(): Positions;
}

interface Positions {
  doc: Document.Parsed;
  lines: LineCounter;
  /** Each mapping's keys, indexed when a field in it is first looked up. */
  keys: WeakMap<Node, Map<string, { key: Node; value: Node | null }>>;
}

function parseWithPositions(source: string): Positions {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { doc, lines, keys: new WeakMap() };
}

/** Levels of nesting a YAML file or a Markdown body may have: real content uses a handful. */
export const NESTING_LIMIT = 40;

/**
 * The deepest nesting of a YAML text and the 0-based line where it first passes `limit`:
 * block levels by indentation, plus "- " items and flow brackets. Checked before parsing, as
 * the parser and everything after it recurse once per level.
 */
export function yamlNesting(text: string, limit = NESTING_LIMIT): { depth: number; line: number } | undefined {
  const indents: number[] = [];
  let brackets = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent === line.length || line[indent] === '#') continue;
    if (brackets === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
    }
    // "- " items, and "? " explicit keys, each a level.
    const dashes = /^(?:[-?][ \t]+)*/.exec(line.slice(indent))![0];
    const items = dashes.replace(/[ \t]/g, '').length;
    let deepest = brackets;
    const from = brackets > 0 ? 0 : flowStart(line, indent + dashes.length);
    if (from !== undefined) {
      // Brackets inside quotes are text, and a comment ends the line.
      let quote: string | undefined;
      let before = '[';
      for (let c = from; c < line.length && (brackets > 0 || c === from); c++) {
        const char = line[c]!;
        if (quote !== undefined) {
          if (char === '\\' && quote === '"') c++;
          else if (char === quote) quote = undefined;
          continue;
        }
        if ((char === '"' || char === "'") && '[{,:'.includes(before)) quote = char;
        else if (char === '#' && /\s/.test(line[c - 1] ?? ' ')) break;
        else if (char === '[' || char === '{') deepest = Math.max(deepest, ++brackets);
        else if ((char === ']' || char === '}') && brackets > 0) brackets--;
        if (!/\s/.test(char)) before = char;
      }
    }
    const depth = indents.length + items + deepest;
    if (depth > limit) return { depth, line: i };
  }
  return undefined;
}

/**
 * Where a list or map in brackets begins on a line outside one (after its indentation and
 * list dashes, at `at`): the value itself, or the value after a key. Brackets anywhere else
 * are text (`title: "[[draft"`, `note: see [1]`).
 */
function flowStart(line: string, start: number): number | undefined {
  const at = pastProperties(line, start);
  const first = line[at];
  if (first === '[' || first === '{') return at;
  // Past a quoted key, then to the first ": " (in one pass: a pattern that backtracked took
  // minutes on a line of spaces).
  let keyEnd = at;
  if (first === '"' || first === "'") {
    for (keyEnd = at + 1; keyEnd < line.length; keyEnd++) {
      const char = line[keyEnd];
      if (first === '"' && char === '\\') keyEnd++;
      else if (char === first && !(first === "'" && line[keyEnd + 1] === "'")) break;
      else if (char === first) keyEnd++;
    }
  }
  const colon = /:[ \t]+/g;
  colon.lastIndex = keyEnd;
  const found = colon.exec(line);
  if (!found || /\s#/.test(line.slice(at, found.index))) return undefined;
  const value = pastProperties(line, found.index + found[0].length);
  return line[value] === '[' || line[value] === '{' ? value : undefined;
}

/**
 * Past a node's anchor and tag (`&a`, `!!seq`, `!<tag:x>`) and the spaces after them: a flow
 * collection behind them (`x: &a [[[…`) nests like one without.
 */
function pastProperties(line: string, at: number): number {
  let i = at;
  while (line[i] === '&' || line[i] === '!') {
    while (i < line.length && !/[ \t]/.test(line[i]!)) i++;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  return i;
}

export interface SourceFile {
  /** Relative to the content folder, with forward slashes. */
  file: string;
  text: string;
  yaml?: YamlPart;
  /** The Markdown body, for .md files. */
  body?: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
}

/** `rounds[0].results[1].candidate` */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function parseYaml(file: string, source: string, lineOffset: number, problems: Problem[]): YamlPart {
  const tooDeep = yamlNesting(source);
  if (tooDeep) {
    const place = { file, line: tooDeep.line + 1 + lineOffset, column: 1, field: '' };
    problems.push(problem('nesting-too-deep', place, 'YAML', tooDeep.depth, NESTING_LIMIT));
    return { data: undefined, lineOffset, positions: () => parseWithPositions('') };
  }
  const { doc, lines } = parseWithPositions(source);
  // A tag the library cannot resolve is a warning to it (it reads the value as plain text),
  // and an alias inside the value it names makes a value that contains itself: both errors here.
  const errors = [...doc.errors, ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED')];
  for (const e of explainYamlErrors(errors, lines, source)) {
    problems.push(
      problem('yaml-syntax', { file, line: e.line + lineOffset, column: e.column, field: '' }, e.reason, e.hint),
    );
  }
  const circular = errors.length === 0 ? aliasesInsideTheirValue(doc) : [];
  for (const alias of circular) {
    const pos = lines.linePos(alias.range?.[0] ?? 0);
    const place = { file, line: pos.line + lineOffset, column: pos.col, field: '' };
    const reason = `the alias *${alias.source} is inside the value its anchor &${alias.source} names, so that value would contain itself without end.`;
    problems.push(problem('yaml-syntax', place, reason, 'Write the value out in place of the alias.'));
  }
  let data: unknown;
  if (errors.length === 0 && circular.length === 0) {
    checkCharacters(doc.contents, [], (scalar, text, path, found) => {
      const pos = lines.linePos(scalar.range?.[0] ?? 0);
      const place = { file, line: pos.line + lineOffset, column: pos.col, field: formatFieldPath(path), path };
      problems.push(invalidCharacter(place, text, found));
    });
    try {
      // Aliases are resolved here: an unknown one, or too many (a "billion laughs" file), throws.
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      problems.push(unresolvable(cause, doc, lines, file, lineOffset));
    }
  }
  let kept: Positions | undefined;
  return { data, lineOffset, positions: () => (kept ??= parseWithPositions(source)) };
}

/**
 * Why the data could not be made from a parsed document, where: aliases that expand too far
 * (a "billion laughs" file) at the first alias, with what to do; anything else at the start.
 */
function unresolvable(cause: unknown, doc: Document.Parsed, lines: LineCounter, file: string, lineOffset: number): Problem {
  const reason = cause instanceof Error ? cause.message : String(cause);
  if (/excessive alias count/i.test(reason)) {
    let first: Alias | undefined;
    visit(doc, {
      Alias(_, alias) {
        first = alias;
        return visit.BREAK;
      },
    });
    const pos = lines.linePos(first?.range?.[0] ?? 0);
    return problem(
      'yaml-syntax',
      { file, line: pos.line + lineOffset, column: pos.col, field: '' },
      'its aliases (such as this one) expand to more than 100 copies of the values they name, which would take the server\'s memory.',
      'Write the values out in place of the aliases, or alias each value once.',
    );
  }
  return problem('yaml-syntax', { file, line: 1 + lineOffset, column: 1, field: '' }, reason.endsWith('.') ? reason : `${reason}.`, YAML_HINT);
}

/**
 * Aliases that stand inside the value their anchor names (`office: &o [*o]`). The library
 * builds such a value as one that contains itself, and every walk of the data after it went
 * round without end: a load took seconds and 1.3 GB before it failed, naming no file.
 */
function aliasesInsideTheirValue(doc: Document.Parsed): Alias[] {
  const found: Alias[] = [];
  visit(doc, {
    Alias(_, alias, path) {
      const target = alias.resolve(doc);
      if (target !== undefined && path.includes(target)) found.push(alias);
    },
  });
  return found;
}

/** The words before a character, to say where it is in its text: at most the last 30. */
function wordsBefore(text: string, index: number): string {
  const before = text.slice(0, index).replace(/\s+/g, ' ');
  return before.length > 30 ? `…${before.slice(-29).trimStart()}` : before;
}

function invalidCharacter(place: Place, text: string, found: InvalidCharacter): Problem {
  const { index, char, count } = found;
  return problem('character-invalid', place, characterKind(char), characterName(char), wordsBefore(text, index), count);
}

/**
 * Every string of a parsed YAML tree, keys and values, checked for characters text never holds
 * (a YAML escape in quotes writes any character). Each one found is reported, and replaced by
 * U+FFFD in the tree, so that no later message or page carries it.
 */
function checkCharacters(
  node: unknown,
  path: readonly PropertyKey[],
  report: (scalar: Scalar, text: string, path: readonly PropertyKey[], found: InvalidCharacter) => void,
): void {
  const check = (scalar: Scalar, at?: readonly PropertyKey[]): void => {
    if (typeof scalar.value !== 'string') return;
    const found = findInvalidCharacter(scalar.value);
    if (!found) return;
    const value = scalar.value;
    scalar.value = replaceInvalidCharacters(value);
    report(scalar, value, at ?? [...path, scalar.value as string], found);
  };
  if (isScalar(node)) check(node, path);
  else if (isSeq(node)) node.items.forEach((item, index) => checkCharacters(item, [...path, index], report));
  else if (isMap(node)) {
    for (const pair of node.items) {
      // A key's path is the key itself, as the data has it once its characters are replaced.
      const key = isScalar(pair.key) ? pair.key : undefined;
      if (key) check(key);
      checkCharacters(pair.value, key ? [...path, String(key.value)] : path, report);
    }
  }
}

/** A Markdown body's characters that text never holds (the raw bytes were checked for the rest). */
function checkBody(source: SourceFile, problems: Problem[]): SourceFile {
  const found = source.body === undefined ? undefined : findInvalidCharacter(source.body);
  if (!found) return source;
  problems.push(invalidCharacter(bodyPlace(source, found.index), source.body!, found));
  return { ...source, body: replaceInvalidCharacters(source.body!) };
}

const FENCE = /^---[ \t]*$/;

/** Reads a `.yaml` file or a Markdown file with frontmatter; syntax problems go to `problems`. */
export function parseSourceFile(file: string, text: string, problems: Problem[]): SourceFile {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // One problem, not one per field it lacks (fifteen for an election).
  if (normalized.trim() === '') {
    problems.push(problem('file-empty', { file, line: 0, column: 0, field: '' }));
    return { file, text: normalized, bodyLine: 1 };
  }
  if (!file.endsWith('.md')) {
    return { file, text: normalized, yaml: parseYaml(file, normalized, 0, problems), bodyLine: 1 };
  }
  // Lines are looked at up to the closing fence only: a body of 500,000 lines split into as
  // many strings and joined again cost 50 ms a file.
  const lineEnd = (start: number): number => {
    const end = normalized.indexOf('\n', start);
    return end === -1 ? normalized.length : end;
  };
  const firstEnd = lineEnd(0);
  if (!FENCE.test(normalized.slice(0, firstEnd))) {
    problems.push(problem('frontmatter-missing', { file, line: 1, column: 1, field: '' }));
    return checkBody({ file, text: normalized, body: normalized, bodyLine: 1 }, problems);
  }
  // The closing fence: its line's index (from 0) and where it starts and ends.
  let close = -1;
  let start = firstEnd + 1;
  for (let index = 1; start <= normalized.length; index++) {
    const end = lineEnd(start);
    if (FENCE.test(normalized.slice(start, end))) {
      close = index;
      break;
    }
    start = end + 1;
  }
  if (close === -1) {
    const lines = normalized.split('\n').length;
    problems.push(problem('frontmatter-unclosed', { file, line: lines, column: 1, field: '' }));
    return { file, text: normalized, bodyLine: 1 };
  }
  const yamlText = normalized.slice(firstEnd + 1, Math.max(firstEnd + 1, start - 1));
  return checkBody(
    {
      file,
      text: normalized,
      yaml: parseYaml(file, yamlText, 1, problems),
      body: normalized.slice(lineEnd(start) + 1),
      bodyLine: close + 2,
    },
    problems,
  );
}

function findPairKey(parsed: Positions, node: Node, key: PropertyKey): { key: Node; value: Node | null } | undefined {
  if (!isMap(node)) return undefined;
  let index = parsed.keys.get(node);
  if (!index) {
    index = new Map();
    for (const pair of node.items) {
      // Named as the data names it: characters text never holds replaced (checkCharacters).
      const name = isPair(pair) && isScalar(pair.key) ? replaceInvalidCharacters(String(pair.key.value)) : undefined;
      if (name !== undefined && !index.has(name)) index.set(name, { key: pair.key as Node, value: (pair.value as Node | null) ?? null });
    }
    parsed.keys.set(node, index);
  }
  return index.get(String(key));
}

/**
 * The line and column for a field path: the value's position when it exists, the key's
 * when `at` is "key", and the nearest existing parent's when the field is missing.
 */
export function locate(source: SourceFile, path: FieldPath, at: 'value' | 'key' = 'value'): Place {
  const field = formatFieldPath(path);
  const yaml = source.yaml;
  const parsed = yaml?.positions();
  if (!yaml || !parsed?.doc.contents) return { file: source.file, line: 1, column: 1, field, path };
  let node: Node = parsed.doc.contents;
  let offset = node.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
      continue;
    }
    const pair = findPairKey(parsed, node, segment);
    if (!pair) break;
    offset = pair.key.range?.[0] ?? offset;
    if (last && at === 'key') break;
    if (!pair.value) break;
    node = pair.value;
    offset = pair.value.range?.[0] ?? offset;
  }
  const pos = parsed.lines.linePos(offset);
  return { file: source.file, line: pos.line + yaml.lineOffset, column: pos.col, field, path };
}

/**
 * Where the first of `needles` is found in a text: the index of `target` within it, or -1
 * when none is (a body's problems are placed by it, and an overview's).
 */
export function textIndex(text: string, needles: readonly string[], target: string): number {
  for (const needle of needles) {
    const index = text.indexOf(needle);
    if (index !== -1) return index + Math.max(0, needle.indexOf(target));
  }
  return -1;
}

/** The value at a path of parsed data (a file's YAML), if it is there: its own, never inherited. */
export function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Object.hasOwn(value, segment) ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
  }
  return value;
}

/** A literal block of the YAML (`overview: |`): where it is, its text and how it sits in the file. */
interface LiteralBlock {
  /** The field's place (the line of its `|`). */
  place: Place;
  text: string;
  /** Where each line of the text starts in it. */
  starts: number[];
  /** The file's lines. */
  lines: string[];
  indent: number;
}

/** Per file, per field: its literal block, or the field's place when it is not one. Worked out once. */
const blocks = new WeakMap<SourceFile, Map<string, LiteralBlock | Place>>();

function literalBlock(source: SourceFile, path: FieldPath): LiteralBlock | Place {
  const key = formatFieldPath(path);
  let byField = blocks.get(source);
  if (!byField) blocks.set(source, (byField = new Map<string, LiteralBlock | Place>()));
  let block = byField.get(key);
  if (block) return block;
  const place = locate(source, path);
  const text = valueAt(source.yaml?.data, path);
  const lines = source.text.split('\n');
  const header = lines[place.line - 1]?.slice(place.column - 1) ?? '';
  if (typeof text !== 'string' || !/^\|[1-9]?[-+]?[1-9]?[ \t]*(#.*)?\r?$/.test(header)) block = place;
  else {
    // The block's indentation: that of its first line that is not blank.
    const first = lines.slice(place.line).find((l) => l.trim() !== '');
    const indent = first === undefined ? 0 : first.length - first.trimStart().length;
    block = { place, text, starts: lineStartsOf(text), lines, indent };
  }
  byField.set(key, block);
  return block;
}

/**
 * The place of what a text field of the YAML holds (a link, a citation in an election's
 * overview): the first of `needles` in the field's value, `target` within it (or the
 * character at `index`), on its own line and column when the text is a literal block
 * (`overview: |`), whose lines are the file's lines as they are; the field's place otherwise
 * (a folded or quoted text joins its lines, so a line cannot be told), when none is found, or
 * when the file's line does not hold the text where it should.
 */
export function fieldTextPlace(
  source: SourceFile,
  path: FieldPath,
  needles: readonly string[],
  target: string,
  character?: { index: number; in: string },
): Place {
  const block = literalBlock(source, path);
  if (!('text' in block)) return block;
  const { place, text, starts, lines, indent } = block;
  // A character of the text as loaded, which may be the value trimmed (blank lines first).
  const from = character === undefined ? 0 : text.indexOf(character.in);
  if (from < 0) return place;
  const at = character === undefined ? textIndex(text, needles, target) : from + character.index;
  if (at < 0 || at > text.length) return place;
  const own = lineAt(starts, at);
  const line = place.line + 1 + own;
  const words = text.slice(starts[own], (starts[own + 1] ?? text.length + 1) - 1);
  if (words !== '' && lines[line - 1]?.slice(indent).replace(/\r$/, '') !== words) return place;
  return { ...place, line, column: indent + at - starts[own]! + 1 };
}

/** Where each line of a body starts, worked out once per file: a body may have many links. */
const lineStarts = new WeakMap<SourceFile, number[]>();

/** The 1-based line and column of a character offset in the body of a Markdown file. */
export function bodyPlace(source: SourceFile, index: number, field = 'body'): Place {
  let starts = lineStarts.get(source);
  if (!starts) {
    starts = lineStartsOf(source.body ?? '');
    lineStarts.set(source, starts);
  }
  const at = Math.max(0, index);
  const low = lineAt(starts, at);
  return { file: source.file, line: source.bodyLine + low, column: at - starts[low]! + 1, field };
}

/**
 * The most of a line an excerpt shows: a long line is shown around the problem's column. Each
 * problem keeps its excerpt, and a line of 5,000 sources with a problem for each, shown whole,
 * was 5,000 copies of 40 KB.
 */
export const FRAME_WIDTH = 160;

/** A few lines around `line`, for showing editors where the problem is (at `column`, if known). */
export function codeFrame(text: string | readonly string[], line: number, context = 2, column = 0): CodeFrame | undefined {
  if (line < 1) return undefined;
  const lines = typeof text === 'string' ? text.split('\n') : text;
  if (line > lines.length) return undefined;
  const start = Math.max(1, line - context);
  const end = Math.min(lines.length, line + context);
  const shown = lines.slice(start - 1, end);
  // Every line from the same character, so that the caret stays under the column.
  const from = shown.some((l) => l.length > FRAME_WIDTH) ? Math.max(0, column - 1 - FRAME_WIDTH / 2) : 0;
  const cut = (l: string): string =>
    from === 0 && l.length <= FRAME_WIDTH
      ? l
      : `${from > 0 ? '…' : ''}${l.slice(from, from + FRAME_WIDTH)}${l.length > from + FRAME_WIDTH ? '…' : ''}`;
  // A tab shows as →: an editor can see the one that broke the YAML.
  // Nor does a character text never holds reach the editor's terminal (one each: columns stay).
  const frame: CodeFrame = { start, lines: shown.map((l) => replaceInvalidCharacters(cut(l).replace(/\t/g, '→'))) };
  if (from > 0) frame.from = from;
  return frame;
}

/** The offset of the first byte that is not part of a UTF-8 character, and how many there are. */
function invalidUtf8(bytes: Uint8Array): { at: number; count: number } | undefined {
  let at = -1;
  let count = 0;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    const more = lead < 0x80 ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    let ok = more >= 0 && i + more < bytes.length;
    for (let k = 1; ok && k <= more; k++) {
      const next = bytes[i + k]!;
      // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
      const low = k === 1 && lead === 0xe0 ? 0xa0 : k === 1 && lead === 0xf0 ? 0x90 : 0x80;
      const high = k === 1 && lead === 0xed ? 0x9f : k === 1 && lead === 0xf4 ? 0x8f : 0xbf;
      ok = next >= low && next <= high;
    }
    if (ok) {
      i += more + 1;
      continue;
    }
    if (at === -1) at = i;
    count++;
    i++;
  }
  return at === -1 ? undefined : { at, count };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * A file's bytes as text, or undefined with a problem when they are not UTF-8 text (invalid
 * bytes, NUL and other control characters). Such a file is not parsed further, and its lines
 * are never shown: a binary file would write raw bytes to the editor's terminal.
 */
export function decodeText(file: string, bytes: Uint8Array, problems: Problem[]): string | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    const invalid = invalidUtf8(bytes);
    if (!invalid) throw new Error(`${file} could not be decoded as UTF-8`);
    const before = bytes.subarray(0, invalid.at);
    const lineStart = before.lastIndexOf(0x0a) + 1;
    const line = before.reduce((n, byte) => (byte === 0x0a ? n + 1 : n), 1);
    const column = new TextDecoder().decode(before.subarray(lineStart)).length + 1;
    const byte = `the byte 0x${bytes[invalid.at]!.toString(16).toUpperCase().padStart(2, '0')}`;
    problems.push(problem('encoding-invalid', { file, line, column, field: '' }, byte, invalid.count));
    return undefined;
  }
  const controls = [...text.matchAll(CONTROL)];
  const first = controls[0];
  if (first) {
    const before = text.slice(0, first.index);
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    const name = characterName(first[0]);
    problems.push(problem('control-character', { file, line, column: first.index - lineStart + 1, field: '' }, name, controls.length));
    return undefined;
  }
  return text;
}
