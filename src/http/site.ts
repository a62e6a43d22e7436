// The request handler the server listens with: responses already built for the current
// content are written straight from the cache (the fast path); everything else goes to
// Express, which renders, and fills the cache for next time.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Content } from '../content/model.js';
import type { ContentHolder } from '../store/holder.js';
import { createApp } from './app.js';
import type { AppOptions } from './app.js';
import { decodeUnreserved, perRequestHeaders, targetPath } from './request.js';
import type { AssetManifest } from './assets.js';
import { buildAssetManifest, unhashedAssets } from './assets.js';
import { certainlyMissing, NotFoundGuard, prefersHtml, writePlainNotFound } from './not-found.js';
import { languageOf } from './languages.js';
import { logRequest } from './request-log.js';
import { ResponseCache, writeCached } from './response-cache.js';
import { isSecure, securityHeaders } from './security.js';
import { publicDir } from '../paths.js';

export interface SiteOptions {
  holder: ContentHolder;
  config: AppOptions['config'];
  logger: Logger;
  /** Full 404 pages per second before plain ones (see not-found.ts); unlimited if not given. */
  notFoundPerSecond?: number | undefined;
  /** Aborted when the server shuts down (ends long-lived responses: live streams). */
  shutdown?: AbortSignal;
}

export interface Site {
  handler: RequestListener;
  cache: ResponseCache<Content> | undefined;
  assets: AssetManifest;
}

export async function createSite({
  holder,
  config,
  logger,
  notFoundPerSecond,
  shutdown,
}: SiteOptions): Promise<Site> {
  const cache = config.dev ? undefined : new ResponseCache<Content>();
  const assets = config.dev ? unhashedAssets : await buildAssetManifest(publicDir, securityHeaders);
  const notFound =
    cache && notFoundPerSecond !== undefined ? new NotFoundGuard(notFoundPerSecond) : undefined;
  const app = createApp({ holder, config, logger, cache, assets, notFound, shutdown });
  const handler: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (cache && (req.method === 'GET' || req.method === 'HEAD')) {
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
      // A flood of made-up addresses: past the rate of full 404s, the plain one, from memory.
      if (
        path !== undefined &&
        notFound !== undefined &&
        prefersHtml(req.headers.accept) &&
        certainlyMissing(holder.current, path) &&
        !notFound.admit(req)
      ) {
        const plain = notFound.plain?.for(holder.current, languageOf(path).lang);
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
    }
    // Routing sees one spelling of each path: "%61" is "a" (RFC 3986 §6.2.2.2).
    if (req.url !== undefined && req.url.includes('%')) req.url = decodeUnreserved(req.url);
    app(req, res);
  };
  return { handler, cache, assets };
}
