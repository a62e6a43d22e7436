// Connections per client (an IPv4 address, an IPv6 /64: see clientOf). Each connection a server holds is a file descriptor, and
// the process has a fixed number (20,000 here): one client opening connections and sending a
// header line now and then held every one of them, and nobody else could connect, /healthz
// included. Past its share, a client's new connection is closed as it arrives; the others
// are untouched. Behind a proxy every connection comes from the proxy, which limits clients
// itself: there is no limit then unless one is set.
import type { RequestListener, Server } from 'node:http';
import type { Socket } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Logger } from 'pino';

/** How often at most the server says it is refusing connections. */
const REFUSAL_LOG_MS = 10_000;

/**
 * The client an address stands for, for what one client may hold: an IPv4 address itself (an
 * IPv4-mapped IPv6 one as IPv4), an IPv6 address's /64. An IPv6 subscriber is given a /64 at
 * least (RFC 6177), and picks any address in it for each connection, so a limit per IPv6
 * address would limit nothing.
 */
export function clientOf(address: string | undefined): string {
  if (address === undefined || !ipaddr.isValid(address)) return address ?? '';
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  const network = (ip as ipaddr.IPv6).parts.slice(0, 4);
  return `${network.map((part) => part.toString(16)).join(':')}::/64`;
}

/**
 * What each client holds (connections, streams): a client is here while it holds one, so the
 * map is bounded by what is held.
 */
export class HeldPerClient {
  readonly #held = new Map<string, number>();

  /** How many `client` holds. */
  of(client: string): number {
    return this.#held.get(client) ?? 0;
  }

  /** Counts one more for `client`; the returned function gives it back (once). */
  take(client: string): () => void {
    this.#held.set(client, this.of(client) + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = this.of(client) - 1;
      if (left === 0) this.#held.delete(client);
      else this.#held.set(client, left);
    };
  }
}

/**
 * A warning said at most once per REFUSAL_LOG_MS, with how many times it happened since it was
 * last said (as `count`): a flood of refusals is one line every ten seconds, not a line each.
 */
function refusalLog(logger: Logger, count: string, message: string) {
  let since = 0;
  let lastLog = -Infinity;
  return (fields: Record<string, unknown>): void => {
    since++;
    const now = performance.now();
    if (now - lastLog < REFUSAL_LOG_MS) return;
    lastLog = now;
    logger.warn({ ...fields, [count]: since }, message);
    since = 0;
  };
}

export function limitConnectionsPerClient(server: Server, max: number, logger: Logger): void {
  if (max === 0) return;
  const open = new HeldPerClient();
  const refused = refusalLog(
    logger,
    'refused',
    'refusing new connections from an address that holds CONNECTIONS_PER_CLIENT of them',
  );
  server.on('connection', (socket) => {
    const address = clientOf(socket.remoteAddress);
    const count = open.of(address);
    if (count >= max) {
      socket.destroy();
      refused({ address, open: count });
      return;
    }
    socket.once('close', open.take(address));
  });
}

/**
 * Requests a connection may have answered and waiting behind an earlier answer still being
 * written (HTTP/1.1 pipelining). Node reads a connection 64 KB at a time and answers every
 * request in what it read before it stops reading for the answers to go out: 2,000 requests of
 * 32 bytes each, in one read. A hundred connections from one address sending that, and
 * reading nothing, held the serving thread for 11 s and 670 MB. No browser pipelines.
 */
export const MAX_PIPELINED = 16;

const WAITING = Symbol('answers waiting');
type Counted = Socket & { [WAITING]?: number };

/**
 * The handler, for a connection with at most `max` answers waiting behind an earlier one;
 * past that the connection is closed, its requests after it unanswered. A request answered
 * at once (most: none waits) costs one property read.
 */
export function limitPipelining(
  handler: RequestListener,
  logger: Logger,
  max = MAX_PIPELINED,
): RequestListener {
  const closed = refusalLog(
    logger,
    'closed',
    `closing connections that sent more than ${max} requests ahead of their answers`,
  );
  return (req, res) => {
    // A response has its connection once the answers before it are written.
    if (res.socket !== null) return handler(req, res);
    const socket = req.socket as Counted;
    if (socket.destroyed) return;
    const waiting = (socket[WAITING] ?? 0) + 1;
    if (waiting > max) {
      socket.destroy();
      closed({ address: socket.remoteAddress });
      return;
    }
    socket[WAITING] = waiting;
    res.once('finish', () => {
      socket[WAITING] = (socket[WAITING] ?? 1) - 1;
    });
    handler(req, res);
  };
}

/** How often connections are looked at for answers their readers take nothing of. */
export const STALL_CHECK_MS = 15_000;

/**
 * Where a connection's writing stands: the bytes the system has taken, and those it still
 * has to take of the write it was given last (what Node's own socket timeout looks at).
 * Undefined when nothing waits to be written.
 */
function progressOf(socket: Socket): string | undefined {
  const waiting = socket.writableLength;
  if (waiting === 0) return undefined;
  const handle = (socket as unknown as { _handle?: { writeQueueSize?: number } | null })._handle;
  return `${socket.bytesWritten - waiting}:${handle?.writeQueueSize ?? 0}`;
}

/**
 * Closes a connection whose reader has taken nothing of what waits to be written to it for a
 * whole check (between one and two periods of `everyMs`). Node closes a connection that sends
 * nothing (the timeouts for headers, requests and keep-alive) but not one that reads nothing:
 * a client that asked and never read held its connection, and the answers waiting for it,
 * for as long as it liked. A slow reader is not closed: any progress counts.
 */
export function closeStalledConnections(
  server: Server,
  logger: Logger,
  everyMs = STALL_CHECK_MS,
): void {
  const open = new Set<Socket>();
  const last = new WeakMap<Socket, string>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  const check = setInterval(() => {
    let closed = 0;
    for (const socket of open) {
      const now = progressOf(socket);
      if (now === undefined) last.delete(socket);
      else if (last.get(socket) === now) {
        socket.destroy();
        closed++;
      } else last.set(socket, now);
    }
    if (closed > 0)
      logger.warn(
        { closed },
        `closed connections whose readers took nothing of their answers for ${everyMs / 1000} s`,
      );
  }, everyMs);
  check.unref();
  server.once('close', () => clearInterval(check));
}
