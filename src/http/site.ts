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
import { logRequest } from './request-log.js';
import { ResponseCache, writeCached } from './response-cache.js';
import { isSecure, securityHeaders } from './security.js';
import { publicDir } from '../paths.js';

export interface SiteOptions {
  holder: ContentHolder;
  config: AppOptions['config'];
  logger: Logger;
  /** Aborted when the server shuts down (ends long-lived responses: live streams). */
  shutdown?: AbortSignal;
}

export interface Site {
  handler: RequestListener;
  cache: ResponseCache<Content> | undefined;
  assets: AssetManifest;
}

export async function createSite({ holder, config, logger, shutdown }: SiteOptions): Promise<Site> {
  const cache = config.dev ? undefined : new ResponseCache<Content>();
  const assets = config.dev ? unhashedAssets : await buildAssetManifest(publicDir, securityHeaders);
  const app = createApp({ holder, config, logger, cache, assets, shutdown });
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
        const status = writeCached(
          req,
          res,
          entry,
          perRequestHeaders(id, isSecure(req, config.trustProxy)),
        );
        logRequest(logger, { id, method: req.method, url: req.url, status, start, cached: true });
        return;
      }
    }
    // Routing sees one spelling of each path: "%61" is "a" (RFC 3986 §6.2.2.2).
    if (req.url !== undefined && req.url.includes('%')) req.url = decodeUnreserved(req.url);
    app(req, res);
  };
  return { handler, cache, assets };
}
