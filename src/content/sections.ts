// The sections of the pages the site generates from an election's data, by their ids, so
// that links like `/x/results#round-4` are checked like links to an article's sections.
// test/integration/editor-gaps.test.ts renders each page and finds every id listed here.
import type { ElectionData } from './schemas.js';

export interface GeneratedSections {
  results: string[];
  timeline: string[];
}

export function generatedSections(election: ElectionData): GeneratedSections {
  return {
    results: [
      'rule-title',
      ...election.rounds.map((r) => `round-${r.number}`),
      ...(election.decision ? ['decision-title'] : []),
    ],
    timeline: [...new Set(election.timeline.map((e) => `year-${e.date.slice(0, 4)}`))].sort(),
  };
}
