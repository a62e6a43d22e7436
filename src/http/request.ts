// Small facts about a request that several parts of the HTTP layer need.
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import { HSTS } from './security.js';

const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

const UNRESERVED_ESCAPE = /%(2[dDeE]|3\d|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])/g;

/** RFC 3986 §6.2.2.2: a percent-escaped unreserved character is that character. */
export function decodeUnreserved(path: string): string {
  return path.replace(UNRESERVED_ESCAPE, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/**
 * The target in origin-form (RFC 9112 §3.2.1), which is what routing resolves: an
 * absolute-form target (`http://host/a?q`, §3.2.2) less its scheme and authority (an empty
 * path is "/"), and no fragment (never sent by a browser, but let through by Node's parser).
 * Express's mounted routers keep an absolute-form target's authority when they trim their
 * prefix, so the API, feeds and share images would answer such a target 404.
 */
export function originForm(url: string): string {
  let target = url;
  if (target.charCodeAt(0) !== 47 /* "/" */) {
    const authority = ABSOLUTE_FORM.exec(target);
    if (!authority) return url;
    target = target.slice(authority[0].length);
    if (target.charCodeAt(0) !== 47) target = `/${target}`;
  }
  const fragment = target.indexOf('#');
  return fragment === -1 ? target : target.slice(0, fragment);
}

/**
 * The path a request target names, as routing resolves it, for looking up a cached response
 * without routing: origin-form (`/a/b?q`) or absolute-form (`http://host/a/b?q`, RFC 9112
 * §3.2.2), less query and fragment, with escaped unreserved characters (`%61` for `a`)
 * decoded. Undefined for anything else that is escaped, or not a path: those go through
 * routing, which keys what it serves by the path it resolved.
 */
export function targetPath(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let path = originForm(url);
  if (path.charCodeAt(0) !== 47 /* "/" */) return undefined;
  const query = path.indexOf('?');
  if (query !== -1) path = path.slice(0, query);
  if (path.indexOf('%') === -1) return path;
  path = decodeUnreserved(path);
  return path.indexOf('%') === -1 ? path : undefined;
}

/**
 * A request header's value, `name` in lower case, read from the raw header list: several
 * fields of one name are joined with ", " as Node does. Reading `req.headers` builds an
 * object of every header the client sent, which the cached fast path does not need.
 */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const raw = req.rawHeaders;
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const field = raw[i]!;
    if (field.length === name.length && field.toLowerCase() === name)
      value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
  }
  return value;
}

/** The methods this server answers (everything it serves is read-only). */
export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';

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
