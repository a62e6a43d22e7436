// The content load, run in a worker thread so that reading a large or hostile content folder
// never holds up the requests the main thread is answering. It tells the main thread which
// file it is on, so that a load past its time budget can be stopped and say where.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { loadContent } from '../content/load.js';
import { ProblemsHandedOver } from '../content/report.js';
import { RenderCache } from '../markdown/render.js';
import { keepLastGood } from './last-good.js';
import { contentBytes } from './posted-content.js';
import type { FlushRequest, LoadRequest, WorkerMessage } from './loader.js';

const port = parentPort;
if (!port) throw new Error('load-worker.ts runs only as a worker thread');

// On a busy machine, answering requests comes first: the loading thread runs at the lowest
// priority, and tells the main thread its id, so that the time budget counts the time this
// thread actually ran rather than time it spent waiting its turn (Linux; elsewhere the budget
// counts time on the clock and the priority is left as it is).
try {
  const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(thread)) {
    setPriority(thread, 19);
    port.postMessage({ id: 0, type: 'thread', thread } satisfies WorkerMessage);
  }
} catch {
  // Not Linux, or not allowed.
}

// Under WATCH the thread loads again on every save: it keeps the last load's renderings, so a
// save renders only the text that changed (in each language).
const renderings = new RenderCache();
// The problems of each load, as the server is handed them: the first, and how many there are.
const handedOver = new ProblemsHandedOver();

// The last good content is written one load at a time, the newest last: a save made while one
// is written waits, and replaces any other waiting (a write that never ends holds one content
// in memory, not one per save). The server hears of a failure to write it when it starts
// failing, and when it stops.
interface Keep {
  file: string;
  contentDir: string;
  version: string;
  texts: ReadonlyMap<string, string>;
}
let waiting: Keep | undefined;
let writing: Promise<void> | undefined;
let kept = '';
let keepFailing = false;
function keep(next: Keep): void {
  waiting = next;
  writing ??= (async () => {
    while (waiting) {
      const { file, contentDir, version, texts } = waiting;
      waiting = undefined;
      if (kept === `${file}\0${version}`) continue;
      try {
        await keepLastGood(file, contentDir, version, texts);
        kept = `${file}\0${version}`;
        if (keepFailing) port!.postMessage({ id: 0, type: 'keep', file } satisfies WorkerMessage);
        keepFailing = false;
      } catch (cause) {
        const error = cause instanceof Error ? cause.message : String(cause);
        if (!keepFailing)
          port!.postMessage({ id: 0, type: 'keep', file, error } satisfies WorkerMessage);
        keepFailing = true;
      }
    }
    writing = undefined;
  })();
}

port.on('message', (request: LoadRequest | FlushRequest) => {
  // Before the thread is stopped: the last good content being written is finished first.
  if ('flush' in request) {
    void (writing ?? Promise.resolve()).then(() =>
      port.postMessage({ id: request.id, type: 'flushed' } satisfies WorkerMessage),
    );
    return;
  }
  const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void =>
    port.postMessage(message, transfer);
  let read: ReadonlyMap<string, string> | undefined;
  void loadContent(request.contentDir, {
    ...request.options,
    renderings,
    posted: true,
    onFile: (file) => send({ id: request.id, type: 'file', file }),
    onRead: (texts) => (read = texts),
  }).then((result) => {
    // A warm-up's content is thrown away here: copying it to the main thread is the cost of
    // a load there, which a warm-up must not have.
    if (request.warmUp) return send({ id: request.id, type: 'warm' });
    if (!result.ok)
      return send({
        id: request.id,
        type: 'done',
        result: {
          ok: false,
          ...handedOver.of(result.problems, request.reportLimit, true),
          ...(result.passing ? { passing: true } : {}),
        },
      });
    const { problems: warnings, totals: warningTotals } = handedOver.of(
      result.content.warnings,
      request.reportLimit,
    );
    const { bytes, shared, transfer } = contentBytes(
      { ...result.content, warnings, warningTotals },
      request.withoutHtml,
    );
    send({ id: request.id, type: 'content', bytes, shared }, transfer);
    // Content loaded from what was kept is kept already.
    if (request.keep && read && !request.options.texts)
      keep({
        file: request.keep,
        contentDir: request.contentDir,
        version: result.content.version,
        texts: read,
      });
  });
});
