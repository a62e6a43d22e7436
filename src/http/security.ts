// Security headers, configured once with helmet and captured as a fixed set, so that the
// Express path and the cached fast path send exactly the same headers.
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

const middleware = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      // No inline script or style anywhere: JSON-LD is data, not script.
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
      'upgrade-insecure-requests': null,
    },
  },
  // HSTS only over HTTPS: added per request where the request is known to be secure.
  strictTransportSecurity: false,
  // Share images and the API are meant to be used by other sites.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  // Headers no current browser reads, left out of every response: X-Frame-Options (CSP
  // frame-ancestors replaces it), X-XSS-Protection (the filter is gone from browsers),
  // X-Download-Options (Internet Explorer 8), X-Permitted-Cross-Domain-Policies (Flash).
  xFrameOptions: false,
  xXssProtection: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
});

/** The headers helmet sets, captured once. */
export const securityHeaders: Readonly<Record<string, string>> = (() => {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader(name: string) {
      return headers[name.toLowerCase()];
    },
  };
  middleware({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return Object.freeze(headers);
})();

export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Whether the client reached us over HTTPS: directly, or through a proxy we trust that says
 * so in X-Forwarded-Proto (the first, client-side value).
 */
export function isSecure(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (!trustProxy) return false;
  const proto = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}
