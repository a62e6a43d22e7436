// Connections per client address, on a real server and real sockets: one address past its
// share has its new connections closed as they arrive, while another address (127.0.0.2,
// loopback too) is answered; a connection closed frees its place. One client holding every
// file descriptor of the process once kept everyone out, /healthz included.
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONNECTIONS_PER_CLIENT, readConfig } from '../../src/config.js';
import type { RunningServer } from '../../src/server.js';
import { startInProcess } from '../support/server.js';

let running: RunningServer;
let open: (from?: string) => Promise<Socket>;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ running, open, stop } = await startInProcess({ CONNECTIONS_PER_CLIENT: '3' }));
}, 60_000);

afterAll(() => stop());

/** What a GET /healthz on `socket` gets: its status line, or "closed" when the server closes it first. */
function health(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\r\n')) resolve(text.slice(0, text.indexOf('\r\n')));
    });
    socket.once('close', () =>
      resolve(text === '' ? 'closed' : text.slice(0, text.indexOf('\r\n'))),
    );
    socket.once('error', () => undefined);
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
  });
}

describe('connections per client address', () => {
  it("past CONNECTIONS_PER_CLIENT, closes that address's new ones; other addresses are answered", async () => {
    const held = [await open(), await open(), await open()];
    expect(await health(await open())).toBe('closed');
    expect(await health(await open('127.0.0.2'))).toBe('HTTP/1.1 200 OK');
    // The three held are still served.
    expect(await health(held[0]!)).toBe('HTTP/1.1 200 OK');
    // One closed, its place is free again.
    held[1]!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await health(await open())).toBe('HTTP/1.1 200 OK');
  });

  it('gives a request 20 s for its headers and 30 s in all (Node: 60 s and 300 s)', () => {
    expect(running.server.headersTimeout).toBe(20_000);
    expect(running.server.requestTimeout).toBe(30_000);
  });
});

describe('the setting', () => {
  it('is 1,000 by default, none behind a proxy unless given, and says what it takes', () => {
    expect(DEFAULT_CONNECTIONS_PER_CLIENT).toBe(1000);
    expect(readConfig({}).connectionsPerClient).toBe(1000);
    expect(readConfig({ TRUST_PROXY: 'true' }).connectionsPerClient).toBe(0);
    expect(
      readConfig({ TRUST_PROXY: 'true', CONNECTIONS_PER_CLIENT: '50' }).connectionsPerClient,
    ).toBe(50);
    expect(() => readConfig({ CONNECTIONS_PER_CLIENT: 'many' })).toThrow(
      'CONNECTIONS_PER_CLIENT must be a whole number from 0 (no limit) to 1000000; found "many".',
    );
  });
});
