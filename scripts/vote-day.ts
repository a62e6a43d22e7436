// The 2023 vote day replayed on a copy of the shipped content: the election as it stood
// before the vote, after round 1 was reported, and once decided (the shipped files). Used by
// the live-update tests and the live-readers bench. Its translations are replayed with it:
// before the decision they had no decision to translate (nor rounds before the vote).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const REPLAY_ELECTION = 'iom-dg-2023';
const FOLDER = path.join('elections', REPLAY_ELECTION);
const ENGLISH = 'election.yaml';
const TRANSLATION = /^election\.[a-z]{2}\.yaml$/;

export type ReplayStep = 'upcoming' | 'round-1' | 'decided';

/** The shipped (decided) election file and its translations, by file name. */
export interface Decided {
  english: string;
  translations: Map<string, string>;
}

/** A top-level YAML key's block (the key and its indented lines) removed. */
const withoutBlock = (text: string, key: string): string =>
  text.replace(new RegExp(`^${key}:\\n(?: {2}.*\\n|\\n)*`, 'm'), '');

/** The election file's text at a step of the day, from the shipped (decided) text. */
export function electionAt(decided: string, step: ReplayStep): string {
  if (step === 'decided') return decided;
  const withoutDecision = withoutBlock(decided, 'decision');
  if (withoutDecision === decided) throw new Error('The replay found no decision to remove.');
  if (step === 'round-1') return withoutDecision.replace(/^status: decided$/m, 'status: voting');
  const upcoming = withoutBlock(withoutDecision, 'rounds').replace(
    /^status: decided$/m,
    'status: upcoming',
  );
  if (upcoming.includes('\nrounds:')) throw new Error('The replay found no rounds to remove.');
  return upcoming;
}

/** A translation's text at a step of the day: without what the English did not have yet. */
export function translationAt(decided: string, step: ReplayStep): string {
  if (step === 'decided') return decided;
  const withoutDecision = withoutBlock(decided, 'decision');
  return step === 'round-1' ? withoutDecision : withoutBlock(withoutDecision, 'rounds');
}

/** Writes the election file of a site copy, and its translations, as they stood at a step of the day. */
export async function replayStep(dir: string, step: ReplayStep, decided: Decided): Promise<void> {
  await writeFile(path.join(dir, FOLDER, ENGLISH), electionAt(decided.english, step));
  for (const [file, text] of decided.translations)
    await writeFile(path.join(dir, FOLDER, file), translationAt(text, step));
}

/** The shipped (decided) election file of a site copy, with its translations. */
export async function decidedText(dir: string): Promise<Decided> {
  const folder = path.join(dir, FOLDER);
  const translations = new Map<string, string>();
  for (const file of (await readdir(folder)).filter((f) => TRANSLATION.test(f)).sort())
    translations.set(file, await readFile(path.join(folder, file), 'utf8'));
  return { english: await readFile(path.join(folder, ENGLISH), 'utf8'), translations };
}
