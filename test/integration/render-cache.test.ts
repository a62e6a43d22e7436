// A save on vote day re-renders only the text that changed: the loading thread keeps the last
// load's renderings (in every language) and a reload takes the unchanged ones from there, with
// the same result as a load from scratch.
import { Lexer } from 'marked';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import type { Content } from '../../src/content/model.js';
import { RenderCache } from '../../src/markdown/render.js';
import { cleanUp, copySite, editFile, shippedContent } from '../support/fixtures.js';

afterEach(() => vi.restoreAllMocks());
afterAll(cleanUp);

async function load(dir: string, renderings?: RenderCache): Promise<Content> {
  const result = await loadContent(dir, { renderings });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.content;
}

const ARTICLE = 'elections/iom-dg-2023/articles/what-happened-next.md';

describe('a reload with the renderings of the load before', () => {
  it('renders only the file that changed, and gives what a load from scratch gives', async () => {
    const dir = await copySite(shippedContent);
    const renderings = new RenderCache();
    const documents = vi.spyOn(Lexer, 'lex');
    await load(dir, renderings);
    const first = documents.mock.calls.length;
    // English, French and Spanish bodies of every file with text.
    expect(first).toBeGreaterThan(30);

    documents.mockClear();
    await load(dir, renderings);
    expect(documents).not.toHaveBeenCalled();

    await editFile(dir, ARTICLE, (text) =>
      text.replace(/\n## /, '\nA sentence added on vote day.\n\n## '),
    );
    documents.mockClear();
    const reloaded = await load(dir, renderings);
    // The English article only: its French and Spanish translations did not change.
    expect(documents).toHaveBeenCalledTimes(1);
    const fresh = await load(dir);
    const bodies = (c: Content) =>
      Object.values(c.editions).flatMap((e) =>
        e.elections.flatMap((el) => [
          ...el.articles.map((a) => a.body.html),
          ...el.candidates.map((x) => x.biography.html),
        ]),
      );
    expect(bodies(reloaded)).toEqual(bodies(fresh));
    expect(reloaded.elections[0]!.articles.find((a) => a.file === ARTICLE)!.body.html).toContain(
      'A sentence added on vote day.',
    );
  });

  it('keeps only what the last load used', async () => {
    const dir = await copySite(shippedContent);
    const renderings = new RenderCache();
    await load(dir, renderings);
    const kept = renderings.size;
    await editFile(dir, ARTICLE, (text) => text.replace(/\n## /, '\nAnother sentence.\n\n## '));
    await load(dir, renderings);
    expect(renderings.size).toBe(kept);
  });
});
