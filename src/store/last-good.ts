// The last good content, kept on disk while the server watches its folder (WATCH=true), so
// that a server started again while a file has a mistake (a crash, a deploy, one more
// instance on vote day) serves what it served before instead of not starting. What is kept
// is the text of every file as the load that succeeded read it, not a copy of the folder
// afterwards (a file saved again meanwhile, with a mistake, is not what was loaded); a server
// started from it loads that text again with its own code, checks included.
import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** Files of kept content one folder holds at most (one per content folder served from here). */
export const LAST_GOOD_KEPT = 16;

/**
 * The largest kept content read back (a site of 5,000 articles keeps some 25 MB): past it, the
 * file is not what this server wrote, and reading it would hold the start and its memory.
 */
export const LAST_GOOD_MAX_BYTES = 128 * 1024 * 1024;

const megabytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;

const PREFIX = 'last-good-';

/** Where the last good content of a content folder is kept, in the folder LAST_GOOD_DIR names. */
export function lastGoodFile(dir: string, contentDir: string): string {
  const key = createHash('sha256').update(path.resolve(contentDir)).digest('hex').slice(0, 16);
  return path.join(dir, `${PREFIX}${key}.json`);
}

const Kept = z.object({
  format: z.literal(1),
  contentDir: z.string(),
  version: z.string(),
  files: z.record(z.string(), z.string()),
});

export interface LastGood {
  /** The content's version when it was kept (the hash of its files). */
  version: string;
  /** When it was kept. */
  savedAt: Date;
  /** Each file's text, by its path in the content folder. */
  texts: Map<string, string>;
}

/**
 * Keeps a load's files as the last good content: written beside the file and renamed over it,
 * so the file is always whole (an older one, or the new one). The folder keeps the files of
 * the LAST_GOOD_KEPT content folders served most recently.
 */
export async function keepLastGood(
  file: string,
  contentDir: string,
  version: string,
  texts: ReadonlyMap<string, string>,
  maxBytes = LAST_GOOD_MAX_BYTES,
): Promise<void> {
  const dir = path.dirname(file);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'EEXIST' || code === 'ENOTDIR')
      throw new Error(`${dir} is not a folder`, { cause });
    throw cause;
  }
  const kept = {
    format: 1,
    contentDir: path.resolve(contentDir),
    version,
    files: Object.fromEntries([...texts].sort(([a], [b]) => (a < b ? -1 : 1))),
  } satisfies z.infer<typeof Kept>;
  // What would not be read back is not written (the file kept before stays as it was).
  const bytes = Buffer.from(JSON.stringify(kept));
  if (bytes.length > maxBytes)
    throw new Error(
      `the content comes to ${megabytes(bytes.length)} kept, more than kept content can hold (${megabytes(maxBytes)})`,
    );
  // A name no other writer has (two instances may share the folder, each with the same pid in a
  // container of its own), created here or not at all: a file put at it beforehand (a named pipe
  // would hold the write for ever) is refused.
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' });
    await rename(temporary, file);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw cause;
  }
  await prune(dir, path.basename(file));
}

/** Removes the oldest kept files past LAST_GOOD_KEPT, and what writes cut short left behind. */
async function prune(dir: string, keep: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => name.startsWith(PREFIX));
  const dated = await Promise.all(
    names.map(async (name) => {
      const at = await stat(path.join(dir, name)).then(
        (s) => s.mtimeMs,
        () => undefined,
      );
      return { name, at };
    }),
  );
  const hour = Date.now() - 3_600_000;
  const kept = dated
    .filter((d) => d.at !== undefined && d.name.endsWith('.json'))
    .sort((a, b) => b.at! - a.at!);
  const gone = [
    ...kept.slice(LAST_GOOD_KEPT),
    // A write cut short (the process stopped) left its temporary file: gone after an hour.
    ...dated.filter((d) => d.name.endsWith('.tmp') && d.at !== undefined && d.at < hour),
  ].filter((d) => d.name !== keep);
  await Promise.all(gone.map((d) => rm(path.join(dir, d.name), { force: true })));
}

/**
 * The last good content kept for a content folder, or why there is none to serve: not kept,
 * unreadable, not written by this server (the wrong shape, another folder's), or open to other
 * users' writes (anyone who could write it could choose what the site serves).
 */
export async function readLastGood(
  file: string,
  contentDir: string,
): Promise<LastGood | { missing: string }> {
  let text: string;
  let savedAt: Date;
  let handle: FileHandle | undefined;
  try {
    // Opened without waiting (a named pipe in its place would hold the start for ever) and
    // without following a link; what was opened is what is looked at.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const stats = await handle.stat();
    if (!stats.isFile()) return { missing: `${file} is not a file` };
    const uid = process.getuid?.();
    if (uid !== undefined && (stats.uid !== uid || (stats.mode & 0o022) !== 0))
      return { missing: `${file} is not this user's alone, so it is not used` };
    if (stats.size > LAST_GOOD_MAX_BYTES)
      return {
        missing: `${file} holds ${megabytes(stats.size)}, more than kept content can (${megabytes(LAST_GOOD_MAX_BYTES)})`,
      };
    savedAt = stats.mtime;
    text = await handle.readFile('utf8');
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'ENOENT') return { missing: `none is kept at ${file}` };
    if (code === 'ELOOP') return { missing: `${file} is a symbolic link, so it is not used` };
    return { missing: `${file} cannot be read (${(cause as Error).message})` };
  } finally {
    await handle?.close();
  }
  let parsed: z.infer<typeof Kept>;
  try {
    parsed = Kept.parse(JSON.parse(text));
  } catch {
    return { missing: `${file} is not content this server kept` };
  }
  if (parsed.contentDir !== path.resolve(contentDir))
    return { missing: `${file} holds the content of ${parsed.contentDir}` };
  return { version: parsed.version, savedAt, texts: new Map(Object.entries(parsed.files)) };
}
