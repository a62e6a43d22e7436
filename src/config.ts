// The only reader of process.env: every setting once, with its variable and default.
import path from 'node:path';
import { homedir } from 'node:os';
import { defaultContentDir } from './paths.js';

/** How long a content load may spend on one file before it is abandoned. */
export const DEFAULT_LOAD_BUDGET_MS = 5_000;
/** How many live streams one process keeps open unless told (each holds a socket). */
export const DEFAULT_LIVE_STREAM_MAX = 1_000;

export interface Config {
  /** PORT: port to listen on. */
  port: number;
  /** HOST: interface to bind (127.0.0.1 in dev, whose pages show file excerpts; 0.0.0.0 otherwise). */
  host: string;
  /** CONTENT_DIR: the content folder to serve. */
  contentDir: string;
  /**
   * The folder the command was typed in, where paths given to it start: `npm run` runs a script
   * from the project folder and gives the folder it was called from as INIT_CWD.
   */
  typedIn: string;
  /** BASE_URL: absolute origin for canonical links, sitemap, feeds and cards. */
  baseUrl: string;
  /** WATCH: reload content when files change (on in dev, off otherwise). */
  watch: boolean;
  /** NODE_ENV=development or `npm run dev`: show content problems in pages, live reload. */
  dev: boolean;
  /** LOG_LEVEL: pino level. */
  logLevel: string;
  /** TRUST_PROXY: trust X-Forwarded-* from a reverse proxy (for HTTPS detection and HSTS). */
  trustProxy: boolean;
  /** LOAD_BUDGET_MS: how long a content load may spend on one file before it is abandoned. */
  loadBudgetMs: number;
  /** LIVE_STREAM: offer open pages a Server-Sent Events stream beside the polled version document. */
  liveStream: boolean;
  /** LIVE_STREAM_MAX: open streams at most; past it readers are told to poll. */
  liveStreamMax: number;
  /** CONNECTIONS_PER_CLIENT: connections one address may hold at once (0: no limit). */
  connectionsPerClient: number;
  /**
   * LAST_GOOD_DIR: where a watching server (WATCH=true, outside dev) keeps the last good
   * content, to serve it if started again while content has errors; undefined with `off`.
   */
  lastGoodDir: string | undefined;
}

/**
 * Where the last good content is kept unless told: the user's state folder (XDG's
 * `$XDG_STATE_HOME`, by default `~/.local/state`), which a deploy of the project (`npm ci`
 * empties node_modules) leaves alone.
 */
function parseLastGoodDir(env: Env, typedIn: string): string | undefined {
  const value = env.LAST_GOOD_DIR;
  // Off however it is said, as for the other switches: "OFF" is not a folder called OFF.
  if (value !== undefined && OFF.test(value)) return undefined;
  if (value) return path.resolve(typedIn, value);
  const state = env.XDG_STATE_HOME || path.join(homedir(), '.local', 'state');
  return path.join(state, 'election-explainer');
}

type Env = Record<string, string | undefined>;

/** How a switch is turned off: the same words for every setting. */
const OFF = /^(0|false|off|no)$/i;

function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|on|yes)$/i.test(value)) return true;
  if (OFF.test(value)) return false;
  throw new Error(`${name} must be one of true, false, on, off, 1, 0; found "${value}".`);
}

function parseBudget(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_LOAD_BUDGET_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100) {
    throw new Error(
      `LOAD_BUDGET_MS must be a whole number of milliseconds, at least 100; found "${value}".`,
    );
  }
  return ms;
}

function parseStreamMax(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_LIVE_STREAM_MAX;
  const max = Number(value);
  if (!Number.isInteger(max) || max < 0 || max > 1_000_000) {
    throw new Error(`LIVE_STREAM_MAX must be a whole number from 0 to 1000000; found "${value}".`);
  }
  return max;
}

/**
 * Connections one client address may hold by default. A browser holds six at most, and many
 * readers can share an address (a phone network's, an office's); behind a proxy every
 * connection is the proxy's, so TRUST_PROXY sets no limit unless one is given.
 */
export const DEFAULT_CONNECTIONS_PER_CLIENT = 1_000;

function parseConnections(value: string | undefined, trustProxy: boolean): number {
  if (value === undefined || value === '') return trustProxy ? 0 : DEFAULT_CONNECTIONS_PER_CLIENT;
  const max = Number(value);
  if (!Number.isInteger(max) || max < 0 || max > 1_000_000) {
    throw new Error(
      `CONNECTIONS_PER_CLIENT must be a whole number from 0 (no limit) to 1000000; found "${value}".`,
    );
  }
  return max;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535; found "${value}".`);
  }
  return port;
}

export function readConfig(env: Env = process.env): Config {
  const dev = env.NODE_ENV === 'development';
  const port = parsePort(env.PORT);
  const typedIn = env.INIT_CWD ?? process.cwd();
  const baseUrl = (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const trustProxy = parseBoolean('TRUST_PROXY', env.TRUST_PROXY, false);
  return {
    port,
    host: env.HOST || (dev ? '127.0.0.1' : '0.0.0.0'),
    contentDir: path.resolve(typedIn, env.CONTENT_DIR ?? defaultContentDir),
    typedIn,
    baseUrl,
    watch: parseBoolean('WATCH', env.WATCH, dev),
    dev,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy,
    loadBudgetMs: parseBudget(env.LOAD_BUDGET_MS),
    liveStream: parseBoolean('LIVE_STREAM', env.LIVE_STREAM, false),
    liveStreamMax: parseStreamMax(env.LIVE_STREAM_MAX),
    connectionsPerClient: parseConnections(env.CONNECTIONS_PER_CLIENT, trustProxy),
    lastGoodDir: parseLastGoodDir(env, typedIn),
  };
}
