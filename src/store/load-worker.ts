// The content load, run in a worker thread so that reading a large or hostile content folder
// never holds up the requests the main thread is answering. It tells the main thread which
// file it is on, so that a load past its time budget can be stopped and say where.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { loadContent } from '../content/load.js';
import type { LoadRequest, WorkerMessage } from './loader.js';

const port = parentPort;
if (!port) throw new Error('load-worker.ts runs only as a worker thread');

// On a busy machine, answering requests comes first: the loading thread runs at the lowest
// priority (Linux schedules threads by their own id; elsewhere this is skipped).
try {
  const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(thread)) setPriority(thread, 19);
} catch {
  // Not Linux, or not allowed: the load runs at the server's priority.
}

port.on('message', (request: LoadRequest) => {
  const send = (message: WorkerMessage): void => port.postMessage(message);
  void loadContent(request.contentDir, {
    includeDrafts: request.includeDrafts,
    onFile: (file) => send({ id: request.id, type: 'file', file }),
  }).then((result) => send({ id: request.id, type: 'done', result }));
});
