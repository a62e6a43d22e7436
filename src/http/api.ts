// The JSON API: the same content as the pages, for programs. Read-only, open to any origin.
import { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { Candidate, Content, Election } from '../content/model.js';
import type { ContentHolder } from '../store/holder.js';
import { urls } from '../urls.js';
import { requestId } from './request.js';
import { candidateOutcome } from './present.js';

function electionSummary(e: Election, baseUrl: string) {
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
    url: baseUrl + e.url,
    api: baseUrl + urls.apiElection(e.slug),
  };
}

function candidateSummary(e: Election, c: Candidate, baseUrl: string) {
  return {
    slug: c.slug,
    name: c.name,
    nationality: c.nationality,
    nominatedBy: c.nominatedBy,
    summary: c.summary,
    outcome: candidateOutcome(e, c.slug).outcome,
    url: baseUrl + c.url,
    api: baseUrl + urls.apiCandidate(e.slug, c.slug),
  };
}

/** An election as data: every field of election.yaml, with its candidates and articles listed. */
export function electionJson(e: Election, baseUrl: string) {
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
    ...electionSummary(e, baseUrl),
    ...data,
    overviewHtml: overviewHtml?.html ?? null,
    candidates: candidates.map((c) => candidateSummary(e, c, baseUrl)),
    articles: articles.map((a) => ({
      slug: a.slug,
      title: a.title,
      description: a.description,
      published: a.published,
      updated: a.updated,
      url: baseUrl + a.url,
    })),
  };
}

export function candidateJson(e: Election, c: Candidate, baseUrl: string) {
  const { file: _file, biography, election: _election, slug: _slug, url: _url, ...data } = c;
  return {
    ...candidateSummary(e, c, baseUrl),
    ...data,
    election: e.slug,
    biographyHtml: biography.html,
  };
}

export function electionsJson(content: Content, baseUrl: string) {
  return { elections: content.elections.map((e) => electionSummary(e, baseUrl)) };
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

export function apiRoutes(holder: ContentHolder, baseUrl: string, send: SendJson): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router.use((_req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    next();
  });
  const notFound = (req: Request, res: Response): void => {
    res.status(404).json({
      error: 'not-found',
      message: `Nothing is published at ${req.originalUrl.split('?')[0] ?? ''}.`,
      requestId: requestId(req),
    });
  };
  router.get('/elections', (req, res, next) => {
    const content = holder.current;
    send(req, res, next, content, urls.apiElections(), () => electionsJson(content, baseUrl));
  });
  router.get('/elections/:election', (req, res, next) => {
    const content = holder.current;
    const e = content.elections.find((x) => x.slug === req.params.election);
    if (!e) return notFound(req, res);
    send(req, res, next, content, urls.apiElection(e.slug), () => electionJson(e, baseUrl));
  });
  router.get('/elections/:election/candidates/:candidate', (req, res, next) => {
    const content = holder.current;
    const e = content.elections.find((x) => x.slug === req.params.election);
    const c = e?.candidates.find((x) => x.slug === req.params.candidate);
    if (!e || !c) return notFound(req, res);
    const key = urls.apiCandidate(e.slug, c.slug);
    send(req, res, next, content, key, () => candidateJson(e, c, baseUrl));
  });
  router.use(notFound);
  return router;
}
