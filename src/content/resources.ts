// Every URL of the site other than its pages: documents, each language's feed, API and share
// images, and each election's version document. The static export writes them all; the
// serving thread knows from it which requests ask for something that exists.
import { LANGS } from '../i18n/lang.js';
import { urls } from '../urls.js';
import type { Content } from './model.js';

/** `api`: JSON of the API; `file`: any other document. */
export type ResourceKind = 'api' | 'file';

export function siteResources(content: Content): [url: string, kind: ResourceKind][] {
  return [
    [urls.sitemap(), 'file'],
    [urls.robots(), 'file'],
    ...LANGS.flatMap((lang): [string, ResourceKind][] => [
      [urls.feed(lang), 'file'],
      [urls.apiElections(lang), 'api'],
      ...content.elections.flatMap((e): [string, ResourceKind][] => [
        [urls.shareElection(e.slug, lang), 'file'],
        ...e.candidates.map((c): [string, ResourceKind] => [
          urls.shareCandidate(e.slug, c.slug, lang),
          'file',
        ]),
        [urls.apiElection(e.slug, lang), 'api'],
        ...e.candidates.map((c): [string, ResourceKind] => [
          urls.apiCandidate(e.slug, c.slug, lang),
          'api',
        ]),
      ]),
    ]),
    // Open pages of a live election poll its version document.
    ...content.elections.map((e): [string, ResourceKind] => [urls.live(e.slug), 'file']),
  ];
}
