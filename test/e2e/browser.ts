// Debian's Chromium driven by playwright-core, and the site served on a free port.
export { CHROMIUM, launchBrowser } from '../support/chromium.js';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

export interface Sweep {
  width: number;
  scheme: 'light' | 'dark';
  /** The language each page must say it is in (`<html lang>`), when checked. */
  lang?: string;
  /** Save a full-page screenshot of each page to `test-results/screenshots/`. */
  screenshots: boolean;
}

const screenshotName = (p: string, suffix: string): string =>
  `${p === '/' ? 'home' : p.replace(/^\/|\/$/g, '').replace(/\//g, '_')}-${suffix}.png`;

/**
 * Visits each page at a width and colour scheme, as a reader would, and says what is wrong:
 * axe violations (WCAG 2.2 AA), sideways scrolling, console errors (but a 404 page's own status),
 * a status or language other than expected.
 */
export async function sweepPages(
  browser: Browser,
  origin: string,
  pages: { path: string; status: number }[],
  { width, scheme, lang, screenshots }: Sweep,
): Promise<{ report: string[]; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    colorScheme: scheme,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  let status = 200;
  page.on('console', (message) => {
    const expected = status === 404 && message.text().includes('status of 404');
    if (message.type() === 'error' && !expected) errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  const report: string[] = [];
  for (const { path: p, status: wanted } of pages) {
    status = wanted;
    const response = await page.goto(origin + p);
    if (response?.status() !== wanted)
      report.push(`${p}: status ${response?.status()}, not ${wanted}`);
    const said = await page.getAttribute('html', 'lang');
    if (lang !== undefined && said !== lang)
      report.push(`${p}: html lang="${said}", not "${lang}"`);
    for (const v of await axeViolations(page))
      report.push(
        `${p}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    if (overflow > 0) report.push(`${p}: scrolls sideways by ${overflow}px`);
    if (screenshots)
      await page.screenshot({
        path: path.join(screenshotsDir, screenshotName(p, `${width}-${scheme}`)),
        fullPage: true,
      });
  }
  await context.close();
  return { report, errors };
}
