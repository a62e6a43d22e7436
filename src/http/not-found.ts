// 404s that cost no more than a cached page, whatever a flood of made-up addresses does.
// A reader who mistypes an address gets the full 404 page: the address asked for, the page
// they probably meant. That page is per request (the address is filled in, the suggestion
// compared), so a flood of distinct missing paths would crowd out real readers. Up to a rate,
// every 404 gets the full page; past it, the same page without the address and suggestion,
// built once per content version and written straight from memory by the serving thread.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Content } from '../content/model.js';
import { siteResources } from '../content/resources.js';
import { isLanguagePrefix, ROUTE_WORDS } from '../urls.js';
import type { Lang } from '../i18n/lang.js';
import { canonicalRedirect } from './canonical.js';
import { languageOf } from './languages.js';
import { securityHeaders } from './security.js';

/** Full 404 pages per second (and in a burst) before plain ones are sent. */
export const FULL_NOT_FOUND_PER_SECOND = 20;

/** A token bucket: `take()` is true while the rate has not been spent. */
export class Budget {
  #tokens: number;
  #last = performance.now();
  /** At least one: a burst of `perSecond` (rounded up) at once. */
  readonly #burst: number;

  constructor(readonly perSecond: number) {
    this.#burst = Math.max(1, Math.ceil(perSecond));
    this.#tokens = this.#burst;
  }

  take(now = performance.now()): boolean {
    this.#tokens = Math.min(
      this.#burst,
      this.#tokens + ((now - this.#last) * this.perSecond) / 1000,
    );
    this.#last = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/**
 * Whether routing would certainly answer 404 at `path`, known from the route table alone: no
 * page there in the language its prefix names, no redirect to one (case, trailing slash,
 * alias, language prefix), and not under a word the site itself answers (`/api`, `/share`,
 * …), another two-letter prefix, or a file name (`/x/live.json`). Anything else goes through
 * routing, which decides.
 */
export function certainlyMissing(content: Content, path: string): boolean {
  if (path === '/' || path.includes('.')) return false;
  const { lang, path: rest } = languageOf(path);
  if (content.editions[lang].routes.has(rest)) return false;
  const second = rest.indexOf('/', 1);
  const first = (second === -1 ? rest.slice(1) : rest.slice(1, second)).toLowerCase();
  if (ROUTE_WORDS.has(first) || isLanguagePrefix(first)) return false;
  return canonicalRedirect(path, content) === undefined;
}

const resources = new WeakMap<Content, ReadonlySet<string>>();

/**
 * Whether `path` (as routing resolves it) names something this content serves: a page in the
 * language its prefix names, a document, a feed, the API, a share image or a version
 * document. Redirects are not counted: any number of spellings lead to one page.
 */
export function certainlyExists(content: Content, path: string): boolean {
  const { lang, path: rest } = languageOf(path);
  if (content.editions[lang].routes.has(rest)) return true;
  let known = resources.get(content);
  if (!known) {
    known = new Set(siteResources(content).map(([url]) => url));
    resources.set(content, known);
  }
  return known.has(path);
}

/** What Express's content negotiation gives the HTML page to, cheaply: no Accept, anything, or HTML first. */
export const prefersHtml = (accept: string | undefined): boolean =>
  accept === undefined || accept === '*/*' || accept.startsWith('text/html');

interface Plain {
  body: Buffer;
  /** [name, value, …] as the full 404 sends them, less the request id. */
  headers: string[];
}

/** The plain 404 page of each content version in each language, built on first need. */
export class PlainNotFound {
  readonly #pages = new WeakMap<Content, Map<Lang, Plain | Promise<unknown>>>();

  constructor(private readonly render: (content: Content, lang: Lang) => Promise<string>) {}

  /** The plain page for `content` when it is built; undefined (and building starts) otherwise. */
  for(content: Content, lang: Lang): Plain | undefined {
    let pages = this.#pages.get(content);
    if (!pages) {
      pages = new Map();
      this.#pages.set(content, pages);
    }
    const page = pages.get(lang);
    if (page !== undefined) return page instanceof Promise ? undefined : page;
    const built = pages;
    built.set(
      lang,
      this.render(content, lang).then(
        (html) => {
          const body = Buffer.from(html);
          built.set(lang, {
            body,
            headers: [
              ...Object.entries(securityHeaders).flat(),
              'vary',
              'Accept',
              'content-type',
              'text/html; charset=utf-8',
              'content-language',
              lang,
              'content-length',
              String(body.length),
            ],
          });
        },
        // Tried again on the next flood: the full page is sent meanwhile.
        () => built.delete(lang),
      ),
    );
    return undefined;
  }
}

/** The rate of full 404s and the plain page past it, shared by the fast path and routing. */
export class NotFoundGuard {
  readonly budget: Budget;
  /** Requests the fast path let through to routing for a full page: not counted twice. */
  readonly #admitted = new WeakSet<IncomingMessage>();
  plain: PlainNotFound | undefined;

  constructor(perSecond: number) {
    this.budget = new Budget(perSecond);
  }

  /** Whether this request may have the full page (and so go through routing). */
  admit(req: IncomingMessage): boolean {
    if (this.#admitted.has(req)) return true;
    if (!this.budget.take()) return false;
    this.#admitted.add(req);
    return true;
  }

  /** Lets a request have the full page that another thread's guard already admitted. */
  grant(req: IncomingMessage): void {
    this.#admitted.add(req);
  }
}

/** Writes the plain 404 with this request's own headers. */
export function writePlainNotFound(
  req: IncomingMessage,
  res: ServerResponse,
  page: Plain,
  extra: Record<string, string>,
): void {
  const headers = page.headers.slice();
  for (const name in extra) headers.push(name, extra[name]!);
  res.writeHead(404, headers);
  res.end(req.method === 'HEAD' ? undefined : page.body);
}
