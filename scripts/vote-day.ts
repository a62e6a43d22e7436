// The 2023 vote day replayed on a copy of the shipped content: the election as it stood
// before the vote, after round 1 was reported, and once decided (the shipped file). Used by
// the live-update tests and the live-readers bench.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const REPLAY_ELECTION = 'iom-dg-2023';
const FILE = path.join('elections', REPLAY_ELECTION, 'election.yaml');

export type ReplayStep = 'upcoming' | 'round-1' | 'decided';

/** The election file's text at a step of the day, from the shipped (decided) text. */
export function electionAt(decided: string, step: ReplayStep): string {
  if (step === 'decided') return decided;
  const withoutDecision = decided.replace(/^decision:\n(?: {2}.*\n|\n)*/m, '');
  if (withoutDecision === decided) throw new Error('The replay found no decision to remove.');
  if (step === 'round-1') return withoutDecision.replace(/^status: decided$/m, 'status: voting');
  const upcoming = withoutDecision
    .replace(/^rounds:\n(?: {2}.*\n|\n)*/m, '')
    .replace(/^status: decided$/m, 'status: upcoming');
  if (upcoming.includes('\nrounds:')) throw new Error('The replay found no rounds to remove.');
  return upcoming;
}

/** Writes the election file of a site copy as it stood at a step of the day. */
export async function replayStep(dir: string, step: ReplayStep, decided: string): Promise<void> {
  await writeFile(path.join(dir, FILE), electionAt(decided, step));
}

/** The shipped (decided) election file of a site copy. */
export function decidedText(dir: string): Promise<string> {
  return readFile(path.join(dir, FILE), 'utf8');
}
