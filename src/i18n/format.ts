// Numbers, dates of a precision, ordinals and times of day as each language writes them,
// with Intl. English delegates to the functions the site has always used, so its pages read
// exactly as before; French gets its typography (narrow no-break space in numbers, "1er").
import { formatDate as formatEnglishDate, parsePartialDate } from '../content/dates.js';
import { clockAt, venueTime } from '../content/times.js';
import type { Lang } from './lang.js';
import { LOCALES } from './lang.js';

/** Narrow no-break space (U+202F): French thousands separator and space before ; ! ?. */
export const NNBSP = '\u202f';
/** No-break space (U+00A0): French space before a colon and inside « ». */
export const NBSP = '\u00a0';

const numberFormats = new Map<Lang, Intl.NumberFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

/** "1,234" / "1 234" (narrow no-break space) / "1234" (Spanish groups from five digits). */
export function formatNumber(value: number, lang: Lang = 'en'): string {
  let format = numberFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang]);
    numberFormats.set(lang, format);
  }
  return format.format(value);
}

/** The plural category of a count ("one", "other", …), or of a rank with `type: 'ordinal'`. */
export function pluralCategory(
  count: number,
  lang: Lang = 'en',
  type: Intl.PluralRuleType = 'cardinal',
): Intl.LDMLPluralRule {
  const key = `${lang}:${type}`;
  let rules = pluralRules.get(key);
  if (!rules) {
    rules = new Intl.PluralRules(LOCALES[lang], { type });
    pluralRules.set(key, rules);
  }
  return rules.select(count);
}

const ENGLISH_ORDINALS: Partial<Record<Intl.LDMLPluralRule, string>> = {
  one: 'st',
  two: 'nd',
  few: 'rd',
};

/**
 * "1st", "2nd"; "1er"/"1re", "2e"; "1.º"/"1.ª". French and Spanish ordinals agree with the
 * noun they qualify: `feminine` for "la 1re session", "la 1.ª ronda".
 */
export function formatOrdinal(n: number, lang: Lang = 'en', feminine = false): string {
  if (lang === 'fr') return n === 1 ? (feminine ? '1re' : '1er') : `${formatNumber(n, lang)}e`;
  if (lang === 'es') return `${formatNumber(n, lang)}.${feminine ? 'ª' : 'º'}`;
  return `${n}${ENGLISH_ORDINALS[pluralCategory(n, lang, 'ordinal')] ?? 'th'}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: Lang, withDay: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withDay}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
      ...(withDay ? { day: 'numeric' } : {}),
    });
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * A date at the precision it is written in: "30 June 2025" / "30 juin 2025" / "30 de junio de
 * 2025"; "June 2025" / "juin 2025" / "junio de 2025"; "2025". French writes the first of the
 * month as an ordinal: "1er octobre 2025".
 */
export function formatDate(text: string, lang: Lang = 'en'): string {
  if (lang === 'en') return formatEnglishDate(text);
  const date = parsePartialDate(text);
  if (!date) throw new RangeError(`Not a date: "${text}"`);
  if (date.precision === 'year' || date.month === undefined) return String(date.year);
  const instant = Date.UTC(date.year, date.month - 1, date.day ?? 1);
  const parts = dateFormat(lang, date.precision === 'day').formatToParts(instant);
  return parts
    .map((p) => (p.type === 'day' && lang === 'fr' && p.value === '1' ? '1er' : p.value))
    .join('');
}

/** A zone's name as the language's readers are shown it: "CEST", "UTC+2". */
function zoneLabel(instant: number, zone: string, lang: Lang): string {
  return (
    new Intl.DateTimeFormat(LOCALES[lang], { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'UTC'
  );
}

/** "13:05" as the language writes a time of day: French "13 h 05", "8 h 30" (no leading zero). */
const clockWords = (time: string, lang: Lang): string =>
  lang === 'fr' ? time.replace(/^0(?=\d:)/, '').replace(':', `${NBSP}h${NBSP}`) : time;

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The wall-clock time of an instant in a zone, as the language says it, with the zone as its
 * readers are shown it: "13:05 CEST" / "13 h 05 (UTC+2)" / "13:05 (CEST)".
 */
export function formatClock(instant: number, zone: string, lang: Lang = 'en'): string {
  if (lang === 'en') return clockAt(instant, zone);
  const key = `${lang}:${zone}`;
  let format = clockFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    // A few zones at most: the venues of the elections content describes.
    if (clockFormats.size < 64) clockFormats.set(key, format);
  }
  return `${clockWords(format.format(instant), lang)} (${zoneLabel(instant, zone, lang)})`;
}

/** The day an instant falls on in a zone, as written in content: "2025-06-30". */
function dayIn(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/**
 * The day and time of an instant in a zone, as the language says it: "30 June 2025 at 13:05
 * CEST" / "30 juin 2025 à 13 h 05 (UTC+2)" / "30 de junio de 2025 a las 13:05 (CEST)". A page read days
 * later, or printed, says which day its time was.
 */
export function formatDateTime(instant: number, zone: string, lang: Lang = 'en'): string {
  return withDay(dayIn(instant, zone), formatClock(instant, zone, lang), lang);
}

/** "30 June 2025 at 13:05" / "30 juin 2025 à 13 h 05": a day and a time of day, without a zone. */
export function formatDayTime(day: string, time: string, lang: Lang = 'en'): string {
  return withDay(day, clockWords(time, lang), lang);
}

/** "at 13:05", "à 13 h 05", "a las 13:05" (Spanish: "a la 01:05", one o'clock being singular). */
const dayAt = (clock: string, lang: Lang): string =>
  lang === 'en' ? ' at ' : lang === 'fr' ? ' à ' : clock.startsWith('01:') ? ' a la ' : ' a las ';
const withDay = (day: string, clock: string, lang: Lang): string =>
  `${formatDate(day, lang)}${dayAt(clock, lang)}${clock}`;

/**
 * A wall-clock time at a venue with its zone: "13:05 CEST" / "13 h 05 (UTC+2)" /
 * "13:05 (CEST)". Without a zone, the time is said to be the venue's.
 */
export function formatVenueTime(
  date: string,
  time: string,
  zone: string | undefined,
  lang: Lang = 'en',
): { iso: string; label: string; instant?: number } {
  const clock = clockWords(time, lang);
  if (zone === undefined) {
    const venue = { en: 'venue time', fr: 'heure locale', es: 'hora local' }[lang];
    return { iso: `${date}T${time}`, label: `${clock} (${venue})` };
  }
  const at = venueTime(date, time, zone);
  if (lang === 'en') return at;
  return { ...at, label: `${clock} (${zoneLabel(at.instant, zone, lang)})` };
}
