// `npm run check`: validates the content folder (CONTENT_DIR or ./content) and prints every
// problem grouped by file. Exit 0 when the content can be served, 1 when it cannot.
import { readConfig } from '../src/config.js';
import { formatReport, reportRoot } from '../src/content/report.js';
import { createBackgroundLoader } from '../src/store/loader.js';

const { contentDir, loadBudgetMs } = readConfig();
// The server's loader: a file that takes too long to read is reported, not waited for.
const loader = createBackgroundLoader(loadBudgetMs);
const result = await loader.load(contentDir);
await loader.close();
const problems = result.ok ? result.content.warnings : result.problems;
if (problems.length > 0)
  process.stdout.write(
    `${formatReport(problems, { frames: true, root: reportRoot(contentDir) })}\n`,
  );
if (result.ok) {
  const { elections, pages, routes } = result.content;
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  process.stdout.write(
    `Content is valid: ${count(elections.length, 'election')}, ${count(pages.length, 'page')}, ${count(routes.size, 'URL')} (${contentDir}).\n`,
  );
} else {
  process.stdout.write(`Content is not valid (${contentDir}).\n`);
  process.exitCode = 1;
}
