// Responses built once and served many times: a page is rendered once per content version,
// then kept with its identity, gzip and brotli bodies and a strong ETag, and written
// straight to the socket. Memory is bounded; the least recently used responses go first.
import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompress, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface CachedResponse {
  status: number;
  /** Headers that do not change per request (type, caching, security). */
  headers: Record<string, string>;
  identity: Buffer;
  gzip: Buffer;
  /** Filled in when the (slower) brotli compression finishes. */
  br: Buffer | undefined;
  /** The quoted strong ETag of the identity body; encoded bodies add a suffix. */
  etag: string;
  /** Response headers per encoding, built once: [name, value, name, value, …]. */
  headerLists: Partial<Record<Encoding, (string | number)[]>>;
}

/** Headers a response carries for this request only, never replayed from the cache. */
const PER_REQUEST = new Set([
  'x-request-id',
  'content-length',
  'etag',
  'date',
  'set-cookie',
  'content-encoding',
  'vary',
  'strict-transport-security',
  'transfer-encoding',
  'connection',
  'keep-alive',
]);

/** Too small to be worth compressing: the headers would cost more than the saving. */
const MIN_COMPRESS = 256;

/** Builds a cached response from a body and the headers set for it. */
export function cachedResponse(
  status: number,
  body: Buffer,
  headers: OutgoingHttpHeaders,
): CachedResponse {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || PER_REQUEST.has(name.toLowerCase())) continue;
    kept[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  const compressible =
    body.length >= MIN_COMPRESS && !/^image\/(png|jpe?g|gif|webp)/.test(kept['content-type'] ?? '');
  const entry: CachedResponse = {
    status,
    headers: kept,
    identity: body,
    gzip: compressible ? gzipSync(body, { level: 9 }) : body,
    br: compressible ? undefined : body,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    headerLists: {},
  };
  if (compressible) {
    brotliCompress(
      body,
      {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      },
      (err, result) => {
        entry.br = err ? body : result;
      },
    );
  }
  return entry;
}

/** The best encoding the client accepts that we have ready. */
export function chooseEncoding(acceptEncoding: string | undefined, brReady: boolean): Encoding {
  if (!acceptEncoding) return 'identity';
  let br = false;
  let gzip = false;
  for (const part of acceptEncoding.split(',')) {
    const [token = '', ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
    if (refused) continue;
    if (token === 'br') br = true;
    else if (token === 'gzip' || token === '*') gzip = true;
  }
  if (br && brReady) return 'br';
  if (gzip) return 'gzip';
  return 'identity';
}

function etagFor(entry: CachedResponse, encoding: Encoding): string {
  return encoding === 'identity' ? entry.etag : `${entry.etag.slice(0, -1)}-${encoding}"`;
}

/** Whether If-None-Match names this response in any of its encodings (or is "*"). */
function notModified(ifNoneMatch: string | undefined, entry: CachedResponse): boolean {
  if (!ifNoneMatch) return false;
  const base = entry.etag.slice(0, -1);
  for (const tag of ifNoneMatch.split(',')) {
    const t = tag.trim().replace(/^W\//, '');
    if (t === '*' || t === entry.etag || (t.startsWith(base) && t.endsWith('"'))) return true;
  }
  return false;
}

/** The headers of a 200 in one encoding, built on first use and kept with the entry. */
function headerList(entry: CachedResponse, encoding: Encoding): (string | number)[] {
  let list = entry.headerLists[encoding];
  if (!list) {
    const body = encoding === 'br' ? entry.br! : encoding === 'gzip' ? entry.gzip : entry.identity;
    list = Object.entries(entry.headers).flat();
    list.push('etag', etagFor(entry, encoding), 'content-length', body.length);
    if (entry.identity !== entry.gzip) list.push('vary', 'Accept-Encoding');
    if (encoding !== 'identity') list.push('content-encoding', encoding);
    entry.headerLists[encoding] = list;
  }
  return list;
}

/**
 * Writes a cached response: 304 for a matching If-None-Match, no body for HEAD, the best
 * encoding the client accepts. `extra` are this request's own headers. Returns the status.
 */
export function writeCached(
  req: IncomingMessage,
  res: ServerResponse,
  entry: CachedResponse,
  extra: Record<string, string>,
): number {
  const encoding =
    entry.identity === entry.gzip
      ? 'identity'
      : chooseEncoding(req.headers['accept-encoding'], entry.br !== undefined);
  if (notModified(req.headers['if-none-match'], entry)) {
    const headers: Record<string, string> = {
      ...entry.headers,
      ...extra,
      etag: etagFor(entry, encoding),
    };
    delete headers['content-type'];
    if (entry.identity !== entry.gzip) headers.vary = 'Accept-Encoding';
    res.writeHead(304, headers);
    res.end();
    return 304;
  }
  const list = headerList(entry, encoding).slice();
  for (const name in extra) list.push(name, extra[name]!);
  res.writeHead(entry.status, list as unknown as string[]);
  res.end(
    req.method === 'HEAD'
      ? undefined
      : encoding === 'br'
        ? entry.br!
        : encoding === 'gzip'
          ? entry.gzip
          : entry.identity,
  );
  return entry.status;
}

interface Bucket {
  entries: Map<string, CachedResponse>;
  bytes: number;
}

const sizeOf = (e: CachedResponse): number =>
  e.identity.length + (e.gzip === e.identity ? 0 : e.gzip.length) + e.identity.length / 4;

/** Cached responses per content version (a key object), within a memory budget. */
export class ResponseCache<K extends object> {
  readonly #buckets = new WeakMap<K, Bucket>();

  constructor(readonly maxBytes = 256 * 1024 * 1024) {}

  get(key: K, path: string): CachedResponse | undefined {
    const bucket = this.#buckets.get(key);
    const entry = bucket?.entries.get(path);
    if (bucket && entry) {
      // Most recently used last: eviction takes from the front.
      bucket.entries.delete(path);
      bucket.entries.set(path, entry);
    }
    return entry;
  }

  put(key: K, path: string, entry: CachedResponse): void {
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { entries: new Map(), bytes: 0 };
      this.#buckets.set(key, bucket);
    }
    const old = bucket.entries.get(path);
    if (old) bucket.bytes -= sizeOf(old);
    bucket.entries.delete(path);
    bucket.entries.set(path, entry);
    bucket.bytes += sizeOf(entry);
    for (const [oldest, value] of bucket.entries) {
      if (bucket.bytes <= this.maxBytes || bucket.entries.size === 1) break;
      bucket.entries.delete(oldest);
      bucket.bytes -= sizeOf(value);
    }
  }

  size(key: K): number {
    return this.#buckets.get(key)?.entries.size ?? 0;
  }
}
