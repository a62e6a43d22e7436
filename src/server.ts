// The only file that listens: config → load → app → listen; reload on change; clean shutdown.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { readConfig } from './config.js';
import { loadContent } from './content/load.js';
import { formatReport } from './content/report.js';
import { answerClientError } from './http/client-error.js';
import { createSite } from './http/site.js';
import { createLogger } from './logger.js';
import { publicDir, viewsDir } from './paths.js';
import { ContentHolder } from './store/holder.js';
import type { Watcher } from './store/reload.js';
import { createReloader, watchFolders } from './store/reload.js';

export interface RunningServer {
  server: Server;
  holder: ContentHolder;
  url: string;
  stop(): Promise<void>;
}

/** Exit code for content that cannot be served. */
export const EXIT_INVALID_CONTENT = 1;

export async function startServer(config: Config): Promise<RunningServer | undefined> {
  const logger = createLogger(config.logLevel);
  const started = performance.now();
  const loaded = await loadContent(config.contentDir, { includeDrafts: config.dev });
  if (!loaded.ok) {
    process.stderr.write(
      `Content in ${config.contentDir} has problems; the site was not started.\n\n`,
    );
    process.stderr.write(`${formatReport(loaded.problems, { frames: true })}\n`);
    return undefined;
  }
  const holder = new ContentHolder(loaded.content);
  logger.info(
    {
      version: loaded.content.version,
      ms: Math.round(performance.now() - started),
      warnings: loaded.content.warnings.length,
    },
    'content loaded',
  );
  if (loaded.content.warnings.length > 0) {
    process.stderr.write(`${formatReport(loaded.content.warnings)}\n`);
  }

  holder.on('swap', (content) => logger.info({ version: content.version }, 'content reloaded'));
  holder.on('failure', (failure) => {
    logger.error(
      { problems: failure.problems.length },
      `Content not updated; still serving the version loaded at ${holder.current.loadedAt}`,
    );
    process.stderr.write(`${formatReport(failure.problems, { frames: true })}\n`);
  });

  let watcher: Watcher | undefined;
  if (config.watch) {
    const reload = createReloader(config.contentDir, holder, { includeDrafts: config.dev });
    // In dev, edits to views and styles also reload open pages.
    const folders = config.dev ? [config.contentDir, viewsDir, publicDir] : [config.contentDir];
    watcher = await watchFolders(folders, () => void reload());
  }

  const site = await createSite({ holder, config, logger });
  const server = createServer(site.handler);
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info(
    {
      url,
      contentDir: config.contentDir,
      watch: config.watch,
      dev: config.dev,
      uptimeMs: Math.round(process.uptime() * 1000),
    },
    'listening',
  );

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.info('shutting down');
      await watcher?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Long-lived streams (the dev reload channel) would hold the server open: give
      // in-flight requests a moment, then close what is left.
      const grace = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(grace);
      logger.info('stopped');
      logger.flush();
    })();
    return stopping;
  };
  return { server, holder, url, stop };
}

async function main(): Promise<void> {
  const config = readConfig();
  const running = await startServer(config);
  if (!running) {
    process.exitCode = EXIT_INVALID_CONTENT;
    return;
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void running.stop().then(() => process.exit(0));
    });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
