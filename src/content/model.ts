// The validated, cross-checked content: what the loader produces and the store indexes.
import type { Lang } from '../i18n/lang.js';
import type { RenderedMarkdown } from '../markdown/render.js';
import type { Problem, ProblemTotals } from './problems.js';
import type { ArticleData, CandidateData, ElectionData, PageData, SiteData, Source } from './schemas.js';

/**
 * How far a thing's text is in the edition's language. English, the language content is written
 * in, is `original`; elsewhere the text is translated, translated but older than the English it
 * translates (`stale`: both dates, and the English fields changed or added since), or not
 * translated yet (`missing`: the English text is shown, marked as English).
 */
export type TranslationState =
  | { status: 'original' }
  | { status: 'translated'; translated: string; file: string }
  | { status: 'stale'; translated: string; updated: string; fields: string[]; file: string }
  /**
   * `withheld`: a translation file exists but has errors, so it is left out (its pages show
   * the English text until it is fixed): readers are told it is being corrected.
   */
  | { status: 'missing'; withheld?: true };

/**
 * In an edition other than English, the property of an object (a thing, a timeline entry, a
 * round, a role) that lists the keys of its text fields shown in English for want of a
 * translation; absent where all its text is translated. A thing not translated at all has
 * none: its `translation` is `missing`, which says it for the whole.
 */
export const IN_ENGLISH = 'inEnglish';
export interface InEnglish {
  readonly [IN_ENGLISH]?: readonly string[];
}

interface FromFile extends InEnglish {
  slug: string;
  /** The file it was loaded from, relative to the content folder. */
  file: string;
  /** The path without a language prefix (`/x/candidates/y`); an edition adds its prefix. */
  url: string;
  /** The text's state in the edition this object belongs to. */
  translation: TranslationState;
}

export interface Candidate extends CandidateData, FromFile {
  election: string;
  biography: RenderedMarkdown;
}

export interface Article extends ArticleData, FromFile {
  election: string;
  body: RenderedMarkdown;
}

export interface Page extends PageData, FromFile {
  body: RenderedMarkdown;
}

export interface Election extends ElectionData, FromFile {
  /** The `overview` text rendered, when there is one. */
  overviewHtml: RenderedMarkdown | undefined;
  /** Alphabetical by sort name: the order every list of candidates uses. */
  candidates: Candidate[];
  /** Published articles by `order`, then title. */
  articles: Article[];
  sourcesById: ReadonlyMap<string, Source>;
}

export type Route =
  | { kind: 'home' }
  | { kind: 'page'; page: Page }
  | { kind: 'election'; election: Election }
  | { kind: 'candidate'; election: Election; candidate: Candidate }
  | { kind: 'compare' | 'results' | 'timeline' | 'sources'; election: Election }
  | { kind: 'article'; election: Election; article: Article };

/**
 * The site in one language: the same elections, candidates, articles and pages (same slugs,
 * same data) with their text in that language where a translation exists. Routes are keyed by
 * the unprefixed path (`/x/results`); `/fr/x/results` is the French edition's `/x/results`.
 */
export interface Edition {
  lang: Lang;
  site: SiteData;
  /** Whether site.yaml's text is translated in this edition. */
  siteTranslation: TranslationState;
  elections: Election[];
  pages: Page[];
  routes: ReadonlyMap<string, Route>;
}

/**
 * Everything served, as loaded. It crosses threads as bytes (src/store/posted-content.ts): keep
 * it to plain data (objects, arrays, Maps, strings, numbers, booleans): no functions, class
 * instances or typed arrays (read back from bytes, a typed array would be a view into them).
 */
export interface Content {
  /** Every language's edition; `editions.en` holds the same objects as the fields below. */
  editions: Readonly<Record<Lang, Edition>>;
  site: SiteData;
  /** The featured election first, then the others, newest vote first. */
  elections: Election[];
  pages: Page[];
  /** Every public page by its canonical path. */
  routes: ReadonlyMap<string, Route>;
  /** Old paths that redirect (301) to a canonical path. */
  aliases: ReadonlyMap<string, string>;
  /** A hash of every content file: changes whenever content does. */
  version: string;
  /** A hash of each election as every language's pages show it, by slug. */
  electionHashes: ReadonlyMap<string, string>;
  /** ISO time the content was loaded. */
  loadedAt: string;
  /** Problems that do not stop the site from serving. */
  warnings: Problem[];
  /** When `warnings` holds only the first of them: how many there are (see ProblemsHandedOver). */
  warningTotals?: ProblemTotals;
}

export type LoadResult =
  | { ok: true; content: Content }
  /** `totals` when `problems` lists only the first of them (see ProblemsHandedOver). */
  | {
      ok: false;
      problems: Problem[];
      totals?: ProblemTotals;
      /**
       * Files could not be read for a passing reason (out of open files: load-read.ts): the
       * same load may succeed in a moment, and a watching server tries it again.
       */
      passing?: true;
    };
