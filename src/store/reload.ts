// Reloads content when its files change: builds the next Content beside the current one and
// swaps it in whole, or keeps serving the last good one and reports the problems.
import path from 'node:path';
import type { LoadOptions } from '../content/load.js';
import { loadContent } from '../content/load.js';
import { recordedVotes } from '../content/references.js';
import { recordedNames } from '../content/renames.js';
import type { ContentHolder } from './holder.js';

export interface ReloadResult {
  ok: boolean;
}

/** One reload attempt. Concurrent calls are serialized so the newest files always win. */
export function createReloader(
  contentDir: string,
  holder: ContentHolder,
  options: LoadOptions = {},
) {
  let running: Promise<ReloadResult> | undefined;
  let again = false;
  const attempt = async (): Promise<ReloadResult> => {
    // What is served now, to point at what an edit changed (a figure, a file's name).
    const previous = holder.loaded
      ? {
          previousVotes: recordedVotes(holder.current.elections),
          previousNames: recordedNames(holder.current.elections),
        }
      : {};
    const result = await loadContent(contentDir, { ...options, ...previous });
    if (result.ok) holder.swap(result.content);
    else holder.fail(result.problems);
    return { ok: result.ok };
  };
  return async function reload(): Promise<ReloadResult> {
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
}

export interface Watcher {
  close(): Promise<void>;
}

/**
 * Watches folders and calls `onChange` once per burst of edits (editors save in several
 * steps). Resolves once the watcher is ready, so no edit after that is missed.
 */
export async function watchFolders(
  folders: string[],
  onChange: () => void,
  debounceMs = 50,
): Promise<Watcher> {
  let timer: NodeJS.Timeout | undefined;
  // Editors' swap and backup files (.file.swp, .DS_Store) are not content.
  // Loaded only when watching: a production server that does not watch never needs it.
  const { default: chokidar } = await import('chokidar');
  const watcher = chokidar.watch(folders, {
    ignoreInitial: true,
    ignored: (file) => path.basename(file).startsWith('.'),
  });
  watcher.on('all', () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    async close() {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
