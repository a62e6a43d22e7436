// The shipped content, as readers see it: the key facts of both elections, rendered, so an
// edit that breaks one is caught; and none of the errors of the news report it started from.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { RequestListener } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/model.js';
import { appFor } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';

let app: RequestListener;
let content: Content;
beforeAll(async () => {
  const made = await appFor(shippedContent);
  app = made.app;
  content = made.holder.current;
});

/** A page's main text as a reader reads it. */
async function read(page: string): Promise<string> {
  const res = await request(app).get(page).expect(200);
  const main = res.text.slice(res.text.indexOf('<main'), res.text.indexOf('</main>'));
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('the 2023 election as rendered', () => {
  it('round 1: Pope 98, Vitorino 67, 165 cast, 110 needed', async () => {
    const results = await read('/iom-dg-2023/results');
    expect(results).toContain('Amy Pope 98');
    expect(results).toContain('António Vitorino 67');
    expect(results).toContain('Votes cast 165');
    expect(results).toContain('Votes needed 110');
  });

  it('the withdrawal and the election by acclamation on 15 May 2023', async () => {
    const overview = await read('/iom-dg-2023/');
    expect(overview).toContain('Amy Pope elected by acclamation on 15 May 2023');
    expect(overview).toContain('Withdrew after round 1');
    const day = await read('/iom-dg-2023/what-happened-on-15-may-2023');
    expect(day).toContain('Vitorino withdrew his candidacy');
    expect(day).toContain(
      'the member states dispensed with a further two-thirds ballot and elected Amy Pope by acclamation',
    );
  });

  it('the term from 1 October 2023', async () => {
    expect(await read('/iom-dg-2023/')).toContain('Term 5 years from 1 October 2023');
    expect(await read('/iom-dg-2023/what-happened-next')).toContain(
      "Amy Pope's five-year term began on Sunday 1 October 2023",
    );
  });

  it('the counts are presented as reported by diplomats, not as an official tally', async () => {
    expect(await read('/iom-dg-2023/what-happened-on-15-may-2023')).toContain(
      'No official tally was found.',
    );
    expect(await read('/iom-dg-2023/results')).toContain(
      'Reported by AP, citing three diplomatic officials',
    );
  });
});

describe('claims exactly as strong as their sources', () => {
  it('the overview says how many members could vote and took part, not that all 175 chose', async () => {
    const overview = await read('/iom-dg-2023/');
    expect(overview).not.toContain('The 175 member states');
    expect(overview).toContain('IOM had 175 members; 171 of them were registered to vote');
    expect(overview).toContain('165 took part in the first round');
  });

  it('the first-round figures cite the AP copy that contains them', async () => {
    const sources = await request(app).get('/iom-dg-2023/sources').expect(200);
    const item = (id: string): string => {
      const from = sources.text.slice(sources.text.indexOf(`<li id="source-${id}">`));
      return from.slice(0, from.indexOf('</li>'));
    };
    expect(item('ap-round-one')).toContain('kidnewsradio.com');
    expect(item('ap-before-count')).toContain('journal-news.com');
    const round = content.elections.find((e) => e.slug === 'iom-dg-2023')!.rounds[0]!;
    expect(round.results.map((r) => r.votes.sources[0])).toEqual(['ap-round-one', 'ap-round-one']);
  });

  it('a birthplace from one secondary source is attributed, not listed as a fact', async () => {
    const profile = await read('/iom-dg-2023/candidates/amy-pope');
    expect(profile).toContain(
      'According to the German-language Wikipedia, Pope was born in Cleveland',
    );
    const pope = content.elections[0]!.candidates.find((c) => c.slug === 'amy-pope')!;
    expect(pope.born?.place).toBeUndefined();
  });

  it('a trip announced before it happened is reported as announced', async () => {
    const next = await read('/iom-dg-2023/what-happened-next');
    expect(next).toContain('from 8 October she was to visit Ethiopia');
    expect(next).not.toContain('where she visited the headquarters');
  });

  it('withdrawal is described as practice, elimination as the source words it', async () => {
    const rules = await read('/iom-dg-2023/how-the-vote-works');
    expect(rules).not.toContain('A candidate may withdraw at any time');
    expect(rules).toContain('With three candidates, the last is eliminated after the third round.');
  });

  it('the corrections log records the changes of 28 November 2026', async () => {
    expect(await read('/corrections')).toContain(
      '28 November 2026: every claim checked against its source',
    );
  });
});

describe('the 2018 election as rendered', () => {
  it('rounds 1 and 2 not reported; round 3: 68, 52, 22 with Isaacs eliminated; round 4: 77, 66', async () => {
    const results = await read('/iom-dg-2018/results');
    expect(results.match(/The votes in this round were not reported\./g)).toHaveLength(2);
    expect(results).toMatch(/Round 3 .*Ken Isaacs 22 .*Laura Thompson 52 .*António Vitorino 68/);
    expect(results).toMatch(/Ken Isaacs 22 Eliminated/);
    expect(results).toMatch(/Round 4 .*Laura Thompson 66 .*António Vitorino 77/);
    expect(await read('/iom-dg-2018/')).toContain(
      'António Vitorino elected by acclamation on 29 June 2018',
    );
  });
});

describe('the errors of the original news report', () => {
  const files = readdirSync(shippedContent, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') || f.endsWith('.yaml'))
    .filter((f) => !f.endsWith('README.md'));
  const texts = files.map((f) => [f, readFileSync(path.join(shippedContent, f), 'utf8')] as const);

  it('no misspelt names, except quoted on purpose in the corrections log', () => {
    for (const [file, text] of texts) {
      const outsideCode = text.replace(/`[^`]*`/g, '');
      expect(outsideCode, file).not.toMatch(/Gueterres|Vitornio/);
    }
  });

  it('no ages that date: the content stores dates', () => {
    for (const [file, text] of texts) {
      expect(text.replace(/`[^`]*`/g, ''), file).not.toMatch(/\d+-year-old|\d+ years old/);
    }
  });

  it('IOM is never called a UN agency in our own words', () => {
    for (const [file, text] of texts) {
      const ownWords = text.replace(/^\s*title:.*$/gm, '').replace(/"[^"\n]*"/g, '');
      expect(ownWords, file).not.toMatch(/\b(a|the) UN (migration )?agency\b/i);
    }
  });
});

describe('sourcing', () => {
  it('every section of every article and biography cites a source', () => {
    const bodies = content.elections.flatMap((e) => [
      ...e.articles.map((a) => [a.file, a.body.html] as const),
      ...e.candidates.map((c) => [c.file, c.biography.html] as const),
    ]);
    const uncited: string[] = [];
    for (const [file, html] of bodies) {
      const sections = html
        .split(/<h[23] /)
        .slice(1)
        .filter((s) => !s.startsWith('id="footnote-label"'));
      for (const section of sections) {
        if (!section.includes('data-footnote-ref'))
          uncited.push(`${file}: ${/id="([^"]+)"/.exec(section)?.[1] ?? '?'}`);
      }
    }
    expect(uncited).toEqual([]);
  });

  it('every source listed for an election is cited somewhere', async () => {
    for (const election of content.elections) {
      const page = await request(app).get(`/${election.slug}/sources`).expect(200);
      const uncited = election.sources.filter((s) => {
        const item = page.text.slice(page.text.indexOf(`<li id="source-${s.id}">`));
        return !item.slice(0, item.indexOf('</li>')).includes('Cited on:');
      });
      expect(
        uncited.map((s) => s.id),
        election.slug,
      ).toEqual([]);
    }
  });
});
