// Which edition a path asks for, and the URLs of a page in every language: English unprefixed,
// French and Spanish under their prefix (`/fr/…`, `/es/…`) with the same slugs. Only the URL
// decides the language: a request's Accept-Language never redirects.
import type { InEnglish, TranslationState } from '../content/model.js';
import { IN_ENGLISH } from '../content/model.js';
import type { Lang } from '../i18n/lang.js';
import { DEFAULT_LANG, ENDONYMS, isLang, LANGS } from '../i18n/lang.js';
import { inLanguage, urls } from '../urls.js';

/** The language a path is in and the path without its prefix (`/fr/x/results` → fr, `/x/results`). */
export function languageOf(path: string): { lang: Lang; path: string } {
  const prefixed = /^\/([a-z]{2})(\/.*)$/.exec(path);
  const lang = prefixed?.[1];
  if (prefixed && isLang(lang) && lang !== DEFAULT_LANG) return { lang, path: prefixed[2]! };
  return { lang: DEFAULT_LANG, path };
}

/** Page URLs take the language's prefix; documents, assets, share images and the live channel do not. */
const PAGE_URLS = [
  'home',
  'page',
  'election',
  'candidates',
  'candidate',
  'compare',
  'results',
  'timeline',
  'sources',
  'article',
  'source',
] as const;

export type Urls = typeof urls;

const localized = new Map<Lang, Urls>();

/** `urls` with every page's URL in a language, for views. */
export function urlsIn(lang: Lang): Urls {
  let local = localized.get(lang);
  if (!local) {
    const wrapped: Record<string, unknown> = { ...urls };
    for (const name of PAGE_URLS) {
      // Every page URL takes slugs only (the home page's language is the one this wraps).
      const url = urls[name] as (...args: string[]) => string;
      wrapped[name] = (...args: string[]) => inLanguage(lang, url(...args));
    }
    local = Object.freeze(wrapped) as Urls;
    localized.set(lang, local);
  }
  return local;
}

export interface LanguageLink {
  lang: Lang;
  /** The language named in itself. */
  name: string;
  href: string;
  current: boolean;
}

/** The same page in every language, for the switcher and the hreflang alternates. */
export function languageLinks(path: string, current: Lang): LanguageLink[] {
  return LANGS.map((lang) => ({
    lang,
    name: ENDONYMS[lang],
    href: inLanguage(lang, path),
    current: lang === current,
  }));
}

/**
 * What may hold text shown in English: a thing (its `translation`), or any object of one (its
 * marks, `inEnglish`). Any object: most (a round, a venue) have neither until marked.
 */
export type Translatable = object;
type Marked = { translation?: TranslationState } & InEnglish;

/**
 * ` lang="en"` for an element holding text that is shown in English on a page in another
 * language: a thing not translated, or with `key`, a field its object's translation leaves out.
 */
export function langAttr(thing: Translatable | undefined, page: Lang, key?: string): string {
  const marked = thing as Marked | undefined;
  const english =
    marked?.translation?.status === 'missing' ||
    (key !== undefined && marked?.[IN_ENGLISH]?.includes(key) === true);
  return page !== DEFAULT_LANG && english ? ` lang="${DEFAULT_LANG}"` : '';
}
