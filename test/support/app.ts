// A real app over a real content folder, for supertest: no listening socket needed.
import { pino } from 'pino';
import type { Content } from '../../src/content/model.js';
import { loadContent } from '../../src/content/load.js';
import { createApp } from '../../src/http/app.js';
import { ContentHolder } from '../../src/store/holder.js';

export const silentLogger = pino({ level: 'silent' });

export async function loadOrThrow(dir: string): Promise<Content> {
  const result = await loadContent(dir);
  if (!result.ok)
    throw new Error(
      `Fixture content is invalid:\n${result.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('\n')}`,
    );
  return result.content;
}

export async function appFor(dir: string, options: { dev?: boolean; baseUrl?: string } = {}) {
  const holder = new ContentHolder(await loadOrThrow(dir));
  const app = createApp({
    holder,
    config: { dev: options.dev ?? false, baseUrl: options.baseUrl ?? 'https://explainer.example' },
    logger: silentLogger,
  });
  return { app, holder };
}
