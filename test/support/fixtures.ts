// Test sites on disk: the valid fixture, copied to a temporary folder, with a scenario's
// files laid over it. Tests edit the copy, never the fixtures themselves.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixturesDir = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
);
export const validSite = path.join(fixturesDir, 'valid-site');
export const problemsDir = path.join(fixturesDir, 'problems');
export const shippedContent = path.join(fixturesDir, '..', '..', 'content');

/**
 * Where servers started by the tests with WATCH=true keep the last good content
 * (LAST_GOOD_DIR): out of the user's own state folder, which a real site may use.
 */
export const KEPT_BY_TESTS = path.join(tmpdir(), 'explainer-test-kept');

const made: string[] = [];

/** An empty temporary folder (`prefix` and random letters), removed by `cleanUp`. */
export async function tempDir(prefix = 'explainer-test-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A fresh copy of a content folder (the valid fixture by default), removed by `cleanUp`. */
export async function copySite(from = validSite): Promise<string> {
  const dir = await tempDir();
  await cp(from, dir, { recursive: true });
  return dir;
}

/** The valid fixture with the files of `problems/<scenario>/content` laid over it. */
export async function scenarioSite(scenario: string): Promise<string> {
  const dir = await copySite();
  await cp(path.join(problemsDir, scenario, 'content'), dir, { recursive: true, force: true });
  return dir;
}

export async function cleanUp(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Rewrites one file of a site copy; fails loudly if the change finds nothing to change. */
export async function editFile(
  dir: string,
  file: string,
  change: (text: string) => string,
): Promise<void> {
  const target = path.join(dir, file);
  const before = await readFile(target, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`The edit changed nothing in ${file}`);
  await writeFile(target, after);
}

/** Adds a page whose Markdown takes marked a minute or more (200 KB of "_a"): a load stuck on one file. */
export async function addSlowPage(dir: string): Promise<void> {
  await writeFile(
    path.join(dir, 'pages', 'slow.md'),
    `---\ntitle: Slow\ndescription: Slow.\nupdated: 2024-02-01\n---\n${'_a'.repeat(100_000)}\n`,
  );
}
