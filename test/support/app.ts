// A real site over a real content folder, for supertest: the same handler the server
// listens with (fast path and Express), without a listening socket.
import type { RequestListener } from 'node:http';
import { pino } from 'pino';
import request from 'supertest';
import type { Content } from '../../src/content/model.js';
import { loadContent } from '../../src/content/load.js';
import { createSite } from '../../src/http/site.js';
import type { Site } from '../../src/http/site.js';
import { ContentHolder } from '../../src/store/holder.js';

export const silentLogger = pino({ level: 'silent' });

export async function loadOrThrow(dir: string): Promise<Content> {
  const result = await loadContent(dir);
  if (!result.ok) {
    throw new Error(
      `Fixture content is invalid:\n${result.problems
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.file}:${p.line} ${p.message}`)
        .join('\n')}`,
    );
  }
  return result.content;
}

export interface TestSite {
  app: RequestListener;
  holder: ContentHolder;
  site: Site;
}

export interface AppOptions {
  dev?: boolean;
  baseUrl?: string;
  trustProxy?: boolean;
  notFoundPerSecond?: number;
}

export async function appFor(dir: string, options: AppOptions = {}): Promise<TestSite> {
  return appForContent(await loadOrThrow(dir), dir, options);
}

/** The site serving content already loaded (and perhaps changed by a test) from `dir`. */
export async function appForContent(
  content: Content,
  dir: string,
  options: AppOptions = {},
): Promise<TestSite> {
  const holder = new ContentHolder(content);
  const site = await createSite({
    holder,
    config: {
      dev: options.dev ?? false,
      baseUrl: options.baseUrl ?? 'https://explainer.example',
      trustProxy: options.trustProxy ?? false,
      contentDir: dir,
    },
    logger: silentLogger,
    notFoundPerSecond: options.notFoundPerSecond,
  });
  return { app: site.handler, holder, site };
}

/** A GET whose body is the bytes as sent, whatever their type (supertest parses some). */
export function raw(app: RequestListener, url: string) {
  return request(app)
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}
