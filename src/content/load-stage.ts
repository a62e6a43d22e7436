// What the stages of the load (load.ts) share: how a stage says which file it is on, what a
// stage hands on, and the small helpers that name places and files.
import type { RenderCache } from '../markdown/render.js';
import path from 'node:path';
import type { Place, Problem } from './problems.js';
import type { RecordedVotes } from './references.js';
import { asRecord } from './references.js';
import type { RecordedNames } from './renames.js';
import type { ArticleData } from './schemas.js';
import type { SourceFile } from './source-file.js';

export interface LoadOptions {
  /** Serve articles marked `draft: true` (for editors previewing). */
  includeDrafts?: boolean;
  /** The votes being served before this load (on reload), to point at the figure an edit changed. */
  previousVotes?: RecordedVotes;
  /** The names and titles being served before this load (on reload), to recognise a rename. */
  previousNames?: RecordedNames;
  /**
   * Told the file the load is working on as it moves from one to the next ("." for work on
   * the folder as a whole), so that a load that runs too long can say where it stopped.
   */
  onFile?: (file: string) => void;
  /** Renderings kept from the loads before (the loading thread keeps them): only changed text is rendered. */
  renderings?: RenderCache;
  /**
   * The content is posted to another thread, which gets a copy of its own (every string
   * copied, none cut from a file's text) and freezes it: the load does neither itself.
   */
  posted?: boolean;
  /**
   * The files' text to load instead of reading the folder (the last good content kept on
   * disk: src/store/last-good.ts), by path in the folder.
   */
  texts?: ReadonlyMap<string, string>;
  /** Told the text of every file the load read (to keep it if the load succeeds). */
  onRead?: (texts: ReadonlyMap<string, string>) => void;
}

/** Told the file a stage is working on ("." for the folder as a whole). */
export type Progress = (file: string) => void;

/** What every stage hands on besides its output: the problems it found, in the order found. */
export interface Found {
  problems: Problem[];
}

/** One content file after validation. */
export interface Entry<T> {
  source: SourceFile;
  /** The validated data; undefined when the file has problems. */
  data: T | undefined;
}

/** A place that is the file as a whole. */
export const whole = (file: string): Place => ({ file, line: 0, column: 0, field: '' });

/** A file's slug: its name without the `.md`. */
export const slugOf = (file: string): string => path.posix.basename(file).replace(/\.md$/, '');

export const reasonOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

/** A reason as a sentence: ends with a full stop. */
export const sentence = (reason: string): string => (reason.endsWith('.') ? reason : `${reason}.`);

/** A top-level text field of a file as written, valid or not. */
export const stringField = (source: SourceFile, key: string): string | undefined => {
  const value = asRecord(source.yaml?.data)?.[key];
  return typeof value === 'string' ? value : undefined;
};

/** Whether an article is marked a draft, valid or not. */
export const markedDraft = (e: Entry<ArticleData>): boolean => e.data?.draft ?? asRecord(e.source.yaml?.data)?.draft === true;
