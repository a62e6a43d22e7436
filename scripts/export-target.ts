// Where `npm run export -- --out DIR` may write. An export replaces DIR whole, so DIR must be
// new, empty or an earlier export (which holds EXPORT_MARKER), and never the content, the
// project, the home folder, a folder holding one of them or the root of the file system.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** The file every export holds: a folder with it may be replaced by the next export. */
export const EXPORT_MARKER = '.explainer-export';
export const MARKER_TEXT =
  'This folder was written by npm run export; the next export into it replaces it whole.\n';

/** The path with symbolic links resolved as far as it exists (the rest as given). */
async function real(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await realpath(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(await real(parent), path.basename(absolute));
  }
}

const inside = (child: string, parent: string): boolean => {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

/** The nearest folder above `target` that is in fact a file (stat said ENOTDIR below it). */
async function fileAbove(target: string): Promise<string> {
  let above = path.dirname(target);
  while (path.dirname(above) !== above) {
    const found = await stat(above).catch(() => undefined);
    if (found?.isFile()) return above;
    above = path.dirname(above);
  }
  return above;
}

export interface Protected {
  contentDir: string;
  projectRoot: string;
  home: string;
}

/** Why the export may not replace `out`, or undefined when it may. */
export async function refusal(out: string, guarded: Protected): Promise<string | undefined> {
  const target = await real(out);
  if (path.parse(target).root === target) return 'it is the root of the file system';
  const folders: [string, string, string][] = [];
  for (const [name, folder] of [
    ['the project folder', guarded.projectRoot],
    ['your home folder', guarded.home],
    ['the content folder', guarded.contentDir],
  ] as const) {
    folders.push([name, folder, await real(folder)]);
  }
  for (const [name, , folder] of folders) if (target === folder) return `it is ${name}`;
  for (const [name, given, folder] of folders) {
    if (inside(folder, target)) return `it holds ${name} (${given})`;
  }
  if (inside(target, await real(guarded.contentDir))) {
    return `it is inside the content folder (${guarded.contentDir})`;
  }
  const found = await stat(target).catch((cause: NodeJS.ErrnoException) => cause);
  if (found instanceof Error) {
    // A new folder, unless a file stands where one of the folders above it would be.
    if (found.code !== 'ENOTDIR') return undefined;
    return `${await fileAbove(target)} is a file, not a folder`;
  }
  if (!found.isDirectory()) return 'it is a file, not a folder';
  const names = await readdir(target);
  if (names.length > 0 && !names.includes(EXPORT_MARKER)) {
    return `it holds files and is not an earlier export (it has no ${EXPORT_MARKER} file)`;
  }
  return undefined;
}
