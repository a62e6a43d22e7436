// One JSON log line per request, the same from the cached fast path and from Express.
import type { Logger } from 'pino';

export interface LoggedRequest {
  id: string;
  method: string | undefined;
  url: string | undefined;
  status: number;
  /** performance.now() when the request arrived. */
  start: number;
  cached: boolean;
}

export function logRequest(logger: Logger, r: LoggedRequest): void {
  const line = {
    req: { id: r.id, method: r.method, url: r.url },
    res: { statusCode: r.status },
    responseTime: Math.round((performance.now() - r.start) * 1000) / 1000,
    cached: r.cached,
  };
  if (r.status >= 500) logger.error(line, 'request completed');
  else logger.info(line, 'request completed');
}
