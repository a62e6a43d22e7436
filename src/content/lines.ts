// Lines of a text by offset: where each line starts, and which line an offset is on. Used
// where a problem found in a whole text at once (not a line at a time) needs its line.

/** Where each line of a text starts (offsets; the first is 0). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The line (from 0) an offset is on: the last line start at or before it. */
export function lineAt(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}
