// The request handler the server listens with: responses already built for the current
// content are written straight from the cache (the fast path); everything else goes to
// Express, which renders, and fills the cache for next time.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Content } from '../content/model.js';
import type { ContentHolder } from '../store/holder.js';
import type { AppOptions } from './app.js';
import { decodeUnreserved, perRequestHeaders, targetPath } from './request.js';
import type { AssetManifest } from './assets.js';
import { buildAssetManifest, unhashedAssets } from './assets.js';
import {
  certainlyExists,
  certainlyMissing,
  NotFoundGuard,
  prefersHtml,
  writePlainNotFound,
} from './not-found.js';
import { languageOf } from './languages.js';
import { logRequest } from './request-log.js';
import { cachedResponse, ResponseCache, writeCached } from './response-cache.js';
import { isSecure, securityHeaders } from './security.js';
import { publicDir } from '../paths.js';
import { LIVE_DOCUMENT_HEADERS, liveDocument, LiveStreams, LiveVersions } from './live.js';
import { renderPlainNotFoundPage } from './pages.js';
import { PlainNotFound } from './not-found.js';
import { Renderer } from './renderer.js';
import { healthOf } from './health.js';
import { urls } from '../urls.js';
import { knownRedirect, redirectBody, redirectHeaders } from './canonical.js';

export interface SiteOptions {
  holder: ContentHolder;
  config: AppOptions['config'];
  logger: Logger;
  /** Full 404 pages per second before plain ones (see not-found.ts); unlimited if not given. */
  notFoundPerSecond?: number | undefined;
  /** Aborted when the server shuts down (ends long-lived responses: live streams). */
  shutdown?: AbortSignal;
  /** Requests waiting for the rendering thread at most (MAX_WAITING_RENDERS by default). */
  maxWaitingRenders?: number;
  /** Of those, requests for what the content may not have at most (MAX_WAITING_UNKNOWN). */
  maxWaitingUnknown?: number;
  /** How long the rendering thread may answer nothing while requests wait (RENDER_STALL_MS). */
  renderStallMs?: number;
  /** A rendering thread started earlier (spawnRenderingThread), to use instead of a new one. */
  renderingThread?: Worker | undefined;
}

export interface Site {
  handler: RequestListener;
  cache: ResponseCache<Content> | undefined;
  assets: AssetManifest;
  /** The rendering thread's side in this one (none in dev, which renders in this thread). */
  renderer: Renderer | undefined;
  /** The live streams this thread answers (with LIVE_STREAM=true, outside dev). */
  streams: LiveStreams | undefined;
  /** Stops the rendering thread (requests after this are answered 503). */
  close(): Promise<void>;
}

const HEALTHZ = urls.healthz();

/** The live channel's stream of an election, answered by the serving thread. */
const LIVE_EVENTS = /^\/([^/]+)\/live\.events$/;
const LIVE_DOCUMENT = /^\/([^/]+)\/live\.json$/;

export async function createSite({
  holder,
  config,
  logger,
  notFoundPerSecond,
  shutdown,
  maxWaitingRenders,
  maxWaitingUnknown,
  renderStallMs,
  renderingThread,
}: SiteOptions): Promise<Site> {
  // In dev every request renders afresh, in this thread, from files as they are edited.
  if (config.dev) {
    // Express is loaded in the thread that renders: here only in dev.
    const { createApp } = await import('./app.js');
    const app = createApp({ holder, config, logger, shutdown });
    const handler: RequestListener = (req, res) => {
      routeOneSpelling(req);
      app(req, res);
    };
    return {
      handler,
      cache: undefined,
      assets: unhashedAssets,
      renderer: undefined,
      streams: undefined,
      close: () => Promise.resolve(),
    };
  }
  const cache = new ResponseCache<Content>();
  const assets = await buildAssetManifest(publicDir, securityHeaders);
  const notFound =
    notFoundPerSecond === undefined ? undefined : new NotFoundGuard(notFoundPerSecond);
  // The live states are numbered here, once, for the pages, the polls and the streams.
  const live = new LiveVersions(holder, config.contentDir);
  if (notFound)
    notFound.plain = new PlainNotFound((content, lang) =>
      renderPlainNotFoundPage(content, {
        dev: false,
        failure: undefined,
        loaded: holder.loaded,
        contentDir: config.contentDir,
        baseUrl: config.baseUrl,
        asset: assets.url,
        lang,
      }),
    );
  // Server-Sent Events for readers that reach this server directly (opt-in: a CDN carries polls).
  const streams = LiveStreams.offered(config, holder, live, shutdown);
  const renderer = new Renderer({
    holder,
    live,
    cache,
    config,
    assetFiles: assets.files,
    notFoundPerSecond: notFound === undefined ? undefined : notFoundPerSecond,
    logger,
    maxWaiting: maxWaitingRenders,
    maxWaitingUnknown,
    stallMs: renderStallMs,
    thread: renderingThread,
  });

  const serveStream = (
    req: IncomingMessage,
    res: ServerResponse,
    election: string,
    id: string,
    secure: boolean,
  ): void => {
    const start = performance.now();
    live.for(holder.current).then(
      (states) => {
        const state = states.get(election);
        if (!state || !streams) return renderer.forward(req, res, id, secure, false, false);
        const headers = { ...securityHeaders, ...perRequestHeaders(id, secure) };
        for (const name in headers) res.setHeader(name, headers[name]!);
        // Logged when it ends, with its duration (a stream the reader closed never finishes);
        // a reader gone before its stream began is logged now.
        const log = (): void =>
          logRequest(logger, {
            id,
            method: req.method,
            url: req.url,
            status: res.statusCode,
            start,
            cached: false,
          });
        if (res.destroyed) log();
        else res.once('close', log);
        streams.serve(req, res, state);
      },
      () => renderer.forward(req, res, id, secure, false, false),
    );
  };

  /**
   * An election's version document, made here: after a content swap every open page polls it
   * at once (ten thousand readers, ten thousand requests in a second), and through the
   * rendering thread they would fill its queue. Kept like any response, so the next polls
   * take the fast path; the same bytes and headers Express gives it (app.ts).
   */
  const serveVersion = (
    req: IncomingMessage,
    res: ServerResponse,
    election: string,
    path: string,
    id: string,
    secure: boolean,
  ): void => {
    const start = performance.now();
    const content = holder.current;
    live.for(content).then(
      (states) => {
        const state = states.get(election);
        if (!state) return renderer.forward(req, res, id, secure, false, false);
        let entry = cache.get(content, path);
        if (!entry) {
          entry = cachedResponse(200, Buffer.from(liveDocument(state)), {
            ...securityHeaders,
            ...LIVE_DOCUMENT_HEADERS,
          });
          if (content === holder.current) cache.put(content, path, entry);
        }
        const status = writeCached(req, res, entry, id, secure);
        logRequest(logger, { id, method: req.method, url: req.url, status, start, cached: false });
      },
      () => renderer.forward(req, res, id, secure, false, false),
    );
  };

  const handler: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    let admitted = false;
    // A request for what the content has is never refused for a flood of made-up ones.
    let known = false;
    if (req.method === 'GET' || req.method === 'HEAD') {
      const path = targetPath(req.url);
      const entry =
        path === undefined
          ? undefined
          : (assets.responses.get(path) ?? cache.get(holder.current, path));
      if (entry) {
        const start = performance.now();
        const id = randomUUID();
        const status = writeCached(req, res, entry, id, isSecure(req, config.trustProxy));
        logRequest(logger, { id, method: req.method, url: req.url, status, start, cached: true });
        return;
      }
      // A redirect the site's own links and addresses lead to, answered here: through the
      // rendering thread it waited with made-up addresses, and a flood of those answered it 503.
      const location =
        path === undefined || req.url!.includes('?')
          ? undefined
          : knownRedirect(path, holder.current);
      if (location !== undefined) {
        const start = performance.now();
        const id = randomUUID();
        const body = redirectBody(location);
        res.writeHead(301, {
          ...perRequestHeaders(id, isSecure(req, config.trustProxy)),
          ...securityHeaders,
          ...redirectHeaders(location, body),
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        logRequest(logger, {
          id,
          method: req.method,
          url: req.url,
          status: 301,
          start,
          cached: false,
        });
        return;
      }
      // A flood of made-up addresses: past the rate of full 404s, the plain one, from memory.
      if (
        path !== undefined &&
        notFound !== undefined &&
        prefersHtml(req.headers.accept) &&
        certainlyMissing(holder.current, path)
      ) {
        admitted = notFound.admit(req);
        const plain = admitted
          ? undefined
          : notFound.plain?.for(holder.current, languageOf(path).lang);
        if (plain) {
          const start = performance.now();
          const id = randomUUID();
          writePlainNotFound(
            req,
            res,
            plain,
            perRequestHeaders(id, isSecure(req, config.trustProxy)),
          );
          logRequest(logger, {
            id,
            method: req.method,
            url: req.url,
            status: 404,
            start,
            cached: true,
          });
          return;
        }
      }
      // Health is answered here: a check never waits behind a render (or a stuck renderer).
      if (path === HEALTHZ) {
        const start = performance.now();
        const id = randomUUID();
        const { status, body } = healthOf(holder);
        const json = JSON.stringify(body);
        res.writeHead(status, {
          ...perRequestHeaders(id, isSecure(req, config.trustProxy)),
          ...securityHeaders,
          'cache-control': 'no-store',
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(json)),
        });
        res.end(req.method === 'HEAD' ? undefined : json);
        logRequest(logger, { id, method: req.method, url: req.url, status, start, cached: false });
        return;
      }
      const version = path !== undefined ? LIVE_DOCUMENT.exec(path) : null;
      if (version) {
        serveVersion(req, res, version[1]!, path!, randomUUID(), isSecure(req, config.trustProxy));
        return;
      }
      const stream = streams && path !== undefined ? LIVE_EVENTS.exec(path) : null;
      if (stream) {
        serveStream(req, res, stream[1]!, randomUUID(), isSecure(req, config.trustProxy));
        return;
      }
      known = path !== undefined && certainlyExists(holder.current, path);
    }
    routeOneSpelling(req);
    renderer.forward(req, res, randomUUID(), isSecure(req, config.trustProxy), admitted, known);
  };
  // Listening means answering: the first requests do not wait for Express to load.
  await renderer.started();
  return { handler, cache, assets, renderer, streams, close: () => renderer.close() };
}

/** Routing sees one spelling of each path: "%61" is "a" (RFC 3986 §6.2.2.2). */
function routeOneSpelling(req: IncomingMessage): void {
  if (req.url !== undefined && req.url.includes('%')) req.url = decodeUnreserved(req.url);
}
