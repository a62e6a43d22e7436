// What crawlers, feed readers and other programs get: the sitemap, robots.txt, the Atom feed,
// JSON-LD for pages, and the JSON API. All built from the same Content as the pages: the
// sitemap lists every page in every language with its alternates; each language's edition has
// its own feed.
import { replaceInvalidCharacters } from '../content/characters.js';
import { compareDates, dayOf } from '../content/dates.js';
import type {
  Candidate,
  Content,
  Edition,
  Election,
  Route,
  TranslationState,
} from '../content/model.js';
import { formatDate } from '../i18n/format.js';
import type { Lang } from '../i18n/lang.js';
import { DEFAULT_LANG, LANGS } from '../i18n/lang.js';
import { tr } from '../i18n/messages.js';
import { inLanguage, urls } from '../urls.js';
import type { Translatable } from './languages.js';
import { langAttr } from './languages.js';
import {
  candidateName,
  formatFigure,
  heldNow,
  howElected,
  roundNeeded,
  roundReported,
  titleIn,
  voteStart,
} from './present.js';

/** What a page's dates are drawn from: the site's elections and pages, in any edition. */
type Dated = Pick<Content, 'elections' | 'pages'>;

/** The day a page last changed in substance, from content (never the build time). */
export function lastUpdated(content: Dated, route: Route): string {
  switch (route.kind) {
    case 'home':
      return (
        [...content.elections.map((e) => newestOf(e)), ...content.pages.map((p) => p.updated)]
          .sort(compareDates)
          .at(-1) ?? '1970-01-01'
      );
    case 'page':
      return route.page.updated;
    case 'candidate':
      return route.candidate.updated;
    case 'article':
      return route.article.updated;
    case 'election':
      return newestOf(route.election);
    default:
      return route.election.updated;
  }
}

/** An election's overview changes with its candidates and articles. */
function newestOf(election: Election): string {
  return [
    election.updated,
    ...election.candidates.map((c) => c.updated),
    ...election.articles.map((a) => a.updated),
  ]
    .sort(compareDates)
    .at(-1)!;
}

/**
 * Text for XML: markup escaped, and every character XML 1.0 does not allow (control
 * characters, lone surrogates, U+FFFE, U+FFFF), with DEL, the C1 controls and the
 * noncharacters it discourages, replaced by U+FFFD. Content holding one is refused when it
 * loads; this keeps one that slipped through from making the whole feed unreadable.
 */
const xml = (value: string): string =>
  replaceInvalidCharacters(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

/** The day a translation was last brought up to date, when there is one. */
const translatedOn = (state: TranslationState): string[] =>
  state.status === 'translated' || state.status === 'stale' ? [dayOf(state.translated)] : [];

/** What a page shows, as far as its text goes: the things whose translation it depends on. */
function shownOn(edition: Edition, route: Route): { translation: TranslationState }[] {
  const withParts = (e: Election) => [e, ...e.candidates, ...e.articles];
  switch (route.kind) {
    case 'home':
      return [
        { translation: edition.siteTranslation },
        ...edition.elections.flatMap(withParts),
        ...edition.pages,
      ];
    case 'page':
      return [route.page];
    case 'candidate':
      return [route.candidate];
    case 'article':
      return [route.article];
    case 'election':
      return withParts(route.election);
    default:
      return [route.election];
  }
}

/** The day a page last changed in a language: its content's day, or its translation's if later. */
export function lastUpdatedIn(edition: Edition, route: Route): string {
  return [
    lastUpdated(edition, route),
    ...shownOn(edition, route).flatMap((x) => translatedOn(x.translation)),
  ]
    .sort(compareDates)
    .at(-1)!;
}

/**
 * Every page in every language, each with its alternates in every language and `x-default`
 * (the English page), as Google reads hreflang in sitemaps: each <url> lists all of them,
 * itself included, so the alternates are reciprocal.
 */
export function sitemap(content: Content, baseUrl: string): string {
  const entries = [...content.routes.keys()].flatMap((path) => {
    const langs = LANGS.filter((lang) => content.editions[lang].routes.has(path));
    const alternates = [
      ...langs.map((lang) => [lang, inLanguage(lang, path)] as const),
      ['x-default', path] as const,
    ].map(
      ([hreflang, href]) =>
        `    <xhtml:link rel="alternate" hreflang="${hreflang}" href="${xml(baseUrl + href)}"/>`,
    );
    return langs.map((lang) => {
      const edition = content.editions[lang];
      const lastmod = lastUpdatedIn(edition, edition.routes.get(path)!);
      return `  <url>\n    <loc>${xml(baseUrl + inLanguage(lang, path))}</loc>\n    <lastmod>${lastmod}</lastmod>\n${alternates.join('\n')}\n  </url>`;
    });
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${entries.join('\n')}\n</urlset>\n`;
}

export function robots(baseUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${baseUrl}${urls.sitemap()}\n`;
}

interface FeedEntry {
  title: string;
  url: string;
  /** The entry's id when it is not its URL (several entries share a page). */
  id?: string;
  summary: string;
  /** The summary is content not translated yet: English, marked as such. */
  summaryInEnglish?: boolean;
  published: string;
  updated: string;
  /** An election's decision: listed before its last round when both have the same instant. */
  decision?: boolean;
}

/** A field of a thing (or of an object in it) is shown in English in this edition. */
const untranslated = (lang: Lang, x: Translatable, key: string): boolean =>
  langAttr(x, lang, key) !== '';

/**
 * How many entries a feed carries: the newest. Feed readers fetch it again every few minutes
 * (on vote day, many of them); the sitemap, not the feed, lists every page.
 */
export const FEED_ENTRIES = 100;

/**
 * Atom: the articles, candidate profiles and election pages of a language's edition, most
 * recently updated first (the newest FEED_ENTRIES), linking to the pages in that language.
 * English is `/feed.xml`.
 */
export function atomFeed(content: Content, baseUrl: string, lang: Lang = DEFAULT_LANG): string {
  const edition = content.editions[lang];
  const t = tr(lang);
  const at = (path: string): string => inLanguage(lang, path);
  const entries: FeedEntry[] = edition.elections.flatMap((e) => [
    {
      title: e.title,
      url: at(e.url),
      summary: e.description,
      summaryInEnglish: untranslated(lang, e, 'description'),
      published: e.published,
      updated: e.updated,
    },
    ...voteDayEntries(e, lang),
    ...e.articles.map((a) => ({
      title: titleIn(a.title, e.shortTitle, lang),
      url: at(a.url),
      summary: a.description,
      summaryInEnglish: untranslated(lang, a, 'description'),
      published: a.published,
      updated: a.updated,
    })),
    ...e.candidates.map((c) => ({
      title: t('page.candidateTitle', { name: c.name, election: e.shortTitle }),
      url: at(c.url),
      summary: c.summary,
      summaryInEnglish: untranslated(lang, c, 'summary'),
      published: e.published,
      updated: c.updated,
    })),
  ]);
  // A day alone is midnight UTC; a time with its offset is that instant. Newest first by
  // instant (as text, "2025-06-30T23:30-05:00" sorted before "2025-07-01").
  const stamp = (when: string): string =>
    when.length === 10 ? `${when}T00:00:00Z` : new Date(when).toISOString().replace('.000Z', 'Z');
  const instant = new Map(entries.map((e) => [e, Date.parse(stamp(e.updated))]));
  entries.sort(
    (a, b) =>
      instant.get(b)! - instant.get(a)! ||
      Number(b.decision ?? false) - Number(a.decision ?? false) ||
      a.title.localeCompare(b.title),
  );
  entries.splice(FEED_ENTRIES);
  const newest = entries[0]?.updated ?? '1970-01-01';
  const body = entries.map(
    (e) => `  <entry>
    <title>${xml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(baseUrl + e.url)}"/>
    <id>${xml(baseUrl + (e.id ?? e.url))}</id>
    <published>${stamp(e.published)}</published>
    <updated>${stamp(e.updated)}</updated>
    <summary${e.summaryInEnglish ? ' xml:lang="en"' : ''}>${xml(e.summary)}</summary>
  </entry>`,
  );
  const site = edition.site;
  const language = lang === DEFAULT_LANG ? site.language : lang;
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(language)}">
  <title>${xml(site.name)}</title>
  <subtitle${untranslated(lang, edition.site, 'tagline') ? ' xml:lang="en"' : ''}>${xml(site.tagline)}</subtitle>
  <link rel="alternate" type="text/html" href="${xml(baseUrl + urls.home(lang))}"/>
  <link rel="self" type="application/atom+xml" href="${xml(baseUrl + urls.feed(lang))}"/>
  <id>${xml(baseUrl + urls.home(lang))}</id>
  <updated>${stamp(newest)}</updated>
  <author><name>${xml(site.publisher.name)}</name></author>
${body.join('\n')}
</feed>
`;
}

/** An entry per reported round, and one for the decision: the feed follows the vote. */
function voteDayEntries(e: Election, lang: Lang): FeedEntry[] {
  const t = tr(lang);
  const results = inLanguage(lang, urls.results(e.slug));
  const overview = inLanguage(lang, e.url);
  const entries: FeedEntry[] = e.rounds.map((round) => {
    const day = round.date ?? e.dates.vote;
    const when = roundReported(e, round)?.iso ?? day;
    const votes = round.results
      .map((r) => `${candidateName(e, r.candidate)} ${formatFigure(r.votes, lang)}`)
      .join(', ');
    const needed = roundNeeded(e, round);
    return {
      title: titleIn(t('vote.roundReported', { round: round.number }), e.shortTitle, lang),
      url: results,
      id: `${results}#round-${round.number}`,
      summary: `${votes}.${needed === null ? '' : ` ${t('vote.needed', { count: needed })}`}`,
      published: when,
      updated: when,
    };
  });
  const d = e.decision;
  if (d) {
    const winner = candidateName(e, d.winner);
    // A decision is dated by its day, which is midnight: not before the rounds that led to it.
    const last = entries.at(-1)?.updated;
    const decided = last !== undefined && last.slice(0, 10) === d.date ? last : d.date;
    entries.push({
      title: titleIn(t('vote.elected', { winner, how: howElected(d, lang) }), e.shortTitle, lang),
      url: overview,
      id: `${overview}#decision`,
      summary:
        d.note ?? t('vote.electedOn', { winner, office: e.office, date: formatDate(d.date, lang) }),
      summaryInEnglish: d.note !== undefined && untranslated(lang, d, 'note'),
      published: decided,
      updated: decided,
      decision: true,
    });
  }
  return entries;
}

/** JSON for a <script type="application/ld+json">: "<" is escaped so content can never close the element. */
export function jsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** What a page says of itself in its language: its name and description as its <head> has them. */
export interface PageWords {
  lang: Lang;
  name?: string;
  description?: string;
}

/**
 * schema.org data for a page, in its language: `inLanguage`, and the names and descriptions of
 * the language's edition (translated where a translation exists; the route's objects are the
 * edition's own).
 */
export function structuredData(
  content: Content,
  route: Route,
  url: string,
  image: string | undefined,
  words: PageWords = { lang: DEFAULT_LANG },
): object {
  const { lang } = words;
  const edition = content.editions[lang];
  const inLanguage = lang === DEFAULT_LANG ? edition.site.language : lang;
  const publisher = {
    '@type': 'Organization',
    name: edition.site.publisher.name,
    ...(edition.site.publisher.url ? { url: edition.site.publisher.url } : {}),
  };
  const named = {
    ...(words.name !== undefined ? { name: words.name } : {}),
    ...(words.description !== undefined ? { description: words.description } : {}),
  };
  switch (route.kind) {
    case 'article':
      return {
        '@context': 'https://schema.org',
        '@type': 'Article',
        inLanguage,
        headline: route.article.title,
        description: route.article.description,
        datePublished: route.article.published,
        dateModified: route.article.updated,
        mainEntityOfPage: url,
        author: publisher,
        publisher,
        ...(image ? { image } : {}),
      };
    case 'candidate':
      return {
        '@context': 'https://schema.org',
        '@type': 'ProfilePage',
        inLanguage,
        url,
        ...named,
        dateModified: route.candidate.updated,
        mainEntity: person(route.candidate, route.election),
      };
    case 'election': {
      const e = route.election;
      return {
        '@context': 'https://schema.org',
        '@type': 'WebPage',
        inLanguage,
        url,
        name: e.title,
        description: e.description,
        dateModified: lastUpdatedIn(edition, route),
        about: {
          '@type': 'Event',
          name: e.title,
          startDate: startOf(e),
          ...(e.dates.end
            ? { endDate: e.dates.end }
            : e.decision
              ? { endDate: e.decision.date }
              : {}),
          eventStatus: eventStatus(e),
          location: {
            '@type': 'Place',
            name: [e.venue.name, e.venue.city].filter(Boolean).join(', '),
            address: {
              '@type': 'PostalAddress',
              addressLocality: e.venue.city,
              addressCountry: e.venue.country,
            },
          },
          organizer: {
            '@type': 'Organization',
            name: e.organization.name,
            ...(e.organization.url ? { url: e.organization.url } : {}),
          },
        },
        publisher,
        ...(image ? { image } : {}),
      };
    }
    default:
      return {
        '@context': 'https://schema.org',
        '@type': 'WebPage',
        inLanguage,
        url,
        ...named,
        dateModified: lastUpdatedIn(edition, route),
        publisher,
      };
  }
}

/** schema.org's status of the vote: scheduled until content says it moved or was called off. */
export function eventStatus(election: Election): string {
  const change = election.dates.change;
  const type =
    change === undefined ? 'Scheduled' : change.charAt(0).toUpperCase() + change.slice(1);
  return `https://schema.org/Event${type}`;
}

/** The vote's start: with its time and offset when content gives them. */
function startOf(election: Election): string {
  return voteStart(election)?.iso ?? election.dates.vote;
}

function jobTitleOf(candidate: Candidate): { jobTitle?: string } {
  const held = candidate.roles.find(heldNow);
  return held ? { jobTitle: held.title } : {};
}

function person(candidate: Candidate, election: Election): object {
  return {
    '@type': 'Person',
    name: candidate.name,
    ...(candidate.fullName ? { alternateName: candidate.fullName } : {}),
    nationality: { '@type': 'Country', name: candidate.nationality },
    description: candidate.summary,
    ...(candidate.born?.date ? { birthDate: candidate.born.date } : {}),
    // The job the person holds now, if the content says one is held (no end date); a role that
    // ended, or whose end is not reported, is no job title.
    ...jobTitleOf(candidate),
    ...(candidate.sameAs.length > 0 ? { sameAs: candidate.sameAs } : {}),
    subjectOf: { '@type': 'WebPage', name: election.title },
  };
}
