// The response cache's bounds: memory by a budget that counts every body an entry can come to
// hold, one content version at a time, and a brotli queue that is bounded and lets go of
// whatever the cache drops.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CompressionQueue } from '../../src/http/compress-queue.js';
import type { CachedResponse } from '../../src/http/response-cache.js';
import { brotliQueue, cachedResponse, ResponseCache } from '../../src/http/response-cache.js';

/** A page-like body: compressible, different every time. */
const page = (): Buffer =>
  Buffer.from(`<p>${randomBytes(2000).toString('hex')}</p>`.repeat(4), 'utf8');
const html = { 'content-type': 'text/html; charset=utf-8' };

describe('ResponseCache', () => {
  it('stays within its budget, counting gzip and the brotli to come', () => {
    const cache = new ResponseCache<object>(1024 * 1024);
    const version = {};
    const entries: CachedResponse[] = [];
    for (let i = 0; i < 200; i++) {
      const entry = cachedResponse(200, page(), html);
      entries.push(entry);
      cache.put(version, `/p${i}`, entry);
      expect(cache.bytes).toBeLessThanOrEqual(1024 * 1024);
      expect(brotliQueue.waiting).toBeLessThanOrEqual(brotliQueue.limit);
    }
    const kept = cache.size(version);
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(200);
    // The least recently used went first, and their brotli jobs with them.
    expect(cache.get(version, '/p0')).toBeUndefined();
    expect(cache.get(version, '/p199')).toBe(entries[199]);
    for (const dropped of entries.slice(0, 200 - kept))
      expect(brotliQueue.has(dropped)).toBe(false);
  });

  it('keeps one content version: responses of the last one go when the next is stored', () => {
    const cache = new ResponseCache<object>();
    const [v1, v2] = [{}, {}];
    const old = cachedResponse(200, page(), html);
    cache.put(v1, '/', old);
    expect(cache.get(v2, '/')).toBeUndefined();
    cache.put(v2, '/', cachedResponse(200, page(), html));
    expect(cache.size(v1)).toBe(0);
    expect(cache.get(v1, '/')).toBeUndefined();
    expect(brotliQueue.has(old)).toBe(false);
    expect(cache.size(v2)).toBe(1);
  });
});

describe('CompressionQueue', () => {
  it('turns work away when full, runs each owner once, and forgets cancelled owners', async () => {
    const queue = new CompressionQueue<object>(3, 1);
    const done: string[] = [];
    const owners = Array.from({ length: 6 }, () => ({}));
    const added = owners.map((o, i) => queue.add(o, page(), () => done.push(`job ${i}`)));
    // One runs at once and three wait: the rest are turned away.
    expect(added).toEqual([true, true, true, true, false, false]);
    expect(queue.add(owners[1]!, page(), () => done.push('again'))).toBe(true);
    expect(queue.waiting).toBe(3);
    queue.cancel(owners[2]!);
    expect(queue.has(owners[2]!)).toBe(false);
    for (let i = 0; i < 500 && done.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(done).toEqual(['job 0', 'job 1', 'job 3']);
  });
});
