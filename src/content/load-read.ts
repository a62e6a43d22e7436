// The load's first stages: which files the folder holds, their text, and each parsed.
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Lang } from '../i18n/lang.js';
import { DEFAULT_LANG, isLang, TRANSLATED_LANGS } from '../i18n/lang.js';
import type { LoadResult } from './model.js';
import type { Problem } from './problems.js';
import { problem } from './problems.js';
import type { Found, Progress } from './load-stage.js';
import { reasonOf, whole } from './load-stage.js';
import type { SourceFile } from './source-file.js';
import { decodeText, parseSourceFile } from './source-file.js';

/** The most a content file may hold: the longest real article is a few dozen kilobytes. */
export const FILE_SIZE_LIMIT = 1024 * 1024;

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** What an English file is, from where it sits. */
export type EnglishKind =
  | { kind: 'site' }
  | { kind: 'page'; slug: string }
  | { kind: 'election'; election: string }
  | { kind: 'candidate'; election: string; slug: string }
  | { kind: 'article'; election: string; slug: string };

/** A translation (`ana-lima.fr.md`): the text of the English file `of` in another language. */
export interface TranslationKind {
  kind: 'translation';
  lang: Lang;
  /** The English file it translates (`…/ana-lima.md`), which may not exist. */
  of: string;
  /** What the English file is. */
  target: EnglishKind;
}

export type FileKind = EnglishKind | TranslationKind;

const LAYOUT =
  'site.yaml, pages/<page>.md, elections/<election>/election.yaml, ' +
  'elections/<election>/candidates/<candidate>.md and elections/<election>/articles/<article>.md';

/** `<name>.<lang>.<ext>`, for a language of the site other than English. */
const TRANSLATION_NAME = /^(.*)\.([a-z]{2})\.(md|yaml)$/;

/**
 * What a file is, from where it sits; undefined for files outside the format. A file named
 * `<name>.<lang>.<ext>` beside an English file's place is its translation into `lang`.
 */
export function classify(file: string): FileKind | undefined {
  const translation = TRANSLATION_NAME.exec(file);
  if (translation && isLang(translation[2]) && translation[2] !== DEFAULT_LANG) {
    const of = `${translation[1]!}.${translation[3]!}`;
    const target = classifyEnglish(of);
    return target && { kind: 'translation', lang: translation[2], of, target };
  }
  // A name like a translation's into a language the site does not have (`.de.md`, `.FR.md`):
  // no name of the format has a dot in it, and read as one it was ten errors about fields.
  if (foreignLanguage(file) !== undefined) return undefined;
  return classifyEnglish(file);
}

/** `de` for `ana-lima.de.md` beside an English file's place, where `de` is no language of the site's. */
function foreignLanguage(file: string): string | undefined {
  const name = /^(.*)\.([A-Za-z]{2})\.(md|yaml)$/.exec(file);
  if (!name || (isLang(name[2]) && name[2] !== DEFAULT_LANG)) return undefined;
  return classifyEnglish(`${name[1]!}.${name[3]!}`) === undefined ? undefined : name[2];
}

function classifyEnglish(file: string): EnglishKind | undefined {
  const parts = file.split('/');
  const [a, b, c, d] = parts;
  if (parts.length === 1 && a === 'site.yaml') return { kind: 'site' };
  if (parts.length === 2 && a === 'pages' && b?.endsWith('.md')) return { kind: 'page', slug: b.slice(0, -3) };
  if (a !== 'elections' || b === undefined) return undefined;
  if (parts.length === 3 && c === 'election.yaml') return { kind: 'election', election: b };
  if (parts.length === 4 && d?.endsWith('.md')) {
    if (c === 'candidates') return { kind: 'candidate', election: b, slug: d.slice(0, -3) };
    if (c === 'articles') return { kind: 'article', election: b, slug: d.slice(0, -3) };
  }
  return undefined;
}

const isIgnored = (file: string): boolean =>
  file.split('/').some((part) => part.startsWith('.')) || /(^|\/)README\.md$/i.test(file);

interface Listing extends Found {
  files: string[];
}

/** Whether a folder or a file of a load could not be read for a passing reason (PASSING). */
interface Failed {
  passing: boolean;
}

/**
 * Every file in the folder, relative to it. Links are followed only while they stay inside the
 * content folder, to files and folders alike (each folder once); a link that leaves it is a
 * problem naming both ends, and nothing behind it is read.
 */
async function listFiles(dir: string, failed: Failed): Promise<Listing> {
  const root = await realpath(dir);
  if (!(await stat(root)).isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' });
  const inside = (target: string): boolean => target === root || target.startsWith(`${root}${path.sep}`);
  const files: string[] = [];
  const problems: Problem[] = [];
  const walked = new Set<string>();
  async function walk(real: string, rel: string): Promise<void> {
    if (walked.has(real)) return;
    walked.add(real);
    let entries;
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch (cause) {
      failed.passing ||= passing(cause);
      problems.push(unreadable(rel === '' ? '.' : rel, cause));
      return;
    }
    for (const entry of entries) {
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (isIgnored(child)) continue;
      const childReal = path.join(real, entry.name);
      if (entry.isDirectory()) await walk(childReal, child);
      else if (entry.isFile()) files.push(child);
      else if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(childReal);
        } catch {
          // A link that leads nowhere is reported as unreadable when read.
          files.push(child);
          continue;
        }
        const isFolder = await stat(target).then((s) => s.isDirectory(), () => false);
        if (!inside(target)) problems.push(problem('link-outside', whole(child), isFolder ? 'folder' : 'file', target));
        else if (isFolder) await walk(target, child);
        else files.push(child);
      }
      // A named pipe, a socket, a device: reported when read (it is not a file), not passed over.
      else files.push(child);
    }
  }
  await walk(root, '');
  return { files: files.sort(), problems };
}

/**
 * Failures of the machine, not of the content: the process or the system out of open files
 * (EMFILE, ENFILE: a flood of connections holds them), memory, or a device busy for a moment.
 * A load that meets one says so alone (a folder it could not list would otherwise bring
 * "site.yaml is missing"), and is tried again (src/store/reload.ts).
 */
const PASSING = new Set(['EMFILE', 'ENFILE', 'ENOMEM', 'EAGAIN', 'EBUSY', 'EIO']);

/** Whether a read failed for a passing reason (PASSING). */
export const passing = (cause: unknown): boolean =>
  PASSING.has(String((cause as { code?: unknown } | null)?.code));

/** A file or folder that could not be read: for a passing reason, or its own. */
const unreadable = (file: string, cause: unknown): Problem =>
  problem(passing(cause) ? 'read-later' : 'file-unreadable', whole(file), reasonOf(cause));

/** What a name in the folder is when it is not a file (a link in the folder may lead to one). */
const notAFile = (stats: Stats): string =>
  stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : stats.isDirectory() ? 'a folder' : 'a device';

async function readContentFile(
  file: string,
  full: string,
  problems: Problem[],
  failed: Failed,
): Promise<string | undefined> {
  let handle: FileHandle | undefined;
  try {
    // Opened without waiting, and what was opened is what is looked at: a named pipe would
    // hold the read, and with it this load and every later one, until something wrote to it.
    handle = await open(full, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = await handle.stat();
    if (!stats.isFile()) {
      problems.push(problem('file-unreadable', whole(file), `it is ${notAFile(stats)}, not a file`));
      return undefined;
    }
    if (stats.size > FILE_SIZE_LIMIT) {
      problems.push(problem('file-too-large', whole(file), megabytes(stats.size), megabytes(FILE_SIZE_LIMIT)));
      return undefined;
    }
    // As long as it was when opened, however much is written to it meanwhile (the watcher
    // reports that write, and the file is read again): a file that keeps growing from empty
    // would otherwise be read until the disk or the memory ran out.
    const bytes = Buffer.allocUnsafe(stats.size);
    let length = 0;
    // A read may return less than asked (a network file system's may): the rest is read on.
    while (length < bytes.length) {
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return decodeText(file, bytes.subarray(0, length), problems);
  } catch (cause) {
    failed.passing ||= passing(cause);
    problems.push(unreadable(file, cause));
    return undefined;
  } finally {
    await handle?.close();
  }
}

/** Stage 1's output: every file in the folder, and the text of those of the format that could be read. */
export interface ReadFiles extends Found {
  /** Every file, relative to the folder, sorted. */
  files: readonly string[];
  /** File → text, for the files of the format that could be read. */
  texts: ReadonlyMap<string, string>;
}

/** A load stopped before it began: the folder itself cannot be listed. */
export type Unreadable = Extract<LoadResult, { ok: false }>;

/**
 * Stage 1, read: the files of the format as text (links that leave the folder refused, the
 * size limit kept).
 */
export async function readFiles(contentDir: string): Promise<ReadFiles | Unreadable> {
  let listing: Listing;
  const failed: Failed = { passing: false };
  try {
    listing = await listFiles(contentDir, failed);
  } catch (cause) {
    // The folder itself is not there (CONTENT_DIR mistyped), or is a file: said so, not as a
    // file that could not be read.
    const code = (cause as { code?: unknown }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { ok: false, problems: [problem('folder-missing', whole('.'), path.resolve(contentDir), code === 'ENOTDIR')] };
    return {
      ok: false,
      problems: [unreadable('.', cause)],
      ...(passing(cause) ? { passing: true as const } : {}),
    };
  }
  const { files, problems } = listing;
  const texts = new Map<string, string>();
  await Promise.all(
    files.map(async (file) => {
      if (!classify(file)) return;
      const text = await readContentFile(file, path.join(contentDir, file), problems, failed);
      if (text !== undefined) texts.set(file, text);
    }),
  );
  // What was not read for a passing reason is not missing, nor are the links to it broken:
  // only what could not be read is said, and the load is tried again.
  if (failed.passing) return { ok: false, problems: problems.filter((p) => p.code === 'read-later'), passing: true };
  return { files, texts, problems };
}

/** Stage 1 on text kept from an earlier load instead of the folder (src/store/last-good.ts). */
export function keptFiles(texts: ReadonlyMap<string, string>): ReadFiles {
  return { files: [...texts.keys()].sort(), texts, problems: [] };
}

/** Stage 2's output: each file read, parsed (frontmatter, YAML with positions), in file order. */
export interface ParsedFiles extends Found {
  sources: ReadonlyMap<string, SourceFile>;
}

/** Stage 2, parse: every file of the format read; anything else is reported and ignored. */
export function parseFiles({ files, texts }: ReadFiles, onFile: Progress): ParsedFiles {
  const problems: Problem[] = [];
  const sources = new Map<string, SourceFile>();
  const unexpected: string[] = [];
  for (const file of files) {
    const kind = classify(file);
    const foreign = kind ? undefined : foreignLanguage(file);
    if (foreign !== undefined) problems.push(problem('translation-language', whole(file), foreign, TRANSLATED_LANGS));
    else if (!kind) unexpected.push(file);
    const text = texts.get(file);
    if (kind && text !== undefined) {
      onFile(file);
      sources.set(file, parseSourceFile(file, text, problems));
    }
  }
  problems.push(...unexpectedFiles(unexpected));
  return { sources, problems };
}

/**
 * Files outside the content format listed one by one at most; the rest are counted by folder.
 * A folder copied in by mistake (a node_modules of 100,000 files) was 100,000 warnings, held
 * in every thread and reported on every save: 800 MB more at start, 1 s of the serving thread.
 */
export const UNEXPECTED_LISTED = 100;

function unexpectedFiles(files: readonly string[]): Problem[] {
  const listed = files.slice(0, UNEXPECTED_LISTED).map((file) => problem('file-unexpected', whole(file), LAYOUT));
  if (files.length <= UNEXPECTED_LISTED) return listed;
  const byFolder = new Map<string, number>();
  for (const file of files.slice(UNEXPECTED_LISTED)) {
    const folder = path.posix.dirname(file);
    byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
  }
  const folders = [...byFolder].sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
  const inFolder = ([folder, count]: [string, number]): string =>
    `${count} in ${folder === '.' ? 'the content folder itself' : `${folder}/`}`;
  const named = folders.slice(0, 3).map(inFolder);
  const rest = folders.slice(3);
  if (rest.length > 0) named.push(`${rest.reduce((sum, [, n]) => sum + n, 0)} in ${rest.length} more folders`);
  return [...listed, problem('files-unexpected', whole('.'), files.length - UNEXPECTED_LISTED, UNEXPECTED_LISTED, named.join(', '), LAYOUT)];
}
