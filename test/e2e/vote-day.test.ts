// The page states of vote day in a real browser: before the vote, round 1 reported, and a
// three-candidate race with stages — accessible (axe), no sideways scrolling at 320 px, no
// console errors; the venue's time beside the reader's own with JavaScript, and without.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server.js';
import { cleanUp } from '../support/fixtures.js';
import { roundOneReported, shippedCopy, threeWayCopy, upcoming } from '../support/vote-day.js';
import { axeViolations, launchBrowser, startSite } from './browser.js';

let browser: Browser;
let before: RunningServer;
let voting: RunningServer;
let threeWay: RunningServer;

beforeAll(async () => {
  const [upcomingDir, votingDir, threeWayDir] = await Promise.all([
    shippedCopy(upcoming),
    shippedCopy(roundOneReported),
    threeWayCopy(),
  ]);
  [browser, before, voting, threeWay] = await Promise.all([
    launchBrowser(),
    startSite(upcomingDir),
    startSite(votingDir),
    startSite(threeWayDir),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([before?.stop(), voting?.stop(), threeWay?.stop()]);
  await cleanUp();
});

const pages = (): [string, RunningServer, string][] => [
  ['upcoming', before, '/iom-dg-2023/'],
  ['upcoming', before, '/iom-dg-2023/results'],
  ['upcoming', before, '/iom-dg-2023/compare'],
  ['round 1 reported', voting, '/iom-dg-2023/'],
  ['round 1 reported', voting, '/iom-dg-2023/results'],
  ['round 1 reported', voting, '/iom-dg-2023/timeline'],
  ['round 1 reported', voting, '/iom-dg-2023/candidates/amy-pope'],
  ['three candidates', threeWay, '/sample-2024/'],
  ['three candidates', threeWay, '/sample-2024/results'],
];

describe.each([
  { width: 320, scheme: 'light' as const },
  { width: 320, scheme: 'dark' as const },
  { width: 1280, scheme: 'light' as const },
])('vote-day pages at $width px, $scheme', ({ width, scheme }) => {
  it('have no accessibility violations, no sideways scrolling and no console errors', async () => {
    const context = await browser.newContext({
      viewport: { width, height: 800 },
      colorScheme: scheme,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    const report: string[] = [];
    for (const [state, site, p] of pages()) {
      const response = await page.goto(site.url + p);
      expect(response?.status(), p).toBe(200);
      for (const v of await axeViolations(page))
        report.push(
          `${state} ${p}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) report.push(`${state} ${p}: scrolls sideways by ${overflow}px`);
    }
    await context.close();
    expect(report).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('times of day', () => {
  it("with JavaScript, a reader elsewhere sees the venue's time and their own", async () => {
    const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${voting.url}/iom-dg-2023/results`);
    const banner = await page.locator('#live-banner').innerText();
    expect(banner).toBe(
      'Voting under way — round 1 reported at 13:05 CEST (07:05 AM EDT your time). Results so far',
    );
    await context.close();
  });

  it("a reader in the venue's zone sees the time once", async () => {
    const context = await browser.newContext({ timezoneId: 'Europe/Zurich', locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${voting.url}/iom-dg-2023/`);
    expect(await page.locator('#live-banner').innerText()).toBe(
      'Voting under way — round 1 reported at 13:05 CEST. Results so far',
    );
    expect(await page.locator('.local-time').count()).toBe(0);
    await context.close();
  });

  it('without JavaScript, the banner and the race chart are there, in venue time', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      timezoneId: 'Asia/Tokyo',
    });
    const page = await context.newPage();
    await page.goto(`${voting.url}/iom-dg-2023/`);
    expect(await page.locator('#live-banner').innerText()).toBe(
      'Voting under way — round 1 reported at 13:05 CEST. Results so far',
    );
    const chart = page.locator('svg.race-svg');
    expect(await chart.isVisible()).toBe(true);
    expect((await chart.boundingBox())?.height).toBe(262);
    await context.close();
  });
});
