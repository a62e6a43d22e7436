// Editor tools for `npm run dev`: a server-sent event stream that tells open pages to
// reload after content is swapped, or that a reload failed (the page then shows why).
import { Router } from 'express';
import type { ContentHolder } from '../store/holder.js';

export function devRoutes(holder: ContentHolder): Router {
  const router = Router();
  router.get('/events', (req, res) => {
    res.set({
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    res.write(`event: hello\ndata: ${holder.current.version}\n\n`);
    const onSwap = (): void => void res.write('event: reload\ndata: swap\n\n');
    const onFailure = (): void => void res.write('event: reload\ndata: failure\n\n');
    holder.on('swap', onSwap);
    holder.on('failure', onFailure);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      holder.off('swap', onSwap);
      holder.off('failure', onFailure);
    });
  });
  return router;
}
