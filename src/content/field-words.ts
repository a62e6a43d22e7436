// Field paths in words, derived from the data itself: `rounds[0].results[1].votes` reads
// "round 1 › Ana Lima › votes". A list item is named by what it holds: its number
// ("round 1"), the candidate it is about (by name), its name, title or id; else its position.
import type { FieldPath } from './source-file.js';

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/** "rounds" → "round", "aliases" → "alias", "entries" → "entry". */
export function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(ss|x|ch|sh|as)es$/.test(word)) return word.replace(/es$/, '');
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

const shorten = (text: string): string => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

function itemLabel(list: string, item: unknown, index: number, names: (slug: string) => string | undefined): string {
  const record = asRecord(item);
  const noun = singular(list);
  if (record) {
    if (typeof record.number === 'number') return `${noun} ${record.number}`;
    if (typeof record.candidate === 'string') return names(record.candidate) ?? record.candidate;
    for (const key of ['name', 'title', 'id', 'label']) {
      const value = record[key];
      if (typeof value === 'string' && value.trim() !== '') return `${noun} "${shorten(value.trim())}"`;
    }
  }
  return `${noun} ${index + 1}`;
}

/**
 * The path of a field as an editor reads it. `names` gives a candidate's name for a slug
 * (the list items that are about a candidate are named after them).
 */
export function fieldInWords(
  data: unknown,
  path: FieldPath,
  names: (slug: string) => string | undefined = () => undefined,
): string {
  const words: string[] = [];
  let current: unknown = data;
  let key = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      const item: unknown = Array.isArray(current) ? (current as unknown[])[segment] : undefined;
      // The list's own name gives way to the item's: "rounds › round 1" says it twice.
      if (words[words.length - 1] === key) words.pop();
      words.push(itemLabel(key, item, segment, names));
      current = item;
    } else {
      key = String(segment);
      words.push(key);
      current = asRecord(current)?.[key];
    }
  }
  // A group's "value" is the group's own figure: "votes", not "votes › value".
  if (words.length > 1 && path[path.length - 1] === 'value') words.pop();
  return words.join(' › ');
}
