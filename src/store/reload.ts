// Reloads content when its files change: builds the next Content beside the current one and
// swaps it in whole, or keeps serving the last good one and reports the problems.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import type { LoadOptions } from '../content/load.js';
import { loadContent } from '../content/load.js';
import { recordedVotes } from '../content/references.js';
import { recordedNames } from '../content/renames.js';
import type { LoadResult } from '../content/model.js';
import { problem } from '../content/problems.js';
import type { ContentHolder } from './holder.js';

export interface ReloadOptions extends Pick<LoadOptions, 'includeDrafts'> {
  /** How to load: in this thread by default; the server loads in a worker (./loader.ts). */
  load?: (contentDir: string, options: LoadOptions) => Promise<LoadResult>;
}

export interface ReloadResult {
  ok: boolean;
}

/**
 * What a reload compares the files with: what is served now, to point at what an edit
 * changed (a figure, a file's name).
 */
export function comparedWith(
  holder: ContentHolder,
): Pick<LoadOptions, 'previousVotes' | 'previousNames'> {
  return holder.loaded
    ? {
        previousVotes: recordedVotes(holder.current.elections),
        previousNames: recordedNames(holder.current.elections),
      }
    : {};
}

/** The first wait before a load that failed for a passing reason is tried again, and the longest. */
export const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 30_000;

export interface Reloader {
  (): Promise<ReloadResult>;
  /** Stops trying again (at shutdown). */
  stop: () => void;
}

/**
 * One reload attempt. Concurrent calls are serialized so the newest files always win. A load
 * that fails for a passing reason (out of open files) is tried again, after 1 s, then twice as
 * long each time up to 30 s, until one loads or fails for the content's own reasons: nothing
 * else would load it again until the next save, and the saves made meanwhile would wait.
 */
export function createReloader(
  contentDir: string,
  holder: ContentHolder,
  { load = loadContent, ...options }: ReloadOptions = {},
): Reloader {
  let running: Promise<ReloadResult> | undefined;
  let again = false;
  let retry: NodeJS.Timeout | undefined;
  let retryMs = RETRY_FIRST_MS;
  let stopped = false;
  const attempt = async (): Promise<ReloadResult> => {
    const previous = comparedWith(holder);
    // A load that fails in a way no check foresaw is still a reported problem, never an
    // unhandled rejection that stops the server.
    const result = await load(contentDir, { ...options, ...previous }).catch(
      (cause: unknown): LoadResult => ({
        ok: false,
        problems: [
          problem(
            'load-failed',
            { file: '.', line: 0, column: 0, field: '' },
            `${cause instanceof Error ? cause.message : String(cause)}.`,
          ),
        ],
      }),
    );
    if (result.ok) holder.swap(result.content);
    else holder.fail(result.problems, result.totals);
    clearTimeout(retry);
    if (!result.ok && result.passing && !stopped) {
      retry = setTimeout(() => void reload().catch(() => undefined), retryMs);
      retry.unref();
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    } else retryMs = RETRY_FIRST_MS;
    return { ok: result.ok };
  };
  const reload = async (): Promise<ReloadResult> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result = await attempt();
      while (again) {
        again = false;
        result = await attempt();
      }
      return result;
    })();
    try {
      return await running;
    } finally {
      running = undefined;
    }
  };
  return Object.assign(reload, {
    stop: () => {
      stopped = true;
      clearTimeout(retry);
    },
  });
}

export interface Watcher {
  close(): Promise<void>;
}

/** How often the watched folders are checked for having been replaced. */
export const ROOT_CHECK_MS = 1000;

/** A folder's identity: another folder moved to its path (a deploy's swap) has another. */
async function identity(folder: string): Promise<string | undefined> {
  try {
    const { dev, ino } = await stat(folder);
    return `${dev}:${ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Watches folders and calls `onChange` once per burst of edits (editors save in several
 * steps). Resolves once the watcher is ready, so no edit after that is missed. A watched
 * folder replaced by another at its path (`mv content content.old && mv new content`, or a
 * symbolic link switched to another release) is noticed within ROOT_CHECK_MS: the watcher
 * starts again on the new folder, and it is loaded. Without that, the watcher would follow
 * the old folder wherever it was moved, and no later save would be seen.
 */
export async function watchFolders(
  folders: string[],
  onChange: () => void,
  debounceMs = 50,
  onError: (error: unknown) => void = () => undefined,
): Promise<Watcher> {
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  let closed = false;
  let identities = await Promise.all(folders.map(identity));
  let watcher = await startWatching(folders, changed, onError);
  let checking = false;
  const check = setInterval(() => {
    if (checking || closed) return;
    checking = true;
    void (async () => {
      const now = await Promise.all(folders.map(identity));
      if (now.every((id, i) => id === identities[i])) return;
      identities = now;
      // The old watcher goes first: chokidar shares its handles between watchers of the same
      // path, so a new one started beside it would take over the handle on the old folder.
      await watcher.close();
      if (closed) return;
      watcher = await startWatching(folders, changed, onError);
      if (closed) await watcher.close();
      // What was saved while no watcher was ready is in this load.
      else changed();
    })()
      .catch(onError)
      .finally(() => (checking = false));
  }, ROOT_CHECK_MS);
  check.unref();
  return {
    async close() {
      closed = true;
      clearInterval(check);
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

async function startWatching(
  folders: string[],
  changed: () => void,
  onError: (error: unknown) => void,
): Promise<FSWatcher> {
  // Loaded only when watching: a production server that does not watch never needs it.
  const { default: chokidar } = await import('chokidar');
  // Editors' swap and backup files (.file.swp, .DS_Store) are not content.
  // Links are not followed: one to "/" or "/proc" would have the watcher crawl the machine
  // (the load itself refuses links that leave the content folder). A folder it may not read
  // is an error to report, not a reason to stop the server.
  const watcher = chokidar.watch(folders, {
    ignoreInitial: true,
    ignored: (file) => path.basename(file).startsWith('.'),
    followSymlinks: false,
    ignorePermissionErrors: true,
  });
  watcher.on('all', changed);
  watcher.on('error', (error) => {
    onError(error);
    // Whatever failed may be part of the content: load again, and report what the load finds.
    changed();
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return watcher;
}
