// A reader on a slow phone connection: a candidate page with everything it loads (styles,
// script, icon) weighs under 30 KB gzip-compressed, and needs nothing from other sites.
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { appFor, raw } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';

describe('page weight', () => {
  it('every candidate page, with what it loads, is under 30 KB gzip', async () => {
    const { app, holder } = await appFor(shippedContent);
    const gz = (body: string | Buffer): number => gzipSync(body, { level: 9 }).length;
    for (const election of holder.current.elections) {
      for (const candidate of election.candidates) {
        const page = await request(app).get(candidate.url).expect(200);
        const loaded = [
          ...page.text.matchAll(
            /<(?:link rel="(?:stylesheet|icon)"|script) (?:href|src)="([^"]+)"/g,
          ),
        ].map((m) => m[1]!);
        expect(
          loaded.every((url) => url.startsWith('/assets/')),
          candidate.url,
        ).toBe(true);
        let total = gz(page.text);
        for (const url of loaded) total += gz((await raw(app, url).expect(200)).body as Buffer);
        expect(total, `${candidate.url}: ${total} bytes`).toBeLessThan(30 * 1024);
      }
    }
  });
});
