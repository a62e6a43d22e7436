// What Node cannot take as a request still gets an answer that says what went wrong: headers
// too slow to arrive are a 408 (not a 400), with a page naming a request id.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientError, answerExpectation } from '../../src/http/client-error.js';
import { appFor } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';

// The site's own handler, with Node's header timeout shortened so the test need not wait 60 s.
const server = createServer({ headersTimeout: 300, connectionsCheckingInterval: 50 });
beforeAll(async () => {
  server.on('request', (await appFor(shippedContent)).app);
  server.on('clientError', answerClientError);
  server.on('checkExpectation', answerExpectation);
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function exchange(text: string): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (c: Buffer) => (data += c.toString()));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('client errors', () => {
  it('headers that never finish get 408 Request Timeout with a request id', async () => {
    const response = await exchange('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(response).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    const id = /X-Request-Id: ([0-9a-f-]{36})\r\n/.exec(response)?.[1];
    expect(id).toBeDefined();
    expect(response).toContain('<h1>Request timeout</h1>');
    expect(response).toContain('The request took too long to arrive. Send it again.');
    expect(response).toContain(`Request id: ${id}`);
  });

  it('bad syntax is still 400, and oversized headers 431', async () => {
    const bad = await exchange('GET / HTTP/1.1\r\nHost x\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(bad).toContain('<title>Bad request</title>');
    const big = await exchange(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(big).toContain('<title>Headers too large</title><h1>Headers too large</h1>');
  });

  it('an Expect other than 100-continue is 417 with a page and a request id, and the connection closed', async () => {
    const response = await exchange('GET / HTTP/1.1\r\nHost: x\r\nExpect: bogus\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 417 Expectation Failed\r\n/);
    const id = /x-request-id: ([0-9a-f-]{36})\r\n/.exec(response)?.[1];
    expect(id).toBeDefined();
    expect(response).toContain('\r\nconnection: close\r\n');
    expect(response).toContain(
      '<h1>Expectation failed</h1><p>This server meets no expectation but "100-continue". Send the request again without the Expect header.</p>',
    );
    expect(response).toContain(`Request id: ${id}`);
  });

  it('are pages like any other: the same security headers, and never cached', async () => {
    const page = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    for (const text of [
      await exchange('GET / HTTP/1.1\r\nHost x\r\n\r\n'),
      await exchange(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`),
      await exchange('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: '),
      await exchange('GET / HTTP/1.1\r\nHost: x\r\nExpect: bogus\r\n\r\n'),
    ]) {
      const head = text.slice(0, text.indexOf('\r\n\r\n')).toLowerCase();
      for (const name of [
        'content-security-policy',
        'cross-origin-opener-policy',
        'referrer-policy',
        'x-content-type-options',
      ])
        expect(head, name).toContain(`\r\n${name}: ${page.headers.get(name)!.toLowerCase()}\r\n`);
      expect(head).toContain('\r\ncache-control: no-store\r\n');
    }
  });
});
