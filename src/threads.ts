// Starting a worker thread from a module beside the caller: the built `.js` once compiled,
// the `.ts` source under tsx and vitest (imported through tsx's own API in the new thread).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';

/** Starts `name` (without extension), a module in the folder of `callerUrl` (`import.meta.url`). */
export function startThread(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!fileURLToPath(callerUrl).endsWith('.ts'))
    return new Worker(new URL(`./${name}.js`, callerUrl), options);
  // tsx's ESM build: the package resolves to the CommonJS one from here.
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const ts = new URL(`./${name}.ts`, callerUrl).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(ts)}, ${JSON.stringify(ts)}));`;
  return new Worker(boot, { ...options, eval: true });
}
