// Debian's Chromium driven by playwright-core, and the site served on a free port.
export { CHROMIUM, launchBrowser } from '../support/chromium.js';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { readConfig } from '../../src/config.js';
import type { RunningServer } from '../../src/server.js';
import { startServer } from '../../src/server.js';

export const screenshotsDir = path.join(
  import.meta.dirname,
  '..',
  '..',
  'test-results',
  'screenshots',
);

export async function startSite(contentDir?: string): Promise<RunningServer> {
  const env: Record<string, string> = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  if (contentDir) env.CONTENT_DIR = contentDir;
  const running = await startServer(readConfig(env));
  if (!running) throw new Error('The site did not start: its content is invalid.');
  await mkdir(screenshotsDir, { recursive: true });
  return running;
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page against WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(
    path.join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'),
    'utf8',
  );
  // Evaluated through the DevTools protocol, so the page's script policy does not apply.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}
