// `npm run rename -- <old-path> <new-slug>`: renames a candidate or an article. Moves the file
// (and its translations), rewrites every reference in the content, keeps the old URL as an
// alias (answered with a 301), then checks the content.
import path from 'node:path';
import { readConfig } from '../src/config.js';
import { loadContent } from '../src/content/load.js';
import { formatReport, reportRoot } from '../src/content/report.js';
import { RenameIncomplete, renameEntry } from '../src/content/rename.js';

const [oldPath, newSlug] = process.argv.slice(2);
if (oldPath === undefined || newSlug === undefined) {
  process.stderr.write(
    'Say which file to rename and its new name: npm run rename -- content/elections/<election>/candidates/<old>.md <new-slug>\n',
  );
  process.exit(2);
}
const { contentDir, typedIn } = readConfig();
// The path may be given from where the command was typed ("content/elections/…" in the project
// folder, "candidates/…" in an election's) or from the content folder.
const fromHere = path.relative(contentDir, path.resolve(typedIn, oldPath));
const file = (fromHere.startsWith('..') ? oldPath : fromHere).split(path.sep).join('/');

// Ctrl-C while files move and references are rewritten would leave references to the old name:
// the rename (usually well under a second) finishes first, then the command stops, before its
// check. A second Ctrl-C stops at once; the same command run again finishes the rename.
let stopped: number | undefined;
const stop = (code: number) => (): void => {
  if (stopped !== undefined) {
    process.stderr.write('Stopped halfway: run the same command again to finish the rename.\n');
    process.exit(code);
  }
  process.stderr.write(
    'Stopping once the rename is done, so that nothing is left halfway (Ctrl-C again stops now).\n',
  );
  stopped = code;
};
const onInt = stop(130);
const onTerm = stop(143);
process.on('SIGINT', onInt);
process.on('SIGTERM', onTerm);

try {
  const { plan, moved, rewritten } = await renameEntry(contentDir, file, newSlug).finally(() => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  });
  const root = reportRoot(contentDir);
  for (const line of moved)
    process.stdout.write(`Moved ${root}${line.replace(' → ', ` → ${root}`)}\n`);
  const total = [...rewritten.values()].reduce((a, b) => a + b, 0);
  for (const [changed, count] of rewritten) {
    process.stdout.write(
      `Rewrote ${count} reference${count === 1 ? '' : 's'} in ${root}${changed}\n`,
    );
  }
  process.stdout.write(
    `Renamed "${plan.from}" to "${plan.to}": ${total} reference${total === 1 ? '' : 's'} in ${rewritten.size} file${rewritten.size === 1 ? '' : 's'} rewritten; ${plan.oldUrl} now redirects to ${plan.newUrl}.\n`,
  );
  const result = stopped === undefined ? await loadContent(contentDir) : undefined;
  if (result === undefined) {
    process.stderr.write('Stopped before checking the content: run npm run check.\n');
    process.exitCode = stopped;
  } else if (!result.ok) {
    process.stdout.write(`${formatReport(result.problems, { frames: true, root })}\n`);
    process.stdout.write('The content still has problems: fix them, then run npm run check.\n');
    process.exitCode = 1;
  }
} catch (cause) {
  const message = cause instanceof Error ? cause.message : String(cause);
  // A rename refused or undone changed nothing; one stopped halfway says what it changed.
  process.stderr.write(
    cause instanceof RenameIncomplete ? `${message}\n` : `${message} Nothing was changed.\n`,
  );
  process.exitCode = 1;
}
