// The dev panel in a real browser: warnings shown apart from errors, accessible, times in the
// editor's own clock, locations that open the editor; a dev server started on broken content
// comes up in the open page by itself once the content is fixed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev } from '../support/dev.js';
import { cleanUp, copySite, editFile, shippedContent } from '../support/fixtures.js';
import { axeViolations, launchBrowser } from './browser.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await cleanUp();
});

const PROFILE = 'elections/iom-dg-2023/candidates/amy-pope.md';

describe('the dev panel', () => {
  it('shows a warning from an edit, apart from errors, without axe violations', async () => {
    const dir = await copySite(shippedContent);
    const dev = await startDev(dir);
    const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    try {
      const page = await context.newPage();
      await page.goto(`${dev.url}/iom-dg-2023/candidates/amy-pope`);
      expect(await page.locator('.dev-problems').count()).toBe(0);
      await page.waitForTimeout(300);
      await editFile(dir, PROFILE, (t) =>
        t.replace('serving under António Vitorino.', 'serving under António Vitornio.'),
      );
      const panel = page.locator('.dev-problems-warning');
      await panel.waitFor({ timeout: 10_000 });
      expect(await panel.locator('h2').innerText()).toBe('1 warning in the content being served');
      const item = panel.locator('.dev-problem-warning');
      expect(await item.locator('.dev-problem-message').innerText()).toBe(
        '"Vitornio" looks like a misspelling of "Vitorino". Did you mean "Vitorino"? (name-misspelt)',
      );
      const location = await item.locator('.location').innerText();
      expect(location).toMatch(new RegExp(`^${dir}/${PROFILE}:\\d+:\\d+$`));
      expect(await item.locator('a').getAttribute('href')).toBe(`vscode://file${location}`);
      await item.getByRole('button', { name: 'Copy location' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(location);
      expect(await item.locator('button').innerText()).toBe('Copied');
      // The check's time in the browser's own time zone.
      const time = panel.locator('time');
      const iso = (await time.getAttribute('datetime'))!;
      expect(await time.innerText()).toBe(
        new Date(iso).toLocaleTimeString('en-US', { timeZone: 'Asia/Tokyo' }),
      );
      // Warnings look different from errors.
      const colours = await page.evaluate(() => {
        const el = document.querySelector('.dev-problems')!;
        return getComputedStyle(el).backgroundColor;
      });
      expect(colours).toBe('rgb(255, 246, 224)');
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
      await dev.stop();
    }
  });

  it('started on broken content, lists the problems, then shows the site once fixed', async () => {
    const dir = await copySite(shippedContent);
    await editFile(dir, PROFILE, (t) => t.replace('nominatedBy:', 'nominatedBy: [oops'));
    const dev = await startDev(dir);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${dev.url}/`);
      const panel = page.locator('.dev-problems-error');
      expect(await panel.locator('h2').innerText()).toBe(
        'Content not loaded: the site comes up once these problems are fixed',
      );
      expect(await panel.locator('.dev-problem-message').first().innerText()).toContain(
        'The YAML cannot be read: a list opened with "[" is not closed.',
      );
      expect(await axeViolations(page)).toEqual([]);
      await page.waitForTimeout(300);
      await editFile(dir, PROFILE, (t) => t.replace('nominatedBy: [oops', 'nominatedBy:'));
      await page.waitForFunction(
        () => document.querySelector('.dev-problems') === null,
        undefined,
        {
          timeout: 10_000,
        },
      );
      expect(await page.locator('nav[aria-label="Site"]').innerText()).toContain('2023');
    } finally {
      await context.close();
      await dev.stop();
    }
  });
});
