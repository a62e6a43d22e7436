// `npm run check` as editors run it: on the shipped content, and on a copy broken the three
// ways editors most often break it.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrThrow } from '../support/app.js';
import { cleanUp, copySite, shippedContent } from '../support/fixtures.js';

afterAll(cleanUp);

function check(contentDir: string): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-content.ts'], {
    env: { ...process.env, CONTENT_DIR: contentDir },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout };
}

/** Edits a file and returns the 1-based line and column of the edit, which content edits move. */
async function edit(
  dir: string,
  file: string,
  from: string,
  to: string,
): Promise<[number, number]> {
  const target = path.join(dir, file);
  const text = await readFile(target, 'utf8');
  const at = text.indexOf(from);
  if (at === -1) throw new Error(`${file} does not contain ${from}`);
  await writeFile(target, text.replace(from, to));
  const before = text.slice(0, at).split('\n');
  return [before.length, before[before.length - 1]!.length + 1];
}

describe('npm run check', () => {
  it('passes the shipped content with no problems at all, and reports its translations', async () => {
    const { status, stdout } = check(shippedContent);
    expect(status).toBe(0);
    const { pages, routes } = await loadOrThrow(shippedContent);
    // The 2018 election is left in English in Spanish on purpose (the fallback is real): said
    // once, not per file.
    expect(stdout).toBe(
      [
        'Translations:',
        '  French (fr): 16 files translated, 0 stale, 0 missing.',
        "    Translated: the site's own files (4 of 4), elections/iom-dg-2023 (8 of 8), elections/iom-dg-2018 (4 of 4).",
        '  Spanish (es): 12 files translated, 0 stale, 0 missing.',
        "    Translated: the site's own files (4 of 4), elections/iom-dg-2023 (8 of 8).",
        '    Not begun, shown in English with a notice: elections/iom-dg-2018 (4 files).',
        `Content is valid: 2 elections, ${pages.length} pages, ${routes.size} URLs (${shippedContent}).`,
        '',
      ].join('\n'),
    );
  });

  it('fails a broken copy, naming each file and line with a suggestion', async () => {
    const dir = await copySite(shippedContent);
    const [winnerLine, winnerColumn] = await edit(
      dir,
      'elections/iom-dg-2023/election.yaml',
      'winner: amy-pope',
      'winner: amy-pop',
    );
    const [yamlLine] = await edit(
      dir,
      'elections/iom-dg-2023/candidates/amy-pope.md',
      'nominatedBy: United States',
      'nominatedBy: [United States',
    );
    const [linkLine, linkColumn] = await edit(
      dir,
      'pages/about.md',
      '(/iom-dg-2023/)',
      '(/iom-dg-2023/candidates/amy-pop)',
    );
    const { status, stdout } = check(dir);
    expect(status).toBe(1);
    const lines = stdout.split('\n').filter((line) => !/^\s+(>\s*)?\d*\s*\|/.test(line));
    // Each location is one `path:line:col` (absolute here: the copy is outside the project).
    expect(lines).toEqual([
      // The YAML library notices the unclosed bracket on the line after it; we point at the bracket.
      `${dir}/elections/iom-dg-2023/candidates/amy-pope.md:${yamlLine}:${'nominatedBy: ['.length} error The YAML cannot be read: a list opened with "[" is not closed. End the list with "]" on the same line, like: sources: [one, two] (yaml-syntax)`,
      '',
      `${dir}/elections/iom-dg-2023/election.yaml:${winnerLine}:${winnerColumn + 'winner: '.length} error decision › winner: Unknown candidate "amy-pop". Candidates in this election: amy-pope, antonio-vitorino. Did you mean "amy-pope"? (unknown-candidate)`,
      '',
      `${dir}/pages/about.md:${linkLine}:${linkColumn + 1} error body: The link /iom-dg-2023/candidates/amy-pop points at a page that does not exist. Did you mean "/iom-dg-2023/candidates/amy-pope"? (broken-link)`,
      '',
      '3 errors and 0 warnings in 3 files.',
      `Content is not valid (${dir}).`,
      '',
    ]);
    expect(stdout).toContain(`> ${winnerLine} |   winner: amy-pop`);
  });

  it("places a problem inside an overview's literal block on its own line, and knows a source id written another way", async () => {
    const dir = await copySite(shippedContent);
    const file = 'elections/iom-dg-2023/election.yaml';
    const [citeLine, citeColumn] = await edit(
      dir,
      file,
      'needed.[^ap-round-one][^afp-round-one]',
      'needed.[^ap-round-one][^afp-round1]',
    );
    const [linkLine, linkColumn] = await edit(
      dir,
      file,
      '(/iom-dg-2023/how-the-vote-works)',
      '(/iom-dg-2023/how-the-vote-work)',
    );
    // A broken link that is the start of a working one before it, on the line after it.
    const [dayLine] = await edit(
      dir,
      file,
      '(/iom-dg-2023/what-happened-on-15-may-2023).',
      '(/iom-dg-2023/what-happened-on-15-may-2023).\n  See [the day](/iom-dg-2023/what-happened).',
    );
    const { status, stdout } = check(dir);
    expect(status).toBe(1);
    const lines = stdout.split('\n').filter((line) => line.startsWith(dir));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe(
      `${dir}/${file}:${dayLine + 1}:${'  See [the day]('.length + 1} error overview: The link /iom-dg-2023/what-happened points at a page that does not exist. Correct the link, or create the page. (broken-link)`,
    );
    const cite = `${dir}/${file}:${citeLine}:${citeColumn + 'needed.[^ap-round-one]'.length} error overview: Unknown source "afp-round1". Sources of this election: iom-council-elect-dg,`;
    expect(lines[0]!.startsWith(cite)).toBe(true);
    expect(lines[0]!.endsWith('. Did you mean "afp-round-one"? (unknown-source)')).toBe(true);
    expect(lines[1]).toBe(
      `${dir}/${file}:${linkLine}:${linkColumn + 1} error overview: The link /iom-dg-2023/how-the-vote-work points at a page that does not exist. Did you mean "/iom-dg-2023/how-the-vote-works"? (broken-link)`,
    );
    // The excerpt is the line itself, with the caret under the citation.
    expect(stdout).toContain(
      `> ${citeLine} |   Amy Pope received 98 votes and António Vitorino 67: 110 were needed.[^ap-round-one][^afp-round1]`,
    );
  });

  it("lists every problem of a half-saved election.yaml, the file's own first", async () => {
    const dir = await copySite(shippedContent);
    const file = path.join(dir, 'elections/iom-dg-2023/election.yaml');
    const text = await readFile(file, 'utf8');
    // Saved while the editor was still writing: it ends three sources into the list.
    const cut = text.indexOf(
      '\n  - id:',
      text.indexOf('\n  - id:', text.indexOf('\nsources:') + 1) + 1,
    );
    await writeFile(file, text.slice(0, text.indexOf('\n  - id:', cut + 1) + 1));
    const { status, stdout } = check(dir);
    expect(status).toBe(1);
    const problems = stdout
      .split('\n')
      .filter((line) => / (error|warning) /.test(line) && !/^\s/.test(line));
    // Every one of them (a running server lists the first 50), and as many as the count says.
    expect(problems.length).toBeGreaterThan(300);
    expect(stdout).toContain(`\n${problems.length} errors and 0 warnings in 22 files.\n`);
    expect(stdout).not.toContain('not shown here');
    // First what is wrong in election.yaml itself; the citations it no longer lists after.
    expect(problems.slice(0, 2)).toEqual([
      `${file}:3:1 error published: Missing required field "published". Add "published": a date like 2025-06-30. (field-missing)`,
      `${file}:3:1 error updated: Missing required field "updated". Add "updated": a date like 2025-06-30 (or 2025-06-30 14:20). (field-missing)`,
    ]);
    const firstFollowing = problems.findIndex((line) => line.endsWith('(unknown-source)'));
    expect(problems.slice(firstFollowing).every((line) => line.endsWith('(unknown-source)'))).toBe(
      true,
    );
  });

  it('reports Markdown nested 2,000 deep as a problem naming the file, not a bare RangeError', async () => {
    const dir = await copySite(shippedContent);
    await writeFile(
      path.join(dir, 'pages', 'quotes.md'),
      `---\ntitle: Quotes\ndescription: Quotes.\nupdated: 2024-02-01\n---\n${'>'.repeat(2000)} deep\n`,
    );
    const { status, stdout } = check(dir);
    expect(status).toBe(1);
    expect(stdout).toContain(
      'pages/quotes.md:6:1 error The text nests 2000 levels deep here; at most 40 are allowed.',
    );
    expect(stdout).not.toContain('RangeError');
    expect(stdout).toMatch(/1 error and 0 warnings in 1 file\.\nContent is not valid/);
  });
});
