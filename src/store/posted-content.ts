// Content crosses threads as bytes: the loading thread serializes what it loaded, the serving
// thread reads it, and the rendering thread is handed the same bytes (transferred, not copied)
// rather than what the serving thread read, serialized again. On a site of 5,000 articles that
// second serialization was 0.3–0.5 s of the serving thread per save, with every request
// waiting behind it.
import { deserialize, serialize } from 'node:v8';
import { deepFreeze } from '../content/freeze.js';
import type { Content } from '../content/model.js';

/** Content as one thread sends it to another: its bytes, or (without them) the content itself. */
export type PostedContent = Content | Uint8Array;

/** The bytes a content was read from, until they are handed on (a transfer leaves none here). */
const bytesOf = new WeakMap<Content, Uint8Array>();

/** Content as bytes to post, with what to transfer rather than copy. */
export function contentBytes(content: Content): { bytes: Uint8Array; transfer: ArrayBuffer[] } {
  const bytes = serialize(content);
  return { bytes, transfer: [bytes.buffer] };
}

/**
 * The content another thread posted, frozen. With `keep`, its bytes stay beside it, to be
 * handed on once (toPost) without serializing it again.
 */
export function receivedContent(posted: PostedContent, keep = false): Content {
  if (!(posted instanceof Uint8Array)) return deepFreeze(posted);
  const content = deepFreeze(deserialize(posted) as Content);
  if (keep) bytesOf.set(content, posted);
  return content;
}

/**
 * Content to post to another thread: its bytes when they are still here (transferred: they
 * are handed on once), the content itself otherwise (posting copies it).
 */
export function toPost(content: Content): { posted: PostedContent; transfer: ArrayBuffer[] } {
  const bytes = bytesOf.get(content);
  bytesOf.delete(content);
  // Bytes transferred elsewhere meanwhile are empty, and a message transferring them again is
  // dropped without an error: the content itself goes instead.
  if (bytes === undefined || bytes.byteLength === 0) return { posted: content, transfer: [] };
  return { posted: bytes, transfer: [bytes.buffer as ArrayBuffer] };
}
