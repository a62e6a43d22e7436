// The content model as zod schemas: what every file may contain. Types come from here.
// Each `error` below is the "expected" half of a message: "Expected <error>, found …".
import { z } from 'zod';
import { isFullDate, isPartialDate } from './dates.js';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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
    .string({ error: 'a date like 2023-05-15, 2023-05 or 2023' })
    .refine(isPartialDate, { error: 'a date like 2023-05-15, 2023-05 or 2023' }),
);

export const fullDate = z
  .string({ error: 'a date like 2023-05-15' })
  .refine(isFullDate, { error: 'a date like 2023-05-15' });

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
  fraction: z.string().regex(/^[1-9]\d*\/[1-9]\d*$/, { error: 'a fraction like "2/3"' }),
  /** "at-least" 2/3 of 165 = 110; "more-than" 1/2 of 100 = 51. */
  comparison: z.enum(['at-least', 'more-than'], { error: 'one of at-least, more-than' }).default('at-least'),
  of: z.enum(['votes-cast', 'present-and-voting', 'members', 'eligible'], {
    error: 'one of votes-cast, present-and-voting, members, eligible',
  }),
  /** The rule in words, as readers should read it. */
  description: text,
  sources: sourceIds,
});

const roundOutcome = z.enum(['continued', 'withdrew', 'eliminated', 'elected'], {
  error: 'one of continued, withdrew, eliminated, elected',
});

export const round = z.strictObject({
  number: z.number({ error: 'a round number' }).int().positive(),
  date: fullDate.optional(),
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
  by: z.enum(['ballot', 'acclamation'], { error: 'one of ballot, acclamation' }),
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
    threshold,
    /** How candidates leave the race between rounds, in words. */
    elimination: optionalText,
    note: optionalText,
    sources: sourceIds,
  }),
  venue: z.strictObject({
    /** The building, when reported. */
    name: optionalText,
    city: text,
    country: text,
    sources: sourceIds,
  }),
  dates: z.strictObject({
    vote: fullDate,
    end: fullDate.optional(),
  }),
  status: z.enum(['upcoming', 'voting', 'decided'], { error: 'one of upcoming, voting, decided' }),
  rounds: z.array(round).default([]),
  decision: decision.optional(),
  timeline: z.array(timelineEvent).default([]),
  sources: z.array(source).min(1, { error: 'at least one source' }),
  published: fullDate,
  updated: fullDate,
  aliases,
});

// ---------------------------------------------------------------------------------------
// Candidates, articles, pages, site

const role = z.strictObject({
  title: text,
  organization: optionalText,
  from: partialDate.optional(),
  /** Omit while the role is held. */
  to: partialDate.optional(),
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
  updated: fullDate,
  sources: sourceIds,
});

export const article = z.strictObject({
  title: text,
  description: text,
  published: fullDate,
  updated: fullDate,
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
  updated: fullDate,
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
});

export type Source = z.infer<typeof source>;
export type Figure = z.infer<typeof figure>;
export type Threshold = z.infer<typeof threshold>;
export type Round = z.infer<typeof round>;
export type Decision = z.infer<typeof decision>;
export type TimelineEvent = z.infer<typeof timelineEvent>;
export type ElectionData = z.infer<typeof election>;
export type CandidateData = z.infer<typeof candidate>;
export type ArticleData = z.infer<typeof article>;
export type PageData = z.infer<typeof page>;
export type SiteData = z.infer<typeof site>;
