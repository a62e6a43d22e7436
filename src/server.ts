// The only file that listens: config → the loading and rendering threads → this thread's own
// modules → load → app → listen; reload on change; clean shutdown.
import { pino } from 'pino';
import type { Server } from 'node:http';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import type { Problem, ProblemTotals } from './content/problems.js';
import { isError, problemCount, servedProblems } from './content/problems.js';
import { readConfig } from './config.js';
import type { Site } from './http/site.js';
import { spawnRenderingThread } from './http/rendering-thread.js';
import { createLogger } from './logger.js';
import type { ContentHolder } from './store/holder.js';
import { createBackgroundLoader } from './store/loader.js';
import { lastGoodFile, readLastGood } from './store/last-good.js';
import type { LoadResult } from './content/model.js';
import type { Watcher } from './store/reload.js';

/**
 * This thread's own modules (the site, its pages and templates, the reports), loaded once the
 * loading and rendering threads have started: they load theirs meanwhile, on the other core.
 * Imported statically, they held both threads back by half a second at start-up.
 */
const serverModules = () =>
  Promise.all([
    import('node:http'),
    import('./content/report.js'),
    import('./http/client-error.js'),
    import('./http/site.js'),
    import('./http/not-found.js'),
    import('./http/request-log.js'),
    import('./paths.js'),
    import('./store/holder.js'),
    import('./http/connections.js'),
  ]);

export interface RunningServer {
  server: Server;
  holder: ContentHolder;
  /** What answers requests: the response cache, the rendering thread, the live streams. */
  site: Site;
  url: string;
  stop(): Promise<void>;
}

/**
 * stderr as a stream whose writes never block the event loop (a pipe's would), and that waits
 * while a pipe is full (EAGAIN) instead of giving up: a file stream on it ended at the first
 * report larger than its reader had taken yet, and every report after it was lost. What waits
 * is bounded; a report beyond it is dropped whole.
 */
function stderrStream(): Pick<Writable, 'write'> {
  const stream = pino.destination({ dest: 2, sync: false, maxLength: 64 * 1024 * 1024 });
  stream.on('error', () => undefined);
  return stream;
}

/** Exit code for content that cannot be served. */
export const EXIT_INVALID_CONTENT = 1;

export interface ServerOptions {
  /**
   * Where reports of content problems go once the site is up: stderr by default, written
   * through the thread pool, so that a slow reader of a long report never holds up requests.
   */
  reports?: Pick<Writable, 'write'>;
}

export async function startServer(
  config: Config,
  options: ServerOptions = {},
): Promise<RunningServer | undefined> {
  const logger = createLogger(config.logLevel);
  const started = performance.now();
  // Content is read in a worker thread: a reload never holds up requests, and a file that
  // takes too long to read is reported and abandoned.
  // A watching server keeps the last good content on disk, to serve it if started again while
  // the content has errors (a crash, a deploy, another instance on vote day).
  const lastGood =
    config.watch && !config.dev && config.lastGoodDir
      ? lastGoodFile(config.lastGoodDir, config.contentDir)
      : undefined;
  const loader = createBackgroundLoader(config.loadBudgetMs, {
    withoutHtml: !config.dev,
    keep: lastGood
      ? {
          file: lastGood,
          onChange: (file, error) =>
            error === undefined
              ? logger.info({ file }, 'The last good content is kept again')
              : logger.warn(
                  { file, error },
                  'The last good content cannot be kept: a server started again while content has errors serves what was kept before this, if anything',
                ),
        }
      : undefined,
  });
  // Pages render in a thread of their own outside dev: it loads its modules meanwhile.
  const renderingThread = config.dev ? undefined : spawnRenderingThread();
  const loading = loader.load(config.contentDir, { includeDrafts: config.dev });
  // Awaited once this thread's modules are in: a failure meanwhile is not left unhandled.
  loading.catch(() => undefined);
  const [
    { createServer },
    { formatProblem, formatReport, reloadReport, reportRoot, SERVER_REPORT_LIMIT },
    { answerClientError, answerConnect, answerExpectation },
    { createSite },
    { FULL_NOT_FOUND_PER_SECOND },
    { flushRequestLog },
    { publicDir, viewsDir },
    { ContentHolder },
    { closeStalledConnections, limitConnectionsPerClient, limitPipelining },
  ] = await serverModules();
  let loaded = await loading;
  // Started while the content has errors: what was served before, if it was kept.
  let restored:
    { from: string; savedAt: Date; failed: Extract<LoadResult, { ok: false }> } | undefined;
  if (!loaded.ok && lastGood) {
    const kept = await readLastGood(lastGood, config.contentDir);
    if ('missing' in kept) {
      process.stderr.write(`No last good content to serve instead: ${kept.missing}.\n`);
    } else {
      const again = await loader.load(config.contentDir, { texts: kept.texts });
      if (again.ok) {
        restored = { from: lastGood, savedAt: kept.savedAt, failed: loaded };
        loaded = again;
      } else {
        // Said apart from the content's own problems: its files are as they were, not as they are.
        const first = again.problems.find(isError) ?? again.problems[0];
        process.stderr.write(
          `The last good content kept at ${lastGood} cannot be loaded by this version of the server; it is not served.${first ? ` Its first problem: ${formatProblem(first)}` : ''}\n`,
        );
      }
    }
  }
  const root = reportRoot(config.contentDir);
  // How reports are printed: with their lines, paths that open from here, at most so many.
  const printed = { frames: true, root, limit: SERVER_REPORT_LIMIT };
  const reports = options.reports ?? stderrStream();
  let holder: ContentHolder;
  if (restored && loaded.ok) {
    const { problems, totals } = restored.failed;
    const saved = restored.savedAt.toISOString();
    holder = new ContentHolder(loaded.content);
    holder.fail(problems, totals);
    holder.servesKept(saved);
    process.stderr.write(
      `Content in ${config.contentDir} has problems; serving the last good content instead (kept at ${restored.from}, saved ${saved}) until they are fixed.\n\n`,
    );
    process.stderr.write(`${formatReport(problems, { ...printed, totals })}\n`);
    logger.error(
      {
        version: loaded.content.version,
        saved,
        ms: Math.round(performance.now() - started),
        problems: problemCount({ problems, totals }),
      },
      'Content has problems; serving the last good content, saved before',
    );
  } else if (loaded.ok) {
    holder = new ContentHolder(loaded.content);
    logger.info(
      {
        version: loaded.content.version,
        ms: Math.round(performance.now() - started),
        ...servedProblems(loaded.content),
      },
      'content loaded',
    );
  } else if (config.dev && config.watch) {
    // Dev starts anyway: every page shows the problems, and the first valid save brings the site up.
    process.stderr.write(
      `Content in ${config.contentDir} has problems; the site starts without it and comes up by itself once they are fixed.\n\n`,
    );
    process.stderr.write(
      `${formatReport(loaded.problems, { ...printed, totals: loaded.totals })}\n`,
    );
    holder = ContentHolder.awaiting(loaded.problems, loaded.totals);
  } else {
    await loader.close();
    await renderingThread?.terminate();
    process.stderr.write(
      `Content in ${config.contentDir} has problems; the site was not started.\n\n`,
    );
    process.stderr.write(
      `${formatReport(loaded.problems, { ...printed, totals: loaded.totals })}\n`,
    );
    return undefined;
  }
  // The kept content's own warnings are of files as they were, not as they are: not printed.
  if (loaded.ok && !restored && loaded.content.warnings.length > 0) {
    const { warnings, warningTotals: totals } = loaded.content;
    process.stderr.write(`${formatReport(warnings, { ...printed, totals })}\n`);
  }

  // Warnings reach the editor on every reload, not only on `npm run check`: those not reported
  // before, and how many were (printed above at start).
  const report = (problems: readonly Problem[], totals?: ProblemTotals): void => {
    const text = reloadReport(problems, { ...printed, totals });
    if (text !== undefined) reports.write(text);
  };
  holder.on('swap', (content) => {
    logger.info({ version: content.version, ...servedProblems(content) }, 'content reloaded');
    report(content.warnings, content.warningTotals);
  });
  holder.on('failure', (failure) => {
    logger.error(
      { problems: problemCount(failure) },
      holder.loaded
        ? `Content not updated; still serving the version loaded at ${holder.current.loadedAt}`
        : 'Content still has problems; the site comes up once they are fixed',
    );
    report(failure.problems, failure.totals);
  });

  let watcher: Watcher | undefined;
  let stopReloading: (() => void) | undefined;
  let warmUp: (() => Promise<void>) | undefined;
  // Without watching, the loading thread's work is done: its memory goes back.
  if (!config.watch) await loader.close();
  if (config.watch) {
    // The reloader and the watcher only when watching (they bring the content pipeline with them).
    const { comparedWith, createReloader, watchFolders } = await import('./store/reload.js');
    const reload = createReloader(config.contentDir, holder, {
      includeDrafts: config.dev,
      load: (dir, options) => loader.load(dir, options),
    });
    stopReloading = reload.stop;
    // The first save after a start is the one a vote day waits for (round 1 reported). The
    // loading thread's code is compiled by then: with 10,000 readers polling, that save was
    // served 315–395 ms after it was made, against 576–1,190 ms from a thread that had loaded
    // once (measured by hand on 2 cores). A save during a warm-up waits for it to finish.
    warmUp = () =>
      loader.warmUp(config.contentDir, { includeDrafts: config.dev, ...comparedWith(holder) });
    // In dev, edits to views and styles also reload open pages.
    const folders = config.dev ? [config.contentDir, viewsDir, publicDir] : [config.contentDir];
    watcher = await watchFolders(
      folders,
      // Whatever a reload's listeners throw is logged; it never becomes an unhandled rejection.
      () => void reload().catch((err: unknown) => logger.error({ err }, 'Content reload failed')),
      undefined,
      (error) =>
        logger.warn(
          { err: error },
          'The file watcher reported a problem; content is loaded again to check it',
        ),
    );
  }

  // Ends live streams on shutdown, so that they never hold the server open.
  const shutdown = new AbortController();
  const site = await createSite({
    holder,
    config,
    logger,
    notFoundPerSecond: FULL_NOT_FOUND_PER_SECOND,
    shutdown: shutdown.signal,
    renderingThread,
  });
  // A request is a GET with no body: 20 s for its headers and 30 s for all of it (Node's
  // defaults, 60 s and 300 s, let a client trickling a body hold a connection five minutes).
  const server = createServer(
    { headersTimeout: 20_000, requestTimeout: 30_000 },
    limitPipelining(site.handler, logger),
  );
  limitConnectionsPerClient(server, config.connectionsPerClient, logger);
  closeStalledConnections(server, logger);
  server.on('clientError', answerClientError);
  server.on('connect', answerConnect);
  server.on('checkExpectation', answerExpectation);
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
  // After listening, so that start-up does not wait for it.
  void warmUp?.();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.info('shutting down');
      await watcher?.close();
      stopReloading?.();
      await loader.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      shutdown.abort();
      server.closeIdleConnections();
      // Long-lived streams (the dev reload channel) would hold the server open: give
      // in-flight requests a moment, then close what is left.
      const grace = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(grace);
      await site.close();
      flushRequestLog();
      logger.info('stopped');
      logger.flush();
    })();
    return stopping;
  };
  return { server, holder, site, url, stop };
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
