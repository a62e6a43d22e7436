// Connections per client (an IPv4 address, an IPv6 /64: see clientOf). Each connection a server holds is a file descriptor, and
// the process has a fixed number (20,000 here): one client opening connections and sending a
// header line now and then held every one of them, and nobody else could connect, /healthz
// included. Past its share, a client's new connection is closed as it arrives; the others
// are untouched. Behind a proxy every connection comes from the proxy, which limits clients
// itself: there is no limit then unless one is set.
import type { Server } from 'node:http';
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

export function limitConnectionsPerClient(server: Server, max: number, logger: Logger): void {
  if (max === 0) return;
  const open = new HeldPerClient();
  let refused = 0;
  let lastLog = -Infinity;
  server.on('connection', (socket) => {
    const address = clientOf(socket.remoteAddress);
    const count = open.of(address);
    if (count >= max) {
      socket.destroy();
      refused++;
      const now = performance.now();
      if (now - lastLog >= REFUSAL_LOG_MS) {
        lastLog = now;
        logger.warn(
          { address, open: count, refused },
          'refusing new connections from an address that holds CONNECTIONS_PER_CLIENT of them',
        );
        refused = 0;
      }
      return;
    }
    socket.once('close', open.take(address));
  });
}
