// The load's assemble stage: what is valid as elections, candidates, articles and pages, and
// at the end the one frozen Content.
import { createHash } from 'node:crypto';
import { urls } from '../urls.js';
import { compareDates } from './dates.js';
import { deepFreeze } from './freeze.js';
import type { CheckedFiles } from './load-check.js';
import type { ReadFiles } from './load-read.js';
import type { RenderedFiles } from './load-render.js';
import type { LoadOptions } from './load-stage.js';
import { markedDraft, slugOf } from './load-stage.js';
import type { ValidFiles } from './load-validate.js';
import { DEFAULT_LANG, LANGS } from '../i18n/lang.js';
import type { EditionSources } from './load-editions.js';
import { buildEditions } from './load-editions.js';
import type { Article, Candidate, Content, Edition, Election, Page } from './model.js';
import type { Problem } from './problems.js';
import type { SiteData } from './schemas.js';

const ORIGINAL = { status: 'original' } as const;

/** What is valid, as the site shows it: elections with their candidates and published articles, and pages. */
export interface Model {
  elections: Election[];
  pages: Page[];
}

/** Assembles what is valid into elections, candidates, articles and pages (drafts left out unless asked for). */
export function buildModel({ folders, pages: pageEntries }: ValidFiles, { rendered }: RenderedFiles, { includeDrafts }: LoadOptions): Model {
  const elections: Election[] = [];
  for (const [slug, f] of folders) {
    const data = f.election?.data;
    if (!data || !f.election) continue;
    const candidates: Candidate[] = f.candidates.flatMap(({ source, data: c }) =>
      c ? [{ ...c, slug: slugOf(source.file), file: source.file, election: slug, url: urls.candidate(slug, slugOf(source.file)), translation: ORIGINAL, biography: rendered.get(source.file)! }] : [],
    );
    candidates.sort((a, b) => a.sortName.localeCompare(b.sortName, 'en') || a.slug.localeCompare(b.slug));
    const articles: Article[] = f.articles.flatMap((e) =>
      e.data && (includeDrafts === true || !markedDraft(e))
        ? [{ ...e.data, slug: slugOf(e.source.file), file: e.source.file, election: slug, url: urls.article(slug, slugOf(e.source.file)), translation: ORIGINAL, body: rendered.get(e.source.file)! }]
        : [],
    );
    articles.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title, 'en'));
    elections.push({
      ...data,
      slug,
      file: f.election.source.file,
      url: urls.election(slug),
      translation: ORIGINAL,
      overviewHtml: rendered.get(f.election.source.file),
      candidates,
      articles,
      sourcesById: new Map(data.sources.map((s) => [s.id, s])),
    });
  }
  const pages: Page[] = pageEntries.flatMap(({ source, data }) =>
    data ? [{ ...data, slug: slugOf(source.file), file: source.file, url: urls.page(slugOf(source.file)), translation: ORIGINAL, body: rendered.get(source.file)! }] : [],
  );
  pages.sort((a, b) => a.order - b.order || a.title.localeCompare(b.title, 'en'));
  return { elections, pages };
}

/** A hash of every file read: changes whenever content does. */
function versionOf(texts: ReadFiles['texts']): string {
  const hash = createHash('sha256');
  for (const file of [...texts.keys()].sort()) hash.update(file).update('\0').update(texts.get(file)!).update('\0');
  return hash.digest('hex').slice(0, 12);
}

/**
 * The hash of each election as every language's pages show it (the live channel's version
 * documents say by it whether an election changed), by slug. Made here, in the thread that
 * loads: on the serving thread, an election of 5,000 articles in three languages was 90 MB of
 * JSON and 0.4 s of hashing on every save.
 */
function electionHashes(editions: Content['editions']): ReadonlyMap<string, string> {
  const hashes = new Map<string, string>();
  for (const { slug } of editions[DEFAULT_LANG].elections) {
    const hash = createHash('sha256');
    for (const lang of LANGS) {
      const election = editions[lang].elections.find((e) => e.slug === slug);
      if (election === undefined) {
        hash.update(`${lang}\nnull\n`);
        continue;
      }
      const { candidates, articles, ...rest } = election;
      hash.update(`${lang}\n${JSON.stringify(rest)}\n${candidates.length} ${articles.length}\n`);
      for (const part of [...candidates, ...articles]) hash.update(`${JSON.stringify(part)}\n`);
    }
    hashes.set(slug, hash.digest('base64url').slice(0, 16));
  }
  return hashes;
}

/** Stage 6, assemble: the one frozen Content, the featured election first, the warnings kept. */
export function assembleContent(
  site: SiteData,
  { elections, pages }: Model,
  { table }: CheckedFiles,
  { texts }: ReadFiles,
  warnings: Problem[],
  translations: EditionSources,
  posted = false,
): Content {
  const featured = site.featured;
  const sorted = [...elections].sort(
    (a, b) => Number(b.slug === featured) - Number(a.slug === featured) || compareDates(b.dates.vote, a.dates.vote),
  );
  const english: Edition = { lang: DEFAULT_LANG, site, siteTranslation: ORIGINAL, elections: sorted, pages, routes: table.routes };
  const editions = buildEditions(english, translations);
  const content: Content = {
    editions,
    electionHashes: electionHashes(editions),
    site,
    elections: sorted,
    pages,
    routes: table.routes,
    aliases: table.aliases,
    version: versionOf(texts),
    loadedAt: new Date().toISOString(),
    warnings,
  };
  // A deep copy lets go of the files' text: strings cut from a larger string (a title from a
  // YAML file, a link from a Markdown body) keep the whole of it alive otherwise. On a large
  // site that is a third of the memory held. Content posted to another thread arrives there
  // as such a copy, frozen on arrival: copying it here too was half a second of every load
  // of 5,000 articles.
  return posted ? content : deepFreeze(structuredClone(content));
}
