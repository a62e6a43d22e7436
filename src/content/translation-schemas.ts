// What a translation file (`ana-lima.fr.md`, `election.es.yaml`) may hold: the reader-facing
// text of its English file, mirroring schemas.ts field for field, and nothing else. Numbers,
// dates, slugs, URLs, enum values and source lists are written once, in the English file.
// Every field is optional: what a translation leaves out is shown in English.
import { z } from 'zod';
import { stamp } from './schemas.js';

const text = z.string({ error: 'text' }).trim().min(1, { error: 'text that is not empty' });
const optionalText = text.optional();

/** A list translated element for element: `{}` for an element with nothing to translate. */
const list = <T extends z.ZodType>(element: T) =>
  z.array(element, { error: 'a list, element for element as in the English file' }).optional();

/** When the translation was last brought in line with the English text: a day, or a day and a time. */
const translated = stamp;

const figure = z.strictObject({ by: optionalText, note: optionalText }).optional();

const threshold = z.strictObject({ description: optionalText }).optional();

/** Like the English file, the elimination rule may be written as text alone. */
const elimination = z
  .preprocess(
    (value: unknown) => (typeof value === 'string' ? { description: value } : value),
    z.strictObject({ description: optionalText }),
  )
  .optional();

/**
 * Sources' words by source id: the short label citations show, the note, where a story was
 * read. Keyed, not a list element for element: on vote day sources are added to the English
 * file often, and each addition would have shifted every translated source after it. A
 * source keeps its own title and publisher in every language.
 */
export const sourceFields = { label: optionalText, note: optionalText, via: optionalText };
const sourceWords = z
  .record(z.string(), z.strictObject(sourceFields), {
    error: 'sources by id, like "wire-story: { label: … }"',
  })
  .optional();

export const election = z.strictObject({
  translated,
  title: optionalText,
  shortTitle: optionalText,
  description: optionalText,
  overview: optionalText,
  organization: z.strictObject({ name: optionalText, acronym: optionalText }).optional(),
  office: optionalText,
  electingBody: z.strictObject({ name: optionalText, session: optionalText }).optional(),
  electorate: z.strictObject({ members: figure, eligible: figure, note: optionalText }).optional(),
  method: z.strictObject({ description: optionalText }).optional(),
  rule: z
    .strictObject({
      threshold,
      stages: list(z.strictObject({ threshold })),
      elimination,
      note: optionalText,
    })
    .optional(),
  venue: z.strictObject({ name: optionalText, city: optionalText, country: optionalText }).optional(),
  rounds: list(
    z.strictObject({
      threshold,
      cast: figure,
      abstentions: figure,
      invalid: figure,
      needed: figure,
      results: list(z.strictObject({ votes: figure, note: optionalText })),
      note: optionalText,
    }),
  ),
  decision: z.strictObject({ note: optionalText }).optional(),
  timeline: list(z.strictObject({ title: optionalText, detail: optionalText })),
  sources: sourceWords,
});

export const candidate = z.strictObject({
  translated,
  nationality: optionalText,
  nominatedBy: optionalText,
  born: z.strictObject({ place: optionalText }).optional(),
  summary: optionalText,
  roles: list(z.strictObject({ title: optionalText, organization: optionalText, note: optionalText })),
  education: list(z.strictObject({ qualification: optionalText, institution: optionalText })),
  positions: list(
    z.strictObject({
      topic: optionalText,
      summary: optionalText,
      quotes: list(z.strictObject({ text: optionalText, context: optionalText })),
    }),
  ),
  photo: z.strictObject({ alt: optionalText }).optional(),
});

export const article = z.strictObject({ translated, title: optionalText, description: optionalText });

export const page = z.strictObject({ translated, title: optionalText, description: optionalText });

export const site = z.strictObject({
  translated,
  name: optionalText,
  tagline: optionalText,
  description: optionalText,
  publisher: z.strictObject({ name: optionalText }).optional(),
});

export type ElectionText = z.infer<typeof election>;
export type CandidateText = z.infer<typeof candidate>;
export type ArticleText = z.infer<typeof article>;
export type PageText = z.infer<typeof page>;
export type SiteText = z.infer<typeof site>;
export type AnyText = ElectionText | CandidateText | ArticleText | PageText | SiteText;
