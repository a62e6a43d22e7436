// A rename whose move fails midway (a full disk, a file locked by another program) puts back
// the files it had already moved, so "Nothing was changed" stays true; what it cannot put back
// it names. The failure is injected into fs.rename, the rest runs on real files.
import type * as fsPromises from 'node:fs/promises';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RenameIncomplete, renameEntry } from '../../src/content/rename.js';
import { cleanUp, copySite, shippedContent } from '../support/fixtures.js';

/** Renames are counted; the ones whose number is in `fail` throw EIO. */
const inject = vi.hoisted(() => ({ calls: 0, fail: (_call: number): boolean => false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  return {
    ...actual,
    rename: async (from: string, to: string): Promise<void> => {
      if (inject.fail(++inject.calls)) {
        throw Object.assign(new Error(`EIO: i/o error, rename '${from}' -> '${to}'`), {
          code: 'EIO',
        });
      }
      return actual.rename(from, to);
    },
  };
});

beforeEach(() => {
  inject.calls = 0;
});
afterAll(cleanUp);

const FOLDER = 'elections/iom-dg-2023/candidates';

/** Amy Pope's three files, in the order the folder lists them (the order they are moved in). */
async function amyFiles(dir: string): Promise<string[]> {
  const names = await readdir(path.join(dir, FOLDER));
  return names.filter((name) => name.startsWith('amy-pope.')).map((name) => `${FOLDER}/${name}`);
}
const target = (file: string): string => file.replace('/amy-pope.', '/jane.');

describe('npm run rename, when a move fails midway', () => {
  it('moves back the files it had moved, so nothing was changed', async () => {
    const dir = await copySite(shippedContent);
    const files = await amyFiles(dir);
    const before = (await readdir(path.join(dir, FOLDER))).sort();
    inject.fail = (call) => call === 3; // the last of the three moves
    await expect(renameEntry(dir, `${FOLDER}/amy-pope.md`, 'jane')).rejects.toThrow(
      new Error(`Could not move ${files[2]} to ${target(files[2]!)}: EIO: i/o error.`),
    );
    expect((await readdir(path.join(dir, FOLDER))).sort()).toEqual(before);
  });

  it('names the files it could not move back', async () => {
    const dir = await copySite(shippedContent);
    const files = await amyFiles(dir);
    inject.fail = (call) => call >= 3; // the last move, then every move back
    const failure = await renameEntry(dir, `${FOLDER}/amy-pope.md`, 'jane').catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RenameIncomplete);
    expect((failure as Error).message).toBe(
      `Could not move ${files[2]} to ${target(files[2]!)}: EIO: i/o error. These files were moved and could not be moved back: ${files[0]} → ${target(files[0]!)}, ${files[1]} → ${target(files[1]!)}. Move them back by hand; nothing else was changed.`,
    );
  });
});
