// Messages and the translator: a key, its parameters, and the language give the text a reader
// sees. A message is a string with {placeholders}, or forms chosen by Intl.PluralRules on the
// `count` parameter, or by the person's grammatical gender on the `gender` parameter (the
// `other` form is worded so that it agrees with anyone, for when content does not say).
import ejs from 'ejs';
import { formatNumber, formatOrdinal, pluralCategory } from './format.js';
import type { Lang } from './lang.js';
import { en } from './messages/en.js';
import { es } from './messages/es.js';
import { fr } from './messages/fr.js';

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type GenderForms = {
  female: string;
  male: string;
  /** Agrees with anyone: used when the gender is not known. */
  other: string;
};
export type Message = string | { count: PluralForms } | { gender: GenderForms };

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, Message>;
export type Gender = 'female' | 'male';

/** A parameter: text and numbers as they are, or HTML already escaped (for `html`). */
export type Param = string | number | { html: string } | undefined;
export type Params = Record<string, Param>;

export const catalogues: Record<Lang, Catalogue> = { en, fr, es };

/**
 * Messages that are rightly the same as in English: words the languages share, and patterns
 * of placeholders only. Any other value equal to the English one is English left behind.
 */
export const SAME_AS_ENGLISH: Record<'fr' | 'es', readonly MessageKey[]> = {
  fr: [
    'nav.sources',
    'results.source',
    'results.abstentions',
    'chain.neededValue',
    'page.titleInAfterMark',
  ],
  es: [
    'chain.neededValue',
    'results.gap',
    'page.titleIn',
    'page.titleInAfterMark',
    'stage.line',
    'stage.separator',
    'punct.colon',
    'punct.listSeparator',
  ],
};

/** The one string of a message for these parameters: the plural or gender form that fits. */
function pick(message: Message, params: Params, lang: Lang): string {
  if (typeof message === 'string') return message;
  if ('count' in message) {
    const count = params.count;
    const n = typeof count === 'number' ? count : Number(count);
    return message.count[pluralCategory(n, lang)] ?? message.count.other;
  }
  const gender = params.gender;
  return gender === 'female' || gender === 'male' ? message.gender[gender] : message.gender.other;
}

/** A placeholder, and the "de" before it, which a French vowel after elides. */
const PLACEHOLDER = /(?:(?<![\p{L}\p{N}])([Dd]e) )?\{(\w+)(?::(ordinal|ordinal-f|lower))?\}/gu;

/**
 * What a French "de" becomes before a value: "d’" before a vowel ("celle d’Alice Martin", "au
 * poste d’Administrateur"), as before a word written in the message. Not before an h
 * (aspirated or not, the language decides word by word) or a y ("d’Yves" but "de Yokohama"),
 * nor before digits; markup a value starts with is looked past.
 */
const STARTS_WITH_VOWEL = /^(?:<[^>]*>)*[aeiouàâäéèêëîïôöùûüœæ]/i;
function elided(word: string | undefined, value: string, lang: Lang): string {
  if (word === undefined) return value;
  if (lang !== 'fr' || !STARTS_WITH_VOWEL.test(value)) return `${word} ${value}`;
  return `${word.slice(0, -1)}’${value}`;
}

/**
 * A name written with a capital as a label ("Directeur général") within a French sentence,
 * where a function takes none ("au poste de directeur général"): its first letter in lower
 * case, unless the word is an acronym ("ONU").
 */
const lowerFirst = (value: string): string =>
  /^\p{Lu}\p{Ll}/u.test(value) ? value[0]!.toLowerCase() + value.slice(1) : value;

function fill(
  text: string,
  params: Params,
  lang: Lang,
  escape: (s: string) => string,
  key: string,
): string {
  return text.replace(
    PLACEHOLDER,
    (_, word: string | undefined, name: string, style: string | undefined) => {
      const value = params[name];
      if (value === undefined) throw new RangeError(`Message "${key}" needs a value for {${name}}`);
      const written =
        typeof value === 'object'
          ? value.html
          : typeof value === 'number'
            ? escape(
                style
                  ? formatOrdinal(value, lang, style === 'ordinal-f')
                  : formatNumber(value, lang),
              )
            : escape(style === 'lower' ? lowerFirst(value) : value);
      return elided(word, written, lang);
    },
  );
}

const identity = (s: string): string => s;

export interface Translator {
  /** The message as plain text (escape it where it goes into HTML: `<%= t(…) %>`). */
  (key: MessageKey, params?: Params): string;
  /**
   * The message as HTML (`<%- t.html(…) %>`): catalogue text is trusted and holds no markup (a
   * test pins it), text parameters are escaped, `{ html }` parameters are kept as they are.
   */
  html: (key: MessageKey, params?: Params) => string;
  lang: Lang;
}

/** The translator of a language, for views and for code that words things. */
export function translator(lang: Lang): Translator {
  const catalogue = catalogues[lang];
  const t = ((key: MessageKey, params: Params = {}) =>
    fill(pick(catalogue[key], params, lang), params, lang, identity, key)) as Translator;
  t.html = (key, params = {}) =>
    fill(pick(catalogue[key], params, lang), params, lang, (s) => ejs.escapeXML(s), key);
  t.lang = lang;
  return t;
}

const translators = new Map<Lang, Translator>();

/** The shared translator of a language. */
export function tr(lang: Lang = 'en'): Translator {
  let t = translators.get(lang);
  if (!t) {
    t = translator(lang);
    translators.set(lang, t);
  }
  return t;
}
