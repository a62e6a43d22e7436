// Turns a route into a rendered page: picks the view, gathers its plain data (titles,
// breadcrumbs, dates), renders it inside the layout, and sends it with the right status.
import ejs from 'ejs';
import path from 'node:path';
import type {
  Content,
  Edition,
  Election,
  InEnglish,
  Route,
  TranslationState,
} from '../content/model.js';
import { IN_ENGLISH } from '../content/model.js';
import type { Figure } from '../content/schemas.js';
import type { ReloadFailure } from '../store/holder.js';
import { viewsDir } from '../paths.js';
import { closest } from '../content/suggest.js';
import { inLanguage, urls } from '../urls.js';
import type { Translatable } from './languages.js';
import { langAttr, languageLinks, languageOf, urlsIn } from './languages.js';
import { devPanel } from './dev-panel.js';
import * as present from './present.js';
import { candidateShareAlt, electionShareAlt } from './share.js';
import { jsonLd, structuredData } from './web-data.js';
import { formatDate, formatDayTime } from '../i18n/format.js';
import { dayOf, timeOf } from '../content/dates.js';
import type { Lang } from '../i18n/lang.js';
import { tr } from '../i18n/messages.js';
import type { LiveState } from './live.js';
import { headline, updatedAt } from './live.js';

export interface RenderContext {
  dev: boolean;
  failure: ReloadFailure | undefined;
  /** False while dev waits for its first valid content. */
  loaded?: boolean;
  /** The content folder, for links that open a problem's file in the editor. */
  contentDir?: string | undefined;
  baseUrl: string;
  /** The URL of a file in public/ (hashed outside dev). */
  asset: (file: string) => string;
  /** The live channel of the page's election, while it can still change. */
  live?: LiveState | undefined;
  /** The language of the interface; English unless a route says otherwise. */
  lang?: Lang | undefined;
}

const ORIGINAL: TranslationState = { status: 'original' };

export interface Crumb extends InEnglish {
  label: string;
  href: string;
  /** The state of the label's text, when it comes from content. */
  translation?: TranslationState;
}

/** What the layout needs of every page. */
export interface PageMeta {
  title: string;
  /** The page's name in breadcrumbs, when shorter than its title. */
  crumb?: string;
  /** ` lang="en"` when that name is shown in English for want of a translation. */
  crumbLang?: string;
  description: string;
  /** Canonical path; the layout makes it absolute. */
  path: string;
  breadcrumbs: Crumb[];
  published?: string | undefined;
  updated?: string | undefined;
  /** OpenGraph type. */
  type?: 'website' | 'article' | 'profile';
  /** The share image's path, and what it shows. */
  image?: { path: string; alt: string };
  /** Error pages: not for search engines, and no canonical link. */
  noindex?: boolean;
  /**
   * The path as asked for, language prefix and all, of a page at no address of its own (the
   * 404 page): its og:url, instead of `path` put in the page's language. Empty for the plain
   * 404 page, which answers every address: it has no og:url.
   */
  asked?: string;
}

interface View {
  template: string;
  meta: PageMeta;
  data: Record<string, unknown>;
}

const homeCrumb = (lang: Lang): Crumb => ({
  label: tr(lang)('page.home'),
  href: inLanguage(lang, urls.home()),
});

function electionCrumbs(election: Election, lang: Lang): Crumb[] {
  const { shortTitle: label, translation } = election;
  const english = election[IN_ENGLISH]?.includes('shortTitle') ? { [IN_ENGLISH]: ['label'] } : {};
  return [
    homeCrumb(lang),
    { label, href: inLanguage(lang, election.url), translation, ...english },
  ];
}

/** The text whose translation state a page's notice reports: its own object's, or the site's. */
function translationOf(edition: Edition, route: Route): TranslationState {
  if (route.kind === 'home') return edition.siteTranslation;
  const subject =
    route.kind === 'page'
      ? route.page
      : route.kind === 'candidate'
        ? route.candidate
        : route.kind === 'article'
          ? route.article
          : route.election;
  return subject.translation;
}

function viewFor(content: Content, route: Route, lang: Lang = 'en'): View {
  const t = tr(lang);
  const { site } = content.editions[lang];
  switch (route.kind) {
    case 'home':
      return {
        template: 'home',
        meta: {
          title: site.name,
          description: site.description ?? site.tagline,
          path: urls.home(),
          breadcrumbs: [],
        },
        data: {},
      };
    case 'page': {
      const { page } = route;
      return {
        template: 'page',
        meta: {
          title: page.title,
          description: page.description,
          path: page.url,
          breadcrumbs: [homeCrumb(lang)],
          published: page.published,
          updated: page.updated,
        },
        data: { page },
      };
    }
    case 'election': {
      const { election } = route;
      return {
        template: 'election',
        meta: {
          title: election.title,
          description: election.description,
          path: election.url,
          breadcrumbs: [homeCrumb(lang)],
          published: election.published,
          updated: election.updated,
        },
        data: { election },
      };
    }
    case 'candidate': {
      const { election, candidate } = route;
      return {
        template: 'candidate',
        meta: {
          title: t('page.candidateTitle', { name: candidate.name, election: election.shortTitle }),
          crumb: candidate.name,
          description: candidate.summary,
          path: candidate.url,
          breadcrumbs: electionCrumbs(election, lang),
          updated: candidate.updated,
        },
        data: { election, candidate },
      };
    }
    case 'article': {
      const { election, article } = route;
      return {
        template: 'article',
        meta: {
          title: present.titleIn(article.title, election.shortTitle, lang),
          crumb: article.title,
          crumbLang: langAttr(article, lang, 'title'),
          description: article.description,
          path: article.url,
          breadcrumbs: electionCrumbs(election, lang),
          published: article.published,
          updated: article.updated,
        },
        data: { election, article },
      };
    }
    case 'compare':
    case 'results':
    case 'timeline':
    case 'sources': {
      const { election } = route;
      const titles = {
        compare: [t('page.compare'), t('page.compareDescription', { office: election.office })],
        results: [t('page.results'), t('page.resultsDescription')],
        timeline: [
          t('page.timeline'),
          t('page.timelineDescription', { election: election.shortTitle }),
        ],
        sources: [
          t('page.sources'),
          t('page.sourcesDescription', { election: election.shortTitle }),
        ],
      } as const;
      const [title, description] = titles[route.kind];
      return {
        template: route.kind,
        meta: {
          title: present.titleIn(title, election.shortTitle, lang),
          crumb: title,
          description,
          path: urls[route.kind](election.slug),
          breadcrumbs: electionCrumbs(election, lang),
          updated: election.updated,
        },
        data: { election, heading: title },
      };
    }
  }
}

async function renderView(
  view: View,
  content: Content,
  ctx: RenderContext,
  translation: TranslationState = ORIGINAL,
): Promise<string> {
  const options = { cache: !ctx.dev, root: viewsDir, views: [viewsDir] };
  const lang = ctx.lang ?? 'en';
  // The live channel's state, its headline in the page's language.
  const election = view.data.election as Election | undefined;
  const version =
    ctx.live && election ? { ...ctx.live, headline: headline(election, lang) } : ctx.live;
  const edition = content.editions[lang];
  // Error pages are not pages of their own in other languages: their switcher leads home.
  const languages = languageLinks(view.meta.noindex ? urls.home() : view.meta.path, lang);
  /**
   * A text field of a content object, escaped, in a `<span lang="en">` where it is shown in
   * English for want of a translation (the object's `inEnglish` names it).
   */
  const tx = (
    object: (Translatable & Readonly<Record<string, unknown>>) | undefined,
    key: string,
  ): string => {
    const value = object?.[key];
    const text = ejs.escapeXML(typeof value === 'string' ? value : '');
    const attr = langAttr(object, lang, key);
    return attr ? `<span${attr}>${text}</span>` : text;
  };
  const locals = {
    lang,
    // The interface's words: `<%- t.html('key', { … }) %>`, or `<%= t('key') %>` for plain text.
    t: tr(lang),
    esc: ejs.escapeXML,
    /** A date as a `<time>` element, in the page's language, as a message parameter. */
    dateTag: (iso: string) => ({
      html: `<time datetime="${ejs.escapeXML(iso)}">${ejs.escapeXML(formatDate(iso, lang))}</time>`,
    }),
    /** When a file was changed (a day, or a day and a time: dates.ts), as a `<time>` element. */
    stampTag: (stamp: string) => {
      const day = dayOf(stamp);
      const time = timeOf(stamp);
      const text = time === undefined ? formatDate(day, lang) : formatDayTime(day, time, lang);
      const iso = time === undefined ? day : `${day}T${time}`;
      return { html: `<time datetime="${ejs.escapeXML(iso)}">${ejs.escapeXML(text)}</time>` };
    },
    ...view.data,
    meta: view.meta,
    site: edition.site,
    edition,
    content,
    present,
    urls: urlsIn(lang),
    /** A page's unprefixed path in the page's language. */
    link: (path: string) => inLanguage(lang, path),
    /**
     * ` lang="en"` on an element whose text is shown in English for want of a translation:
     * the whole of a thing not translated, or with `key`, that field of an object (a thing, a
     * timeline entry, a round) that its translation leaves out.
     */
    langOf: (thing: Translatable | undefined, key?: string) => langAttr(thing, lang, key),
    tx,
    /** Where a figure comes from, as HTML: who reported it marked where shown in English. */
    provenance: (figure: Figure | undefined, inBrackets = false) =>
      present.provenanceLabel(figure, lang, inBrackets, (f) => ({ html: tx(f, 'by') })),
    /** Content text as a message parameter, marked `lang="en"` where shown untranslated. */
    textOf: (thing: Translatable | undefined, text: string, key?: string) => {
      const attr = langAttr(thing, lang, key);
      return attr ? { html: `<span${attr}>${ejs.escapeXML(text)}</span>` } : text;
    },
    htmlLang: lang === 'en' ? edition.site.language : lang,
    languages,
    translation,
    englishPath: view.meta.path,
    // The plain 404 page (asked for nothing: one page for every address) names no address.
    canonical:
      view.meta.asked === ''
        ? undefined
        : ctx.baseUrl + (view.meta.asked ?? inLanguage(lang, view.meta.path)),
    baseUrl: ctx.baseUrl,
    asset: ctx.asset,
    dev: ctx.dev,
    panel: ctx.dev
      ? devPanel({
          failure: ctx.failure,
          loaded: ctx.loaded ?? true,
          warnings: content.warnings,
          warningTotals: content.warningTotals,
          loadedAt: content.loadedAt,
          contentDir: ctx.contentDir,
        })
      : undefined,
    version,
    live: version && version.status !== 'decided' ? version : undefined,
    liveUpdated: (iso: string, zone?: string) => updatedAt(iso, zone, lang),
  };
  const body = await ejs.renderFile(
    path.join(viewsDir, 'pages', `${view.template}.ejs`),
    locals,
    options,
  );
  return ejs.renderFile(path.join(viewsDir, 'layouts', 'base.ejs'), { ...locals, body }, options);
}

/** The share image and OpenGraph type of a route's page, in its language. */
function sharing(content: Content, route: Route, lang: Lang): Pick<PageMeta, 'type' | 'image'> {
  if (route.kind === 'candidate') {
    const { election, candidate } = route;
    return {
      type: 'profile',
      image: {
        path: urls.shareCandidate(election.slug, candidate.slug, lang),
        alt: candidateShareAlt(election, candidate, lang),
      },
    };
  }
  const election =
    route.kind === 'home' || route.kind === 'page'
      ? content.editions[lang].elections[0]
      : route.election;
  const type = route.kind === 'article' ? 'article' : 'website';
  if (!election) return { type };
  // While voting, the image changes with each round: a new address per round, so platforms
  // that keep an image by its address fetch the new one.
  const round = election.status === 'voting' ? `?round=${election.rounds.length}` : '';
  return {
    type,
    image: {
      path: urls.shareElection(election.slug, lang) + round,
      alt: electionShareAlt(election, lang),
    },
  };
}

/** The HTML of a page of the route table. */
export function renderRoutePage(
  content: Content,
  route: Route,
  ctx: RenderContext,
): Promise<string> {
  const lang = ctx.lang ?? 'en';
  const view = viewFor(content, route, lang);
  Object.assign(view.meta, sharing(content, route, lang));
  const image = view.meta.image ? ctx.baseUrl + view.meta.image.path : undefined;
  const url = ctx.baseUrl + inLanguage(lang, view.meta.path);
  const words = { lang, name: view.meta.title, description: view.meta.description };
  view.data.jsonLd = jsonLd(structuredData(content, route, url, image, words));
  return renderView(view, content, ctx, translationOf(content.editions[lang], route));
}

/**
 * Pages a reader may have meant, by closeness of the path. Only paths within the largest
 * number of edits `closest` accepts (3) can be close enough, so only those are compared:
 * a flood of made-up paths costs little, whatever the size of the site.
 */
function suggestions(content: Content, requested: string, lang: Lang): Crumb[] {
  if (requested.length > 200) return [];
  const lower = languageOf(requested.toLowerCase()).path;
  const { routes } = content.editions[lang];
  const near = [...routes.keys()].filter((p) => Math.abs(p.length - lower.length) <= 3);
  const guess = closest(lower, near);
  const route = guess === undefined ? undefined : routes.get(guess);
  return guess === undefined || !route
    ? []
    : [{ label: viewFor(content, route, lang).meta.title, href: inLanguage(lang, guess) }];
}

// Stand-ins for what changes per request, rendered into the page once and replaced after.
const REQUESTED = 'x404requested0c0ffee';
const REQUEST_ID = 'x404requestid0c0ffee';

/** The not-found page per content version and suggestion, in pieces around the stand-ins. */
const notFoundPages = new WeakMap<Content, Map<string, Promise<string>>>();

function renderNotFoundView(
  content: Content,
  requested: string,
  found: Crumb[],
  requestId: string,
  ctx: RenderContext,
): Promise<string> {
  const t = tr(ctx.lang);
  return renderView(
    {
      template: 'not-found',
      meta: {
        title: t('page.notFound'),
        description: t('page.notFoundDescription'),
        path: requested,
        // `/fr/nope` already carries its prefix: said as asked, not as `/fr/fr/nope`.
        asked: requested,
        breadcrumbs: [homeCrumb(ctx.lang ?? 'en')],
        noindex: true,
      },
      data: { requested, suggestions: found, requestId },
    },
    content,
    ctx,
  );
}

/**
 * The 404 page: rendered once per content version and suggestion (at most a few dozen kept),
 * then filled in with the path asked for and the request id, escaped as the template would.
 */
export async function renderNotFoundPage(
  content: Content,
  requested: string,
  requestId: string,
  ctx: RenderContext,
): Promise<string> {
  const lang = ctx.lang ?? 'en';
  const found = suggestions(content, requested, lang);
  // In dev, pages show the content problems of the moment: always render afresh.
  if (ctx.dev) return renderNotFoundView(content, requested, found, requestId, ctx);
  let pages = notFoundPages.get(content);
  if (!pages) {
    pages = new Map();
    notFoundPages.set(content, pages);
  }
  const key = `${lang} ${ctx.baseUrl} ${found[0]?.href ?? ''}`;
  let page = pages.get(key);
  if (!page) {
    if (pages.size >= 64) pages.clear();
    page = renderNotFoundView(content, REQUESTED, found, REQUEST_ID, ctx);
    pages.set(key, page);
    page.catch(() => pages.delete(key));
  }
  const html = await page;
  const escaped = ejs.escapeXML(requested);
  return html.replaceAll(REQUESTED, () => escaped).replaceAll(REQUEST_ID, () => requestId);
}

/**
 * The 404 page without the address asked for, a suggestion or a request id (the id is in
 * the X-Request-Id header): the same bytes for every request, sent during a flood of 404s.
 */
export function renderPlainNotFoundPage(content: Content, ctx: RenderContext): Promise<string> {
  return renderNotFoundView(content, '', [], '', ctx);
}

/** What an error page says, by status. */
export function errorWording(
  status: number,
  lang: Lang = 'en',
): { error: string; title: string; message: string } {
  const t = tr(lang);
  if (status === 405)
    return {
      error: 'method-not-allowed',
      title: t('error.methodTitle'),
      message: t('error.methodMessage'),
    };
  if (status < 500)
    return { error: 'bad-request', title: t('error.badTitle'), message: t('error.badMessage') };
  return {
    error: 'server-error',
    title: t('error.serverTitle'),
    message: t('error.serverMessage'),
  };
}

export function renderErrorPage(
  content: Content,
  status: number,
  requestId: string,
  ctx: RenderContext,
): Promise<string> {
  const { title, message } = errorWording(status, ctx.lang);
  return renderView(
    {
      template: 'error',
      meta: {
        title,
        description: message,
        path: urls.home(),
        breadcrumbs: [homeCrumb(ctx.lang ?? 'en')],
        noindex: true,
      },
      data: { heading: title, message, requestId },
    },
    content,
    ctx,
  );
}

/** The last resort, when even the error page cannot be rendered. */
export const PLAIN_ERROR = (requestId: string): string =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>Something went wrong</title><h1>Something went wrong</h1><p>The page could not be shown. Please try again in a moment.</p><p>Request id: ${requestId.replace(/[^a-zA-Z0-9-]/g, '')}</p></html>`;
