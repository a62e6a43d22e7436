// English: the interface as the site has always worded it. Every other catalogue has exactly
// these keys (a missing or extra key is a type error there).
import type { Message } from '../messages.js';

export const en = {
  // Layout
  'layout.skipLink': 'Skip to main content',
  'layout.siteNav': 'Site',
  'layout.breadcrumb': 'Breadcrumb',
  'layout.published': 'Published {date}.',
  'layout.updated': 'Last updated {date}.',
  'layout.publishedBy': 'Published by {publisher}.',
  'layout.languages': 'Language',
  // The site's name and tagline in the footer: the tagline is a sentence of its own
  'layout.footer': '{name}: {tagline}',
  // Punctuation templates put between parts (French spaces it)
  'punct.colon': ': ',
  'punct.listSeparator': '; ',
  'translation.missing': 'This page is not translated yet: its text is shown in English.',
  'translation.withheld':
    'The translation of this page is being corrected: its text is shown in English meanwhile.',
  'translation.original': 'Read the original page',
  'translation.stale':
    'This translation dates from {translated}; the English page was updated on {updated}, so some passages may not reflect the changes yet.',
  'live.lastUpdated': 'Last updated {time}.',
  'live.reload': 'Reload for the latest',
  'live.underWay': 'Voting under way',
  'live.roundReported': 'round {round} reported',
  'live.roundReportedAt': 'round {round} reported at',
  'live.noRoundYet': 'no round reported yet',
  'live.noRoundYetBegan': 'no round reported yet; voting began at',
  'live.resultsSoFar': 'Results so far',

  // Election navigation
  'nav.overview': 'Overview',
  'nav.results': 'Results',
  'nav.compare': 'Compare candidates',
  'nav.timeline': 'Timeline',
  'nav.sources': 'Sources',

  // Election overview
  'election.inBrief': 'In brief',
  'election.candidates': 'The candidates',
  'election.alphabetical': 'In alphabetical order.',
  'election.compareLink': 'Compare them side by side',
  'election.howDecided': 'How it was decided',
  'election.roundsHeld': {
    count: { one: 'One round of voting was held.', other: '{count} rounds of voting were held.' },
  },
  'election.resultsLink': 'The results round by round',
  'election.explainers': 'Explainers',
  'election.draft': 'Draft — not published',
  'election.comingUp': 'Coming up',
  'election.latestEvents': 'Latest events',
  'election.fullTimeline': 'The full timeline',
  'election.allSources': 'All sources',
  'cite.label': { count: { one: 'Source:', other: 'Sources:' } },

  // At a glance
  'glance.title': 'At a glance:',
  'glance.elected': 'Elected by the {body} on {date} in {city}; to win, {rule}.',
  // A rule whose threshold changes by round: {rule} gives each stage.
  'glance.electedStages': 'Elected by the {body} on {date} in {city}; to win, {rule}.',
  'glance.winner': {
    gender: {
      female: '{winner} was elected {how}',
      male: '{winner} was elected {how}',
      other: '{winner} was elected {how}',
    },
  },
  'glance.termBegan': '; the term began on {date}',
  'glance.more': 'Key facts and sources',
  'status.upcoming': 'The vote has not taken place yet',
  'status.voting': 'Voting is under way',

  // Outcomes
  'how.acclamation': 'by acclamation',
  'how.round': 'in round {round}',
  'how.withdrawal': 'after the other candidates withdrew',
  'how.lot': 'by drawing lots',
  'outcome.elected': {
    gender: {
      female: 'Elected {how}, {date}',
      male: 'Elected {how}, {date}',
      other: 'Elected {how}, {date}',
    },
  },
  'outcome.withdrew': 'Withdrew after round {round}',
  'outcome.eliminated': {
    gender: {
      female: 'Eliminated after round {round}',
      male: 'Eliminated after round {round}',
      other: 'Eliminated after round {round}',
    },
  },
  'outcome.notElected': {
    gender: { female: 'Not elected', male: 'Not elected', other: 'Not elected' },
  },
  'outcome.standing': 'Standing',
  'result.continued': 'Continued',
  'result.withdrew': 'Withdrew',
  'result.eliminated': {
    gender: { female: 'Eliminated', male: 'Eliminated', other: 'Eliminated' },
  },
  'result.elected': { gender: { female: 'Elected', male: 'Elected', other: 'Elected' } },
  'result.notElected': {
    gender: { female: 'Not elected', male: 'Not elected', other: 'Not elected' },
  },

  // Figures and where they come from
  'figure.notReported': 'not reported',
  'figure.notKnown': 'not known',
  'provenance.notReported': 'Not reported',
  'provenance.official': 'Official figure',
  'provenance.reported': 'Reported by {by}',
  'provenance.thePress': 'the press',
  'provenance.unconfirmed': 'Unconfirmed',

  // Ages
  'age.exact': '{age}',
  'age.range': '{min} or {max}',
  'age.asReported': '{age} (as reported)',
  'age.fromReported': '{age} (from an age reported on {date})',

  // Candidate cards and facts
  'candidate.nationality': 'Nationality',
  'candidate.nominatedBy': 'Nominated by',
  'candidate.ageAtVote': 'Age at the vote',
  'candidate.result': 'Result',
  'candidate.notKnown': 'Not known',

  // Key facts of an election
  'facts.title': 'Key facts',
  'facts.office': 'Office',
  'facts.whoElects': 'Who elects',
  'facts.electorate': 'Electorate',
  'facts.memberStates': {
    count: { one: '{members} member state', other: '{members} member states' },
  },
  'facts.membersNotReported': 'Number of members not reported',
  'facts.eligible': '; {eligible} eligible to vote ({provenance})',
  // After "Number of members not reported"
  'facts.eligibleAlone': '; {eligible} eligible to vote ({provenance})',
  'facts.how': 'How',
  'facts.toWin': 'To win',
  'facts.whenWhere': 'When and where',
  'facts.from': ', from {time}',
  'facts.outcome': 'Outcome',
  'facts.winner': {
    gender: {
      female: '{winner} elected {how} on {date}',
      male: '{winner} elected {how} on {date}',
      other: '{winner} elected {how} on {date}',
    },
  },
  'facts.term': 'Term',
  'facts.termYears': '{years} years from {date}',
  'facts.termFrom': 'From {date}',
  'facts.status': 'Status',

  // Before the vote, and while it goes on
  'willTake.title': 'What it will take',
  'willTake.due': 'The vote is due on {date}. Venue: {place}.',
  'willTake.dueAt': 'The vote is due on {date}, starting at {time}. Venue: {place}.',
  'willTake.began': 'The vote began on {date}. Venue: {place}.',
  'willTake.beganAt': 'The vote began on {date} at {time}. Venue: {place}.',
  'willTake.toWin': 'To win',
  'willTake.steps': 'The rule, step by step',
  'next.title': 'What happens next',

  // Charts
  'race.caption':
    "The race round by round: each candidate's votes, and the votes needed to win in that round",
  'race.round': 'Round {round}',
  'race.neededUnknown': 'needed: not known',
  'race.needed': '{needed} needed',
  'race.keyNeeded': 'votes needed',
  'race.keyMarks': '✕ eliminated · W withdrew · ✓ elected',
  'race.markWithdrew': 'W',
  'race.tableCaption': 'Votes in each round, and the votes needed to win',
  'race.candidate': 'Candidate',
  'race.notStanding': 'not standing',
  'race.neededToWin': 'Needed to win',
  'chart.caption': 'Round {round}: votes for each candidate',
  'chart.against': ', against the {needed} needed to win',
  'chart.key': 'The line marks the {needed} votes needed: {rule}.',

  // Results
  'results.lead':
    '{title}: votes in each round, what it takes to win, and where each figure comes from.',
  'results.leadDecided':
    '{title}: votes in each round, what it took to win, and where each figure comes from.',
  'results.noVotesYet': 'No votes have been cast yet.',
  'results.noResultsYet': 'No results have been reported yet.',
  'results.dueOn': 'Voting is due on {date} in {city}.',
  'results.dueOnAt': 'Voting is due on {date} at {time} in {city}.',
  'results.beganOn': 'Voting began on {date} in {city}.',
  'results.beganOnAt': 'Voting began on {date} at {time} in {city}.',
  'results.appearHere': "Each round's votes will appear here as they are reported.",
  'results.whatItTook': 'What it took to win',
  'results.whatItTakes': 'What it takes to win',
  'results.outcome': 'Outcome:',
  'results.winner': {
    gender: {
      female: '{winner} was elected {how} on {date}.',
      male: '{winner} was elected {how} on {date}.',
      other: '{winner} was elected {how} on {date}.',
    },
  },
  'results.round': 'Round {round}',
  'results.reportedAt': 'Reported at {time}.',
  'results.roundNotReported': 'The votes in this round were not reported.',
  'results.votesInRound': 'Votes in round {round}',
  'results.candidate': 'Candidate',
  'results.votes': 'Votes',
  'results.roundOutcome': 'Outcome of the round',
  'results.whereFrom': 'Where the figure comes from',
  'results.outcomeShort': 'Outcome',
  'results.source': 'Source',
  'results.arithmetic': 'The arithmetic of round {round}',
  'results.abstentions': 'Abstentions',
  'results.invalid': 'Invalid ballots',
  'results.notCounted': '{provenance}, not counted towards the threshold',
  'results.neededReported': 'Needed, as reported',
  'results.byAcclamation': 'Elected by acclamation',
  'results.byBallot': 'Elected by ballot',
  'results.byWithdrawal': 'Elected after the other candidates withdrew',
  'results.byLot': 'Elected by drawing lots',
  'results.electedWithdrawal': {
    gender: {
      female: '{winner} was elected on {date}, after the other candidates withdrew.',
      male: '{winner} was elected on {date}, after the other candidates withdrew.',
      other: '{winner} was elected on {date}, after the other candidates withdrew.',
    },
  },
  'results.electedLot': {
    gender: {
      female: '{winner} was elected by drawing lots on {date}.',
      male: '{winner} was elected by drawing lots on {date}.',
      other: '{winner} was elected by drawing lots on {date}.',
    },
  },
  'results.electedAcclamation': {
    gender: {
      female: '{winner} was elected by acclamation, without a further ballot, on {date}.',
      male: '{winner} was elected by acclamation, without a further ballot, on {date}.',
      other: '{winner} was elected by acclamation, without a further ballot, on {date}.',
    },
  },
  'results.electedRound': {
    gender: {
      female: '{winner} was elected in round {round} on {date}.',
      male: '{winner} was elected in round {round} on {date}.',
      other: '{winner} was elected in round {round} on {date}.',
    },
  },
  'results.termBegan': 'The term began on {date}.',
  'results.termBeganYears': 'The term began on {date} and normally lasts {years} years.',
  'results.gap': '{name}: {text}',

  // The arithmetic of a round
  'chain.members': 'Members',
  'chain.eligible': 'Eligible to vote',
  'chain.cast': 'Votes cast',
  'chain.needed': 'Votes needed',
  'chain.neededValue': '{needed} ({rule})',
  'chain.votesNotReported': 'votes not reported',
  'chain.votes': { count: { one: '{votes} vote', other: '{votes} votes' } },
  // {votes} is chain.votes ("98 votes"); the plural of chain.short follows the shortfall.
  'chain.reached': {
    count: { one: '{votes} (reached the threshold)', other: '{votes} (reached the threshold)' },
  },
  'chain.short': {
    count: { one: '{votes} ({short} short)', other: '{votes} ({short} short)' },
  },

  // Candidate profiles
  'profile.facts': 'Key facts',
  'profile.fullName': 'Full name',
  'profile.born': 'Born',
  'profile.ageOn': '{age} on {date}',
  'profile.inElection': 'In this election',
  'profile.resultsLink': 'results',
  'profile.career': 'Career',
  'profile.datesNotReported': 'Dates not reported',
  'profile.education': 'Education',
  'profile.positions': 'Positions',
  'profile.positionsNote':
    "Our summaries are in plain text; the candidate's own words are quoted, with where and when they were said.",
  // {date} is a when.* phrase; inWordsDated when the context already says when.
  'profile.inWords': "In {name}'s words: {context}, {date}",
  'profile.inWordsDated': "In {name}'s words: {context}",
  // A date at its precision, as a phrase of time: "on 15 May", "in March 2023", "in 2023"
  'when.day': '{date}',
  'when.month': '{date}',
  'when.year': '{date}',
  'profile.biography': 'Biography',
  'profile.allSources': 'Every source cited for this election',
  'profile.others': 'Other candidates',

  // Compare, timeline, sources
  'compare.lead':
    'The candidates of the {election} election on the same facts, in alphabetical order.',
  'compare.role': 'Role at the time of the vote',
  'compare.caption': 'Candidates compared',
  'timeline.lead': 'The dated events of the {election} election, oldest first.',
  'sources.lead':
    "Every source cited for the {election} election, with the pages that cite it. Where a news agency's story was read on another site, that site is named.",
  'sources.undated': ', undated',
  'sources.via': ', read on {via}',
  'sources.language': ' (in {language})',
  'sources.citedOn': 'Cited on:',
  'sources.overview': 'Overview and results',

  // Page titles and descriptions
  'page.home': 'Home',
  'page.candidateTitle': '{name}: candidate profile, {election}',
  'page.titleIn': '{title}: {election}',
  'page.titleInAfterMark': '{title} – {election}',
  'page.compare': 'Candidates side by side',
  'page.compareDescription': 'The candidates for {office} compared on the same facts.',
  'page.results': 'Results round by round',
  'page.resultsDescription':
    'Votes in each round, what it took to win, and where each figure comes from.',
  'page.timeline': 'Timeline',
  'page.timelineDescription': 'The dated events of the {election} election.',
  'page.sources': 'Sources',
  'page.sourcesDescription': 'Every source cited for the {election} election.',
  'page.notFound': 'Page not found',
  'page.notFoundDescription': 'There is no page at this address.',

  // Articles, site pages, home
  'article.draftNotice': '{draft}: readers cannot see this article until "{setting}" is removed.',
  'article.related': 'Candidates in this article',
  'contents.title': 'Contents',
  'home.read': 'Read the explainer',
  'home.others': 'Other elections explained',

  // 404 and errors
  'notFound.text':
    'There is no page at {address}. The address may be mistyped, or the page may have moved.',
  'notFound.textPlain':
    'There is no page at this address. It may be mistyped, or the page may have moved.',
  'notFound.didYouMean': 'Did you mean',
  'notFound.elections': 'Elections explained',
  'error.requestId': 'Request id: {id}',
  'error.home': 'Go to the home page',
  'error.methodTitle': 'Method not allowed',
  'error.methodMessage': 'This address can only be read (GET or HEAD).',
  'error.badTitle': 'Bad request',
  'error.badMessage': 'The address or the request could not be understood.',
  'error.serverTitle': 'Something went wrong',
  'error.serverMessage': 'The page could not be shown. Please try again in a moment.',

  // What happens next (vote day)
  'next.ifAllEligible':
    'If all {count} eligible members vote, a candidate needs at least {needed} votes.',
  'next.ifAllMembers': 'If all {count} members vote, a candidate needs at least {needed} votes.',
  'next.roundNeeds': 'Round {round} needs {rule}.',
  'next.eliminated': '{name} is eliminated after round {round} and is not on the next ballot.',
  'next.withdrew': '{name} withdrew after round {round}.',
  'next.onlyOne': '{name} is the only candidate left.',
  'next.mayAcclaim': ' The members may elect them by acclamation, or hold another ballot.',
  'next.decides': ' Round {next} decides whether they reach the threshold.',
  'next.same': 'Round {next} needs the same as round {round}: {rule}.',
  'next.changes':
    'The threshold changes: round {next} needs {after}, where round {round} needed {before}.',
  'next.ifSame': 'If the same {cast} votes are cast, round {next} needs {needed}.',
  'next.enough': '{name} had {votes} in round {round}: enough, if it holds.',
  // The plural follows the shortfall ({short}).
  'next.short': {
    count: {
      one: '{name} had {votes} in round {round}: {short} short.',
      other: '{name} had {votes} in round {round}: {short} short.',
    },
  },
  'next.eliminates':
    'If no one is elected in round {next}, the candidate with the fewest votes is eliminated.',

  // Feeds, share cards and the live headline (the data documents)
  'vote.roundReported': 'Round {round} reported',
  'vote.roundVotes': 'Round {round}: {votes}',
  'vote.elected': '{winner} elected {how}',
  'vote.electedOn': '{winner} was elected {office} on {date}.',
  'vote.needed': {
    count: { one: '{count} vote was needed.', other: '{count} votes were needed.' },
  },
  'vote.before': 'Before the vote',
  'vote.date': 'Vote: {date}, {city}',
  'vote.candidates': 'Candidates: {names}',
  'vote.candidateFor': 'Candidate for {office}',
  'vote.nominatedBy': 'Nominated by {by}',
  'vote.shareAlt': '{name}, {election} candidate',
  'vote.shareAltRound': '{election}: round {round}, {votes}',
  'live.roundResults': 'Round {round} results reported',
  'live.withdrew': '{name} withdrew after round {round}',
  'live.ended': 'Voting has ended',
  'live.notStarted': 'Voting has not started yet',
  'range.present': 'present',
  'range.from': 'From {start}',
  'range.fromDay': 'From {start}',
  'range.until': 'Until {end}',
  /** After a role's dates when its end is not reported. */
  'range.endUnknown': ', end not reported',
  'range.untilDay': 'Until {end}',
  'enhance.copied': 'Link to this section copied',
  'enhance.yourTime': '{time} your time',
  'api.notFound': 'Nothing is published at {path}.',

  // The rule, step by step
  'rule.votes': 'The {body} votes: {method}',
  'rule.everyRound': 'In every round',
  'rule.stage': '{head}, a candidate with {rule} is elected.',
  'rule.again': 'If no candidate reaches the threshold, the members vote again in a new round.',
  'rule.eliminated':
    'If no one is elected, the candidate with the fewest votes is eliminated {when}.',
  'rule.afterEach': 'after each round',
  'rule.afterEachFrom': 'after each round from round {from}',
  'rule.after': { count: { one: 'after round {rounds}', other: 'after rounds {rounds}' } },
  'rule.endsAlso': 'The contest can also end {ways}.',
  'rule.or': '; or ',
  'rule.endBallot': 'by a ballot in which a candidate reaches the threshold',
  'rule.endWithdrawal': 'when every other candidate withdraws, leaving one',
  'rule.endAcclamation':
    'by acclamation, without a ballot, when the members agree on the one candidate left',
  'rule.endLot': 'by drawing lots, when the rule breaks a tie that way',

  // Thresholds in words
  'threshold.text': '{comparison} {fraction} of {base}',
  'threshold.atLeast': 'at least',
  'threshold.moreThan': 'more than',
  'fraction.half': 'half',
  'fraction.twoThirds': 'two-thirds',
  'fraction.threeQuarters': 'three-quarters',
  'fraction.threeFifths': 'three-fifths',
  'base.votesCast': 'the votes cast',
  'base.presentAndVoting': 'the members present and voting',
  'base.members': 'all members',
  'base.eligible': 'the members eligible to vote',
  'stage.every': 'Every round',
  'stage.from': 'From round {from}',
  'stage.one': 'Round {from}',
  'stage.range': 'Rounds {from}–{to}',
  'stage.line': '{when}: {words}',
  'stage.separator': '; ',
  // Words the loader writes into Markdown bodies (notes, section links, tables)
  'markdown.notes': 'Sources and notes',
  'markdown.sectionLink': 'Link to the section “{section}”',
  'markdown.backToNote': 'Back to where note {note} is cited',
  'markdown.backToPlace': 'Back to where note {note} is cited, place ',
  'markdown.table': 'Table',
} as const satisfies Record<string, Message>;
