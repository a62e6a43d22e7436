// The live stream (LIVE_STREAM=true): Server-Sent Events of each election's version document
// for readers that reach the server directly. Off by default; bounded, with a refusal that
// tells the page to poll; ended on shutdown; a reader that leaves or stops reading frees its
// slot. Real servers on free ports, over a copy of the content saved as on vote day.
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import type { LiveState } from '../../src/http/live.js';
import {
  LIVE_STREAM_RETRY_SECONDS,
  LiveStreams,
  LiveVersions,
  streamsPerAddress,
} from '../../src/http/live.js';
import { createSite } from '../../src/http/site.js';
import type { RunningServer } from '../../src/server.js';
import { startServer } from '../../src/server.js';
import { ContentHolder } from '../../src/store/holder.js';
import { decidedText, REPLAY_ELECTION, replayStep } from '../../scripts/vote-day.js';
import type { ReplayStep } from '../../scripts/vote-day.js';
import { appFor, loadOrThrow } from '../support/app.js';
import { cleanUp, copySite, KEPT_BY_TESTS, shippedContent } from '../support/fixtures.js';
import { spawnServer } from '../support/server.js';
import { editElection } from '../support/vote-day.js';
import { until } from '../support/until.js';

const EVENTS = `/${REPLAY_ELECTION}/live.events`;
const LIVE = `/${REPLAY_ELECTION}/live.json`;
const RESULTS = `/${REPLAY_ELECTION}/results`;
/** Save to seen, for a reader on a direct connection (the goal). */
const DIRECT_MS = 2_000;

const cleanups: (() => Promise<unknown> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await cleanUp();
});

/** A copy of the shipped content at a step of the day. */
async function dayAt(step: ReplayStep) {
  const dir = await copySite(shippedContent);
  const decided = await decidedText(dir);
  await replayStep(dir, step, decided);
  return { dir, save: (next: ReplayStep) => replayStep(dir, next, decided) };
}

/** The server as deployed, watching its content, with the stream on. */
async function streamingSite(step: ReplayStep, env: Record<string, string> = {}) {
  const day = await dayAt(step);
  const server = (await startServer(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      CONTENT_DIR: day.dir,
      WATCH: 'true',
      LAST_GOOD_DIR: KEPT_BY_TESTS,
      LIVE_STREAM: 'true',
      ...env,
    }),
  )) as RunningServer;
  cleanups.push(() => server.stop());
  return { ...day, server };
}

interface Reader {
  res: IncomingMessage;
  /** Everything received so far, as text. */
  text(): string;
  events: LiveState[];
  /** The first event (from now on or already received) that passes `test`. */
  event(test: (state: LiveState) => boolean, timeoutMs?: number): Promise<LiveState>;
  close(): void;
}

/** Opens a stream as EventSource does, on a connection of its own (from `from`, if given). */
async function openStream(url: string, from?: string): Promise<Reader> {
  const req = get(url, {
    agent: false,
    headers: { accept: 'text/event-stream' },
    ...(from === undefined ? {} : { localAddress: from }),
  });
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  let text = '';
  let pending = '';
  const events: LiveState[] = [];
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    text += chunk;
    pending += chunk;
    // Complete events only: each ends with a blank line.
    const blocks = pending.split('\n\n');
    pending = blocks.pop()!;
    for (const block of blocks) {
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) events.push(JSON.parse(data) as LiveState);
    }
  });
  res.on('error', () => undefined);
  const reader: Reader = {
    res,
    text: () => text,
    events,
    event: (test, timeoutMs = 10_000) => until(() => events.find(test), timeoutMs, 10),
    close: () => req.destroy(),
  };
  cleanups.push(() => reader.close());
  return reader;
}

/** A stream is given again (once the slot a reader left is free), with the version. */
async function expectStreamAgain(url: string): Promise<void> {
  const again = await until(async () => {
    const reader = await openStream(url);
    if (reader.res.statusCode === 200) return reader;
    reader.close();
    return undefined;
  });
  expect((await again.event(() => true)).election).toBe(REPLAY_ELECTION);
}

describe('the live stream, off by default', () => {
  it('is not found, and pages do not offer it', async () => {
    const { dir } = await dayAt('round-1');
    const { app } = await appFor(dir);
    await request(app).get(EVENTS).expect(404);
    const page = await request(app).get(RESULTS).expect(200);
    expect(page.text).toContain(`data-live="${LIVE}" data-live-poll="1">`);
    expect(page.text).not.toContain('data-live-stream');
    expect(readConfig({}).liveStream).toBe(false);
  });
});

describe('the live stream, with LIVE_STREAM=true', () => {
  it('is not offered by the static export, which no stream can serve', async () => {
    // The small fixture site, its election not yet decided: its pages follow it live.
    const dir = await copySite();
    await editElection(dir, 'sample-2024', (e) => {
      e.status = 'upcoming';
      e.rounds = [];
      delete e.decision;
    });
    const out = await mkdtemp(path.join(tmpdir(), 'explainer-export-'));
    cleanups.push(() => rm(out, { recursive: true, force: true }));
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/export-static.ts', '--out', out],
      { env: { ...process.env, CONTENT_DIR: dir, LIVE_STREAM: 'true' }, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    const page = await readFile(path.join(out, 'sample-2024', 'results.html'), 'utf8');
    expect(page).toContain('data-live="/sample-2024/live.json" data-live-poll="1">');
    expect(page).not.toContain('data-live-stream');
  });

  it('sends the version document on connect, uncached and unbuffered by proxies', async () => {
    const { server } = await streamingSite('round-1');
    const reader = await openStream(server.url + EVENTS);
    expect(reader.res.statusCode).toBe(200);
    expect(reader.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(reader.res.headers['cache-control']).toBe('no-store');
    expect(reader.res.headers['x-accel-buffering']).toBe('no');
    const first = await reader.event(() => true);
    const polled = (await (await fetch(server.url + LIVE)).json()) as LiveState;
    expect(first).toEqual(polled);
    expect(reader.text()).toBe(
      `retry: 2000\nid: ${polled.seq}\ndata: ${JSON.stringify(polled)}\n\n`,
    );
  });

  it('answers HEAD with its headers and no stream, and the connection serves the request after it', async () => {
    const { server } = await streamingSite('round-1');
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    cleanups.push(() => void socket.destroy());
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    // Sent together: the version document's request waits behind the HEAD on one connection.
    socket.write(
      `HEAD ${EVENTS} HTTP/1.1\r\nHost: x\r\n\r\nGET ${LIVE} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    await once(socket, 'end');
    const [head = '', next = ''] = text.split(/(?=HTTP\/1\.1 )/);
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toContain('\r\nContent-Type: text/event-stream; charset=utf-8\r\n');
    expect(head).toContain('\r\nConnection: keep-alive\r\n');
    expect(head.endsWith('\r\n\r\n')).toBe(true);
    expect(next).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    const document = JSON.parse(next.slice(next.indexOf('\r\n\r\n') + 4)) as LiveState;
    expect(document.election).toBe(REPLAY_ELECTION);
  });

  it('is offered by the pages of a live election, and not for one that does not exist', async () => {
    const { server } = await streamingSite('round-1');
    const page = await (await fetch(server.url + RESULTS)).text();
    expect(page).toContain(`data-live="${LIVE}" data-live-poll="1" data-live-stream="${EVENTS}">`);
    const missing = await fetch(server.url + '/no-such-election/live.events');
    expect(missing.status).toBe(404);
  });

  it(`brings a save to every open stream within ${DIRECT_MS} ms, in order`, async () => {
    const { server, save } = await streamingSite('upcoming');
    const readers = await Promise.all([1, 2, 3].map(() => openStream(server.url + EVENTS)));
    const upcoming = await readers[0]!.event((s) => s.status === 'upcoming');
    for (const [step, status] of [
      ['round-1', 'voting'],
      ['decided', 'decided'],
    ] as const) {
      const saved = Date.now();
      await save(step);
      for (const reader of readers) {
        const seen = await reader.event((s) => s.status === status, DIRECT_MS + 3_000);
        expect(Date.now() - saved, step).toBeLessThan(DIRECT_MS);
        expect(seen.seq).toBeGreaterThan(upcoming.seq);
      }
    }
    for (const reader of readers) {
      expect(reader.events.map((s) => s.headline)).toEqual([
        'Voting has not started yet',
        'Round 1 results reported. António Vitorino withdrew after round 1',
        'Amy Pope elected by acclamation',
      ]);
      const seqs = reader.events.map((s) => s.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  });

  it('past LIVE_STREAM_MAX answers 503 telling the page to poll, and a reader who leaves frees a slot', async () => {
    const { server } = await streamingSite('round-1', { LIVE_STREAM_MAX: '2' });
    // Three readers, each from an address of its own (one address holds a tenth at most).
    const first = await openStream(server.url + EVENTS);
    expect((await openStream(server.url + EVENTS, '127.0.0.2')).res.statusCode).toBe(200);
    const refused = await openStream(server.url + EVENTS, '127.0.0.3');
    expect(refused.res.statusCode).toBe(503);
    expect(refused.res.headers['retry-after']).toBe(String(LIVE_STREAM_RETRY_SECONDS));
    expect(refused.res.headers['cache-control']).toBe('no-store');
    expect(refused.res.headers['content-type']).toBe('application/json; charset=utf-8');
    await once(refused.res, 'end');
    expect(JSON.parse(refused.text())).toEqual({
      error: 'stream-unavailable',
      message: `Every live stream of this server is taken. Poll ${LIVE} instead.`,
      poll: LIVE,
    });
    // The version document still answers those the stream refused.
    expect((await fetch(server.url + LIVE)).status).toBe(200);

    first.close();
    await expectStreamAgain(server.url + EVENTS);
  });
});

describe('one address', () => {
  it('holds a tenth of the streams at most: past it, 503 telling the page to poll; other addresses still stream', async () => {
    expect(streamsPerAddress(1_000)).toBe(100);
    expect(streamsPerAddress(5)).toBe(1);
    const { server } = await streamingSite('round-1', { LIVE_STREAM_MAX: '20' });
    const first = await openStream(server.url + EVENTS);
    const second = await openStream(server.url + EVENTS);
    expect([first.res.statusCode, second.res.statusCode]).toEqual([200, 200]);
    const refused = await openStream(server.url + EVENTS);
    expect(refused.res.statusCode).toBe(503);
    expect(refused.res.headers['retry-after']).toBe(String(LIVE_STREAM_RETRY_SECONDS));
    await once(refused.res, 'end');
    expect(JSON.parse(refused.text())).toEqual({
      error: 'stream-unavailable',
      message: `Your address holds as many live streams as one address may. Poll ${LIVE} instead.`,
      poll: LIVE,
    });
    // Another reader, from another address, is not refused for the first one's streams.
    const other = await openStream(server.url + EVENTS, '127.0.0.2');
    expect(other.res.statusCode).toBe(200);
    expect((await other.event(() => true)).election).toBe(REPLAY_ELECTION);
    // A stream the address closes is one it may open again.
    first.close();
    await expectStreamAgain(server.url + EVENTS);
  });

  it('has no share of its own behind a proxy (TRUST_PROXY=true): every stream comes from the proxy', async () => {
    const { server } = await streamingSite('round-1', {
      LIVE_STREAM_MAX: '20',
      TRUST_PROXY: 'true',
    });
    const readers = await Promise.all([1, 2, 3].map(() => openStream(server.url + EVENTS)));
    expect(readers.map((r) => r.res.statusCode)).toEqual([200, 200, 200]);
  });
});

describe('streams and the life of the server', () => {
  it('end at once on SIGTERM: the server exits promptly with streams open', async () => {
    const { dir } = await dayAt('round-1');
    const server = await spawnServer({ CONTENT_DIR: dir, LIVE_STREAM: 'true' });
    cleanups.push(() => server.stop());
    const readers = await Promise.all([1, 2, 3].map(() => openStream(server.origin + EVENTS)));
    await Promise.all(readers.map((r) => r.event(() => true)));
    const ended = readers.map((r) => once(r.res, 'end'));
    const exited = once(server.child, 'exit');
    const started = Date.now();
    server.child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    await Promise.all(ended);
    expect(code).toBe(0);
    // Well inside the 5 s that shutdown grants requests in flight before closing them.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('are logged, as every request is, when the reader closes them', async () => {
    const { dir } = await dayAt('round-1');
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const site = await createSite({
      holder: new ContentHolder(await loadOrThrow(dir)),
      config: {
        baseUrl: 'https://explainer.example',
        dev: false,
        trustProxy: false,
        contentDir: dir,
        liveStream: true,
      },
      logger,
    });
    const server = createServer(site.handler).listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const reader = await openStream(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}${EVENTS}`,
    );
    await reader.event(() => true);
    const id = reader.res.headers['x-request-id'];
    reader.close();
    const line = await until(() => lines.find((l) => l.includes(EVENTS)));
    expect(JSON.parse(line)).toMatchObject({
      req: { id, method: 'GET', url: EVENTS },
      res: { statusCode: 200 },
      cached: false,
      msg: 'request completed',
    });
  });

  it('take no slot for a reader who left before the stream began (while a save was taken in)', async () => {
    const { dir } = await dayAt('round-1');
    const holder = new ContentHolder(await loadOrThrow(dir));
    const live = new LiveVersions(holder, dir);
    const shutdown = new AbortController();
    const streams = new LiveStreams(holder, live, { max: 1, shutdown: shutdown.signal });
    cleanups.push(() => shutdown.abort());
    const state = (await live.for(holder.current)).get(REPLAY_ELECTION)!;
    // As after a swap, the stream begins once the version is found: here, once the reader left.
    const server = createServer((req, res) => {
      if (req.headers['x-leaves'] === undefined) return streams.serve(req, res, state);
      res.once('close', () => streams.serve(req, res, state));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const port = (server.address() as AddressInfo).port;
    for (let i = 0; i < 3; i++) {
      const leaving = connect(port, '127.0.0.1');
      leaving.on('error', () => undefined);
      leaving.write(`GET ${EVENTS} HTTP/1.1\r\nHost: x\r\nX-Leaves: 1\r\n\r\n`);
      await new Promise((r) => setTimeout(r, 20));
      leaving.destroy();
      await once(leaving, 'close');
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(streams.open).toBe(0);
    const reader = await openStream(`http://127.0.0.1:${port}${EVENTS}`);
    expect(reader.res.statusCode).toBe(200);
    expect((await reader.event(() => true)).election).toBe(REPLAY_ELECTION);
  });

  it('keep a proxy from timing out with heartbeats, and drop a reader that stops reading', async () => {
    const { dir } = await dayAt('round-1');
    const holder = new ContentHolder(await loadOrThrow(dir));
    const live = new LiveVersions(holder, dir);
    const shutdown = new AbortController();
    const streams = new LiveStreams(holder, live, {
      max: 10,
      heartbeatMs: 50,
      shutdown: shutdown.signal,
    });
    cleanups.push(() => shutdown.abort());
    const state = (await live.for(holder.current)).get(REPLAY_ELECTION)!;
    const server = createServer((req, res) => streams.serve(req, res, state));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const reader = await openStream(origin + EVENTS);
    await until(() => (reader.text().includes('\n\n:\n\n') ? true : undefined), 2_000, 10);
    expect(streams.open).toBe(1);
    reader.close();
    await until(() => (streams.open === 0 ? true : undefined));

    // A reader that sends its request and then never reads.
    const stuck = connect(Number(new URL(origin).port), '127.0.0.1');
    stuck.on('error', () => undefined);
    stuck.write(`GET ${EVENTS} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n`);
    stuck.pause();
    cleanups.push(() => void stuck.destroy());
    await until(() => (streams.open === 1 ? true : undefined));
    // Versions, each newer than the last, far more than the kernel's buffers take.
    const big = 'x'.repeat(256 * 1024);
    for (let i = 1; i <= 400 && streams.open > 0; i++) {
      streams.publish({ ...state, seq: state.seq + i, headline: big });
      await new Promise((r) => setImmediate(r));
    }
    await until(() => (streams.open === 0 ? true : undefined));
  });
});
