// The serving thread's side of the rendering thread (render-worker.ts): requests the fast path
// could not answer go there with their id and come back as a response to keep (cached here,
// then written like any cached one) or to send once. At most a bounded number wait at a time;
// past it, 503. A rendering thread that fails or stops is started again with the content
// being served, and the requests it held are answered with 500.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Worker } from 'node:worker_threads';
import type { Content } from '../content/model.js';
import type { ContentHolder } from '../store/holder.js';
import type { PostedContent } from '../store/posted-content.js';
import { toPost } from '../store/posted-content.js';
import { spawnRenderingThread, stoppedEarly } from './rendering-thread.js';
import type { AppOptions } from './app.js';
import type { LiveSource, LiveState } from './live.js';
import { PLAIN_ERROR } from './pages.js';
import { flushRequestLog, logRequest, logDestination } from './request-log.js';
import type { CachedResponse, ResponseCache } from './response-cache.js';
import { writeCached } from './response-cache.js';
import { perRequestHeaders } from './request.js';
import { securityHeaders } from './security.js';

export interface RenderWorkerData {
  content: PostedContent;
  generation: number;
  config: AppOptions['config'];
  assetFiles: [string, string][];
  notFoundPerSecond: number | undefined;
  logLevel: string;
}

/** Messages to the rendering thread. */
export type ToRenderer =
  /** First, once: what the thread renders from (it may have started before the content loaded). */
  | { type: 'start'; data: RenderWorkerData }
  /**
   * Content swapped in, numbered: two loads of the same files have one version but are two
   * swaps, each with its own live states.
   */
  | { type: 'content'; content: PostedContent; generation: number }
  | { type: 'states'; generation: number; states: LiveState[] | undefined }
  | {
      type: 'request';
      id: number;
      requestId: string;
      method: string;
      url: string;
      headers: Record<string, string | string[] | undefined>;
      remoteAddress: string | undefined;
      /** The fast path's 404 guard let this one have the full page. */
      admitted: boolean;
    };

/** Messages from it. */
export type FromRenderer =
  | { type: 'log'; line: string }
  | {
      type: 'kept';
      id: number;
      generation: number;
      key: string;
      /** Built from the content being served (not one swapped out while it rendered). */
      store: boolean;
      entry: CachedResponse;
    }
  | {
      type: 'response';
      id: number;
      status: number;
      headers: Record<string, string | string[]>;
      body: Uint8Array;
    }
  | { type: 'failed'; id: number }
  /** Started: requests from now on are answered at its pace. */
  | { type: 'ready' };

/** Requests waiting for the rendering thread at most; more are answered 503 at once. */
export const MAX_WAITING_RENDERS = 1024;

/**
 * Of those, requests for what the content does not certainly have (missing paths, redirects,
 * files under /api or /share it has no such name for) at most: a flood of made-up addresses
 * the 404 guard cannot recognise (`/x123.png`) fills this part, and pages, API responses and
 * version documents still get the rest, however long the flood.
 */
export const MAX_WAITING_UNKNOWN = 64;

interface Waiting {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  secure: boolean;
  start: number;
  /** For something the content certainly has. */
  known: boolean;
}

export interface RendererOptions {
  holder: ContentHolder;
  live: LiveSource;
  cache: ResponseCache<Content>;
  config: AppOptions['config'];
  assetFiles: ReadonlyMap<string, string>;
  notFoundPerSecond: number | undefined;
  logger: Logger;
  /** Requests waiting at most (MAX_WAITING_RENDERS unless given). */
  maxWaiting?: number | undefined;
  /** Of those, requests for what the content may not have (MAX_WAITING_UNKNOWN unless given). */
  maxWaitingUnknown?: number | undefined;
  /** How long the thread may go without answering while requests wait (RENDER_STALL_MS unless given). */
  stallMs?: number | undefined;
  /** A thread started earlier (spawnRenderingThread), its modules loaded while the content was. */
  thread?: Worker | undefined;
}

/**
 * A rendering thread that answers nothing for this long while requests wait is stuck (a
 * render that never ends): it is stopped, and started again by the next request. Pages
 * render in milliseconds; a share image's first drawing takes half a second.
 */
export const RENDER_STALL_MS = 15_000;

const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export class Renderer {
  #worker: Worker | undefined;
  readonly #waiting = new Map<number, Waiting>();
  /** Of those, how many are for what the content may not have. */
  #unknown = 0;
  #next = 1;
  #closed = false;
  readonly #generations = new WeakMap<Content, number>();
  #lastGeneration = 0;
  /** When the rendering thread last failed, or could not be started: not again within a second. */
  #failedAt = -Infinity;
  #ready = false;
  /** The thread started before this Renderer, until it is adopted. */
  #early: Worker | undefined;
  /** Told when the thread starting now is ready, or fails first. */
  #onReady: (() => void)[] = [];
  /** When the rendering thread last answered, or was handed work while it had none. */
  #progressAt = 0;
  readonly #watchdog: NodeJS.Timeout;

  constructor(private readonly options: RendererOptions) {
    const { holder } = options;
    this.#early = options.thread;
    holder.on('swap', (content) => {
      const generation = this.#generationOf(content);
      this.#post({ type: 'content', content: toPost(content), generation });
      this.#sendStates(content);
    });
    this.#start();
    const stallMs = options.stallMs ?? RENDER_STALL_MS;
    this.#watchdog = setInterval(() => this.#check(stallMs), Math.min(1000, stallMs / 4));
    this.#watchdog.unref();
  }

  /** Whether the rendering thread has started (and the watchdog counts its silences). */
  get ready(): boolean {
    return this.#ready;
  }

  /**
   * Resolves once the rendering thread is ready to render (or has failed to start: the next
   * request starts another), so that a server listens only when it can answer at once.
   */
  started(): Promise<void> {
    if (this.#ready || !this.#worker) return Promise.resolve();
    return new Promise((resolve) => this.#onReady.push(resolve));
  }

  #settleStart(): void {
    const waiting = this.#onReady;
    this.#onReady = [];
    for (const resolve of waiting) resolve();
  }

  #check(stallMs: number): void {
    const worker = this.#worker;
    if (!worker || !this.#ready || this.#waiting.size === 0) return;
    if (performance.now() - this.#progressAt <= stallMs) return;
    const seconds = (stallMs / 1000).toLocaleString('en', { maximumFractionDigits: 3 });
    this.#fail(worker, new Error(`it answered nothing for ${seconds} s while requests waited`));
    void worker.terminate();
  }

  /** The rendering thread now (none after it stopped, until the next request starts one). */
  get thread(): Worker | undefined {
    return this.#worker;
  }

  /** Requests waiting for the rendering thread now. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** Hands a request to the rendering thread; its response is written when it comes back. */
  forward(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    secure: boolean,
    admitted: boolean,
    known: boolean,
  ): void {
    const start = performance.now();
    const waiting: Waiting = { req, res, requestId, secure, start, known };
    // A thread that failed is not started again within a second (no loop of failing starts).
    const worker = this.#closed
      ? undefined
      : (this.#worker ?? (start - this.#failedAt < 1000 ? undefined : this.#start()));
    if (
      !worker ||
      this.#waiting.size >= (this.options.maxWaiting ?? MAX_WAITING_RENDERS) ||
      (!known && this.#unknown >= (this.options.maxWaitingUnknown ?? MAX_WAITING_UNKNOWN))
    ) {
      this.#refuse(waiting, 503);
      return;
    }
    const id = this.#next++;
    if (this.#waiting.size === 0) this.#progressAt = start;
    this.#waiting.set(id, waiting);
    if (!known) this.#unknown++;
    worker.postMessage({
      type: 'request',
      id,
      requestId,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress,
      admitted,
    } satisfies ToRenderer);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#watchdog);
    const worker = this.#worker;
    this.#worker = undefined;
    this.#settleStart();
    await worker?.terminate();
  }

  /** A rendering thread with the content being served; none if no thread could be made. */
  #start(): Worker | undefined {
    const { holder, config, assetFiles, notFoundPerSecond, logger } = this.options;
    const early = this.#early;
    this.#early = undefined;
    let worker: Worker;
    try {
      worker = early && !stoppedEarly.has(early) ? early : spawnRenderingThread();
    } catch (err) {
      // The process could make no thread (ERR_WORKER_INIT_FAILED: out of address space, or a
      // container's limit on threads). Thrown here, inside a request, it would stop the
      // server: the request is refused, and the next one after a second tries again.
      this.#failedAt = performance.now();
      logger.error(
        { err },
        'The rendering thread could not be started; the next request tries again',
      );
      return undefined;
    }
    const data: RenderWorkerData = {
      content: toPost(holder.current),
      generation: this.#generationOf(holder.current),
      config,
      assetFiles: [...assetFiles],
      notFoundPerSecond,
      logLevel: logger.level,
    };
    // A stopped thread's last words are logged; its answers came too late (500 was sent).
    worker.on('message', (message: FromRenderer) => {
      if (this.#worker === worker || message.type === 'log') this.#receive(message);
    });
    this.#ready = false;
    const failed = (err: unknown): void => this.#fail(worker, err);
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`the rendering thread exited with code ${code}`)));
    this.#worker = worker;
    worker.postMessage({ type: 'start', data } satisfies ToRenderer);
    this.#sendStates(holder.current);
    return worker;
  }

  /** Answers what waits for a thread that failed or was stopped with 500; the next request starts another. */
  #fail(worker: Worker, err: unknown): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    this.#ready = false;
    this.#settleStart();
    this.#failedAt = performance.now();
    this.options.logger.error(
      { err },
      'The rendering thread stopped; the next request starts it again',
    );
    for (const id of [...this.#waiting.keys()]) this.#refuse(this.#take(id)!, 500);
  }

  /** A thread started later is given what it needs when it starts. */
  #post(message: ToRenderer): void {
    this.#worker?.postMessage(message);
  }

  #generationOf(content: Content): number {
    let generation = this.#generations.get(content);
    if (generation === undefined) {
      generation = ++this.#lastGeneration;
      this.#generations.set(content, generation);
    }
    return generation;
  }

  /** The live states of a swap, computed here once for every thread, follow its content. */
  #sendStates(content: Content): void {
    const generation = this.#generationOf(content);
    this.options.live.for(content).then(
      (states) => this.#post({ type: 'states', generation, states: [...states.values()] }),
      () => this.#post({ type: 'states', generation, states: undefined }),
    );
  }

  #receive(message: FromRenderer): void {
    this.#progressAt = performance.now();
    if (message.type === 'ready') {
      this.#ready = true;
      this.#settleStart();
      return;
    }
    if (message.type === 'log') {
      flushRequestLog();
      logDestination(this.options.logger).write(Buffer.from(message.line));
      return;
    }
    const waiting = this.#take(message.id);
    if (!waiting) return;
    const { req, res, requestId, secure } = waiting;
    let status: number;
    if (message.type === 'kept') {
      // Buffers arrive as plain byte arrays; one body standing for both stays one.
      const { entry } = message;
      const same = entry.gzip === entry.identity;
      entry.identity = asBuffer(entry.identity);
      entry.gzip = same ? entry.identity : asBuffer(entry.gzip);
      if (entry.br) entry.br = asBuffer(entry.br);
      const { holder, cache } = this.options;
      if (message.store && message.generation === this.#generationOf(holder.current))
        cache.put(holder.current, message.key, entry);
      status = writeCached(req, res, entry, requestId, secure);
    } else if (message.type === 'response') {
      status = message.status;
      res.writeHead(status, message.headers);
      res.end(req.method === 'HEAD' ? undefined : asBuffer(message.body));
    } else {
      this.#refuse(waiting, 500);
      return;
    }
    this.#log(waiting, status);
  }

  /** The request waiting under `id`, no longer waiting. */
  #take(id: number): Waiting | undefined {
    const waiting = this.#waiting.get(id);
    if (!waiting) return undefined;
    this.#waiting.delete(id);
    if (!waiting.known) this.#unknown--;
    return waiting;
  }

  /** 503 when too many wait (or the server stops), 500 when the rendering thread failed. */
  #refuse(waiting: Waiting, status: 500 | 503): void {
    const { req, res, requestId, secure } = waiting;
    if (!res.headersSent) {
      res.writeHead(status, {
        ...securityHeaders,
        ...perRequestHeaders(requestId, secure),
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...(status === 503 ? { 'retry-after': '1' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : PLAIN_ERROR(requestId));
    }
    this.#log(waiting, status);
  }

  #log({ req, requestId, start }: Waiting, status: number): void {
    const { method, url } = req;
    logRequest(this.options.logger, { id: requestId, method, url, status, start, cached: false });
  }
}
