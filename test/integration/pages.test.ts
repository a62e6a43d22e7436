// The pages of the shipped content over real HTTP: status, key content, headers.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestListener } from 'node:http';
import { text } from '../support/html.js';
import { appFor } from '../support/app.js';
import { shippedContent } from '../support/fixtures.js';
import { listen, rawGet } from '../support/socket.js';

let app: RequestListener;

/** The HTML of the element whose id is given, up to its closing tag (sections do not nest here). */
function section(html: string, id: string, tag = 'section'): string {
  const start = html.lastIndexOf(`<${tag}`, html.indexOf(`id="${id}"`));
  const end = html.indexOf(`</${tag}>`, html.indexOf(`id="${id}"`));
  if (start === -1 || end === -1) throw new Error(`No <${tag}> with id ${id}`);
  return html.slice(start, end);
}

beforeAll(async () => {
  ({ app } = await appFor(shippedContent));
});

describe('health', () => {
  it('reports the content version and when it was loaded', async () => {
    const res = await request(app).get('/healthz').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^[0-9a-f]{12}$/),
      loadedAt: expect.any(String),
    });
  });
});

describe('the election overview', () => {
  it('shows the key facts, each with its source', async () => {
    const res = await request(app).get('/iom-dg-2023/').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain(
      '<title>The 2023 election of the IOM Director General | Election Explainer</title>',
    );
    expect(res.text).toContain(
      '<link rel="canonical" href="https://explainer.example/iom-dg-2023/">',
    );
    const facts = text(section(res.text, 'key-facts-title'));
    expect(facts).toContain('Who elects IOM Council, Sixth Special Session Sources: IOM, AP');
    expect(facts).toContain(
      'Electorate 175 member states; 171 eligible to vote (Reported by Devex)',
    );
    expect(facts).toContain('To win at least two-thirds of the votes cast');
    expect(facts).toContain(
      'When and where 15 May 2023, International Conference Centre Geneva (CICG), Geneva',
    );
    expect(facts).toContain('Outcome Amy Pope elected by acclamation on 15 May 2023');
    expect(facts).toContain('Term 5 years from 1 October 2023');
  });

  it('lists the candidates alphabetically by surname, with the same fields for each', async () => {
    const res = await request(app).get('/iom-dg-2023/').expect(200);
    const cards = text(section(res.text, 'candidates-title'));
    expect(cards.indexOf('Amy Pope')).toBeLessThan(cards.indexOf('António Vitorino'));
    const fields = (res.text.match(/<li class="card candidate-card">[\s\S]*?<\/li>/g) ?? []).map(
      (card) => [...card.matchAll(/<dt>([^<]+)<\/dt>/g)].map((m) => m[1]),
    );
    expect(fields).toEqual([
      ['Nationality', 'Nominated by', 'Age at the vote', 'Result'],
      ['Nationality', 'Nominated by', 'Age at the vote', 'Result'],
    ]);
    expect(cards).toContain('Result Elected by acclamation, 15 May 2023');
    expect(cards).toContain('Result Withdrew after round 1');
  });

  it('names its three 2018 candidates, Isaacs first', async () => {
    const res = await request(app).get('/iom-dg-2018/').expect(200);
    const cards = text(section(res.text, 'candidates-title'));
    expect([
      cards.indexOf('Ken Isaacs'),
      cards.indexOf('Laura Thompson'),
      cards.indexOf('António Vitorino'),
    ]).toEqual(
      [
        ...[
          cards.indexOf('Ken Isaacs'),
          cards.indexOf('Laura Thompson'),
          cards.indexOf('António Vitorino'),
        ],
      ].sort((a, b) => a - b),
    );
  });
});

describe('results', () => {
  it('show round 1 as reported, with the threshold arithmetic and each gap', async () => {
    const res = await request(app).get('/iom-dg-2023/results').expect(200);
    const round = text(section(res.text, 'round-1'));
    expect(round).toContain('Round 1: votes for each candidate, against the 110 needed to win');
    expect(round).toContain('Amy Pope 98');
    expect(round).toContain('António Vitorino 67');
    expect(round).toContain('Members 175 (Official figure)');
    expect(round).toContain('Eligible to vote 171 (Reported by Devex)');
    expect(round).toContain('Votes cast 165 (Reported by AFP and Plataforma');
    expect(round).toContain('Votes needed 110 (at least two-thirds of the votes cast)');
    expect(round).toContain('Amy Pope: 98 votes (12 short)');
    expect(round).toContain('António Vitorino: 67 votes (43 short)');
    expect(round).toContain('Abstentions not reported');
    expect(res.text).toMatch(
      /<th scope="row" role="rowheader"><a href="\/iom-dg-2023\/candidates\/antonio-vitorino">António Vitorino<\/a><\/th>\s*<td role="cell" class="num" data-label="Votes">67<\/td>\s*<td role="cell" data-label="Outcome"><span class="outcome outcome-withdrew">Withdrew<\/span>/,
    );
    expect(text(section(res.text, 'decision-title'))).toContain(
      'Amy Pope was elected by acclamation, without a further ballot, on 15 May 2023.',
    );
  });

  it('draw a bar for each candidate against the threshold line', async () => {
    const res = await request(app).get('/iom-dg-2023/results').expect(200);
    // 98 and 67 of 165 on a 0–1000 scale; 110 needed at 667.
    expect(res.text).toContain('<rect class="fill fill-continued" width="594" height="24"/>');
    expect(res.text).toContain('<rect class="fill fill-withdrew" width="406" height="24"/>');
    expect(res.text.match(/<line class="threshold" x1="667" x2="667"/g)).toHaveLength(2);
  });

  it('say plainly that the 2018 rounds 1 and 2 were not reported, and show rounds 3 and 4', async () => {
    const res = await request(app).get('/iom-dg-2018/results').expect(200);
    expect(res.text.match(/The votes in this round were not reported\./g)).toHaveLength(2);
    expect(text(section(res.text, 'round-3'))).toContain('Ken Isaacs 22');
    expect(text(section(res.text, 'round-3'))).toMatch(/Ken Isaacs 22 .*Eliminated/);
    expect(text(section(res.text, 'round-4'))).toContain('António Vitorino 77');
    expect(text(section(res.text, 'round-4'))).toContain('Laura Thompson 66');
  });
});

describe('candidate profiles', () => {
  it('show the age at the vote computed from the birth date', async () => {
    const res = await request(app).get('/iom-dg-2023/candidates/antonio-vitorino').expect(200);
    expect(text(section(res.text, 'facts-title'))).toContain('Age at the vote 66 on 15 May 2023');
    expect(text(section(res.text, 'facts-title'))).toContain(
      'Born 12 January 1957, Lisbon, Portugal',
    );
  });

  it('word an age known only from a report as such', async () => {
    const res = await request(app).get('/iom-dg-2023/candidates/amy-pope').expect(200);
    expect(text(section(res.text, 'facts-title'))).toContain(
      'Age at the vote 49 (as reported) on 15 May 2023',
    );
  });

  it('list roles newest first, the current one marked, and keep quotes apart from our words', async () => {
    const res = await request(app).get('/iom-dg-2023/candidates/amy-pope').expect(200);
    const career = section(res.text, 'career-title');
    expect(career).toMatch(
      /<li class="current"><span class="when">1 October 2023 – present<\/span> <strong>Director General<\/strong>/,
    );
    expect(text(career).indexOf('Director General')).toBeLessThan(
      text(career).indexOf('Deputy Assistant'),
    );
    expect(res.text).toContain('<blockquote><p>a bit awkward</p></blockquote>');
    expect(res.text).toContain(
      "<figcaption>In Amy Pope's words: On challenging her boss, speaking to AFP in March 2023.",
    );
  });

  it("say when a role's end is not reported (to: null), and count it as held at the vote only when no other role is", async () => {
    const vitorino = await request(app).get('/iom-dg-2023/candidates/antonio-vitorino').expect(200);
    const career = section(vitorino.text, 'career-title');
    expect(career).toContain(
      '<li><span class="when">From June 2011, end not reported</span> <strong>President</strong>, Notre Europe (think tank)',
    );
    expect(career).not.toContain('present');
    const french = await request(app)
      .get('/fr/iom-dg-2023/candidates/antonio-vitorino')
      .expect(200);
    expect(french.text).toContain(
      '<span class="when">À partir de juin 2011, fin non communiquée</span>',
    );
    const atVote = async (path: string): Promise<string> =>
      /Role at the time of the vote(.*?)In brief/s
        .exec(text((await request(app).get(path).expect(200)).text))![1]!
        .trim();
    // Held on the day: his term as Director General, not the presidency whose end is unknown.
    expect(await atVote('/iom-dg-2023/compare')).toBe(
      'Deputy Director General for Management and Reform, International Organization for Migration Director General, International Organization for Migration',
    );
    // Its job title for search engines is a role held now, and no role of his is.
    expect(vitorino.text).not.toContain('"jobTitle"');
    const pope = await request(app).get('/iom-dg-2023/candidates/amy-pope').expect(200);
    expect(pope.text).toContain('"jobTitle":"Director General"');
    // No role known to be held: the one begun before the vote whose end is not reported
    // (Isaacs's has no start either, Thompson's began in 2009); Vitorino's had all ended.
    expect(await atVote('/iom-dg-2018/compare')).toBe(
      "Vice President, Samaritan's Purse (relief organization) Deputy Director General, International Organization for Migration Not known",
    );
  });

  it('show a monogram when there is no photo', async () => {
    const res = await request(app).get('/iom-dg-2023/candidates/amy-pope').expect(200);
    expect(res.text).toContain(
      '<svg class="monogram" viewBox="0 0 80 80" width="96" height="96" aria-hidden="true" focusable="false"><circle cx="40" cy="40" r="40"/><text x="40" y="40" dy="0.35em" text-anchor="middle">AP</text></svg>',
    );
    expect(res.text).not.toContain('<img');
  });
});

describe('the other election pages', () => {
  it('compare puts the candidates side by side in a real table', async () => {
    const res = await request(app).get('/iom-dg-2023/compare').expect(200);
    expect(res.text).toContain(
      '<th scope="col" role="columnheader"><a href="/iom-dg-2023/candidates/amy-pope">Amy Pope</a></th><th scope="col" role="columnheader"><a href="/iom-dg-2023/candidates/antonio-vitorino">António Vitorino</a></th>',
    );
    expect(res.text).toContain(
      '<th scope="row" role="rowheader">Nominated by</th><td role="cell" data-label="Amy Pope">United States</td><td role="cell" data-label="António Vitorino">Portugal</td>',
    );
  });

  it('the timeline groups events by year with dates at their precision', async () => {
    const res = await request(app).get('/iom-dg-2023/timeline').expect(200);
    expect([...res.text.matchAll(/<h2 id="year-(\d{4})">/g)].map((m) => m[1])).toEqual([
      '2018',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
    ]);
    expect(res.text).toContain('<time datetime="2021-09">September 2021</time>');
    expect(res.text).toContain('<time datetime="2023-10-01">1 October 2023</time>');
  });

  it('the sources page lists every source with the pages that cite it', async () => {
    const { holder } = await appFor(shippedContent);
    const res = await request(app).get('/iom-dg-2023/sources').expect(200);
    for (const source of holder.current.elections.find((e) => e.slug === 'iom-dg-2023')!.sources) {
      expect(res.text).toContain(`<li id="source-${source.id}">`);
    }
    expect(text(section(res.text, 'source-devex-pope-beats-boss', 'li'))).toContain(
      'Cited on: Overview and results',
    );
  });

  it('an article has linkable headings and lists its related candidates', async () => {
    const res = await request(app).get('/iom-dg-2023/how-the-vote-works').expect(200);
    expect(res.text).toContain(
      '<h2 id="step-by-step">Step by step <a class="heading-anchor" href="#step-by-step"><span aria-hidden="true">#</span><span class="visually-hidden">Link to the section “Step by step”</span></a></h2>',
    );
    expect(text(section(res.text, 'related-title'))).toContain('Amy Pope');
  });

  for (const path of [
    '/',
    '/about',
    '/iom-dg-2018/candidates/ken-isaacs',
    '/iom-dg-2018/timeline',
  ]) {
    it(`serves ${path}`, async () => {
      await request(app).get(path).expect(200).expect('Content-Type', 'text/html; charset=utf-8');
    });
  }
});

describe('not found', () => {
  it.each([
    '/iom-dg-2099/',
    '/iom-dg-2023/candidates/nobody',
    '/iom-dg-2023/no-such-article',
    '/nope',
  ])('%s is a 404 page', async (path) => {
    const res = await request(app).get(path).expect(404);
    expect(res.text).toContain('<h1>Page not found</h1>');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('suggests the page a mistyped address most likely meant, by its title', async () => {
    const res = await request(app).get('/iom-dg-2023/candidates/amy-popp').expect(404);
    expect(res.text).toContain(
      '<li><a href="/iom-dg-2023/candidates/amy-pope">Amy Pope: candidate profile, IOM Director General 2023</a> (<code>/iom-dg-2023/candidates/amy-pope</code>)</li>',
    );
  });

  it('answers JSON to clients that ask for it', async () => {
    const res = await request(app).get('/nope').set('Accept', 'application/json').expect(404);
    expect(res.body).toEqual({
      error: 'not-found',
      message: 'Nothing is published at /nope.',
      requestId: res.headers['x-request-id'],
    });
  });
});

describe('canonical paths', () => {
  it.each([
    ['/IOM-DG-2023/', '/iom-dg-2023/'],
    ['/iom-dg-2023', '/iom-dg-2023/'],
    ['/iom-dg-2023/results/', '/iom-dg-2023/results'],
    ['/iom-dg-2023/Candidates/Amy-Pope', '/iom-dg-2023/candidates/amy-pope'],
  ])('%s redirects permanently to %s', async (from, to) => {
    await request(app).get(from).expect(301).expect('Location', to);
  });

  it('keeps the query string', async () => {
    await request(app)
      .get('/iom-dg-2023?ref=share')
      .expect(301)
      .expect('Location', '/iom-dg-2023/?ref=share');
  });

  it.each(['//evil.example', '//evil.example/', '/\\evil.example', '/%2F%2Fevil.example'])(
    'never redirects off-site: %s',
    async (path) => {
      const res = await request(app).get(path);
      expect(res.status).toBe(404);
    },
  );

  // Sent exactly as written (a client library would resolve the dot segments itself).
  it.each([
    ['//iom-dg-2023//results', '/iom-dg-2023/results'],
    ['/iom-dg-2023/./results', '/iom-dg-2023/results'],
    ['/iom-dg-2023/candidates/../results', '/iom-dg-2023/results'],
    ['/iom-dg-2023/results/.', '/iom-dg-2023/results'],
    ['//fr//iom-dg-2023', '/fr/iom-dg-2023/'],
    ['/es/./IOM-DG-2023/Candidates//Amy-Pope/', '/es/iom-dg-2023/candidates/amy-pope'],
    ['/../iom-dg-2023/', '/iom-dg-2023/'],
    ['//iom-dg-2023//results?ref=share', '/iom-dg-2023/results?ref=share'],
    // A host-like first segment is a segment like any other: resolved, it is the home page.
    ['//evil.example/..', '/'],
  ])('%s, with empty or dot segments, redirects permanently to %s', async (from, to) => {
    const server = await listen(app);
    try {
      const res = await rawGet(server.port, from);
      expect(res.status).toBe(301);
      expect(res.headers.location).toBe(to);
    } finally {
      await server.close();
    }
  });

  it.each(['///evil.example', '/..//evil.example/', '//./evil.example', '/.//evil.example/x/'])(
    'never redirects off-site with empty or dot segments either: %s',
    async (target) => {
      const server = await listen(app);
      try {
        const res = await rawGet(server.port, target);
        expect(res.status).toBe(404);
        expect(res.headers.location).toBeUndefined();
      } finally {
        await server.close();
      }
    },
  );
});
