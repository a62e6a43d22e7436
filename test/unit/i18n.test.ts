import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDate,
  formatNumber,
  formatOrdinal,
  formatVenueTime,
  NBSP,
  NNBSP,
} from '../../src/i18n/format.js';
import { describeThreshold, quoteCaption, stageRounds } from '../../src/http/present.js';
import type { Threshold } from '../../src/content/schemas.js';
import { LANGS } from '../../src/i18n/lang.js';
import type { Message, MessageKey } from '../../src/i18n/messages.js';
import { catalogues, SAME_AS_ENGLISH, tr } from '../../src/i18n/messages.js';

/** Every string a message can show, whatever its plural or gender form. */
const texts = (m: Message): string[] =>
  typeof m === 'string'
    ? [m]
    : Object.values<string | undefined>('count' in m ? m.count : m.gender).filter(
        (x): x is string => x !== undefined,
      );

describe('formatting per language', () => {
  it('writes dates at their precision as each language does', () => {
    expect(formatDate('2023-05-15', 'en')).toBe('15 May 2023');
    expect(formatDate('2023-05-15', 'fr')).toBe('15 mai 2023');
    expect(formatDate('2023-05-15', 'es')).toBe('15 de mayo de 2023');
    expect(formatDate('2023-10-01', 'fr')).toBe('1er octobre 2023');
    expect(formatDate('2023-10-01', 'es')).toBe('1 de octubre de 2023');
    expect(formatDate('2023-10-01', 'en')).toBe('1 October 2023');
    expect(formatDate('2023-05', 'en')).toBe('May 2023');
    expect(formatDate('2023-05', 'fr')).toBe('mai 2023');
    expect(formatDate('2023-05', 'es')).toBe('mayo de 2023');
    for (const lang of LANGS) expect(formatDate('2018', lang)).toBe('2018');
    expect(() => formatDate('2023-02-30', 'fr')).toThrow('Not a date: "2023-02-30"');
  });

  it('groups thousands as each language does (French with a narrow no-break space)', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'fr')).toBe(`12${NNBSP}345`);
    expect(formatNumber(12345, 'es')).toBe('12.345');
    // Spanish does not group four digits.
    expect(formatNumber(1234, 'es')).toBe('1234');
    expect(formatNumber(0.5, 'fr')).toBe('0,5');
  });

  it('writes ordinals, agreeing in French and Spanish with the noun', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map((n) => formatOrdinal(n, 'en'))).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
    ]);
    expect(formatOrdinal(1, 'fr')).toBe('1er');
    expect(formatOrdinal(1, 'fr', true)).toBe('1re');
    expect(formatOrdinal(2, 'fr')).toBe('2e');
    expect(formatOrdinal(1, 'es')).toBe('1.º');
    expect(formatOrdinal(3, 'es', true)).toBe('3.ª');
  });

  it('writes a time at the venue with its zone', () => {
    expect(formatVenueTime('2023-05-15', '13:05', 'Europe/Zurich', 'en').label).toBe('13:05 CEST');
    expect(formatVenueTime('2023-05-15', '13:05', 'Europe/Zurich', 'fr')).toEqual({
      iso: '2023-05-15T13:05+02:00',
      label: `13${NBSP}h${NBSP}05 (UTC+2)`,
      instant: Date.UTC(2023, 4, 15, 11, 5),
    });
    expect(formatVenueTime('2023-05-15', '13:05', 'Europe/Zurich', 'es').label).toBe(
      '13:05 (CEST)',
    );
    expect(formatVenueTime('2023-01-15', '09:30', undefined, 'es')).toEqual({
      iso: '2023-01-15T09:30',
      label: '09:30 (hora local)',
    });
    // French writes no leading zero: "8 h 30", as the press does; midnight is "0 h 15".
    expect(formatVenueTime('2023-01-15', '09:30', undefined, 'fr').label).toBe(
      `9${NBSP}h${NBSP}30 (heure locale)`,
    );
    expect(formatClock(Date.UTC(2023, 4, 15, 6, 30), 'Europe/Paris', 'fr')).toBe(
      `8${NBSP}h${NBSP}30 (UTC+2)`,
    );
    expect(formatClock(Date.UTC(2023, 4, 14, 22, 15), 'Europe/Paris', 'fr')).toBe(
      `0${NBSP}h${NBSP}15 (UTC+2)`,
    );
  });
});

describe('messages', () => {
  it('choose plural forms by each language’s rules', () => {
    const rounds = (lang: (typeof LANGS)[number], count: number): string =>
      tr(lang)('election.roundsHeld', { count });
    expect(rounds('en', 1)).toBe('One round of voting was held.');
    expect(rounds('en', 3)).toBe('3 rounds of voting were held.');
    expect(rounds('fr', 1)).toBe('Un seul tour de scrutin a eu lieu.');
    expect(rounds('fr', 2)).toBe('2 tours de scrutin ont eu lieu.');
    expect(rounds('es', 2)).toBe('Se celebraron 2 rondas de votación.');
    expect(tr('fr')('facts.memberStates', { count: 1, members: 1 })).toBe('1 État membre');
    expect(tr('fr')('facts.memberStates', { count: 1200, members: 1200 })).toBe(
      `1${NNBSP}200 États membres`,
    );
    expect(tr('es')('chain.votes', { count: 1, votes: 1 })).toBe('1 voto');
    // The shortfall, not the votes, chooses the plural.
    expect(tr('es')('chain.short', { count: 3, votes: '58 votos', short: 3 })).toBe(
      '58 votos (le faltan 3)',
    );
    expect(tr('es')('chain.short', { count: 1, votes: '58 votos', short: 1 })).toBe(
      '58 votos (le falta 1)',
    );
    expect(
      tr('es')('next.short', { count: 1, name: 'Ana Lima', votes: 13, round: 2, short: 1 }),
    ).toBe('Ana Lima obtuvo 13 votos en la 2.ª ronda: le falta 1.');
  });

  it('interpolate ordinals and agree with the person when the gender is known', () => {
    const how = tr('fr')('how.round', { round: 1 });
    expect(how).toBe('au 1er tour');
    expect(tr('fr')('outcome.elected', { gender: 'female', how, date: '15 mai 2023' })).toBe(
      'Élue au 1er tour, le 15 mai 2023',
    );
    expect(tr('fr')('outcome.elected', { gender: 'male', how, date: '15 mai 2023' })).toBe(
      'Élu au 1er tour, le 15 mai 2023',
    );
    // Without the person's gender, a wording that agrees with anyone.
    expect(tr('fr')('outcome.elected', { how, date: '15 mai 2023' })).toBe(
      'Victoire au 1er tour, le 15 mai 2023',
    );
    expect(tr('es')('how.round', { round: 2 })).toBe('en la 2.ª ronda');
    expect(tr('es')('result.elected', { gender: 'female' })).toBe('Elegida');
    expect(tr('en')('how.round', { round: 3 })).toBe('in round 3');
  });

  it('elide a French "de" before a value that starts with a vowel, as before a word', () => {
    const fr = tr('fr');
    const cases: [string, string, string][] = [
      [
        'next.onlyOne',
        'Amy Pope',
        'Il ne reste plus qu’une candidature en lice, celle d’Amy Pope.',
      ],
      ['next.withdrew', 'Ana Lima', 'Retrait d’Ana Lima après le 1er tour.'],
      ['next.withdrew', 'Émile Roux', 'Retrait d’Émile Roux après le 1er tour.'],
      ['next.withdrew', 'António Vitorino', 'Retrait d’António Vitorino après le 1er tour.'],
      // Not before a consonant, an h, a y or a digit.
      ['next.withdrew', 'Laura Thompson', 'Retrait de Laura Thompson après le 1er tour.'],
      ['next.withdrew', 'Hélène Dupont', 'Retrait de Hélène Dupont après le 1er tour.'],
      ['next.withdrew', 'Yolanda Díaz', 'Retrait de Yolanda Díaz après le 1er tour.'],
    ];
    for (const [key, name, want] of cases) {
      expect(fr(key as 'next.withdrew', { name, round: 1 })).toBe(want);
    }
    expect(fr('next.ifAllMembers', { count: 175, needed: 117 })).toBe(
      'Si les 175 membres votent tous, il faut au moins 117 voix pour l’emporter.',
    );
    // A value in markup: its text decides; and the other languages are left as they are.
    expect(fr.html('next.onlyOne', { name: { html: '<a href="/x">Amy Pope</a>' } })).toBe(
      'Il ne reste plus qu’une candidature en lice, celle d’<a href="/x">Amy Pope</a>.',
    );
    expect(fr('vote.candidateFor', { office: 'Administrateur' })).toBe(
      'Candidature au poste d’administrateur',
    );
    expect(tr('es')('next.onlyOne', { name: 'Ana Lima' })).toBe(
      'Solo queda una candidatura en liza: la de Ana Lima.',
    );
  });

  it('write a function in lower case within a French sentence, and leave other languages as they are', () => {
    const office = { office: 'Directeur général' };
    expect(tr('fr')('vote.candidateFor', office)).toBe('Candidature au poste de directeur général');
    expect(tr('fr')('page.compareDescription', office)).toBe(
      'Les candidatures au poste de directeur général, comparées sur les mêmes critères.',
    );
    // An acronym keeps its capitals.
    expect(tr('fr')('vote.candidateFor', { office: 'PDG' })).toBe('Candidature au poste de PDG');
    expect(tr('es')('vote.candidateFor', { office: 'Director General' })).toBe(
      'Candidatura al cargo de Director General',
    );
    expect(tr('en')('vote.candidateFor', { office: 'Director General' })).toBe(
      'Candidate for Director General',
    );
  });

  it('escape text parameters in HTML and keep HTML parameters', () => {
    const time = { html: '<time datetime="2023-05-15">15 May 2023</time>' };
    expect(tr('en').html('layout.published', { date: time })).toBe(
      'Published <time datetime="2023-05-15">15 May 2023</time>.',
    );
    expect(tr('en').html('results.gap', { name: 'A <b> & "C"', text: 'x' })).toBe(
      'A &lt;b&gt; &amp; &#34;C&#34;: x',
    );
    expect(() => tr('en')('results.gap', { name: 'A' })).toThrow(
      'Message "results.gap" needs a value for {text}',
    );
  });
});

describe('catalogues', () => {
  const en = catalogues.en;
  const keys = Object.keys(en).sort();

  for (const lang of ['fr', 'es'] as const) {
    const catalogue = catalogues[lang];
    it(`${lang} has every key of English, and no other`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(keys);
    });

    it(`${lang} leaves no English, but for the allowed words`, () => {
      const same = keys.filter(
        (k) => JSON.stringify(catalogue[k as MessageKey]) === JSON.stringify(en[k as MessageKey]),
      );
      expect(same.sort()).toEqual([...SAME_AS_ENGLISH[lang]].sort());
    });

    it(`${lang} keeps every placeholder of English and the same kind of message`, () => {
      for (const key of keys as MessageKey[]) {
        const names = (m: Message): string[] =>
          [
            ...new Set(texts(m).flatMap((t) => [...t.matchAll(/\{(\w+)/g)].map((x) => x[1] ?? ''))),
          ].sort();
        expect(names(catalogue[key]), key).toEqual(names(en[key]));
        expect(typeof catalogue[key] === 'string', key).toBe(typeof en[key] === 'string');
      }
    });

    it(`${lang} uses typographic apostrophes`, () => {
      for (const [key, m] of Object.entries(catalogue))
        for (const text of texts(m)) expect(text, key).not.toContain("'");
    });
  }

  it('French puts no-break spaces before : ; ! ? and inside guillemets, never plain spaces', () => {
    for (const [key, m] of Object.entries(catalogues.fr))
      for (const text of texts(m).map((x) => x.replace(/\{[^}]*\}/g, 'X'))) {
        expect(text, key).not.toMatch(/ [:;!?»]|« /);
        expect(text, key).not.toMatch(/[^\u00a0]:(?!\d)|[^\u202f][;!?]/);
      }
    expect(tr('fr')('results.gap', { name: 'Amy Pope', text: '58 voix' })).toBe(
      `Amy Pope${NBSP}: 58 voix`,
    );
    expect(tr('fr')('cite.label', { count: 2 })).toBe(`Sources${NBSP}:`);
  });

  it('hold no markup: catalogue text goes into HTML as it is', () => {
    for (const lang of LANGS)
      for (const [key, m] of Object.entries(catalogues[lang]))
        for (const text of texts(m)) expect(text, `${lang} ${key}`).not.toMatch(/[<>&]/);
  });
});

describe('quote captions', () => {
  const caption = (lang: (typeof LANGS)[number], context: string, date: string): string =>
    tr(lang)(...quoteCaption('Ana Lima', { context, date }, lang));

  it.each([
    [
      'fr',
      'Devant des journalistes',
      '2023-05-15',
      'Ana Lima. Devant des journalistes, le 15 mai 2023',
    ],
    ['fr', 'Devant des journalistes', '2023-03', 'Ana Lima. Devant des journalistes, en mars 2023'],
    ['fr', 'Devant des journalistes', '2023', 'Ana Lima. Devant des journalistes, en 2023'],
    ['es', 'Ante periodistas', '2023-05-15', 'Ana Lima. Ante periodistas, el 15 de mayo de 2023'],
    ['es', 'Ante periodistas', '2023-03', 'Ana Lima. Ante periodistas, en marzo de 2023'],
    ['en', 'To journalists', '2023-03', "In Ana Lima's words: To journalists, March 2023"],
  ] as const)(
    'say the date once, as a phrase of its precision (%s, %s, %s)',
    (lang, context, date, expected) => {
      expect(caption(lang, context, date)).toBe(expected);
    },
  );

  it.each([
    [
      'fr',
      'Auprès de l’AFP en mars 2023 (notre traduction)',
      '2023-03',
      'Ana Lima. Auprès de l’AFP en mars 2023 (notre traduction)',
    ],
    [
      'es',
      'Ante periodistas en marzo de 2023',
      '2023-03',
      'Ana Lima. Ante periodistas en marzo de 2023',
    ],
    [
      'en',
      'To journalists in March 2023',
      '2023-03',
      "In Ana Lima's words: To journalists in March 2023",
    ],
    // Another date in the context is not this one.
    [
      'fr',
      'En mars 2023, au sommet de 12023',
      '2023',
      'Ana Lima. En mars 2023, au sommet de 12023',
    ],
    ['fr', 'Au sommet de 12023', '2023', 'Ana Lima. Au sommet de 12023, en 2023'],
  ] as const)(
    'do not repeat a date the context already gives (%s, %s, %s)',
    (lang, context, date, expected) => {
      expect(caption(lang, context, date)).toBe(expected);
    },
  );
});

describe('the rule in words', () => {
  const twoThirds: Threshold = {
    fraction: '2/3',
    comparison: 'at-least',
    of: 'votes-cast',
    description: '',
    sources: [],
  };
  const half: Threshold = { ...twoThirds, fraction: '1/2', comparison: 'more-than' };

  it('says a threshold as each language does', () => {
    expect(describeThreshold(twoThirds)).toBe('at least two-thirds of the votes cast');
    expect(describeThreshold(twoThirds, 'fr')).toBe(
      'au moins les deux tiers des suffrages exprimés',
    );
    expect(describeThreshold({ ...twoThirds, comparison: 'more-than' }, 'fr')).toBe(
      'plus des deux tiers des suffrages exprimés',
    );
    expect(describeThreshold(half, 'fr')).toBe('plus de la moitié des suffrages exprimés');
    expect(describeThreshold(twoThirds, 'es')).toBe('al menos dos tercios de los votos emitidos');
  });

  it('says the rounds of a stage with ordinals', () => {
    expect(stageRounds({ from: 3, to: undefined }, 'fr')).toBe('À partir du 3e tour');
    expect(stageRounds({ from: 1, to: 1 }, 'fr')).toBe('1er tour');
    expect(stageRounds({ from: 3, to: undefined }, 'es')).toBe('A partir de la 3.ª ronda');
    expect(stageRounds({ from: 1, to: 2 }, 'en')).toBe('Rounds 1–2');
  });
});
