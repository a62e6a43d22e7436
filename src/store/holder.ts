// The one reference to the content being served, swapped whole on reload. Readers take a
// snapshot per request; a failed reload leaves the last good content serving.
import { EventEmitter } from 'node:events';
import { buildEditions } from '../content/load-editions.js';
import type { Content, Route } from '../content/model.js';
import { DEFAULT_LANG } from '../i18n/lang.js';
import type { Problem, ProblemTotals } from '../content/problems.js';

export interface ReloadFailure {
  problems: readonly Problem[];
  /** The load's totals when `problems` lists only the first of them. */
  totals?: ProblemTotals | undefined;
  /** ISO time of the failed attempt. */
  at: string;
}

interface HolderEvents {
  /** New content is serving. */
  swap: [Content];
  /** A reload found errors; the previous content is still serving. */
  failure: [ReloadFailure];
}

/**
 * What dev serves while no content has loaded yet (the content was broken at start): a site
 * with no pages but the home page, under the problems panel, until a fix is saved.
 */
function placeholderContent(): Content {
  const site = {
    name: 'Content not loaded yet',
    tagline: 'fix the problems listed above and save: the site comes up by itself',
    publisher: { name: 'the editors' },
    featured: 'none',
    language: 'en',
  };
  const routes = new Map<string, Route>([['/', { kind: 'home' }]]);
  return {
    editions: buildEditions({
      lang: DEFAULT_LANG,
      site,
      siteTranslation: { status: 'original' },
      elections: [],
      pages: [],
      routes,
    }),
    site,
    elections: [],
    pages: [],
    routes,
    aliases: new Map(),
    version: 'none',
    electionHashes: new Map(),
    loadedAt: new Date().toISOString(),
    warnings: [],
  };
}

export class ContentHolder extends EventEmitter<HolderEvents> {
  #current: Content;
  #failure: ReloadFailure | undefined;
  #loaded: boolean;
  #keptSince: string | undefined;

  constructor(initial: Content) {
    super();
    this.#current = initial;
    this.#loaded = true;
  }

  /** A holder with nothing good to serve yet (dev only): problems shown, first valid load swapped in. */
  static awaiting(problems: readonly Problem[], totals?: ProblemTotals): ContentHolder {
    const holder = new ContentHolder(placeholderContent());
    holder.#loaded = false;
    holder.fail(problems, totals);
    return holder;
  }

  /** False while a dev server waits for its first valid content. */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** The content to serve now: an immutable snapshot. */
  get current(): Content {
    return this.#current;
  }

  /** The problems of the last reload, if it failed and nothing has loaded since. */
  get failure(): ReloadFailure | undefined {
    return this.#failure;
  }

  /**
   * When the content served was kept on disk, if it is the last good content a server started
   * with while the content had errors (src/store/last-good.ts); undefined once a save loads.
   */
  get keptSince(): string | undefined {
    return this.#keptSince;
  }

  /** The content served is the last good content, kept at that time. */
  servesKept(savedAt: string): void {
    this.#keptSince = savedAt;
  }

  swap(next: Content): void {
    this.#current = next;
    this.#failure = undefined;
    this.#keptSince = undefined;
    this.#loaded = true;
    this.#tell('swap', next);
  }

  fail(problems: readonly Problem[], totals?: ProblemTotals): void {
    this.#failure = { problems, totals, at: new Date().toISOString() };
    this.#tell('failure', this.#failure);
  }

  /**
   * Tells every listener, even when one before it throws, then throws the first error: a
   * report that threw kept the rendering thread from hearing of a swap, and it rendered the
   * content swapped out for as long as it ran.
   */
  #tell<K extends keyof HolderEvents>(event: K, ...args: HolderEvents[K]): void {
    let failed: { error: unknown } | undefined;
    for (const listener of this.rawListeners(event)) {
      try {
        Reflect.apply(listener, this, args);
      } catch (error) {
        failed ??= { error };
      }
    }
    if (failed) throw failed.error;
  }
}
