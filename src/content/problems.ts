// The catalogue of content problems: permanent codes, one message builder each, and the
// Problem record every check returns. Problems are data; printing lives in ./report.ts.

export type Severity = 'error' | 'warning';

/** A short excerpt of the file around the problem, for the dev error page and the CLI. */
export interface CodeFrame {
  /** Line number of the first excerpt line (1-based). */
  start: number;
  lines: string[];
  /** Where a long line's excerpt begins (0-based), after an ellipsis; absent from its start. */
  from?: number;
}

export interface Problem {
  code: ProblemCode;
  severity: Severity;
  /** Path relative to the content folder, with forward slashes. */
  file: string;
  /** 1-based; 0 when the problem is about the file as a whole. */
  line: number;
  column: number;
  /** The field in words, such as `round 1 › Ana Lima › candidate`; empty when not about one field. */
  field: string;
  /** What happened, in a sentence or two. Never repeats the field path. */
  message: string;
  expected?: string;
  found?: string;
  /** What to do about it, e.g. `Did you mean "jane-doe"?`. */
  hint?: string;
  frame?: CodeFrame;
}

/** Where a problem is: filled in by the loader, which knows files and positions. */
export interface Place {
  file: string;
  line: number;
  column: number;
  field: string;
  /** The field's path in the data, turned into words once the whole content is known. */
  path?: readonly PropertyKey[];
}

type Detail = Pick<Problem, 'message' | 'expected' | 'found' | 'hint'>;

const quote = (value: string): string => `"${value}"`;
const didYouMean = (suggestion: string | undefined): string | undefined =>
  suggestion === undefined ? undefined : `Did you mean ${quote(suggestion)}?`;
/** At most ten names, so a long list of sources does not bury the message. */
const list = (values: readonly string[]): string => {
  if (values.length === 0) return '(none)';
  if (values.length <= 10) return values.join(', ');
  return `${values.slice(0, 10).join(', ')} and ${values.length - 10} more`;
};

/**
 * Every problem the content checks can report. The key is the permanent code that tests,
 * docs and editors rely on; never rename one, add a new code instead.
 */
export const problemCatalogue = {
  'file-unreadable': {
    severity: 'error',
    detail: (reason: string): Detail => ({
      message: `This file could not be read: ${reason}.`,
      hint: 'Check that the file exists and that its permissions allow reading.',
    }),
  },
  'read-later': {
    severity: 'error',
    detail: (reason: string): Detail => ({
      message: `This could not be read just now: ${reason}.`,
      hint: 'Nothing in the content needs changing: the machine ran out of open files (or memory) for a moment. A server watching the content loads it again within seconds, and keeps serving the last good content meanwhile; if this lasts, look at what holds the server\'s files (a flood of connections, other processes).',
    }),
  },
  'file-missing': {
    severity: 'error',
    detail: (what: string): Detail => ({
      message: `Missing file: ${what}.`,
      hint: 'Create it; content/README.md has a complete example of each file.',
    }),
  },
  'file-unexpected': {
    severity: 'warning',
    detail: (where: string): Detail => ({
      message: `This file is not part of the content format and is ignored.`,
      hint: `Content files go in ${where}. Move or rename the file, or delete it.`,
    }),
  },
  'files-unexpected': {
    severity: 'warning',
    detail: (count: number, listed: number, where: string, layout: string): Detail => ({
      message: `${count} more files are not part of the content format and are ignored (${where}); the first ${listed} are listed one by one.`,
      hint: `Content files go in ${layout}. A folder copied in by mistake can be moved out or deleted whole.`,
    }),
  },
  'translation-language': {
    severity: 'warning',
    detail: (lang: string, langs: readonly string[]): Detail => ({
      message: `This file is named as a translation into ${quote(lang)}, but the site's translations are ${langs.map(quote).join(' and ')} (an English file has no language in its name); it is ignored.`,
      expected: langs.map((l) => `.${l}`).join(' or '),
      found: `.${lang}`,
      hint: `Name a translation after its English file with the language in lower case before the extension: ${langs.map((l) => `<file>.${l}.md`).join(' or ')}.`,
    }),
  },
  'folder-missing': {
    severity: 'error',
    detail: (folder: string, isFile: boolean): Detail => ({
      message: isFile ? `The content folder ${folder} is a file, not a folder.` : `There is no content folder at ${folder}.`,
      hint: 'Set CONTENT_DIR to the folder that holds site.yaml (./content when it is not set).',
    }),
  },
  'file-empty': {
    severity: 'error',
    detail: (): Detail => ({
      message: 'The file is empty: saved before it was written, or emptied by mistake.',
      hint: 'Undo the save in your editor to get its text back, or delete the file if it should go.',
    }),
  },
  'frontmatter-missing': {
    severity: 'error',
    detail: (): Detail => ({
      message: 'The file has no frontmatter.',
      expected: 'a first line "---", then YAML fields, then a line "---"',
      found: 'no "---" on the first line',
      hint: 'Start the file with the fields between two "---" lines; content/README.md has an example.',
    }),
  },
  'frontmatter-unclosed': {
    severity: 'error',
    detail: (): Detail => ({
      message: 'The frontmatter is never closed.',
      expected: 'a line "---" after the fields',
      found: 'the end of the file',
      hint: 'Add a line with just "---" between the fields and the text.',
    }),
  },
  'yaml-syntax': {
    severity: 'error',
    detail: (reason: string, hint: string): Detail => ({
      message: `The YAML cannot be read: ${reason}`,
      hint,
    }),
  },
  'field-missing': {
    severity: 'error',
    detail: (name: string, expected: string): Detail => ({
      message: `Missing required field ${quote(name)}.`,
      expected,
      found: 'nothing',
      hint: `Add ${quote(name)}: ${expected}.`,
    }),
  },
  'field-invalid': {
    severity: 'error',
    detail: (expected: string, found: string, hint?: string): Detail => ({
      message: `Expected ${expected}, found ${found}.`,
      expected,
      found,
      hint,
    }),
  },
  'field-unknown': {
    severity: 'error',
    detail: (name: string, known: readonly string[], suggestion?: string): Detail => ({
      message: `Unknown field ${quote(name)}. Fields allowed here: ${list(known)}.`,
      found: name,
      hint: didYouMean(suggestion) ?? 'Remove it, or check its indentation.',
    }),
  },
  'slug-invalid': {
    severity: 'error',
    detail: (slug: string): Detail => ({
      message: `The name ${quote(slug)} cannot be used in a URL.`,
      expected: 'lowercase ASCII letters, digits and single hyphens, like "jane-doe"',
      found: quote(slug),
      hint: 'Rename the file or folder.',
    }),
  },
  'slug-too-long': {
    severity: 'error',
    detail: (length: number, max: number): Detail => ({
      message: `The name is ${length} characters long: a name in an address is at most ${max} characters.`,
      expected: `a name of at most ${max} characters`,
      found: `${length} characters`,
      hint: 'Rename the file or folder with a shorter name.',
    }),
  },
  'slug-reserved': {
    severity: 'error',
    detail: (slug: string, why: string): Detail => ({
      message: `The name ${quote(slug)} is reserved: ${why}.`,
      found: quote(slug),
      hint: 'Choose another name for the file or folder.',
    }),
  },
  'url-conflict': {
    severity: 'error',
    detail: (url: string, others: readonly string[]): Detail => ({
      message: `Two pages claim the URL ${url}: this file and ${list(others)}.`,
      hint: 'Rename one of them, or remove the alias.',
    }),
  },
  'alias-invalid': {
    severity: 'error',
    detail: (alias: string): Detail => ({
      message: `The alias ${quote(alias)} is not a path on this site.`,
      expected: 'a path starting with "/", like "/un-sg-2026/doe"',
      found: quote(alias),
    }),
  },
  'unknown-election': {
    severity: 'error',
    detail: (slug: string, known: readonly string[], suggestion?: string): Detail => ({
      message: `Unknown election ${quote(slug)}. Elections in this content: ${list(known)}.`,
      found: quote(slug),
      hint: didYouMean(suggestion),
    }),
  },
  'unknown-candidate': {
    severity: 'error',
    detail: (slug: string, known: readonly string[], suggestion?: string): Detail => ({
      message: `Unknown candidate ${quote(slug)}. Candidates in this election: ${list(known)}.`,
      found: quote(slug),
      hint: didYouMean(suggestion) ?? 'Add the candidate file, or correct the name.',
    }),
  },
  'unknown-source': {
    severity: 'error',
    detail: (id: string, known: readonly string[], suggestion?: string): Detail => ({
      message: `Unknown source ${quote(id)}. Sources of this election: ${list(known)}.`,
      found: quote(id),
      hint: didYouMean(suggestion) ?? 'Add it under "sources" in election.yaml.',
    }),
  },
  'duplicate-id': {
    severity: 'error',
    detail: (what: string, id: string): Detail => ({
      message: `The ${what} ${quote(id)} is listed more than once.`,
      hint: 'Give each one its own id, or merge them.',
    }),
  },
  'broken-link': {
    severity: 'error',
    detail: (href: string, suggestion?: string): Detail => ({
      message: `The link ${href} points at a page that does not exist.`,
      found: href,
      hint: didYouMean(suggestion) ?? 'Correct the link, or create the page.',
    }),
  },
  'broken-anchor': {
    severity: 'error',
    detail: (href: string, known: readonly string[], suggestion?: string): Detail => ({
      message: `The link ${href} points at a section that does not exist. Sections on that page: ${list(known)}.`,
      found: href,
      hint: didYouMean(suggestion),
    }),
  },
  'round-numbering': {
    severity: 'error',
    detail: (expected: number, found: number): Detail => ({
      message: `Rounds must be numbered 1, 2, 3… in order. Expected round ${expected}, found ${found}.`,
      expected: String(expected),
      found: String(found),
    }),
  },
  'votes-exceed-cast': {
    severity: 'error',
    detail: (total: number, cast: number, breakdown?: string): Detail => ({
      message: `The candidates' votes add up to ${total}${breakdown === undefined ? '' : ` (${breakdown})`}, more than the ${cast} votes cast.`,
      hint: 'Check each figure against its source.',
    }),
  },
  'needed-mismatch': {
    severity: 'error',
    detail: (stated: number, computed: number, rule: string): Detail => ({
      message: `The round states ${stated} votes needed, but ${rule} gives ${computed}.`,
      expected: String(computed),
      found: String(stated),
      hint: 'Check the figures and the threshold rule.',
    }),
  },
  'winner-below-threshold': {
    severity: 'error',
    detail: (candidate: string, votes: number, needed: number, round: number): Detail => ({
      message: `${quote(candidate)} is elected by ballot in round ${round} with ${votes} votes, but ${needed} were needed.`,
      hint: 'If the winner was elected without a ballot, set decision.by to "acclamation".',
    }),
  },
  'date-order': {
    severity: 'error',
    detail: (reason: string): Detail => ({
      message: reason,
      hint: 'Check each date against its source: the vote comes first, then its rounds in order, then the decision.',
    }),
  },
  'decision-inconsistent': {
    severity: 'error',
    detail: (reason: string): Detail => ({ message: reason }),
  },
  'rule-stage-order': {
    severity: 'error',
    detail: (from: number, previous: number): Detail => ({
      message: `A stage of the rule starts from round ${from}, but it must start after round ${previous}: "rule.threshold" covers round 1, and each stage starts later than the one before.`,
      expected: `a round after ${previous}`,
      found: String(from),
      hint: 'Put the stages in round order, and give each a later "from".',
    }),
  },
  'votes-total-mismatch': {
    severity: 'error',
    detail: (total: number, cast: number): Detail => ({
      message: `The candidates' votes add up to ${total}, but ${cast} votes are given as cast for candidates.`,
      expected: String(total),
      found: String(cast),
      hint: 'Check each figure against its source; blank and spoilt ballots go under "invalid" or "abstentions", not "cast".',
    }),
  },
  'turnout-exceeds-electorate': {
    severity: 'error',
    detail: (total: number, electorate: number, round: number): Detail => ({
      message: `Round ${round} counts ${total} ballots (cast, abstentions and invalid), more than the ${electorate} members who could vote.`,
      hint: 'Check the round\'s figures and the electorate against their sources.',
    }),
  },
  'candidate-reappears': {
    severity: 'error',
    detail: (candidate: string, how: string, round: number, later: number): Detail => ({
      message: `${quote(candidate)} ${how} in round ${round}, but is listed again in round ${later}.`,
      hint: `Remove ${quote(candidate)} from round ${later}, or correct the outcome in round ${round}.`,
    }),
  },
  'outcome-inconsistent': {
    severity: 'error',
    detail: (reason: string, hint?: string): Detail => (hint === undefined ? { message: reason } : { message: reason, hint }),
  },
  'elimination-mismatch': {
    severity: 'error',
    detail: (reason: string): Detail => ({
      message: reason,
      hint: 'Check the outcomes of the round against "rule.elimination", and the figures against their sources.',
    }),
  },
  'status-inconsistent': {
    severity: 'error',
    detail: (reason: string, hint: string): Detail => ({ message: reason, hint }),
  },
  'name-misspelt': {
    severity: 'warning',
    detail: (word: string, name: string): Detail => ({
      message: `${quote(word)} looks like a misspelling of ${quote(name)}.`,
      found: quote(word),
      hint: `Did you mean ${quote(name)}?`,
    }),
  },
  'source-before-event': {
    severity: 'warning',
    detail: (id: string, sourceDate: string, eventDate: string): Detail => ({
      message: `The source ${quote(id)} is dated ${sourceDate}, before the event it is cited for (${eventDate}): it cannot report the event as done.`,
      expected: `a source dated ${eventDate} or later`,
      found: sourceDate,
      hint: 'Cite a source published on or after the event; or, if the source only announced it, say that it was planned and date the entry when it was announced.',
    }),
  },
  'source-mirror-without-via': {
    severity: 'warning',
    detail: (host: string, publisher: string): Detail => ({
      message: `The address is on ${quote(host)}, which does not name the publisher ${quote(publisher)}, and the source has no "via".`,
      found: host,
      hint: 'If the text was read on a copy, keep the publisher and name the site that hosts it in "via". If the site is the publisher\'s own, give its short name in "label".',
    }),
  },
  'link-to-draft': {
    severity: 'error',
    detail: (href: string, file: string, previewing: boolean): Detail => ({
      message: `The link ${href} points at a draft: ${file} has "draft: true", so that page is not published${previewing ? ' (npm run dev shows drafts; the published site would refuse to start)' : ''}.`,
      found: href,
      hint: 'Publish the article by removing "draft: true", or remove the link until it is published.',
    }),
  },
  'votes-unaccounted': {
    severity: 'warning',
    detail: (total: number, cast: number): Detail => ({
      message: `The candidates' votes add up to ${total}, ${cast - total} fewer than the ${cast} votes cast, and no invalid ballots or abstentions are reported.`,
      hint: 'Add "invalid" or "abstentions" with the figure from the source, or check the votes.',
    }),
  },
  'time-zone-missing': {
    severity: 'warning',
    detail: (): Detail => ({
      message:
        'A time of day is given, but the venue has no time zone: pages say the time as "venue time" without its zone, and the live banner and version document give times in UTC.',
      hint: 'Add "timeZone" under "venue", like timeZone: Europe/Paris.',
    }),
  },
  'likely-rename': {
    severity: 'error',
    detail: (
      kind: string,
      from: string,
      to: string,
      name: string,
      references: number,
      files: number,
      oldFile: string,
    ): Detail => ({
      message: `This ${kind} looks renamed from "${from}" to "${to}" (same ${kind === 'candidate' ? 'name' : 'title'}, "${name}"): ${references} reference${references === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} still use "${from}".`,
      found: `"${from}"`,
      hint: `Run npm run rename -- ${oldFile} ${to}: it rewrites every reference and keeps the old URL working with a redirect.`,
    }),
  },
  'duplicate-title': {
    severity: 'warning',
    detail: (title: string, other: string): Detail => ({
      message: `${other} has the same title, ${quote(title)}: readers cannot tell the two apart in lists and search results.`,
      found: quote(title),
      hint: 'Give each article a title of its own.',
    }),
  },
  'file-too-large': {
    severity: 'error',
    detail: (size: string, limit: string): Detail => ({
      message: `This file is ${size}, more than the ${limit} a content file may hold; it was not read.`,
      expected: `at most ${limit}`,
      found: size,
      hint: 'Split the text into several articles, or remove what does not belong in it.',
    }),
  },
  'encoding-invalid': {
    severity: 'error',
    detail: (byte: string, count: number): Detail => ({
      message: `The file is not UTF-8 text: ${byte} here is not part of any character${count === 2 ? ', and neither is 1 more byte after it' : count > 2 ? `, and neither are ${count - 1} more bytes after it` : ''}. The file was not read.`,
      expected: 'UTF-8 text',
      found: byte,
      hint: 'Save the file as UTF-8 in your editor; if it is not text (an image, a document), move it out of the content folder.',
    }),
  },
  'control-character': {
    severity: 'error',
    detail: (character: string, count: number): Detail => ({
      message: `The file contains the control character ${character}${count > 1 ? ` and ${count - 1} more like it` : ''}, which text never holds. The file was not read.`,
      expected: 'text',
      found: character,
      hint: 'Delete the character; if the file is not text (an image, a document), move it out of the content folder.',
    }),
  },
  'character-invalid': {
    severity: 'error',
    detail: (kind: string, character: string, before: string, count: number): Detail => ({
      message: `Expected text, found the ${kind} ${character} ${before === '' ? 'at its start' : `after ${quote(before)}`}${count > 1 ? `, and ${count - 1} more like it` : ''}. Text never holds one: pages would carry it raw, and feed readers refuse a feed that holds one.`,
      expected: 'text',
      found: character,
      hint: 'Delete it. In a value in double quotes it is written as an escape such as \\x1b, \\e or \\uFFFE (a line break is written \\n); elsewhere it may not show in your editor, so retype the words around it.',
    }),
  },
  'nesting-too-deep': {
    severity: 'error',
    detail: (what: string, depth: number, limit: number): Detail => ({
      message: `The ${what} nests ${depth} levels deep here; at most ${limit} are allowed.`,
      expected: `at most ${limit} levels`,
      found: `${depth} levels`,
      hint: 'Flatten it: quotes, lists and fields inside one another are hard to read beyond a few levels.',
    }),
  },
  'load-too-slow': {
    severity: 'error',
    /** `whole`: the time ran out on the work across files (links, names, translations), not on one file. */
    detail: (seconds: string, whole = false): Detail =>
      whole
        ? {
            message: `Checking the content as a whole (the links, names and translations across its files) took longer than ${seconds}, so the load was abandoned.`,
            hint: 'Look for files of hundreds of thousands of lines, links or footnotes, and split or shorten them; the site keeps serving the last good content meanwhile.',
          }
        : {
            message: `Reading this file took longer than ${seconds}, so the load was abandoned.`,
            hint: 'Look for long runs of markup characters (such as "_", "*" or "[") or thousands of footnotes, links or HTML tags, and remove them or split the text; the site keeps serving the last good content meanwhile.',
          },
  },
  'load-failed': {
    severity: 'error',
    detail: (reason: string): Detail => ({
      message: `This file could not be processed: ${reason}`,
      hint: 'Simplify the part of the file shown; if the problem stays, report it with the file attached.',
    }),
  },
  'link-outside': {
    severity: 'error',
    detail: (kind: 'file' | 'folder', target: string): Detail => ({
      message: `This ${kind} is a link to ${target}, outside the content folder; it was not read.`,
      found: target,
      hint: `Copy the ${kind} into the content folder instead of linking to it.`,
    }),
  },
  'alias-reserved': {
    severity: 'error',
    detail: (alias: string, owner: string): Detail => ({
      message: `The alias ${alias} is a URL the site answers itself (${owner}), so it would never be reached.`,
      found: alias,
      hint: 'Remove the alias, or choose a path that no page uses.',
    }),
  },
  'image-external': {
    severity: 'warning',
    detail: (src: string): Detail => ({
      message: `The image ${src} is on another site; the site's security policy blocks images from other sites, so readers would see nothing.`,
      found: src,
      hint: 'Link to the image instead of showing it (remove the "!" before the brackets), or use an image the site serves itself.',
    }),
  },
  'translation-data': {
    severity: 'error',
    detail: (name: string, englishFile: string, field: string, found: string): Detail => ({
      message: `"${name}" is data, not text to translate: it is written once, in ${englishFile} (${field}), and every language shows it from there.`,
      expected: 'only text readers read, like titles, descriptions and notes',
      found,
      hint: `Delete it here; to change the value, change ${field} in ${englishFile}.`,
    }),
  },
  'translation-list-length': {
    // A warning: on vote day the English list grows first (a round, a timeline entry), and the
    // site must keep taking those edits before the translation catches up.
    severity: 'warning',
    detail: (found: number, expected: number, englishFile: string, fromStart: boolean): Detail => ({
      message: `This list has ${found} ${found === 1 ? 'element' : 'elements'}; the same list in ${englishFile} has ${expected}. A translation follows the English list element for element: ${
        fromStart
          ? found > expected
            ? 'the rounds beyond the English list are not shown'
            : 'the English rounds without a translation are shown in English (rounds are numbered in order, so the first ones match)'
          : 'with another count there is no telling which element translates which, so the whole list is shown in English until it has one element for each English element'
      }.`,
      expected: `${expected} ${expected === 1 ? 'element' : 'elements'}`,
      found: `${found}`,
      hint: 'Give each English element its translation in the same place, and {} for an element with nothing to translate.',
    }),
  },
  'translation-no-english': {
    // A warning, like a list that differs: on vote day the English text may lose a note first,
    // and the translation catches up after.
    severity: 'warning',
    detail: (field: string, englishFile: string, found: string): Detail => ({
      message: `${englishFile} has no ${field}, so there is nothing here to translate: no language shows this text.`,
      expected: `only fields that ${englishFile} has`,
      found,
      hint: `Write ${field} in ${englishFile} first (every language shows the English until its translation), or delete it here.`,
    }),
  },
  'translation-orphan': {
    severity: 'error',
    detail: (englishFile: string): Detail => ({
      message: `This translation has no English file: ${englishFile} does not exist.`,
      found: englishFile,
      hint: 'Give the translation the name of the English file it translates, with the language before the extension, or delete it.',
    }),
  },
  'translation-missing': {
    severity: 'warning',
    detail: (language: string, englishFile: string): Detail => ({
      message: `${englishFile} has no ${language} translation yet: ${language} readers see its English text, with a notice.`,
      hint: 'Create this file with the text of the English file translated and "translated:" set to the day; content/README.md shows how.',
    }),
  },
  'translation-stale': {
    severity: 'warning',
    detail: (language: string, translated: string, englishFile: string, updated: string, fields: readonly string[]): Detail => ({
      message: `The ${language} translation is older than its English text: translated ${translated}, ${englishFile} updated ${updated}.${fields.length === 0 ? '' : ` Not translated: ${list(fields)}.`}`,
      expected: `translated on ${updated} or later`,
      found: translated,
      hint: updated.includes('T')
        ? `Bring the translation in line with the English text, then set "translated:" to the day and time you did, after ${updated.slice(11)}, when the English text changed: "translated: ${updated.slice(0, 10)} HH:MM" (a later day needs no time).`
        : 'Bring the translation in line with the English text, then set "translated:" to the day you did.',
    }),
  },
} as const;

export type ProblemCode = keyof typeof problemCatalogue;

type DetailArgs<C extends ProblemCode> = Parameters<(typeof problemCatalogue)[C]['detail']>;

/** Builds a problem of a catalogued kind at a place. */
export function problem<C extends ProblemCode>(
  code: C,
  place: Place,
  ...args: DetailArgs<C>
): Problem {
  const entry = problemCatalogue[code];
  const build = entry.detail as (...a: DetailArgs<C>) => Detail;
  const detail = build(...args);
  const { path: _path, ...where } = place;
  const result: Problem = { code, severity: entry.severity, ...where, message: detail.message };
  if (_path !== undefined) Object.defineProperty(result, 'path', { value: _path, enumerable: false, configurable: true });
  if (detail.expected !== undefined) result.expected = detail.expected;
  if (detail.found !== undefined) result.found = detail.found;
  if (detail.hint !== undefined) result.hint = detail.hint;
  return result;
}

/** The data path a problem was located by, when it is about a field of a YAML file. */
export const fieldPathOf = (p: Problem): readonly PropertyKey[] | undefined =>
  (p as Problem & { path?: readonly PropertyKey[] }).path;

export const isError = (p: Problem): boolean => p.severity === 'error';

/** How many problems a load has, when its list holds only the first of them. */
export interface ProblemTotals {
  errors: number;
  warnings: number;
  /** Files with a problem. */
  files: number;
  /**
   * Of the warnings, how many the load before had too: listed after the others, if at all
   * (see ProblemsHandedOver).
   */
  repeated?: number;
  /**
   * Of the errors of a load served (those of translation files left out), how many the load
   * before had too: listed after the others, as the warnings are.
   */
  repeatedErrors?: number;
  /** Files with an error or a warning the load before did not have. */
  filesWithNew?: number;
}

/** How many problems a failed load has in all, listed or not. */
export const problemCount = (failure: {
  problems: readonly Problem[];
  totals?: ProblemTotals | undefined;
}): number =>
  failure.totals ? failure.totals.errors + failure.totals.warnings : failure.problems.length;

interface ServedProblems {
  warnings: readonly Problem[];
  warningTotals?: ProblemTotals | undefined;
}

/** How many warnings a content has, listed or not. */
export const warningCount = (content: ServedProblems): number =>
  content.warningTotals?.warnings ?? content.warnings.filter((p) => !isError(p)).length;

/**
 * How many errors a content served has: those of translation files, left out of it (their
 * pages show the English text) so as to hold up no English edit.
 */
export const errorCount = (content: ServedProblems): number =>
  content.warningTotals?.errors ?? content.warnings.filter(isError).length;

/** The files with errors among problems: of a content served, its translation files left out. */
export const filesWithErrors = (problems: readonly Problem[]): Set<string> =>
  new Set(problems.filter(isError).map((p) => p.file));

/** The fields a log line gives a content's problems: its warnings, and its errors if any. */
export const servedProblems = (content: ServedProblems): { warnings: number; errors?: number } => {
  const errors = errorCount(content);
  return errors > 0 ? { warnings: warningCount(content), errors } : { warnings: warningCount(content) };
};

export function totalsOf(problems: readonly Problem[]): ProblemTotals {
  const errors = problems.filter(isError).length;
  return {
    errors,
    warnings: problems.length - errors,
    files: new Set(problems.map((p) => p.file)).size,
  };
}

/** Sort problems by file, then position, so output is stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}
