// The content load, run in a worker thread so that reading a large or hostile content folder
// never holds up the requests the main thread is answering. It tells the main thread which
// file it is on, so that a load past its time budget can be stopped and say where.
import { parentPort } from 'node:worker_threads';
import { loadContent } from '../content/load.js';
import type { LoadRequest, WorkerMessage } from './loader.js';

const port = parentPort;
if (!port) throw new Error('load-worker.ts runs only as a worker thread');

port.on('message', (request: LoadRequest) => {
  const send = (message: WorkerMessage): void => port.postMessage(message);
  void loadContent(request.contentDir, {
    includeDrafts: request.includeDrafts,
    onFile: (file) => send({ id: request.id, type: 'file', file }),
  }).then((result) => send({ id: request.id, type: 'done', result }));
});
