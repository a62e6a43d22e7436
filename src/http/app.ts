// createApp(): the Express application, apart from listening. Middleware order: request
// logging, security headers, health, assets, dev tools, pages by route table, 404, errors.
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { publicDir } from '../paths.js';
import type { ContentHolder } from '../store/holder.js';
import { devRoutes } from './dev.js';
import { canonicalRedirect } from './canonical.js';
import { apiRoutes } from './api.js';
import { renderNotFound, renderRoute, renderServerError } from './pages.js';
import { shareImage } from './share.js';
import { atomFeed, robots, sitemap } from './web-data.js';
import { urls } from '../urls.js';

export interface AppOptions {
  holder: ContentHolder;
  config: Pick<Config, 'baseUrl' | 'dev'>;
  logger: Logger;
}

export function createApp({ holder, config, logger }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('strict routing', true);
  app.set('case sensitive routing', true);

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );

  app.get('/healthz', (_req, res) => {
    const content = holder.current;
    res.set('Cache-Control', 'no-store');
    res.json({ status: 'ok', version: content.version, loadedAt: content.loadedAt });
  });

  app.use(
    '/assets',
    express.static(publicDir, {
      index: false,
      redirect: false,
      fallthrough: true,
      dotfiles: 'ignore',
    }),
  );

  if (config.dev) app.use('/__dev', devRoutes(holder));

  app.get(urls.sitemap(), (_req, res) => {
    res.type('application/xml').send(sitemap(holder.current, config.baseUrl));
  });
  app.get(urls.robots(), (_req, res) => {
    res.type('text/plain').send(robots(config.baseUrl));
  });
  app.get(urls.feed(), (_req, res) => {
    res.type('application/atom+xml').send(atomFeed(holder.current, config.baseUrl));
  });
  app.use('/api', apiRoutes(holder, config.baseUrl));
  app.use('/share', (req, res, next) => {
    const match = /^\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?\.png$/.exec(req.path);
    const image = match ? shareImage(holder.current, match[1]!, match[2]) : undefined;
    if (!image || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    image.then((png) => res.type('png').send(png), next);
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const content = holder.current;
    const route = content.routes.get(req.path);
    if (route) {
      renderRoute(req, res, content, route, {
        dev: config.dev,
        failure: holder.failure,
        baseUrl: config.baseUrl,
      });
      return;
    }
    const location = canonicalRedirect(req.path, content);
    if (location !== undefined) {
      const query = req.originalUrl.slice(req.path.length);
      res.redirect(301, location + (query.startsWith('?') ? query : ''));
      return;
    }
    next();
  });

  app.use((req: Request, res: Response) => {
    renderNotFound(req, res, holder.current, {
      dev: config.dev,
      failure: holder.failure,
      baseUrl: config.baseUrl,
    });
  });

  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = statusOf(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    renderServerError(req, res, holder.current, status, {
      dev: config.dev,
      failure: holder.failure,
      baseUrl: config.baseUrl,
    });
  });

  return app;
}

/** Client errors raised by Express's own parsing keep their 4xx status; anything else is a 500. */
function statusOf(err: unknown): number {
  if (err !== null && typeof err === 'object') {
    const status =
      (err as { status?: unknown; statusCode?: unknown }).status ??
      (err as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
  }
  return 500;
}
