// French and Spanish pages in a real browser: accessible (axe, WCAG 2.2 AA), no sideways
// scrolling on a 320 px phone, no console errors; the language switcher works with the
// keyboard alone; on paper the switcher is left out and the translation notice kept.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { inLanguage } from '../../src/urls.js';
import { axeViolations, launchBrowser, screenshotsDir, startSite } from './browser.js';

let browser: Browser;
let site: RunningServer;
let paths: string[];

beforeAll(async () => {
  [browser, site] = await Promise.all([launchBrowser(), startSite()]);
  paths = [...site.holder.current.routes.keys()];
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

const screenshotName = (p: string, suffix: string): string =>
  `${p.replace(/^\/|\/$/g, '').replace(/\//g, '_')}-${suffix}.png`;

describe.each([
  { lang: 'fr' as const, width: 320, scheme: 'light' as const },
  { lang: 'es' as const, width: 320, scheme: 'light' as const },
  { lang: 'fr' as const, width: 1280, scheme: 'dark' as const },
  { lang: 'es' as const, width: 1280, scheme: 'dark' as const },
])('every $lang page at $width px, $scheme', ({ lang, width, scheme }) => {
  it('has no accessibility violations, no horizontal scrolling and no console errors', async () => {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      colorScheme: scheme,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      // The 404 page is itself answered with a 404, which the console reports.
      const expected = page.url().endsWith('/nowhere') && message.text().includes('status of 404');
      if (message.type() === 'error' && !expected) errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    const report: string[] = [];
    for (const p of [...paths.map((x) => inLanguage(lang, x)), `/${lang}/nowhere`]) {
      const response = await page.goto(site.url + p);
      expect(response?.status(), p).toBe(p.endsWith('/nowhere') ? 404 : 200);
      expect(await page.getAttribute('html', 'lang'), p).toBe(lang);
      for (const v of await axeViolations(page))
        report.push(
          `${p}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) report.push(`${p}: scrolls sideways by ${overflow}px`);
      if (width === 320)
        await page.screenshot({
          path: path.join(screenshotsDir, screenshotName(p, `${width}-${scheme}`)),
          fullPage: true,
        });
    }
    await context.close();
    expect(report).toEqual([]);
    expect(errors).toEqual([]);
  });
});

/** Presses Tab until the focused element's text is `label`; false if it never is. */
async function tabTo(page: Page, label: string): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement).innerText);
    if (focused === label) return true;
  }
  return false;
}

describe('the language switcher with the keyboard only', () => {
  it('leads by Tab and Enter to the same page in French, then Spanish, then back to English', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    const results = '/iom-dg-2023/results';
    await page.goto(site.url + results);
    for (const [label, lang] of [
      ['Français', 'fr'],
      ['Español', 'es'],
      ['English', 'en'],
    ] as const) {
      expect(await tabTo(page, label), label).toBe(true);
      // The focused link is visibly outlined.
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement!).outlineStyle,
      );
      expect(outline).not.toBe('none');
      await Promise.all([
        page.waitForURL(site.url + inLanguage(lang, results)),
        page.keyboard.press('Enter'),
      ]);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.locator('.languages [aria-current="true"]').innerText()).toBe(label);
    }
    await context.close();
  });
});

describe('a French page on paper', () => {
  it('leaves out the switcher and keeps the notice that the text is in English', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/fr/iom-dg-2023/candidates/amy-pope`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.languages').isVisible()).toBe(false);
    expect(await page.locator('.translation-notice').isVisible()).toBe(
      site.holder.current.editions.fr.elections[0]!.candidates[0]!.translation.status === 'missing',
    );
    await context.close();
  });
});
