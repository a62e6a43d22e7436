// The dev server as `npm run dev` runs it (drafts shown, problems in pages, watching), on a
// free port of the loopback interface, for a content folder of the test's own.
import type { Config } from '../../src/config.js';
import { readConfig } from '../../src/config.js';
import type { RunningServer, ServerOptions } from '../../src/server.js';
import { startServer } from '../../src/server.js';

export function devConfig(dir: string): Config {
  return readConfig({
    CONTENT_DIR: dir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
  });
}

export async function startDev(dir: string, options?: ServerOptions): Promise<RunningServer> {
  const dev = await startServer(devConfig(dir), options);
  if (!dev) throw new Error('dev server did not start');
  return dev;
}
