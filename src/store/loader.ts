// Loads content off the main thread: a worker thread reads, checks and renders the files while
// the server keeps answering, and hands back the finished Content. A load that stays on one
// file past the time budget (a pathological Markdown body), or that makes the worker fail, is
// abandoned with a problem naming the file; the next load starts a fresh worker.
import { readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { DEFAULT_LOAD_BUDGET_MS } from '../config.js';
import type { LoadOptions } from '../content/load.js';
import type { Content, LoadResult } from '../content/model.js';
import type { Problem } from '../content/problems.js';
import { problem } from '../content/problems.js';
import { SERVER_REPORT_LIMIT } from '../content/report.js';
import { startThread } from '../threads.js';
import type { SharedContent } from './posted-content.js';
import { receivedContent } from './posted-content.js';

/** How long a new worker may take to start (under tsx it compiles the loader first). */
const STARTUP_BUDGET_MS = 60_000;

/** What a load is told: every option but the progress callback, which stays in the worker. */
export type WorkerLoadOptions = Omit<LoadOptions, 'onFile'>;

export interface LoadRequest {
  id: number;
  contentDir: string;
  options: WorkerLoadOptions;
  /** Load and keep nothing but what the thread learnt (see warmUp). */
  warmUp?: boolean;
  /** Send the content in shared memory, without its HTML and the HTML apart (posted-content.ts). */
  withoutHtml?: boolean;
  /** Hand over at most this many problems (the first, by rank: see ProblemsHandedOver). */
  reportLimit: number;
  /** Where to keep the files of a load that succeeds, as the last good content (last-good.ts). */
  keep?: string | undefined;
}

/** Asks the thread to finish writing the last good content before it is stopped. */
export interface FlushRequest {
  id: number;
  flush: true;
}

/** How long stopping the thread waits for the last good content to be written, and for the thread. */
const CLOSE_WAIT_MS = 2_000;

export type WorkerMessage =
  | { id: number; type: 'thread'; thread: number }
  | { id: number; type: 'file'; file: string }
  | { id: number; type: 'done'; result: Extract<LoadResult, { ok: false }> }
  /** The content loaded, as bytes, and its shared parts when those are without HTML (posted-content.ts). */
  | { id: number; type: 'content'; bytes: Uint8Array; shared?: SharedContent }
  | { id: number; type: 'warm' }
  /** The last good content could not be kept (`error`), or can be again after it could not. */
  | { id: number; type: 'keep'; file: string; error?: string }
  | { id: number; type: 'flushed' };

export interface BackgroundLoader {
  load(contentDir: string, options?: WorkerLoadOptions): Promise<LoadResult>;
  /**
   * Loads the folder in the thread `times` times and keeps nothing (see the server's WATCH),
   * so that the first save is loaded by compiled code. Loads asked for meanwhile wait their
   * turn, as for any load.
   */
  warmUp(contentDir: string, options?: WorkerLoadOptions, times?: number): Promise<void>;
  /** Stops the worker; loads after this start a new one. */
  close(): Promise<void>;
}

/** The loading thread (load-worker.ts beside this module). */
function startWorker(): Worker {
  return watched(startThread(import.meta.url, 'load-worker'));
}

const threads = new WeakMap<Worker, number>();

/** An error a worker raises outside a load (after one was abandoned) must not stop the server. */
function watched(worker: Worker): Worker {
  worker.on('error', () => undefined);
  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'thread') threads.set(worker, message.thread);
  });
  return worker;
}

/**
 * Milliseconds of processor time a worker's thread has used (Linux), so that a budget is not
 * spent by a machine too busy to run the load; the clock's time where that cannot be read.
 */
function timeUsed(worker: Worker): number {
  const thread = threads.get(worker);
  if (thread !== undefined) {
    try {
      const stat = readFileSync(`/proc/self/task/${thread}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, in ticks of 10 ms.
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      threads.delete(worker);
    }
  }
  return performance.now();
}

const failed = (problems: Problem[]): LoadResult => ({ ok: false, problems });
/** Where a problem of the whole load, not of one file, is reported. */
const WHOLE = { file: '.', line: 0, column: 0, field: '' };
const reasonOf = (cause: unknown): string => {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return reason.endsWith('.') ? reason : `${reason}.`;
};

export interface BackgroundLoaderOptions {
  /**
   * Reads each content without its HTML and keeps its shared parts beside it, for the
   * rendering threads (posted-content.ts); a server that renders in this thread (dev) reads it
   * whole.
   */
  withoutHtml?: boolean;
  /**
   * The problems of a load handed over at most (SERVER_REPORT_LIMIT): a running server prints
   * the first; `npm run check` asks for every one (Infinity).
   */
  reportLimit?: number;
  /**
   * Keeps the files of every load that succeeds (warm-ups aside) in this file, as the last
   * good content (last-good.ts), and says when that fails and when it works again.
   */
  keep?: { file: string; onChange: (file: string, error: string | undefined) => void };
}

export function createBackgroundLoader(
  budgetMs = DEFAULT_LOAD_BUDGET_MS,
  { withoutHtml = false, reportLimit = SERVER_REPORT_LIMIT, keep }: BackgroundLoaderOptions = {},
): BackgroundLoader {
  let worker: Worker | undefined;
  let nextId = 1;
  // One load at a time: the reloader already serializes, and a second caller simply waits.
  let queue: Promise<unknown> = Promise.resolve();

  const keeping = (started: Worker): Worker => {
    if (keep)
      started.on('message', (message: WorkerMessage) => {
        if (message.type === 'keep') keep.onChange(message.file, message.error);
      });
    return started;
  };
  const runOne = (
    contentDir: string,
    options: WorkerLoadOptions,
    warmUp = false,
  ): Promise<LoadResult | undefined> =>
    new Promise<LoadResult | undefined>((resolve) => {
      const id = nextId++;
      let current: Worker;
      try {
        current = worker ??= keeping(startWorker());
      } catch (cause) {
        // The process could make no thread (ERR_WORKER_INIT_FAILED): a problem of this load,
        // never a rejection (a warm-up's would go unhandled); the next load tries again.
        const reason = `the loading thread could not be started: ${reasonOf(cause)}`;
        return resolve(failed([problem('load-failed', WHOLE, reason)]));
      }
      // Idle between loads, the worker does not keep the process alive.
      current.ref();
      let file = '.';
      // The budget runs from the worker's first word about this load; until then, a start-up budget.
      const startBy = performance.now() + STARTUP_BUDGET_MS;
      let since: number | undefined;
      // A file's time is counted from the first tick of the watchdog after the worker names it
      // (at most a tick late): reading the thread's time for every file the worker names was,
      // on a site of 5,000 articles, 20,000 reads and half a second of this thread per load.
      let moved = false;
      if (warmUp) warming = current;
      const finish = (result: LoadResult | undefined, stop: boolean): void => {
        if (warming === current) warming = undefined;
        clearInterval(watchdog);
        current.off('message', onMessage);
        current.off('error', onError);
        current.off('exit', onExit);
        if (stop) {
          if (worker === current) worker = undefined;
          void current.terminate();
        } else {
          current.unref();
        }
        resolve(result);
      };
      const onMessage = (message: WorkerMessage): void => {
        if (message.id !== id) return;
        if (message.type === 'thread' || message.type === 'keep' || message.type === 'flushed')
          return;
        if (message.type === 'warm') return finish(undefined, false);
        if (message.type === 'file') {
          file = message.file;
          moved = true;
          return;
        }
        if (message.type === 'done') return finish(message.result, false);
        let content: Content;
        try {
          content = receivedContent(message.bytes, message.shared);
        } catch (cause) {
          return onError(cause);
        }
        finish({ ok: true, content }, false);
      };
      const onError = (cause: unknown): void => {
        finish(
          failed([
            problem('load-failed', { file, line: 0, column: 0, field: '' }, reasonOf(cause)),
          ]),
          true,
        );
      };
      const onExit = (code: number): void => {
        onError(new Error(`the loader stopped with code ${code}`));
      };
      const watchdog = setInterval(
        () => {
          if (moved) {
            moved = false;
            since = timeUsed(current);
            return;
          }
          const over =
            since === undefined
              ? performance.now() > startBy
              : timeUsed(current) - since > budgetMs;
          if (!over) return;
          const seconds = `${(budgetMs / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} s`;
          finish(
            failed([
              problem(
                'load-too-slow',
                { file, line: 0, column: 0, field: '' },
                seconds,
                file === '.',
              ),
            ]),
            true,
          );
        },
        Math.min(100, budgetMs / 4),
      );
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      current.postMessage({
        id,
        contentDir,
        options,
        warmUp,
        withoutHtml,
        reportLimit,
        keep: warmUp ? undefined : keep?.file,
      } satisfies LoadRequest);
    });

  const enqueue = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  };
  let loadsAsked = 0;
  /** The thread while it runs a warm-up, which shutting down does not wait for. */
  let warming: Worker | undefined;
  let closing = false;
  return {
    load(contentDir, options = {}) {
      loadsAsked++;
      // A load proper always answers with a result.
      return enqueue(() => runOne(contentDir, options) as Promise<LoadResult>);
    },
    async warmUp(contentDir, options = {}, times = 2) {
      // A load asked for meanwhile warms the thread as well as a warm-up: the rest are dropped,
      // as they are after one the thread did not finish (past its budget: a fresh thread would
      // spend the budget again).
      const asked = loadsAsked;
      for (let i = 0; i < times && loadsAsked === asked && !closing; i++)
        if ((await enqueue(() => runOne(contentDir, options, true))) !== undefined) return;
    },
    async close() {
      closing = true;
      void warming?.terminate();
      await queue;
      const current = worker;
      worker = undefined;
      if (!current) return;
      // The last good content of the last save is written first, and the thread stopped, each
      // within a bound: a write that hangs (a network disk) never holds up a shutdown.
      const waited = (done: Promise<unknown>): Promise<unknown> => {
        let timer: NodeJS.Timeout | undefined;
        const bound = new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)));
        return Promise.race([done, bound]).finally(() => clearTimeout(timer));
      };
      if (keep) {
        const id = nextId++;
        const flushed = new Promise<void>((resolve) => {
          const onMessage = (message: WorkerMessage): void => {
            if (message.type !== 'flushed' || message.id !== id) return;
            current.off('message', onMessage);
            resolve();
          };
          current.on('message', onMessage);
          current.once('exit', () => resolve());
        });
        current.ref();
        current.postMessage({ id, flush: true } satisfies FlushRequest);
        await waited(flushed);
      }
      await waited(current.terminate());
    },
  };
}
