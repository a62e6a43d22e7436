// The README's phone screenshots of the site in French and Spanish, taken from the content in
// content/ with Debian's Chromium: `npx tsx scripts/screenshots.ts`. Rerun it whenever the
// pages or their translations change.
import path from 'node:path';
import { readConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { launchBrowser } from '../test/support/chromium.js';

const out = path.join(import.meta.dirname, '..', 'docs', 'screenshots');

/** Page, file: what the README shows. */
const shots: [path: string, file: string][] = [
  ['/fr/iom-dg-2023/candidates/amy-pope', 'fr-profile-phone.png'],
  ['/es/iom-dg-2023/results', 'es-results-phone.png'],
];

const site = await startServer(
  readConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }),
);
if (!site) throw new Error('The site did not start: run `npm run check` to see why.');
const browser = await launchBrowser();
try {
  // A 390 × 844 phone (CSS pixels) at twice the density, as phones draw.
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  for (const [url, file] of shots) {
    const response = await page.goto(site.url + url);
    if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
    await page.screenshot({ path: path.join(out, file) });
    console.log(`${url} → docs/screenshots/${file}`);
  }
  await context.close();
} finally {
  await browser.close();
  await site.stop();
}
