// Content values are text: whatever an editor types into a field reaches the page escaped.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { appFor, appForContent, loadOrThrow } from '../support/app.js';
import { cleanUp, copySite, validSite } from '../support/fixtures.js';

afterAll(cleanUp);

const HOSTILE = `<script>alert("x")</script> & "quotes" <img src=x onerror=alert(1)>`;

async function hostileSite(): Promise<string> {
  const dir = await copySite();
  const profile = path.join(dir, 'elections/sample-2024/candidates/ana-lima.md');
  const yaml = (value: string): string => JSON.stringify(value);
  let text = await readFile(profile, 'utf8');
  text = text
    .replace('summary: Diplomat from Exampleland.', `summary: ${yaml(HOSTILE)}`)
    .replace('nationality: Exampleland', `nationality: ${yaml(HOSTILE)}`)
    .replace('  - title: Ambassador', `  - title: ${yaml(HOSTILE)}`);
  await writeFile(profile, text);
  const election = path.join(dir, 'elections/sample-2024/election.yaml');
  const data = (await readFile(election, 'utf8'))
    .replace('title: Lima wins in the first round', `title: ${yaml(HOSTILE)}`)
    .replace(
      '  - date: 2024-03-01\n    title: The vote',
      `  - date: 2024-03-01\n    title: ${yaml(HOSTILE)}`,
    )
    .replace(
      '        outcome: elected',
      `        outcome: elected\n        note: ${yaml(HOSTILE)}`,
    );
  await writeFile(election, data);
  return dir;
}

describe('escaping', () => {
  it.each([
    '/sample-2024/candidates/ana-lima',
    '/sample-2024/',
    '/sample-2024/compare',
    '/sample-2024/timeline',
    '/sample-2024/sources',
    '/sample-2024/results',
  ])('%s shows hostile field values as text', async (page) => {
    const { app } = await appFor(await hostileSite());
    const res = await request(app).get(page).expect(200);
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).toContain(
      '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;quotes&#34; &lt;img src=x onerror=alert(1)&gt;',
    );
  });
});

// Characters XML 1.0 does not allow (and those it discourages): content holding one is refused
// when it loads (character-invalid), and the feed and sitemap never carry one either.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFDD0-\uFDEF\uFFFE\uFFFF]/u;

describe('characters XML does not allow', () => {
  it('never reach the feed or the sitemap, even from content that slipped past the checks', async () => {
    const content = await loadOrThrow(validSite);
    const en = content.editions.en;
    const [election, ...others] = en.elections;
    const slipped = {
      ...content,
      editions: {
        ...content.editions,
        en: {
          ...en,
          site: {
            ...en.site,
            name: 'Sample\u001b site',
            tagline: 'Form\u000cfeed \uFFFE\uD800 tagline\u0085',
          },
          elections: [{ ...election!, title: 'The\u0000 vote\u0007' }, ...others],
        },
      },
    };
    const { app } = await appForContent(slipped, validSite);
    const feed = await request(app).get('/feed.xml').expect(200);
    expect(feed.text).not.toMatch(NOT_XML);
    expect(feed.text).toContain('<title>Sample\uFFFD site</title>');
    expect(feed.text).toContain('<subtitle>Form\uFFFDfeed \uFFFD\uFFFD tagline\uFFFD</subtitle>');
    expect(feed.text).toContain('<title>The\uFFFD vote\uFFFD</title>');
    const sitemap = await request(app).get('/sitemap.xml').expect(200);
    expect(sitemap.text).not.toMatch(NOT_XML);
  });
});
