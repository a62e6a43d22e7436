// Every problem code, from real files: each scenario lays broken files over the valid
// fixture site, and the full report is pinned in the scenario's expected.txt.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { problem, problemCatalogue } from '../../src/content/problems.js';
import type { Problem } from '../../src/content/problems.js';
import { formatProblem, formatReport } from '../../src/content/report.js';
import { createBackgroundLoader } from '../../src/store/loader.js';
import { createReloader } from '../../src/store/reload.js';
import { appFor } from '../support/app.js';
import { until } from '../support/until.js';
import {
  addSlowPage,
  cleanUp,
  copySite,
  editFile,
  problemsDir,
  shippedContent,
  scenarioSite,
} from '../support/fixtures.js';

afterAll(cleanUp);

async function problemsOf(dir: string): Promise<Problem[]> {
  const result = await loadContent(dir);
  return result.ok ? result.content.warnings : result.problems;
}

describe('problem scenarios', () => {
  const scenarios = readdirSync(problemsDir);
  const seen = new Set<string>();

  it.each(scenarios)('%s reports exactly what expected.txt says', async (scenario) => {
    const problems = await problemsOf(await scenarioSite(scenario));
    problems.forEach((p) => seen.add(p.code));
    const expected = readFileSync(path.join(problemsDir, scenario, 'expected.txt'), 'utf8');
    expect(`${formatReport(problems)}\n`).toBe(expected);
  });

  // A YAML escape in quotes writes any character into a value; the file's bytes stay clean.
  const HINT =
    'Delete it. In a value in double quotes it is written as an escape such as \\x1b, \\e or \\uFFFE (a line break is written \\n); elsewhere it may not show in your editor, so retype the words around it. (character-invalid)';

  it('a control character written as an escape in a frontmatter value is an error naming it', async () => {
    const dir = await copySite();
    await editFile(dir, 'elections/sample-2024/articles/how-it-works.md', (text) =>
      text.replace('title: How it works', 'title: "How it\\x1b works"'),
    );
    const problems = await problemsOf(dir);
    problems.forEach((p) => seen.add(p.code));
    expect(formatReport(problems, { frames: true })).toBe(
      [
        `elections/sample-2024/articles/how-it-works.md:2:8 error title: Expected text, found the control character U+001B (ESC) after "How it". Text never holds one: pages would carry it raw, and feed readers refuse a feed that holds one. ${HINT}`,
        '        1 | ---',
        '      > 2 | title: "How it\\x1b works"',
        '          |        ^',
        '        3 | description: The rule, step by step.',
        '        4 | published: 2024-02-01',
        '',
        '1 error and 0 warnings in 1 file.',
      ].join('\n'),
    );
  });

  it('a noncharacter written as an escape in election.yaml is an error naming the field', async () => {
    const dir = await copySite();
    await editFile(dir, 'elections/sample-2024/election.yaml', (text) =>
      text.replace('  name: Sample Union\n', '  name: "Sample Union\\uFFFE"\n'),
    );
    const problems = await problemsOf(dir);
    problems.forEach((p) => seen.add(p.code));
    expect(formatReport(problems)).toBe(
      [
        `elections/sample-2024/election.yaml:5:9 error organization › name: Expected text, found the noncharacter U+FFFE after "Sample Union". Text never holds one: pages would carry it raw, and feed readers refuse a feed that holds one. ${HINT}`,
        '',
        '1 error and 0 warnings in 1 file.',
      ].join('\n'),
    );
    expect(problems[0]).toMatchObject({ expected: 'text', found: 'U+FFFE' });
  });

  it('lone surrogates, C1 controls and keys are caught too, and a Markdown body holding one', async () => {
    const dir = await copySite();
    await editFile(dir, 'elections/sample-2024/articles/how-it-works.md', (text) =>
      text
        .replace(
          'description: The rule, step by step.',
          'description: "\\uD800 step by \\x85step\\x9b"',
        )
        .replace('related: [', '"rel\\x7Fated": [')
        .replace(/\n---\n/, '\n---\nA line\u0085 and another\u0085.\n'),
    );
    const problems = await problemsOf(dir);
    expect(
      problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message.split('.')[0]!}`),
    ).toEqual([
      '3:14 description: Expected text, found the lone surrogate U+D800 at its start, and 2 more like it',
      '6:1 rel\uFFFDated: Expected text, found the control character U+007F (DEL) after "rel"',
      '6:1 rel\uFFFDated: Unknown field "rel\uFFFDated"',
      '9:7 body: Expected text, found the control character U+0085 (NEL) after "A line", and 1 more like it',
    ]);
  });

  it('a dangling link in the content folder is reported as unreadable', async () => {
    const dir = await copySite();
    await symlink(path.join(dir, 'nowhere.md'), path.join(dir, 'pages', 'gone.md'));
    const problems = await problemsOf(dir);
    problems.forEach((p) => seen.add(p.code));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'file-unreadable',
      file: 'pages/gone.md',
      severity: 'error',
    });
    expect(problems[0]!.message).toMatch(
      /^This file could not be read: ENOENT: no such file or directory/,
    );
  });

  it('a load the machine has no open files for says so alone, and is loaded again once it has', async () => {
    const dir = await copySite();
    const { app, holder } = await appFor(dir);
    await editFile(dir, 'pages/about.md', (text) =>
      text.replace('Write to the editors.', 'Write to the editors, who answer.'),
    );
    const reload = createReloader(dir, holder);
    // This process (a test file has one of its own) is left no file descriptor to open.
    const soft = execFileSync('prlimit', [
      '--pid',
      `${process.pid}`,
      '--nofile',
      '--output=SOFT',
      '--noheadings',
    ])
      .toString()
      .trim();
    const inUse = readdirSync('/proc/self/fd').length;
    execFileSync('prlimit', ['--pid', `${process.pid}`, `--nofile=${inUse + 64}:`]);
    const held: number[] = [];
    try {
      for (;;) held.push(openSync('/dev/null', 'r'));
    } catch {
      // EMFILE: every descriptor is taken.
    }
    try {
      expect(await reload()).toEqual({ ok: false });
    } finally {
      for (const fd of held) closeSync(fd);
      execFileSync('prlimit', ['--pid', `${process.pid}`, `--nofile=${soft}:`]);
    }
    const problems = holder.failure!.problems;
    problems.forEach((p) => seen.add(p.code));
    // Not "site.yaml is missing": what could not be read, and why, alone.
    expect(problems).toHaveLength(1);
    expect(formatProblem(problems[0]!).replace(dir, 'DIR')).toBe(
      ". error This could not be read just now: EMFILE: too many open files, scandir 'DIR'. Nothing in the content needs changing: the machine ran out of open files (or memory) for a moment. A server watching the content loads it again within seconds, and keeps serving the last good content meanwhile; if this lasts, look at what holds the server's files (a flood of connections, other processes). (read-later)",
    );
    // Loaded again by itself, a second after the failure: the save is served.
    await until(() => (holder.failure === undefined ? true : undefined), 5_000);
    expect((await request(app).get('/about').expect(200)).text).toContain(
      'Write to the editors, who answer.',
    );
    reload.stop();
  });

  it('a content folder without site.yaml says which file to create', async () => {
    const dir = await copySite();
    await rm(path.join(dir, 'site.yaml'));
    const problems = await problemsOf(dir);
    problems.forEach((p) => seen.add(p.code));
    expect(formatReport(problems)).toBe(
      [
        'site.yaml error Missing file: site.yaml, the site name, publisher and featured election. Create it; content/README.md has a complete example of each file. (file-missing)',
        '',
        '1 error and 0 warnings in 1 file.',
      ].join('\n'),
    );
  });

  it('links that leave the content folder are refused and named, files and folders alike', async () => {
    const dir = await copySite();
    await symlink(
      '/etc/passwd',
      path.join(dir, 'elections', 'sample-2024', 'candidates', 'root.md'),
    );
    await symlink('/', path.join(dir, 'elections', 'sample-2024', 'articles', 'everything'));
    // A link that stays inside is read like the file it points at.
    await symlink(path.join(dir, 'pages', 'about.md'), path.join(dir, 'pages', 'about-us.md'));
    const problems = await problemsOf(dir);
    problems.forEach((p) => seen.add(p.code));
    expect(formatReport(problems, { frames: true })).toBe(
      [
        'elections/sample-2024/articles/everything error This folder is a link to /, outside the content folder; it was not read. Copy the folder into the content folder instead of linking to it. (link-outside)',
        '',
        'elections/sample-2024/candidates/root.md error This file is a link to /etc/passwd, outside the content folder; it was not read. Copy the file into the content folder instead of linking to it. (link-outside)',
        '',
        '2 errors and 0 warnings in 2 files.',
      ].join('\n'),
    );
  });

  it('a file over the size limit is reported and not read', async () => {
    const dir = await copySite();
    await writeFile(
      path.join(dir, 'pages', 'huge.md'),
      `---\ntitle: Huge\n---\n${'word '.repeat(240_000)}`,
    );
    const problems = await problemsOf(dir);
    problems.forEach((p) => seen.add(p.code));
    expect(formatReport(problems)).toBe(
      [
        'pages/huge.md error This file is 1.1 MB, more than the 1.0 MB a content file may hold; it was not read. Split the text into several articles, or remove what does not belong in it. (file-too-large)',
        '',
        '1 error and 0 warnings in 1 file.',
      ].join('\n'),
    );
  });

  it('a body that overflows the renderer is a problem naming the file, not a crash', async () => {
    const dir = await copySite();
    // Emphasis inside emphasis, two thousand deep: marked recurses once per level.
    const body = `${'*'.repeat(2_000)}a${'*'.repeat(2_000)}`;
    await writeFile(
      path.join(dir, 'pages', 'stars.md'),
      `---\ntitle: Stars\ndescription: Stars.\nupdated: 2024-02-01\n---\n${body}\n`,
    );
    const problems = await problemsOf(dir);
    problems.forEach((p) => seen.add(p.code));
    expect(formatReport(problems)).toBe(
      [
        'pages/stars.md error This file could not be processed: Maximum call stack size exceeded. Simplify the part of the file shown; if the problem stays, report it with the file attached. (load-failed)',
        '',
        '1 error and 0 warnings in 1 file.',
      ].join('\n'),
    );
    // The editor's next save fixes the file: every file renders as before, footnotes and all
    // (the overflow had left the renderer's footnotes in the middle of a document).
    await writeFile(
      path.join(dir, 'pages', 'stars.md'),
      `---\ntitle: Stars\ndescription: Stars.\nupdated: 2024-02-01\n---\nStars, cited.[^note]\n\n[^note]: A note.\n`,
    );
    expect(await problemsOf(dir)).toEqual([]);
  });

  it('time run out on the work across files says so, not that one file was slow to read', () => {
    const whole = problem(
      'load-too-slow',
      { file: '.', line: 0, column: 0, field: '' },
      '5 s',
      true,
    );
    expect(formatProblem(whole)).toBe(
      '. error Checking the content as a whole (the links, names and translations across its files) took longer than 5 s, so the load was abandoned. Look for files of hundreds of thousands of lines, links or footnotes, and split or shorten them; the site keeps serving the last good content meanwhile. (load-too-slow)',
    );
  });

  it('a load that spends longer than its budget on one file is abandoned, naming the file', async () => {
    const dir = await copySite();
    await addSlowPage(dir);
    const loader = createBackgroundLoader(500);
    try {
      const started = performance.now();
      const result = await loader.load(dir);
      const problems = result.ok ? result.content.warnings : result.problems;
      problems.forEach((p) => seen.add(p.code));
      expect(formatReport(problems)).toBe(
        [
          'pages/slow.md error Reading this file took longer than 0.5 s, so the load was abandoned. Look for long runs of markup characters (such as "_", "*" or "[") or thousands of footnotes, links or HTML tags, and remove them or split the text; the site keeps serving the last good content meanwhile. (load-too-slow)',
          '',
          '1 error and 0 warnings in 1 file.',
        ].join('\n'),
      );
      expect(performance.now() - started).toBeLessThan(15_000);
      // The next load starts a fresh worker and succeeds.
      await rm(path.join(dir, 'pages', 'slow.md'));
      expect((await loader.load(dir)).ok).toBe(true);
    } finally {
      await loader.close();
    }
  });

  it('a load names the content folder, not its last file, while it describes the problems it found', async () => {
    // Describing 12,500 problems took 0.4 s, which a load over its budget blamed on the last
    // file whose translations were checked.
    const named: string[] = [];
    await loadContent(shippedContent, { onFile: (file) => named.push(file) });
    expect(named.at(-1)).toBe('.');
    expect(named).toContain('pages/editorial-standards.es.md');
  });

  it('a file name over 100 characters is refused: the export would write a name too long for the disk', async () => {
    const dir = await copySite();
    const folder = path.join(dir, 'elections/sample-2024/candidates');
    await copyFile(path.join(folder, 'ben-okoro.md'), path.join(folder, `${'b'.repeat(100)}.md`));
    expect((await loadContent(dir)).ok).toBe(true);
    await rename(
      path.join(folder, `${'b'.repeat(100)}.md`),
      path.join(folder, `${'b'.repeat(252)}.md`),
    );
    const problems = await problemsOf(dir);
    problems.forEach((p) => seen.add(p.code));
    expect(formatReport(problems)).toBe(
      [
        `elections/sample-2024/candidates/${'b'.repeat(252)}.md error The name is 252 characters long: a name in an address is at most 100 characters. Rename the file or folder with a shorter name. (slug-too-long)`,
        '',
        '1 error and 0 warnings in 1 file.',
      ].join('\n'),
    );
    expect(problems[0]).toMatchObject({
      line: 0,
      field: '',
      expected: 'a name of at most 100 characters',
      found: '252 characters',
    });
  });

  it('a file name holding terminal controls or a direction override is printed with them escaped', async () => {
    const dir = await copySite();
    await writeFile(path.join(dir, 'pages', 'a\x1b[2Jb\u202ec.md'), '');
    expect((await problemsOf(dir)).map((p) => formatProblem(p))).toEqual([
      'pages/a\\x1b[2Jb\\u202ec.md error The file is empty: saved before it was written, or emptied by mistake. Undo the save in your editor to get its text back, or delete the file if it should go. (file-empty)',
      'pages/a\\x1b[2Jb\\u202ec.md error The name "a\\x1b[2Jb\\u202ec" cannot be used in a URL. Rename the file or folder. (slug-invalid)',
    ]);
  });

  it('files outside the format are listed up to 100, and the rest counted by folder in one warning', async () => {
    const dir = await copySite();
    for (const folder of ['junk/deeper', 'zz1', 'zz2'])
      await mkdir(path.join(dir, folder), { recursive: true });
    const names = Array.from({ length: 250 }, (_, i) => `junk/${String(i).padStart(3, '0')}.txt`);
    names.push('junk/deeper/a.txt', 'junk/deeper/b.txt', 'notes.txt', 'zz1/x.txt', 'zz2/y.txt');
    await Promise.all(names.map((name) => writeFile(path.join(dir, name), '')));
    const result = await loadContent(dir);
    expect(result.ok).toBe(true);
    const warnings = result.ok ? result.content.warnings : [];
    warnings.forEach((p) => seen.add(p.code));
    const unexpected = warnings.filter((p) => p.code === 'file-unexpected');
    expect(unexpected.map((p) => p.file)).toEqual(names.sort().slice(0, 100));
    expect(
      warnings.filter((p) => p.code === 'files-unexpected').map((p) => formatProblem(p)),
    ).toEqual([
      '. warning 155 more files are not part of the content format and are ignored (150 in junk/, 2 in junk/deeper/, 1 in the content folder itself, 2 in 2 more folders); the first 100 are listed one by one. Content files go in site.yaml, pages/<page>.md, elections/<election>/election.yaml, elections/<election>/candidates/<candidate>.md and elections/<election>/articles/<article>.md. A folder copied in by mistake can be moved out or deleted whole. (files-unexpected)',
    ]);
  });

  it('a page, article or candidate named "index", or a page named "404", is refused: the export would write it over another', async () => {
    const dir = await copySite();
    const election = 'elections/sample-2024';
    await copyFile(path.join(dir, 'pages/about.md'), path.join(dir, 'pages/index.md'));
    // The export's own 404.html: a page of that name failed the export without naming the file.
    await copyFile(path.join(dir, 'pages/about.md'), path.join(dir, 'pages/404.md'));
    await copyFile(
      path.join(dir, `${election}/candidates/ben-okoro.md`),
      path.join(dir, `${election}/candidates/index.md`),
    );
    const problems = (await problemsOf(dir)).filter((p) => p.code === 'slug-reserved');
    expect(problems.map((p) => formatProblem(p))).toEqual([
      `${election}/candidates/index.md error The name "index" is reserved: the static export writes each folder's own page as index.html. Choose another name for the file or folder. (slug-reserved)`,
      `pages/404.md error The name "404" is reserved: the static export writes the page for a missing address as 404.html. Choose another name for the file or folder. (slug-reserved)`,
      `pages/index.md error The name "index" is reserved: the static export writes each folder's own page as index.html. Choose another name for the file or folder. (slug-reserved)`,
    ]);
  });

  it('a threshold over the whole ("3/2" of the votes) is refused: no one could reach it', async () => {
    const dir = await copySite();
    await editFile(dir, 'elections/sample-2024/election.yaml', (t) =>
      t.replace('fraction: 2/3', 'fraction: 3/2'),
    );
    expect((await problemsOf(dir)).map((p) => formatProblem(p))).toEqual([
      'elections/sample-2024/election.yaml:22:15 error rule › threshold › fraction: Expected a fraction of at most 1, like "2/3", found "3/2". (field-invalid)',
    ]);
  });

  it('a vote, its rounds and its decision out of date order are each an error naming the date before which they fall', async () => {
    const dir = await copySite();
    await editFile(dir, 'elections/sample-2024/election.yaml', (t) =>
      t
        .replace('  vote: 2024-03-01', '  vote: 2024-03-05')
        .replace('  date: 2024-03-01\n  termStart', '  date: 2024-02-28\n  termStart'),
    );
    const problems = (await problemsOf(dir)).filter((p) => p.code === 'date-order');
    problems.forEach((p) => seen.add(p.code));
    const HINT =
      'Check each date against its source: the vote comes first, then its rounds in order, then the decision. (date-order)';
    expect(problems.map((p) => formatProblem(p))).toEqual([
      `elections/sample-2024/election.yaml:37:11 error round 1 › date: Round 1 is dated 1 March 2024, before the vote (5 March 2024). ${HINT}`,
      `elections/sample-2024/election.yaml:53:9 error decision › date: The decision is dated 28 February 2024, before the vote (5 March 2024). ${HINT}`,
    ]);
  });

  it('a vote marked cancelled or postponed that was decided is an error; one suspended after a round is not', async () => {
    const dir = await copySite();
    const election = 'elections/sample-2024/election.yaml';
    await editFile(dir, election, (t) =>
      t.replace('  vote: 2024-03-01\n', '  vote: 2024-03-01\n  change: cancelled\n'),
    );
    const problems = (await problemsOf(dir)).filter((p) => p.code === 'status-inconsistent');
    problems.forEach((p) => seen.add(p.code));
    expect(problems.map((p) => formatProblem(p))).toEqual([
      `${election}:34:11 error dates › change: The vote is marked "cancelled" but the status is "decided". A vote that was decided was not cancelled: remove "change", or set "change: rescheduled" if it was held on another day. (status-inconsistent)`,
    ]);
    await editFile(dir, election, (t) => t.replace('change: cancelled', 'change: postponed'));
    expect(
      (await problemsOf(dir))
        .filter((p) => p.code === 'status-inconsistent')
        .map((p) => formatProblem(p)),
    ).toEqual([
      `${election}:34:11 error dates › change: The vote is marked "postponed" but the status is "decided". A vote that was decided is no longer postponed: set "change: rescheduled" with the day it was held in "vote", or remove "change". (status-inconsistent)`,
    ]);
    // Suspended after its first round and put off: voting, postponed, a round listed.
    await editFile(dir, election, (t) =>
      t.replace(/\ndecision:[\s\S]*?\n(?=\w)/, '\n').replace('status: decided', 'status: voting'),
    );
    expect((await problemsOf(dir)).filter((p) => p.code === 'status-inconsistent')).toEqual([]);
  });

  it('a candidate at the threshold whose outcome is "continued" is an error: the page said both', async () => {
    const dir = await copySite();
    await editFile(dir, 'elections/sample-2024/election.yaml', (t) =>
      t.replace(
        'sources: [wire-story] }\n        outcome: elected',
        'sources: [wire-story] }\n        outcome: continued',
      ),
    );
    const problems = (await problemsOf(dir)).filter((p) =>
      p.message.includes('the threshold needs'),
    );
    expect(problems.map((p) => formatProblem(p))).toEqual([
      'elections/sample-2024/election.yaml:45:18 error round 1 › Ana Lima › outcome: "ana-lima" has 21 votes in round 1, at least the 20 the threshold needs, but the outcome is "continued". A candidate who reaches the threshold is elected: set "outcome: elected" and the decision, or correct the votes. (outcome-inconsistent)',
    ]);
  });

  it('an "elected" outcome saved before its decision, or beside another winner, and a winner who withdrew, are errors', async () => {
    const dir = await copySite();
    const election = 'elections/sample-2024/election.yaml';
    const inconsistent = async () =>
      (await problemsOf(dir))
        .filter((p) => p.code === 'decision-inconsistent')
        .map((p) => formatProblem(p));
    // Step 5 of vote day half done: the outcome written, the decision and status not yet.
    await editFile(dir, election, (t) =>
      t.replace(/\ndecision:[\s\S]*?\n(?=\w)/, '\n').replace('status: decided', 'status: voting'),
    );
    expect(await inconsistent()).toEqual([
      `${election}:45:18 error round 1 › Ana Lima › outcome: "ana-lima" is "elected" in round 1, but there is no "decision". Add it (winner, by, round, date) and set "status: decided" in the same save, or set the outcome back to "continued". (decision-inconsistent)`,
    ]);
    // The decision names the other candidate, who withdrew in that round.
    const other = await copySite();
    await editFile(other, election, (t) =>
      t
        .replace(
          'winner: ana-lima\n  by: ballot\n  round: 1',
          'winner: ben-okoro\n  by: acclamation',
        )
        .replace(
          'sources: [wire-story] }\n        outcome: continued',
          'sources: [wire-story] }\n        outcome: withdrew',
        ),
    );
    expect(
      (await problemsOf(other))
        .filter((p) => p.code === 'decision-inconsistent')
        .map((p) => formatProblem(p)),
    ).toEqual([
      `${election}:45:18 error round 1 › Ana Lima › outcome: "ana-lima" is "elected" in round 1, but the decision's winner is "ben-okoro". (decision-inconsistent)`,
      `${election}:50:11 error decision › winner: The decision's winner "ben-okoro" withdrew in round 1. Check the winner, or that round's outcome. (decision-inconsistent)`,
    ]);
  });

  it("a time of day without the venue's time zone is a warning at the first one given", async () => {
    const dir = await copySite();
    const election = 'elections/sample-2024/election.yaml';
    await editFile(dir, election, (t) =>
      t.replace(
        '    date: 2024-03-01\n    cast:',
        '    date: 2024-03-01\n    reported: "13:05"\n    cast:',
      ),
    );
    const zone = async () => (await problemsOf(dir)).filter((p) => p.code === 'time-zone-missing');
    const problems = await zone();
    problems.forEach((p) => seen.add(p.code));
    expect(problems.map((p) => formatProblem(p))).toEqual([
      `${election}:38:15 warning round 1 › reported: A time of day is given, but the venue has no time zone: pages say the time as "venue time" without its zone, and the live banner and version document give times in UTC. Add "timeZone" under "venue", like timeZone: Europe/Paris. (time-zone-missing)`,
    ]);
    await editFile(dir, election, (t) =>
      t.replace('  country: Exampleland\n', '  country: Exampleland\n  timeZone: Europe/Lisbon\n'),
    );
    expect(await zone()).toEqual([]);
  });

  it('a file saved empty is one error saying so, not one per field it lacks', async () => {
    const dir = await copySite();
    await writeFile(path.join(dir, 'elections/sample-2024/election.yaml'), '');
    await writeFile(path.join(dir, 'elections/sample-2024/articles/how-it-works.md'), '\n  \n');
    const problems = await problemsOf(dir);
    const own = problems.filter((p) => p.code === 'file-empty');
    own.forEach((p) => seen.add(p.code));
    expect(own.map((p) => formatProblem(p))).toEqual([
      'elections/sample-2024/articles/how-it-works.md error The file is empty: saved before it was written, or emptied by mistake. Undo the save in your editor to get its text back, or delete the file if it should go. (file-empty)',
      'elections/sample-2024/election.yaml error The file is empty: saved before it was written, or emptied by mistake. Undo the save in your editor to get its text back, or delete the file if it should go. (file-empty)',
    ]);
    expect(problems.filter((p) => p.file === 'elections/sample-2024/election.yaml')).toHaveLength(
      1,
    );
    expect(problems.filter((p) => p.code === 'field-missing')).toEqual([]);
  });

  it('a word of the format in the wrong case, a city for a time zone and a bare figure each get the fix', async () => {
    const dir = await copySite();
    const election = 'elections/sample-2024/election.yaml';
    await editFile(dir, election, (t) =>
      t
        .replace('status: decided', 'status: Decided')
        .replace('  country: Exampleland\n', '  country: Exampleland\n  timeZone: lisbon\n')
        .replace(
          'votes: { value: 9, status: reported, by: Wire Agency, sources: [wire-story] }',
          'votes: 9',
        ),
    );
    const invalid = (await problemsOf(dir)).filter((p) => p.code === 'field-invalid');
    expect(invalid.map((p) => formatProblem(p))).toEqual([
      `${election}:31:13 error venue › timeZone: Expected an IANA time zone like "Europe/Paris" or "America/New_York", found "lisbon". Did you mean "Europe/Lisbon"? (field-invalid)`,
      `${election}:35:9 error status: Expected one of upcoming, voting, decided, found "Decided". Did you mean "decided"? (field-invalid)`,
      `${election}:48:16 error round 1 › Ben Okoro › votes: Expected a figure: { value, status, by, sources }, or null when not reported, found 9. "votes" is a figure: its number with where it comes from. For example: votes: { value: 9, status: reported, by: Wire Agency, sources: [source-id] }, with the status official, reported or unconfirmed, who reported it in "by", and the ids of its sources. (field-invalid)`,
    ]);
  });

  it('a content folder that is not there, or is a file, is said to be so', async () => {
    const dir = await copySite();
    const missing = path.join(dir, 'no-such-folder');
    const file = path.join(dir, 'site.yaml');
    const reports = await Promise.all([missing, file].map(async (at) => problemsOf(at)));
    reports.flat().forEach((p) => seen.add(p.code));
    const HINT =
      'Set CONTENT_DIR to the folder that holds site.yaml (./content when it is not set). (folder-missing)';
    expect(reports.map((problems) => formatReport(problems))).toEqual([
      `. error There is no content folder at ${missing}. ${HINT}\n\n1 error and 0 warnings in 1 file.`,
      `. error The content folder ${file} is a file, not a folder. ${HINT}\n\n1 error and 0 warnings in 1 file.`,
    ]);
  });

  it('a translation named for a language the site does not have is one warning, not ten errors about fields', async () => {
    const dir = await copySite(shippedContent);
    const folder = path.join(dir, 'elections/iom-dg-2023/candidates');
    for (const lang of ['de', 'FR'])
      await copyFile(path.join(folder, 'amy-pope.fr.md'), path.join(folder, `amy-pope.${lang}.md`));
    const result = await loadContent(dir);
    expect(result.ok).toBe(true);
    const problems = result.ok ? result.content.warnings : [];
    problems.forEach((p) => seen.add(p.code));
    const HINT =
      'Name a translation after its English file with the language in lower case before the extension: <file>.fr.md or <file>.es.md. (translation-language)';
    expect(
      problems.filter((p) => p.file.includes('amy-pope.')).map((p) => formatProblem(p)),
    ).toEqual([
      `elections/iom-dg-2023/candidates/amy-pope.de.md warning This file is named as a translation into "de", but the site's translations are "fr" and "es" (an English file has no language in its name); it is ignored. ${HINT}`,
      `elections/iom-dg-2023/candidates/amy-pope.FR.md warning This file is named as a translation into "FR", but the site's translations are "fr" and "es" (an English file has no language in its name); it is ignored. ${HINT}`,
    ]);
  });

  it('together the scenarios cover every problem code in the catalogue', () => {
    expect([...seen].sort()).toEqual(Object.keys(problemCatalogue).sort());
  });
});

describe('a problem as data', () => {
  it('carries code, file, line, column, field path, expected, found and hint', async () => {
    const problems = await problemsOf(await scenarioSite('schema-fields'));
    expect(problems.find((p) => p.field === 'born › date')).toEqual({
      code: 'field-invalid',
      severity: 'error',
      file: 'elections/sample-2024/candidates/ana-lima.md',
      line: 6,
      column: 9,
      field: 'born › date',
      message: 'Expected a date like 2025-06-30, 2025-06 or 2025, found "15 June 1970".',
      hint: 'Did you mean 1970-06-15?',
      expected: 'a date like 2025-06-30, 2025-06 or 2025',
      found: '"15 June 1970"',
      frame: {
        start: 4,
        lines: [
          'nationality: Exampleland',
          'born:',
          '  date: 15 June 1970',
          '  sources: [union-release]',
          'summary: Diplomat from Exampleland.',
        ],
      },
    });
  });

  it('suggests the likely field for a misspelt one, and does not also call it missing', async () => {
    const problems = await problemsOf(await scenarioSite('schema-fields'));
    expect(problems.find((p) => p.field === 'sortname')?.hint).toBe('Did you mean "sortName"?');
    expect(problems.some((p) => p.field === 'sortName')).toBe(false);
  });

  it('prints a source excerpt with the line marked and a caret under the column', async () => {
    const problems = await problemsOf(await scenarioSite('decision-status'));
    expect(formatReport(problems, { frames: true })).toBe(
      [
        'elections/sample-2024/election.yaml:34:9 error status: There is a "decision" but the status is "upcoming"; expected "decided". (decision-inconsistent)',
        '        32 | dates:',
        '        33 |   vote: 2024-03-01',
        '      > 34 | status: upcoming',
        '           |         ^',
        '        35 | rounds:',
        '        36 |   - number: 1',
        '',
        '1 error and 0 warnings in 1 file.',
      ].join('\n'),
    );
  });
});
