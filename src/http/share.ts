// Share images per election and candidate, drawn once per content version and kept with it.
import type { Content, Election } from '../content/model.js';
import { formatDate } from '../content/dates.js';
import type { ShareCard } from '../share/card.js';
import { candidateName, candidateOutcome, roleAtVote } from './present.js';

function electionCard(content: Content, election: Election): ShareCard {
  const d = election.decision;
  const card: ShareCard = {
    kicker: content.site.name,
    title: election.title,
    lines: [
      `${election.office}, ${election.organization.acronym ?? election.organization.name}`,
      `Vote: ${formatDate(election.dates.vote)}, ${election.venue.city}`,
      `Candidates: ${election.candidates.map((c) => c.name).join(', ')}`,
    ],
    footer: content.site.tagline,
  };
  if (d)
    card.highlight = `${candidateName(election, d.winner)} elected ${d.by === 'acclamation' ? 'by acclamation' : `in round ${d.round ?? ''}`}`;
  return card;
}

function candidateCard(content: Content, election: Election, slug: string): ShareCard | undefined {
  const candidate = election.candidates.find((c) => c.slug === slug);
  if (!candidate) return undefined;
  const outcome = candidateOutcome(election, slug);
  const card: ShareCard = {
    kicker: election.title,
    title: candidate.name,
    lines: [
      `Candidate for ${election.office}`,
      ...[roleAtVote(candidate, election)].filter((r): r is string => r !== undefined),
      `Nominated by ${candidate.nominatedBy}`,
    ],
    footer: content.site.name,
  };
  if (outcome.outcome !== 'standing') card.highlight = outcome.label;
  return card;
}

const cache = new WeakMap<Content, Map<string, Promise<Buffer>>>();

/** The PNG for `/share/<election>.png` or `/share/<election>/<candidate>.png`; undefined if there is none. */
export function shareImage(
  content: Content,
  election: string,
  candidate?: string,
): Promise<Buffer> | undefined {
  const found = content.elections.find((e) => e.slug === election);
  if (!found) return undefined;
  const card =
    candidate === undefined
      ? electionCard(content, found)
      : candidateCard(content, found, candidate);
  if (!card) return undefined;
  let images = cache.get(content);
  if (!images) {
    images = new Map();
    cache.set(content, images);
  }
  const key = `${election}/${candidate ?? ''}`;
  let image = images.get(key);
  if (!image) {
    // The drawing libraries load on the first share image, not at start-up.
    image = import('../share/card.js').then(({ renderShareCard }) => renderShareCard(card));
    // A failed drawing is not kept: the next request tries again.
    image.catch(() => images.delete(key));
    images.set(key, image);
  }
  return image;
}
