// Hostile requests get a 4xx with an HTML or JSON page naming the request id: never a 5xx,
// never a crash, never a file from outside public/.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import request from 'supertest';
import type { RequestListener } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';

let app: RequestListener;
beforeAll(async () => {
  ({ app } = await appFor(shippedContent));
});

/** The request id must be in the page, so a reader can quote it. */
function expectErrorPage(res: request.Response, status: number): void {
  expect(res.status).toBe(status);
  const id = res.headers['x-request-id'];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.text).toContain(id);
}

const ROUTES = [
  '/',
  '/iom-dg-2023/',
  '/iom-dg-2023/candidates/',
  '/iom-dg-2023/results/',
  '/api/elections/',
  '/assets/',
  '/share/',
  '/sitemap.xml/',
];

describe('malformed percent-encoding', () => {
  const bad = ['%E0%A4%A', '%ZZ', '%', '%C0%AF', '%FF%FE%FD'];
  it.each(ROUTES.flatMap((r) => bad.map((b) => `${r}${b}`)))('%s is a 4xx', async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['x-request-id']).toBeDefined();
  });
});

describe('API errors', () => {
  it.each([
    ['/api/elections/%E0%A4%A', 'The address or the request could not be understood.'],
    ['/fr/api/elections/%ZZ', 'L’adresse ou la requête n’a pas pu être comprise.'],
    [
      '/es/api/elections/x/candidates/%',
      'No se ha podido interpretar la dirección o la solicitud.',
    ],
  ])(
    '%s is JSON in the API’s language, whatever the client accepts, as API 404s are',
    async (url, message) => {
      for (const accept of [undefined, 'text/html', '*/*']) {
        const req = request(app).get(url);
        const res = await (accept ? req.set('Accept', accept) : req);
        expect(res.status, accept).toBe(400);
        expect(res.headers['content-type'], accept).toBe('application/json; charset=utf-8');
        expect(res.body, accept).toEqual({
          error: 'bad-request',
          message,
          requestId: res.headers['x-request-id'],
        });
      }
    },
  );
});

describe('path traversal', () => {
  const attempts = [
    '/assets/../package.json',
    '/assets/..%2Fpackage.json',
    '/assets/%2e%2e/package.json',
    '/assets/%2e%2e%2fpackage.json',
    '/assets/..%5Cpackage.json',
    '/assets/....//package.json',
    '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/site.css/../../package.json',
    '/..%2F..%2Fetc/passwd',
    '/iom-dg-2023/../../package.json',
    '/iom-dg-2023/candidates/..%2F..%2F..%2Fpackage.json',
    '/api/elections/..%2F..%2Fpackage.json',
    '/share/..%2F..%2Fpackage.json.png',
    '/assets/%00',
    '/assets/site.css%00.png',
    '/iom-dg-2023%00/',
    '/assets/.env',
    '/assets/.gitignore',
  ];
  it.each(attempts)('%s serves nothing from outside public/', async (url) => {
    const res = await request(app).get(url);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toContain('"devDependencies"');
    expect(res.text).not.toContain('root:x:0:0');
  });
});

describe('odd methods', () => {
  it.each(['post', 'put', 'delete', 'patch'] as const)(
    '%s is 405 with Allow, as a page',
    async (method) => {
      for (const url of ['/', '/iom-dg-2023/', '/api/elections', '/assets/site.css', '/nope']) {
        const res = await request(app)[method](url);
        expectErrorPage(res, 405);
        expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
      }
    },
  );

  it('405 as JSON for clients that ask for JSON', async () => {
    const res = await request(app)
      .post('/api/elections')
      .set('Accept', 'application/json')
      .expect(405);
    expect(res.body).toEqual({
      error: 'method-not-allowed',
      message: 'This address can only be read (GET or HEAD).',
      requestId: res.headers['x-request-id'],
    });
  });

  it('OPTIONS says what is allowed, and opens the API to other sites', async () => {
    await request(app).options('/').expect(204).expect('Allow', 'GET, HEAD, OPTIONS');
    const res = await request(app).options('/api/elections').expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD');
  });
});

describe('very long paths', () => {
  it('an 8 KB path is a quick 404, not an error', async () => {
    const res = await request(app).get(`/${'a'.repeat(8000)}`);
    expectErrorPage(res, 404);
  });
});

describe('the real server', () => {
  let child: ReturnType<typeof spawn>;
  let port = 0;
  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    });
    port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error('server exited')));
    });
  });
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  async function rawRequest(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(text));
      let data = '';
      socket.on('data', (c: Buffer) => (data += c.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
      setTimeout(() => socket.end(), 2000);
    });
  }

  it('oversized headers get a 431 page with a request id', async () => {
    const response = await rawRequest(
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(response).toMatch(/X-Request-Id: [0-9a-f-]{36}/);
    expect(response).toContain('<h1>Headers too large</h1>');
  });

  it('a request Node cannot parse gets a 400 page', async () => {
    const response = await rawRequest('GET / HTTP/1.1\r\nHost x\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });

  it('TRACE and made-up methods are refused without a 5xx', async () => {
    for (const method of ['TRACE', 'PROPFIND', 'BREW']) {
      const response = await rawRequest(
        `${method} / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expect(response, method).toMatch(/^HTTP\/1\.1 4\d\d /);
    }
  });

  it('CONNECT is refused with a 405 page saying what is allowed, not a silent close', async () => {
    for (const target of ['/about', 'example.org:443']) {
      const response = await rawRequest(`CONNECT ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(response, target).toMatch(/^HTTP\/1\.1 405 Method Not Allowed\r\n/);
      expect(response, target).toContain('\r\nAllow: GET, HEAD, OPTIONS\r\n');
      expect(response, target).toContain('\r\ncontent-security-policy: ');
      expect(response, target).toMatch(/X-Request-Id: [0-9a-f-]{36}/);
      expect(response, target).toContain(
        '<h1>Method not allowed</h1><p>This server does not tunnel connections. Ask for a page with GET.</p>',
      );
    }
  });

  it('is still serving after all that', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
  });
});
