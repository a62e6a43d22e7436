// Prints problems for people: grouped by file, each with its position, field (once),
// message, hint and code, and a source excerpt with the line marked.
import type { Problem } from './problems.js';
import { isError } from './problems.js';

export interface ReportOptions {
  /** Show the lines around each problem. */
  frames?: boolean;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One problem on one line: `12:7 error rounds[0].candidate: Unknown candidate … (unknown-candidate)`. */
export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.line}:${p.column}` : '-';
  const field = p.field === '' ? '' : `${p.field}: `;
  const hint = p.hint === undefined ? '' : ` ${p.hint}`;
  return `${where} ${p.severity} ${field}${p.message}${hint} (${p.code})`;
}

function formatFrame(p: Problem): string[] {
  if (!p.frame) return [];
  const width = String(p.frame.start + p.frame.lines.length - 1).length;
  return p.frame.lines.map((text, i) => {
    const number = p.frame!.start + i;
    const marker = number === p.line ? '>' : ' ';
    return `      ${marker} ${String(number).padStart(width)} | ${text}`;
  });
}

export function summarize(problems: readonly Problem[]): string {
  const errors = problems.filter(isError).length;
  const warnings = problems.length - errors;
  const files = new Set(problems.map((p) => p.file)).size;
  if (problems.length === 0) return 'No problems found.';
  return `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in ${plural(files, 'file')}.`;
}

/** The full report, as `npm run check` prints it. */
export function formatReport(problems: readonly Problem[], options: ReportOptions = {}): string {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(file);
    for (const p of list) {
      out.push(`  ${formatProblem(p)}`);
      if (options.frames) out.push(...formatFrame(p));
    }
    out.push('');
  }
  out.push(summarize(problems));
  return out.join('\n');
}
