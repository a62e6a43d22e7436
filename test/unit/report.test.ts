// The report a running server prints of a load: at most so many problems, over as many files
// as they come from, and the rest counted (npm run check prints every one).
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/content/problems.js';
import { firstProblems, problem } from '../../src/content/problems.js';
import { formatReport, ReloadReports } from '../../src/content/report.js';

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
    const failure = firstProblems({ ok: false as const, problems }, 2);
    expect(failure.problems).toEqual(problems.slice(0, 2));
    expect(failure.totals).toEqual({ errors: 5, warnings: 0, files: 3 });
    expect(formatReport(failure.problems, { limit: 50, totals: failure.totals })).toBe(
      [
        printed('a.md', 1),
        printed('a.md', 2),
        '',
        '3 more problems are not shown here (npm run check lists every problem).',
        '5 errors and 0 warnings in 3 files.',
      ].join('\n'),
    );
    // A load within the limit is handed on whole, with no totals.
    const whole = { ok: false as const, problems };
    expect(firstProblems(whole, 5)).toBe(whole);
  });

  it('on a reload, leaves out the warnings reported before from the count as well', () => {
    const before = [warning('a.md', 1)];
    const reports = new ReloadReports(before);
    const now = [warning('a.md', 1), at('b.md', 7)];
    expect(reports.report(now, { totals: { errors: 3, warnings: 2, files: 3 } })).toBe(
      [
        printed('b.md', 7),
        '',
        '3 more problems are not shown here (npm run check lists every problem).',
        '3 errors and 1 warning in 3 files.',
        '1 warning reported before is not repeated (npm run check lists every problem).',
        '',
      ].join('\n'),
    );
  });
});
