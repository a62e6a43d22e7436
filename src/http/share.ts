// Share images per election and candidate: what each card says, and drawing it. The HTTP
// layer draws each once per content version and keeps the PNG with its other responses.
import type { Candidate, Content, Edition, Election } from '../content/model.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import type { Lang } from '../i18n/lang.js';
import { DEFAULT_LANG } from '../i18n/lang.js';
import { tr } from '../i18n/messages.js';
import type { ShareCard } from '../share/card.js';
import {
  candidateName,
  candidateOutcome,
  formatFigure,
  howElected,
  lastRound,
  roleAtVote,
} from './present.js';

function electionCard(edition: Edition, election: Election): ShareCard {
  const t = tr(edition.lang);
  const d = election.decision;
  const card: ShareCard = {
    kicker: edition.site.name,
    title: election.title,
    lines: [
      `${election.office}, ${election.organization.acronym ?? election.organization.name}`,
      t('vote.date', {
        date: formatDate(election.dates.vote, edition.lang),
        city: election.venue.city,
      }),
      t('vote.candidates', { names: election.candidates.map((c) => c.name).join(', ') }),
    ],
    footer: edition.site.tagline,
  };
  if (d)
    card.highlight = t('vote.elected', {
      winner: candidateName(election, d.winner),
      how: howElected(d, edition.lang),
    });
  else if (election.status === 'voting') card.highlight = liveHeadline(election, edition.lang);
  else if (election.status === 'upcoming') card.highlight = t('vote.before');
  return card;
}

/** The card's line while voting: the last round's votes, or that voting has begun. */
function liveHeadline(election: Election, lang: Lang): string {
  const t = tr(lang);
  const last = lastRound(election);
  if (!last) return t('live.underWay');
  const votes = last.results
    .filter((r) => r.votes.value !== null)
    .map((r) => `${candidateName(election, r.candidate)} ${formatNumber(r.votes.value!, lang)}`)
    .join(', ');
  return votes
    ? t('vote.roundVotes', { round: last.number, votes })
    : t('vote.roundReported', { round: last.number });
}

function candidateCard(edition: Edition, election: Election, slug: string): ShareCard | undefined {
  const t = tr(edition.lang);
  const candidate = election.candidates.find((c) => c.slug === slug);
  if (!candidate) return undefined;
  const outcome = candidateOutcome(election, slug, edition.lang);
  const card: ShareCard = {
    kicker: election.title,
    title: candidate.name,
    lines: [
      t('vote.candidateFor', { office: election.office }),
      ...[roleAtVote(candidate, election)].filter((r): r is string => r !== undefined),
      t('vote.nominatedBy', { by: candidate.nominatedBy }),
    ],
    footer: edition.site.name,
  };
  if (outcome.outcome !== 'standing') card.highlight = outcome.label;
  return card;
}

/**
 * The card for `/share/<election>.png` or `/share/<election>/<candidate>.png` in a language
 * (`/fr/share/…`), in the words of its catalogue and the text of its edition; undefined if
 * there is none.
 */
export function shareCard(
  content: Content,
  election: string,
  candidate?: string,
  lang: Lang = DEFAULT_LANG,
): ShareCard | undefined {
  const edition = content.editions[lang];
  const found = edition.elections.find((e) => e.slug === election);
  if (!found) return undefined;
  return candidate === undefined
    ? electionCard(edition, found)
    : candidateCard(edition, found, candidate);
}

/** What an election's share image shows, in words: its alt text. */
export function electionShareAlt(election: Election, lang: Lang = DEFAULT_LANG): string {
  const last = election.rounds.at(-1);
  if (election.status !== 'voting' || !last) return election.title;
  return tr(lang)('vote.shareAltRound', {
    election: election.title,
    round: last.number,
    votes: last.results
      .map((r) => `${candidateName(election, r.candidate)} ${formatFigure(r.votes, lang)}`)
      .join(', '),
  });
}

/** What a candidate's share image shows, in words. */
export function candidateShareAlt(
  election: Election,
  candidate: Candidate,
  lang: Lang = DEFAULT_LANG,
): string {
  return tr(lang)('vote.shareAlt', { name: candidate.name, election: election.shortTitle });
}

/** Draws a card as PNG. The drawing libraries load on the first image, not at start-up. */
export async function drawShareCard(card: ShareCard): Promise<Buffer> {
  const { renderShareCard } = await import('../share/card.js');
  return renderShareCard(card);
}
