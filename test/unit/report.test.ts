// The report a running server prints of a load: at most so many problems, over as many files
// as they come from, and the rest counted (npm run check prints every one).
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/content/problems.js';
import { problem } from '../../src/content/problems.js';
import { formatReport, ProblemsHandedOver, reloadReport } from '../../src/content/report.js';

const at = (file: string, line: number): Problem =>
  problem('unknown-source', { file, line, column: 3, field: 'body' }, `s-${line}`, ['wire-story']);
/** How the report prints one of them. */
const printed = (file: string, line: number): string =>
  `${file}:${line}:3 error body: Unknown source "s-${line}". Sources of this election: wire-story. Add it under "sources" in election.yaml. (unknown-source)`;
const warning = (file: string, line: number): Problem => ({
  ...at(file, line),
  severity: 'warning',
});

describe('a report with a limit', () => {
  const problems = [at('a.md', 1), at('a.md', 2), at('b.md', 7), at('b.md', 9), at('c.md', 4)];

  it('shows the first problems across files, then how many more, then the whole count', () => {
    expect(formatReport(problems, { limit: 3 })).toBe(
      [
        printed('a.md', 1),
        printed('a.md', 2),
        '',
        printed('b.md', 7),
        '',
        '2 more problems are not shown here (npm run check lists every problem).',
        '5 errors and 0 warnings in 3 files.',
      ].join('\n'),
    );
  });

  it('says nothing more when every problem fits', () => {
    expect(formatReport(problems, { limit: 5 })).toBe(formatReport(problems));
    expect(formatReport(problems)).not.toContain('not shown here');
  });

  it('counts what a failed load left out of its list by its totals', () => {
    const failure = new ProblemsHandedOver(2).of(problems);
    expect(failure.problems).toEqual(problems.slice(0, 2));
    expect(failure.totals).toEqual({
      errors: 5,
      warnings: 0,
      files: 3,
      repeated: 0,
      filesWithNew: 3,
    });
    expect(formatReport(failure.problems, { limit: 50, totals: failure.totals })).toBe(
      [
        printed('a.md', 1),
        printed('a.md', 2),
        '',
        '3 more problems are not shown here (npm run check lists every problem).',
        '5 errors and 0 warnings in 3 files.',
      ].join('\n'),
    );
    // A load within the limit is handed over whole, in its order.
    expect(new ProblemsHandedOver(5).of(problems).problems).toEqual(problems);
  });
});

describe('what a running server is handed of each load, and reports', () => {
  const warnings = (file: string, count: number): Problem[] =>
    Array.from({ length: count }, (_, i) => warning(file, i + 1));
  const printedWarning = (file: string, line: number): string =>
    printed(file, line).replace(' error ', ' warning ');

  it('hands over the errors first, then the new warnings, then those the load before had', () => {
    const handedOver = new ProblemsHandedOver(3);
    handedOver.of([warning('a.md', 1), warning('a.md', 2)]);
    const next = handedOver.of([
      warning('a.md', 1),
      warning('a.md', 2),
      warning('b.md', 5),
      at('c.md', 4),
    ]);
    expect(next.problems).toEqual([at('c.md', 4), warning('b.md', 5), warning('a.md', 1)]);
    expect(next.totals).toEqual({ errors: 1, warnings: 3, files: 3, repeated: 2, filesWithNew: 2 });
  });

  it("hands over the errors of a file's own text before those that follow from another file", () => {
    // A half-saved election.yaml: its sources gone, every citation of them is unknown.
    const own = problem(
      'field-missing',
      { file: 'e/election.yaml', line: 3, column: 1, field: 'updated' },
      'updated',
      'a date',
    );
    const following = [at('a.md', 1), at('b.md', 2)];
    const handedOver = new ProblemsHandedOver(2).of([...following, own]);
    expect(handedOver.problems).toEqual([own, following[0]]);
    expect(handedOver.totals).toMatchObject({ errors: 3, files: 3 });
    // Every one when asked for all (npm run check).
    expect(new ProblemsHandedOver().of([...following, own], Infinity).problems).toEqual([
      own,
      ...following,
    ]);
  });

  it('keeps the warnings reported before across a failed load, whose errors may have hidden them', () => {
    const handedOver = new ProblemsHandedOver(50);
    handedOver.of([warning('a.md', 1), warning('b.md', 2)]);
    // The save that broke a.md: its warning could not be checked.
    handedOver.of([at('a.md', 9), warning('b.md', 2)], 50, true);
    const fixed = handedOver.of([warning('a.md', 1), warning('b.md', 2)]);
    expect(fixed.totals).toMatchObject({ warnings: 2, repeated: 2, filesWithNew: 0 });
    expect(reloadReport(fixed.problems, { totals: fixed.totals })).toBe(
      '2 warnings reported before are not repeated (npm run check lists every problem).\n',
    );
  });

  it('says the error of a translation file left out once, not again on every save served', () => {
    // Vote day: election.fr.yaml has an error (left out, its pages in English), and the
    // English is saved again and again, each save served.
    const handedOver = new ProblemsHandedOver(50);
    const french = at('e/election.fr.yaml', 3);
    const first = handedOver.of([french, warning('a.md', 1)]);
    expect(reloadReport(first.problems, { totals: first.totals })).toContain(
      printed('e/election.fr.yaml', 3),
    );
    const next = handedOver.of([french, warning('a.md', 1), warning('b.md', 2)]);
    expect(next.totals).toMatchObject({ errors: 1, repeatedErrors: 1, repeated: 1 });
    expect(reloadReport(next.problems, { totals: next.totals })).toBe(
      [
        printedWarning('b.md', 2),
        '',
        '0 errors and 1 warning in 1 file.',
        '1 error and 1 warning reported before are not repeated (npm run check lists every problem).',
        '',
      ].join('\n'),
    );
    // A save that fails says every error, the one reported before included.
    const failed = handedOver.of([french, at('a.md', 9)], 50, true);
    expect(reloadReport(failed.problems, { totals: failed.totals })).toContain(
      printed('e/election.fr.yaml', 3),
    );
  });

  it("reports a save's one new warning among thousands reported before, past the first 50", () => {
    const handedOver = new ProblemsHandedOver(50);
    const first = handedOver.of(warnings('a.md', 3000));
    expect(first.problems).toHaveLength(50);
    expect(reloadReport(first.problems, { limit: 50, totals: first.totals })).toBe(
      [
        ...Array.from({ length: 50 }, (_, i) => printedWarning('a.md', i + 1)),
        '',
        '2950 more problems are not shown here (npm run check lists every problem).',
        '0 errors and 3000 warnings in 1 file.',
        '',
      ].join('\n'),
    );
    const next = handedOver.of([...warnings('a.md', 3000), warning('z.md', 9)]);
    expect(reloadReport(next.problems, { limit: 50, totals: next.totals })).toBe(
      [
        printedWarning('z.md', 9),
        '',
        '0 errors and 1 warning in 1 file.',
        '3000 warnings reported before are not repeated (npm run check lists every problem).',
        '',
      ].join('\n'),
    );
    // The same load again: nothing new to say but the count.
    const again = handedOver.of([...warnings('a.md', 3000), warning('z.md', 9)]);
    expect(reloadReport(again.problems, { limit: 50, totals: again.totals })).toBe(
      '3001 warnings reported before are not repeated (npm run check lists every problem).\n',
    );
  });

  it('on a reload, leaves out the warnings reported before from the count as well', () => {
    const handedOver = new ProblemsHandedOver(1);
    handedOver.of([warning('a.md', 1)]);
    const now = handedOver.of([warning('a.md', 1), at('b.md', 7), at('c.md', 1), at('d.md', 2)]);
    expect(now.problems).toEqual([at('b.md', 7)]);
    expect(reloadReport(now.problems, { totals: now.totals })).toBe(
      [
        printed('b.md', 7),
        '',
        '2 more problems are not shown here (npm run check lists every problem).',
        '3 errors and 0 warnings in 3 files.',
        '1 warning reported before is not repeated (npm run check lists every problem).',
        '',
      ].join('\n'),
    );
  });
});
