// The validated, cross-checked content: what the loader produces and the store indexes.
import type { RenderedMarkdown } from '../markdown/render.js';
import type { Problem } from './problems.js';
import type { ArticleData, CandidateData, ElectionData, PageData, SiteData, Source } from './schemas.js';

interface FromFile {
  slug: string;
  /** The file it was loaded from, relative to the content folder. */
  file: string;
  url: string;
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

export interface Content {
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
  /** ISO time the content was loaded. */
  loadedAt: string;
  /** Problems that do not stop the site from serving. */
  warnings: Problem[];
}

export type LoadResult =
  | { ok: true; content: Content }
  | { ok: false; problems: Problem[] };
