// Content crosses threads as bytes. Outside dev, the loading thread writes each content into
// memory the threads share: without its rendered HTML, then the HTML apart. The serving
// thread reads only the first part (it routes, redirects, numbers live versions and reports;
// the rendering thread makes the pages) and hands both parts, shared, not copied, to each
// rendering thread it starts, which puts the HTML back. On a site of 5,000 articles the HTML
// is 80 of the 97 MB: reading it all stopped the serving thread for 0.4–0.6 s per save.
import { deserialize, serialize } from 'node:v8';
import { deepFreeze } from '../content/freeze.js';
import type { Content } from '../content/model.js';
import type { RenderedMarkdown } from '../markdown/render.js';

/**
 * A content's parts in one piece of shared memory: itself without its HTML (v8's bytes), and
 * the HTML of its rendered texts, in order, as UTF-8 with each one's length. (Serialized by v8,
 * the HTML took twice the bytes, as UTF-16, and copying it into shared memory 0.4 s on 5,000
 * articles: written straight there, it is made once.)
 */
export interface SharedContent {
  light: Uint8Array;
  lengths: Uint32Array;
  html: Uint8Array;
}

/** Content as one thread sends it to another: its bytes, its shared parts, or itself. */
export type PostedContent = Content | Uint8Array | SharedContent;

/** Content as the loading thread sends it. */
export interface ContentBytes {
  /** The content's bytes: without its HTML when `shared` is there (a view of its memory). */
  bytes: Uint8Array;
  shared?: SharedContent;
  /** What to transfer rather than copy. */
  transfer: ArrayBuffer[];
}

const isShared = (posted: PostedContent): posted is SharedContent =>
  !(posted instanceof Uint8Array) &&
  (posted as Partial<SharedContent>).lengths instanceof Uint32Array;

/** The shared parts a content was read from, for the rendering threads. */
const sharedOf = new WeakMap<Content, SharedContent>();

/** Every rendered text of a content, once, in an order both ends find alike. */
function renderingsOf(content: Content): RenderedMarkdown[] {
  const all = new Set<RenderedMarkdown>();
  for (const edition of Object.values(content.editions)) {
    for (const election of edition.elections) {
      if (election.overviewHtml) all.add(election.overviewHtml);
      for (const candidate of election.candidates) all.add(candidate.biography);
      for (const article of election.articles) all.add(article.body);
    }
    for (const page of edition.pages) all.add(page.body);
  }
  return [...all];
}

/**
 * Content as bytes to post (in the loading thread). With `withoutHtml`, in two parts in shared
 * memory (SharedContent); the content is then the loading thread's, not frozen (loaded with
 * `posted`): its renderings' HTML is emptied for the serialization and put back.
 */
export function contentBytes(content: Content, withoutHtml = false): ContentBytes {
  if (!withoutHtml) {
    const bytes = serialize(content);
    return { bytes, transfer: [bytes.buffer] };
  }
  const renderings = renderingsOf(content);
  const html = renderings.map((r) => r.html);
  for (const r of renderings) r.html = '';
  let light: Buffer;
  try {
    light = serialize(content);
  } finally {
    renderings.forEach((r, i) => (r.html = html[i]!));
  }
  const sizes = html.map((h) => Buffer.byteLength(h));
  const htmlBytes = sizes.reduce((sum, n) => sum + n, 0);
  // The lengths first: a Uint32Array begins at a multiple of 4.
  const memory = new SharedArrayBuffer(4 * sizes.length + htmlBytes + light.byteLength);
  const shared: SharedContent = {
    lengths: new Uint32Array(memory, 0, sizes.length),
    html: new Uint8Array(memory, 4 * sizes.length, htmlBytes),
    light: new Uint8Array(memory, 4 * sizes.length + htmlBytes),
  };
  shared.lengths.set(sizes);
  const texts = Buffer.from(shared.html.buffer, shared.html.byteOffset, htmlBytes);
  let at = 0;
  for (const h of html) at += texts.write(h, at);
  shared.light.set(light);
  return { bytes: shared.light, shared, transfer: [] };
}

/**
 * The content another thread posted, frozen. Bytes with `shared` are its part without HTML
 * (the serving thread's read); `shared` stays beside it, for the rendering threads (toPost).
 */
export function receivedContent(posted: PostedContent, shared?: SharedContent): Content {
  if (isShared(posted)) {
    const content = deserialize(posted.light) as Content;
    const { lengths, html } = posted;
    const renderings = renderingsOf(content);
    if (renderings.length !== lengths.length)
      throw new Error(`${lengths.length} rendered texts were sent for ${renderings.length}`);
    const texts = Buffer.from(html.buffer, html.byteOffset, html.byteLength);
    let at = 0;
    renderings.forEach((r, i) => {
      r.html = texts.toString('utf8', at, (at += lengths[i]!));
    });
    return deepFreeze(content);
  }
  if (!(posted instanceof Uint8Array)) return deepFreeze(posted);
  const content = deepFreeze(deserialize(posted) as Content);
  if (shared !== undefined) sharedOf.set(content, shared);
  return content;
}

/**
 * Content to post to a rendering thread: its shared parts when it was read without its HTML
 * (posting them copies nothing, and they are there for every thread started later), the
 * content itself otherwise (posting copies it).
 */
export function toPost(content: Content): PostedContent {
  return sharedOf.get(content) ?? content;
}
