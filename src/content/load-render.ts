// The load's render stage: every Markdown body rendered once, citations resolved.
import type { Lang } from '../i18n/lang.js';
import { DEFAULT_LANG } from '../i18n/lang.js';
import { tr } from '../i18n/messages.js';
import type { RenderCache, RenderedMarkdown } from '../markdown/render.js';
import { blockNesting, escapeMarkdown, localizeRendering, renderMarkdown } from '../markdown/render.js';
import { formatDate as formatDateIn } from '../i18n/format.js';
import { formatDate } from './dates.js';
import type { Problem } from './problems.js';
import { problem } from './problems.js';
import type { Found, Progress } from './load-stage.js';
import { reasonOf, sentence, whole } from './load-stage.js';
import type { Translation } from './load-translate.js';
import type { ElectionFolder, ValidFiles } from './load-validate.js';
import type { Source } from './schemas.js';
import type { SourceFile } from './source-file.js';
import { bodyPlace, fieldTextPlace, locate, NESTING_LIMIT, textIndex } from './source-file.js';
import { overlaySources } from './load-editions.js';

/**
 * A source as the text of its footnote: publisher, linked title, date, where it was read. The
 * source keeps its own title and publisher in every language; the date and words are the edition's.
 */
export function formatCitation(source: Source, lang: Lang = DEFAULT_LANG): string {
  const parts = [`${escapeMarkdown(source.publisher)}, [${escapeMarkdown(source.title)}](${source.url})`];
  if (source.date !== undefined) parts.push(lang === DEFAULT_LANG ? formatDate(source.date) : formatDateIn(source.date, lang));
  const via = source.via === undefined ? '' : tr(lang)('sources.via', { via: escapeMarkdown(source.via) });
  return `${parts.join(', ')}${via}.`;
}

/** The addresses of images on other sites in rendered HTML. */
function externalImages(html: string): string[] {
  const found = [...html.matchAll(/<img\b[^>]*?\ssrc="((?:https?:)?\/\/[^"]*)"/gi)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  return [...new Set(found)];
}

type Cite = (id: string) => string | undefined;

/** Footnote text by source id, from an election's valid sources (with the edition's words for them). */
function citeFor(folder: ElectionFolder, lang: Lang, text: unknown): Cite {
  const byId = new Map(overlaySources(folder.election?.data?.sources ?? [], text).map((s) => [s.id, s]));
  return (id) => {
    const found = byId.get(id);
    return found ? formatCitation(found, lang) : undefined;
  };
}

/** Stage 4's output: each file's Markdown rendered, by (English) file, in the order rendered. */
export interface RenderedFiles extends Found {
  rendered: ReadonlyMap<string, RenderedMarkdown>;
  /** By English file, the translation whose text was rendered (an edition's, where it gives one). */
  translated: ReadonlyMap<string, SourceFile>;
}

/** An edition other than English: its language, and the translations into it by English file. */
export interface EditionText {
  lang: Lang;
  translations: ReadonlyMap<string, Translation>;
  /** The English renderings, shown (with their links in the edition) where a text has no translation. */
  english: ReadonlyMap<string, RenderedMarkdown>;
}

/**
 * Stage 4, render: every Markdown body once, citations resolved against its election's
 * sources. For an edition other than English, each text is the translation's where it gives
 * one, rendered with the footnotes' words in the edition's language and internal links under
 * its prefix (`/fr/…`); elsewhere it is the English rendering with its links under the prefix
 * (the page marks it as English). Problems of the English text are said once, by the English
 * rendering.
 */
export function renderFiles(
  { folders, pages }: ValidFiles,
  onFile: Progress,
  edition?: EditionText,
  renderings?: RenderCache,
): RenderedFiles {
  const lang = edition?.lang ?? DEFAULT_LANG;
  const renderEdition = { lang, linkPrefix: edition ? `/${lang}` : '' };
  const problems: Problem[] = [];
  const rendered = new Map<string, RenderedMarkdown>();
  const translated = new Map<string, SourceFile>();
  // By English file, the file whose text was rendered, when its problems are to be said.
  const reported = new Map<string, SourceFile>();
  // Nesting beyond what marked's recursion can take is a problem, not a crash; whatever else
  // fails in a rendering is a problem naming the file too.
  const renderOne = (key: string, source: SourceFile, markdown: string, cite?: Cite, offset = 0): void => {
    onFile(source.file);
    const found: Problem[] = [];
    const deep = blockNesting(markdown, NESTING_LIMIT);
    // The line of the text's line `index` (in an election's overview, in YAML, where it can be told).
    const line = (index: number): number =>
      source.body === undefined
        ? fieldTextPlace(source, ['overview'], [], '', { index: lineStart(markdown, index), in: markdown }).line
        : source.bodyLine + index;
    if (deep) {
      found.push(problem('nesting-too-deep', { file: source.file, line: line(deep.line), column: 1, field: '' }, 'text', deep.depth, NESTING_LIMIT));
      markdown = '';
    }
    try {
      rendered.set(key, renderMarkdown(markdown, cite, offset, renderEdition, renderings));
    } catch (cause) {
      found.push(problem('load-failed', whole(source.file), sentence(reasonOf(cause).split('\n')[0]!)));
      rendered.set(key, renderMarkdown('', cite, offset, renderEdition));
    }
    if (!edition || key !== source.file) {
      problems.push(...found);
      reported.set(key, source);
    }
  };
  // The body of an English file in the edition: the translation's when it gives one.
  const render = (english: SourceFile, markdown: string | undefined, cite?: Cite, offset = 0): void => {
    const translation = edition?.translations.get(english.file);
    const text = english.body === undefined ? translation?.text.overview : translation?.body;
    const shown = edition?.english.get(english.file);
    if (translation && typeof text === 'string') {
      translated.set(english.file, translation.file.source);
      renderOne(english.file, translation.file.source, text, cite, offset);
    } else if (shown) rendered.set(english.file, localizeRendering(shown, renderEdition.linkPrefix));
    else renderOne(english.file, english, markdown ?? '', cite, offset);
  };
  for (const f of folders.values()) {
    const cite = citeFor(f, lang, f.election && edition?.translations.get(f.election.source.file)?.text);
    // A biography sits under the profile's "Biography" heading: its sections are one level down.
    for (const e of f.candidates) render(e.source, e.source.body, cite, 1);
    for (const e of f.articles) render(e.source, e.source.body, cite);
    const overview = f.election?.data?.overview;
    if (f.election && overview !== undefined) render(f.election.source, overview, cite);
  }
  for (const e of pages) render(e.source, e.source.body);

  // Images from other sites pass the sanitizer, but the security policy would block them.
  for (const [file, body] of rendered) {
    const source = reported.get(file);
    if (!source) continue;
    for (const src of externalImages(body.html)) {
      // The address whole first: "a.png" is also the start of "a.png?big", which may come first.
      const needles = [`(${src})`, `(${src} `, `"${src}"`, src];
      const index = textIndex(source.body ?? '', needles, src);
      const place =
        source.body === undefined
          ? fieldTextPlace(source, ['overview'], needles, src)
          : index === -1
            ? locate(source, [])
            : bodyPlace(source, index);
      problems.push(problem('image-external', { ...place, field: '' }, src));
    }
  }
  return { rendered, translated, problems };
}

/** Where a text's line `index` (from 0) starts. */
function lineStart(text: string, index: number): number {
  let at = 0;
  for (let i = 0; i < index; i++) {
    const next = text.indexOf('\n', at);
    if (next === -1) return at;
    at = next + 1;
  }
  return at;
}
