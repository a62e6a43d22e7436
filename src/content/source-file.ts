// One content file as text: frontmatter split, YAML parsed with source positions, and
// the mapping from a field path back to the line and column an editor should look at.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { CodeFrame, Place, Problem } from './problems.js';
import { problem } from './problems.js';
import { explainYamlErrors, YAML_HINT } from './yaml-errors.js';

export type FieldPath = readonly PropertyKey[];

export interface YamlPart {
  /** The parsed value, or undefined when the YAML has syntax errors. */
  data: unknown;
  /** Lines before the YAML starts in the file (1 for frontmatter after "---"). */
  lineOffset: number;
  /**
   * The document with source positions, parsed again when a problem needs a line: keeping
   * every file's syntax tree for the rare problem cost more memory than the rest of a load.
   */
  positions(): { doc: Document.Parsed; lines: LineCounter };
}

function parseWithPositions(source: string): { doc: Document.Parsed; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { doc, lines };
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
  const { doc, lines } = parseWithPositions(source);
  for (const e of explainYamlErrors(doc.errors, lines, source)) {
    problems.push(
      problem('yaml-syntax', { file, line: e.line + lineOffset, column: e.column, field: '' }, e.reason, e.hint),
    );
  }
  let data: unknown;
  if (doc.errors.length === 0) {
    try {
      // Aliases are resolved here: an unknown one, or too many (a "billion laughs" file), throws.
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      problems.push(problem('yaml-syntax', { file, line: 1 + lineOffset, column: 1, field: '' }, reason.endsWith('.') ? reason : `${reason}.`, YAML_HINT));
    }
  }
  return { data, lineOffset, positions: () => parseWithPositions(source) };
}

const FENCE = /^---[ \t]*$/;

/** Reads a `.yaml` file or a Markdown file with frontmatter; syntax problems go to `problems`. */
export function parseSourceFile(file: string, text: string, problems: Problem[]): SourceFile {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!file.endsWith('.md')) {
    return { file, text: normalized, yaml: parseYaml(file, normalized, 0, problems), bodyLine: 1 };
  }
  const lines = normalized.split('\n');
  if (!FENCE.test(lines[0] ?? '')) {
    problems.push(problem('frontmatter-missing', { file, line: 1, column: 1, field: '' }));
    return { file, text: normalized, body: normalized, bodyLine: 1 };
  }
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close === -1) {
    problems.push(
      problem('frontmatter-unclosed', { file, line: lines.length, column: 1, field: '' }),
    );
    return { file, text: normalized, bodyLine: 1 };
  }
  const yamlText = lines.slice(1, close).join('\n');
  return {
    file,
    text: normalized,
    yaml: parseYaml(file, yamlText, 1, problems),
    body: lines.slice(close + 1).join('\n'),
    bodyLine: close + 2,
  };
}

function findPairKey(node: Node, key: PropertyKey): { key: Node; value: Node | null } | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(key)) {
      return { key: pair.key, value: (pair.value as Node | null) ?? null };
    }
  }
  return undefined;
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
    const pair = findPairKey(node, segment);
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

/** The 1-based line and column of a character offset in the body of a Markdown file. */
export function bodyPlace(source: SourceFile, index: number, field = 'body'): Place {
  const before = (source.body ?? '').slice(0, Math.max(0, index));
  const newlines = before.split('\n');
  return {
    file: source.file,
    line: source.bodyLine + newlines.length - 1,
    column: (newlines[newlines.length - 1]?.length ?? 0) + 1,
    field,
  };
}

/** A few lines around `line`, for showing editors where the problem is. */
export function codeFrame(text: string, line: number, context = 2): CodeFrame | undefined {
  if (line < 1) return undefined;
  const lines = text.split('\n');
  if (line > lines.length) return undefined;
  const start = Math.max(1, line - context);
  const end = Math.min(lines.length, line + context);
  // A tab shows as →: an editor can see the one that broke the YAML.
  return { start, lines: lines.slice(start - 1, end).map((l) => l.replace(/\t/g, '→')) };
}
