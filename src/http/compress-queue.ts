// Background brotli compression, bounded: a first-in first-out queue of at most `limit`
// waiting jobs, each response at most once, run `concurrency` at a time. A full queue turns
// new work away (the response is served with gzip until someone asks again); a job whose
// response was evicted is cancelled, so a queued job never keeps a dropped response alive.
import { brotliCompress, constants } from 'node:zlib';

interface Job {
  body: Buffer;
  done: (br: Buffer | undefined) => void;
}

export class CompressionQueue<Owner extends object> {
  readonly #waiting = new Map<Owner, Job>();
  #running = 0;

  constructor(
    readonly limit = 64,
    readonly concurrency = 1,
  ) {}

  /** Jobs waiting to start. */
  get waiting(): number {
    return this.#waiting.size;
  }

  has(owner: Owner): boolean {
    return this.#waiting.has(owner);
  }

  /** Queues brotli for `owner`'s body; false when the queue is full (ask again later). */
  add(owner: Owner, body: Buffer, done: (br: Buffer | undefined) => void): boolean {
    if (this.#waiting.has(owner)) return true;
    if (this.#waiting.size >= this.limit) return false;
    this.#waiting.set(owner, { body, done });
    this.#next();
    return true;
  }

  cancel(owner: Owner): void {
    this.#waiting.delete(owner);
  }

  #next(): void {
    while (this.#running < this.concurrency) {
      const first = this.#waiting.entries().next();
      if (first.done) return;
      const [owner, job] = first.value;
      this.#waiting.delete(owner);
      this.#running++;
      brotliCompress(
        job.body,
        {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: job.body.length,
          },
        },
        (err, result) => {
          this.#running--;
          job.done(err ? undefined : result);
          this.#next();
        },
      );
    }
  }
}
