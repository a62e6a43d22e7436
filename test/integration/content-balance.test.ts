// The balance rule of the editorial standards, on the shipped content: the two 2023
// candidates' profiles have the same fields and the same sections, and neither biography is
// more than 25 % longer or shorter than the other. An edit that grows one profile and not the
// other fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candidate, Content } from '../../src/content/model.js';
import { loadOrThrow } from '../support/app.js';
import { cleanUp, shippedContent } from '../support/fixtures.js';

let profiles: Candidate[];
beforeAll(async () => {
  const content: Content = await loadOrThrow(shippedContent);
  profiles = content.elections.find((e) => e.slug === 'iom-dg-2023')!.candidates;
});
afterAll(cleanUp);

/** The section headings of a biography, in order. */
const sections = (c: Candidate): string[] => c.biography.headings.map((h) => h.text);

/** A biography's words as a reader reads them: no markup, no footnote list, no note markers. */
function readText(c: Candidate): string {
  const html = c.biography.html;
  const withoutNotes = html.slice(0, html.search(/<section[^>]*class="footnotes"|$/));
  return withoutNotes
    .replace(/<a class="heading-anchor".*?<\/a>/g, '')
    .replace(/<sup[^>]*>.*?<\/sup>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the 2023 profiles are balanced', () => {
  it('there are two candidates, Amy Pope and António Vitorino', () => {
    expect(profiles.map((c) => c.slug)).toEqual(['amy-pope', 'antonio-vitorino']);
  });

  it('both biographies have the same sections, in the same order', () => {
    const [pope, vitorino] = profiles as [Candidate, Candidate];
    expect(sections(pope)).toEqual([
      'Early life and education',
      'Career',
      'At IOM',
      'The 2023 election',
    ]);
    expect(sections(vitorino)).toEqual(sections(pope));
  });

  it('both profiles fill the same fields', () => {
    const filled = (c: Candidate): string[] =>
      ['born', 'roles', 'education', 'positions', 'sources'].filter((field) => {
        const value = c[field as keyof Candidate];
        return Array.isArray(value) ? value.length > 0 : value !== undefined;
      });
    const [pope, vitorino] = profiles as [Candidate, Candidate];
    expect(filled(pope)).toEqual(['born', 'roles', 'education', 'positions', 'sources']);
    expect(filled(vitorino)).toEqual(filled(pope));
  });

  it('neither biography is more than 25 % longer or shorter than the other', () => {
    const [a, b] = profiles.map((c) => readText(c).length) as [number, number];
    expect(a).toBeGreaterThan(1000);
    expect(b).toBeGreaterThan(1000);
    expect(Math.abs(a - b) / Math.max(a, b)).toBeLessThanOrEqual(0.25);
  });
});
