// Schema validation of one file: zod issues become problems with a line, a field path
// (printed once, by the reporter), what was expected and what was found.
import type { z } from 'zod';
import type { Problem } from './problems.js';
import { problem } from './problems.js';
import type { FieldPath, SourceFile } from './source-file.js';
import { formatFieldPath, locate, valueAt } from './source-file.js';
import { closest } from './suggest.js';
import { dateHint } from './dates.js';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  date: 'a date',
  null: 'nothing',
};

/** The one error map: every zod issue's message is the "expected" half of a sentence. */
function expectedDescription(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? issue.expected;
    case 'too_small':
      if (issue.origin === 'array') return `a list of at least ${String(issue.minimum)} items`;
      if (issue.origin === 'string') return 'text that is not empty';
      return `a number of at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `a list of at most ${String(issue.maximum)} items`;
      if (issue.origin === 'string') return `text of at most ${String(issue.maximum)} characters`;
      return `a number of at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return `text in the ${issue.format} format`;
    default:
      return 'a valid value';
  }
}

/** How a found value reads in a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
    return `"${shown}"`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 1 ? 'a list of 1 item' : `a list of ${value.length} items`;
  return 'a group of fields';
}

/** A schema without its optional, default and preprocessing wrappers: the object, list or value inside. */
function unwrap(s: z.core.$ZodType): z.core.$ZodType {
  let t = s;
  for (;;) {
    const def = t._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; out?: z.core.$ZodType; in?: z.core.$ZodType };
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) t = def.innerType;
    else if (def.type === 'pipe' && def.out && def.in) {
      const inType = (def.in._zod.def as { type: string }).type;
      t = inType === 'transform' ? def.out : def.in;
    } else return t;
  }
}

/** What a schema takes, seen through its wrappers: an object's fields, a list's element, or a value. */
export function schemaParts(schema: z.core.$ZodType): { shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType } {
  const def = unwrap(schema)._zod.def as unknown as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType };
  if (def.type === 'object' && def.shape) return { shape: def.shape };
  if (def.type === 'array' && def.element) return { element: def.element };
  return {};
}

/** The fields an object schema takes at a data path, with their schemas. */
function shapeAt(schema: z.core.$ZodType, path: FieldPath): Record<string, z.core.$ZodType> {
  let current: z.core.$ZodType | undefined = schema;
  for (const segment of path) {
    if (!current) return {};
    const def = unwrap(current)._zod.def as unknown as {
      type: string;
      shape?: Record<string, z.core.$ZodType>;
      element?: z.core.$ZodType;
    };
    if (def.type === 'object' && def.shape && typeof segment === 'string') current = def.shape[segment];
    else if (def.type === 'array' && typeof segment === 'number') current = def.element;
    else return {};
  }
  if (!current) return {};
  const def = unwrap(current)._zod.def as unknown as { type: string; shape?: Record<string, z.core.$ZodType> };
  return def.type === 'object' && def.shape ? def.shape : {};
}

/** The field names an object schema accepts at a data path, for "did you mean". */
function knownKeysAt(schema: z.core.$ZodType, path: FieldPath): string[] {
  return Object.keys(shapeAt(schema, path));
}

/**
 * A plain value where a group of fields is expected ("born: 1974-05-15"): which fields the
 * group takes, and the value written as the field that accepts it.
 */
function groupHint(schema: z.core.$ZodType, path: FieldPath, found: unknown): string | undefined {
  const shape = shapeAt(schema, path);
  const keys = Object.keys(shape);
  const name = path[path.length - 1];
  if (keys.length === 0 || typeof name !== 'string') return undefined;
  const fits =
    found === null || found === undefined
      ? undefined
      : keys.find((key) => (shape[key] as z.ZodType).safeParse(found).success);
  // A figure's number needs its provenance too: with "value" alone, the next save was
  // refused for its status, then for its sources.
  if (fits === 'value' && keys.includes('status') && keys.includes('sources'))
    return `"${name}" is a figure: its number with where it comes from. For example: ${name}: { value: ${String(found)}, status: reported, by: Wire Agency, sources: [source-id] }, with the status official, reported or unconfirmed, who reported it in "by", and the ids of its sources.`;
  const example = fits === undefined ? '' : ` For example: "${name}:" and below it, indented, "${fits}: ${String(found)}".`;
  return `"${name}" is a group that takes the fields ${keys.join(', ')}, each on its own indented line.${example}`;
}

/** Field names that an unknown key most likely meant, by the parent's path: "ofice" → office. */
function likelyMeant(issues: readonly Issue[], schema: z.core.$ZodType): Set<string> {
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeysAt(schema, issue.path);
    for (const key of issue.keys) {
      const suggestion = closest(key, known);
      if (suggestion !== undefined) meant.add(formatFieldPath([...issue.path, suggestion]));
    }
  }
  return meant;
}

const didYouMean = (suggestion: string | undefined): string | undefined =>
  suggestion === undefined ? undefined : `Did you mean "${suggestion}"?`;

/** The time zones this Node knows, by their city ("nairobi" → "Africa/Nairobi"), made once. */
let zonesByCity: Map<string, string> | undefined;

/** The IANA zone an editor most likely meant by a city or a misspelt zone: "Nairobi", "africa/nairobi". */
function timeZoneFor(found: string): string | undefined {
  const zones = Intl.supportedValuesOf('timeZone');
  zonesByCity ??= new Map(zones.map((zone) => [zone.split('/').pop()!.toLowerCase(), zone]));
  const city = found.trim().replace(/ +/g, '_').toLowerCase();
  return zonesByCity.get(city) ?? closest(found.trim(), zones);
}

/**
 * An empty value ("to:" with nothing after it) in a field that may be left out: say so, since
 * the field's own expectation ("a date like …") does not tell an editor that the line can go.
 */
function emptyHint(schema: z.core.$ZodType, path: FieldPath): string | undefined {
  const name = path[path.length - 1];
  if (typeof name !== 'string') return undefined;
  const field = shapeAt(schema, path.slice(0, -1))[name];
  const type = field ? (field._zod.def as { type: string }).type : undefined;
  if (type !== 'optional' && type !== 'default') return undefined;
  return `"${name}" may be left out: remove the line when there is nothing to write in it.`;
}

function issueToProblems(
  issue: Issue,
  source: SourceFile,
  schema: z.core.$ZodType,
  data: unknown,
  meant: ReadonlySet<string>,
): Problem[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, path);
    return issue.keys.map((key) =>
      problem('field-unknown', locate(source, [...path, key], 'key'), key, known, closest(key, known)),
    );
  }
  const found = valueAt(data, path);
  if (found === undefined) {
    // A misspelt field is reported once, as unknown with its "did you mean", not again as missing.
    if (meant.has(formatFieldPath(path))) return [];
    const name = String(path[path.length - 1] ?? 'fields');
    return [problem('field-missing', locate(source, path), name, issue.message)];
  }
  let hint: string | undefined;
  if (issue.message.startsWith('a date') && (typeof found === 'string' || typeof found === 'number')) {
    hint = dateHint(String(found));
  } else if (issue.code === 'invalid_type' && issue.expected === 'object' && (found === null || typeof found !== 'object')) {
    hint = groupHint(schema, path, found);
  } else if (found === null) {
    hint = emptyHint(schema, path);
  } else if (issue.code === 'invalid_value' && typeof found === 'string') {
    // "Voting" for "voting", "decidd" for "decided".
    hint = didYouMean(closest(found, issue.values.map(String)));
  } else if (issue.message.includes('time zone') && typeof found === 'string') {
    hint = didYouMean(timeZoneFor(found));
  }
  return [problem('field-invalid', locate(source, path), issue.message, describeValue(found), hint)];
}

export type Validated<T> = { ok: true; value: T } | { ok: false };

/** Validates a file's YAML against a schema; problems are appended, never thrown. */
export function validateFile<S extends z.ZodType>(
  schema: S,
  source: SourceFile,
  problems: Problem[],
): Validated<z.output<S>> {
  const data = source.yaml?.data;
  if (source.yaml === undefined || data === undefined) return { ok: false };
  const result = schema.safeParse(data ?? {}, { error: expectedDescription });
  if (result.success) return { ok: true, value: result.data };
  const meant = likelyMeant(result.error.issues, schema);
  for (const issue of result.error.issues) {
    problems.push(...issueToProblems(issue, source, schema, data, meant));
  }
  return { ok: false };
}
