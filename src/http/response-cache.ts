// Responses built once and served many times: a page is rendered once per content version,
// then kept with its identity, gzip and brotli bodies and a strong ETag, and written
// straight to the socket. Responses are kept under the path routing resolved (never the
// request target as sent), for the content being served only, within a budget that counts
// every body an entry can hold; the least recently used responses go first.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { CompressionQueue } from './compress-queue.js';
import { headerOf, perRequestHeaders } from './request.js';
import { HSTS } from './security.js';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface CachedResponse {
  status: number;
  /** Headers that do not change per request (type, caching, security). */
  headers: Record<string, string>;
  identity: Buffer;
  /** The gzip body; the identity body itself when the response is not worth compressing. */
  gzip: Buffer;
  /** Filled in when the (slower) brotli compression finishes. */
  br: Buffer | undefined;
  /** Brotli came out no smaller than gzip (or failed): gzip is the best there is. */
  noBrotli: boolean;
  /**
   * The brotli body is the quick one made for a brotli-only client: it has a tag of its own,
   * since the background job's better body (other bytes) may replace it.
   */
  brQuick: boolean;
  /** The quoted strong ETag of the identity body; encoded bodies add a suffix. */
  etag: string;
  /**
   * The headers of a 200, then of a 304, per encoding and scheme, built on first use:
   * [name, value, …], the request id's value last (see headerList, notModifiedList).
   */
  headerLists: (string[] | undefined)[];
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

/** Brotli runs in the background, one job at a time, at most 64 waiting. */
export const brotliQueue = new CompressionQueue<CachedResponse>(64, 1);

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
  return {
    status,
    headers: kept,
    identity: body,
    gzip: compressible ? gzipSync(body, { level: 9 }) : body,
    br: compressible ? undefined : body,
    noBrotli: !compressible,
    brQuick: false,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    headerLists: [],
  };
}

const compressed = (entry: CachedResponse): boolean => entry.identity !== entry.gzip;

/** Keeps brotli only where it beats gzip, so an entry never holds more than 2 × its gzip. */
function keepBrotli(entry: CachedResponse, br: Buffer | undefined, quick: boolean): void {
  if (br && br.length < entry.gzip.length) {
    // A better body than the quick one made for a brotli-only client: its headers (its
    // length and tag) are made again on next use.
    if (entry.br !== undefined) entry.headerLists = [];
    entry.br = br;
    entry.brQuick = quick;
  } else entry.noBrotli = true;
}

/** Asks for the brotli body in the background, if the entry still lacks it and there is room. */
export function requestBrotli(entry: CachedResponse): void {
  if (entry.br !== undefined || entry.noBrotli) return;
  brotliQueue.add(entry, entry.identity, (br) => keepBrotli(entry, br, false));
}

/** How much a client wants each coding: its q-value, 0 for "not acceptable". */
interface Preferences {
  br: number;
  gzip: number;
  identity: number;
}

const QVALUE = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * How much of an Accept-Encoding field is read: its first members, within so many characters.
 * Browsers send four members in some thirty ("gzip, deflate, br, zstd"); a field of 14,000
 * commas took 1.4 ms to read, on the serving thread, for every request that sent it (each
 * one different, so none is remembered), and 32 connections sending such fields held
 * /healthz for 0.4 s.
 */
const ACCEPT_ENCODING_READ = 256;
const ACCEPT_ENCODING_MEMBERS = 16;

/** Reads an Accept-Encoding field value as RFC 9110 §12.5.3 says (its first members). */
export function acceptedEncodings(field: string | undefined): Preferences {
  // No field: the RFC lets us pick any coding, but clients that send none (scripts, old
  // tools) rarely decode one, so they get identity. An empty field: only identity.
  if (field === undefined) return { br: 0, gzip: 0, identity: 1 };
  const read =
    field.length <= ACCEPT_ENCODING_READ
      ? field
      : field.slice(0, field.lastIndexOf(',', ACCEPT_ENCODING_READ) + 1 || ACCEPT_ENCODING_READ);
  const listed = new Map<string, number>();
  for (const member of read.split(',', ACCEPT_ENCODING_MEMBERS)) {
    const [coding = '', ...params] = member.split(';');
    const name = coding.trim().toLowerCase();
    if (name === '') continue;
    let q = 1;
    for (const param of params) {
      const m = QVALUE.exec(
        param
          .trim()
          .toLowerCase()
          .replace(/\s*=\s*/, '='),
      );
      if (m) q = Number(m[1]);
    }
    listed.set(name === 'x-gzip' ? 'gzip' : name, q);
  }
  const star = listed.get('*');
  const q = (name: string): number => listed.get(name) ?? star ?? 0;
  // Identity is acceptable unless excluded by name, or by "*;q=0" with no entry of its own;
  // unlisted, it comes after every coding the client named.
  const identity = listed.get('identity') ?? star ?? 0.001;
  return { br: q('br'), gzip: q('gzip'), identity };
}

const parsed = new Map<string, Preferences>();

/** The same few Accept-Encoding values arrive again and again: read each once (bounded). */
function preferencesOf(field: string | undefined): Preferences {
  if (field === undefined) return acceptedEncodings(field);
  let prefs = parsed.get(field);
  if (!prefs) {
    if (parsed.size >= 256) parsed.clear();
    prefs = acceptedEncodings(field);
    parsed.set(field, prefs);
  }
  return prefs;
}

/**
 * The encoding to send: the one the client prefers most among those this response has,
 * brotli before gzip before identity when they tie, and a brotli body not yet compressed
 * only when nothing else is acceptable. Undefined when the client accepts none (406).
 */
export function chooseEncoding(
  prefs: Preferences,
  compressible: boolean,
  brReady: boolean,
): Encoding | undefined {
  if (!compressible) return prefs.identity > 0 ? 'identity' : undefined;
  // The first of the highest q wins: brotli (when ready), then gzip, then identity.
  let best: Encoding | undefined;
  let bestQ = 0;
  if (brReady && prefs.br > bestQ) {
    best = 'br';
    bestQ = prefs.br;
  }
  if (prefs.gzip > bestQ) {
    best = 'gzip';
    bestQ = prefs.gzip;
  }
  if (prefs.identity > bestQ) best = 'identity';
  if (best === undefined && !brReady && prefs.br > 0) return 'br';
  return best;
}

/**
 * The strong ETag of a body: the identity body's, with the coding added; the quick brotli
 * body's differs from the better one that may replace it (a strong tag names the bytes).
 */
function etagFor(entry: CachedResponse, encoding: Encoding, quick = entry.brQuick): string {
  if (encoding === 'identity') return entry.etag;
  const suffix = encoding === 'br' && quick ? 'br-quick' : encoding;
  return `${entry.etag.slice(0, -1)}-${suffix}"`;
}

const ENTITY_TAG = /[\s,]*(?:W\/)?("[^"]*")[ \t]*(?:,|$)/y;

/**
 * If-None-Match as RFC 9110 §13.1.2 says: "*", or a list of entity-tags one of which is
 * the selected representation's, compared weakly (W/ ignored), each tag whole. A field that
 * is not a list of entity-tags matches nothing.
 */
export function noneMatch(field: string | undefined, etag: string): boolean {
  if (field === undefined) return false;
  if (field.trim() === '*') return true;
  ENTITY_TAG.lastIndex = 0;
  while (ENTITY_TAG.lastIndex < field.length) {
    const m = ENTITY_TAG.exec(field);
    if (!m) return false;
    if (m[1] === etag) return true;
  }
  return false;
}

function headersFor(entry: CachedResponse, encoding: Encoding, body: Buffer, tag: string) {
  const list = Object.entries(entry.headers).flat();
  list.push('etag', tag, 'content-length', String(body.length));
  if (compressed(entry)) list.push('vary', 'Accept-Encoding');
  if (encoding !== 'identity') list.push('content-encoding', encoding);
  return list;
}

/** The headers of a 200 with this request's own last: HSTS over HTTPS, then the id. */
function headersWithId(
  entry: CachedResponse,
  encoding: Encoding,
  body: Buffer,
  id: string,
  secure: boolean,
  tag = etagFor(entry, encoding),
): string[] {
  return withOwn(headersFor(entry, encoding, body, tag), id, secure);
}

/** Adds this request's own headers last: HSTS over HTTPS, then the id. */
function withOwn(list: string[], id: string, secure: boolean): string[] {
  if (secure) list.push('strict-transport-security', HSTS);
  list.push('x-request-id', id);
  return list;
}

const ENCODINGS: Encoding[] = ['identity', 'gzip', 'br'];

/** Where the 304s' header lists start in an entry's list of lists: after the 200s'. */
const NOT_MODIFIED = ENCODINGS.length * 2;

/**
 * The headers of a 200 in one encoding, over HTTPS or not, built on first use and kept with
 * the entry, with this request's id as the last value. The list is the entry's own, not a
 * copy: writeHead reads it at once and keeps nothing of it, and the next request puts its id
 * in the same place.
 */
function headerList(entry: CachedResponse, encoding: Encoding, id: string, secure: boolean) {
  const at = ENCODINGS.indexOf(encoding) * 2 + (secure ? 1 : 0);
  // The body is looked at only to build the list (its length), once per encoding and scheme.
  const list = (entry.headerLists[at] ??= headersWithId(
    entry,
    encoding,
    encoding === 'br' ? entry.br! : encoding === 'gzip' ? entry.gzip : entry.identity,
    id,
    secure,
  ));
  list[list.length - 1] = id;
  return list;
}

/**
 * What a 304 repeats of the 200's headers: what RFC 9110 §15.4.5 asks for (the cache
 * lifetime, Content-Location) and what a cross-origin script reading the 304 itself needs
 * (CORS). The rest (the security headers, the language) belongs to the response a cache
 * already holds, which keeps them when it freshens it (RFC 9111 §4.3.4); a page left open
 * polls its version document with If-None-Match, so nearly every poll is a 304, and Node
 * writes each header of it.
 */
const REPEATED_IN_304 = /^(?:cache-control|expires|content-location|access-control-.*)$/;

/**
 * The headers of a 304: those the 200 has that a 304 repeats, with the tag of the body the
 * client holds, Vary, and this request's own last (HSTS over HTTPS, the id).
 */
function notModifiedHeaders(entry: CachedResponse, tag: string, id: string, secure: boolean) {
  const list: string[] = [];
  for (const name in entry.headers)
    if (REPEATED_IN_304.test(name)) list.push(name, entry.headers[name]!);
  list.push('etag', tag);
  if (compressed(entry)) list.push('vary', 'Accept-Encoding');
  return withOwn(list, id, secure);
}

/**
 * The headers of a 304 in one encoding, over HTTPS or not, built on first use and kept with
 * the entry beside the 200's (see headerList).
 */
function notModifiedList(entry: CachedResponse, encoding: Encoding, id: string, secure: boolean) {
  const at = NOT_MODIFIED + ENCODINGS.indexOf(encoding) * 2 + (secure ? 1 : 0);
  const list = (entry.headerLists[at] ??= notModifiedHeaders(
    entry,
    etagFor(entry, encoding),
    id,
    secure,
  ));
  list[list.length - 1] = id;
  return list;
}

/** What a 406 says: the client refused every coding this response comes in. */
function notAcceptable(res: ServerResponse, entry: CachedResponse, id: string, secure: boolean) {
  const body = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Not acceptable</title><h1>Not acceptable</h1><p>This address is sent uncompressed${compressed(entry) ? ', or with gzip or brotli' : ''}, and the request's Accept-Encoding refuses all of them. Send the request again accepting one of them (or without Accept-Encoding).</p><p>Request id: ${id}</p></html>`;
  const headers: Record<string, string | number> = {
    ...entry.headers,
    ...perRequestHeaders(id, secure),
  };
  headers['content-type'] = 'text/html; charset=utf-8';
  headers['cache-control'] = 'no-store';
  headers['content-length'] = Buffer.byteLength(body);
  if (compressed(entry)) headers.vary = 'Accept-Encoding';
  res.writeHead(406, headers);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * Writes a cached response: 304 for a matching If-None-Match, no body for HEAD, the best
 * encoding the client accepts (406 if it accepts none), with this request's id (and HSTS
 * over HTTPS). Returns the status.
 */
export function writeCached(
  req: IncomingMessage,
  res: ServerResponse,
  entry: CachedResponse,
  id: string,
  secure: boolean,
): number {
  const encoding = chooseEncoding(
    preferencesOf(headerOf(req, 'accept-encoding')),
    compressed(entry),
    entry.br !== undefined,
  );
  if (encoding === undefined) {
    notAcceptable(res, entry, id, secure);
    return 406;
  }
  // Brotli is all the client takes and the background job has not run: compress it now,
  // quickly, and keep it (the background job may still improve on it).
  let br = entry.br;
  if (encoding === 'br' && br === undefined) {
    br = brotliCompressSync(entry.identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    if (!entry.noBrotli) keepBrotli(entry, br, true);
  }
  // A quick body not kept (brotli is no better than gzip here) is still a quick body.
  const quick = entry.brQuick || br !== entry.br;
  const ifNoneMatch = headerOf(req, 'if-none-match');
  const tag = ifNoneMatch === undefined ? undefined : etagFor(entry, encoding, quick);
  if (tag !== undefined && noneMatch(ifNoneMatch, tag)) {
    res.writeHead(
      304,
      br === entry.br
        ? notModifiedList(entry, encoding, id, secure)
        : notModifiedHeaders(entry, tag, id, secure), // this request's only
    );
    res.end();
    return 304;
  }
  const body = encoding === 'br' ? br! : encoding === 'gzip' ? entry.gzip : entry.identity;
  const list =
    br === entry.br
      ? headerList(entry, encoding, id, secure)
      : headersWithId(entry, 'br', body, id, secure, etagFor(entry, 'br', true)); // this request's only
  res.writeHead(entry.status, list);
  res.end(req.method === 'HEAD' ? undefined : body);
  return entry.status;
}

/** Memory an entry may come to hold: its bodies (brotli counted as gzip at most) and its headers. */
const sizeOf = (e: CachedResponse): number =>
  e.identity.length + (compressed(e) ? 2 * e.gzip.length : 0) + 1024;

/**
 * Cached responses for one content version (a key object), within a memory budget and a
 * count: responses of earlier versions are dropped as soon as one for a newer one is kept.
 */
export class ResponseCache<K extends object> {
  #key: K | undefined;
  readonly #entries = new Map<string, CachedResponse>();
  #bytes = 0;
  #hits = 0;

  constructor(
    readonly maxBytes = 256 * 1024 * 1024,
    readonly maxEntries = 20_000,
  ) {}

  get(key: K, path: string): CachedResponse | undefined {
    if (key !== this.#key) return undefined;
    const entry = this.#entries.get(path);
    // Most recently used last: eviction takes from the front. Moving an entry on one hit in
    // 16 keeps a page in steady use at the back at a sixteenth of the cost on the fast path.
    if (entry && (++this.#hits & 15) === 0) {
      this.#entries.delete(path);
      this.#entries.set(path, entry);
      requestBrotli(entry);
    }
    return entry;
  }

  put(key: K, path: string, entry: CachedResponse): void {
    if (key !== this.#key) {
      for (const old of this.#entries.values()) brotliQueue.cancel(old);
      this.#entries.clear();
      this.#bytes = 0;
      this.#key = key;
    }
    const old = this.#entries.get(path);
    if (old) this.#drop(path, old);
    this.#entries.set(path, entry);
    this.#bytes += sizeOf(entry);
    requestBrotli(entry);
    for (const [oldest, value] of this.#entries) {
      if (this.#entries.size === 1) break;
      if (this.#bytes <= this.maxBytes && this.#entries.size <= this.maxEntries) break;
      this.#drop(oldest, value);
    }
  }

  #drop(path: string, entry: CachedResponse): void {
    this.#entries.delete(path);
    this.#bytes -= sizeOf(entry);
    brotliQueue.cancel(entry);
  }

  size(key: K): number {
    return key === this.#key ? this.#entries.size : 0;
  }

  /** The memory the kept responses may come to hold, by the budget's count. */
  get bytes(): number {
    return this.#bytes;
  }
}
