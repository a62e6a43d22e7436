// Translation files as editors write them, through real files: the French edition takes its
// text from `*.fr.*` and everything else from the English file; data in a translation is an
// error that says where it belongs; stale and missing translations are warnings, errors
// under `npm run check -- --strict`.
import { spawnSync } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import type { Content } from '../../src/content/model.js';
import { formatProblem, formatReport } from '../../src/content/report.js';
import request from 'supertest';
import { appFor, loadOrThrow } from '../support/app.js';
import { cleanUp, copySite, editFile, shippedContent } from '../support/fixtures.js';
import { editElection, roundOneReported, shippedCopy, upcoming } from '../support/vote-day.js';
import { spawnServer } from '../support/server.js';
import { until } from '../support/until.js';

afterAll(cleanUp);

const ANA_FR = `---
nationality: Exemplie
nominatedBy: Exemplie
summary: Diplomate exemplienne.
roles:
  - title: Ambassadrice
translated: 2024-03-02
---
Ana Lima est diplomate.[^union-release] Voir [la règle](/sample-2024/how-it-works#the-rule).

## Carrière

Elle a été ambassadrice.
`;

/** The valid fixture with a French translation of Ana Lima's profile (and more files). */
async function siteWith(files: Record<string, string>): Promise<string> {
  const dir = await copySite();
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
  return dir;
}

const candidate = (content: Content, lang: 'en' | 'fr' | 'es', slug: string) =>
  content.editions[lang].elections[0]!.candidates.find((c) => c.slug === slug)!;

function check(contentDir: string, ...args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/check-content.ts', ...args],
    { env: { ...process.env, CONTENT_DIR: contentDir }, encoding: 'utf8' },
  );
  return { status: result.status, stdout: result.stdout };
}

describe('a French translation file', () => {
  it('gives the French page its text, and the English file its data', async () => {
    const dir = await siteWith({ 'elections/sample-2024/candidates/ana-lima.fr.md': ANA_FR });
    const content = await loadOrThrow(dir);
    const ana = candidate(content, 'fr', 'ana-lima');
    expect(ana.summary).toBe('Diplomate exemplienne.');
    expect(ana.roles).toEqual([
      { title: 'Ambassadrice', from: '2015', to: '2020', sources: ['union-release'] },
    ]);
    expect(ana.name).toBe('Ana Lima');
    expect(ana.born).toEqual({ date: '1970-06-15', sources: ['union-release'] });
    expect(ana.translation).toEqual({
      status: 'translated',
      translated: '2024-03-02',
      file: 'elections/sample-2024/candidates/ana-lima.fr.md',
    });
    // The body: translated headings, the link under /fr/, the note in French words and dates.
    expect(ana.biography.headings).toEqual([{ level: 3, id: 'carrière', text: 'Carrière' }]);
    expect(ana.biography.html).toContain('<a href="/fr/sample-2024/how-it-works#the-rule">');
    expect(ana.biography.html).toContain('>Sources et notes</h3>');
    expect(ana.biography.html).toContain(
      'Sample Union, <a href="https://example.org/release">The Assembly elects a Secretary General</a>, 1er mars 2024.',
    );
    // English and Spanish are untouched: Spanish has no translation and shows the English.
    expect(candidate(content, 'en', 'ana-lima').summary).toBe('Diplomat from Exampleland.');
    const spanish = candidate(content, 'es', 'ana-lima');
    expect(spanish.summary).toBe('Diplomat from Exampleland.');
    expect(spanish.translation).toEqual({ status: 'missing' });
    // The English rendering, all of it English (the page marks it so), its links in Spanish.
    const english = candidate(content, 'en', 'ana-lima').biography;
    expect(english.html).toContain('>Sources and notes</h3>');
    expect(spanish.biography.html).toBe(
      english.html.replaceAll('href="/sample-2024/', 'href="/es/sample-2024/'),
    );
    expect(spanish.biography.links).toEqual(
      english.links.map((href) => (href.startsWith('/') ? `/es${href}` : href)),
    );
  });

  it("gives sources their words by id (the citation's label, the note, where a story was read), titles and publishers kept", async () => {
    const dir = await siteWith({ 'elections/sample-2024/candidates/ana-lima.fr.md': ANA_FR });
    await editFile(dir, 'elections/sample-2024/election.yaml', (t) =>
      t.replace(
        '    publisher: Sample Union\n',
        '    publisher: Sample Union\n    label: Union\n    note: The release of the day.\n    via: Union News (a copy)\n',
      ),
    );
    await writeFile(
      path.join(dir, 'elections/sample-2024/election.fr.yaml'),
      `title: Exemple 2024
sources:
  union-release:
    label: L'Union
    note: Le communiqué du jour.
    via: Union News (une copie)
  wire-story:
    note: Une dépêche.
  gone-story:
    label: Partie
translated: 2024-03-02
`,
    );
    const result = await loadContent(dir);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Text for what the English file lacks is never shown, and said once.
    expect(
      result.content.warnings
        .filter((p) => p.code === 'translation-no-english')
        .map((p) => formatProblem(p)),
    ).toEqual([
      'elections/sample-2024/election.fr.yaml:8:5 warning sources › wire-story › note: elections/sample-2024/election.yaml has no note for the source "wire-story", so there is nothing here to translate: no language shows this text. Write note for the source "wire-story" in elections/sample-2024/election.yaml first (every language shows the English until its translation), or delete it here. (translation-no-english)',
      'elections/sample-2024/election.fr.yaml:9:3 warning sources › gone-story: elections/sample-2024/election.yaml has no source "gone-story", so there is nothing here to translate: no language shows this text. Write source "gone-story" in elections/sample-2024/election.yaml first (every language shows the English until its translation), or delete it here. (translation-no-english)',
    ]);
    const election = (lang: 'en' | 'fr') => result.content.editions[lang].elections[0]!;
    expect(election('fr').sourcesById.get('union-release')).toMatchObject({
      title: 'The Assembly elects a Secretary General',
      publisher: 'Sample Union',
      label: "L'Union",
      note: 'Le communiqué du jour.',
      via: 'Union News (une copie)',
    });
    expect(election('fr').sources.map((s) => s.id)).toEqual(['union-release', 'wire-story']);
    expect(election('en').sourcesById.get('union-release')?.label).toBe('Union');
    // The footnote keeps the publisher and title, in French words, read where the French says.
    expect(candidate(result.content, 'fr', 'ana-lima').biography.html).toContain(
      'Sample Union, <a href="https://example.org/release">The Assembly elects a Secretary General</a>, 1er mars 2024, lue sur Union News (une copie).',
    );
    const { app } = await appFor(dir);
    const profile = await request(app).get('/fr/sample-2024/candidates/ana-lima').expect(200);
    expect(profile.text).toContain('>L&#39;Union</a>');
    const sources = await request(app).get('/fr/sample-2024/sources').expect(200);
    expect(sources.text).toContain('Le communiqué du jour.');
    expect(sources.text).not.toContain('Une dépêche.');
  });

  it('points every edition’s internal links at its own language, English unprefixed', async () => {
    const content = await loadOrThrow(await copySite());
    const links = (lang: 'en' | 'fr' | 'es') =>
      [...content.editions[lang].pages[0]!.body.html.matchAll(/href="(\/[^"]*)"/g)].map(
        (m) => m[1],
      );
    expect(links('en')).toEqual(['/sample-2024/']);
    expect(links('fr')).toEqual(['/fr/sample-2024/']);
    expect(links('es')).toEqual(['/es/sample-2024/']);
  });

  it('is an error where it holds data, saying in which English file and field the value belongs', async () => {
    const dir = await siteWith({
      'pages/about.fr.md': `---
title: À propos
updated: 2024-03-01
translated: 2024-03-01
---
Ce site explique l'élection.
`,
    });
    // Served all the same, that page in English: an error of a translation holds up nothing else.
    const result = await loadContent(dir);
    expect(result.ok).toBe(true);
    expect(formatReport(result.ok ? result.content.warnings : [])).toBe(
      [
        'pages/about.fr.md:3:1 error updated: "updated" is data, not text to translate: it is written once, in pages/about.md (updated), and every language shows it from there. Delete it here; to change the value, change updated in pages/about.md. (translation-data)',
        '',
        // The site's own files have begun in French: site.yaml is said to be missing too.
        'site.fr.yaml warning site.yaml has no French translation yet: French readers see its English text, with a notice. Create this file with the text of the English file translated and "translated:" set to the day; content/README.md shows how. (translation-missing)',
        '',
        '1 error and 1 warning in 2 files.',
      ].join('\n'),
    );
  });

  it('reports a field named like a built-in of every object (toString, __proto__) as unknown, as in English', async () => {
    // Such names were looked up as translatable fields, found on every object, and ended the
    // load with an internal error that hid the other files' problems.
    const dir = await siteWith({
      'pages/about.fr.md': `---
title: À propos
toString: x
translated: 2024-03-01
---
Ce site explique l'élection.
`,
      'site.fr.yaml': `name: Explicateur exemple
valueOf: x
translated: 2024-03-01
`,
      'elections/sample-2024/election.fr.yaml': `title: L'élection de 2024
constructor: x
__proto__: x
translated: 2024-03-01
`,
      'elections/sample-2024/candidates/ana-lima.fr.md': ANA_FR.replace(
        'translated:',
        'hasOwnProperty: x\ntranslated:',
      ),
    });
    await editFile(dir, 'site.yaml', (text) => `${text}toString: x\n`);
    const result = await loadContent(dir);
    expect(result.ok).toBe(false);
    // Every file's field is reported (the warnings of translations begun are left out here).
    const errors = result.ok ? [] : result.problems.filter((p) => p.severity === 'error');
    expect(formatReport(errors)).toBe(
      [
        'elections/sample-2024/candidates/ana-lima.fr.md:7:1 error hasOwnProperty: Unknown field "hasOwnProperty". Fields allowed here: translated, nationality, nominatedBy, born, summary, roles, education, positions, photo. Remove it, or check its indentation. (field-unknown)',
        '',
        'elections/sample-2024/election.fr.yaml:2:1 error constructor: Unknown field "constructor". Fields allowed here: translated, title, shortTitle, description, overview, organization, office, electingBody, electorate, method and 6 more. Remove it, or check its indentation. (field-unknown)',
        'elections/sample-2024/election.fr.yaml:3:1 error __proto__: Unknown field "__proto__". Fields allowed here: translated, title, shortTitle, description, overview, organization, office, electingBody, electorate, method and 6 more. Remove it, or check its indentation. (field-unknown)',
        '',
        'pages/about.fr.md:3:1 error toString: Unknown field "toString". Fields allowed here: translated, title, description. Remove it, or check its indentation. (field-unknown)',
        '',
        'site.fr.yaml:2:1 error valueOf: Unknown field "valueOf". Fields allowed here: translated, name, tagline, description, publisher. Remove it, or check its indentation. (field-unknown)',
        '',
        // The same name in an English file, for comparison: the same problem.
        'site.yaml:6:1 error toString: Unknown field "toString". Fields allowed here: name, tagline, description, publisher, featured, language, updated. Remove it, or check its indentation. (field-unknown)',
        '',
        '6 errors and 0 warnings in 5 files.',
      ].join('\n'),
    );
  });
});

describe('translation states', () => {
  it('is stale when the English file was updated after the translation, naming the fields it lacks', async () => {
    const dir = await siteWith({
      'elections/sample-2024/candidates/ana-lima.fr.md': ANA_FR.replace(
        'nominatedBy: Exemplie\n',
        '',
      ).replace('translated: 2024-03-02', 'translated: 2024-03-01'),
    });
    const content = await loadOrThrow(dir);
    expect(candidate(content, 'fr', 'ana-lima').translation).toEqual({
      status: 'stale',
      translated: '2024-03-01',
      updated: '2024-03-02',
      fields: ['nominatedBy'],
      file: 'elections/sample-2024/candidates/ana-lima.fr.md',
    });
    // The French text is still shown: older, but better than none.
    expect(candidate(content, 'fr', 'ana-lima').summary).toBe('Diplomate exemplienne.');
    expect(formatReport(content.warnings)).toBe(
      [
        'elections/sample-2024/articles/how-it-works.fr.md warning elections/sample-2024/articles/how-it-works.md has no French translation yet: French readers see its English text, with a notice. Create this file with the text of the English file translated and "translated:" set to the day; content/README.md shows how. (translation-missing)',
        '',
        'elections/sample-2024/candidates/ana-lima.fr.md:6:13 warning translated: The French translation is older than its English text: translated 2024-03-01, elections/sample-2024/candidates/ana-lima.md updated 2024-03-02. Not translated: nominatedBy. Bring the translation in line with the English text, then set "translated:" to the day you did. (translation-stale)',
        '',
        'elections/sample-2024/candidates/ben-okoro.fr.md warning elections/sample-2024/candidates/ben-okoro.md has no French translation yet: French readers see its English text, with a notice. Create this file with the text of the English file translated and "translated:" set to the day; content/README.md shows how. (translation-missing)',
        '',
        'elections/sample-2024/election.fr.yaml warning elections/sample-2024/election.yaml has no French translation yet: French readers see its English text, with a notice. Create this file with the text of the English file translated and "translated:" set to the day; content/README.md shows how. (translation-missing)',
        '',
        '0 errors and 4 warnings in 4 files.',
      ].join('\n'),
    );
  });

  it('is stale after an English change later the same day, when the English file gives its time', async () => {
    // Vote day: the English note corrected at 14:20, the French one translated that morning.
    const dir = await siteWith({ 'elections/sample-2024/candidates/ana-lima.fr.md': ANA_FR });
    const english = 'elections/sample-2024/candidates/ana-lima.md';
    const stamp = (file: string, from: string, to: string) =>
      editFile(dir, file, (t) => t.replace(from, to));
    await stamp(english, 'updated: 2024-03-02', 'updated: 2024-03-02 14:20');
    const content = await loadOrThrow(dir);
    expect(candidate(content, 'fr', 'ana-lima').translation).toEqual({
      status: 'stale',
      translated: '2024-03-02',
      updated: '2024-03-02T14:20',
      fields: [],
      file: 'elections/sample-2024/candidates/ana-lima.fr.md',
    });
    // Pages show the day; the English page says nothing of the time.
    expect(candidate(content, 'en', 'ana-lima').updated).toBe('2024-03-02');
    expect(formatReport(content.warnings)).toContain(
      'elections/sample-2024/candidates/ana-lima.fr.md:7:13 warning translated: The French translation is older than its English text: translated 2024-03-02, elections/sample-2024/candidates/ana-lima.md updated 2024-03-02T14:20. Bring the translation in line with the English text, then set "translated:" to the day and time you did, after 14:20, when the English text changed: "translated: 2024-03-02 HH:MM" (a later day needs no time). (translation-stale)',
    );
    const { app } = await appFor(dir);
    const fr = await request(app).get('/fr/sample-2024/candidates/ana-lima').expect(200);
    expect(fr.text).toContain(
      '<p class="translation-notice" role="note">Cette traduction date du <time datetime="2024-03-02">2 mars 2024</time>\u202f; la version anglaise a été mise à jour le <time datetime="2024-03-02T14:20">2 mars 2024 à 14\u00a0h\u00a020</time>, et certains passages',
    );

    // Translated again after the change, with the time: up to date.
    await stamp(
      english.replace('.md', '.fr.md'),
      'translated: 2024-03-02',
      'translated: 2024-03-02T15:05',
    );
    const again = await loadOrThrow(dir);
    expect(candidate(again, 'fr', 'ana-lima').translation).toMatchObject({
      status: 'translated',
      translated: '2024-03-02T15:05',
    });
    expect(formatReport(again.warnings)).not.toContain('translation-stale');
    // A translation that gives a time, of an English file that gives none that day: up to date.
    await stamp(english, 'updated: 2024-03-02 14:20', 'updated: 2024-03-02');
    expect(candidate(await loadOrThrow(dir), 'fr', 'ana-lima').translation.status).toBe(
      'translated',
    );
  });

  it("is stale for the site's own text too, once site.yaml says when it last changed", async () => {
    const dir = await copySite();
    await editFile(dir, 'site.yaml', (text) => `${text}updated: 2024-03-05\n`);
    await writeFile(
      path.join(dir, 'site.fr.yaml'),
      'name: Explicateur exemple\ntagline: Un petit site pour les tests.\ntranslated: 2024-03-01\n',
    );
    const content = await loadOrThrow(dir);
    expect(content.editions.fr.siteTranslation).toEqual({
      status: 'stale',
      translated: '2024-03-01',
      updated: '2024-03-05',
      fields: ['publisher › name'],
      file: 'site.fr.yaml',
    });
    expect(content.editions.fr.site.tagline).toBe('Un petit site pour les tests.');
    expect(formatReport(content.warnings)).toContain(
      'site.fr.yaml:3:13 warning translated: The French translation is older than its English text: translated 2024-03-01, site.yaml updated 2024-03-05. Not translated: publisher › name. Bring the translation in line with the English text, then set "translated:" to the day you did. (translation-stale)',
    );
  });

  it('is missing, without a warning, in a part of the site no translation has begun', async () => {
    const content = await loadOrThrow(await copySite());
    expect(content.warnings).toEqual([]);
    expect(content.editions.fr.siteTranslation).toEqual({ status: 'missing' });
    expect(content.editions.fr.elections[0]!.translation).toEqual({ status: 'missing' });
    expect(content.editions.en.elections[0]!.translation).toEqual({ status: 'original' });
  });

  it('on the shipped content: the site and the 2023 election translated, the 2018 election in French only', async () => {
    const content = await loadOrThrow(shippedContent);
    for (const lang of ['fr', 'es'] as const) {
      const edition = content.editions[lang];
      const [latest, earlier] = edition.elections;
      expect(edition.siteTranslation.status).toBe('translated');
      expect(edition.pages.map((p) => p.translation.status)).toEqual(
        edition.pages.map(() => 'translated'),
      );
      expect(
        [latest!, ...latest!.candidates, ...latest!.articles].map((x) => x.translation.status),
      ).toEqual([latest!, ...latest!.candidates, ...latest!.articles].map(() => 'translated'));
      // Left in English in Spanish, so that the fallback is real.
      const earlierStatus = lang === 'fr' ? 'translated' : 'missing';
      expect([earlier!, ...earlier!.candidates].map((x) => x.translation.status)).toEqual(
        [earlier!, ...earlier!.candidates].map(() => earlierStatus),
      );
    }
    expect(content.editions.fr.elections[0]!.office).toBe('Directeur général');
    expect(content.editions.es.elections[0]!.dates).toEqual(content.elections[0]!.dates);
  });
});

describe('an English file that cannot be read', () => {
  const ELECTION = 'elections/iom-dg-2023/election.yaml';
  const errorsOf = async (dir: string): Promise<string[]> => {
    const result = await loadContent(dir);
    return result.ok ? [] : result.problems.map((p) => formatProblem(p));
  };

  it('is its one problem: its translations say nothing of it, and it is not also missing', async () => {
    const dir = await copySite(shippedContent);
    // Too large to be read: the two translations were orphans and the file itself missing.
    await editFile(dir, ELECTION, (t) => `${t}\n# ${'x'.repeat(1_100_000)}\n`);
    expect(await errorsOf(dir)).toEqual([
      `${ELECTION} error This file is 1.1 MB, more than the 1.0 MB a content file may hold; it was not read. Split the text into several articles, or remove what does not belong in it. (file-too-large)`,
    ]);
  });

  it('is its one problem when its YAML cannot be read either (44 warnings of its translations before)', async () => {
    const dir = await copySite(shippedContent);
    await editFile(dir, ELECTION, (t) => t.replace(/^office: .*$/m, 'office: &o [*o]'));
    expect(await errorsOf(dir)).toEqual([
      `${ELECTION}:31:13 error The YAML cannot be read: the alias *o is inside the value its anchor &o names, so that value would contain itself without end. Write the value out in place of the alias. (yaml-syntax)`,
    ]);
  });
});

describe('npm run check -- --strict', () => {
  it('fails a release while a translation is behind; without --strict it is a warning', async () => {
    const dir = await siteWith({ 'elections/sample-2024/candidates/ana-lima.fr.md': ANA_FR });
    await editFile(dir, 'elections/sample-2024/candidates/ana-lima.md', (text) =>
      text.replace('updated: 2024-03-02', 'updated: 2024-03-05'),
    );
    const relaxed = check(dir);
    expect(relaxed.status).toBe(0);
    expect(relaxed.stdout).toContain('0 errors and 4 warnings in 4 files.');
    expect(relaxed.stdout).toContain(
      [
        'Translations:',
        '  French (fr): 0 files translated, 1 stale, 3 missing.',
        '    Translated: elections/sample-2024 (0 of 4).',
        '    Stale: elections/sample-2024/candidates/ana-lima.md (updated 2024-03-05).',
        '    Missing: elections/sample-2024/election.yaml, elections/sample-2024/candidates/ben-okoro.md, elections/sample-2024/articles/how-it-works.md.',
        "    Not begun, shown in English with a notice: the site's own files (2 files).",
        '  Spanish (es): 0 files translated, 0 stale, 0 missing.',
        "    Not begun, shown in English with a notice: the site's own files (2 files), elections/sample-2024 (4 files).",
        'Content is valid: 1 election, 1 page, ',
      ].join('\n'),
    );

    const release = check(dir, '--strict');
    expect(release.status).toBe(1);
    expect(release.stdout).toContain('4 errors and 0 warnings in 4 files.');
    expect(release.stdout).toContain(
      `${dir}/elections/sample-2024/candidates/ana-lima.fr.md:7:13 error translated: The French translation is older than its English text: translated 2024-03-02, elections/sample-2024/candidates/ana-lima.md updated 2024-03-05.`,
    );
    expect(release.stdout).toMatch(
      /Content is valid, but not ready for a release: translations are behind \(--strict\) \(.*\)\.\n$/,
    );
  });

  it('says a translation with text its English file lacks does not match it, not that it is behind', async () => {
    const dir = await copySite();
    await writeFile(
      path.join(dir, 'elections/sample-2024/election.fr.yaml'),
      'title: Exemple 2024\nsources:\n  gone-story:\n    label: Partie\ntranslated: 2024-03-02\n',
    );
    // Every file of the election translated and current: nothing is behind.
    await writeFile(
      path.join(dir, 'elections/sample-2024/candidates/ana-lima.fr.md'),
      ANA_FR.replace('2024-03-02', '2024-03-05'),
    );
    await writeFile(
      path.join(dir, 'elections/sample-2024/candidates/ben-okoro.fr.md'),
      '---\ntranslated: 2024-03-05\n---\n',
    );
    await writeFile(
      path.join(dir, 'elections/sample-2024/articles/how-it-works.fr.md'),
      '---\ntranslated: 2024-03-05\n---\n',
    );
    const release = check(dir, '--strict');
    expect(release.stdout).toContain('election.fr.yaml:3:3 error sources › gone-story:');
    expect(release.stdout).toMatch(
      /Content is valid, but not ready for a release: translations do not match their English files \(--strict\) \(.*\)\.\n$/,
    );
    expect(release.status).toBe(1);
  });
});

describe('on vote day, the English written first', () => {
  const ELECTION = 'elections/iom-dg-2023/election.yaml';
  /** A timeline entry written in date order, between two the French file translates. */
  const OPENS = `  - date: 2023-05-15
    time: "10:00"
    title: Voting opens in the Council chamber
    sources: [ap-round-one]
  - date: 2023-05-15
    title: First round of voting`;

  it('shows a list it cannot match in English, marked so, never a translated title against another entry', async () => {
    const dir = await copySite(shippedContent);
    await editFile(dir, ELECTION, (text) =>
      text.replace('  - date: 2023-05-15\n    title: First round of voting', OPENS),
    );
    const { app } = await appFor(dir);
    const page = (await request(app).get('/fr/iom-dg-2023/timeline').expect(200)).text;
    // Before, "Premier tour de scrutin" and its figures stood under the 10:00 entry.
    expect(page).not.toContain('Premier tour de scrutin');
    const entries = [...page.matchAll(/<span class="event">(.*?)<\/span> <small/g)].map(
      (m) => m[1],
    );
    expect(entries).toHaveLength(14);
    expect(entries).toContain('<span lang="en">Voting opens in the Council chamber</span>');
    expect(entries).toContain(
      '<span lang="en">First round of voting</span>. <span lang="en">Amy Pope 98 votes, António Vitorino 67, as reported; 110 were needed.</span>',
    );
    expect(entries.every((e) => e!.startsWith('<span lang="en">'))).toBe(true);
    // The rest of the election is still French, and the warning says why the list is not.
    const overview = (await request(app).get('/fr/iom-dg-2023/').expect(200)).text;
    expect(overview).toContain(
      '<h1>L&#39;élection de 2023 à la direction générale de l&#39;OIM</h1>',
    );
    const { content } = (await loadContent(dir)) as { content: Content };
    expect(content.warnings.map((p) => formatProblem(p))).toContain(
      'elections/iom-dg-2023/election.fr.yaml:83:3 warning timeline: This list has 13 elements; the same list in elections/iom-dg-2023/election.yaml has 14. A translation follows the English list element for element: with another count there is no telling which element translates which, so the whole list is shown in English until it has one element for each English element. Give each English element its translation in the same place, and {} for an element with nothing to translate. (translation-list-length)',
    );
  });

  it('keeps the translated rounds when a round is added (rounds are numbered in order), the new one marked English', async () => {
    const dir = await shippedCopy(roundOneReported);
    await editElection(dir, 'iom-dg-2023', (e) => {
      e.rounds.push({
        number: 2,
        date: '2023-05-15',
        cast: null,
        results: e.rounds[0]!.results.map((r) => ({ ...r, votes: null, note: undefined })),
        note: 'Under way: members are voting again.',
        sources: ['afp-result'],
      } as unknown as (typeof e.rounds)[number]);
    });
    const { app } = await appFor(dir);
    const results = (await request(app).get('/fr/iom-dg-2023/results').expect(200)).text;
    // Round 1 keeps its French note (the French file has one round); round 2's is English.
    expect(results).toContain('Aucun décompte officiel de l&#39;OIM n&#39;a été trouvé.');
    expect(results).toContain(
      '<p class="not-reported">Les voix de ce tour n’ont pas été rendues publiques. <span lang="en">Under way: members are voting again.</span></p>',
    );
    const api = (await request(app).get('/fr/api/elections/iom-dg-2023').expect(200)).body as {
      rounds: { inEnglish?: string[] }[];
    };
    expect(api.rounds.map((r) => r.inEnglish)).toEqual([undefined, ['note']]);
  });

  it('marks a field the translation leaves out, in pages and the feed', async () => {
    const dir = await copySite(shippedContent);
    await editFile(dir, 'elections/iom-dg-2023/election.fr.yaml', (text) =>
      text.replace(/\ndecision:\n {2}note: >-\n(?: {4}.*\n)+/, '\n'),
    );
    const { app } = await appFor(dir);
    const overview = (await request(app).get('/fr/iom-dg-2023/').expect(200)).text;
    expect(overview).toContain(
      '<p lang="en">After António Vitorino withdrew, the member states did not hold a second ballot and elected Amy Pope by acclamation. <small',
    );
    const feed = (await request(app).get('/fr/feed.xml').expect(200)).text;
    expect(feed).toContain(
      '<summary xml:lang="en">After António Vitorino withdrew, the member states did not hold a second ballot and elected Amy Pope by acclamation.</summary>',
    );
    // English pages have no marks.
    const english = (await request(app).get('/iom-dg-2023/').expect(200)).text;
    expect(english).not.toContain('<p lang="en">');
    expect(english).not.toContain('<span lang="en">');
  });

  it('marks English text inside a sentence the engine composes: the rule, step by step', async () => {
    // Before the vote, "What it will take" words the rule with the electing body's name.
    const dir = await shippedCopy(upcoming);
    await editFile(dir, 'elections/iom-dg-2023/election.fr.yaml', (text) =>
      text.replace("  name: Conseil de l'OIM\n", ''),
    );
    const { app } = await appFor(dir);
    const french = (await request(app).get('/fr/iom-dg-2023/results').expect(200)).text;
    expect(french).toContain('<li>Vote\u00a0: <span lang="en">IOM Council</span>, ');
    // Translated, it is French, unmarked.
    const spanish = (await request(app).get('/es/iom-dg-2023/results').expect(200)).text;
    expect(spanish).toMatch(/<li>Votación: [^<]*Consejo de la OIM[^<]*, /);
  });

  it('keeps an acronym that starts the method whole in the rule, step by step', async () => {
    const dir = await shippedCopy(upcoming);
    await editFile(dir, 'elections/iom-dg-2023/election.yaml', (text) =>
      text.replace(
        'description: Secret ballot of the member states,',
        'description: IOM member states vote by secret ballot,',
      ),
    );
    await editFile(dir, 'elections/iom-dg-2023/election.fr.yaml', (text) =>
      text.replace(/\nmethod:\n {2}description: (?:>-\n(?: {4}.*\n)+|.*\n)/, '\n'),
    );
    const { app } = await appFor(dir);
    const english = (await request(app).get('/iom-dg-2023/results').expect(200)).text;
    expect(english).toContain(
      '<li>The IOM Council votes: IOM member states vote by secret ballot,',
    );
    const french = (await request(app).get('/fr/iom-dg-2023/results').expect(200)).text;
    // The rest of the French file still served: only the method is English.
    expect(french).toContain(
      '<li>Vote\u00a0: Conseil de l&#39;OIM, <span lang="en">IOM member states vote by secret ballot,',
    );
  });
});

describe('a translation file with errors', () => {
  /** A field of data written in the French file: an error of that file alone. */
  const breakFrench = (dir: string) =>
    editFile(dir, 'elections/iom-dg-2023/election.fr.yaml', (text) =>
      text.replace('rounds:\n  - cast:', 'rounds:\n  - number: 1\n    cast:'),
    );

  it('holds up no English edit: the site is served, that file’s pages in English, and check fails on it', async () => {
    const dir = await copySite(shippedContent);
    await breakFrench(dir);
    const loaded = await loadContent(dir);
    expect(loaded.ok).toBe(true);
    const { content } = loaded as { content: Content };
    expect(
      content.warnings.filter((p) => p.severity === 'error').map((p) => formatProblem(p)),
    ).toEqual([
      'elections/iom-dg-2023/election.fr.yaml:58:5 error round 1 › number: "number" is data, not text to translate: it is written once, in elections/iom-dg-2023/election.yaml (round 1 › number), and every language shows it from there. Delete it here; to change the value, change round 1 › number in elections/iom-dg-2023/election.yaml. (translation-data)',
    ]);
    const french = content.editions.fr.elections.find((e) => e.slug === 'iom-dg-2023')!;
    expect(french.translation).toEqual({ status: 'missing', withheld: true });
    expect(french.title).toBe('The 2023 election of the IOM Director General');
    // Readers are told the translation is being corrected, not that there is none.
    const { app } = await appFor(dir);
    const page = (await request(app).get('/fr/iom-dg-2023/').expect(200)).text;
    expect(page).toContain(
      '<p class="translation-notice" role="note">La traduction de cette page est en cours de correction\u00a0: son texte est affiché dans sa version originale anglaise en attendant. <a href="/iom-dg-2023/" hreflang="en">Lire la page en anglais</a></p>',
    );
    const spanish = (await request(app).get('/es/iom-dg-2023/').expect(200)).text;
    expect(spanish).not.toContain('translation-notice');
    // The other translations of the election, and the Spanish one, are served as they are.
    expect(french.candidates[0]!.translation.status).toBe('translated');
    expect(content.editions.es.elections[0]!.translation.status).toBe('translated');
    const run = check(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `Content can be served, but a translation file has errors: until it is fixed, its pages show the English text (${dir}).\n`,
    );
    // The translation report says it apart from the missing ones: it needs mending, not writing.
    expect(run.stdout).toContain(
      '  French (fr): 15 files translated, 0 stale, 0 missing, 1 left out for errors.\n',
    );
    expect(run.stdout).toContain(
      '    Left out for their errors, shown in English: elections/iom-dg-2023/election.fr.yaml.\n',
    );
  });

  it('that cannot even be read is left out too, and is not also reported missing', async () => {
    const dir = await copySite(shippedContent);
    const file = 'elections/iom-dg-2023/candidates/amy-pope.fr.md';
    await writeFile(path.join(dir, file), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe]));
    const loaded = await loadContent(dir);
    expect(loaded.ok).toBe(true);
    const { content } = loaded as { content: Content };
    expect(content.warnings.map((p) => `${p.file} ${p.code}`)).toEqual([
      `${file} encoding-invalid`,
    ]);
    const pope = content.editions.fr.elections
      .find((e) => e.slug === 'iom-dg-2023')!
      .candidates.find((c) => c.slug === 'amy-pope')!;
    expect(pope.translation).toEqual({ status: 'missing', withheld: true });
  });

  it('left out, takes with it another translation whose links it broke, and none of it is an error of the English', async () => {
    const dir = await copySite(shippedContent);
    await editFile(
      dir,
      'elections/iom-dg-2023/articles/what-is-iom.fr.md',
      (t) => `${t}\nTexte [^nope].\n`,
    );
    const loaded = (await loadContent(dir)) as { ok: boolean; content: Content };
    expect(loaded.ok).toBe(true);
    // corrections.fr.md links to a French heading of the article, now shown in English.
    const errors = loaded.content.warnings.filter((p) => p.severity === 'error');
    expect(errors.map((p) => `${p.file} ${p.code}`)).toEqual([
      'elections/iom-dg-2023/articles/what-is-iom.fr.md unknown-source',
      'pages/corrections.fr.md broken-anchor',
    ]);
    const { app } = await appFor(dir);
    const corrections = (await request(app).get('/fr/corrections').expect(200)).text;
    expect(corrections).not.toContain('#loim-et-les-nations-unies');
    expect(corrections).toContain('<p class="translation-notice" role="note">');
  });

  it('references to a page renamed by hand left in translations alone do not hold up the English', async () => {
    const dir = await copySite(shippedContent);
    const folder = path.join(dir, 'elections/iom-dg-2023/articles');
    await editFile(dir, 'pages/corrections.md', (t) =>
      t.replaceAll('/iom-dg-2023/what-is-iom', '/iom-dg-2023/what-is-the-iom'),
    );
    for (const ext of ['md', 'fr.md', 'es.md'])
      await rename(
        path.join(folder, `what-is-iom.${ext}`),
        path.join(folder, `what-is-the-iom.${ext}`),
      );
    const loaded = (await loadContent(dir)) as { ok: boolean; content: Content };
    expect(loaded.ok).toBe(true);
    expect(
      loaded.content.warnings
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.file} ${p.code}`),
    ).toEqual(['pages/corrections.es.md broken-link', 'pages/corrections.fr.md broken-link']);
    expect(loaded.content.routes.has('/iom-dg-2023/what-is-the-iom')).toBe(true);
  });

  it('on a WATCH=true server: an English save is served, the French page in English until the fix', async () => {
    const dir = await copySite(shippedContent);
    const server = await spawnServer({ CONTENT_DIR: dir, WATCH: 'true' });
    try {
      const page = async (url: string) => (await fetch(server.origin + url)).text();
      expect(await page('/fr/iom-dg-2023/timeline')).toContain('Premier tour de scrutin');
      await breakFrench(dir);
      await editFile(dir, 'elections/iom-dg-2023/election.yaml', (text) =>
        text.replace(
          'title: First round of voting',
          'title: First round of voting, held in closed session',
        ),
      );
      await until(
        async () =>
          (await page('/iom-dg-2023/timeline')).includes('held in closed session') || undefined,
      );
      const french = await page('/fr/iom-dg-2023/timeline');
      expect(french).toContain(
        '<span lang="en">First round of voting, held in closed session</span>',
      );
      expect(french).toContain('<p class="translation-notice" role="note">');
      // Fixed: French again.
      await editFile(dir, 'elections/iom-dg-2023/election.fr.yaml', (text) =>
        text.replace('  - number: 1\n    cast:', '  - cast:'),
      );
      await until(
        async () => (await page('/fr/iom-dg-2023/timeline')).includes('Premier tour') || undefined,
      );
    } finally {
      await server.stop();
    }
  }, 60_000);
});
