// Follow every internal link from the home page: every page, file and section it points at exists.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appFor } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';

const decode = (href: string): string => href.replace(/&amp;/g, '&');

describe('a crawl of the shipped site', () => {
  it('finds no broken link or missing section, and reaches every page', async () => {
    const { app, holder } = await appFor(shippedContent);
    const pages = new Map<string, string>();
    const files = new Map<string, number>();
    const queue = ['/'];
    const links: [from: string, href: string][] = [];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (pages.has(path) || files.has(path)) continue;
      const res = await request(app).get(path);
      if (!String(res.headers['content-type']).startsWith('text/html')) {
        files.set(path, res.status);
        continue;
      }
      expect(res.status, path).toBe(200);
      pages.set(path, res.text);
      for (const match of res.text.matchAll(/(?:href|src)="([^"]+)"/g)) {
        const href = decode(match[1]!);
        if (!href.startsWith('/') && !href.startsWith('#')) continue;
        links.push([path, href]);
        const target = href.startsWith('#') ? path : href.split('#')[0]!;
        queue.push(target);
      }
    }
    const broken: string[] = [];
    for (const [path, status] of files) if (status !== 200) broken.push(`${path}: ${status}`);
    for (const [from, href] of links) {
      const [target = from, fragment] = href.startsWith('#')
        ? [from, href.slice(1)]
        : href.split('#');
      if (fragment && !pages.get(target)?.includes(`id="${fragment}"`))
        broken.push(`${from} → ${href}: no such section`);
    }
    expect(broken).toEqual([]);
    expect([...pages.keys()].sort()).toEqual([...holder.current.routes.keys()].sort());
    // Pages link to assets under content-hashed names, and to the feed.
    expect([...files.keys()].sort()).toEqual([
      expect.stringMatching(/^\/assets\/enhance\.[0-9a-f]{10}\.js$/),
      expect.stringMatching(/^\/assets\/favicon\.[0-9a-f]{10}\.svg$/),
      expect.stringMatching(/^\/assets\/site\.[0-9a-f]{10}\.css$/),
      '/feed.xml',
    ]);
  });
});
