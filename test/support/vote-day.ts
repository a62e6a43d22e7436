// An election at each point of its life, as a content copy: the shipped 2023 election
// replayed (upcoming, round 1 reported) and the three-candidate fixture with stages.
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { ElectionData } from '../../src/content/schemas.js';
import { copySite, editFile, fixturesDir, shippedContent } from './fixtures.js';

export type Edit = (election: ElectionData & Record<string, unknown>) => void;

/**
 * Rewrites an election.yaml of a site copy as data, and prunes its translations to match:
 * what the English no longer has (a decision, a round's note, later timeline entries) they
 * did not translate either, as on the day being replayed.
 */
export async function editElection(dir: string, slug: string, change: Edit): Promise<void> {
  let english: unknown;
  await editFile(dir, `elections/${slug}/election.yaml`, (text) => {
    const data = parse(text) as ElectionData & Record<string, unknown>;
    change(data);
    english = data;
    return stringify(data);
  });
  const folder = path.join(dir, 'elections', slug);
  for (const file of await readdir(folder)) {
    if (!/^election\.[a-z]{2}\.yaml$/.test(file)) continue;
    const translation = parse(await readFile(path.join(folder, file), 'utf8')) as Record<
      string,
      unknown
    >;
    const { translated } = translation;
    const kept = pruned(translation, english) as Record<string, unknown>;
    await writeFile(path.join(folder, file), stringify({ ...kept, translated }));
  }
}

/** A translation's data without what the English data no longer has (lists matched by place). */
function pruned(translation: unknown, english: unknown): unknown {
  if (english === undefined || english === null) return undefined;
  if (Array.isArray(translation)) {
    if (!Array.isArray(english)) return undefined;
    return translation.slice(0, english.length).map((t, i) => pruned(t, english[i]));
  }
  if (typeof translation === 'object' && translation !== null) {
    if (typeof english !== 'object') return undefined;
    const from = english as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(translation)
        .map(([key, value]) => [key, pruned(value, from[key])] as const)
        .filter(([, value]) => value !== undefined),
    );
  }
  return translation;
}

/** The 2023 election the morning of the vote: no rounds, no decision, events up to the day. */
export const upcoming: Edit = (e) => {
  e.status = 'upcoming';
  e.rounds = [];
  delete e.decision;
  e.dates.start = '10:00';
  e.timeline = e.timeline.filter((t) => t.date < '2023-05-15');
};

/** After round 1 was announced at 13:05, before the withdrawal. */
export const roundOneReported: Edit = (e) => {
  e.status = 'voting';
  delete e.decision;
  e.dates.start = '10:00';
  const round = e.rounds[0]!;
  round.reported = '13:05';
  round.results[1]!.outcome = 'continued';
  delete round.results[1]!.note;
  e.timeline = e.timeline.filter((t) => t.date <= '2023-05-15').slice(0, -1);
  e.timeline.at(-1)!.time = '13:05';
};

/** A copy of the shipped content, its 2023 election changed. */
export async function shippedCopy(change?: Edit): Promise<string> {
  const dir = await copySite(shippedContent);
  if (change) await editElection(dir, 'iom-dg-2023', change);
  return dir;
}

/** The valid fixture with the three-candidate election laid over it, changed. */
export async function threeWayCopy(change?: Edit): Promise<string> {
  const dir = await copySite();
  await cp(path.join(fixturesDir, 'three-way'), dir, { recursive: true, force: true });
  if (change) await editElection(dir, 'sample-2024', change);
  return dir;
}
