// The pages of the shipped content over real HTTP: status, key content, headers.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Express } from 'express';
import { appFor } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';

let app: Express;
beforeAll(async () => {
  ({ app } = await appFor(shippedContent));
});

describe('health', () => {
  it('reports the content version and when it was loaded', async () => {
    const res = await request(app).get('/healthz').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^[0-9a-f]{12}$/),
      loadedAt: expect.any(String),
    });
  });
});

describe('election pages', () => {
  it('the 2023 overview shows the key facts and both candidates in alphabetical order', async () => {
    const res = await request(app).get('/iom-dg-2023/').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain(
      '<title>The 2023 election of the IOM Director General | Election Explainer</title>',
    );
    expect(res.text).toContain(
      '<link rel="canonical" href="https://explainer.example/iom-dg-2023/">',
    );
    expect(res.text).toContain(
      'Amy Pope elected by acclamation on <time datetime="2023-05-15">15 May 2023</time>',
    );
    expect(res.text.indexOf('>Amy Pope</a></h3>')).toBeLessThan(
      res.text.indexOf('>António Vitorino</a></h3>'),
    );
  });

  it('the 2018 overview names its three candidates', async () => {
    const res = await request(app).get('/iom-dg-2018/').expect(200);
    for (const name of ['Ken Isaacs', 'Laura Thompson', 'António Vitorino'])
      expect(res.text).toContain(`>${name}</a></h3>`);
  });

  it('results show round 1 as reported: 98 and 67 of 165, with 110 needed', async () => {
    const res = await request(app).get('/iom-dg-2023/results').expect(200);
    expect(res.text).toMatch(/Amy Pope<\/a><\/th>\s*<td class="num">98<\/td>/);
    expect(res.text).toMatch(/António Vitorino<\/a><\/th>\s*<td class="num">67<\/td>/);
    expect(res.text).toContain('<dt>Votes cast</dt><dd>165');
    expect(res.text).toContain('<dt>Votes needed</dt><dd>110</dd>');
  });

  it('the 2018 results say plainly that rounds 1 and 2 were not reported', async () => {
    const res = await request(app).get('/iom-dg-2018/results').expect(200);
    expect(res.text.match(/The votes in this round were not reported\./g)).toHaveLength(2);
  });

  it('a candidate profile shows the age at the time of the vote, computed from the birth date', async () => {
    const res = await request(app).get('/iom-dg-2023/candidates/antonio-vitorino').expect(200);
    expect(res.text).toContain('<dt>Age at the vote</dt><dd>66 on 15 May 2023');
  });

  for (const path of [
    '/',
    '/about',
    '/iom-dg-2023/compare',
    '/iom-dg-2023/timeline',
    '/iom-dg-2023/sources',
    '/iom-dg-2023/how-the-vote-works',
    '/iom-dg-2018/candidates/ken-isaacs',
  ]) {
    it(`serves ${path}`, async () => {
      await request(app).get(path).expect(200).expect('Content-Type', 'text/html; charset=utf-8');
    });
  }
});

describe('not found', () => {
  it.each([
    '/iom-dg-2099/',
    '/iom-dg-2023/candidates/nobody',
    '/iom-dg-2023/no-such-article',
    '/nope',
  ])('%s is a 404 page', async (path) => {
    const res = await request(app).get(path).expect(404);
    expect(res.text).toContain('<h1>Page not found</h1>');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers JSON to clients that ask for it', async () => {
    const res = await request(app).get('/nope').set('Accept', 'application/json').expect(404);
    expect(res.body).toEqual({
      error: 'not-found',
      message: 'Nothing is published at /nope.',
      requestId: res.headers['x-request-id'],
    });
  });
});

describe('canonical paths', () => {
  it.each([
    ['/IOM-DG-2023/', '/iom-dg-2023/'],
    ['/iom-dg-2023', '/iom-dg-2023/'],
    ['/iom-dg-2023/results/', '/iom-dg-2023/results'],
    ['/iom-dg-2023/Candidates/Amy-Pope', '/iom-dg-2023/candidates/amy-pope'],
  ])('%s redirects permanently to %s', async (from, to) => {
    await request(app).get(from).expect(301).expect('Location', to);
  });

  it('keeps the query string', async () => {
    await request(app)
      .get('/iom-dg-2023?ref=share')
      .expect(301)
      .expect('Location', '/iom-dg-2023/?ref=share');
  });

  it.each(['//evil.example', '//evil.example/', '/\\evil.example', '/%2F%2Fevil.example'])(
    'never redirects off-site: %s',
    async (path) => {
      const res = await request(app).get(path);
      expect(res.status).toBe(404);
    },
  );
});
