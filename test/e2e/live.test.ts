// Open pages follow the vote live in a real browser: the 2023 vote day replayed on a copy of
// the content under WATCH=true (upcoming → round 1 reported → decided by acclamation), seen
// directly, through nginx as a caching reverse proxy, behind two servers that hold
// different versions (the page never goes back), and over the stream (LIVE_STREAM=true).
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  Browser,
  BrowserContextOptions,
  Page,
  Response as PlaywrightResponse,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { LIVE_CACHE_CONTROL, LIVE_POLL_SECONDS } from '../../src/http/live.js';
import type { RunningServer } from '../../src/server.js';
import { startServer } from '../../src/server.js';
import { KEPT_BY_TESTS, shippedContent } from '../support/fixtures.js';
import type { RunningNginx } from '../support/nginx.js';
import { startNginx } from '../support/nginx.js';
import type { ReplayStep } from '../../scripts/vote-day.js';
import { decidedText, REPLAY_ELECTION, replayStep } from '../../scripts/vote-day.js';
import { axeViolations, launchBrowser } from './browser.js';
import { until } from '../support/until.js';

/** Save to seen on screen, talking to the server directly (the issue's goal). */
const DIRECT_MS = 2_000;
/** Through a cache: the version document's lifetime, one poll, then as fast as directly. */
const LIFETIME_S = Number(/max-age=(\d+)/.exec(LIVE_CACHE_CONTROL)![1]);
const CACHED_MS = (LIFETIME_S + LIVE_POLL_SECONDS) * 1000 + DIRECT_MS;
const RESULTS = `/${REPLAY_ELECTION}/results`;

const HEADLINES: Record<ReplayStep, string> = {
  upcoming: 'Voting has not started yet',
  'round-1': 'Round 1 results reported. António Vitorino withdrew after round 1',
  decided: 'Amy Pope elected by acclamation',
};

let browser: Browser;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await browser?.close();
});

/** A copy of the shipped content at a step of the day, served with WATCH=true. */
async function liveSite(step: ReplayStep, env: Record<string, string> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'explainer-live-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(shippedContent, dir, { recursive: true });
  const decided = await decidedText(dir);
  await replayStep(dir, step, decided);
  const server = (await startServer(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      CONTENT_DIR: dir,
      WATCH: 'true',
      LAST_GOOD_DIR: KEPT_BY_TESTS,
      ...env,
    }),
  )) as RunningServer;
  cleanups.push(() => server.stop());
  return { dir, server, save: (next: ReplayStep) => replayStep(dir, next, decided) };
}

const headline = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.getElementById('main')?.getAttribute('data-live-headline') ?? null);

/** Saves the next step, then waits until the open page shows it; returns the time it took. */
async function shownAfterSave(
  page: Page,
  save: () => Promise<void>,
  step: ReplayStep,
  limitMs: number,
): Promise<number> {
  const saved = Date.now();
  await save();
  await page.waitForFunction(
    (expected) => document.getElementById('main')?.getAttribute('data-live-headline') === expected,
    HEADLINES[step],
    { timeout: limitMs + 5_000, polling: 50 },
  );
  return Date.now() - saved;
}

/** Opens the results page with a mark that a reload would lose, scrolled and focused. */
async function openResults(
  origin: string,
  watch?: (page: Page) => unknown,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  cleanups.push(async () => {
    expect(errors).toEqual([]);
    await context.close();
  });
  await watch?.(page);
  await page.goto(origin + RESULTS);
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
  return page;
}

const notReloaded = (page: Page): Promise<boolean> =>
  page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

function cachingProxy(upstreams: string[]) {
  return (port: number, dir: string): string => `
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=site:10m max_size=100m inactive=10m use_temp_path=off;
  upstream site { ${upstreams.map((u) => `server ${u.replace(/^http:\/\//, '')};`).join(' ')} }
  server {
    listen 127.0.0.1:${port};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_cache site;
    proxy_cache_lock on;
    proxy_cache_revalidate on;
    add_header X-Cache-Status $upstream_cache_status always;
    # Pages: stale while one request refreshes them in the background.
    location / {
      proxy_pass http://site;
      proxy_cache_use_stale updating error timeout;
      proxy_cache_background_update on;
    }
    # The version document: never stale; the first poll after it expires waits for the
    # origin and the polls beside it wait for that one (proxy_cache_lock).
    location ~ /live\\.json$ {
      proxy_pass http://site;
      proxy_cache_use_stale error timeout;
    }
  }`;
}

describe('an open page of an election on vote day', () => {
  it(`shows each step without a reload within ${DIRECT_MS} ms of the save, keeping scroll and focus`, async () => {
    const { server, save } = await liveSite('upcoming');
    const page = await openResults(server.url);
    expect(await headline(page)).toBe(HEADLINES.upcoming);
    expect(await page.locator('.live-status').textContent()).toContain('Last updated');
    // The reader is on a link of the site's navigation, and has scrolled down.
    await page.locator('.site-header nav a').first().focus();
    await page.evaluate(() => window.scrollTo(0, 200));
    const scrolled = await page.evaluate(() => window.scrollY);
    expect(scrolled).toBe(200);

    const round1 = await shownAfterSave(page, () => save('round-1'), 'round-1', DIRECT_MS);
    expect(round1).toBeLessThan(DIRECT_MS);
    expect(await notReloaded(page)).toBe(true);
    expect(await page.locator('#live-announcer').textContent()).toBe(
      'Round 1 results reported. António Vitorino withdrew after round 1.',
    );
    expect(await page.locator('main').textContent()).toContain('Round 1');
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    expect(
      await page.evaluate(() => document.activeElement?.closest('.site-header nav') !== null),
    ).toBe(true);

    // The live line and the swapped-in sections are as accessible as any page.
    expect(await axeViolations(page)).toEqual([]);

    // Now on a link inside the main content, which the next step rebuilds around it.
    await page.locator('.election-nav a', { hasText: 'Timeline' }).focus();
    await page.evaluate(() => window.scrollTo(0, 200));

    const decided = await shownAfterSave(page, () => save('decided'), 'decided', DIRECT_MS);
    expect(
      await page.evaluate(() => [document.activeElement?.textContent, window.scrollY]),
    ).toEqual(['Timeline', 200]);
    expect(decided).toBeLessThan(DIRECT_MS);
    expect(await notReloaded(page)).toBe(true);
    expect(await page.locator('#live-announcer').textContent()).toBe(
      'Amy Pope elected by acclamation.',
    );
    // Decided: the live line is gone, and so is the polling.
    expect(await page.locator('.live-status').count()).toBe(0);
  });

  it('announces a version only when it changes the page in its language, and keeps what scripts added', async () => {
    const { dir, server } = await liveSite('round-1');
    const folder = path.join(dir, 'elections', REPLAY_ELECTION);
    const edit = async (file: string, from: string, to: string) => {
      const text = await readFile(path.join(folder, file), 'utf8');
      expect(text).toContain(from);
      await writeFile(path.join(folder, file), text.replace(from, to));
    };
    // The round's time at the venue, beside which the page adds a far reader's own.
    await edit(
      'election.yaml',
      '    date: 2023-05-15\n',
      "    date: 2023-05-15\n    reported: '13:05'\n",
    );
    await until(
      async () =>
        (await (await fetch(server.url + RESULTS)).text()).includes('data-local-time') || undefined,
    );
    const page = await openResults(server.url, undefined, { timezoneId: 'America/New_York' });
    const added = await page.locator('.local-time').count();
    expect(added).toBeGreaterThan(0);
    /** Makes a save, then waits until the open page has taken the version it made. */
    const taken = async (save: () => Promise<void>) => {
      const seq = () =>
        page.evaluate(() => Number(document.getElementById('main')?.getAttribute('data-live-seq')));
      const before = await seq();
      await page.evaluate(() => (document.getElementById('live-announcer')!.textContent = ''));
      await save();
      await page.waitForFunction(
        (was) => Number(document.getElementById('main')?.getAttribute('data-live-seq')) > was,
        before,
        { timeout: DIRECT_MS + 5_000, polling: 50 },
      );
      return page.locator('#live-announcer').textContent();
    };

    // A save to the French text alone: a new version, nothing new to say in English.
    expect(
      await taken(() =>
        edit('election.fr.yaml', "officiel n'a été trouvé.", "officiel n'a encore été trouvé."),
      ),
    ).toBe('');
    // A correction in English under the same headline: said again.
    expect(
      await taken(() =>
        edit(
          'election.yaml',
          'no official tally has been found.',
          'no official tally has ever been found.',
        ),
      ),
    ).toBe(`${HEADLINES['round-1']}.`);
    expect(await page.locator('main').textContent()).toContain(
      'no official tally has ever been found.',
    );
    // What the page's other script added is there again, once, and its status line stayed.
    expect(await page.locator('.local-time').count()).toBe(added);
    expect(await page.locator('.copy-status').count()).toBe(1);
    expect(await notReloaded(page)).toBe(true);
  });

  it(`over the stream a server offers, shows each step within ${DIRECT_MS} ms without polling`, async () => {
    const { server, save } = await liveSite('upcoming', { LIVE_STREAM: 'true' });
    const asked: string[] = [];
    const page = await openResults(server.url, (p) =>
      p.on('request', (req) => asked.push(new URL(req.url()).pathname)),
    );
    expect(asked).toContain(`/${REPLAY_ELECTION}/live.events`);
    await page.locator('.site-header nav a').first().focus();
    await page.evaluate(() => window.scrollTo(0, 200));

    for (const step of ['round-1', 'decided'] as const) {
      const took = await shownAfterSave(page, () => save(step), step, DIRECT_MS);
      expect(took, step).toBeLessThan(DIRECT_MS);
      expect(await notReloaded(page)).toBe(true);
      expect(await page.locator('#live-announcer').textContent()).toBe(`${HEADLINES[step]}.`);
      expect(await page.evaluate(() => window.scrollY)).toBe(200);
      expect(
        await page.evaluate(() => document.activeElement?.closest('.site-header nav') !== null),
      ).toBe(true);
    }
    // The page was loaded, then fetched itself once per step, and never polled the version document.
    expect(asked.filter((p) => p.endsWith('/live.json'))).toEqual([]);
    expect(asked.filter((p) => p === RESULTS)).toHaveLength(3);
  });

  it('polls instead when the server refuses it a stream, and still follows the vote', async () => {
    const { server, save } = await liveSite('upcoming', {
      LIVE_STREAM: 'true',
      LIVE_STREAM_MAX: '0',
    });
    let polled: Promise<unknown> | undefined;
    let refused: Promise<PlaywrightResponse> | undefined;
    const page = await openResults(server.url, (p) => {
      polled = p.waitForRequest((req) => req.url().endsWith('/live.json'));
      refused = p.waitForResponse((res) => res.url().endsWith('/live.events'));
    });
    expect((await refused!).status()).toBe(503);
    await polled;
    // How soon a polling page follows is pinned above; here, that it follows at all.
    await shownAfterSave(page, () => save('round-1'), 'round-1', DIRECT_MS);
    expect(await notReloaded(page)).toBe(true);
    expect(await page.locator('#live-announcer').textContent()).toBe(`${HEADLINES['round-1']}.`);
  });

  it('asks for a stream again after polling, once a stream is free', async () => {
    const { server } = await liveSite('upcoming', { LIVE_STREAM: 'true', LIVE_STREAM_MAX: '1' });
    const first = await openResults(server.url);
    await until(() => (server.site.streams?.open === 1 ? true : undefined));
    // The second reader is refused the only stream, and polls; its timers are the test's.
    const events: number[] = [];
    const polls: string[] = [];
    const second = await openResults(server.url, async (p) => {
      await p.clock.install();
      p.on('response', (res) => {
        if (res.url().endsWith('/live.events')) events.push(res.status());
      });
      p.on('request', (req) => {
        if (req.url().endsWith('/live.json')) polls.push(req.url());
      });
    });
    await until(() => (events.length === 1 && polls.length === 1 ? true : undefined));
    expect(events).toEqual([503]);
    // The first reader leaves; within the retry delay (10 s, spread up to 15 s) the second
    // asks again, gets the stream, and stops polling.
    await first.context().close();
    await until(() => (server.site.streams?.open === 0 ? true : undefined));
    await second.clock.fastForward(15_000);
    await until(() => (events.length === 2 ? true : undefined));
    expect(events).toEqual([503, 200]);
    const polled = polls.length;
    await second.clock.fastForward(5_000);
    expect(polls).toHaveLength(polled);
    expect(await notReloaded(second)).toBe(true);
  });

  it('says when it was last updated and offers a reload without JavaScript', async () => {
    const { server } = await liveSite('round-1');
    const context = await browser.newContext({ javaScriptEnabled: false });
    cleanups.push(() => context.close());
    const page = await context.newPage();
    await page.goto(server.url + RESULTS);
    const line = (await page.locator('.live-status').textContent())!.replace(/\s+/g, ' ').trim();
    expect(line).toMatch(
      /^Round 1 results reported\. António Vitorino withdrew after round 1\. Last updated \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d CES?T\. Reload for the latest$/,
    );
    expect(await page.locator('.live-status a').getAttribute('href')).toBe(RESULTS);
  });

  it("with JavaScript, says it in the reader's own time zone, with the day unless it is today", async () => {
    const { server } = await liveSite('round-1');
    const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
    cleanups.push(() => context.close());
    const today = await context.newPage();
    await today.goto(server.url + RESULTS);
    const updated = (await today.locator('.live-status time').getAttribute('datetime'))!;
    // As the page says it (en-GB, 24-hour), whatever the browser's own locale.
    const local = (options: Intl.DateTimeFormatOptions): string =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', ...options }).format(
        Date.parse(updated),
      );
    const zone = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'America/New_York',
      timeZoneName: 'short',
    })
      .formatToParts(Date.parse(updated))
      .find((p) => p.type === 'timeZoneName')!.value;
    const time = `${local({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })} ${zone}`;
    expect(await today.locator('.live-status time').textContent()).toBe(time);
    // Read on a later day, the page says which day its time was, as the server writes it.
    const later = await context.newPage();
    await later.clock.install({ time: Date.parse(updated) + 3 * 86_400_000 });
    await later.goto(server.url + RESULTS);
    expect(await later.locator('.live-status time').textContent()).toBe(
      `${local({ day: 'numeric', month: 'long', year: 'numeric' })} at ${time}`,
    );
    // A French page as French writes it: "2 décembre 2026 à 5 h 48 (UTC−5)".
    const french = await context.newPage();
    await french.clock.install({ time: Date.parse(updated) + 3 * 86_400_000 });
    await french.goto(`${server.url}/fr${RESULTS}`);
    expect(await french.locator('.live-status time').textContent()).toMatch(
      /^\d{1,2}(er)? \p{L}+ \d{4} à \d{1,2}\u00a0h\u00a0\d\d \(UTC[−-]\d+\)$/u,
    );
  });

  it(`through nginx as a caching proxy, shows each step within ${CACHED_MS} ms`, async () => {
    const { server, save } = await liveSite('upcoming');
    const nginx: RunningNginx = await startNginx(cachingProxy([server.url]));
    cleanups.push(() => nginx.stop());
    const page = await openResults(nginx.url);
    // The page and its version document really are served from nginx's cache.
    const cached = await fetch(nginx.url + `/${REPLAY_ELECTION}/live.json`);
    expect(cached.headers.get('cache-control')).toBe(LIVE_CACHE_CONTROL);
    const again = await fetch(nginx.url + `/${REPLAY_ELECTION}/live.json`);
    expect(again.headers.get('x-cache-status')).toBe('HIT');
    expect(await headline(page)).toBe(HEADLINES.upcoming);

    for (const step of ['round-1', 'decided'] as const) {
      const took = await shownAfterSave(page, () => save(step), step, CACHED_MS);
      expect(took, step).toBeLessThan(CACHED_MS);
      expect(await notReloaded(page)).toBe(true);
      expect(await page.locator('#live-announcer').textContent()).toBe(`${HEADLINES[step]}.`);
    }
  });

  it('behind two servers holding different versions, never goes back', async () => {
    const older = await liveSite('upcoming');
    const newer = await liveSite('round-1');
    // The older server's files were saved before the newer one's.
    const file = path.join('elections', REPLAY_ELECTION, 'election.yaml');
    const before = new Date(Date.now() - 60_000);
    await utimes(path.join(older.dir, file), before, before);
    // Let both servers' watchers settle on the files as they are now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const balancer = await startNginx(cachingProxy([older.server.url, newer.server.url]));
    cleanups.push(() => balancer.stop());

    // Open the page until the older server answered it, so that it has somewhere to go.
    let page = await openResults(balancer.url);
    for (let i = 0; i < 10 && (await headline(page)) !== HEADLINES.upcoming; i++) {
      page = await openResults(balancer.url);
    }
    expect(await headline(page)).toBe(HEADLINES.upcoming);

    const seen: string[] = [];
    const until = Date.now() + (CACHED_MS + 2_000);
    while (Date.now() < until) {
      seen.push((await headline(page)) ?? '');
      await page.waitForTimeout(100);
    }
    const firstNew = seen.indexOf(HEADLINES['round-1']);
    expect(firstNew, seen.join(', ')).toBeGreaterThan(-1);
    expect(seen.slice(firstNew).every((h) => h === HEADLINES['round-1'])).toBe(true);
    expect(await notReloaded(page)).toBe(true);
  });

  it('on the static export behind nginx, follows a rebuilt export', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'explainer-live-'));
    const out = await mkdtemp(path.join(tmpdir(), 'explainer-export-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    cleanups.push(() => rm(out, { recursive: true, force: true }));
    await cp(shippedContent, dir, { recursive: true });
    const decided = await decidedText(dir);
    const exportAt = async (step: ReplayStep): Promise<void> => {
      await replayStep(dir, step, decided);
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/export-static.ts', '--out', out],
        { env: { ...process.env, CONTENT_DIR: dir }, encoding: 'utf8' },
      );
      expect(run.status, run.stderr).toBe(0);
    };
    await exportAt('round-1');
    const nginx = await startNginx(
      (port) => `server { listen 127.0.0.1:${port}; include ${out}/nginx-site.conf; }`,
    );
    cleanups.push(() => nginx.stop());
    const page = await openResults(nginx.url);
    expect(await headline(page)).toBe(HEADLINES['round-1']);
    // Rebuilding takes a while; the page follows within a poll of the new files.
    await shownAfterSave(page, () => exportAt('decided'), 'decided', 30_000);
    expect(await notReloaded(page)).toBe(true);
    expect(await page.locator('#live-announcer').textContent()).toBe(
      'Amy Pope elected by acclamation.',
    );
  });
});
