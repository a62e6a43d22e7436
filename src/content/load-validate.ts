// The load's validate stage: each parsed file against its schema, grouped by what it is.
import type { z } from 'zod';
import { isLanguagePrefix, ROUTE_WORDS } from '../urls.js';
import type { Place, Problem } from './problems.js';
import { problem } from './problems.js';
import type { Entry, Found, Progress } from './load-stage.js';
import { whole } from './load-stage.js';
import type { ParsedFiles, ReadFiles, TranslationKind } from './load-read.js';
import { classify } from './load-read.js';
import * as schemas from './schemas.js';
import type { SourceFile } from './source-file.js';
import { validateFile } from './validate.js';

/** The files of one folder under `elections/`. */
export interface ElectionFolder {
  election?: Entry<schemas.ElectionData>;
  candidates: Entry<schemas.CandidateData>[];
  articles: Entry<schemas.ArticleData>[];
}

/** A translation file as parsed, validated by the translate stage (load-translate.ts). */
export interface TranslationFile extends TranslationKind {
  source: SourceFile;
}

/** Stage 3's output: every parsed file as an entry, valid or not, in file order. */
export interface ValidFiles extends Found {
  site: Entry<schemas.SiteData> | undefined;
  pages: Entry<schemas.PageData>[];
  /** By election slug, in the order first met. */
  folders: ReadonlyMap<string, ElectionFolder>;
  /** Translation files, in file order: checked against their English files next. */
  translations: TranslationFile[];
}

function checkSlug(slug: string, place: Place, topLevel: boolean, problems: Problem[]): void {
  if (!schemas.SLUG_PATTERN.test(slug)) {
    problems.push(problem('slug-invalid', place, slug));
  } else if (slug.length > schemas.SLUG_MAX_LENGTH) {
    problems.push(problem('slug-too-long', place, slug.length, schemas.SLUG_MAX_LENGTH));
  } else if (slug === 'index') {
    // The export writes a page both as `x.html` and as `x/index.html`: a page named "index"
    // would be written over the page of the folder it is in (the home page, an election's).
    problems.push(problem('slug-reserved', place, slug, "the static export writes each folder's own page as index.html"));
  } else if (topLevel && slug === '404') {
    problems.push(problem('slug-reserved', place, slug, 'the static export writes the page for a missing address as 404.html'));
  } else if (topLevel && ROUTE_WORDS.has(slug)) {
    problems.push(problem('slug-reserved', place, slug, 'the site uses it for its own pages'));
  } else if (topLevel && isLanguagePrefix(slug)) {
    problems.push(problem('slug-reserved', place, slug, 'two-letter names are kept for languages, like /fr/'));
  }
}

/** Stage 3, validate: each file against its schema, the names of files and folders, and the files a site needs. */
export function validateFiles({ files }: ReadFiles, { sources }: ParsedFiles, onFile: Progress): ValidFiles {
  const problems: Problem[] = [];
  function entry<S extends z.ZodType>(schema: S, source: SourceFile): Entry<z.output<S>> {
    onFile(source.file);
    const result = validateFile(schema, source, problems);
    return { source, data: result.ok ? result.value : undefined };
  }
  let site: Entry<schemas.SiteData> | undefined;
  const pages: Entry<schemas.PageData>[] = [];
  const folders = new Map<string, ElectionFolder>();
  const translations: TranslationFile[] = [];
  const folder = (slug: string): ElectionFolder => {
    let found = folders.get(slug);
    if (!found) {
      found = { candidates: [], articles: [] };
      folders.set(slug, found);
      checkSlug(slug, whole(`elections/${slug}`), true, problems);
    }
    return found;
  };
  for (const [file, source] of sources) {
    const kind = classify(file)!;
    switch (kind.kind) {
      case 'site':
        site = entry(schemas.site, source);
        break;
      case 'page':
        checkSlug(kind.slug, whole(file), true, problems);
        pages.push(entry(schemas.page, source));
        break;
      case 'election':
        folder(kind.election).election = entry(schemas.election, source);
        break;
      case 'candidate':
        checkSlug(kind.slug, whole(file), false, problems);
        folder(kind.election).candidates.push(entry(schemas.candidate, source));
        break;
      case 'article':
        checkSlug(kind.slug, whole(file), true, problems);
        folder(kind.election).articles.push(entry(schemas.article, source));
        break;
      case 'translation':
        translations.push({ ...kind, source });
        break;
    }
  }
  if (!files.includes('site.yaml')) {
    problems.push(problem('file-missing', whole('site.yaml'), 'site.yaml, the site name, publisher and featured election'));
  }
  for (const [slug, f] of folders) {
    const file = `elections/${slug}/election.yaml`;
    if (!f.election) problems.push(problem('file-missing', whole(file), `${file}, the data of this election`));
  }
  return { site, pages, folders, translations, problems };
}
