// Clients that send ahead or read nothing, on a real server and real sockets. Node answers
// every request in what it read from a connection before it stops reading: 2,000 requests
// sent ahead in one 64 KB write were answered and their answers held in memory, and a client
// that never read kept its connection and those answers for as long as it liked (a hundred
// such connections from one address held the serving thread for 11 s and 670 MB).
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeStalledConnections, MAX_PIPELINED } from '../../src/http/connections.js';
import { silentLogger } from '../support/app.js';
import { startInProcess } from '../support/server.js';
import { until } from '../support/until.js';

let open: (from?: string) => Promise<Socket>;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ open, stop } = await startInProcess());
}, 60_000);

afterAll(() => stop());

/** A connection to a server of this file's own, on `port`. */
async function openTo(port: number): Promise<Socket> {
  const socket = connect({ port, host: '127.0.0.1' });
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

const HEALTH = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n';

/** The status lines a connection has received, and whether the server has closed it. */
function answers(socket: Socket): { statuses: () => number; closed: Promise<void> } {
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  return {
    statuses: () => text.split('HTTP/1.1 200 OK\r\n').length - 1,
    closed: new Promise((resolve) => socket.once('close', () => resolve())),
  };
}

describe('requests sent ahead of their answers (pipelining)', () => {
  it(`answers ${MAX_PIPELINED} waiting behind the first, and keeps the connection`, async () => {
    expect(MAX_PIPELINED).toBe(16);
    const socket = await open();
    const got = answers(socket);
    socket.write(HEALTH.repeat(MAX_PIPELINED + 1));
    await until(() => got.statuses() === MAX_PIPELINED + 1 || undefined);
    socket.write(HEALTH);
    await until(() => got.statuses() === MAX_PIPELINED + 2 || undefined);
    expect(socket.destroyed).toBe(false);
  });

  it('closes a connection that sends more, its answers after the first dropped; others are answered', async () => {
    const socket = await open();
    const got = answers(socket);
    socket.write(HEALTH.repeat(2_000));
    await got.closed;
    // The first was written before the rest were read; the ones waiting behind it never are.
    expect(got.statuses()).toBe(1);
    const other = await open();
    const fine = answers(other);
    other.write(HEALTH);
    await until(() => fine.statuses() === 1 || undefined);
  });
});

describe('connections whose readers take nothing', () => {
  let server: Server;
  let bare: number;
  /** The server's side of each connection, in order. */
  const accepted: Socket[] = [];
  /** 32 MB: more than the system's buffers take for a reader that reads nothing. */
  const body = Buffer.alloc(32 * 1024 * 1024, 'x');
  const CHECK_MS = 400;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': body.length });
      res.end(body);
    });
    server.on('connection', (socket: Socket) => accepted.push(socket));
    closeStalledConnections(server, silentLogger, CHECK_MS);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    bare = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A request whose answer is read only when `read` says (the client's side, paused). */
  async function ask(): Promise<{ client: Socket; served: Socket; received: () => number }> {
    const client = await openTo(bare);
    client.pause();
    const served = accepted.at(-1)!;
    let received = 0;
    client.on('data', (chunk: Buffer) => (received += chunk.length));
    client.pause();
    client.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    return { client, served, received: () => received };
  }

  it('closes one that reads nothing of its answer for a whole check', async () => {
    const { client, served, received } = await ask();
    const start = Date.now();
    await new Promise((resolve) => served.once('close', resolve));
    // Between one and two checks after its reader stopped taking bytes (with a margin).
    expect(Date.now() - start).toBeLessThan(10 * CHECK_MS);
    // The reader, reading again, finds the connection closed short of the answer.
    const closed = new Promise((resolve) => client.once('close', resolve));
    client.resume();
    await closed;
    expect(received()).toBeLessThan(body.length);
  });

  it('keeps one that reads now and then (10 ms in every 80) until it has the whole answer', async () => {
    const { client, served, received } = await ask();
    const reader = setInterval(() => {
      client.resume();
      setTimeout(() => client.pause(), 10);
    }, 80);
    await until(() => received() > body.length || undefined, 15_000);
    clearInterval(reader);
    expect(served.destroyed).toBe(false);
  });
});
