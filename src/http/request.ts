// Small facts about a request that several parts of the HTTP layer need.
import type { Request } from 'express';
import { HSTS } from './security.js';

/** The path part of a URL, as the fast path looks responses up. */
export function pathOf(url: string | undefined): string {
  if (url === undefined) return '';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** The id given to this request on arrival, also sent as X-Request-Id and logged. */
export function requestId(req: Request): string {
  const id: unknown = req.res?.locals.requestId;
  return typeof id === 'string' ? id : '';
}

/** Headers that belong to this request only: its id, and HSTS when it came over HTTPS. */
export function perRequestHeaders(id: string, secure: boolean): Record<string, string> {
  return secure
    ? { 'x-request-id': id, 'strict-transport-security': HSTS }
    : { 'x-request-id': id };
}
