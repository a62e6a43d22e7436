// Requests Node cannot take as HTTP (oversized headers, bad syntax, headers too slow to arrive)
// still get a short page with a request id, and the status that says what went wrong.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ALLOWED_METHODS } from './request.js';
import { securityHeaders } from './security.js';

type Answer = [status: number, reason: string, title: string, message: string];

const STATUS: Record<string, Answer> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'Headers too large',
    'The request headers are too large. Send the request again with fewer or shorter headers.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'Request timeout',
    'The request took too long to arrive. Send it again.',
  ],
};

const BAD_REQUEST: Answer = [
  400,
  'Bad Request',
  'Bad request',
  'The request could not be understood.',
];

/** The security headers every page has (an error page is a page), as header lines. */
const SECURITY_LINES = Object.entries(securityHeaders)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');

/** The server's 'clientError' listener. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  answer(socket, STATUS[err.code ?? ''] ?? BAD_REQUEST);
}

const NOT_TUNNELLED: Answer = [
  405,
  'Method Not Allowed',
  'Method not allowed',
  'This server does not tunnel connections. Ask for a page with GET.',
];

/**
 * The server's 'connect' listener: CONNECT asks for a tunnel, which this server never opens;
 * without a listener Node closes the connection without a word.
 */
export function answerConnect(_req: IncomingMessage, socket: Duplex): void {
  answer(socket, NOT_TUNNELLED, `Allow: ${ALLOWED_METHODS}\r\n`);
}

const UNMET_EXPECTATION: Answer = [
  417,
  'Expectation Failed',
  'Expectation failed',
  'This server meets no expectation but "100-continue". Send the request again without the Expect header.',
];

/**
 * The server's 'checkExpectation' listener: an Expect header other than 100-continue, which
 * Node would answer with a bare 417 (no security headers, no request id).
 */
export function answerExpectation(_req: IncomingMessage, res: ServerResponse): void {
  const [status, , title, message] = UNMET_EXPECTATION;
  const id = randomUUID();
  const body = page(title, message, id);
  // Through the response, after any answers before it; closed after, as the request's body,
  // if the client sends it anyway, would be read as the next request.
  res.writeHead(status, {
    ...securityHeaders,
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    'x-request-id': id,
    connection: 'close',
  });
  res.end(body);
}

const page = (title: string, message: string, id: string): string =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${message}</p><p>Request id: ${id}</p></html>`;

function answer(socket: Duplex, [status, reason, title, message]: Answer, extra = ''): void {
  const id = randomUUID();
  const body = page(title, message, id);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n${SECURITY_LINES}${extra}Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n${body}`,
  );
}
