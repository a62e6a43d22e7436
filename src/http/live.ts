// The live channel: a tiny version document per election that open pages poll while the
// election is live (upcoming or voting), and the cache lifetimes that let a CDN carry it.
// Versions are ordered, so that a reader behind several servers never goes back: the number
// is the modification time (ms) of the newest file in the election's folder, moved one past
// the last one seen when the election changed without a newer file.
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Content, Election } from '../content/model.js';
import type { ContentHolder } from '../store/holder.js';
import { formatClock } from '../i18n/format.js';
import type { Lang } from '../i18n/lang.js';
import { tr } from '../i18n/messages.js';
import { candidateName, howElected } from './present.js';

/** How often open pages poll the version document, in seconds. */
export const LIVE_POLL_SECONDS = 1;
/** The version document: cached no longer than a poll interval, by browsers and CDNs alike. */
export const LIVE_CACHE_CONTROL = `public, max-age=${LIVE_POLL_SECONDS}`;
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
  /** Of the election as loaded: equal hashes are equal content, whatever their `seq`. */
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
  return last ? t('live.roundResults', { round: last.number }) : t('live.underWay');
}

/**
 * "13:05 CEST" / "13 h 05 (UTC+2)" / "13:05 (CEST)": the time of a version in the venue's zone,
 * as the page says it in its language without JavaScript.
 */
export function clock(iso: string, zone = 'UTC', lang: Lang = 'en'): string {
  return formatClock(Date.parse(iso), zone, lang);
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

function hashOf(election: Election): string {
  return createHash('sha256').update(JSON.stringify(election)).digest('base64url').slice(0, 16);
}

/**
 * The live state of every election, per content version. Computed once when content is
 * swapped in (in order, so a later version is never numbered below an earlier one).
 */
export class LiveVersions {
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
      const hash = hashOf(election);
      const folder = this.contentDir
        ? path.join(this.contentDir, path.dirname(election.file))
        : undefined;
      const saved = (folder && (await newestFile(folder))) || loaded;
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
