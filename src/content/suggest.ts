// "Did you mean …?": the closest known name to a misspelt one, if it is close enough.
import { distance } from 'fastest-levenshtein';

/** Edits allowed for a name of this length before a guess stops being helpful. */
function tolerance(length: number): number {
  if (length <= 3) return 1;
  if (length <= 7) return 2;
  return 3;
}

export function closest(found: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const needle = found.toLowerCase();
  for (const candidate of known) {
    const d = distance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // A match that differs only in case ("sortname" for "sortName") is the best guess of all.
  if (best !== undefined && bestDistance === 0) return best === found ? undefined : best;
  return best !== undefined && bestDistance <= tolerance(found.length) ? best : undefined;
}
