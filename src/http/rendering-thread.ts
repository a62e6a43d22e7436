// Starting the rendering thread (render-worker.ts), kept apart from the Renderer that drives it:
// the server starts it first thing, before it loads its own modules, so that the thread loads
// Express and the templates meanwhile.
import { getHeapStatistics } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import { startThread } from '../threads.js';

/** Threads that stopped before anything adopted them: one is started afresh instead. */
export const stoppedEarly = new WeakSet<Worker>();

/**
 * Starts a rendering thread before there is anything to render: it loads Express and the
 * templates while the content loads, and waits for a Renderer to give it its content.
 */
export function spawnRenderingThread(): Worker {
  // Its young generation is kept small: it renders now and then, and what it holds stays bounded.
  // Its heap has the room the process's would have; set explicitly, running out of it stops
  // this thread alone (answered 500, started again), where V8's own limit ends the process.
  const worker = startThread(import.meta.url, 'render-worker', {
    resourceLimits: {
      maxYoungGenerationSizeMb: 8,
      maxOldGenerationSizeMb: Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20),
    },
  });
  // The rendering thread never keeps the process alive by itself.
  worker.unref();
  // A failure before a Renderer adopts it is not thrown: the Renderer starts another.
  worker.on('error', () => undefined);
  worker.once('exit', () => stoppedEarly.add(worker));
  return worker;
}
