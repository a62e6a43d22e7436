// The editions stage: the site in every language. Each edition holds its own copies of the
// elections, candidates, articles and pages (same slugs and data), so that a page knows, in
// its language, whether its text is translated, stale or shown in English.
import type { Lang } from '../i18n/lang.js';
import { LANGS } from '../i18n/lang.js';
import type { RenderedFiles } from './load-render.js';
import type { TranslationStates, ValidTranslations } from './load-translate.js';
import type { Edition, Election, Page, Route, TranslationState } from './model.js';
import { IN_ENGLISH } from './model.js';
import type { FieldPath } from './source-file.js';

/**
 * The words of a source that, left out of a translation, are English text shown as such: its
 * note. Its label and `via` are names (an agency, a paper, a short citation) as often as not
 * the same in every language, and are not marked.
 */
const SOURCE_PROSE = ['note'] as const;

const SITE_FILE = 'site.yaml';

const MISSING: TranslationState = { status: 'missing' };

/** The routes of an edition: the English table, pointing at the edition's own objects. */
export function editionRoutes(
  english: ReadonlyMap<string, Route>,
  elections: readonly Election[],
  pages: readonly Page[],
): Map<string, Route> {
  // Looked up by slug, never searched: a site of 5,000 articles has 5,000 routes to point.
  const election = new Map(elections.map((e) => [e.slug, e]));
  const page = new Map(pages.map((p) => [p.slug, p]));
  const candidate = new Map(elections.flatMap((e) => e.candidates.map((c) => [`${e.slug}/${c.slug}`, c])));
  const article = new Map(elections.flatMap((e) => e.articles.map((a) => [`${e.slug}/${a.slug}`, a])));
  const routes = new Map<string, Route>();
  for (const [path, route] of english) {
    if (route.kind === 'home') routes.set(path, route);
    else if (route.kind === 'page') routes.set(path, { kind: 'page', page: page.get(route.page.slug)! });
    else {
      const e = election.get(route.election.slug)!;
      if (route.kind === 'candidate')
        routes.set(path, { kind: 'candidate', election: e, candidate: candidate.get(`${e.slug}/${route.candidate.slug}`)! });
      else if (route.kind === 'article')
        routes.set(path, { kind: 'article', election: e, article: article.get(`${e.slug}/${route.article.slug}`)! });
      else routes.set(path, { ...route, election: e });
    }
  }
  return routes;
}

/** What the editions are made of beyond the English: each language's translations and renderings. */
export interface EditionSources {
  /** By language, then English file: the translated text. */
  translations: ValidTranslations['byLang'];
  /** By language, then English file: the state of its translation. */
  states: TranslationStates['byLang'];
  /** By language: every Markdown text as rendered for that edition, by English file. */
  rendered: ReadonlyMap<Lang, RenderedFiles>;
  /** By language, then English file: the paths of the text a translation leaves in English. */
  inEnglish: TranslationStates['inEnglish'];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Map);

/**
 * The English data with the translation's text laid over it: a text where the English has
 * one, lists element for element; numbers, dates, slugs and lists of sources stay the English
 * file's (an election's sources take their words by id: overlaySources).
 */
export function overlayText<T>(english: T, text: unknown): T {
  if (text === undefined) return english;
  if (typeof english === 'string') return (typeof text === 'string' ? text : english) as T;
  if (Array.isArray(english)) return (Array.isArray(text) ? english.map((e: unknown, i) => overlayText(e, text[i])) : english) as T;
  if (isRecord(english) && isRecord(text)) {
    const out: Record<string, unknown> = { ...english };
    for (const key of Object.keys(text)) if (Object.hasOwn(english, key)) out[key] = overlayText(english[key], text[key]);
    return out as T;
  }
  return english;
}

const withSources = (sources: Election['sources']): Pick<Election, 'sources' | 'sourcesById'> => ({
  sources,
  sourcesById: new Map(sources.map((s) => [s.id, s])),
});

/**
 * An election's sources with a translation's words laid over them by source id (`sources:
 * { id: { label, note, via } }`): only where the English source has the field; the words
 * left in English are marked (`inEnglish`).
 */
export function overlaySources<S extends { id: string }>(sources: S[], text: unknown): S[] {
  const words = isRecord(text) && isRecord(text.sources) ? text.sources : undefined;
  return sources.map((s) => {
    const own = words && Object.hasOwn(words, s.id) && isRecord(words[s.id]) ? words[s.id] as Record<string, unknown> : undefined;
    const english = SOURCE_PROSE.filter((key) => typeof (s as Record<string, unknown>)[key] === 'string' && own?.[key] === undefined);
    const overlaid = own ? overlayText(s, own) : s;
    return english.length > 0 ? { ...overlaid, [IN_ENGLISH]: english } : overlaid;
  });
}

/**
 * A translated thing with each object that shows English text marked: `inEnglish` lists the
 * keys of its fields left untranslated (a timeline entry added on vote day, a note the
 * translation lacks), so that pages mark that text `lang="en"`. Objects on a marked path are
 * copied, never changed: the English edition shares the ones a translation does not touch.
 */
export function markInEnglish<T>(thing: T, paths: readonly FieldPath[] | undefined): T {
  if (paths === undefined || paths.length === 0) return thing;
  const copies = new Map<object, Record<PropertyKey, unknown>>();
  const copy = (value: object): Record<PropertyKey, unknown> => {
    let made = copies.get(value);
    if (!made) {
      made = (Array.isArray(value) ? [...(value as unknown[])] : { ...value }) as Record<PropertyKey, unknown>;
      copies.set(value, made);
      copies.set(made, made);
    }
    return made;
  };
  const root = copy(thing as object);
  for (const path of paths) {
    let at: Record<PropertyKey, unknown> | undefined = root;
    for (const step of path.slice(0, -1)) {
      const next: unknown = at[step];
      at = next !== null && typeof next === 'object' ? (at[step] = copy(next)) : undefined;
      if (!at) break;
    }
    if (at) at[IN_ENGLISH] = [...((at[IN_ENGLISH] as string[] | undefined) ?? []), String(path[path.length - 1])];
  }
  return root as T;
}

/** The edition of one language: each thing's translated text where there is one, the English elsewhere. */
function translatedEdition(english: Edition, lang: Lang, from: EditionSources | undefined): Edition {
  const translations = from?.translations.get(lang);
  const states = from?.states.get(lang);
  const rendered = from?.rendered.get(lang)?.rendered;
  const marks = from?.inEnglish.get(lang);
  const text = (file: string): unknown => translations?.get(file)?.text;
  const overlay = <T extends { file: string }>(thing: T): T => markInEnglish(overlayText(thing, text(thing.file)), marks?.get(thing.file));
  const state = (file: string): TranslationState => states?.get(file) ?? MISSING;
  const elections = english.elections.map((e) => ({
    ...overlay(e),
    ...withSources(overlaySources(e.sources, text(e.file))),
    translation: state(e.file),
    overviewHtml: rendered?.get(e.file) ?? e.overviewHtml,
    candidates: e.candidates.map((c) => ({ ...overlay(c), translation: state(c.file), biography: rendered?.get(c.file) ?? c.biography })),
    articles: e.articles.map((a) => ({ ...overlay(a), translation: state(a.file), body: rendered?.get(a.file) ?? a.body })),
  }));
  const pages = english.pages.map((p) => ({ ...overlay(p), translation: state(p.file), body: rendered?.get(p.file) ?? p.body }));
  const site = markInEnglish(overlayText(english.site, text(SITE_FILE)), marks?.get(SITE_FILE));
  return { lang, site, siteTranslation: state(SITE_FILE), elections, pages, routes: editionRoutes(english.routes, elections, pages) };
}

/**
 * Every language's edition, English first. Without translations (a placeholder site), every
 * other edition is the English text marked as not translated.
 */
export function buildEditions(english: Edition, from?: EditionSources): Record<Lang, Edition> {
  return Object.fromEntries(LANGS.map((lang) => [lang, lang === english.lang ? english : translatedEdition(english, lang, from)])) as Record<Lang, Edition>;
}
