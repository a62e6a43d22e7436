// createApp(): the Express application, apart from listening. Middleware order: request
// logging and id, security headers, methods, health, assets, dev tools, feeds and API, share
// images, pages by the route table, redirects, 404, errors. Every successful GET is built
// once per content version and kept in the response cache that the fast path serves from.
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Content } from '../content/model.js';
import { publicDir } from '../paths.js';
import type { ContentHolder } from '../store/holder.js';
import { LANGS } from '../i18n/lang.js';
import { inLanguage, urls } from '../urls.js';
import type { SendJson } from './api.js';
import { apiRoutes } from './api.js';
import type { AssetManifest } from './assets.js';
import { unhashedAssets } from './assets.js';
import { canonicalRedirect, redirectBody, redirectHeaders } from './canonical.js';
import { devRoutes } from './dev.js';
import { languageOf } from './languages.js';
import type { RenderContext } from './pages.js';
import {
  errorWording,
  PLAIN_ERROR,
  renderErrorPage,
  renderNotFoundPage,
  renderPlainNotFoundPage,
  renderRoutePage,
} from './pages.js';
import type { NotFoundGuard } from './not-found.js';
import { PlainNotFound } from './not-found.js';
import type { ResponseCache } from './response-cache.js';
import type { CachedResponse } from './response-cache.js';
import { cachedResponse, writeCached } from './response-cache.js';
import { logRequest } from './request-log.js';
import type { LiveSource, Status } from './live.js';
import {
  cacheControlFor,
  LIVE_DOCUMENT_HEADERS,
  liveDocument,
  LiveStreams,
  LiveVersions,
  PAGE_CACHE_CONTROL,
} from './live.js';
import { healthOf } from './health.js';
import { ALLOWED_METHODS, originForm, requestId } from './request.js';
import { HSTS, securityHeaders } from './security.js';
import { drawShareCard, shareCard } from './share.js';
import { atomFeed, robots, sitemap } from './web-data.js';

export { PAGE_CACHE_CONTROL };

export interface AppOptions {
  holder: ContentHolder;
  config: Pick<Config, 'baseUrl' | 'dev' | 'trustProxy'> &
    Partial<Pick<Config, 'contentDir' | 'liveStream' | 'liveStreamMax'>>;
  logger: Logger;
  /** Aborted when the server shuts down: live streams end rather than hold it open. */
  shutdown?: AbortSignal | undefined;
  /** Responses kept per content version; none in dev, where every request renders afresh. */
  cache?: ResponseCache<Content> | undefined;
  assets?: AssetManifest;
  /** Past a rate of 404s, the plain 404 page (see not-found.ts); every 404 is full without it. */
  notFound?: NotFoundGuard | undefined;
  /** Where the elections' live states come from: computed here unless another thread does it. */
  live?: LiveSource | undefined;
  /**
   * Rendering in a thread of its own (render-worker.ts): the serving thread gave the request its
   * id and logs it, and it writes every response that can be kept, with `keep`.
   */
  thread?: RenderingThread | undefined;
}

/** What a rendering thread hands Express beside the request. */
export interface RenderingThread {
  /** The id the serving thread gave the request, and its target exactly as the client sent it. */
  forwarded(req: IncomingMessage): { requestId: string; url: string } | undefined;
  /** Takes a response that can be kept (to send and to cache) instead of writing it. */
  keep(req: IncomingMessage, content: Content, key: string, entry: CachedResponse): void;
}

/** The API's paths in every language (`/api/…`, `/fr/api/…`), open to other origins. */
const API_PATH = new RegExp(`^(?:${LANGS.map((lang) => urls.api(lang)).join('|')})/`);

export function createApp({
  holder,
  config,
  logger,
  cache,
  assets = unhashedAssets,
  notFound,
  shutdown,
  live = new LiveVersions(holder, config.contentDir),
  thread,
}: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('strict routing', true);
  app.set('case sensitive routing', true);
  app.set('trust proxy', config.trustProxy);

  if (notFound)
    notFound.plain = new PlainNotFound((content, lang) =>
      renderPlainNotFoundPage(content, { ...context(), failure: undefined, lang }),
    );
  // Server-Sent Events for readers that reach this server directly (opt-in: a CDN carries polls).
  // A rendering thread's pages offer the streams the serving thread answers; it holds none.
  const streams = thread ? undefined : LiveStreams.offered(config, holder, live, shutdown);
  const context = (): RenderContext => ({
    dev: config.dev,
    failure: holder.failure,
    loaded: holder.loaded,
    contentDir: config.contentDir,
    baseUrl: config.baseUrl,
    asset: assets.url,
  });
  /** How long caches keep a response: a few seconds while the election it shows is voting. */
  const electionStatus = (content: Content, slug: string | undefined): Status | undefined =>
    slug === undefined
      ? content.elections.some((e) => e.status === 'voting')
        ? 'voting'
        : undefined
      : content.elections.find((e) => e.slug === slug)?.status;

  // Pages being rendered, so that a burst of requests for a page not yet cached (a new content
  // version, a link shared widely) renders it once rather than once per request.
  const rendering = new WeakMap<Content, Map<string, Promise<string | Buffer>>>();
  function renderOnce(
    content: Content,
    key: string,
    render: () => Promise<string | Buffer>,
  ): Promise<string | Buffer> {
    let pending = rendering.get(content);
    if (!pending) {
      pending = new Map();
      rendering.set(content, pending);
    }
    let promise = pending.get(key);
    if (!promise) {
      promise = render().finally(() => pending.delete(key));
      pending.set(key, promise);
    }
    return promise;
  }

  /**
   * Sends the response for `key` (the path routing resolved, whatever form the request target
   * took): from the cache when it is there, otherwise built once (however many requests wait
   * for it) and kept for the next request to the same content.
   */
  function serveCacheable(
    req: Request,
    res: Response,
    next: NextFunction,
    content: Content,
    key: string,
    type: string,
    build: () => string | Buffer | Promise<string | Buffer>,
    cacheControl = PAGE_CACHE_CONTROL,
  ): void {
    res.set({ 'content-type': type, 'cache-control': cacheControl });
    const send = (entry: CachedResponse): void => {
      if (thread) thread.keep(req, content, key, entry);
      else writeCached(req, res, entry, requestId(req), req.secure);
    };
    const kept = cache?.get(content, key);
    if (kept) return send(kept);
    renderOnce(content, key, async () => build()).then((body) => {
      // A request that waited on another's rendering reuses the response it kept.
      let entry = cache?.get(content, key);
      if (!entry) {
        entry = cachedResponse(200, typeof body === 'string' ? Buffer.from(body) : body, {
          ...res.getHeaders(),
        });
        // Only the content being served is kept: a response built from content that was
        // swapped out while it rendered is sent, not stored.
        if (cache && content === holder.current) cache.put(content, key, entry);
      }
      send(entry);
    }, next);
  }

  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = thread?.forwarded(req);
    // Routing sees the target as sent, not as the hand-over spelled it, in origin-form; the
    // log keeps it as sent.
    const sent = given?.url ?? req.url;
    req.url = req.originalUrl = originForm(sent);
    const id = given?.requestId ?? randomUUID();
    const start = performance.now();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    // A request a rendering thread was handed is logged by the thread that serves it.
    if (given === undefined)
      res.on('finish', () =>
        logRequest(logger, {
          id,
          method: req.method,
          url: sent,
          status: res.statusCode,
          start,
          cached: false,
        }),
      );
    next();
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    res.set(securityHeaders);
    if (req.secure) res.set('Strict-Transport-Security', HSTS);
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    res.set('Allow', ALLOWED_METHODS);
    if (req.method === 'OPTIONS') {
      if (API_PATH.test(req.path)) {
        res.set({
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': 'GET, HEAD',
          'Access-Control-Max-Age': '86400',
        });
      }
      res.status(204).end();
      return;
    }
    next(Object.assign(new Error(`Method ${req.method} is not allowed`), { status: 405 }));
  });

  app.get(urls.healthz(), (_req, res) => {
    const { status, body } = healthOf(holder);
    res.set('Cache-Control', 'no-store').status(status).json(body);
  });

  // Files of a built manifest are written by the fast path; only missing ones get here.
  if (assets.files.size > 0) {
    app.use('/assets', (req, res, next) => {
      const entry = assets.responses.get(req.baseUrl + req.path);
      if (!entry) return next();
      writeCached(req, res, entry, requestId(req), req.secure);
    });
  } else {
    app.use(
      '/assets',
      express.static(publicDir, {
        index: false,
        redirect: false,
        dotfiles: 'ignore',
        cacheControl: false,
      }),
    );
  }

  if (config.dev) app.use('/__dev', devRoutes(holder));

  // Documents for crawlers and feed readers, built from the content being served.
  // One sitemap for every language; a feed per language.
  type Document = [path: string, type: string, build: (content: Content) => string];
  const documents: Document[] = [
    [urls.sitemap(), 'application/xml; charset=utf-8', (c) => sitemap(c, config.baseUrl)],
    [urls.robots(), 'text/plain; charset=utf-8', () => robots(config.baseUrl)],
    ...LANGS.map((lang): Document => [
      urls.feed(lang),
      'application/atom+xml; charset=utf-8',
      (c) => atomFeed(c, config.baseUrl, lang),
    ]),
  ];
  /** A response about an election (or, without one, about the site), kept while it can be. */
  const serveData = (
    [req, res, next]: [Request, Response, NextFunction],
    content: Content,
    election: string | undefined,
    key: string,
    type: string,
    build: () => string | Buffer | Promise<string | Buffer>,
  ): void =>
    serveCacheable(
      req,
      res,
      next,
      content,
      key,
      type,
      build,
      cacheControlFor(electionStatus(content, election)),
    );
  for (const [path, type, build] of documents) {
    app.get(path, (req, res, next) => {
      const content = holder.current;
      serveData([req, res, next], content, undefined, path, type, () => build(content));
    });
  }
  // The JSON API in every language: `/api/…` in English, `/fr/api/…`, `/es/api/…`. Each is
  // kept under the path it resolved, so a language is part of every cache key.
  const sendJson: SendJson = (req, res, next, content, key, data) => {
    const slug = typeof req.params.election === 'string' ? req.params.election : undefined;
    serveData([req, res, next], content, slug, key, 'application/json; charset=utf-8', () =>
      JSON.stringify(data()),
    );
  };
  for (const lang of LANGS)
    app.use(urls.api(lang), apiRoutes(holder, config.baseUrl, sendJson, lang));
  // The live channel: each election's version document, polled by its open pages.
  app.get('/:election/live.json', (req, res, next) => {
    const content = holder.current;
    live.for(content).then((states) => {
      const state = states.get(req.params.election);
      if (!state) return next();
      const headers = LIVE_DOCUMENT_HEADERS;
      res.set('access-control-allow-origin', headers['access-control-allow-origin']);
      serveCacheable(
        req,
        res,
        next,
        content,
        urls.live(state.election),
        headers['content-type'],
        () => liveDocument(state),
        headers['cache-control'],
      );
    }, next);
  });
  if (streams) {
    app.get('/:election/live.events', (req, res, next) => {
      const start = performance.now();
      live.for(holder.current).then((states) => {
        const state = states.get(req.params.election);
        if (!state) return next();
        // A stream the reader closed never finishes: logged when it closes, with its duration.
        res.once('close', () => {
          if (res.writableFinished) return;
          const id = requestId(req);
          const { method, originalUrl: url } = req;
          logRequest(logger, { id, method, url, status: res.statusCode, start, cached: false });
        });
        streams.serve(req, res, state);
      }, next);
    });
  }
  // Share images per language: `/share/…` for English pages, `/fr/share/…` for French ones.
  for (const lang of LANGS) {
    app.use(inLanguage(lang, '/share'), (req, res, next) => {
      const content = holder.current;
      const match = /^\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?\.png$/.exec(req.path);
      const [, election, candidate] = match ?? [];
      const card = election ? shareCard(content, election, candidate, lang) : undefined;
      if (!card) return next();
      const key = candidate
        ? urls.shareCandidate(election!, candidate, lang)
        : urls.shareElection(election!, lang);
      serveData([req, res, next], content, election, key, 'image/png', () => drawShareCard(card));
    });
  }

  app.use((req: Request, res: Response, next: NextFunction) => {
    const content = holder.current;
    // `/fr/x/results` is the French edition's `/x/results`; the cache keys it by the whole path.
    const { lang, path } = languageOf(req.path);
    const route = content.editions[lang].routes.get(path);
    if (route) {
      const election = 'election' in route ? route.election : undefined;
      const render = async (): Promise<string> => {
        const state = election ? (await live.for(content)).get(election.slug) : undefined;
        // The page offers the stream (a mark for live.js) only where this server has one.
        const offer =
          state && config.liveStream
            ? { ...state, stream: urls.liveEvents(state.election) }
            : state;
        return renderRoutePage(content, route, { ...context(), live: offer, lang });
      };
      res.set('Content-Language', lang);
      serveCacheable(
        req,
        res,
        next,
        content,
        req.path,
        'text/html; charset=utf-8',
        render,
        cacheControlFor(election?.status),
      );
      return;
    }
    const location = canonicalRedirect(req.path, content);
    if (location !== undefined) {
      const query = req.originalUrl.slice(
        req.originalUrl.indexOf('?') === -1 ? req.originalUrl.length : req.originalUrl.indexOf('?'),
      );
      // The query goes before a fragment (`/x/?ref=a#candidates`).
      const hashAt = location.indexOf('#');
      // Encoded as a Location header must be; then the same answer the serving thread gives
      // the redirects it answers itself (knownRedirect), whatever the client accepts.
      res.location(
        hashAt === -1
          ? location + query
          : location.slice(0, hashAt) + query + location.slice(hashAt),
      );
      const encoded = String(res.get('Location'));
      const body = redirectBody(encoded);
      res.writeHead(301, redirectHeaders(encoded, body));
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    next();
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const json = (): void => {
      res.status(404).json({
        error: 'not-found',
        message: `Nothing is published at ${req.path}.`,
        requestId: requestId(req),
      });
    };
    const { lang } = languageOf(req.path);
    const html = (): void => {
      const plain =
        notFound && !notFound.admit(req) ? notFound.plain?.for(holder.current, lang) : undefined;
      if (plain)
        return void res.status(404).type('html').set('Content-Language', lang).send(plain.body);
      renderNotFoundPage(holder.current, req.path, requestId(req), { ...context(), lang }).then(
        (body) => res.status(404).type('html').set('Content-Language', lang).send(body),
        next,
      );
    };
    // HTML first: it is what browsers, and clients that accept anything, get.
    res.format({ html, json, default: html });
  });

  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = statusOf(err);
    if (status >= 500) logger.error({ err, req: { id: requestId(req) } }, 'request failed');
    const id = requestId(req);
    const { lang } = languageOf(req.path);
    const { error, message } = errorWording(status, lang);
    const html = (): void => {
      renderErrorPage(holder.current, status, id, { ...context(), lang }).then(
        (body) => res.status(status).type('html').set('Content-Language', lang).send(body),
        () => res.status(status).type('html').send(PLAIN_ERROR(id)),
      );
    };
    const json = (): void => void res.status(status).json({ error, message, requestId: id });
    // The API answers JSON whatever the client accepts, its errors as its 404s.
    if (API_PATH.test(req.path)) return json();
    res.format({ html, json, default: html });
  });

  return app;
}

/** Client errors raised by Express's own parsing keep their 4xx status; anything else is a 500. */
function statusOf(err: unknown): number {
  if (err !== null && typeof err === 'object') {
    const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
    const code = status ?? statusCode;
    if (typeof code === 'number' && code >= 400 && code < 600) return code;
  }
  return 500;
}
