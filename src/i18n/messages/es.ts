// Español: la interfaz como la escribiría la mesa de edición de un diario de referencia.
import type { Catalogue } from '../messages.js';

export const es = {
  'layout.skipLink': 'Ir al contenido principal',
  'layout.siteNav': 'Navegación del sitio',
  'layout.breadcrumb': 'Ruta de navegación',
  'layout.published': 'Publicado el {date}.',
  'layout.updated': 'Última actualización: {date}.',
  'layout.publishedBy': 'Publicado por {publisher}.',
  'live.lastUpdated': 'Última actualización: {time}.',
  'live.reload': 'Recargar para ver lo último',
  'live.underWay': 'Votación en curso',
  'live.roundReported': 'resultados de la {round:ordinal-f} ronda publicados',
  'live.roundReportedAt': 'resultados de la {round:ordinal-f} ronda publicados a las',
  'live.noRoundYet': 'aún no se ha publicado ninguna ronda',
  'live.noRoundYetBegan': 'aún no se ha publicado ninguna ronda; la votación empezó a las',
  'live.resultsSoFar': 'Resultados hasta ahora',

  'nav.overview': 'Panorama',
  'nav.results': 'Resultados',
  'nav.compare': 'Comparar candidaturas',
  'nav.timeline': 'Cronología',
  'nav.sources': 'Fuentes',

  'election.inBrief': 'En resumen',
  'election.candidates': 'Las candidaturas',
  'election.alphabetical': 'Por orden alfabético.',
  'election.compareLink': 'Compararlas punto por punto',
  'election.howDecided': 'Cómo se decidió',
  'election.roundsHeld': {
    count: {
      one: 'Se celebró una sola ronda de votación.',
      other: 'Se celebraron {count} rondas de votación.',
    },
  },
  'election.resultsLink': 'Los resultados ronda a ronda',
  'election.explainers': 'Claves',
  'election.draft': 'Borrador — sin publicar',
  'election.comingUp': 'Próximas citas',
  'election.latestEvents': 'Últimos acontecimientos',
  'election.fullTimeline': 'La cronología completa',
  'election.allSources': 'Todas las fuentes',
  'cite.label': { count: { one: 'Fuente:', other: 'Fuentes:' } },

  'glance.title': 'De un vistazo:',
  'glance.elected': 'Elige: {body}, el {date}, en {city}; para ganar, {rule}.',
  'glance.winner': {
    gender: {
      female: '{winner} fue elegida {how}',
      male: '{winner} fue elegido {how}',
      other: '{winner} ganó {how}',
    },
  },
  'glance.termBegan': '; el mandato comenzó el {date}',
  'glance.more': 'Datos clave y fuentes',
  'status.upcoming': 'La votación aún no se ha celebrado',
  'status.voting': 'La votación está en curso',

  'how.acclamation': 'por aclamación',
  'how.round': 'en la {round:ordinal-f} ronda',
  'outcome.elected': {
    gender: {
      female: 'Elegida {how}, el {date}',
      male: 'Elegido {how}, el {date}',
      other: 'Victoria {how}, el {date}',
    },
  },
  'outcome.withdrew': 'Se retiró tras la {round:ordinal-f} ronda',
  'outcome.eliminated': {
    gender: {
      female: 'Eliminada tras la {round:ordinal-f} ronda',
      male: 'Eliminado tras la {round:ordinal-f} ronda',
      other: 'Candidatura eliminada tras la {round:ordinal-f} ronda',
    },
  },
  'outcome.notElected': {
    gender: { female: 'No elegida', male: 'No elegido', other: 'Candidatura no elegida' },
  },
  'outcome.standing': 'En liza',
  'result.continued': 'Sigue en liza',
  'result.withdrew': 'Retirada',
  'result.eliminated': {
    gender: { female: 'Eliminada', male: 'Eliminado', other: 'Fuera de la contienda' },
  },
  'result.elected': { gender: { female: 'Elegida', male: 'Elegido', other: 'Victoria' } },
  'result.notElected': {
    gender: { female: 'No elegida', male: 'No elegido', other: 'Candidatura no elegida' },
  },

  'figure.notReported': 'no publicado',
  'figure.notKnown': 'se desconoce',
  'provenance.notReported': 'Sin publicar',
  'provenance.official': 'Cifra oficial',
  'provenance.reported': 'Según {by}',
  'provenance.thePress': 'la prensa',
  'provenance.unconfirmed': 'Sin confirmar',

  'age.exact': '{age} años',
  'age.range': '{min} o {max} años',
  'age.asReported': '{age} (según lo publicado)',
  'age.fromReported': '{age} (a partir de la edad publicada el {date})',

  'candidate.nationality': 'Nacionalidad',
  'candidate.nominatedBy': 'Candidatura presentada por',
  'candidate.ageAtVote': 'Edad el día de la votación',
  'candidate.result': 'Resultado',
  'candidate.notKnown': 'Se desconoce',

  'facts.title': 'Datos clave',
  'facts.office': 'Cargo',
  'facts.whoElects': 'Quién elige',
  'facts.electorate': 'Electorado',
  'facts.memberStates': {
    count: { one: '{members} Estado miembro', other: '{members} Estados miembros' },
  },
  'facts.membersNotReported': 'Número de miembros sin publicar',
  'facts.eligible': '; {eligible} con derecho a voto ({provenance})',
  'facts.how': 'Sistema de votación',
  'facts.toWin': 'Para ganar',
  'facts.whenWhere': 'Fecha y lugar',
  'facts.from': ', desde las {time}',
  'facts.outcome': 'Resultado',
  'facts.winner': {
    gender: {
      female: '{winner}, elegida {how} el {date}',
      male: '{winner}, elegido {how} el {date}',
      other: 'Victoria de {winner} {how}, el {date}',
    },
  },
  'facts.term': 'Mandato',
  'facts.termYears': '{years} años a partir del {date}',
  'facts.termFrom': 'A partir del {date}',
  'facts.status': 'Situación',

  'willTake.title': 'Qué hará falta para ganar',
  'willTake.due': 'La votación está prevista el {date}, en {place}.',
  'willTake.dueAt': 'La votación está prevista el {date}, a partir de las {time}, en {place}.',
  'willTake.toWin': 'Para ganar',
  'willTake.steps': 'La regla, paso a paso',
  'next.title': 'Qué viene ahora',

  'race.caption':
    'La elección ronda a ronda: los votos de cada candidatura y los votos necesarios para ganar en cada ronda',
  'race.round': '{round:ordinal-f} ronda',
  'race.neededUnknown': 'necesarios: se desconoce',
  'race.needed': '{needed} necesarios',
  'race.keyNeeded': 'votos necesarios',
  'race.keyMarks': '✕ eliminación · R retirada · ✓ elección',
  'race.markWithdrew': 'R',
  'race.tableCaption': 'Votos en cada ronda y votos necesarios para ganar',
  'race.candidate': 'Candidatura',
  'race.notStanding': 'no se presentaba',
  'race.neededToWin': 'Necesarios para ganar',
  'chart.caption': '{round:ordinal-f} ronda: votos de cada candidatura',
  'chart.against': ', frente a los {needed} necesarios para ganar',
  'chart.key': 'La línea marca los {needed} votos necesarios: {rule}.',

  'results.lead':
    '{title}: los votos de cada ronda, qué hace falta para ganar y de dónde sale cada cifra.',
  'results.leadDecided':
    '{title}: los votos de cada ronda, qué hizo falta para ganar y de dónde sale cada cifra.',
  'results.noVotesYet': 'Todavía no se ha votado.',
  'results.dueOn': 'La votación está prevista el {date} en {city}.',
  'results.dueOnAt': 'La votación está prevista el {date} a las {time} en {city}.',
  'results.beganOn': 'La votación comenzó el {date} en {city}.',
  'results.beganOnAt': 'La votación comenzó el {date} a las {time} en {city}.',
  'results.appearHere': 'Los votos de cada ronda aparecerán aquí a medida que se publiquen.',
  'results.whatItTook': 'Qué hizo falta para ganar',
  'results.whatItTakes': 'Qué hace falta para ganar',
  'results.outcome': 'Resultado:',
  'results.winner': {
    gender: {
      female: '{winner} fue elegida {how} el {date}.',
      male: '{winner} fue elegido {how} el {date}.',
      other: '{winner} ganó {how} el {date}.',
    },
  },
  'results.round': '{round:ordinal-f} ronda',
  'results.reportedAt': 'Publicado a las {time}.',
  'results.roundNotReported': 'Los votos de esta ronda no se hicieron públicos.',
  'results.votesInRound': 'Votos en la {round:ordinal-f} ronda',
  'results.candidate': 'Candidatura',
  'results.votes': 'Votos',
  'results.roundOutcome': 'Resultado de la ronda',
  'results.whereFrom': 'De dónde sale la cifra',
  'results.outcomeShort': 'Resultado',
  'results.source': 'Fuente',
  'results.arithmetic': 'Las cuentas de la {round:ordinal-f} ronda',
  'results.abstentions': 'Abstenciones',
  'results.invalid': 'Votos nulos',
  'results.notCounted': '{provenance}, no cuentan para la mayoría',
  'results.neededReported': 'Necesarios, según lo publicado',
  'results.byAcclamation': 'Elección por aclamación',
  'results.byBallot': 'Elección en votación',
  'results.electedAcclamation': {
    gender: {
      female: '{winner} fue elegida por aclamación, sin otra votación, el {date}.',
      male: '{winner} fue elegido por aclamación, sin otra votación, el {date}.',
      other: '{winner} ganó por aclamación, sin otra votación, el {date}.',
    },
  },
  'results.electedRound': {
    gender: {
      female: '{winner} fue elegida en la {round:ordinal-f} ronda, el {date}.',
      male: '{winner} fue elegido en la {round:ordinal-f} ronda, el {date}.',
      other: '{winner} ganó en la {round:ordinal-f} ronda, el {date}.',
    },
  },
  'results.termBegan': 'El mandato comenzó el {date}.',
  'results.termBeganYears': 'El mandato comenzó el {date} y suele durar {years} años.',
  'results.gap': '{name}: {text}',

  'chain.members': 'Miembros',
  'chain.eligible': 'Con derecho a voto',
  'chain.cast': 'Votos emitidos',
  'chain.needed': 'Votos necesarios',
  'chain.neededValue': '{needed} ({rule})',
  'chain.votesNotReported': 'votos sin publicar',
  'chain.votes': { count: { one: '{votes} voto', other: '{votes} votos' } },
  'chain.reached': {
    count: { one: '{votes} voto: alcanza la mayoría', other: '{votes} votos: alcanza la mayoría' },
  },
  'chain.short': {
    count: {
      one: '{votes} voto: le faltan {short}',
      other: '{votes} votos: le faltan {short}',
    },
  },

  'profile.facts': 'Datos clave',
  'profile.fullName': 'Nombre completo',
  'profile.born': 'Nacimiento',
  'profile.ageOn': '{age} el {date}',
  'profile.inElection': 'En esta elección',
  'profile.resultsLink': 'resultados',
  'profile.career': 'Trayectoria',
  'profile.datesNotReported': 'Fechas sin publicar',
  'profile.education': 'Formación',
  'profile.positions': 'Posiciones',
  'profile.positionsNote':
    'Nuestros resúmenes van en texto corriente; las palabras de cada candidatura se citan textualmente, con dónde y cuándo se pronunciaron.',
  'profile.inWords': '{name}, en sus propias palabras: {context}, {date}',
  'profile.biography': 'Biografía',
  'profile.allSources': 'Todas las fuentes citadas sobre esta elección',
  'profile.others': 'Las demás candidaturas',

  'compare.lead':
    'Las candidaturas de la elección {election}, con los mismos datos y por orden alfabético.',
  'compare.role': 'Cargo en el momento de la votación',
  'compare.caption': 'Comparación de las candidaturas',
  'timeline.lead':
    'Los hechos fechados de la elección {election}, del más antiguo al más reciente.',
  'sources.lead':
    'Todas las fuentes citadas sobre la elección {election}, con las páginas que las citan. Cuando un despacho de agencia se leyó en otro sitio, se indica cuál.',
  'sources.undated': ', sin fecha',
  'sources.via': ', leído en {via}',
  'sources.language': ' (en {language})',
  'sources.citedOn': 'Citada en:',
  'sources.overview': 'Panorama y resultados',

  'page.home': 'Inicio',
  'page.candidateTitle': '{name}: perfil de la candidatura, {election}',
  'page.titleIn': '{title}: {election}',
  'page.compare': 'Las candidaturas, cara a cara',
  'page.compareDescription':
    'Las candidaturas al cargo de {office}, comparadas con los mismos datos.',
  'page.results': 'Los resultados ronda a ronda',
  'page.resultsDescription':
    'Los votos de cada ronda, qué hizo falta para ganar y de dónde sale cada cifra.',
  'page.timeline': 'Cronología',
  'page.timelineDescription': 'Los hechos fechados de la elección {election}.',
  'page.sources': 'Fuentes',
  'page.sourcesDescription': 'Todas las fuentes citadas sobre la elección {election}.',
  'page.notFound': 'Página no encontrada',
  'page.notFoundDescription': 'No hay ninguna página en esta dirección.',

  'article.draftNotice':
    '{draft}: los lectores no verán este artículo hasta que se elimine «{setting}».',
  'article.related': 'Las candidaturas que aparecen en este artículo',
  'contents.title': 'Índice',
  'home.read': 'Leer el análisis',
  'home.others': 'Otras elecciones explicadas',

  'notFound.text':
    'No hay ninguna página en {address}. Puede que la dirección esté mal escrita o que la página se haya trasladado.',
  'notFound.didYouMean': 'Quizá buscaba',
  'notFound.elections': 'Elecciones explicadas',
  'error.requestId': 'Identificador de la solicitud: {id}',
  'error.home': 'Ir a la página de inicio',
  'error.methodTitle': 'Método no permitido',
  'error.methodMessage': 'Esta dirección solo admite lectura (GET o HEAD).',
  'error.badTitle': 'Solicitud incorrecta',
  'error.badMessage': 'No se ha podido interpretar la dirección o la solicitud.',
  'error.serverTitle': 'Algo ha fallado',
  'error.serverMessage':
    'No se ha podido mostrar la página. Vuelva a intentarlo dentro de un momento.',

  'next.ifAllEligible':
    'Si votan los {count} miembros con derecho a voto, una candidatura necesita al menos {needed} votos.',
  'next.ifAllMembers':
    'Si votan los {count} miembros, una candidatura necesita al menos {needed} votos.',
  'next.roundNeeds': 'La {round:ordinal-f} ronda exige {rule}.',
  'next.eliminated':
    '{name} queda fuera tras la {round:ordinal-f} ronda y no figura en la siguiente votación.',
  'next.withdrew': '{name} se retiró tras la {round:ordinal-f} ronda.',
  'next.onlyOne': 'Solo queda una candidatura en liza: la de {name}.',
  'next.mayAcclaim': ' Los miembros pueden elegirla por aclamación o celebrar otra votación.',
  'next.decides': ' La {next:ordinal-f} ronda dirá si alcanza la mayoría exigida.',
  'next.same': 'La {next:ordinal-f} ronda exige lo mismo que la {round:ordinal-f}: {rule}.',
  'next.changes':
    'Cambia la mayoría: la {next:ordinal-f} ronda exige {after}, frente a {before} en la {round:ordinal-f}.',
  'next.ifSame': 'Si vuelven a emitirse {cast} votos, la {next:ordinal-f} ronda exige {needed}.',
  'next.enough':
    '{name} obtuvo {votes} votos en la {round:ordinal-f} ronda: suficientes, si se mantienen.',
  'next.short': '{name} obtuvo {votes} votos en la {round:ordinal-f} ronda: le faltan {short}.',
  'next.eliminates':
    'Si nadie resulta elegido en la {next:ordinal-f} ronda, queda eliminada la candidatura con menos votos.',

  'rule.votes': 'Votación: {body}, {method}',
  'rule.everyRound': 'En cada ronda',
  'rule.stage': '{head}, resulta elegida la candidatura que obtiene {rule}.',
  'rule.again':
    'Si ninguna candidatura alcanza la mayoría, los miembros vuelven a votar en una nueva ronda.',
  'rule.eliminated':
    'Si nadie resulta elegido, queda eliminada la candidatura con menos votos {when}.',
  'rule.afterEach': 'tras cada ronda',
  'rule.afterEachFrom': 'tras cada ronda a partir de la {from:ordinal-f}',
  'rule.after': { count: { one: 'tras la ronda {rounds}', other: 'tras las rondas {rounds}' } },
  'rule.endsAlso': 'La elección también puede terminar {ways}.',
  'rule.or': '; o ',
  'rule.endBallot': 'con una votación en la que una candidatura alcanza la mayoría',
  'rule.endWithdrawal': 'cuando todas las demás candidaturas se retiran y solo queda una',
  'rule.endAcclamation':
    'por aclamación, sin votación, cuando los miembros se ponen de acuerdo sobre la única candidatura que queda',
  'rule.endLot': 'por sorteo, cuando la regla resuelve así un empate',
} as const satisfies Catalogue;
