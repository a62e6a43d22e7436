// `npm run check`: validates the content folder (CONTENT_DIR or ./content) and prints every
// problem grouped by file, then the translation report: per language, what is translated,
// stale or missing. Exit 0 when the content can be served as it is, 1 when it cannot, or only
// without a translation file that has errors.
// `npm run check -- --strict`, for a release: a translation behind its English text is an
// error too (exit 1).
import { readConfig } from '../src/config.js';
import { filesWithErrors, isError } from '../src/content/problems.js';
import { formatReport, reportRoot } from '../src/content/report.js';
import { formatTranslationReport, strict } from '../src/content/translation-report.js';
import { createBackgroundLoader } from '../src/store/loader.js';

const strictly = process.argv.slice(2).includes('--strict');
const { contentDir, loadBudgetMs } = readConfig();
// The server's loader: a file that takes too long to read is reported, not waited for; every
// problem is handed over (a running server is handed the first 50).
const loader = createBackgroundLoader(loadBudgetMs, { reportLimit: Infinity });
const result = await loader.load(contentDir);
await loader.close();
const found = result.ok ? result.content.warnings : result.problems;
const problems = strictly ? strict(found) : found;
if (problems.length > 0)
  process.stdout.write(
    `${formatReport(problems, { frames: true, root: reportRoot(contentDir) })}\n`,
  );
if (result.ok) process.stdout.write(`${formatTranslationReport(result.content)}\n`);
if (result.ok && !problems.some(isError)) {
  const { elections, pages, routes } = result.content;
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  process.stdout.write(
    `Content is valid: ${count(elections.length, 'election')}, ${count(pages.length, 'page')}, ${count(routes.size, 'URL')} (${contentDir}).\n`,
  );
} else if (result.ok && found.some(isError)) {
  // Errors in translation files alone: the site serves the rest, those pages in English.
  const files = filesWithErrors(found).size;
  process.stdout.write(
    `Content can be served, but ${files === 1 ? 'a translation file has errors' : `${files} translation files have errors`}: until ${files === 1 ? 'it is' : 'they are'} fixed, ${files === 1 ? 'its pages show' : 'their pages show'} the English text (${contentDir}).\n`,
  );
  process.exitCode = 1;
} else if (result.ok) {
  const behind = problems.some(
    (p) => p.code === 'translation-stale' || p.code === 'translation-missing',
  );
  process.stdout.write(
    `Content is valid, but not ready for a release: translations ${behind ? 'are behind' : 'do not match their English files'} (--strict) (${contentDir}).\n`,
  );
  process.exitCode = 1;
} else {
  process.stdout.write(`Content is not valid (${contentDir}).\n`);
  process.exitCode = 1;
}
