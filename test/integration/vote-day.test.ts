// An election before, during and after its vote, told from its rule: the shipped 2023
// election replayed from a copy (upcoming, round 1 reported, decided by acclamation), and
// a three-candidate fixture with stages, an elimination and abstentions.
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.js';
import { formatReport } from '../../src/content/report.js';
import { headline } from '../../src/http/live.js';
import { shareCard } from '../../src/http/share.js';
import { text } from '../support/html.js';
import { appFor, loadOrThrow } from '../support/app.js';
import { cleanUp } from '../support/fixtures.js';
import { roundOneReported, shippedCopy, threeWayCopy, upcoming } from '../support/vote-day.js';

afterAll(cleanUp);

/** The text of the element whose id is given, up to the closing tag. */
function section(html: string, id: string, tag = 'section'): string {
  const at = html.indexOf(`id="${id}"`);
  if (at === -1) throw new Error(`No element with id ${id}`);
  const start = html.lastIndexOf(`<${tag}`, at);
  const end = html.indexOf(`</${tag}>`, at);
  return text(html.slice(start, end));
}

function jsonLdOf(html: string): { about?: Record<string, unknown> } {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('No JSON-LD');
  return JSON.parse(match[1]!) as { about?: Record<string, unknown> };
}

const ELECTION_PAGES = [
  '/iom-dg-2023/',
  '/iom-dg-2023/results',
  '/iom-dg-2023/compare',
  '/iom-dg-2023/timeline',
  '/iom-dg-2023/sources',
  '/iom-dg-2023/candidates/amy-pope',
  '/iom-dg-2023/how-the-vote-works',
];

describe('the 2023 election before the vote (status: upcoming)', async () => {
  const { app } = await appFor(await shippedCopy(upcoming));

  it('the overview gives the date, the venue time and what it will take, computed for the known electorate', async () => {
    const res = await request(app).get('/iom-dg-2023/').expect(200);
    expect(res.text).toContain(
      '<time datetime="2023-05-15T10:00+02:00" data-local-time>10:00 CEST</time>',
    );
    const take = section(res.text, 'will-take-title');
    expect(take).toContain(
      'The vote is due on 15 May 2023, starting at 10:00 CEST. Venue: International Conference Centre Geneva (CICG), Geneva, Switzerland.',
    );
    expect(take).toContain(
      'To win: at least two-thirds of the votes cast. If all 171 eligible members vote, a candidate needs at least 114 votes.',
    );
    const steps = [...res.text.matchAll(/<ol class="rule-steps">([\s\S]*?)<\/ol>/g)][0]![1]!;
    expect([...steps.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => text(m[1]!))).toEqual([
      'The IOM Council votes: secret ballot of the member states, in a closed session of the Council.',
      'In every round, a candidate with at least two-thirds of the votes cast is elected. If all 171 eligible members vote, a candidate needs at least 114 votes.',
      'If no candidate reaches the threshold, the members vote again in a new round.',
      'If no one is elected, the candidate with the fewest votes is eliminated after round 3.',
      'The contest can also end by acclamation, without a ballot, when the members agree on the one candidate left.',
    ]);
    expect(section(res.text, 'candidates-title')).toContain('Result Standing');
    expect(res.text).not.toContain('id="live-banner"');
  });

  it('the results page says no votes have been cast yet, and when voting is due', async () => {
    const res = await request(app).get('/iom-dg-2023/results').expect(200);
    expect(section(res.text, 'no-votes', 'p')).toBe(
      "No votes have been cast yet. Voting is due on 15 May 2023 at 10:00 CEST in Geneva. Each round's votes will appear here as they are reported.",
    );
    expect(res.text).toContain('id="will-take-title"');
    expect(res.text).not.toContain('class="race"');
  });

  it('the compare page says what it will take beside the candidates', async () => {
    const res = await request(app).get('/iom-dg-2023/compare').expect(200);
    expect(section(res.text, 'will-take-title')).toContain('a candidate needs at least 114 votes');
    expect(res.text).toContain('<td role="cell" data-label="Amy Pope">Standing</td>');
  });

  it('JSON-LD schedules the event at its start time; the feed announces the election, with no round yet', async () => {
    const res = await request(app).get('/iom-dg-2023/').expect(200);
    expect(jsonLdOf(res.text).about).toMatchObject({
      '@type': 'Event',
      startDate: '2023-05-15T10:00+02:00',
      eventStatus: 'https://schema.org/EventScheduled',
    });
    expect(jsonLdOf(res.text).about).not.toHaveProperty('endDate');
    const feed = await request(app).get('/feed.xml').expect(200);
    const body = feed.text;
    expect(body).toContain('<title>The 2023 election of the IOM Director General</title>');
    expect(body).not.toContain('Round 1 reported: IOM Director General 2023');
  });

  it('JSON-LD says when the vote was postponed', async () => {
    const site = await appFor(
      await shippedCopy((e) => {
        upcoming(e);
        e.dates.change = 'postponed';
      }),
    );
    const res = await request(site.app).get('/iom-dg-2023/').expect(200);
    expect(jsonLdOf(res.text).about).toMatchObject({
      eventStatus: 'https://schema.org/EventPostponed',
    });
  });

  it('the share card says the vote is still to come', async () => {
    const content = await loadOrThrow(await shippedCopy(upcoming));
    expect(shareCard(content, 'iom-dg-2023')?.highlight).toBe('Before the vote');
  });
});

describe('the 2023 election once voting has begun, before any round is reported', async () => {
  const { app } = await appFor(
    await shippedCopy((e) => {
      upcoming(e);
      e.status = 'voting';
    }),
  );

  it('the banner says voting began, and the results page that no round is in yet', async () => {
    const res = await request(app).get('/iom-dg-2023/results').expect(200);
    expect(section(res.text, 'live-banner', 'div')).toBe(
      'Voting under way — no round reported yet; voting began at 10:00 CEST. Results so far',
    );
    expect(section(res.text, 'no-votes', 'p')).toBe(
      "No results have been reported yet. Voting began on 15 May 2023 at 10:00 CEST in Geneva. Each round's votes will appear here as they are reported.",
    );
    // What it will take says the vote began, in every language, and names the venue as such.
    for (const [lang, said] of [
      [
        '',
        'The vote began on 15 May 2023 at 10:00 CEST. Venue: International Conference Centre Geneva (CICG), Geneva, Switzerland.',
      ],
      [
        '/fr',
        'Le vote a commencé le 15 mai 2023 à 10 h 00 (UTC+2). Lieu: Centre international de conférences de Genève (CICG), Genève, Suisse.',
      ],
      [
        '/es',
        'La votación comenzó el 15 de mayo de 2023 a las 10:00 (CEST). Lugar: Centro Internacional de Conferencias de Ginebra (CICG), Ginebra, Suiza.',
      ],
    ] as const) {
      const page = await request(app).get(`${lang}/iom-dg-2023/results`).expect(200);
      expect(section(page.text, 'will-take-title'), lang).toContain(said);
    }
    const overview = await request(app).get('/iom-dg-2023/').expect(200);
    expect(section(overview.text, 'next-title')).toBe(
      'What happens next Round 1 needs at least two-thirds of the votes cast. If all 171 eligible members vote, a candidate needs at least 114 votes.',
    );
  });
});

describe('the 2023 election on vote day (status: voting, round 1 reported)', async () => {
  const dir = await shippedCopy(roundOneReported);
  const { app } = await appFor(dir);

  it.each(ELECTION_PAGES)(
    '%s carries the live banner with the time of the last round',
    async (page) => {
      const res = await request(app).get(page).expect(200);
      expect(section(res.text, 'live-banner', 'div')).toBe(
        'Voting under way — round 1 reported at 13:05 CEST. Results so far',
      );
      expect(res.text).toContain(
        '<time datetime="2023-05-15T13:05+02:00" data-local-time>13:05 CEST</time>',
      );
    },
  );

  it('the home page carries it with the featured election; other elections and pages do not', async () => {
    const home = await request(app).get('/').expect(200);
    expect(section(home.text, 'live-banner', 'div')).toBe(
      'Voting under way — round 1 reported at 13:05 CEST. Results so far',
    );
    for (const page of ['/iom-dg-2018/', '/iom-dg-2018/results', '/about']) {
      const res = await request(app).get(page).expect(200);
      expect(res.text, page).not.toContain('id="live-banner"');
    }
  });

  it('says what happens next, computed from the rule and round 1', async () => {
    const res = await request(app).get('/iom-dg-2023/results').expect(200);
    expect(section(res.text, 'next-title')).toBe(
      'What happens next Round 2 needs the same as round 1: at least two-thirds of the votes cast. If the same 165 votes are cast, round 2 needs 110. Amy Pope had 98 in round 1: 12 short. António Vitorino had 67 in round 1: 43 short.',
    );
    const overview = await request(app).get('/iom-dg-2023/').expect(200);
    expect(overview.text).toContain('id="next-title"');
  });

  it('draws the race so far on the overview and the results page, with its table', async () => {
    for (const page of ['/iom-dg-2023/', '/iom-dg-2023/results']) {
      const res = await request(app).get(page).expect(200);
      expect(res.text, page).toContain('<figure class="race" aria-labelledby="race-caption">');
      expect(text(res.text)).toContain(
        'Candidate Round 1 Amy Pope 98 António Vitorino 67 Needed to win 110 (at least two-thirds of the votes cast)',
      );
    }
  });

  it('timeline entries of vote day carry their time and zone, in time order', async () => {
    const res = await request(app).get('/iom-dg-2023/timeline').expect(200);
    expect(text(res.text)).toContain('15 May 2023 13:05 CEST First round of voting');
    const site = await appFor(
      await shippedCopy((e) => {
        roundOneReported(e);
        const [opening, round] = e.timeline.slice(-2);
        opening!.time = '10:00';
        e.timeline.splice(-2, 2, round!, opening!);
      }),
    );
    const swapped = text((await request(site.app).get('/iom-dg-2023/timeline').expect(200)).text);
    expect(swapped).toMatch(
      /15 May 2023 10:00 CEST The IOM Council meets in .* 15 May 2023 13:05 CEST First round of voting/,
    );
  });

  it('the feed, the share card and JSON-LD follow the round', async () => {
    const feed = await request(app).get('/feed.xml').expect(200);
    expect(feed.text).toContain('<title>Round 1 reported: IOM Director General 2023</title>');
    expect(feed.text).toContain('<id>https://explainer.example/iom-dg-2023/results#round-1</id>');
    expect(feed.text).toContain('<updated>2023-05-15T11:05:00Z</updated>');
    expect(feed.text).toContain(
      '<summary>Amy Pope 98, António Vitorino 67. 110 votes were needed.</summary>',
    );
    const content = await loadOrThrow(dir);
    expect(shareCard(content, 'iom-dg-2023')?.highlight).toBe(
      'Round 1: Amy Pope 98, António Vitorino 67',
    );
    const res = await request(app).get('/iom-dg-2023/').expect(200);
    expect(jsonLdOf(res.text).about).toMatchObject({
      eventStatus: 'https://schema.org/EventScheduled',
    });
    expect(res.text).toContain(
      '<meta property="og:image" content="https://explainer.example/share/iom-dg-2023.png?round=1">',
    );
    expect(res.text).toContain(
      '<meta property="og:image:alt" content="The 2023 election of the IOM Director General: round 1, Amy Pope 98, António Vitorino 67">',
    );
    const image = await request(app).get('/share/iom-dg-2023.png?round=1').expect(200);
    expect(image.headers['content-type']).toBe('image/png');
  });
});

describe('the 2023 election decided by acclamation (as shipped)', async () => {
  const { app } = await appFor(await shippedCopy());

  it('has no banner, says how it was decided, and keeps the race picture', async () => {
    const res = await request(app).get('/iom-dg-2023/').expect(200);
    expect(res.text).not.toContain('id="live-banner"');
    expect(res.text).not.toContain('id="next-title"');
    expect(section(res.text, 'outcome-title')).toContain(
      'Candidate Round 1 Amy Pope 98 António Vitorino 67, withdrew',
    );
    expect(jsonLdOf(res.text).about).toMatchObject({
      startDate: '2023-05-15',
      endDate: '2023-05-15',
    });
  });

  it('the feed has an entry for the round and one for the decision', async () => {
    const feed = await request(app).get('/feed.xml').expect(200);
    expect(feed.text).toContain('<title>Round 1 reported: IOM Director General 2023</title>');
    expect(feed.text).toContain(
      '<title>Amy Pope elected by acclamation: IOM Director General 2023</title>',
    );
    expect(feed.text).toContain('<id>https://explainer.example/iom-dg-2023/#decision</id>');
  });

  it('the feed puts the decision, dated by its day alone, after the round that led to it', async () => {
    const site = await appFor(
      await shippedCopy((e) => {
        e.rounds[0]!.reported = '13:05';
      }),
    );
    const feed = await request(site.app).get('/feed.xml').expect(200);
    const updated = (id: string): string =>
      new RegExp(
        `<id>https://explainer.example/iom-dg-2023/${id}</id>\\s*<published>[^<]*</published>\\s*<updated>([^<]*)</updated>`,
      ).exec(feed.text)![1]!;
    expect(updated('results#round-1')).toBe('2023-05-15T11:05:00Z');
    expect(updated('#decision')).toBe('2023-05-15T11:05:00Z');
    expect(feed.text.indexOf('#decision</id>')).toBeLessThan(feed.text.indexOf('#round-1</id>'));
  });

  it('one server moves from upcoming to round 1 to decided as its content is swapped', async () => {
    const site = await appFor(await shippedCopy(upcoming));
    const banner = async () =>
      (await request(site.app).get('/iom-dg-2023/compare').expect(200)).text;
    expect(await banner()).not.toContain('id="live-banner"');
    site.holder.swap(await loadOrThrow(await shippedCopy(roundOneReported)));
    expect(section(await banner(), 'live-banner', 'div')).toContain(
      'round 1 reported at 13:05 CEST',
    );
    site.holder.swap(await loadOrThrow(await shippedCopy()));
    const decided = await banner();
    expect(decided).not.toContain('id="live-banner"');
    expect(decided).toContain(
      '<td role="cell" data-label="Amy Pope">Elected by acclamation, 15 May 2023</td>',
    );
  });
});

describe('the 2023 election after the withdrawal, before the decision', () => {
  it('the live headline, which open pages announce, says who withdrew, in each language', async () => {
    const { holder } = await appFor(
      await shippedCopy((e) => {
        roundOneReported(e);
        e.rounds[0]!.results[1]!.outcome = 'withdrew';
      }),
    );
    const election = holder.current.elections[0]!;
    expect(['en', 'fr', 'es'].map((lang) => headline(election, lang as 'en'))).toEqual([
      'Round 1 results reported. António Vitorino withdrew after round 1',
      'Résultats du 1er tour publiés. Retrait d’António Vitorino après le 1er tour',
      'Resultados de la 1.ª ronda publicados. António Vitorino se retiró tras la 1.ª ronda',
    ]);
  });
});

describe('a decision reached without a further ballot, by withdrawal or by lot', () => {
  const decidedBy = (by: 'withdrawal' | 'lot') =>
    shippedCopy((e) => {
      (e.rule as { ends: string[] }).ends = ['ballot', 'acclamation', by];
      e.decision = { ...e.decision!, by };
    });

  it.each([
    [
      'withdrawal',
      'Elected after the other candidates withdrew',
      'Amy Pope was elected on 15 May 2023, after the other candidates withdrew.',
      'Élection après le retrait des autres candidatures',
      'Amy Pope a été élue le 15 mai 2023, après le retrait des autres candidatures.',
      'Elegida tras la retirada de las demás candidaturas, el 15 de mayo de 2023',
    ],
    [
      'lot',
      'Elected by drawing lots',
      'Amy Pope was elected by drawing lots on 15 May 2023.',
      'Élection par tirage au sort',
      'Amy Pope a été élue par tirage au sort le 15 mai 2023.',
      'Elegida por sorteo, el 15 de mayo de 2023',
    ],
  ] as const)(
    'by %s: the results, the profile, the feed and the live headline say so (not "in round")',
    async (by, title, sentence, titleFr, sentenceFr, outcomeEs) => {
      const { app, holder } = await appFor(await decidedBy(by));
      const results = (await request(app).get('/iom-dg-2023/results').expect(200)).text;
      expect(section(results, 'decision-title')).toContain(`${title} ${sentence}`);
      const fr = (await request(app).get('/fr/iom-dg-2023/results').expect(200)).text;
      expect(section(fr, 'decision-title')).toContain(`${titleFr} ${sentenceFr}`);
      const es = (await request(app).get('/es/iom-dg-2023/candidates/amy-pope').expect(200)).text;
      expect(text(es)).toContain(outcomeEs);
      const how = by === 'lot' ? 'by drawing lots' : 'after the other candidates withdrew';
      const feed = (await request(app).get('/feed.xml').expect(200)).text;
      expect(feed).toContain(`<title>Amy Pope elected ${how}: IOM Director General 2023</title>`);
      // What the live channel announces to pages left open.
      expect(headline(holder.current.elections[0]!)).toBe(`Amy Pope elected ${how}`);
      for (const html of [results, fr, es, feed])
        expect(html).not.toMatch(/elected in round|élue au|elegida en la/i);
    },
  );
});

describe('three candidates, thresholds by stage, an elimination and abstentions', async () => {
  const { app } = await appFor(await threeWayCopy());

  it('key facts and "At a glance" give every stage of the rule, and its note', async () => {
    const res = await request(app).get('/sample-2024/').expect(200);
    const facts = section(res.text, 'key-facts-title');
    expect(facts).toContain(
      'To win Rounds 1–2: at least two-thirds of the members present and voting; from round 3: more than half Source: Sample Union A tie in the last round is broken by drawing lots.',
    );
    expect(facts).toContain(
      'Electorate 30 member states; 28 eligible to vote (Official figure) Source: Sample Union Two members had lost their vote for unpaid dues. Members abstaining count as present but not voting.',
    );
    expect(facts).toContain(
      'When and where 1 March 2024, from 09:30 EST, Assembly Hall, Sampleton',
    );
    const compare = await request(app).get('/sample-2024/compare').expect(200);
    expect(text(compare.text)).toContain(
      'to win, Rounds 1–2: at least two-thirds of the members present and voting; from round 3: more than half.',
    );
    expect(compare.text).toContain(
      '<td role="cell" data-label="Cleo Diaz">Eliminated after round 2</td>',
    );
  });

  it('the results measure each round against its own stage, with abstentions apart and every note shown', async () => {
    const res = await request(app).get('/sample-2024/results').expect(200);
    expect(section(res.text, 'rule-title')).toContain(
      'Rounds 1–2: at least two-thirds of the members present and voting; from round 3: more than half.',
    );
    const round1 = section(res.text, 'round-1');
    expect(round1).toContain('Reported at 10:40 EST.');
    expect(round1).toContain(
      'Votes cast 27 (Official figure) Source: Sample Union Ballots for candidates; blank ballots are counted as abstentions.',
    );
    expect(round1).toContain(
      'Votes needed 18 (at least two-thirds of the members present and voting)',
    );
    expect(round1).toContain('Abstentions 1 (Official figure, not counted towards the threshold)');
    const round3 = section(res.text, 'round-3');
    expect(round3).toContain('Votes needed 14 (more than half of the members present and voting)');
    expect(round3).toContain('Ana Lima: 15 votes (reached the threshold)');
    expect(round3).toContain(
      "Ben Okoro 12 Not elected Reported by Wire Agency Source: Wire Agency The Assembly published only the winner's total; this one comes from the count.",
    );
    expect(res.text).not.toContain('Continued. Not elected');
    expect(text(res.text)).toContain(
      'Candidate Round 1 Round 2 Round 3 Cleo Diaz 6 5, eliminated not standing Ana Lima 12 13 15, elected Ben Okoro 9 8 12, not elected Needed to win 18 (at least two-thirds of the members present and voting) 18 (at least two-thirds of the members present and voting) 14 (more than half of the members present and voting)',
    );
  });

  it('the race chart draws every round on one scale, with the thresholds and the marks', async () => {
    const res = await request(app).get('/sample-2024/results').expect(200);
    const svg = /<svg class="race-svg"[\s\S]*?<\/svg>/.exec(res.text)![0];
    expect(svg.match(/<g class="race-round">/g)).toHaveLength(3);
    expect(svg.match(/<line class="needed"/g)).toHaveLength(3);
    // 18 of the largest figure (18) fills the plot; 14 sits lower.
    expect(svg).toContain('y1="28" y2="28"');
    expect(svg).toContain('y1="65.33" y2="65.33"');
    expect(svg.match(/<text class="mark"[^>]*>✕<\/text>/g)).toHaveLength(1);
    expect(svg.match(/<text class="mark"[^>]*>✓<\/text>/g)).toHaveLength(1);
    expect(svg).toContain('aria-hidden="true"');
  });

  it('before the vote, each stage says what it will take and every branch is a step', async () => {
    const site = await appFor(
      await threeWayCopy((e) => {
        e.status = 'upcoming';
        e.rounds = [];
        delete e.decision;
      }),
    );
    const res = await request(site.app).get('/sample-2024/').expect(200);
    const take = section(res.text, 'will-take-title');
    expect(take).toContain(
      'Rounds 1–2: at least two-thirds of the members present and voting. If all 28 eligible members vote, a candidate needs at least 19 votes.',
    );
    expect(take).toContain(
      'From round 3: more than half of the members present and voting. If all 28 eligible members vote, a candidate needs at least 15 votes.',
    );
    expect(take).toContain(
      'If no one is elected, the candidate with the fewest votes is eliminated after round 2.',
    );
    expect(take).toContain(
      'The contest can also end when every other candidate withdraws, leaving one; or by drawing lots, when the rule breaks a tie that way.',
    );
  });

  it('after round 2, what happens next names the eliminated candidate and the new threshold', async () => {
    const site = await appFor(
      await threeWayCopy((e) => {
        e.status = 'voting';
        e.rounds = e.rounds.slice(0, 2);
        delete e.decision;
      }),
    );
    const res = await request(site.app).get('/sample-2024/').expect(200);
    expect(section(res.text, 'next-title')).toBe(
      'What happens next Cleo Diaz is eliminated after round 2 and is not on the next ballot. The threshold changes: round 3 needs more than half of the members present and voting, where round 2 needed at least two-thirds of the members present and voting. If the same 26 votes are cast, round 3 needs 14. Ana Lima had 13 in round 2: 1 short. Ben Okoro had 8 in round 2: 6 short.',
    );
    expect(section(res.text, 'live-banner', 'div')).toBe(
      'Voting under way — round 2 reported at 11:55 EST. Results so far',
    );
  });

  it('an eliminated candidate listed again in a later round stops the check', async () => {
    const dir = await threeWayCopy((e) => {
      e.rounds[2]!.results.push({
        candidate: 'cleo-diaz',
        votes: { value: 0, status: 'official', sources: ['union-release'] },
        outcome: 'not-elected',
      });
    });
    const result = await loadContent(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatReport(result.problems)).toContain(
      'error round 3 › Cleo Diaz › candidate: "cleo-diaz" was eliminated in round 2, but is listed again in round 3. Remove "cleo-diaz" from round 3, or correct the outcome in round 2. (candidate-reappears)',
    );
  });
});
