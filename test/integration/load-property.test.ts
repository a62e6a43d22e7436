// Whatever the files contain, the loader returns content or problems; it never throws.
import fc from 'fast-check';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadContent } from '../../src/content/load.js';
import { cleanUp, copySite } from '../support/fixtures.js';

afterAll(cleanUp);

const FILES = [
  'site.yaml',
  'pages/about.md',
  'elections/sample-2024/election.yaml',
  'elections/sample-2024/candidates/ana-lima.md',
  'elections/sample-2024/articles/how-it-works.md',
];

/** Text that looks like content: random YAML values, fenced or not, and arbitrary strings. */
const contentText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((value) => stringify(value)),
  fc
    .jsonValue({ maxDepth: 3 })
    .map((value) => `---\n${stringify(value)}---\n# Body [x](/y#z)[^q]\n`),
  fc.constantFrom(
    '---\n',
    '---\n---\n',
    '',
    '\uFEFF',
    'key: [unclosed',
    'a: *alias',
    '- - -',
    '---\nsources: [[[]]]\n---\n',
  ),
);

describe('the loader', () => {
  it('never throws on arbitrary file contents', async () => {
    const dir = await copySite();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILES), contentText, async (file, text) => {
        const target = path.join(dir, file);
        const original = await readFile(target, 'utf8');
        await writeFile(target, text);
        try {
          const result = await loadContent(dir);
          if (!result.ok) {
            expect(result.problems.length).toBeGreaterThan(0);
            for (const p of result.problems) expect(p.message.length).toBeGreaterThan(0);
          }
        } finally {
          await writeFile(target, original);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never throws when valid files are corrupted one character at a time', async () => {
    const dir = await copySite();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FILES),
        fc.nat(),
        fc.string({ maxLength: 3 }),
        async (file, at, insert) => {
          const target = path.join(dir, file);
          const original = await readFile(target, 'utf8');
          const index = at % (original.length + 1);
          await writeFile(target, original.slice(0, index) + insert + original.slice(index + 1));
          try {
            const result = await loadContent(dir);
            expect(typeof result.ok).toBe('boolean');
          } finally {
            await writeFile(target, original);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
