// Content crosses threads as the bytes the loading thread made of it. Outside dev the serving
// thread reads it without its HTML, and hands the whole content's bytes, shared, to every
// rendering thread it starts, instead of reading the HTML or serializing what it read again.
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/model.js';
import type { PostedContent, SharedContent } from '../../src/store/posted-content.js';
import { contentBytes, receivedContent, toPost } from '../../src/store/posted-content.js';
import { loadContent } from '../../src/content/load.js';
import { renderPlainNotFoundPage } from '../../src/http/pages.js';
import { loadOrThrow } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

/** What arrives on the other side of a real message channel. */
function across<T>(message: T, transfer: ArrayBuffer[] = []): Promise<T> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const arrived = new Promise<T>((resolve) => port2.once('message', resolve));
  port1.postMessage(message, transfer);
  return arrived;
}

/** Every rendered text's HTML in a content, each edition's in turn. */
function htmlOf(content: Content): string[] {
  const html: string[] = [];
  for (const edition of Object.values(content.editions)) {
    for (const e of edition.elections) {
      if (e.overviewHtml) html.push(e.overviewHtml.html);
      for (const c of e.candidates) html.push(c.biography.html);
      for (const a of e.articles) html.push(a.body.html);
    }
    for (const p of edition.pages) html.push(p.body.html);
  }
  return html;
}

const original = await loadOrThrow(shippedContent);
/** Content as the loading thread has it before posting: not frozen (its renderings serve its next load). */
async function asLoaded(): Promise<Content> {
  const loaded = await loadContent(shippedContent, { posted: true });
  if (!loaded.ok) throw new Error('invalid content');
  return loaded.content;
}

describe('content posted between threads', () => {
  it('arrives whole and frozen from its bytes, which the sender no longer holds', async () => {
    const { bytes, shared, transfer } = contentBytes(original);
    expect(shared).toBeUndefined();
    const arrived = await across<PostedContent>(bytes, transfer);
    // Transferred, not copied: the loading thread's bytes are gone from it.
    expect(bytes.byteLength).toBe(0);
    expect(arrived).toBeInstanceOf(Uint8Array);
    const content = receivedContent(arrived);
    expect(content).toEqual(original);
    expect(Object.isFrozen(content)).toBe(true);
    expect(Object.isFrozen(content.routes.get('/iom-dg-2023/results'))).toBe(true);
    // Down to what a route and an edition hold, shared between them or not.
    const election = content.editions.fr.elections[0]!;
    expect(Object.isFrozen(election.candidates[0]!.biography.headings)).toBe(true);
    expect(Object.isFrozen(election.sourcesById.values().next().value)).toBe(true);
    expect(() => {
      (content.site as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    // Read whole, it is posted as itself (posting copies it).
    expect(toPost(content)).toBe(content);
  });

  it('is read without its HTML; its two parts, shared, go to every rendering thread, which puts the HTML back', async () => {
    const loaded = await asLoaded();
    const html = htmlOf(loaded);
    // The shipped site's texts (articles, profiles, pages, overviews): 14 in each of three languages.
    expect(html).toHaveLength(42);
    expect(html.every((h) => h.length > 0)).toBe(true);
    const { bytes, shared, transfer } = contentBytes(loaded, true);
    // The loading thread's content is as it was.
    expect(htmlOf(loaded)).toEqual(html);
    // One piece of shared memory: the content without its HTML, then the HTML.
    expect(bytes).toBe(shared!.light);
    expect(shared!.light.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared!.html.buffer).toBe(shared!.light.buffer);
    const message = await across({ bytes, shared }, transfer);
    const content = receivedContent(message.bytes, message.shared);

    // Everything but the HTML, which is empty.
    expect(htmlOf(content)).toEqual(html.map(() => ''));
    expect([...content.routes.keys()]).toEqual([...loaded.routes.keys()]);
    expect(content.electionHashes).toEqual(loaded.electionHashes);
    const article = content.editions.fr.elections[0]!.articles[0]!;
    const same = loaded.editions.fr.elections[0]!.articles[0]!;
    expect({ ...article, body: { ...article.body, html: '' } }).toEqual({
      ...same,
      body: { ...same.body, html: '' },
    });
    // The part read is less than the HTML here (on 5,000 articles, 17 MB beside 80).
    expect(message.bytes.byteLength).toBeLessThan(message.shared!.html.byteLength);

    // What the serving thread makes from content itself, the plain 404 page, is the same.
    for (const lang of ['en', 'fr', 'es'] as const) {
      const ctx = {
        dev: false,
        failure: undefined,
        baseUrl: 'https://x.example',
        asset: String,
        lang,
      };
      expect(await renderPlainNotFoundPage(content, ctx)).toBe(
        await renderPlainNotFoundPage(loaded, ctx),
      );
    }

    // Each rendering thread is handed both parts, shared (the same memory), and reads the
    // content whole, frozen.
    const posted = toPost(content);
    expect(posted).toBe(message.shared);
    for (let thread = 0; thread < 2; thread++) {
      const onward = (await across(posted)) as SharedContent;
      expect(onward.html.buffer).toBeInstanceOf(SharedArrayBuffer);
      const whole = receivedContent(onward);
      expect(whole).toEqual(loaded);
      expect(Object.isFrozen(whole.editions.fr.elections[0]!.articles[0]!.body)).toBe(true);
    }
  });
});
