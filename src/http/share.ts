// Share images per election and candidate: what each card says, and drawing it. The HTTP
// layer draws each once per content version and keeps the PNG with its other responses.
import type { Content, Election } from '../content/model.js';
import { formatDate } from '../content/dates.js';
import type { ShareCard } from '../share/card.js';
import { candidateName, candidateOutcome, howElected, lastRound, roleAtVote } from './present.js';

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
  if (d) card.highlight = `${candidateName(election, d.winner)} elected ${howElected(d)}`;
  else if (election.status === 'voting') card.highlight = liveHeadline(election);
  else if (election.status === 'upcoming') card.highlight = 'Before the vote';
  return card;
}

/** The card's line while voting: the last round's votes, or that voting has begun. */
function liveHeadline(election: Election): string {
  const last = lastRound(election);
  if (!last) return 'Voting under way';
  const votes = last.results
    .filter((r) => r.votes.value !== null)
    .map((r) => `${candidateName(election, r.candidate)} ${r.votes.value ?? ''}`)
    .join(', ');
  return `Round ${last.number}${votes ? `: ${votes}` : ' reported'}`;
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

/** The card for `/share/<election>.png` or `/share/<election>/<candidate>.png`; undefined if there is none. */
export function shareCard(
  content: Content,
  election: string,
  candidate?: string,
): ShareCard | undefined {
  const found = content.elections.find((e) => e.slug === election);
  if (!found) return undefined;
  return candidate === undefined
    ? electionCard(content, found)
    : candidateCard(content, found, candidate);
}

/** Draws a card as PNG. The drawing libraries load on the first image, not at start-up. */
export async function drawShareCard(card: ShareCard): Promise<Buffer> {
  const { renderShareCard } = await import('../share/card.js');
  return renderShareCard(card);
}
