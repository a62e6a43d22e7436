// Content crosses threads as the bytes the loading thread made of it: the serving thread reads
// them and hands the same bytes on to the rendering thread, once, instead of serializing what
// it read again.
import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/model.js';
import type { PostedContent } from '../../src/store/posted-content.js';
import { contentBytes, receivedContent, toPost } from '../../src/store/posted-content.js';
import { loadOrThrow } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

/** What arrives on the other side of a real message channel. */
function across(message: PostedContent, transfer: ArrayBuffer[]): Promise<PostedContent> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const arrived = new Promise<PostedContent>((resolve) => port2.once('message', resolve));
  port1.postMessage(message, transfer);
  return arrived;
}

const original = await loadOrThrow(shippedContent);

describe('content posted between threads', () => {
  it('arrives whole and frozen from its bytes, which the sender no longer holds', async () => {
    const { bytes, transfer } = contentBytes(original);
    const arrived = await across(bytes, transfer);
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
  });

  it('is handed on as the same bytes once, then as the content itself', async () => {
    const { bytes, transfer } = contentBytes(original);
    const received = (await across(bytes, transfer)) as Uint8Array;
    const content = receivedContent(received, true);
    const size = received.byteLength;

    const first = toPost(content);
    expect(first.posted).toBe(received);
    expect(first.transfer).toEqual([received.buffer]);
    const onward = await across(first.posted, first.transfer);
    expect(received.byteLength).toBe(0);
    expect((onward as Uint8Array).byteLength).toBe(size);
    expect(receivedContent(onward)).toEqual(original);

    // The bytes went with the first: a rendering thread started later is sent the content.
    const second = toPost(content);
    expect(second).toEqual({ posted: content, transfer: [] });
    expect(receivedContent(await across(second.posted, second.transfer))).toEqual(original);
  });

  it('is posted as itself when its bytes were transferred elsewhere meanwhile', async () => {
    const { bytes, transfer } = contentBytes(original);
    const received = (await across(bytes, transfer)) as Uint8Array;
    const content = receivedContent(received, true);
    // Posting detached bytes again would be dropped without an error.
    await across(received, [received.buffer as ArrayBuffer]);
    expect(toPost(content)).toEqual({ posted: content, transfer: [] });
  });

  it('keeps no bytes unless asked: content read without them is posted as itself', async () => {
    const { bytes, transfer } = contentBytes(original);
    const content: Content = receivedContent(await across(bytes, transfer));
    expect(toPost(content)).toEqual({ posted: content, transfer: [] });
  });
});
