// "Did you mean …?": the closest known name to a misspelt one, if it is close enough.
import { distance } from 'fastest-levenshtein';

/** Edits allowed for a name of this length before a guess stops being helpful. */
function tolerance(length: number): number {
  if (length <= 3) return 1;
  if (length <= 7) return 2;
  return 3;
}

/** Numbers as words, and ordinals, as editors write them in names: "round-one", "first-round". */
const NUMBER_WORDS = new Map(
  [
    ['zero'],
    ['one', 'first'],
    ['two', 'second'],
    ['three', 'third'],
    ['four', 'fourth'],
    ['five', 'fifth'],
    ['six', 'sixth'],
    ['seven', 'seventh'],
    ['eight', 'eighth'],
    ['nine', 'ninth'],
    ['ten', 'tenth'],
  ].flatMap((words, n) => words.map((word): [string, string] => [word, String(n)])),
);

/**
 * A name's words in order, whatever separates them, numbers as digits: "wire-round1",
 * "wire_round_one" and "Wire-Round-01" are all "wire round 1". Not in another order: "round-2-day-1"
 * is not "round-1-day-2", nor "ana-beats-ben" "ben-beats-ana".
 */
function shape(name: string): string {
  let found = shapes.get(name);
  if (found === undefined) {
    const words = name.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? [];
    found = words
      .map((w) => NUMBER_WORDS.get(w) ?? (/^\d+$/.test(w) ? String(Number(w)) : w))
      .join(' ');
    // The known names are the content's (its sources, pages, candidates), asked about again for
    // every misspelt one: kept, up to a bound.
    if (shapes.size >= 20_000) shapes.clear();
    shapes.set(name, found);
  }
  return found;
}

const shapes = new Map<string, string>();

export function closest(found: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const needle = found.toLowerCase();
  let needleShape: string | undefined;
  for (const candidate of known) {
    let d = distance(needle, candidate.toLowerCase());
    // The same words written another way ("wire-round1" for "wire-round-one") come right after a
    // difference of case alone, however many characters they differ by (a name with no words,
    // "_", is like none).
    if (d > 0 && (needleShape ??= shape(found)) !== '' && shape(candidate) === needleShape) d = 0.5;
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // A match that differs only in case ("sortname" for "sortName") is the best guess of all.
  if (best !== undefined && bestDistance === 0) return best === found ? undefined : best;
  return best !== undefined && bestDistance <= tolerance(found.length) ? best : undefined;
}
