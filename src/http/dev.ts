// Editor tools for `npm run dev`: a server-sent event stream that tells open pages to
// reload after content is swapped, or that a reload failed (the page then shows why).
import { Router } from 'express';
import type { Response } from 'express';
import type { ContentHolder } from '../store/holder.js';

export function devRoutes(holder: ContentHolder): Router {
  const router = Router();
  // Every open page's stream, told by one listener of each kind: a listener a page made Node
  // warn of a leak once ten tabs were open.
  const streams = new Set<Response>();
  const tell = (data: string) => (): void => {
    for (const res of streams) res.write(`event: reload\ndata: ${data}\n\n`);
  };
  holder.on('swap', tell('swap'));
  holder.on('failure', tell('failure'));
  router.get('/events', (req, res) => {
    res.set({
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    res.write(`event: hello\ndata: ${holder.current.version}\n\n`);
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(res);
    });
  });
  return router;
}
