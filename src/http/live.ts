// The live channel: a tiny version document per election that open pages poll while the
// election is live (upcoming or voting), and the cache lifetimes that let a CDN carry it.
// Versions are ordered, so that a reader behind several servers never goes back: the number
// is the modification time (ms) of the newest file in the election's folder, moved one past
// the last one seen when the election changed without a newer file.
import { readdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Content, Election } from '../content/model.js';
import type { Config } from '../config.js';
import { DEFAULT_LIVE_STREAM_MAX } from '../config.js';
import { clientOf, HeldPerClient } from './connections.js';
import type { ContentHolder } from '../store/holder.js';
import { urls } from '../urls.js';
import { formatDateTime } from '../i18n/format.js';
import type { Lang } from '../i18n/lang.js';
import { tr } from '../i18n/messages.js';
import { candidateName, howElected } from './present.js';

/** How often open pages poll the version document, in seconds. */
export const LIVE_POLL_SECONDS = 1;
/** The version document: cached no longer than a poll interval, by browsers and CDNs alike. */
export const LIVE_CACHE_CONTROL = `public, max-age=${LIVE_POLL_SECONDS}`;
/**
 * The version document's own headers, besides the security headers of every response: the
 * serving thread's (site.ts) and Express's (app.ts, in dev) are these, in this order.
 */
export const LIVE_DOCUMENT_HEADERS = {
  'access-control-allow-origin': '*',
  'content-type': 'application/json; charset=utf-8',
  'cache-control': LIVE_CACHE_CONTROL,
} as const;
/** Pages and API of an election being voted on: a CDN absorbs the spike for a few seconds. */
export const VOTING_CACHE_CONTROL = 'public, max-age=5, stale-while-revalidate=10';
/** Everything else: a minute fresh, then served stale while a CDN refetches. */
export const PAGE_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=86400';

export type Status = Election['status'];

/** Pages of an election that can still change by the minute follow it live. */
export const isLive = (election: Election): boolean => election.status !== 'decided';

export const cacheControlFor = (status: Status | undefined): string =>
  status === 'voting' ? VOTING_CACHE_CONTROL : PAGE_CACHE_CONTROL;

/** What the live channel knows of one election in one content version. */
export interface LiveState {
  election: string;
  /** Ordered: a larger number is newer content, whichever server answers. */
  seq: number;
  /**
   * Of the election as loaded, in every language's edition: equal hashes are equal content
   * on every page, whatever their `seq` (a save to a translation alone is a new version).
   */
  hash: string;
  status: Status;
  /** When this version was saved (ISO), from `seq`. */
  updated: string;
  /** The venue's IANA zone, in which pages without JavaScript say the time. */
  timeZone: string;
  /** What a reader is told when the page changes to this version. */
  headline: string;
  /** Seconds between polls; 0 once the election is decided (nothing more to follow). */
  poll: number;
}

/** The newest state the election has reached, in a sentence for a screen reader, in a language. */
export function headline(election: Election, lang: Lang = 'en'): string {
  const t = tr(lang);
  if (election.status === 'decided') {
    const d = election.decision;
    if (!d) return t('live.ended');
    return t('vote.elected', {
      winner: candidateName(election, d.winner),
      how: howElected({ ...d, round: d.round ?? election.rounds.length }, lang),
    });
  }
  if (election.status === 'upcoming') return t('live.notStarted');
  const last = election.rounds.at(-1);
  if (!last) return t('live.underWay');
  // A withdrawal after the round is news of its own: the page changes, and says why.
  const withdrew = last.results.filter((r) => r.outcome === 'withdrew');
  return [
    t('live.roundResults', { round: last.number }),
    ...withdrew.map((r) =>
      t('live.withdrew', { name: candidateName(election, r.candidate), round: last.number }),
    ),
  ].join('. ');
}

/**
 * "30 June 2025 at 13:05 CEST" / "30 juin 2025 à 13 h 05 (UTC+2)": the day and time of a version in
 * the venue's zone, as the page says when it was last updated without JavaScript.
 */
export function updatedAt(iso: string, zone = 'UTC', lang: Lang = 'en'): string {
  return formatDateTime(Date.parse(iso), zone, lang);
}

/** The version document, as served and exported. */
export function liveDocument(state: LiveState): string {
  return JSON.stringify(state);
}

/** The newest modification time of any file under a folder (bounded walk), or undefined. */
async function newestFile(dir: string): Promise<number | undefined> {
  let newest: number | undefined;
  let budget = 10_000;
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (--budget < 0 || entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) newest = Math.max(newest ?? 0, (await stat(full)).mtimeMs);
    }
  };
  try {
    await walk(dir);
  } catch {
    // A folder removed while it was read: the content as loaded still has a version.
    return newest;
  }
  return newest === undefined ? undefined : Math.floor(newest);
}

/** The live states of a content version's elections, by election slug. */
export interface LiveSource {
  for(content: Content): Promise<ReadonlyMap<string, LiveState>>;
}

/**
 * The live state of every election, per content version. Computed once when content is
 * swapped in (in order, so a later version is never numbered below an earlier one).
 */
export class LiveVersions implements LiveSource {
  readonly #byContent = new WeakMap<Content, Promise<ReadonlyMap<string, LiveState>>>();
  readonly #last = new Map<string, { seq: number; hash: string }>();
  #chain: Promise<unknown> = Promise.resolve();

  constructor(
    holder: ContentHolder,
    private readonly contentDir: string | undefined,
  ) {
    // Computed as soon as content is swapped in; a request that needs it waits and sees any failure.
    const early = (content: Content): void => void this.for(content).catch(() => undefined);
    early(holder.current);
    holder.on('swap', early);
  }

  /** The live states of a content version's elections, by election slug. */
  for(content: Content): Promise<ReadonlyMap<string, LiveState>> {
    let states = this.#byContent.get(content);
    if (!states) {
      states = this.#chain.then(() => this.#compute(content));
      this.#byContent.set(content, states);
      this.#chain = states.catch(() => undefined);
    }
    return states;
  }

  async #compute(content: Content): Promise<ReadonlyMap<string, LiveState>> {
    const states = new Map<string, LiveState>();
    const loaded = Date.parse(content.loadedAt);
    for (const election of content.elections) {
      const hash = content.electionHashes.get(election.slug)!;
      const folder = this.contentDir
        ? path.join(this.contentDir, path.dirname(election.file))
        : undefined;
      // A file dated after the load (a clock set wrong, `touch -d`) would number a version in
      // the future, and an open page never takes a version numbered below one it has seen:
      // every later save, on this server or another, would pass it by until the reader reloads.
      const saved = Math.min((folder && (await newestFile(folder))) || loaded, loaded);
      const last = this.#last.get(election.slug);
      const seq =
        last === undefined ? saved : last.hash === hash ? last.seq : Math.max(saved, last.seq + 1);
      this.#last.set(election.slug, { seq, hash });
      states.set(election.slug, {
        election: election.slug,
        seq,
        hash,
        status: election.status,
        updated: new Date(seq).toISOString(),
        timeZone: election.venue.timeZone ?? 'UTC',
        headline: headline(election),
        poll: isLive(election) ? LIVE_POLL_SECONDS : 0,
      });
    }
    return states;
  }
}

/** Seconds between heartbeats on an open stream: under the idle timeouts of common proxies. */
export const LIVE_HEARTBEAT_SECONDS = 15;
/** How long a reader refused a stream is asked to wait before trying one again. */
export const LIVE_STREAM_RETRY_SECONDS = 60;
/** Bytes a stream may have waiting for a reader that does not read; past it, it is closed. */
export const LIVE_STREAM_BUFFER_BYTES = 16 * 1024;

/**
 * Streams one client address may hold: a tenth of them (100 of the default 1,000), so one
 * client cannot take every stream and leave everyone else polling, while readers who share an
 * address (an office's, a phone network's) still have a hundred.
 */
export const streamsPerAddress = (max: number): number => Math.max(1, Math.ceil(max / 10));

/** One event of the stream: the version document, numbered by its `seq`. */
export function liveEvent(state: LiveState): string {
  return `id: ${state.seq}\ndata: ${liveDocument(state)}\n\n`;
}

/** Why a stream was refused: the server stopping, every stream taken, or the address's share. */
export type StreamRefused = 'stopping' | 'full' | 'share';

const REFUSALS: Record<StreamRefused, string> = {
  stopping: 'This server is shutting down.',
  full: 'Every live stream of this server is taken.',
  share: 'Your address holds as many live streams as one address may.',
};

/** The answer to a reader refused a stream: what happened, then what to do. */
export function streamRefusal(election: string, why: StreamRefused = 'full'): string {
  const what = REFUSALS[why];
  return JSON.stringify({
    error: 'stream-unavailable',
    message: `${what} Poll ${urls.live(election)} instead.`,
    poll: urls.live(election),
  });
}

interface Stream {
  res: ServerResponse;
  /** The newest version this reader has been sent. */
  seq: number;
}

export interface LiveStreamOptions {
  /** Open streams at most, over every election. */
  max: number;
  /** Open streams one client address may hold at most (no bound of its own if not given). */
  perAddress?: number | undefined;
  heartbeatMs?: number;
  bufferBytes?: number;
  /** Aborted when the server shuts down: every stream ends and no new one opens. */
  shutdown?: AbortSignal | undefined;
}

/**
 * Server-Sent Events per election, for readers that reach the origin directly: the version
 * document on connect and on every content swap (written once per swap, the same bytes to
 * every reader), a comment line as heartbeat, a bound on open streams. A reader that does not
 * read is dropped once its buffer is full; a reader that leaves frees its slot.
 */
export class LiveStreams {
  /** The streams a server offers readers that reach it directly: only with LIVE_STREAM=true. */
  static offered(
    config: Partial<Pick<Config, 'liveStream' | 'liveStreamMax' | 'trustProxy'>>,
    holder: ContentHolder,
    live: LiveSource,
    shutdown: AbortSignal | undefined,
  ): LiveStreams | undefined {
    if (!config.liveStream) return undefined;
    const max = config.liveStreamMax ?? DEFAULT_LIVE_STREAM_MAX;
    return new LiveStreams(holder, live, {
      max,
      // Behind a proxy every stream comes from the proxy, which limits its clients itself.
      perAddress: config.trustProxy ? undefined : streamsPerAddress(max),
      shutdown,
    });
  }

  readonly #byElection = new Map<string, Set<Stream>>();
  /** The newest state sent per election, for a reader that connects while a swap is sent. */
  readonly #latest = new Map<string, LiveState>();
  readonly #max: number;
  readonly #perAddress: number;
  /** Open streams per client. */
  readonly #byClient = new HeldPerClient();
  readonly #bufferBytes: number;
  #open = 0;
  #closed = false;
  readonly #heartbeat: NodeJS.Timeout;

  constructor(holder: ContentHolder, live: LiveSource, options: LiveStreamOptions) {
    this.#max = options.max;
    this.#perAddress = options.perAddress ?? Infinity;
    this.#bufferBytes = options.bufferBytes ?? LIVE_STREAM_BUFFER_BYTES;
    holder.on('swap', (content) => {
      live.for(content).then(
        (states) => states.forEach((state) => this.publish(state)),
        () => undefined,
      );
    });
    this.#heartbeat = setInterval(
      () => this.#each(':\n\n'),
      options.heartbeatMs ?? LIVE_HEARTBEAT_SECONDS * 1000,
    );
    this.#heartbeat.unref();
    const { shutdown } = options;
    if (shutdown?.aborted) this.close();
    else shutdown?.addEventListener('abort', () => this.close(), { once: true });
  }

  /** Streams open now, over every election. */
  get open(): number {
    return this.#open;
  }

  /**
   * Answers a request for an election's stream: the stream, or 503 with Retry-After when the
   * bound is reached or the server is stopping (the page then polls the version document).
   */
  serve(req: IncomingMessage, res: ServerResponse, state: LiveState): void {
    // A reader who left while the version was being found takes no slot (its "close" is past).
    if (res.destroyed) return;
    const address = clientOf(req.socket.remoteAddress);
    const held = this.#byClient.of(address);
    const refused: StreamRefused | undefined = this.#closed
      ? 'stopping'
      : this.#open >= this.#max
        ? 'full'
        : held >= this.#perAddress
          ? 'share'
          : undefined;
    if (refused !== undefined) {
      res.writeHead(503, {
        'Content-Type': 'application/json; charset=utf-8',
        'Cache-Control': 'no-store',
        'Retry-After': String(LIVE_STREAM_RETRY_SECONDS),
      });
      res.end(streamRefusal(state.election, refused));
      return;
    }
    const headers = {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    };
    // HEAD opens no stream: its answer ends there, and the connection serves what follows.
    if (req.method === 'HEAD') return void res.writeHead(200, headers).end();
    // A stream's connection is never reused: when the stream ends, so does the socket.
    res.shouldKeepAlive = false;
    res.writeHead(200, headers);
    const latest = this.#latest.get(state.election);
    const first = latest && latest.seq > state.seq ? latest : state;
    const stream: Stream = { res, seq: first.seq };
    let streams = this.#byElection.get(state.election);
    if (!streams) {
      streams = new Set();
      this.#byElection.set(state.election, streams);
    }
    streams.add(stream);
    this.#open++;
    const giveBack = this.#byClient.take(address);
    const set = streams;
    res.once('close', () => {
      if (!set.delete(stream)) return;
      this.#open--;
      giveBack();
    });
    // How long to wait before reconnecting after a drop, then the version now.
    this.#write(stream, `retry: 2000\n${liveEvent(first)}`);
  }

  /** Sends a version to the election's readers that have not had it (once per swap). */
  publish(state: LiveState): void {
    const latest = this.#latest.get(state.election);
    if (latest && latest.seq >= state.seq) return;
    this.#latest.set(state.election, state);
    const streams = this.#byElection.get(state.election);
    if (!streams || streams.size === 0) return;
    const event = Buffer.from(liveEvent(state));
    for (const stream of streams) {
      if (stream.seq >= state.seq) continue;
      stream.seq = state.seq;
      this.#write(stream, event);
    }
  }

  /** Ends every stream and refuses new ones (shutdown). */
  close(): void {
    this.#closed = true;
    clearInterval(this.#heartbeat);
    for (const streams of this.#byElection.values()) {
      for (const stream of streams) stream.res.end();
    }
  }

  #each(chunk: string): void {
    const bytes = Buffer.from(chunk);
    for (const streams of this.#byElection.values()) {
      for (const stream of streams) this.#write(stream, bytes);
    }
  }

  #write(stream: Stream, chunk: string | Buffer): void {
    const { res } = stream;
    if (res.destroyed) return;
    // A reader that stopped reading: its bytes pile up in memory. Drop it; it polls instead.
    if (res.writableLength > this.#bufferBytes) return void res.destroy();
    res.write(chunk);
  }
}
