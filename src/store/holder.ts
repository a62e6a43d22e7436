// The one reference to the content being served, swapped whole on reload. Readers take a
// snapshot per request; a failed reload leaves the last good content serving.
import { EventEmitter } from 'node:events';
import type { Content } from '../content/model.js';
import type { Problem } from '../content/problems.js';

export interface ReloadFailure {
  problems: readonly Problem[];
  /** ISO time of the failed attempt. */
  at: string;
}

interface HolderEvents {
  /** New content is serving. */
  swap: [Content];
  /** A reload found errors; the previous content is still serving. */
  failure: [ReloadFailure];
}

export class ContentHolder extends EventEmitter<HolderEvents> {
  #current: Content;
  #failure: ReloadFailure | undefined;

  constructor(initial: Content) {
    super();
    this.#current = initial;
  }

  /** The content to serve now: an immutable snapshot. */
  get current(): Content {
    return this.#current;
  }

  /** The problems of the last reload, if it failed and nothing has loaded since. */
  get failure(): ReloadFailure | undefined {
    return this.#failure;
  }

  swap(next: Content): void {
    this.#current = next;
    this.#failure = undefined;
    this.emit('swap', next);
  }

  fail(problems: readonly Problem[]): void {
    this.#failure = { problems, at: new Date().toISOString() };
    this.emit('failure', this.#failure);
  }
}
