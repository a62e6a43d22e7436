// Français : l'interface telle qu'un secrétariat de rédaction l'écrirait. Typographie
// française : espace insécable (U+00A0) avant « : » et à l'intérieur des guillemets, espace fine
// insécable (U+202F) avant ; ! ? — écrites ici par \u00a0 et \u202f pour rester visibles.
import type { Catalogue } from '../messages.js';

export const fr = {
  'layout.skipLink': 'Aller au contenu principal',
  'layout.siteNav': 'Navigation du site',
  'layout.breadcrumb': 'Fil d’Ariane',
  'layout.published': 'Publié le {date}.',
  'layout.updated': 'Dernière mise à jour le {date}.',
  'layout.publishedBy': 'Publié par {publisher}.',
  'layout.languages': 'Langue',
  'layout.footer': '{name}. {tagline}',
  'punct.colon': '\u00a0: ',
  'punct.listSeparator': '\u202f; ',
  'translation.missing':
    'Cette page n’est pas encore traduite en français\u00a0: son texte est affiché dans sa version originale anglaise.',
  'translation.withheld':
    'La traduction de cette page est en cours de correction\u00a0: son texte est affiché dans sa version originale anglaise en attendant.',
  'translation.original': 'Lire la page en anglais',
  'translation.stale':
    'Cette traduction date du {translated}\u202f; la version anglaise a été mise à jour le {updated}, et certains passages n’en tiennent peut-être pas encore compte.',
  'live.lastUpdated': 'Dernière mise à jour\u00a0: {time}.',
  'live.reload': 'Recharger pour voir les derniers chiffres',
  'live.underWay': 'Vote en cours',
  'live.roundReported': 'résultats du {round:ordinal} tour publiés',
  'live.roundReportedAt': 'résultats du {round:ordinal} tour publiés à',
  'live.noRoundYet': 'aucun résultat publié pour l’instant',
  'live.noRoundYetBegan': 'aucun résultat publié pour l’instant\u202f; le vote a commencé à',
  'live.resultsSoFar': 'Les résultats à ce stade',

  'nav.overview': 'Vue d’ensemble',
  'nav.results': 'Résultats',
  'nav.compare': 'Comparer les candidatures',
  'nav.timeline': 'Chronologie',
  'nav.sources': 'Sources',

  'election.inBrief': 'En bref',
  'election.candidates': 'Les candidatures',
  'election.alphabetical': 'Par ordre alphabétique.',
  'election.compareLink': 'Les comparer point par point',
  'election.howDecided': 'Comment l’élection s’est jouée',
  'election.roundsHeld': {
    count: {
      one: 'Un seul tour de scrutin a eu lieu.',
      other: '{count} tours de scrutin ont eu lieu.',
    },
  },
  'election.resultsLink': 'Les résultats tour par tour',
  'election.explainers': 'Décryptages',
  'election.draft': 'Brouillon — non publié',
  'election.comingUp': 'Prochaines étapes',
  'election.latestEvents': 'Derniers événements',
  'election.fullTimeline': 'Toute la chronologie',
  'election.allSources': 'Toutes les sources',
  'cite.label': { count: { one: 'Source\u00a0:', other: 'Sources\u00a0:' } },

  'glance.title': 'En un coup d’œil\u00a0:',
  'glance.elected':
    'Instance\u00a0: {body}\u202f; vote le {date} à {city}\u202f; pour l’emporter, il faut {rule}.',
  'glance.electedStages':
    'Instance\u00a0: {body}\u202f; vote le {date} à {city}\u202f; la majorité requise dépend du tour ({rule}).',
  'glance.winner': {
    gender: {
      female: '{winner} a été élue {how}',
      male: '{winner} a été élu {how}',
      other: '{winner} l’a emporté {how}',
    },
  },
  'glance.termBegan': '\u202f; le mandat a commencé le {date}',
  'glance.more': 'Chiffres clés et sources',
  'status.upcoming': 'Le vote n’a pas encore eu lieu',
  'status.voting': 'Le vote est en cours',

  'how.acclamation': 'par acclamation',
  'how.round': 'au {round:ordinal} tour',
  'how.withdrawal': 'après le retrait des autres candidatures',
  'how.lot': 'par tirage au sort',
  'outcome.elected': {
    gender: {
      female: 'Élue {how}, le {date}',
      male: 'Élu {how}, le {date}',
      other: 'Victoire {how}, le {date}',
    },
  },
  'outcome.withdrew': 'Retrait après le {round:ordinal} tour',
  'outcome.eliminated': {
    gender: {
      female: 'Éliminée à l’issue du {round:ordinal} tour',
      male: 'Éliminé à l’issue du {round:ordinal} tour',
      other: 'Candidature éliminée à l’issue du {round:ordinal} tour',
    },
  },
  'outcome.notElected': {
    gender: { female: 'Non élue', male: 'Non élu', other: 'Candidature non retenue' },
  },
  'outcome.standing': 'En lice',
  'result.continued': 'Reste en lice',
  'result.withdrew': 'Retrait',
  'result.eliminated': { gender: { female: 'Éliminée', male: 'Éliminé', other: 'Hors course' } },
  'result.elected': { gender: { female: 'Élue', male: 'Élu', other: 'Victoire' } },
  'result.notElected': {
    gender: { female: 'Non élue', male: 'Non élu', other: 'Candidature non retenue' },
  },

  'figure.notReported': 'non communiqué',
  'figure.notKnown': 'inconnu',
  'provenance.notReported': 'Non communiqué',
  'provenance.official': 'Chiffre officiel',
  'provenance.reported': 'Selon {by}',
  'provenance.thePress': 'la presse',
  'provenance.unconfirmed': 'Non confirmé',

  'age.exact': '{age} ans',
  'age.range': '{min} ou {max} ans',
  'age.asReported': '{age} (âge rapporté)',
  'age.fromReported': '{age} (d’après l’âge rapporté le {date})',

  'candidate.nationality': 'Nationalité',
  'candidate.nominatedBy': 'Candidature présentée par',
  'candidate.ageAtVote': 'Âge le jour du vote',
  'candidate.result': 'Résultat',
  'candidate.notKnown': 'Inconnu',

  'facts.title': 'Chiffres clés',
  'facts.office': 'Fonction',
  'facts.whoElects': 'Qui élit',
  'facts.electorate': 'Corps électoral',
  'facts.memberStates': {
    count: { one: '{members} État membre', other: '{members} États membres' },
  },
  'facts.membersNotReported': 'Nombre de membres non communiqué',
  'facts.eligible': ', dont {eligible} appelés à voter ({provenance})',
  'facts.eligibleAlone': '\u202f; {eligible} appelés à voter ({provenance})',
  'facts.how': 'Mode de scrutin',
  'facts.toWin': 'Pour l’emporter',
  'facts.whenWhere': 'Date et lieu',
  'facts.from': ', à partir de {time}',
  'facts.outcome': 'Issue',
  'facts.winner': {
    gender: {
      female: '{winner}, élue {how} le {date}',
      male: '{winner}, élu {how} le {date}',
      other: 'Victoire de {winner} {how}, le {date}',
    },
  },
  'facts.term': 'Mandat',
  'facts.termYears': '{years} ans à compter du {date}',
  'facts.termFrom': 'À compter du {date}',
  'facts.status': 'État du scrutin',

  'willTake.title': 'Ce qu’il faut pour l’emporter',
  'willTake.due': 'Le vote est prévu le {date}. Lieu\u00a0: {place}.',
  'willTake.dueAt': 'Le vote est prévu le {date}, à partir de {time}. Lieu\u00a0: {place}.',
  'willTake.began': 'Le vote a commencé le {date}. Lieu\u00a0: {place}.',
  'willTake.beganAt': 'Le vote a commencé le {date} à {time}. Lieu\u00a0: {place}.',
  'willTake.toWin': 'Pour l’emporter',
  'willTake.steps': 'La règle, étape par étape',
  'next.title': 'La suite',

  'race.caption':
    'L’élection tour par tour\u00a0: les voix de chaque candidature et le nombre de voix requis pour l’emporter à chaque tour',
  'race.round': '{round:ordinal} tour',
  'race.neededUnknown': 'seuil inconnu',
  'race.needed': '{needed} requises',
  'race.keyNeeded': 'voix requises',
  'race.keyMarks': '✕ éliminé · R retrait · ✓ élu',
  'race.markWithdrew': 'R',
  'race.tableCaption': 'Voix obtenues à chaque tour et voix requises pour l’emporter',
  'race.candidate': 'Candidature',
  'race.notStanding': 'absent de ce tour',
  'race.neededToWin': 'Voix requises pour l’emporter',
  'chart.caption': '{round:ordinal} tour\u00a0: voix obtenues par chaque candidature',
  'chart.against': ', pour {needed} voix requises',
  'chart.key': 'La ligne marque les {needed} voix requises\u00a0: {rule}.',

  'results.lead':
    '{title}\u00a0: les voix de chaque tour, ce qu’il faut pour l’emporter et l’origine de chaque chiffre.',
  'results.leadDecided':
    '{title}\u00a0: les voix de chaque tour, ce qu’il a fallu pour l’emporter et l’origine de chaque chiffre.',
  'results.noVotesYet': 'Aucun vote n’a encore eu lieu.',
  'results.noResultsYet': 'Aucun résultat n’a encore été publié.',
  'results.dueOn': 'Le vote est prévu le {date} à {city}.',
  'results.dueOnAt': 'Le vote est prévu le {date} à {time} à {city}.',
  'results.beganOn': 'Le vote a commencé le {date} à {city}.',
  'results.beganOnAt': 'Le vote a commencé le {date} à {time} à {city}.',
  'results.appearHere': 'Les voix de chaque tour s’afficheront ici dès leur publication.',
  'results.whatItTook': 'Ce qu’il a fallu pour l’emporter',
  'results.whatItTakes': 'Ce qu’il faut pour l’emporter',
  'results.outcome': 'Issue\u00a0:',
  'results.winner': {
    gender: {
      female: '{winner} a été élue {how} le {date}.',
      male: '{winner} a été élu {how} le {date}.',
      other: '{winner} l’a emporté {how}, le {date}.',
    },
  },
  'results.round': '{round:ordinal} tour',
  'results.reportedAt': 'Résultats publiés à {time}.',
  'results.roundNotReported': 'Les voix de ce tour n’ont pas été rendues publiques.',
  'results.votesInRound': 'Voix obtenues au {round:ordinal} tour',
  'results.candidate': 'Candidature',
  'results.votes': 'Voix',
  'results.roundOutcome': 'Issue du tour',
  'results.whereFrom': 'Origine du chiffre',
  'results.outcomeShort': 'Issue',
  'results.source': 'Source',
  'results.arithmetic': 'Les comptes du {round:ordinal} tour',
  'results.abstentions': 'Abstentions',
  'results.invalid': 'Bulletins nuls',
  'results.notCounted': '{provenance}, non pris en compte pour le seuil',
  'results.neededReported': 'Voix requises, selon les chiffres publiés',
  'results.byAcclamation': 'Élection par acclamation',
  'results.byBallot': 'Élection au scrutin',
  'results.byWithdrawal': 'Élection après le retrait des autres candidatures',
  'results.byLot': 'Élection par tirage au sort',
  'results.electedWithdrawal': {
    gender: {
      female: '{winner} a été élue le {date}, après le retrait des autres candidatures.',
      male: '{winner} a été élu le {date}, après le retrait des autres candidatures.',
      other: '{winner} l’a emporté le {date}, après le retrait des autres candidatures.',
    },
  },
  'results.electedLot': {
    gender: {
      female: '{winner} a été élue par tirage au sort le {date}.',
      male: '{winner} a été élu par tirage au sort le {date}.',
      other: '{winner} l’a emporté par tirage au sort le {date}.',
    },
  },
  'results.electedAcclamation': {
    gender: {
      female: '{winner} a été élue par acclamation, sans nouveau tour de scrutin, le {date}.',
      male: '{winner} a été élu par acclamation, sans nouveau tour de scrutin, le {date}.',
      other: '{winner} l’a emporté par acclamation, sans nouveau tour de scrutin, le {date}.',
    },
  },
  'results.electedRound': {
    gender: {
      female: '{winner} a été élue au {round:ordinal} tour, le {date}.',
      male: '{winner} a été élu au {round:ordinal} tour, le {date}.',
      other: '{winner} l’a emporté au {round:ordinal} tour, le {date}.',
    },
  },
  'results.termBegan': 'Le mandat a commencé le {date}.',
  'results.termBeganYears':
    'Le mandat a commencé le {date}\u202f; il dure normalement {years} ans.',
  'results.gap': '{name}\u00a0: {text}',

  'chain.members': 'Membres',
  'chain.eligible': 'Appelés à voter',
  'chain.cast': 'Suffrages exprimés',
  'chain.needed': 'Voix requises',
  'chain.neededValue': '{needed} ({rule})',
  'chain.votesNotReported': 'voix non communiquées',
  'chain.votes': { count: { one: '{votes} voix', other: '{votes} voix' } },
  'chain.reached': {
    count: { one: '{votes} (seuil atteint)', other: '{votes} (seuil atteint)' },
  },
  'chain.short': {
    count: { one: '{votes} (il en manque {short})', other: '{votes} (il en manque {short})' },
  },

  'profile.facts': 'L’essentiel',
  'profile.fullName': 'Nom complet',
  'profile.born': 'Naissance',
  'profile.ageOn': '{age} le {date}',
  'profile.inElection': 'Dans cette élection',
  'profile.resultsLink': 'résultats',
  'profile.career': 'Parcours',
  'profile.datesNotReported': 'Dates non communiquées',
  'profile.education': 'Formation',
  'profile.positions': 'Prises de position',
  'profile.positionsNote':
    'Nos résumés figurent en texte courant\u202f; les propos de chaque candidature sont cités tels quels, avec le lieu et la date où ils ont été tenus.',
  'profile.inWords': '{name}. {context}, {date}',
  'profile.inWordsDated': '{name}. {context}',
  'when.day': 'le {date}',
  'when.month': 'en {date}',
  'when.year': 'en {date}',
  'profile.biography': 'Biographie',
  'profile.allSources': 'Toutes les sources citées pour cette élection',
  'profile.others': 'Les autres candidatures',

  'compare.lead':
    '{election}\u00a0: les candidatures sur les mêmes critères, par ordre alphabétique.',
  'compare.role': 'Fonction au moment du vote',
  'compare.caption': 'Les candidatures comparées',
  'timeline.lead': '{election}\u00a0: les événements datés, du plus ancien au plus récent.',
  'sources.lead':
    '{election}\u00a0: toutes les sources citées, avec les pages qui les citent. Lorsqu’une dépêche d’agence a été lue sur un autre site, ce site est indiqué.',
  'sources.undated': ', sans date',
  'sources.via': ', lue sur {via}',
  'sources.language': ' (en {language})',
  'sources.citedOn': 'Citée sur\u00a0:',
  'sources.overview': 'Vue d’ensemble et résultats',

  'page.home': 'Accueil',
  'page.candidateTitle': '{name}\u00a0: portrait, {election}',
  'page.titleIn': '{title}\u00a0: {election}',
  'page.titleInAfterMark': '{title} – {election}',
  'page.compare': 'Les candidatures côte à côte',
  'page.compareDescription':
    'Les candidatures au poste de {office:lower}, comparées sur les mêmes critères.',
  'page.results': 'Les résultats tour par tour',
  'page.resultsDescription':
    'Les voix de chaque tour, ce qu’il a fallu pour l’emporter et l’origine de chaque chiffre.',
  'page.timeline': 'Chronologie',
  'page.timelineDescription': '{election}\u00a0: les événements datés.',
  'page.sources': 'Les sources',
  'page.sourcesDescription': '{election}\u00a0: toutes les sources citées.',
  'page.notFound': 'Page introuvable',
  'page.notFoundDescription': 'Il n’existe aucune page à cette adresse.',

  'article.draftNotice':
    '{draft}\u00a0: cet article reste invisible pour les lecteurs tant que «\u00a0{setting}\u00a0» n’est pas supprimé.',
  'article.related': 'Les candidatures évoquées dans cet article',
  'contents.title': 'Sommaire',
  'home.read': 'Lire le décryptage',
  'home.others': 'Les autres élections expliquées',

  'notFound.text':
    'Il n’existe aucune page à l’adresse {address}. L’adresse est peut-être mal saisie, ou la page a été déplacée.',
  'notFound.textPlain':
    'Il n’existe aucune page à cette adresse. Elle est peut-être mal saisie, ou la page a été déplacée.',
  'notFound.didYouMean': 'Vous cherchiez peut-être',
  'notFound.elections': 'Les élections expliquées',
  'error.requestId': 'Identifiant de la requête\u00a0: {id}',
  'error.home': 'Aller à la page d’accueil',
  'error.methodTitle': 'Méthode non autorisée',
  'error.methodMessage': 'Cette adresse est en lecture seule (GET ou HEAD).',
  'error.badTitle': 'Requête incorrecte',
  'error.badMessage': 'L’adresse ou la requête n’a pas pu être comprise.',
  'error.serverTitle': 'Un problème est survenu',
  'error.serverMessage': 'La page n’a pas pu être affichée. Veuillez réessayer dans un instant.',

  'next.ifAllEligible':
    'Si les {count} membres appelés à voter votent tous, il faut au moins {needed} voix pour l’emporter.',
  'next.ifAllMembers':
    'Si les {count} membres votent tous, il faut au moins {needed} voix pour l’emporter.',
  'next.roundNeeds': 'Le {round:ordinal} tour exige {rule}.',
  'next.eliminated':
    '{name} est hors course à l’issue du {round:ordinal} tour et ne figure pas au tour suivant.',
  'next.withdrew': 'Retrait de {name} après le {round:ordinal} tour.',
  'next.onlyOne': 'Il ne reste plus qu’une candidature en lice, celle de {name}.',
  'next.mayAcclaim':
    ' Les membres peuvent l’élire par acclamation ou procéder à un nouveau tour de scrutin.',
  'next.decides': ' Le {next:ordinal} tour dira si le seuil est atteint.',
  'next.same': 'Le {next:ordinal} tour exige la même chose que le {round:ordinal}\u00a0: {rule}.',
  'next.changes':
    'Le seuil change\u00a0: le {next:ordinal} tour exige {after}, contre {before} au {round:ordinal} tour.',
  'next.ifSame':
    'Si le nombre de suffrages exprimés reste de {cast}, il faudra {needed} voix au {next:ordinal} tour.',
  'next.enough':
    '{name} a obtenu {votes} voix au {round:ordinal} tour\u00a0: assez, si ce score se confirme.',
  'next.short': {
    count: {
      one: '{name} a obtenu {votes} voix au {round:ordinal} tour\u00a0: il en manque {short}.',
      other: '{name} a obtenu {votes} voix au {round:ordinal} tour\u00a0: il en manque {short}.',
    },
  },
  'next.eliminates':
    'Si personne ne l’emporte au {next:ordinal} tour, la candidature ayant obtenu le moins de voix est éliminée.',

  'vote.roundReported': 'Résultats du {round:ordinal} tour',
  'vote.roundVotes': '{round:ordinal} tour\u00a0: {votes}',
  'vote.elected': '{winner} l’emporte {how}',
  'vote.electedOn': '{winner} a remporté l’élection au poste de {office:lower} le {date}.',
  'vote.needed': {
    count: {
      one: 'Il fallait {count} voix pour l’emporter.',
      other: 'Il fallait {count} voix pour l’emporter.',
    },
  },
  'vote.before': 'Avant le vote',
  'vote.date': 'Vote\u00a0: {date}, {city}',
  'vote.candidates': 'En lice\u00a0: {names}',
  'vote.candidateFor': 'Candidature au poste de {office:lower}',
  'vote.nominatedBy': 'Candidature présentée par\u00a0: {by}',
  'vote.shareAlt': '{name}, candidature — {election}',
  'vote.shareAltRound': '{election}\u00a0: {round:ordinal} tour, {votes}',
  'live.roundResults': 'Résultats du {round:ordinal} tour publiés',
  'live.withdrew': 'Retrait de {name} après le {round:ordinal} tour',
  'live.ended': 'Le vote est terminé',
  'live.notStarted': 'Le vote n’a pas encore commencé',
  'range.present': 'aujourd’hui',
  'range.from': 'À partir de {start}',
  'range.fromDay': 'À partir du {start}',
  'range.until': 'Jusqu’en {end}',
  /** After a role's dates when its end is not reported. */
  'range.endUnknown': ', fin non communiquée',
  'range.untilDay': 'Jusqu’au {end}',
  'enhance.copied': 'Lien vers cette section copié',
  'enhance.yourTime': 'votre heure\u00a0: {time}',
  'api.notFound': 'Rien n’est publié à l’adresse {path}.',

  'rule.votes': 'Vote\u00a0: {body}, {method}',
  'rule.everyRound': 'À chaque tour',
  'rule.stage': '{head}, est élue la candidature qui obtient {rule}.',
  'rule.again':
    'Si aucune candidature n’atteint le seuil, les membres votent de nouveau lors d’un nouveau tour.',
  'rule.eliminated':
    'Si personne ne l’emporte, la candidature ayant obtenu le moins de voix est éliminée {when}.',
  'rule.afterEach': 'à l’issue de chaque tour',
  'rule.afterEachFrom': 'à l’issue de chaque tour à partir du {from:ordinal}',
  'rule.after': {
    count: { one: 'à l’issue du tour {rounds}', other: 'à l’issue des tours {rounds}' },
  },
  'rule.endsAlso': 'L’élection peut aussi se conclure {ways}.',
  'rule.or': '\u202f; ou ',
  'rule.endBallot': 'par un tour de scrutin où une candidature atteint le seuil',
  'rule.endWithdrawal': 'lorsque toutes les autres candidatures se retirent, n’en laissant qu’une',
  'rule.endAcclamation':
    'par acclamation, sans vote, lorsque les membres s’accordent sur la seule candidature restante',
  'rule.endLot': 'par tirage au sort, lorsque la règle départage ainsi une égalité',

  'threshold.text': '{comparison} {fraction} {base}',
  'threshold.atLeast': 'au moins',
  'threshold.moreThan': 'plus de',
  'fraction.half': 'la moitié',
  'fraction.twoThirds': 'les deux tiers',
  'fraction.threeQuarters': 'les trois quarts',
  'fraction.threeFifths': 'les trois cinquièmes',
  'base.votesCast': 'des suffrages exprimés',
  'base.presentAndVoting': 'des membres présents et votants',
  'base.members': 'de l’ensemble des membres',
  'base.eligible': 'des membres appelés à voter',
  'stage.every': 'À chaque tour',
  'stage.from': 'À partir du {from:ordinal} tour',
  'stage.one': '{from:ordinal} tour',
  'stage.range': 'Tours {from} à {to}',
  'stage.line': '{when}\u00a0: {words}',
  'stage.separator': '\u202f; ',
  // Words the loader writes into Markdown bodies (notes, section links, tables)
  'markdown.notes': 'Sources et notes',
  'markdown.sectionLink': 'Lien vers la section «\u00a0{section}\u00a0»',
  'markdown.backToNote': 'Retour à l’appel de la note {note}',
  'markdown.backToPlace': 'Retour à l’appel de la note {note}, passage ',
  'markdown.table': 'Tableau',
} as const satisfies Catalogue;
