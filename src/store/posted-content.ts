// Content crosses threads as bytes. Outside dev, the loading thread serializes what it loaded
// twice: whole, into memory the threads share, and without its rendered HTML, for the serving
// thread. The serving thread reads only the second (it routes, redirects, numbers live
// versions and reports; the rendering thread makes the pages), and hands the first to each
// rendering thread it starts, shared, not copied: on a site of 5,000 articles the HTML is 80 of
// the 97 MB, and reading it all stopped the serving thread for 0.3–0.5 s per save.
import { deserialize, serialize } from 'node:v8';
import { deepFreeze } from '../content/freeze.js';
import type { Content } from '../content/model.js';
import type { RenderedMarkdown } from '../markdown/render.js';

/** Content as one thread sends it to another: its bytes, or (without them) the content itself. */
export type PostedContent = Content | Uint8Array;

/** Content as the loading thread sends it: bytes, and the whole content's shared bytes beside. */
export interface ContentBytes {
  bytes: Uint8Array;
  /** The whole content, in memory the threads share, when `bytes` is without its HTML. */
  whole?: Uint8Array;
  /** What to transfer rather than copy. */
  transfer: ArrayBuffer[];
}

/** The whole content's shared bytes, beside the content read without its HTML. */
const wholeOf = new WeakMap<Content, Uint8Array>();

/** Every rendered text of a content, once (the English edition shares the fields' objects). */
function renderingsOf(content: Content): Set<RenderedMarkdown> {
  const all = new Set<RenderedMarkdown>();
  for (const edition of Object.values(content.editions)) {
    for (const election of edition.elections) {
      if (election.overviewHtml) all.add(election.overviewHtml);
      for (const candidate of election.candidates) all.add(candidate.biography);
      for (const article of election.articles) all.add(article.body);
    }
    for (const page of edition.pages) all.add(page.body);
  }
  return all;
}

/**
 * Content as bytes to post (in the loading thread). With `withoutHtml`, the bytes leave every
 * rendered text's HTML empty, and the whole content goes beside them, shared: the content is
 * then the loading thread's, not frozen (loaded with `posted`).
 */
export function contentBytes(content: Content, withoutHtml = false): ContentBytes {
  const bytes = serialize(content);
  if (!withoutHtml) return { bytes, transfer: [bytes.buffer] };
  const whole = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  whole.set(bytes);
  // Emptied for the one serialization, then put back: the thread keeps its renderings for
  // the next load (RenderCache), and these are its objects.
  const renderings = [...renderingsOf(content)];
  const html = renderings.map((r) => r.html);
  for (const r of renderings) r.html = '';
  try {
    const light = serialize(content);
    return { bytes: light, whole, transfer: [light.buffer] };
  } finally {
    renderings.forEach((r, i) => (r.html = html[i]!));
  }
}

/**
 * The content another thread posted, frozen. With `whole`, the content's own bytes are without
 * its HTML, and `whole` stays beside it, to be handed to rendering threads (toPost).
 */
export function receivedContent(posted: PostedContent, whole?: Uint8Array): Content {
  if (!(posted instanceof Uint8Array)) return deepFreeze(posted);
  const content = deepFreeze(deserialize(posted) as Content);
  if (whole !== undefined) wholeOf.set(content, whole);
  return content;
}

/**
 * Content to post to a rendering thread: its whole bytes when it was read without its HTML
 * (shared: posting them copies nothing, and they are there for every thread started later),
 * the content itself otherwise (posting copies it).
 */
export function toPost(content: Content): PostedContent {
  return wholeOf.get(content) ?? content;
}
