// Requests Node cannot take as HTTP (oversized headers, bad syntax, headers too slow to arrive)
// still get a short page with a request id, and the status that says what went wrong.
import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';

const STATUS: Record<string, [status: number, reason: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'The request headers are too large. Send the request again with fewer or shorter headers.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'The request took too long to arrive. Send it again.',
  ],
};

const BAD_REQUEST: [number, string, string] = [
  400,
  'Bad Request',
  'The request could not be understood.',
];

/** The server's 'clientError' listener. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] = STATUS[err.code ?? ''] ?? BAD_REQUEST;
  const id = randomUUID();
  const title = status === 408 ? 'Request timeout' : 'Bad request';
  const body = `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${message}</p><p>Request id: ${id}</p></html>`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n${body}`,
  );
}
