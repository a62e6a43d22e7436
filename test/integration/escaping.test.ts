// Content values are text: whatever an editor types into a field reaches the page escaped.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { appFor } from '../support/app.js';
import { cleanUp, copySite } from '../support/fixtures.js';

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
