// The dev panel's view model: the problems an editor has to see (a failed reload's errors, or
// the warnings of the content being served), each with a link that opens the file at the line
// in the editor, a copyable `path:line:col`, the field apart from the message, and the excerpt.
import path from 'node:path';
import type { Problem, ProblemTotals } from '../content/problems.js';
import { errorCount, problemCount, warningCount } from '../content/problems.js';
import { frameLines } from '../content/report.js';
import type { ReloadFailure } from '../store/holder.js';

export interface PanelProblem {
  severity: Problem['severity'];
  code: string;
  field: string;
  message: string;
  hint: string | undefined;
  /** `content/elections/x/election.yaml:12:7`, or the path alone for a whole file. */
  where: string;
  /** `vscode://file/…:12:7`, when the content folder is known. */
  editorUrl: string | undefined;
  frame: ReturnType<typeof frameLines>;
}

export interface DevPanel {
  tone: 'error' | 'warning';
  title: string;
  intro: string;
  /** ISO time of the check, and the same in the editor's local time. */
  at: string;
  localTime: string;
  problems: PanelProblem[];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function panelProblem(p: Problem, contentDir: string | undefined): PanelProblem {
  const position = p.line > 0 ? `:${p.line}:${p.column}` : '';
  const absolute = contentDir === undefined ? undefined : path.resolve(contentDir, p.file);
  const where = `${absolute ?? p.file}${position}`;
  return {
    severity: p.severity,
    code: p.code,
    field: p.field,
    message: p.message,
    hint: p.hint,
    where,
    editorUrl:
      absolute === undefined
        ? undefined
        : `vscode://file${encodeURI(absolute.split(path.sep).join('/')).replace(/^(?!\/)/, '/')}${position}`,
    frame: frameLines(p),
  };
}

/** The editor's local time (the dev server runs on the editor's machine). */
const localTime = (iso: string): string =>
  new Date(iso).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** What a panel says when it lists only the first problems of a load. */
const listedOnly = (listed: readonly Problem[], total: number): string =>
  total > listed.length
    ? ` (the first ${listed.length} are listed here; npm run check lists every one)`
    : '';

export function devPanel(options: {
  failure: ReloadFailure | undefined;
  loaded: boolean;
  warnings: readonly Problem[];
  /** When `warnings` holds only the first of them. */
  warningTotals?: ProblemTotals | undefined;
  loadedAt: string;
  contentDir: string | undefined;
}): DevPanel | undefined {
  const { failure, loaded, warnings, contentDir } = options;
  if (failure) {
    const count = plural(problemCount(failure), 'problem');
    return {
      tone: 'error',
      title: loaded
        ? 'Content not updated: still serving the version loaded earlier'
        : 'Content not loaded: the site comes up once these problems are fixed',
      intro: `The ${loaded ? 'last edit' : 'content'} has ${count}${listedOnly(failure.problems, problemCount(failure))}. Fix them and save: this page reloads by itself.`,
      at: failure.at,
      localTime: localTime(failure.at),
      problems: failure.problems.map((p) => panelProblem(p, contentDir)),
    };
  }
  const served = { warnings, warningTotals: options.warningTotals };
  const errors = errorCount(served);
  if (errors > 0)
    return {
      tone: 'error',
      title: `${plural(errors, 'error')} in translation files: their pages show the English text`,
      intro: `The site is up to date with the English text; the translations with errors are left out until they are fixed${listedOnly(warnings, errors + warningCount(served))}. Fix them and save: this page reloads by itself.`,
      at: options.loadedAt,
      localTime: localTime(options.loadedAt),
      problems: warnings.map((p) => panelProblem(p, contentDir)),
    };
  const total = warningCount(served);
  if (total === 0) return undefined;
  return {
    tone: 'warning',
    title: `${plural(total, 'warning')} in the content being served`,
    intro: `The site is up to date; these do not stop it from publishing, but are worth a look${listedOnly(warnings, total)}.`,
    at: options.loadedAt,
    localTime: localTime(options.loadedAt),
    problems: warnings.map((p) => panelProblem(p, contentDir)),
  };
}
