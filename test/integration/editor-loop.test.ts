// The editor's loop in dev, over real HTTP: warnings reach the panel and the terminal, a
// link to a draft is named as such, dev starts on broken content and comes up by itself.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../src/config.js';
import { formatProblem } from '../../src/content/report.js';
import { startServer } from '../../src/server.js';
import { createReloader } from '../../src/store/reload.js';
import { appFor } from '../support/app.js';
import { cleanUp, copySite, editFile, scenarioSite } from '../support/fixtures.js';
import { until } from '../support/until.js';
import { devConfig } from '../support/dev.js';

afterAll(cleanUp);
afterEach(() => vi.restoreAllMocks());

const ARTICLE = 'elections/sample-2024/articles/how-it-works.md';

/** What the server writes to the terminal while `run` runs. */
function captureStderr(): { text: () => string } {
  let out = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  return { text: () => out };
}

/**
 * A dev server for a folder of the test's own, and what it writes to the terminal: `text()` is
 * everything since the start or the last `clear()`; `printed(t)` waits until it holds `t`.
 */
async function devWithReports(dir: string) {
  let written = '';
  const reports = { write: (chunk: string): boolean => Boolean((written += chunk)) };
  const running = await startServer(devConfig(dir), { reports });
  if (!running) throw new Error('dev server did not start');
  return {
    running,
    text: () => written,
    clear: () => void (written = ''),
    printed: (text: string): Promise<true | undefined> =>
      until(() => Promise.resolve(written.includes(text) ? true : undefined)),
  };
}

describe('warnings in dev', () => {
  it('show in the panel, apart from errors, after a reload', async () => {
    const dir = await copySite();
    const { app, holder } = await appFor(dir, { dev: true });
    const before = await request(app).get('/sample-2024/candidates/ana-lima').expect(200);
    expect(before.text).not.toContain('dev-problems');

    await editFile(dir, ARTICLE, (t) => t.replace('See [Ana Lima]', 'See Ben Okoru, [Ana Lima]'));
    expect(await createReloader(dir, holder)()).toEqual({ ok: true });
    const res = await request(app).get('/sample-2024/how-it-works').expect(200);
    expect(res.text).toContain('See Ben Okoru');
    expect(res.text).toContain('<section class="dev-problems dev-problems-warning"');
    expect(res.text).toContain(
      '<h2 id="dev-problems-title">1 warning in the content being served</h2>',
    );
    expect(res.text).toContain(
      `<li class="dev-problem dev-problem-warning">\n        <p class="dev-problem-where"><span class="severity">warning</span> <code class="location">${dir}/${ARTICLE}:11:55</code> <a href="vscode://file${dir}/${ARTICLE}:11:55">Open in editor</a></p>`,
    );
    expect(res.text).toContain(
      '<p class="dev-problem-message">&#34;Okoru&#34; looks like a misspelling of &#34;Okoro&#34;. Did you mean &#34;Okoro&#34;? <code>(name-misspelt)</code></p>',
    );
  });

  it('an error in a translation file alone: the panel says its pages show the English text, the English edit served', async () => {
    const dir = await copySite();
    const { app, holder } = await appFor(dir, { dev: true });
    await writeFile(
      path.join(dir, 'pages/about.fr.md'),
      '---\ntitle: À propos\nupdated: 2024-03-01\ntranslated: 2024-03-01\n---\nCe site explique l’élection.\n',
    );
    await editFile(dir, ARTICLE, (t) => t.replace('See [Ana Lima]', 'See first [Ana Lima]'));
    expect(await createReloader(dir, holder)()).toEqual({ ok: true });
    const res = await request(app).get('/sample-2024/how-it-works').expect(200);
    expect(res.text).toContain('See first');
    expect(res.text).toContain('<section class="dev-problems dev-problems-error"');
    expect(res.text).toContain(
      '<h2 id="dev-problems-title">1 error in translation files: their pages show the English text</h2>',
    );
    const french = await request(app).get('/fr/about').expect(200);
    expect(french.text).toContain('<p class="translation-notice" role="note">');
  });

  it('an error in a translation file alone is printed once, not again with every English save', async () => {
    const dir = await copySite();
    const { running, text, clear, printed } = await devWithReports(dir);
    try {
      await writeFile(
        path.join(dir, 'pages/about.fr.md'),
        '---\ntitle: À propos\nupdated: 2024-03-01\ntranslated: 2024-03-01\n---\nCe site explique l’élection.\n',
      );
      await printed('pages/about.fr.md:3:1 error');
      clear();
      // Vote day: the English saved again and again, the French file still broken.
      await editFile(dir, ARTICLE, (t) => t.replace('See [Ana Lima]', 'See first [Ana Lima]'));
      // (The warning: the French site has begun, and the page has no translation yet.)
      await printed(
        '1 error and 1 warning reported before are not repeated (npm run check lists every problem).',
      );
      expect(text()).not.toContain('pages/about.fr.md');
    } finally {
      await running.stop();
    }
  });

  it('are printed in the terminal on every reload, each location as path:line:col', async () => {
    const dir = await copySite();
    const { running, text, printed } = await devWithReports(dir);
    try {
      await editFile(dir, ARTICLE, (t) => t.replace('See [Ana Lima]', 'See Ben Okoru, [Ana Lima]'));
      await printed('(name-misspelt)');
      expect(text()).toContain(
        `${dir}/${ARTICLE}:11:55 warning "Okoru" looks like a misspelling of "Okoro". Did you mean "Okoro"? (name-misspelt)`,
      );
    } finally {
      await running.stop();
    }
  });
  it('are not repeated on the next reload: the new one is printed, and a count of the others', async () => {
    const dir = await copySite();
    const { running, text, clear, printed } = await devWithReports(dir);
    try {
      await editFile(dir, ARTICLE, (t) => t.replace('See [Ana Lima]', 'See Ben Okoru, [Ana Lima]'));
      await printed('(name-misspelt)');
      clear();
      const PROFILE = 'elections/sample-2024/candidates/ben-okoro.md';
      await editFile(dir, PROFILE, (t) =>
        t.replace('Ben Okoro is an economist.', 'Ben Okoro (Okoru to friends) is an economist.'),
      );
      const notRepeated =
        '1 warning reported before is not repeated (npm run check lists every problem).\n';
      await printed(notRepeated);
      const report = text().slice(0, text().indexOf(notRepeated) + notRepeated.length);
      expect(report).toContain(
        `${dir}/${PROFILE}:13:12 warning "Okoru" looks like a misspelling of "Okoro". Did you mean "Okoro"? (name-misspelt)`,
      );
      expect(report).not.toContain(ARTICLE);
      expect(report.endsWith(`\n0 errors and 1 warning in 1 file.\n${notRepeated}`)).toBe(true);
    } finally {
      await running.stop();
    }
  });

  it('are not repeated after a broken save and its fix, which hid them while it lasted', async () => {
    const dir = await copySite();
    const { running, text, clear, printed } = await devWithReports(dir);
    try {
      await editFile(dir, ARTICLE, (t) => t.replace('See [Ana Lima]', 'See Ben Okoru, [Ana Lima]'));
      await printed('(name-misspelt)');
      // Saved empty by mistake: nothing of the article is checked, its warning gone with it.
      const saved = await readFile(path.join(dir, ARTICLE), 'utf8');
      await writeFile(path.join(dir, ARTICLE), '');
      await printed('(file-empty)');
      clear();
      await writeFile(path.join(dir, ARTICLE), saved);
      const notRepeated =
        '1 warning reported before is not repeated (npm run check lists every problem).\n';
      await printed(notRepeated);
      expect(text()).toBe(notRepeated);
    } finally {
      await running.stop();
    }
  });
});

describe('a save with thousands of problems', () => {
  it('prints and lists the first 50 and counts the rest: the serving thread is handed no more', async () => {
    const dir = await copySite();
    const { running, text, printed } = await devWithReports(dir);
    try {
      const PROFILE = 'elections/sample-2024/candidates/ben-okoro.md';
      const claims = Array.from({ length: 3000 }, (_, n) => `Claim ${n}.[^missing-${n}]`);
      await editFile(dir, PROFILE, (t) => `${t}\n${claims.join('\n')}`);
      const summary = '3000 errors and 0 warnings in 1 file.\n';
      await printed(summary);
      const problems = text()
        .split('\n')
        .filter((l) => l.includes(' error body: Unknown source'));
      expect(problems).toHaveLength(50);
      expect(problems[0]).toBe(
        `${dir}/${PROFILE}:15:9 error body: Unknown source "missing-0". Sources of this election: union-release, wire-story. Add it under "sources" in election.yaml. (unknown-source)`,
      );
      expect(text()).toContain(
        '\n2950 more problems are not shown here (npm run check lists every problem).\n3000 errors and 0 warnings in 1 file.\n',
      );
      // The serving thread holds the first 50 and the totals, not all 3,000.
      expect(running.holder.failure?.problems).toHaveLength(50);
      expect(running.holder.failure?.totals).toEqual({
        errors: 3000,
        warnings: 0,
        files: 1,
        repeated: 0,
        filesWithNew: 1,
      });
      const page = await (await fetch(`${running.url}/sample-2024/`)).text();
      expect(page).toContain(
        'The last edit has 3000 problems (the first 50 are listed here; npm run check lists every one). Fix them and save: this page reloads by itself.',
      );
      expect(page.match(/<li class="dev-problem dev-problem-error">/g)).toHaveLength(50);
    } finally {
      await running.stop();
    }
  });

  it("of warnings, the same: and the next save's new warning is printed alone, past the 50", async () => {
    const dir = await copySite();
    const { running, text, clear, printed } = await devWithReports(dir);
    try {
      const PROFILE = 'elections/sample-2024/candidates/ben-okoro.md';
      const images = Array.from(
        { length: 3000 },
        (_, n) => `![Photo ${n}](https://example.com/${n}.jpg)`,
      );
      await editFile(dir, PROFILE, (t) => `${t}\n${images.join('\n\n')}`);
      const summary = '0 errors and 3000 warnings in 1 file.\n';
      await printed(summary);
      const warnings = text()
        .split('\n')
        .filter((l) => l.includes(' warning The image https://example.com/'));
      expect(warnings).toHaveLength(50);
      expect(warnings[0]).toBe(
        `${dir}/${PROFILE}:15:12 warning The image https://example.com/0.jpg is on another site; the site's security policy blocks images from other sites, so readers would see nothing. Link to the image instead of showing it (remove the "!" before the brackets), or use an image the site serves itself. (image-external)`,
      );
      expect(text()).toContain(
        `\n2950 more problems are not shown here (npm run check lists every problem).\n${summary}`,
      );
      // The serving thread holds the first 50 warnings of the content it serves, and the count.
      expect(running.holder.current.warnings).toHaveLength(50);
      expect(running.holder.current.warningTotals).toMatchObject({ warnings: 3000, files: 1 });
      const page = await (await fetch(`${running.url}/sample-2024/`)).text();
      expect(page).toContain(
        '<h2 id="dev-problems-title">3000 warnings in the content being served</h2>',
      );
      expect(page).toContain(
        'The site is up to date; these do not stop it from publishing, but are worth a look (the first 50 are listed here; npm run check lists every one).',
      );
      expect(page.match(/<li class="dev-problem dev-problem-warning">/g)).toHaveLength(50);

      // A new warning in another file, after the 3,000 in the order of the load: printed alone.
      clear();
      await editFile(dir, ARTICLE, (t) => t.replace('See [Ana Lima]', 'See Ben Okoru, [Ana Lima]'));
      const notRepeated =
        '3000 warnings reported before are not repeated (npm run check lists every problem).\n';
      await printed(notRepeated);
      expect(text().split('\n')[0]).toBe(
        `${dir}/${ARTICLE}:11:55 warning "Okoru" looks like a misspelling of "Okoro". Did you mean "Okoro"? (name-misspelt)`,
      );
      expect(text()).not.toContain('(image-external)');
      expect(text().endsWith(`\n0 errors and 1 warning in 1 file.\n${notRepeated}`)).toBe(true);
    } finally {
      await running.stop();
    }
  });
});

describe('figures that do not add up', () => {
  it('point at the votes the edit changed, not only at the votes cast', async () => {
    const dir = await copySite();
    const { holder } = await appFor(dir, { dev: true });
    await editFile(dir, 'elections/sample-2024/election.yaml', (t) =>
      t.replace('votes: { value: 9,', 'votes: { value: 19,'),
    );
    expect(await createReloader(dir, holder)()).toEqual({ ok: false });
    expect(holder.failure?.problems.map((p) => formatProblem(p))).toEqual([
      "elections/sample-2024/election.yaml:47:25 error round 1 › Ben Okoro › votes: The candidates' votes add up to 40 (ana-lima 21, ben-okoro 19), more than the 30 votes cast. Check each figure against its source. (votes-exceed-cast)",
    ]);
  });
});

describe('drafts', () => {
  it('a link to a draft says so in dev, which labels the draft "Draft — not published"', async () => {
    const dir = await scenarioSite('drafts');
    const running = await startServer(devConfig(dir));
    if (!running) throw new Error('dev server did not start');
    try {
      const warning = running.holder.current.warnings.find((p) => p.code === 'link-to-draft');
      expect(warning).toMatchObject({
        severity: 'warning',
        file: ARTICLE,
        message:
          'The link /sample-2024/what-next points at a draft: elections/sample-2024/articles/what-next.md has "draft: true", so that page is not published (npm run dev shows drafts; the published site would refuse to start).',
        hint: 'Publish the article by removing "draft: true", or remove the link until it is published.',
      });
      const page = await (await fetch(`${running.url}/sample-2024/how-it-works`)).text();
      expect(page).toContain('(link-to-draft)');
      const draft = await (await fetch(`${running.url}/sample-2024/what-next`)).text();
      expect(draft).toContain('<strong>Draft — not published</strong>');
      const overview = await (await fetch(`${running.url}/sample-2024/`)).text();
      expect(overview).toContain('<strong class="draft-label">Draft — not published</strong>');
    } finally {
      await running.stop();
    }
  });
});

describe('dev started on broken content', () => {
  it('serves the problems, then comes up by itself once the content is fixed', async () => {
    const dir = await scenarioSite('yaml-messages');
    const stderr = captureStderr();
    const running = await startServer(devConfig(dir));
    if (!running) throw new Error('dev server did not start');
    try {
      expect(stderr.text()).toContain(
        `Content in ${dir} has problems; the site starts without it and comes up by itself once they are fixed.`,
      );
      const health = await fetch(`${running.url}/healthz`);
      expect(health.status).toBe(503);
      const home = await fetch(`${running.url}/`);
      expect(home.status).toBe(200);
      const text = await home.text();
      expect(text).toContain(
        '<h2 id="dev-problems-title">Content not loaded: the site comes up once these problems are fixed</h2>',
      );
      expect(text).toContain(
        'The content has 3 problems. Fix them and save: this page reloads by itself.',
      );
      // Each location opens in the editor, and can be copied for any other.
      const file = path.join(dir, 'elections/sample-2024/candidates/ana-lima.md');
      expect(text).toContain(
        `<code class="location">${file}:8:1</code> <a href="vscode://file${file}:8:1">Open in editor</a>`,
      );
      // The tab that broke the YAML shows as →, with a caret under it.
      expect(text).toContain('<span class="marked">&gt;    8 | →sources: [union-release]</span>');
      expect((await fetch(`${running.url}/sample-2024/`)).status).toBe(404);

      // Fix every file: the valid fixture's versions.
      for (const file of [
        'elections/sample-2024/candidates/ana-lima.md',
        'elections/sample-2024/candidates/ben-okoro.md',
        'pages/about.md',
      ]) {
        await editFile(dir, file, (t) =>
          t
            .replace('\tsources', '  sources')
            .replace("Economist: Otherland's minister of finance.", 'Economist from Otherland.')
            .replace('title: "About" the site', 'title: About'),
        );
      }
      await until(async () =>
        (await fetch(`${running.url}/healthz`)).status === 200 ? true : undefined,
      );
      const overview = await fetch(`${running.url}/sample-2024/`);
      expect(overview.status).toBe(200);
      expect(await overview.text()).not.toContain('dev-problems');
    } finally {
      await running.stop();
    }
  });

  it('outside dev, still refuses to start', async () => {
    const dir = await scenarioSite('yaml-messages');
    const stderr = captureStderr();
    const running = await startServer(
      readConfig({ CONTENT_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }),
    );
    expect(running).toBeUndefined();
    expect(stderr.text()).toContain(`Content in ${dir} has problems; the site was not started.`);
  });
});
