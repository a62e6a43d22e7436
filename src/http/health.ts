// What /healthz says: alive, and which content version is served (or, in dev, that the
// server waits for valid content). The serving thread answers it itself, so a health check
// never waits behind a render; dev answers it through Express.
import { errorCount, isError } from '../content/problems.js';
import type { ContentHolder } from '../store/holder.js';

export interface Health {
  status: 200 | 503;
  body: {
    status: string;
    version?: string;
    loadedAt?: string;
    /**
     * While the last save could not be loaded (the version above is served meanwhile): when,
     * and how many errors it has. A monitor tells from it that saves are not reaching readers.
     */
    lastReload?: { status: 'failed'; at: string; errors: number };
    /**
     * Errors in translation files of the content served: those translations are left out
     * (their pages show the English text) until fixed, holding up no English edit.
     */
    translationErrors?: number;
    /**
     * Started while the content had errors, the server serves the last good content kept on
     * disk (LAST_GOOD_DIR): when it was kept. Gone once a save loads.
     */
    lastGood?: { savedAt: string };
  };
}

export function healthOf(holder: ContentHolder): Health {
  // A dev server waiting for its first valid content is alive but has nothing to serve.
  if (!holder.loaded) return { status: 503, body: { status: 'waiting for valid content' } };
  const { version, loadedAt } = holder.current;
  const { failure } = holder;
  const lastReload = failure && {
    status: 'failed' as const,
    at: failure.at,
    errors: failure.totals?.errors ?? failure.problems.filter(isError).length,
  };
  const translationErrors = errorCount(holder.current);
  return {
    status: 200,
    body: {
      status: 'ok',
      version,
      loadedAt,
      ...(lastReload && { lastReload }),
      ...(translationErrors > 0 && { translationErrors }),
      ...(holder.keptSince && { lastGood: { savedAt: holder.keptSince } }),
    },
  };
}
