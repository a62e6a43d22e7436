// Prints problems for people: grouped by file, each on one line that starts with its
// location as `path:line:col` (clickable in terminals and editors, as tsc and ESLint print
// it), then severity, field (once), message, hint and code, and a source excerpt with the
// line marked and a caret under the column.
import path from 'node:path';
import type { Problem, ProblemCode, ProblemTotals } from './problems.js';
import { isError, problemCount, totalsOf } from './problems.js';

export interface ReportOptions {
  /** Show the lines around each problem. */
  frames?: boolean;
  /** Prefix for the files' paths, e.g. "content/", so that locations open from the project folder. */
  root?: string;
  /** Show at most this many problems, and how many more there are (the summary counts all). */
  limit?: number;
  /** The load's totals when the problems are only the first of them (see ProblemsHandedOver). */
  totals?: ProblemTotals | undefined;
}

/**
 * The problems a running server prints of one load. A save can bring thousands (a file of
 * 17,000 footnotes to a source that is not listed): printed whole, the report was 10 MB, and
 * making it held the server's requests for a third of a second on every save. `npm run check`
 * prints every one.
 */
export const SERVER_REPORT_LIMIT = 50;

/** The prefix that makes a content path open from the current folder: "content/", or absolute. */
export function reportRoot(contentDir: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, contentDir);
  const root = relative === '' ? '' : relative.startsWith('..') ? path.resolve(contentDir) : relative;
  return root === '' ? '' : `${root.split(path.sep).join('/')}/`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `content/elections/x/election.yaml:12:7`, or just the path for a problem about the whole file. */
export function location(p: Problem, root = ''): string {
  return p.line > 0 ? `${root}${p.file}:${p.line}:${p.column}` : `${root}${p.file}`;
}

/**
 * What a terminal acts on or reorders text by (controls, and the marks and overrides of
 * direction), which a file's name can hold and a message quotes: each is shown as an escape.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is escaped
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const printable = (text: string): string =>
  text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });

/** One problem on one line: `file:12:7 error round 1 › votes: Unknown candidate … (unknown-candidate)`. */
export function formatProblem(p: Problem, root = ''): string {
  const field = p.field === '' ? '' : `${p.field}: `;
  const hint = p.hint === undefined ? '' : ` ${p.hint}`;
  // A file named "a\x1b[2J.md" would otherwise clear the editor's terminal.
  return printable(`${location(p, root)} ${p.severity} ${field}${p.message}${hint} (${p.code})`);
}

/** The excerpt's lines: the problem's line marked with ">", a caret under its column. */
export function frameLines(p: Problem): { number: number; text: string; marked: boolean; caret?: string }[] {
  if (!p.frame) return [];
  const { start, lines, from = 0 } = p.frame;
  // A cut line begins with an ellipsis: the caret moves by where it begins, and one for it.
  const indent = from > 0 ? p.column - from : p.column - 1;
  return lines.map((text, i) => {
    const number = start + i;
    const marked = number === p.line;
    return marked && p.column > 0 && indent >= 0
      ? { number, text, marked, caret: `${' '.repeat(indent)}^` }
      : { number, text, marked };
  });
}

function formatFrame(p: Problem): string[] {
  const lines = frameLines(p);
  if (lines.length === 0) return [];
  const width = String(lines[lines.length - 1]!.number).length;
  return lines.flatMap(({ number, text, marked, caret }) => {
    const line = `      ${marked ? '>' : ' '} ${String(number).padStart(width)} | ${text}`;
    return caret === undefined ? [line] : [line, `        ${' '.repeat(width)} | ${caret}`];
  });
}

export function summarize(
  problems: readonly Problem[],
  { errors, warnings, files }: ProblemTotals = totalsOf(problems),
): string {
  if (errors + warnings === 0) return 'No problems found.';
  return `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${plural(files, 'file')}.`;
}

/** The full report, as `npm run check` prints it: one block per file. */
export function formatReport(problems: readonly Problem[], options: ReportOptions = {}): string {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = byFile.get(p.file);
    if (list) list.push(p);
    else byFile.set(p.file, [p]);
  }
  const out: string[] = [];
  let left = options.limit ?? Infinity;
  for (const list of byFile.values()) {
    if (left === 0) break;
    for (const p of list.slice(0, left)) {
      out.push(formatProblem(p, options.root));
      if (options.frames) out.push(...formatFrame(p));
    }
    left -= Math.min(left, list.length);
    out.push('');
  }
  const { totals } = options;
  const shown = Math.min(problems.length, options.limit ?? Infinity);
  const hidden = problemCount({ problems, totals }) - shown;
  if (hidden > 0)
    out.push(
      `${plural(hidden, 'more problem')} ${hidden === 1 ? 'is' : 'are'} not shown here (npm run check lists every problem).`,
    );
  out.push(summarize(problems, totals));
  return out.join('\n');
}

/** What makes two problems the same: their file, place and words. */
const sameProblem = (p: Problem): string =>
  `${p.file}\0${p.line}\0${p.column}\0${p.code}\0${p.field}\0${p.message}\0${p.hint ?? ''}`;

/**
 * Errors that follow from what another file says or lacks (a name, a source, a page): a
 * half-saved election.yaml without its sources made hundreds of them, listed before the one
 * error that said why, in election.yaml. They come after the errors of files' own text.
 */
const FOLLOWING: ReadonlySet<ProblemCode> = new Set([
  'unknown-election',
  'unknown-candidate',
  'unknown-source',
  'broken-link',
  'broken-anchor',
]);

/**
 * What the thread that loads a running server's content hands the server of each load's
 * problems: the first `limit`, errors first (those of a file's own text, then those that
 * follow from another file), then the warnings the load before did not have,
 * then the others; and the load's totals, with how many of its warnings the load before had.
 * A save can bring tens of thousands of problems (a file of footnotes to sources that are not
 * listed, a page of images from other sites): handed over whole, they held the server's
 * requests for a fifth of a second on every save. The thread that made them sees them all,
 * so it is the one that tells a save's new warning from those reported before, wherever it
 * comes in the list. `npm run check` lists every one.
 */
export class ProblemsHandedOver {
  #before: ReadonlySet<string> = new Set();

  constructor(readonly limit = SERVER_REPORT_LIMIT) {}

  /**
   * What to hand over of a load's problems, at most `limit` of them (`npm run check`: all);
   * the load becomes the load before. A load that `failed` adds its warnings to those of the
   * load before: its errors may have kept other checks from running, and once they are fixed
   * the warnings those checks find again were reported before (they were printed again).
   */
  of(
    problems: readonly Problem[],
    limit = this.limit,
    failed = false,
  ): { problems: Problem[]; totals: ProblemTotals } {
    // The errors of a load served are of translation files left out: reported once, as its
    // warnings are (each save of the English printed them again). A failed load's are all said.
    const keys = problems.map((p) => (isError(p) && failed ? undefined : sameProblem(p)));
    // 0: an error in a file's own text, 1: an error that follows from another file, 2: a
    // warning (or a served load's error) the load before did not have, 3: one it had.
    const ranks = keys.map((k, i) =>
      k !== undefined && this.#before.has(k)
        ? 3
        : isError(problems[i]!)
          ? FOLLOWING.has(problems[i]!.code)
            ? 1
            : 0
          : 2,
    );
    const ranked = (rank: number): Problem[] => problems.filter((_, i) => ranks[i] === rank);
    const fresh = [...ranked(0), ...ranked(1), ...ranked(2)];
    const repeated = ranked(3);
    const now = keys.filter((k) => k !== undefined);
    this.#before = failed ? new Set([...this.#before, ...now]) : new Set(now);
    const repeatedErrors = repeated.filter(isError).length;
    return {
      problems: [...fresh, ...repeated].slice(0, limit),
      totals: {
        ...totalsOf(problems),
        repeated: repeated.length - repeatedErrors,
        ...(repeatedErrors > 0 && { repeatedErrors }),
        filesWithNew: totalsOf(fresh).files,
      },
    };
  }
}

/**
 * What the server reports on each reload: every error, and only the warnings it has not
 * reported before (at most the options' limit of them in full), then how many it left out.
 * A site with many warnings (each text not yet translated is one) printed them all on every
 * save, and the one the save caused was lost among them. A warning is the same when its
 * file, place and words are. The problems are those handed over (ProblemsHandedOver): the
 * warnings reported before come last, and the totals say how many there are.
 */
export function reloadReport(
  problems: readonly Problem[],
  options: ReportOptions = {},
): string | undefined {
  const { totals } = options;
  const repeated = totals?.repeated ?? 0;
  const repeatedErrors = totals?.repeatedErrors ?? 0;
  const before = repeated + repeatedErrors;
  // Those listed that were reported before: the last of the list, if any are listed.
  const listedRepeated = Math.max(0, problems.length - (problemCount({ problems, totals }) - before));
  const shown = problems.slice(0, problems.length - listedRepeated);
  const newTotals = totals && {
    errors: totals.errors - repeatedErrors,
    warnings: totals.warnings - repeated,
    files: totals.filesWithNew ?? totals.files,
  };
  const parts =
    problemCount({ problems: shown, totals: newTotals }) > 0
      ? [formatReport(shown, { ...options, totals: newTotals })]
      : [];
  if (before > 0) {
    const said = [
      ...(repeatedErrors > 0 ? [plural(repeatedErrors, 'error')] : []),
      ...(repeated > 0 ? [plural(repeated, 'warning')] : []),
    ].join(' and ');
    parts.push(
      `${said} reported before ${before === 1 ? 'is' : 'are'} not repeated (npm run check lists every problem).`,
    );
  }
  return parts.length > 0 ? `${parts.join('\n')}\n` : undefined;
}
