// What crawlers, feed readers and other programs get: the sitemap, robots.txt, the Atom feed,
// JSON-LD for pages, and the JSON API. All built from the same Content as the pages.
import { compareDates } from '../content/dates.js';
import type { Candidate, Content, Election, Route } from '../content/model.js';
import { urls } from '../urls.js';
import {
  candidateName,
  formatFigure,
  howElected,
  roundNeeded,
  roundReported,
  voteStart,
} from './present.js';

/** The day a page last changed in substance, from content (never the build time). */
export function lastUpdated(content: Content, route: Route): string {
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

const xml = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

export function sitemap(content: Content, baseUrl: string): string {
  const entries = [...content.routes].map(
    ([path, route]) =>
      `  <url><loc>${xml(baseUrl + path)}</loc><lastmod>${lastUpdated(content, route)}</lastmod></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
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
  published: string;
  updated: string;
}

/** Atom: the articles, candidate profiles and election pages, most recently updated first. */
export function atomFeed(content: Content, baseUrl: string): string {
  const entries: FeedEntry[] = content.elections.flatMap((e) => [
    {
      title: e.title,
      url: e.url,
      summary: e.description,
      published: e.published,
      updated: e.updated,
    },
    ...voteDayEntries(e),
    ...e.articles.map((a) => ({
      title: `${a.title}: ${e.shortTitle}`,
      url: a.url,
      summary: a.description,
      published: a.published,
      updated: a.updated,
    })),
    ...e.candidates.map((c) => ({
      title: `${c.name}: candidate profile, ${e.shortTitle}`,
      url: c.url,
      summary: c.summary,
      published: e.published,
      updated: c.updated,
    })),
  ]);
  entries.sort((a, b) => b.updated.localeCompare(a.updated) || a.title.localeCompare(b.title));
  // A day alone is midnight UTC; a time with its offset is that instant.
  const stamp = (when: string): string =>
    when.length === 10 ? `${when}T00:00:00Z` : new Date(when).toISOString().replace('.000Z', 'Z');
  const newest = entries[0]?.updated ?? '1970-01-01';
  const body = entries.map(
    (e) => `  <entry>
    <title>${xml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(baseUrl + e.url)}"/>
    <id>${xml(baseUrl + (e.id ?? e.url))}</id>
    <published>${stamp(e.published)}</published>
    <updated>${stamp(e.updated)}</updated>
    <summary>${xml(e.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(content.site.language)}">
  <title>${xml(content.site.name)}</title>
  <subtitle>${xml(content.site.tagline)}</subtitle>
  <link rel="alternate" type="text/html" href="${xml(baseUrl)}/"/>
  <link rel="self" type="application/atom+xml" href="${xml(baseUrl + urls.feed())}"/>
  <id>${xml(baseUrl)}/</id>
  <updated>${stamp(newest)}</updated>
  <author><name>${xml(content.site.publisher.name)}</name></author>
${body.join('\n')}
</feed>
`;
}

/** An entry per reported round, and one for the decision: the feed follows the vote. */
function voteDayEntries(e: Election): FeedEntry[] {
  const entries: FeedEntry[] = e.rounds.map((round) => {
    const day = round.date ?? e.dates.vote;
    const when = roundReported(e, round)?.iso ?? day;
    const votes = round.results
      .map((r) => `${candidateName(e, r.candidate)} ${formatFigure(r.votes)}`)
      .join(', ');
    const needed = roundNeeded(e, round);
    return {
      title: `Round ${round.number} reported: ${e.shortTitle}`,
      url: urls.results(e.slug),
      id: `${urls.results(e.slug)}#round-${round.number}`,
      summary: `${votes}.${needed === null ? '' : ` ${needed} votes were needed.`}`,
      published: when,
      updated: when,
    };
  });
  const d = e.decision;
  if (d) {
    entries.push({
      title: `${candidateName(e, d.winner)} elected ${howElected(d)}: ${e.shortTitle}`,
      url: e.url,
      id: `${e.url}#decision`,
      summary: d.note ?? `${candidateName(e, d.winner)} was elected ${e.office} on ${d.date}.`,
      published: d.date,
      updated: d.date,
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

/** schema.org data for a page. */
export function structuredData(
  content: Content,
  route: Route,
  url: string,
  image: string | undefined,
): object {
  const publisher = {
    '@type': 'Organization',
    name: content.site.publisher.name,
    ...(content.site.publisher.url ? { url: content.site.publisher.url } : {}),
  };
  switch (route.kind) {
    case 'article':
      return {
        '@context': 'https://schema.org',
        '@type': 'Article',
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
        url,
        dateModified: route.candidate.updated,
        mainEntity: person(route.candidate, route.election),
      };
    case 'election': {
      const e = route.election;
      return {
        '@context': 'https://schema.org',
        '@type': 'WebPage',
        url,
        name: e.title,
        description: e.description,
        dateModified: lastUpdated(content, route),
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
        url,
        dateModified: lastUpdated(content, route),
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

function person(candidate: Candidate, election: Election): object {
  return {
    '@type': 'Person',
    name: candidate.name,
    ...(candidate.fullName ? { alternateName: candidate.fullName } : {}),
    nationality: { '@type': 'Country', name: candidate.nationality },
    description: candidate.summary,
    ...(candidate.born?.date ? { birthDate: candidate.born.date } : {}),
    ...(candidate.roles[0]
      ? {
          jobTitle:
            candidate.roles.find((r) => r.to === undefined)?.title ?? candidate.roles[0].title,
        }
      : {}),
    ...(candidate.sameAs.length > 0 ? { sameAs: candidate.sameAs } : {}),
    subjectOf: { '@type': 'WebPage', name: election.title },
  };
}
