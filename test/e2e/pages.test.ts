// Every page in a real browser: accessible (axe, WCAG 2.2 AA), no horizontal scrolling on
// a 320 px phone, no console errors, readable without JavaScript, in light and dark.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { startDev } from '../support/dev.js';
import { cleanUp, copySite, editFile, shippedContent } from '../support/fixtures.js';
import { launchBrowser, screenshotsDir, startSite, sweepPages } from './browser.js';

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
  { width: 320, scheme: 'light' as const },
  { width: 1280, scheme: 'light' as const },
  { width: 320, scheme: 'dark' as const },
  { width: 1280, scheme: 'dark' as const },
])('every page at $width px, $scheme', ({ width, scheme }) => {
  it('has no accessibility violations, no horizontal scrolling and no console errors', async () => {
    const pages = paths.map((p) => ({ path: p, status: 200 }));
    const { report, errors } = await sweepPages(browser, site.url, pages, {
      width,
      scheme,
      screenshots: true,
    });
    expect(report).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('without JavaScript', () => {
  it('every page shows its heading and content', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const p of paths) {
      await page.goto(site.url + p);
      expect(await page.locator('h1').count(), p).toBe(1);
      expect((await page.locator('main').innerText()).length, p).toBeGreaterThan(50);
    }
    await context.close();
  });
});

describe('with the keyboard only', () => {
  it('Tab reaches every link on the overview, starting with the skip link', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${site.url}/iom-dg-2023/`);
    const links = await page.locator('a[href]').count();
    const reached = new Set<string>();
    let first: string | undefined;
    for (let i = 0; i < links + 5; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => {
        const el = document.activeElement;
        if (!(el instanceof HTMLAnchorElement)) return undefined;
        return `${[...document.querySelectorAll('a[href]')].indexOf(el)}`;
      });
      if (id !== undefined) {
        first ??= await page.evaluate(() => (document.activeElement as HTMLElement).innerText);
        reached.add(id);
      }
    }
    expect(first).toBe('Skip to main content');
    expect(reached.size).toBe(links);
    await context.close();
  });

  it('the skip link moves focus to the main content', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/iom-dg-2023/`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });
});

describe('links to sections', () => {
  it('the # beside a heading copies the section address, and still goes there', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    const page = await context.newPage();
    await page.goto(`${site.url}/iom-dg-2023/how-the-vote-works`);
    await page.locator('#step-by-step a.heading-anchor').click();
    expect(page.url()).toBe(`${site.url}/iom-dg-2023/how-the-vote-works#step-by-step`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      `${site.url}/iom-dg-2023/how-the-vote-works#step-by-step`,
    );
    expect(await page.locator('[role="status"]').textContent()).toBe('Link to this section copied');
    await context.close();
  });
});

describe('on paper', () => {
  it('navigation is hidden and link addresses are printed', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/iom-dg-2023/how-the-vote-works`);
    await page.emulateMedia({ media: 'print' });
    for (const nav of await page.locator('.site-header nav').all())
      expect(await nav.isVisible()).toBe(false);
    expect(await page.locator('.election-nav').isVisible()).toBe(false);
    expect(await page.locator('.skip-link').isVisible()).toBe(false);
    const after = await page.evaluate(() => {
      const link = document.querySelector('main .footnotes a[href^="http"]');
      return link ? getComputedStyle(link, '::after').content : '';
    });
    expect(after).toMatch(/^" \(" attr\(href\) "\)"$|^" \(https?:/);
    await page.pdf({ path: `${screenshotsDir}/how-the-vote-works.pdf` });
    await context.close();
  });
});

describe('the dev server', () => {
  it('reloads an open page after an edit is saved', async () => {
    const dir = await copySite(shippedContent);
    const dev = await startDev(dir);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${dev.url}/iom-dg-2023/candidates/amy-pope`);
    await page.waitForTimeout(300);
    await editFile(dir, 'elections/iom-dg-2023/candidates/amy-pope.md', (t) =>
      t.replace('summary: >-\n', 'summary: >-\n  Edited while the page was open.\n'),
    );
    await page.waitForFunction(
      () => document.body.innerText.includes('Edited while the page was open.'),
      undefined,
      {
        timeout: 10_000,
      },
    );
    await context.close();
    await dev.stop();
    await cleanUp();
  });
});
