// The JSON API: the same content as the pages, for programs. Read-only, open to any origin.
import { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { Candidate, Content, Election } from '../content/model.js';
import type { Lang } from '../i18n/lang.js';
import { DEFAULT_LANG } from '../i18n/lang.js';
import { tr } from '../i18n/messages.js';
import type { ContentHolder } from '../store/holder.js';
import { inLanguage, urls } from '../urls.js';
import { requestId } from './request.js';
import { candidateOutcome } from './present.js';

/**
 * Where the API's documents point and in which language their text is: English under
 * `/api/…`, French under `/fr/api/…`, and so on. Text fields are the edition's (translated
 * where a translation exists; each object's `translation` says which); data is the same.
 */
export interface ApiLanguage {
  baseUrl: string;
  lang: Lang;
}

function electionSummary(e: Election, { baseUrl, lang }: ApiLanguage) {
  return {
    slug: e.slug,
    title: e.title,
    shortTitle: e.shortTitle,
    description: e.description,
    office: e.office,
    organization: e.organization,
    status: e.status,
    voteDate: e.dates.vote,
    winner: e.decision?.winner ?? null,
    updated: e.updated,
    translation: e.translation,
    url: baseUrl + inLanguage(lang, e.url),
    api: baseUrl + urls.apiElection(e.slug, lang),
  };
}

function candidateSummary(e: Election, c: Candidate, { baseUrl, lang }: ApiLanguage) {
  return {
    slug: c.slug,
    name: c.name,
    nationality: c.nationality,
    nominatedBy: c.nominatedBy,
    summary: c.summary,
    outcome: candidateOutcome(e, c.slug).outcome,
    translation: c.translation,
    url: baseUrl + inLanguage(lang, c.url),
    api: baseUrl + urls.apiCandidate(e.slug, c.slug, lang),
  };
}

/** An election as data: every field of election.yaml, with its candidates and articles listed. */
export function electionJson(e: Election, to: ApiLanguage) {
  const {
    file: _file,
    sourcesById: _byId,
    overviewHtml,
    candidates,
    articles,
    slug: _slug,
    url: _url,
    ...data
  } = e;
  return {
    lang: to.lang,
    ...electionSummary(e, to),
    ...data,
    overviewHtml: overviewHtml?.html ?? null,
    candidates: candidates.map((c) => candidateSummary(e, c, to)),
    articles: articles.map((a) => ({
      slug: a.slug,
      title: a.title,
      description: a.description,
      published: a.published,
      updated: a.updated,
      translation: a.translation,
      url: to.baseUrl + inLanguage(to.lang, a.url),
    })),
  };
}

export function candidateJson(e: Election, c: Candidate, to: ApiLanguage) {
  const { file: _file, biography, election: _election, slug: _slug, url: _url, ...data } = c;
  return {
    lang: to.lang,
    ...candidateSummary(e, c, to),
    ...data,
    election: e.slug,
    biographyHtml: biography.html,
  };
}

export function electionsJson(content: Content, to: ApiLanguage) {
  const edition = content.editions[to.lang];
  return { lang: to.lang, elections: edition.elections.map((e) => electionSummary(e, to)) };
}

/** Sends the JSON `data()` builds, kept under `key`: the canonical URL of what was resolved. */
export type SendJson = (
  req: Request,
  res: Response,
  next: NextFunction,
  content: Content,
  key: string,
  data: () => unknown,
) => void;

/** The API in a language, mounted at `urls.api(lang)`. */
export function apiRoutes(
  holder: ContentHolder,
  baseUrl: string,
  send: SendJson,
  lang: Lang = DEFAULT_LANG,
): Router {
  const to: ApiLanguage = { baseUrl, lang };
  const router = Router({ caseSensitive: true, strict: true });
  router.use((_req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    next();
  });
  const notFound = (req: Request, res: Response): void => {
    res.status(404).json({
      error: 'not-found',
      message: tr(lang)('api.notFound', { path: req.originalUrl.split('?')[0] ?? '' }),
      requestId: requestId(req),
    });
  };
  const election = (content: Content, slug: string | undefined): Election | undefined =>
    content.editions[lang].elections.find((x) => x.slug === slug);
  router.get('/elections', (req, res, next) => {
    const content = holder.current;
    send(req, res, next, content, urls.apiElections(lang), () => electionsJson(content, to));
  });
  router.get('/elections/:election', (req, res, next) => {
    const content = holder.current;
    const e = election(content, req.params.election);
    if (!e) return notFound(req, res);
    send(req, res, next, content, urls.apiElection(e.slug, lang), () => electionJson(e, to));
  });
  router.get('/elections/:election/candidates/:candidate', (req, res, next) => {
    const content = holder.current;
    const e = election(content, req.params.election);
    const c = e?.candidates.find((x) => x.slug === req.params.candidate);
    if (!e || !c) return notFound(req, res);
    const key = urls.apiCandidate(e.slug, c.slug, lang);
    send(req, res, next, content, key, () => candidateJson(e, c, to));
  });
  router.use(notFound);
  return router;
}
