// The rendering thread: Express, the templates and the content they render from, in a V8
// isolate of their own. The serving thread hands it every request the fast path could not
// answer, with the request's id; it answers with a response to keep (sent and cached by the
// serving thread) or one to send once. Node's HTTP code in the serving thread then only ever
// sees its own request and response objects: once objects shaped by Express have been
// through it, it stays a quarter slower for every request (measured: README "Performance").
import type { IncomingMessage } from 'node:http';
import { parentPort } from 'node:worker_threads';
import inject from 'light-my-request';
import type { Response } from 'light-my-request';
import type { Request } from 'express';
import { pino } from 'pino';
import type { Content } from '../content/model.js';
import { ContentHolder } from '../store/holder.js';
import { receivedContent } from '../store/posted-content.js';
import { createApp } from './app.js';
import { assetsFrom } from './assets.js';
import type { LiveSource, LiveState } from './live.js';
import { NotFoundGuard } from './not-found.js';
import { originForm } from './request.js';
import type { FromRenderer, RenderWorkerData, ToRenderer } from './renderer.js';

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs only as a worker thread');
const send = (message: FromRenderer): void => port.postMessage(message);

// The thread may be started before the content is loaded (its modules load meanwhile): what it
// renders from comes in the first message; anything after it waits until it is ready.
let begin!: (data: RenderWorkerData) => void;
const started = new Promise<RenderWorkerData>((resolve) => (begin = resolve));
const early: ToRenderer[] = [];
let receiving = false;
port.on('message', (message: ToRenderer) => {
  if (message.type === 'start') begin(message.data);
  else if (receiving) receive(message);
  else early.push(message);
});
const data = await started;
const holder = new ContentHolder(receivedContent(data.content));
// The start data stays for the thread's life; what the content came as must not (its bytes, or
// its objects, would be held beside every content swapped in after it).
delete (data as Partial<RenderWorkerData>).content;
/** The serving thread's number for each content swapped in. */
const generations = new WeakMap<Content, number>();

interface Slot {
  promise: Promise<ReadonlyMap<string, LiveState>>;
  settle: (states: LiveState[] | undefined) => void;
}

/** Live states as the serving thread computed them (one numbering for every thread). */
class PostedStates implements LiveSource {
  readonly #slots = new WeakMap<Content, Slot>();
  /** Content whose states have not arrived yet, by its number (they follow it). */
  readonly #awaiting = new Map<number, Content>();

  track(content: Content, generation: number): void {
    generations.set(content, generation);
    this.#awaiting.set(generation, content);
  }

  for(content: Content): Promise<ReadonlyMap<string, LiveState>> {
    return this.#slot(content).promise;
  }

  set(generation: number, states: LiveState[] | undefined): void {
    const content = this.#awaiting.get(generation);
    if (!content) return;
    this.#awaiting.delete(generation);
    this.#slot(content).settle(states);
  }

  #slot(content: Content): Slot {
    let slot = this.#slots.get(content);
    if (!slot) {
      let settle!: Slot['settle'];
      const promise = new Promise<ReadonlyMap<string, LiveState>>((resolve, reject) => {
        settle = (states) =>
          states
            ? resolve(new Map(states.map((s) => [s.election, s])))
            : reject(new Error('the live states could not be computed'));
      });
      promise.catch(() => undefined);
      slot = { promise, settle };
      this.#slots.set(content, slot);
    }
    return slot;
  }
}
const live = new PostedStates();
live.track(holder.current, data.generation);

// Past a rate of full 404s, plain ones (see not-found.ts), as in the serving thread.
const notFound =
  data.notFoundPerSecond === undefined ? undefined : new NotFoundGuard(data.notFoundPerSecond);

type Forwarded = Extract<ToRenderer, { type: 'request' }>;
/**
 * The forwarded request an injected request stands for, named by a header of its own (the
 * serving thread's value replaces any a client sent). The injection is handed the app itself,
 * for it to give Express's request and response its own prototypes, which record the response.
 */
const FORWARDED = 'x-rendering-thread-request';
const waiting = new Map<number, Forwarded>();
const forwarded = new WeakMap<IncomingMessage, Forwarded>();
function forwardedOf(req: IncomingMessage): Forwarded | undefined {
  let message = forwarded.get(req);
  if (!message) {
    message = waiting.get(Number(req.headers[FORWARDED]));
    if (!message) return undefined;
    forwarded.set(req, message);
    // The serving thread's 404 guard let this one have the full page: not counted again here.
    if (message.admitted) notFound?.grant(req);
  }
  return message;
}
/** Requests answered with a response to keep: nothing more is sent for them. */
const kept = new Set<number>();

// Lines go to the serving thread, which writes them in order with its own.
const logger = pino(
  { level: data.logLevel, base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
  { write: (line: string) => send({ type: 'log', line }) },
);

const app = createApp({
  holder,
  config: data.config,
  logger,
  assets: assetsFrom(new Map(data.assetFiles)),
  notFound,
  live,
  thread: {
    forwarded: forwardedOf,
    keep: (req, content, key, entry) => {
      const { id } = forwardedOf(req)!;
      kept.add(id);
      const store = content === holder.current;
      send({ type: 'kept', id, generation: generations.get(content)!, key, store, entry });
      (req as Request).res!.end();
    },
  },
});

function handle(message: Forwarded): void {
  const { id } = message;
  waiting.set(id, message);
  const failed = (err: unknown): void => {
    waiting.delete(id);
    kept.delete(id);
    logger.error({ err, req: { id: message.requestId } }, 'request failed');
    send({ type: 'failed', id });
  };
  let injected: Promise<Response>;
  try {
    injected = inject(app, {
      method: message.method as 'GET',
      // In origin-form: the injection parses an absolute-form target as a URL, and throws on
      // an authority no URL takes (`http://x:99999/…`); only the path and query matter here.
      url: originForm(message.url),
      headers: { ...message.headers, [FORWARDED]: String(id) },
      remoteAddress: message.remoteAddress,
    });
  } catch (err) {
    // A request the injection refuses (a method it does not know) is answered, not thrown.
    return failed(err);
  }
  injected.then((response) => {
    waiting.delete(id);
    if (kept.delete(id)) return;
    const headers = { ...response.headers };
    for (const name of ['date', 'connection', 'keep-alive', 'transfer-encoding'])
      delete headers[name];
    send({
      type: 'response',
      id,
      status: response.statusCode,
      headers: headers as Record<string, string | string[]>,
      body: response.rawPayload,
    });
  }, failed);
}

function receive(message: ToRenderer): void {
  switch (message.type) {
    case 'content': {
      const content = receivedContent(message.content);
      live.track(content, message.generation);
      holder.swap(content);
      break;
    }
    case 'states':
      live.set(message.generation, message.states);
      break;
    case 'request':
      handle(message);
      break;
  }
}
receiving = true;
for (const message of early.splice(0)) receive(message);

send({ type: 'ready' });
