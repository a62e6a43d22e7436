// The one configured Markdown pipeline: marked with heading ids and GFM footnotes, then an
// allow-list sanitizer (marked itself does not sanitize). Called once per content version.
import GithubSlugger from 'github-slugger';
import { Marked } from 'marked';
import type { Tokens } from 'marked';
import markedFootnote from 'marked-footnote';
import sanitizeHtml from 'sanitize-html';
import { lineAt, lineStartsOf } from '../content/lines.js';
import type { Lang } from '../i18n/lang.js';
import { tr } from '../i18n/messages.js';
import type { Translator } from '../i18n/messages.js';

export interface Heading {
  level: number;
  id: string;
  /** Plain text, for a contents list. */
  text: string;
}

export interface RenderedMarkdown {
  /** Sanitized HTML, safe to insert into a page as is. */
  html: string;
  /** h2 and h3 headings in order (after any offset), for a contents list. */
  headings: Heading[];
  /** Every id in the document that a link can target (headings and footnotes). */
  anchors: string[];
  /** Hrefs of all links, in order of appearance. */
  links: string[];
  /** Footnote labels referenced in the text (`[^label]`). */
  footnoteRefs: string[];
}

/**
 * Renderings kept from one load to the next: a reload renders only the text that changed. Keyed
 * by all a rendering depends on (the text with the citations it generates, the edition's
 * language and link prefix, the heading offset); what a load did not use is let go after it.
 */
export class RenderCache {
  #kept = new Map<string, RenderedMarkdown>();
  #used = new Map<string, RenderedMarkdown>();

  get(key: string): RenderedMarkdown | undefined {
    const found = this.#used.get(key) ?? this.#kept.get(key);
    if (found) this.#used.set(key, found);
    return found;
  }

  set(key: string, rendered: RenderedMarkdown): void {
    this.#used.set(key, rendered);
  }

  /** The end of a load: keep what it used, and only that. */
  settle(): void {
    this.#kept = this.#used;
    this.#used = new Map();
  }

  get size(): number {
    return this.#kept.size;
  }
}

/** Renders one cited source as the text of its footnote. */
export type CitationFormatter = (id: string) => string | undefined;

const ENTITY = /&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos|#39);/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(html: string): string {
  return html.replace(ENTITY, (_, entity: string) => {
    const name = entity.toLowerCase();
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return NAMED[name] ?? '';
  });
}

const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Editors may write a little HTML; everything not listed here is removed, including every
// script, style, event handler and javascript: URL.
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'a',
    'em',
    'strong',
    'code',
    'pre',
    'sup',
    'sub',
    'abbr',
    'q',
    'cite',
    'small',
    'mark',
    'del',
    'ins',
    'span',
    'section',
    'figure',
    'figcaption',
    'img',
    'details',
    'summary',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    '*': ['id', 'lang', 'dir', 'title'],
    a: [
      'href',
      'aria-describedby',
      'aria-label',
      'data-footnote-ref',
      'data-footnote-backref',
      'class',
    ],
    h2: ['class'],
    section: ['class', 'data-footnotes'],
    span: ['class', 'aria-hidden'],
    abbr: ['title'],
    img: ['src', 'alt', 'width', 'height', 'loading'],
    ol: ['start'],
    th: ['scope', 'colspan', 'rowspan', 'align'],
    td: ['colspan', 'rowspan', 'align'],
  },
  allowedClasses: {
    a: ['heading-anchor'],
    h2: ['footnotes-title'],
    section: ['footnotes'],
    span: ['visually-hidden'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
};

export function sanitize(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

// A label holds no "[": each try stops at the next one, so "[^[^[^…" is read in one pass
// (with "[" allowed, every "[^" scanned to the end of the text: minutes on a long line).
const FOOTNOTE_REF = /\[\^([^[\]\s]+)\](?!:)/g;
const FOOTNOTE_DEF = /^\[\^([^[\]\s]+)\]:/gm;

/** Labels of `[^label]` references, in order, without repeats. */
export function footnoteReferences(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(FOOTNOTE_REF)].map((m) => m[1]!))];
}

/** Labels of `[^label]: …` definitions written in the text itself. */
export function footnoteDefinitions(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(FOOTNOTE_DEF)].map((m) => m[1]!));
}

const CONTAINERS = /^(?:[ \t]*(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/;

/**
 * The deepest nesting of a Markdown text's blocks (quotes and list items inside one another,
 * counting two spaces of indentation as a level) and the 0-based line where it first passes
 * `limit`. Checked before rendering: marked recurses once per level.
 */
export function blockNesting(
  markdown: string,
  limit: number,
): { depth: number; line: number } | undefined {
  // Only a line that starts with a space, a tab, a quote or a list marker nests: the others
  // are passed over unread (a line at a time, a file of 500,000 short lines took 80 ms).
  for (const { 0: line, index } of markdown.matchAll(NESTING_CANDIDATE)) {
    const prefix = CONTAINERS.exec(line)?.[0] ?? '';
    const markers = prefix.replace(/\d{1,9}[.)]/g, '1').replace(/[^>*+\-1]/g, '').length;
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    const depth = markers + Math.floor(indent / 2);
    if (depth > limit) return { depth, line: lineAt(lineStartsOf(markdown), index) };
  }
  return undefined;
}

/** A line that may nest blocks: one that starts with a space, a tab, ">" or a list marker. */
const NESTING_CANDIDATE = /^[ \t>*+\-\d][^\n]*/gm;

/** What one rendering collects; set for the duration of a (synchronous) render. */
interface RenderState {
  slugger: GithubSlugger;
  headings: Heading[];
  links: string[];
  /** Added to every heading's level: 1 when the text sits under a heading of the page. */
  headingOffset: number;
  /** The words the renderer adds (section links, notes), in the document's edition's language. */
  t: Translator;
  /** Put before every internal link's path: "/fr" in the French edition, "" in English. */
  linkPrefix: string;
}
let state: RenderState | undefined;

function current(): RenderState {
  if (!state) throw new Error('The Markdown renderer was used outside renderMarkdown()');
  return state;
}

/** Paths the site answers the same in every language: never given a language prefix. */
const UNPREFIXED =
  /^\/(?:assets|api|share|healthz|__dev|sitemap\.xml|feed\.xml|robots\.txt|favicon\.ico)(?:[/?#]|$)/;

/** An internal link as the edition writes it: `/x/results` is `/fr/x/results` in French. */
export function localizeHref(href: string, prefix: string): string {
  if (prefix === '' || !href.startsWith('/') || href.startsWith('//') || UNPREFIXED.test(href))
    return href;
  return `${prefix}${href}`;
}

/**
 * English text shown in another edition while it has no translation: the English rendering
 * (its notes and words stay English, as the page marks the text `lang="en"`), with its
 * internal links under the edition's prefix, so that a reader stays in their language.
 */
export function localizeRendering(rendered: RenderedMarkdown, prefix: string): RenderedMarkdown {
  if (prefix === '') return rendered;
  return {
    ...rendered,
    html: rendered.html.replace(
      /(<a\s[^>]*?href=")(\/[^"]*)"/g,
      (_, start: string, href: string) => `${start}${localizeHref(href, prefix)}"`,
    ),
    links: rendered.links.map((href) => localizeHref(href, prefix)),
  };
}

/**
 * One configured instance per language, for every document: building marked and its
 * extensions per document cost more than the rendering itself on a large site.
 */
function configure(lang: Lang): Marked {
  const marked = new Marked({ gfm: true, async: false });
  // GFM footnotes: [^label] references and a numbered list at the end.
  marked.use(
    markedFootnote({ description: tr(lang)('markdown.notes'), headingClass: 'footnotes-title' }),
  );
  marked.use({
    // Heading ids in GitHub's style, de-duplicated within the document, each heading carrying
    // a link to itself so readers can share a section.
    renderer: {
      heading({ tokens, depth: written }: Tokens.Heading): string {
        const depth = Math.min(6, written + current().headingOffset);
        const inner = this.parser.parseInline(tokens);
        const text = decodeEntities(inner.replace(/<[^>]*>/g, '')).trim();
        const id = current().slugger.slug(text);
        if (depth === 2 || depth === 3) current().headings.push({ level: depth, id, text });
        const label = current().t('markdown.sectionLink', { section: escapeHtml(text) });
        return `<h${depth} id="${id}">${inner} <a class="heading-anchor" href="#${id}"><span aria-hidden="true">#</span><span class="visually-hidden">${label}</span></a></h${depth}>\n`;
      },
    },
    // Links are recorded as written (they are checked against the unprefixed URL table), then
    // pointed at the edition's language.
    walkTokens(token) {
      if (token.type !== 'link') return;
      const link = token as Tokens.Link;
      current().links.push(link.href);
      link.href = localizeHref(link.href, current().linkPrefix);
    },
  });
  return marked;
}

const instances = new Map<Lang, Marked>();
const markedFor = (lang: Lang): Marked => {
  let found = instances.get(lang);
  if (!found) instances.set(lang, (found = configure(lang)));
  return found;
};

/** The edition a document is rendered for: its language's words and link prefix. */
export interface RenderEdition {
  lang: Lang;
  /** "/fr" for French; "" (the default) for English. */
  linkPrefix: string;
}

const ENGLISH: RenderEdition = { lang: 'en', linkPrefix: '' };

/**
 * Renders one document, with heading ids de-duplicated within it. Citing a source is writing
 * `[^source-id]`: when the text has no definition for that label, one is generated from the
 * source list.
 */
export function renderMarkdown(
  markdown: string,
  cite: CitationFormatter = () => undefined,
  headingOffset = 0,
  edition: RenderEdition = ENGLISH,
  cache?: RenderCache,
): RenderedMarkdown {
  const defined = footnoteDefinitions(markdown);
  const footnoteRefs = footnoteReferences(markdown);
  const generated = footnoteRefs
    .filter((label) => !defined.has(label))
    .map((label) => {
      const citation = cite(label);
      return citation === undefined ? undefined : `[^${label}]: ${citation}`;
    })
    .filter((line): line is string => line !== undefined);
  const source = generated.length > 0 ? `${markdown}\n\n${generated.join('\n')}\n` : markdown;
  const key = cache && `${edition.lang}\0${edition.linkPrefix}\0${headingOffset}\0${source}`;
  const kept = key === undefined ? undefined : cache?.get(key);
  if (kept) return kept;
  const rendered = renderSource(source, footnoteRefs, headingOffset, edition);
  if (key !== undefined) cache?.set(key, rendered);
  return rendered;
}

function renderSource(
  source: string,
  footnoteRefs: string[],
  headingOffset: number,
  edition: RenderEdition,
): RenderedMarkdown {
  const t = tr(edition.lang);
  state = {
    slugger: new GithubSlugger(),
    headings: [],
    links: [],
    headingOffset,
    t,
    linkPrefix: edition.linkPrefix,
  };
  const { headings, links } = state;

  let raw: string;
  try {
    raw = markedFor(edition.lang).parse(source) as string;
  } catch (err) {
    // A parse that throws midway (a stack overflow) leaves the instance's extensions in the
    // middle of a document (the footnotes' own state): the next document gets a new instance.
    instances.delete(edition.lang);
    throw err;
  } finally {
    state = undefined;
  }
  // Wide tables scroll inside their own box on a phone instead of widening the page; the box
  // can take focus, so keyboard users can scroll it too. Added after sanitizing: it is ours.
  let html = sanitize(labelBackReferences(raw, t))
    .replace(
      /<table>/g,
      `<div class="table-scroll" role="region" aria-label="${t('markdown.table')}" tabindex="0"><table>`,
    )
    .replace(/<\/table>/g, '</table></div>');
  if (headingOffset > 0) {
    // The notes' heading follows the document's own levels.
    const level = Math.min(6, 2 + headingOffset);
    html = html.replace(
      /<h2 id="footnote-label"([^>]*)>([\s\S]*?)<\/h2>/,
      `<h${level} id="footnote-label"$1>$2</h${level}>`,
    );
  }
  const anchors = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  return { html, headings, anchors, links, footnoteRefs };
}

const FOOTNOTE_ITEM = /<li id="footnote-[^"]+">[\s\S]*?<\/li>/g;
const BACK_REFERENCE =
  /<a href="(#footnote-ref-[^"]+)" data-footnote-backref aria-label="[^"]*">↩(?:<sup>(\d+)<\/sup>)?<\/a>/g;

/**
 * The links from a note back to the text say which note and which place they lead to, in
 * words that contain what is visible ("↩", "↩2"), as WCAG's label-in-name asks.
 */
function labelBackReferences(html: string, t: Translator): string {
  let note = 0;
  return html.replace(FOOTNOTE_ITEM, (item) => {
    note += 1;
    return item.replace(BACK_REFERENCE, (_, href: string, place: string | undefined) => {
      const words = t(place === undefined ? 'markdown.backToNote' : 'markdown.backToPlace', {
        note: String(note),
      });
      const visible = place === undefined ? '' : `<sup>${place}</sup>`;
      return `<a href="${href}" data-footnote-backref><span aria-hidden="true">↩</span><span class="visually-hidden">${words}</span>${visible}</a>`;
    });
  });
}

/** Markdown-escapes text placed inside a generated citation. */
export function escapeMarkdown(value: string): string {
  return value.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
