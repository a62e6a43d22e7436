// French and Spanish pages in a real browser: accessible (axe, WCAG 2.2 AA), no sideways
// scrolling on a 320 px phone, no console errors; the language switcher works with the
// keyboard alone; on paper the switcher is left out and the translation notice kept.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { inLanguage } from '../../src/urls.js';
import { launchBrowser, startSite, sweepPages } from './browser.js';

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

describe.each([
  { lang: 'fr' as const, width: 320, scheme: 'light' as const },
  { lang: 'es' as const, width: 320, scheme: 'light' as const },
  { lang: 'fr' as const, width: 1280, scheme: 'dark' as const },
  { lang: 'es' as const, width: 1280, scheme: 'dark' as const },
])('every $lang page at $width px, $scheme', ({ lang, width, scheme }) => {
  it('has no accessibility violations, no horizontal scrolling and no console errors', async () => {
    const pages = [
      ...paths.map((p) => ({ path: inLanguage(lang, p), status: 200 })),
      { path: `/${lang}/nowhere`, status: 404 },
    ];
    const { report, errors } = await sweepPages(browser, site.url, pages, {
      width,
      scheme,
      lang,
      screenshots: width === 320,
    });
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
