// The files in public/, read once: each is served at a content-hashed URL that never changes
// (so browsers and CDNs keep it for a year) and at its plain name for anyone who links to it.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { urls } from '../urls.js';
import type { CachedResponse } from './response-cache.js';
import { cachedResponse, requestBrotli } from './response-cache.js';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const SHORT = 'public, max-age=300';

export interface AssetManifest {
  /** The URL a page should use for a file in public/: hashed when the manifest is built. */
  url: (file: string) => string;
  /** Cached responses by URL path, for both the hashed and the plain names. */
  responses: ReadonlyMap<string, CachedResponse>;
  /** Hashed and plain URL paths, with the file each serves (for the static export). */
  files: ReadonlyMap<string, string>;
}

/** In dev, assets are served from disk as they are edited: plain names, no hashing. */
export const unhashedAssets: AssetManifest = {
  url: (file) => urls.asset(file),
  responses: new Map(),
  files: new Map(),
};

/**
 * The manifest of a thread that renders pages but serves no asset (another thread writes
 * them): their URLs, from the hashed and plain URL paths of a built manifest.
 */
export function assetsFrom(files: ReadonlyMap<string, string>): AssetManifest {
  const hashed = new Map<string, string>();
  for (const [url, name] of files) if (url !== urls.asset(name)) hashed.set(name, url);
  return { url: (file) => hashed.get(file) ?? urls.asset(file), responses: new Map(), files };
}

/** Reads public/ and builds the responses, with the given security headers on each. */
export async function buildAssetManifest(
  dir: string,
  headers: Record<string, string>,
): Promise<AssetManifest> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name);
  const hashed = new Map<string, string>();
  const responses = new Map<string, CachedResponse>();
  const files = new Map<string, string>();
  for (const name of names.sort()) {
    const body = await readFile(path.join(dir, name));
    const ext = path.extname(name);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const hashedName = `${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
    hashed.set(name, hashedName);
    const type = TYPES[ext] ?? 'application/octet-stream';
    responses.set(
      urls.asset(hashedName),
      cachedResponse(200, body, { ...headers, 'content-type': type, 'cache-control': IMMUTABLE }),
    );
    responses.set(
      urls.asset(name),
      cachedResponse(200, body, { ...headers, 'content-type': type, 'cache-control': SHORT }),
    );
    files.set(urls.asset(hashedName), name);
    files.set(urls.asset(name), name);
  }
  for (const response of responses.values()) requestBrotli(response);
  return {
    url: (file) => urls.asset(hashed.get(file) ?? file),
    responses,
    files,
  };
}
