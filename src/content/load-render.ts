// The load's render stage: every Markdown body rendered once, citations resolved.
import type { RenderedMarkdown } from '../markdown/render.js';
import { blockNesting, escapeMarkdown, renderMarkdown } from '../markdown/render.js';
import { formatDate } from './dates.js';
import type { Problem } from './problems.js';
import { problem } from './problems.js';
import type { Found, Progress } from './load-stage.js';
import { reasonOf, sentence, whole } from './load-stage.js';
import type { ParsedFiles } from './load-read.js';
import type { ElectionFolder, ValidFiles } from './load-validate.js';
import type { Source } from './schemas.js';
import type { SourceFile } from './source-file.js';
import { bodyPlace, locate, NESTING_LIMIT } from './source-file.js';

/** A source as the text of its footnote: publisher, linked title, date, where it was read. */
export function formatCitation(source: Source): string {
  const parts = [`${escapeMarkdown(source.publisher)}, [${escapeMarkdown(source.title)}](${source.url})`];
  if (source.date !== undefined) parts.push(formatDate(source.date));
  if (source.via !== undefined) parts.push(`read on ${escapeMarkdown(source.via)}`);
  return `${parts.join(', ')}.`;
}

/** The addresses of images on other sites in rendered HTML. */
function externalImages(html: string): string[] {
  const found = [...html.matchAll(/<img\b[^>]*?\ssrc="((?:https?:)?\/\/[^"]*)"/gi)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  return [...new Set(found)];
}

type Cite = (id: string) => string | undefined;

/** Footnote text by source id, from an election's valid sources. */
function citeFor(folder: ElectionFolder): Cite {
  const byId = new Map((folder.election?.data?.sources ?? []).map((s) => [s.id, s]));
  return (id) => {
    const found = byId.get(id);
    return found ? formatCitation(found) : undefined;
  };
}

/** Stage 4's output: each file's Markdown rendered, by file, in the order rendered. */
export interface RenderedFiles extends Found {
  rendered: ReadonlyMap<string, RenderedMarkdown>;
}

/** Stage 4, render: every Markdown body once, citations resolved against its election's sources. */
export function renderFiles({ folders, pages }: ValidFiles, { sources }: ParsedFiles, onFile: Progress): RenderedFiles {
  const problems: Problem[] = [];
  const rendered = new Map<string, RenderedMarkdown>();
  // Nesting beyond what marked's recursion can take is a problem, not a crash; whatever else
  // fails in a rendering is a problem naming the file too.
  const render = (source: SourceFile, markdown: string, cite?: Cite, offset = 0): void => {
    onFile(source.file);
    const deep = blockNesting(markdown, NESTING_LIMIT);
    const line = (index: number): number => (source.body === undefined ? locate(source, ['overview']).line : source.bodyLine + index);
    if (deep) {
      problems.push(problem('nesting-too-deep', { file: source.file, line: line(deep.line), column: 1, field: '' }, 'text', deep.depth, NESTING_LIMIT));
      markdown = '';
    }
    try {
      rendered.set(source.file, renderMarkdown(markdown, cite, offset));
    } catch (cause) {
      problems.push(problem('load-failed', whole(source.file), sentence(reasonOf(cause).split('\n')[0]!)));
      rendered.set(source.file, renderMarkdown('', cite, offset));
    }
  };
  for (const f of folders.values()) {
    const cite = citeFor(f);
    // A biography sits under the profile's "Biography" heading: its sections are one level down.
    for (const e of f.candidates) render(e.source, e.source.body ?? '', cite, 1);
    for (const e of f.articles) render(e.source, e.source.body ?? '', cite);
    const overview = f.election?.data?.overview;
    if (f.election && overview !== undefined) render(f.election.source, overview, cite);
  }
  for (const e of pages) render(e.source, e.source.body ?? '');

  // Images from other sites pass the sanitizer, but the security policy would block them.
  for (const [file, body] of rendered) {
    const source = sources.get(file)!;
    for (const src of externalImages(body.html)) {
      const index = source.body?.indexOf(src) ?? -1;
      const place = index === -1 ? locate(source, source.body === undefined ? ['overview'] : []) : bodyPlace(source, index);
      problems.push(problem('image-external', { ...place, field: '' }, src));
    }
  }
  return { rendered, problems };
}
