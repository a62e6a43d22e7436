// Turns a route into a rendered page: picks the view, gathers its plain data (titles,
// breadcrumbs, dates), renders it inside the layout, and sends it with the right status.
import ejs from 'ejs';
import type { Request, Response } from 'express';
import path from 'node:path';
import type { Content, Election, Route } from '../content/model.js';
import type { ReloadFailure } from '../store/holder.js';
import { viewsDir } from '../paths.js';
import { closest } from '../content/suggest.js';
import { urls } from '../urls.js';
import * as present from './present.js';
import { jsonLd, structuredData } from './web-data.js';

export interface RenderContext {
  dev: boolean;
  failure: ReloadFailure | undefined;
  baseUrl: string;
}

export interface Crumb {
  label: string;
  href: string;
}

/** What the layout needs of every page. */
export interface PageMeta {
  title: string;
  /** The page's name in breadcrumbs, when shorter than its title. */
  crumb?: string;
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
}

interface View {
  template: string;
  meta: PageMeta;
  data: Record<string, unknown>;
}

function electionCrumbs(election: Election): Crumb[] {
  return [
    { label: 'Home', href: urls.home() },
    { label: election.shortTitle, href: election.url },
  ];
}

function viewFor(content: Content, route: Route): View {
  switch (route.kind) {
    case 'home':
      return {
        template: 'home',
        meta: {
          title: content.site.name,
          description: content.site.description ?? content.site.tagline,
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
          breadcrumbs: [{ label: 'Home', href: urls.home() }],
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
          breadcrumbs: [{ label: 'Home', href: urls.home() }],
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
          title: `${candidate.name}: candidate profile, ${election.shortTitle}`,
          crumb: candidate.name,
          description: candidate.summary,
          path: candidate.url,
          breadcrumbs: electionCrumbs(election),
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
          title: `${article.title}: ${election.shortTitle}`,
          crumb: article.title,
          description: article.description,
          path: article.url,
          breadcrumbs: electionCrumbs(election),
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
        compare: [
          'Candidates side by side',
          `The candidates for ${election.office} compared on the same facts.`,
        ],
        results: [
          'Results round by round',
          `Votes in each round, what it took to win, and where each figure comes from.`,
        ],
        timeline: ['Timeline', `The dated events of the ${election.shortTitle} election.`],
        sources: ['Sources', `Every source cited for the ${election.shortTitle} election.`],
      } as const;
      const [title, description] = titles[route.kind];
      return {
        template: route.kind,
        meta: {
          title: `${title}: ${election.shortTitle}`,
          crumb: title,
          description,
          path: urls[route.kind](election.slug),
          breadcrumbs: electionCrumbs(election),
          updated: election.updated,
        },
        data: { election, heading: title },
      };
    }
  }
}

async function renderView(view: View, content: Content, ctx: RenderContext): Promise<string> {
  const options = { cache: !ctx.dev, root: viewsDir, views: [viewsDir] };
  const locals = {
    ...view.data,
    meta: view.meta,
    site: content.site,
    content,
    present,
    urls,
    canonical: ctx.baseUrl + view.meta.path,
    baseUrl: ctx.baseUrl,
    dev: ctx.dev,
    failure: ctx.dev ? ctx.failure : undefined,
  };
  const body = await ejs.renderFile(
    path.join(viewsDir, 'pages', `${view.template}.ejs`),
    locals,
    options,
  );
  return ejs.renderFile(path.join(viewsDir, 'layouts', 'base.ejs'), { ...locals, body }, options);
}

function send(res: Response, status: number, html: string): void {
  res.status(status).type('html').send(html);
}

/** The id pino-http gave this request, also sent as X-Request-Id. */
function requestId(req: Request): string {
  return typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : '';
}

/** The share image and OpenGraph type of a route's page. */
function sharing(content: Content, route: Route): Pick<PageMeta, 'type' | 'image'> {
  if (route.kind === 'candidate') {
    const { election, candidate } = route;
    return {
      type: 'profile',
      image: {
        path: urls.shareCandidate(election.slug, candidate.slug),
        alt: `${candidate.name}, ${election.shortTitle} candidate`,
      },
    };
  }
  const election =
    route.kind === 'home' || route.kind === 'page' ? content.elections[0] : route.election;
  const type = route.kind === 'article' ? 'article' : 'website';
  return election
    ? { type, image: { path: urls.shareElection(election.slug), alt: election.title } }
    : { type };
}

export function renderRoute(
  req: Request,
  res: Response,
  content: Content,
  route: Route,
  ctx: RenderContext,
): void {
  const view = viewFor(content, route);
  Object.assign(view.meta, sharing(content, route));
  const image = view.meta.image ? ctx.baseUrl + view.meta.image.path : undefined;
  view.data.jsonLd = jsonLd(structuredData(content, route, ctx.baseUrl + view.meta.path, image));
  renderView(view, content, ctx).then(
    (html) => send(res, 200, html),
    (err: unknown) => req.next?.(err),
  );
}

/** Pages a reader may have meant: by closeness of the path, else the elections. */
function suggestions(content: Content, requested: string): Crumb[] {
  const guess = closest(requested.toLowerCase(), content.routes.keys());
  const out: Crumb[] = [];
  if (guess !== undefined) out.push({ label: guess, href: guess });
  return out;
}

export function renderNotFound(
  req: Request,
  res: Response,
  content: Content,
  ctx: RenderContext,
): void {
  const html = (): void => {
    const view: View = {
      template: 'not-found',
      meta: {
        title: 'Page not found',
        description: 'There is no page at this address.',
        path: req.path,
        breadcrumbs: [{ label: 'Home', href: urls.home() }],
      },
      data: {
        requested: req.path,
        suggestions: suggestions(content, req.path),
        requestId: requestId(req),
      },
    };
    renderView(view, content, ctx).then(
      (body) => send(res, 404, body),
      (err: unknown) => req.next?.(err),
    );
  };
  // HTML first: it is what browsers, and clients that accept anything, get.
  res.format({
    html,
    json: () => {
      res.status(404).json({
        error: 'not-found',
        message: `Nothing is published at ${req.path}.`,
        requestId: requestId(req),
      });
    },
    default: html,
  });
}

const PLAIN_500 =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Something went wrong</title><h1>Something went wrong</h1><p>The page could not be shown. Please try again in a moment.</p></html>';

export function renderServerError(
  req: Request,
  res: Response,
  content: Content,
  status: number,
  ctx: RenderContext,
): void {
  const clientError = status < 500;
  const title = clientError ? 'Bad request' : 'Something went wrong';
  const message = clientError
    ? 'The address or the request could not be understood.'
    : 'The page could not be shown. Please try again in a moment.';
  const html = (): void => {
    const view: View = {
      template: 'error',
      meta: {
        title,
        description: message,
        path: urls.home(),
        breadcrumbs: [{ label: 'Home', href: urls.home() }],
      },
      data: { heading: title, message, requestId: requestId(req) },
    };
    renderView(view, content, ctx).then(
      (body) => send(res, status, body),
      () => send(res, status, PLAIN_500),
    );
  };
  res.format({
    html,
    json: () => {
      res.status(status).json({
        error: clientError ? 'bad-request' : 'server-error',
        message,
        requestId: requestId(req),
      });
    },
    default: html,
  });
}
