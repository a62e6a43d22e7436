// The content model as zod schemas: what every file may contain. Types come from here.
// Each `error` below is the "expected" half of a message: "Expected <error>, found …".
import { z } from 'zod';
import { dayOf, isFullDate, isPartialDate, isStamp } from './dates.js';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/**
 * The longest name of a file or folder that becomes part of a URL. No address needs more, and
 * the export writes `<name>.html`: file systems refuse names over 255 bytes.
 */
export const SLUG_MAX_LENGTH = 100;

const text = z.string({ error: 'text' }).trim().min(1, { error: 'text that is not empty' });
const optionalText = text.optional();

export const slug = z
  .string({ error: 'a slug' })
  .regex(SLUG_PATTERN, { error: 'a slug: lowercase letters, digits and single hyphens, like "jane-doe"' });

/** YAML reads an unquoted 2023 as a number; a year is still a date. */
const yearAsText = (value: unknown): unknown => (typeof value === 'number' ? String(value) : value);

export const partialDate = z.preprocess(
  yearAsText,
  z
    .string({ error: 'a date like 2025-06-30, 2025-06 or 2025' })
    .refine(isPartialDate, { error: 'a date like 2025-06-30, 2025-06 or 2025' }),
);

export const fullDate = z
  .string({ error: 'a date like 2025-06-30' })
  .refine(isFullDate, { error: 'a date like 2025-06-30' });

/**
 * When a file was last changed (`updated`, a translation's `translated`): a day, or a day and a
 * time of day for a change the same day as the one before. Pages show the day; the time only
 * orders a translation against its English file (load-translate.ts reads it from the YAML).
 */
export const stamp = z
  .string({ error: 'a date like 2025-06-30 (or 2025-06-30 14:20)' })
  .refine(isStamp, { error: 'a date like 2025-06-30 (or 2025-06-30 14:20)' })
  .transform(dayOf);

const url = z.url({ protocol: /^https?$/, error: 'a web address starting with https://' });

export const sourceIds = z.array(slug, { error: 'a list of source ids' }).default([]);

/** Site-relative paths that redirect here: moved pages keep working. */
const aliases = z
  .array(z.string({ error: 'a path like "/old-page"' }), { error: 'a list of paths' })
  .default([]);

// ---------------------------------------------------------------------------------------
// Sources and provenance

export const source = z.strictObject({
  id: slug,
  title: text,
  publisher: text,
  /** How the source is named next to the facts it supports, when shorter than the publisher: "AFP". */
  label: optionalText,
  url,
  date: partialDate.optional(),
  /** Where a wire story was read, when not on the publisher's own site. */
  via: optionalText,
  language: z.string().regex(/^[a-z]{2}$/, { error: 'a two-letter language code like "pt"' }).optional(),
  note: optionalText,
});

export const provenanceStatus = z.enum(['official', 'reported', 'unconfirmed'], {
  error: 'one of official, reported, unconfirmed',
});

/** Not reported: `null` is shorthand for `{ value: null }`. */
const nullAsNotReported = (value: unknown): unknown => (value === null ? { value: null } : value);

/** A number with where it comes from. A null value means "not reported". */
export const figure = z.preprocess(
  nullAsNotReported,
  z
    .strictObject(
      {
        value: z
          .number({ error: 'a whole number, or null when not reported' })
          .int({ error: 'a whole number' })
          .nonnegative({ error: 'a number of 0 or more' })
          .nullable(),
        status: provenanceStatus.optional(),
        /** Who reported it ("AP, citing three diplomats"). */
        by: optionalText,
        sources: sourceIds,
        note: optionalText,
      },
      { error: 'a figure: { value, status, by, sources }, or null when not reported' },
    )
    .superRefine((f, ctx) => {
      if (f.value === null) return;
      if (f.status === undefined) {
        ctx.addIssue({ code: 'custom', path: ['status'], input: undefined, message: 'one of official, reported, unconfirmed' });
      }
      if (f.status === 'reported' && f.by === undefined) {
        ctx.addIssue({ code: 'custom', path: ['by'], input: undefined, message: 'who reported the figure, like "AP"' });
      }
      if (f.sources.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['sources'], input: f.sources, message: 'at least one source id for a figure that has a value' });
      }
    }),
);

// ---------------------------------------------------------------------------------------
// Elections

export const threshold = z.strictObject({
  /** "2/3", "1/2". */
  fraction: z
    .string()
    .regex(/^[1-9]\d*\/[1-9]\d*$/, { error: 'a fraction like "2/3"' })
    // "3/2" of the votes is more votes than there are: no one could be elected.
    .refine((f) => { const [n, d] = f.split('/').map(Number); return n! <= d!; }, { error: 'a fraction of at most 1, like "2/3"' }),
  /** "at-least" 2/3 of 165 = 110; "more-than" 1/2 of 100 = 51. */
  comparison: z.enum(['at-least', 'more-than'], { error: 'one of at-least, more-than' }).default('at-least'),
  of: z.enum(['votes-cast', 'present-and-voting', 'members', 'eligible'], {
    error: 'one of votes-cast, present-and-voting, members, eligible',
  }),
  /** The rule in words, as readers should read it. */
  description: text,
  sources: sourceIds,
});

/** A round number, counted from 1. */
const roundNumber = z.number({ error: 'a round number' }).int({ error: 'a whole round number' }).positive({ error: 'a round number of 1 or more' });

/** A time of day at the venue, 24-hour clock: "13:05". */
export const timeOfDay = z
  .string({ error: 'a time of day like "13:05"' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'a time of day like "13:05" (24-hour clock, venue time)' });

/** An IANA time zone such as "Europe/Paris": the one the venue keeps. */
export const timeZone = z.string({ error: 'a time zone like "Europe/Paris"' }).refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return zone.includes('/') || zone === 'UTC';
    } catch {
      return false;
    }
  },
  { error: 'an IANA time zone like "Europe/Paris" or "America/New_York"' },
);

/** From round `from` on, this threshold applies (until a later stage). */
export const ruleStage = z.strictObject({
  from: roundNumber,
  threshold,
});

/** Who leaves the race between rounds. Text alone describes it without enforcing it. */
const textAsDescription = (value: unknown): unknown => (typeof value === 'string' ? { description: value } : value);

export const elimination = z.preprocess(
  textAsDescription,
  z
    .strictObject(
      {
        /** Rule in words, as readers should read it. */
        description: text,
        /** Who is eliminated: the candidate with the fewest votes. */
        who: z.enum(['fewest-votes'], { error: 'fewest-votes' }).optional(),
        /** After which rounds (when no one is elected): [3]. */
        after: z.array(roundNumber, { error: 'a list of round numbers, like [3]' }).optional(),
        /** Or after every round from this one on. */
        from: roundNumber.optional(),
        sources: sourceIds,
      },
      { error: 'the elimination rule: { description, who, after or from, sources }' },
    )
    .superRefine((e, ctx) => {
      if (e.who !== undefined && e.after === undefined && e.from === undefined) {
        ctx.addIssue({ code: 'custom', path: ['after'], input: undefined, message: 'the rounds after which someone is eliminated, like [3], or "from: 1" for every round' });
      }
      if (e.who === undefined && (e.after !== undefined || e.from !== undefined)) {
        ctx.addIssue({ code: 'custom', path: ['who'], input: undefined, message: 'who is eliminated: fewest-votes' });
      }
    }),
);

/** What can end the contest: a ballot, the others' withdrawal, acclamation, or drawing lots. */
export const ending = z.enum(['ballot', 'withdrawal', 'acclamation', 'lot'], {
  error: 'one of ballot, withdrawal, acclamation, lot',
});

const roundOutcome = z.enum(['continued', 'withdrew', 'eliminated', 'elected', 'not-elected'], {
  error: 'one of continued, withdrew, eliminated, elected, not-elected',
});

export const round = z.strictObject({
  number: z.number({ error: 'a round number' }).int().positive(),
  date: fullDate.optional(),
  /** When the result was announced, venue time: "13:05". */
  reported: timeOfDay.optional(),
  /** Only when this round's rule differs from the election's. */
  threshold: threshold.optional(),
  /** Valid votes for candidates: what the threshold is measured against. */
  cast: figure,
  abstentions: figure.optional(),
  invalid: figure.optional(),
  /** Votes needed as reported; checked against the threshold rule. */
  needed: figure.optional(),
  results: z
    .array(
      z.strictObject({
        candidate: slug,
        votes: figure,
        outcome: roundOutcome,
        note: optionalText,
      }),
    )
    .min(1, { error: 'at least one result' }),
  note: optionalText,
  sources: sourceIds,
});

export const decision = z.strictObject({
  winner: slug,
  by: ending,
  /** For a ballot: the round that decided it. */
  round: z.number().int().positive().optional(),
  date: fullDate,
  termStart: fullDate.optional(),
  termEnd: fullDate.optional(),
  termYears: z.number({ error: 'a number of years' }).positive().optional(),
  note: optionalText,
  sources: sourceIds,
});

export const timelineEvent = z.strictObject({
  date: partialDate,
  /** Venue time on the day, "13:05": shown with its zone. */
  time: timeOfDay.optional(),
  title: text,
  detail: optionalText,
  candidates: z.array(slug).default([]),
  sources: sourceIds,
});

export const election = z.strictObject({
  title: text,
  /** A short name for navigation and cards. */
  shortTitle: text,
  /** One or two sentences: what is being decided. Used for meta descriptions. */
  description: text,
  /** A few paragraphs of Markdown for the overview page; cite sources as footnotes. */
  overview: optionalText,
  organization: z.strictObject({
    name: text,
    acronym: optionalText,
    url: url.optional(),
  }),
  office: text,
  electingBody: z.strictObject({
    name: text,
    session: optionalText,
    sources: sourceIds,
  }),
  electorate: z.strictObject({
    members: figure,
    eligible: figure.optional(),
    note: optionalText,
    sources: sourceIds,
  }),
  method: z.strictObject({
    description: text,
    sources: sourceIds,
  }),
  rule: z.strictObject({
    /** The threshold from round 1. */
    threshold,
    /** Later thresholds: each applies from its round on. */
    stages: z.array(ruleStage, { error: 'a list of stages: { from, threshold }' }).default([]),
    /** How candidates leave the race between rounds. */
    elimination: elimination.optional(),
    /** What can end the contest; a decision must be one of them. */
    ends: z.array(ending, { error: 'a list like [ballot, acclamation]' }).optional(),
    note: optionalText,
    sources: sourceIds,
  }),
  venue: z.strictObject({
    /** The building, when reported. */
    name: optionalText,
    city: text,
    country: text,
    /** The venue's IANA time zone, for times of day: "Europe/Paris". */
    timeZone: timeZone.optional(),
    sources: sourceIds,
  }),
  dates: z.strictObject({
    vote: fullDate,
    /** When voting starts, venue time: "10:00". */
    start: timeOfDay.optional(),
    end: fullDate.optional(),
    /** When the vote did not or will not happen as first announced. */
    change: z.enum(['postponed', 'rescheduled', 'cancelled'], { error: 'one of postponed, rescheduled, cancelled' }).optional(),
  }),
  status: z.enum(['upcoming', 'voting', 'decided'], { error: 'one of upcoming, voting, decided' }),
  rounds: z.array(round).default([]),
  decision: decision.optional(),
  timeline: z.array(timelineEvent).default([]),
  sources: z.array(source).min(1, { error: 'at least one source' }),
  published: fullDate,
  updated: stamp,
  aliases,
});

// ---------------------------------------------------------------------------------------
// Candidates, articles, pages, site

const role = z.strictObject({
  title: text,
  organization: optionalText,
  from: partialDate.optional(),
  /** Omit while the role is held; null when it ended on a day no source reports. */
  to: partialDate.nullable().optional(),
  /** A caveat readers should see, e.g. that the years come from one secondary source. */
  note: optionalText,
  sources: sourceIds,
});

const quotation = z.strictObject({
  /** The candidate's own words, exactly as published. */
  text,
  /** Where and to whom it was said. */
  context: text,
  date: partialDate,
  source: slug,
});

export const candidate = z.strictObject({
  name: text,
  fullName: optionalText,
  /** How the name sorts: "Doe, Jane". */
  sortName: text,
  /**
   * How languages that agree words with a person write about them (French "élue" or "élu",
   * Spanish "elegida" or "elegido"). Without it, pages use wording that agrees with anyone.
   */
  grammaticalGender: z.enum(['feminine', 'masculine']).optional(),
  nationality: text,
  nominatedBy: text,
  born: z
    .strictObject({
      date: partialDate.optional(),
      place: optionalText,
      /** When only an age was reported: the age and the day it was reported for. */
      reportedAge: z.strictObject({ age: z.number().int().positive(), on: fullDate }).optional(),
      sources: sourceIds,
    })
    .optional(),
  /** One line: who they are. */
  summary: text,
  roles: z.array(role).default([]),
  education: z
    .array(
      z.strictObject({
        qualification: text,
        institution: text,
        from: partialDate.optional(),
        to: partialDate.optional(),
        sources: sourceIds,
      }),
    )
    .default([]),
  positions: z
    .array(
      z.strictObject({
        topic: text,
        /** Editorial summary, in our words. */
        summary: text,
        quotes: z.array(quotation).default([]),
        sources: sourceIds,
      }),
    )
    .default([]),
  photo: z
    .strictObject({
      src: text,
      alt: text,
      credit: text,
      licence: text,
    })
    .optional(),
  /** Other profiles of the same person (for structured data). */
  sameAs: z.array(url).default([]),
  aliases,
  updated: stamp,
  sources: sourceIds,
});

export const article = z.strictObject({
  title: text,
  description: text,
  published: fullDate,
  updated: stamp,
  order: z.number().int().default(100),
  draft: z.boolean({ error: 'true or false' }).default(false),
  aliases,
  related: z.array(slug).default([]),
  sources: sourceIds,
});

export const page = z.strictObject({
  title: text,
  description: text,
  published: fullDate.optional(),
  updated: stamp,
  order: z.number().int().default(100),
  aliases,
});

export const site = z.strictObject({
  name: text,
  tagline: text,
  description: optionalText,
  publisher: z.strictObject({ name: text, url: url.optional() }),
  featured: slug,
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, { error: 'a language code like "en"' }).default('en'),
  /** The last substantive change to the site's own text: translations older than it are stale. */
  updated: stamp.optional(),
});

export type Source = z.infer<typeof source>;
export type Figure = z.infer<typeof figure>;
export type Threshold = z.infer<typeof threshold>;
export type RuleStage = z.infer<typeof ruleStage>;
export type Elimination = z.infer<typeof elimination>;
export type Ending = z.infer<typeof ending>;
export type Round = z.infer<typeof round>;
export type Decision = z.infer<typeof decision>;
export type TimelineEvent = z.infer<typeof timelineEvent>;
export type ElectionData = z.infer<typeof election>;
export type CandidateData = z.infer<typeof candidate>;
export type ArticleData = z.infer<typeof article>;
export type PageData = z.infer<typeof page>;
export type SiteData = z.infer<typeof site>;
