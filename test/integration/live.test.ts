// The live channel: each election's version document (ordered, cheap, briefly cached), the
// marks and the no-JavaScript line on its pages, and cache lifetimes that follow the status.
import { stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import type { LiveState } from '../../src/http/live.js';
import { loadContent } from '../../src/content/load.js';
import { createReloader } from '../../src/store/reload.js';
import { appFor } from '../support/app.js';
import { cleanUp, copySite, editFile, shippedContent } from '../support/fixtures.js';
import { roundOneReported, shippedCopy, upcoming } from '../support/vote-day.js';
import { decidedText, REPLAY_ELECTION, replayStep } from '../../scripts/vote-day.js';
import type { ReplayStep } from '../../scripts/vote-day.js';

afterAll(cleanUp);

const LIVE = `/${REPLAY_ELECTION}/live.json`;
const RESULTS = `/${REPLAY_ELECTION}/results`;
const ELECTION_FILE = path.join('elections', REPLAY_ELECTION, 'election.yaml');

/** A copy of the shipped content at a step of the 2023 vote day, served and reloadable. */
async function dayAt(step: ReplayStep) {
  const dir = await copySite(shippedContent);
  const decided = await decidedText(dir);
  await replayStep(dir, step, decided);
  const site = await appFor(dir);
  const reload = createReloader(dir, site.holder);
  const moveTo = async (next: ReplayStep): Promise<void> => {
    await replayStep(dir, next, decided);
    expect(await reload()).toEqual({ ok: true });
  };
  return { ...site, dir, moveTo, reload };
}

const versionOf = async (app: Parameters<typeof request>[0]): Promise<LiveState> =>
  (await request(app).get(LIVE).expect(200)).body as LiveState;

describe('the replayed vote day', () => {
  it('is valid content without a warning at every step: its translations are replayed with it', async () => {
    const dir = await copySite(shippedContent);
    const decided = await decidedText(dir);
    expect([...decided.translations.keys()]).toEqual(['election.es.yaml', 'election.fr.yaml']);
    for (const step of ['upcoming', 'round-1', 'decided'] as const) {
      await replayStep(dir, step, decided);
      const loaded = await loadContent(dir);
      expect(loaded.ok, step).toBe(true);
      // A translation keeping the decision before the English has one would be warned of.
      expect(loaded.ok ? loaded.content.warnings : loaded.problems, step).toEqual([]);
    }
  });

  it('as data (the morning, round 1 reported) prunes the translations with the English', async () => {
    for (const [name, edit] of [
      ['upcoming', upcoming],
      ['round 1 reported', roundOneReported],
    ] as const) {
      const loaded = await loadContent(await shippedCopy(edit));
      expect(loaded.ok, name).toBe(true);
      expect(loaded.ok ? loaded.content.warnings : loaded.problems, name).toEqual([]);
    }
  });
});

describe('the version document', () => {
  it('says the version, status and headline of the election, cached for one poll interval', async () => {
    const { app } = await dayAt('upcoming');
    const res = await request(app).get(LIVE).expect(200);
    const body = res.body as LiveState;
    expect(res.headers['cache-control']).toBe('public, max-age=1');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toEqual({
      election: REPLAY_ELECTION,
      seq: expect.any(Number),
      hash: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      status: 'upcoming',
      updated: new Date(body.seq).toISOString(),
      timeZone: 'Europe/Zurich',
      headline: 'Voting has not started yet',
      poll: 1,
    });
    // Served again from the response cache, with a validator for cheap conditional polls.
    const again = await request(app).get(LIVE).set('If-None-Match', res.headers.etag!).expect(304);
    expect(again.headers['cache-control']).toBe('public, max-age=1');
    // A script on another origin may read the 304 itself.
    expect(again.headers['access-control-allow-origin']).toBe('*');
  });

  it('moves forward at each step of the vote day, and stops the polling once decided', async () => {
    const { app, moveTo } = await dayAt('upcoming');
    const upcoming = await versionOf(app);
    await moveTo('round-1');
    const round1 = await versionOf(app);
    expect(round1).toMatchObject({
      status: 'voting',
      headline: 'Round 1 results reported. António Vitorino withdrew after round 1',
      poll: 1,
    });
    expect(round1.seq).toBeGreaterThan(upcoming.seq);
    expect(round1.hash).not.toBe(upcoming.hash);
    await moveTo('decided');
    const decided = await versionOf(app);
    expect(decided).toMatchObject({
      status: 'decided',
      headline: 'Amy Pope elected by acclamation',
      poll: 0,
    });
    expect(decided.seq).toBeGreaterThan(round1.seq);
  });

  it('is ordered by the newest saved file, and moves forward even when a file goes back in time', async () => {
    const { app, dir, moveTo } = await dayAt('upcoming');
    const old = new Date('2023-05-15T07:00:00Z');
    await utimes(path.join(dir, ELECTION_FILE), old, old);
    const first = await versionOf(app);
    await moveTo('round-1');
    await utimes(path.join(dir, ELECTION_FILE), old, old);
    // An edit restored from a backup, with its old modification time: still a newer version.
    await moveTo('upcoming');
    const restored = await versionOf(app);
    expect(restored.status).toBe('upcoming');
    expect(restored.seq).toBeGreaterThan(first.seq);
  });

  it('is never numbered after its load, whatever date a file carries', async () => {
    const { app, dir, moveTo, reload } = await dayAt('upcoming');
    const before = Date.now();
    await editFile(dir, ELECTION_FILE, (text) =>
      text.replace(
        /\ndescription: >-\n(?: {2}.*\n)+/,
        '\ndescription: A description saved later.\n',
      ),
    );
    const future = new Date('2100-01-01T00:00:00Z');
    await utimes(path.join(dir, ELECTION_FILE), future, future);
    expect(await reload()).toEqual({ ok: true });
    const saved = await versionOf(app);
    expect(saved.seq).toBeLessThanOrEqual(Date.now());
    expect(saved.seq).toBeGreaterThanOrEqual(before - 1_000);
    expect(saved.updated).toBe(new Date(saved.seq).toISOString());
    // The next save, with a true date, is a newer version still.
    await moveTo('round-1');
    expect((await versionOf(app)).seq).toBeGreaterThan(saved.seq);
  });

  it('keeps its number when a reload brings nothing new for the election', async () => {
    const { app, reload } = await dayAt('round-1');
    const before = await versionOf(app);
    expect(await reload()).toEqual({ ok: true });
    expect(await versionOf(app)).toEqual(before);
  });

  it('moves forward when only a translation is saved, so open French and Spanish pages follow it', async () => {
    const { app, dir, reload } = await dayAt('round-1');
    const other = '/iom-dg-2018/live.json';
    const before = await versionOf(app);
    const otherBefore = (await request(app).get(other).expect(200)).body as LiveState;
    const file = path.join(dir, 'elections', REPLAY_ELECTION, 'election.fr.yaml');
    await editFile(dir, path.relative(dir, file), (text) =>
      text.replace(/\ndescription: >-\n(?: {2}.*\n)+/, '\ndescription: Une description revue.\n'),
    );
    expect(await reload()).toEqual({ ok: true });
    const after = await versionOf(app);
    // The newest saved file's time (the translation's), or one past the last version.
    const saved = Math.floor((await stat(file)).mtimeMs);
    expect(after).toEqual({
      ...before,
      seq: Math.max(saved, before.seq + 1),
      hash: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      updated: new Date(Math.max(saved, before.seq + 1)).toISOString(),
    });
    expect(after.hash).not.toBe(before.hash);
    // Every language's page carries the new version: the French one with its new text.
    const marks = `data-live-seq="${after.seq}" data-live-hash="${after.hash}"`;
    const french = await request(app).get(`/fr/${REPLAY_ELECTION}/`).expect(200);
    expect(french.text).toContain('<p class="lead">Une description revue.</p>');
    expect(french.text).toContain(marks);
    for (const lang of ['', '/es']) {
      const page = await request(app).get(`${lang}/${REPLAY_ELECTION}/`).expect(200);
      expect(page.text, lang).toContain(marks);
      expect(page.text, lang).not.toContain('Une description revue.');
    }
    // Another election's version is left as it was.
    expect((await request(app).get(other).expect(200)).body).toEqual(otherBefore);
  });

  it('is not found for an election that does not exist', async () => {
    const { app } = await dayAt('upcoming');
    await request(app).get('/no-such-election/live.json').expect(404);
  });
});

describe('pages of a live election', () => {
  it('say when they were last updated and link to themselves to reload, without JavaScript', async () => {
    const { app } = await dayAt('round-1');
    const version = await versionOf(app);
    const res = await request(app).get(RESULTS).expect(200);
    // The day and time of the save in the venue's zone (Geneva: CET in winter, CEST in summer).
    const inGeneva = (options: Intl.DateTimeFormatOptions): string =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', ...options }).format(
        Date.parse(version.updated),
      );
    const time = inGeneva({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const day = inGeneva({ day: 'numeric', month: 'long', year: 'numeric' });
    const line = `<span class="live-headline">Round 1 results reported. António Vitorino withdrew after round 1.</span>\n  Last updated <time datetime="${version.updated}">${day} at ${time} `;
    const at = res.text.indexOf(line);
    expect(at).toBeGreaterThan(0);
    expect(res.text.slice(at + line.length)).toMatch(
      new RegExp(`^CES?T</time>\\.\\n  <a href="${RESULTS}">Reload for the latest</a>`),
    );
    expect(res.text).toContain(
      `data-live-seq="${version.seq}" data-live-hash="${version.hash}" data-live-headline="Round 1 results reported. António Vitorino withdrew after round 1"`,
    );
    expect(res.text).toMatch(/<script src="\/assets\/live\.[0-9a-f]{10}\.js" defer><\/script>/);
    expect(res.text).toContain(
      '<div id="live-announcer" class="visually-hidden" aria-live="polite" data-live-keep></div>',
    );
  });

  it('of a decided election carry the version marks but no live line and no script', async () => {
    const { app } = await dayAt('decided');
    const res = await request(app).get(RESULTS).expect(200);
    expect(res.text).toContain('data-live-headline="Amy Pope elected by acclamation"');
    expect(res.text).not.toContain('data-live=');
    expect(res.text).not.toContain('live.');
    expect(res.text).not.toContain('aria-live');
  });

  it('answer the cache-busting query a live update uses with the same page', async () => {
    const { app } = await dayAt('round-1');
    const plain = await request(app).get(RESULTS).expect(200);
    const busted = await request(app).get(`${RESULTS}?live=123-2`).expect(200);
    expect(busted.text).toBe(plain.text);
  });
});

describe('cache lifetimes by election status', () => {
  const VOTING = 'public, max-age=5, stale-while-revalidate=10';
  const USUAL = 'public, max-age=60, stale-while-revalidate=86400';
  const paths = [
    `/${REPLAY_ELECTION}/`,
    RESULTS,
    `/${REPLAY_ELECTION}/candidates/amy-pope`,
    `/api/elections/${REPLAY_ELECTION}`,
    `/api/elections/${REPLAY_ELECTION}/candidates/amy-pope`,
    `/share/${REPLAY_ELECTION}.png`,
  ];

  it.each([
    ['upcoming', USUAL],
    ['round-1', VOTING],
    ['decided', USUAL],
  ] as const)('%s: pages, API and share image send %s', async (step, expected) => {
    const { app } = await dayAt(step);
    for (const p of paths) {
      for (const attempt of ['rendered', 'cached']) {
        const res = await request(app).get(p).expect(200);
        expect(res.headers['cache-control'], `${p} ${attempt}`).toBe(expected);
      }
    }
    const live = await request(app).get(LIVE).expect(200);
    expect(live.headers['cache-control']).toBe('public, max-age=1');
  });

  it('while one election is voting, the other elections keep their usual lifetime', async () => {
    const { app } = await dayAt('round-1');
    for (const p of ['/iom-dg-2018/results', '/api/elections/iom-dg-2018']) {
      const res = await request(app).get(p).expect(200);
      expect(res.headers['cache-control'], p).toBe(USUAL);
    }
    // Lists and feeds that show the voting election follow it.
    for (const p of ['/api/elections', '/feed.xml']) {
      const res = await request(app).get(p).expect(200);
      expect(res.headers['cache-control'], p).toBe(VOTING);
    }
  });
});
