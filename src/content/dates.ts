// Dates with a precision: "2025-06-30" (day), "2025-06" (month) or "2025" (year).
// The one place that parses, compares and formats them, and computes ages from them.

export type Precision = 'day' | 'month' | 'year';

export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  precision: Precision;
  iso: string;
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function parsePartialDate(text: string): PartialDate | undefined {
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  // "0023-05-15" is a slip of the keys, not a date of the year 23.
  if (year < 1000) return undefined;
  if (match[2] === undefined) return { year, precision: 'year', iso: text };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  if (match[3] === undefined) return { year, month, precision: 'month', iso: text };
  const day = Number(match[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  return { year, month, day, precision: 'day', iso: text };
}

export const isPartialDate = (text: string): boolean => parsePartialDate(text) !== undefined;
export const isFullDate = (text: string): boolean => parsePartialDate(text)?.precision === 'day';

function mustParse(text: string): PartialDate {
  const date = parsePartialDate(text);
  if (!date) throw new RangeError(`Not a date: "${text}"`);
  return date;
}

/** "30 June 2025", "June 2025" or "2025". */
export function formatDate(text: string): string {
  const date = mustParse(text);
  const month = date.month === undefined ? undefined : MONTHS[date.month - 1];
  if (date.precision === 'year' || month === undefined) return String(date.year);
  if (date.precision === 'month') return `${month} ${date.year}`;
  return `${date.day} ${month} ${date.year}`;
}

/** Sorts partial dates by their earliest possible day; "2023" sorts before "2023-01-01". */
export function compareDates(a: string, b: string): number {
  const pa = mustParse(a);
  const pb = mustParse(b);
  return (
    pa.year - pb.year ||
    (pa.month ?? 0) - (pb.month ?? 0) ||
    (pa.day ?? 0) - (pb.day ?? 0)
  );
}

/**
 * When a file was last changed: a day, "2025-06-30", or a day and a time of day, "2025-06-30
 * 14:20" (or "2025-06-30T14:20"), for changes made the same day as the one before, as on vote
 * day. The time is the newsroom's clock, compared only with the other files' times.
 */
const STAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ]([01]\d|2[0-3]):([0-5]\d))?$/;

export const isStamp = (text: string): boolean => {
  const match = STAMP.exec(text);
  return match !== null && isFullDate(match[1]!);
};

/** A stamp's day: "2025-06-30". */
export const dayOf = (stamp: string): string => STAMP.exec(stamp)?.[1] ?? stamp;

/** A stamp's time of day, "14:20", if it gives one. */
export const timeOf = (stamp: string): string | undefined => {
  const match = STAMP.exec(stamp);
  return match?.[2] === undefined ? undefined : `${match[2]}:${match[3]}`;
};

/**
 * Orders two stamps. A day without a time is taken as its start: a translation dated
 * "2025-06-30" is older than an English file changed "2025-06-30 14:20" (which it may not have
 * seen), and not older than one changed "2025-06-30".
 */
export function compareStamps(a: string, b: string): number {
  return compareDates(dayOf(a), dayOf(b)) || (timeOf(a) ?? '00:00').localeCompare(timeOf(b) ?? '00:00');
}

/** An age that may be known only within a range, when the birth date is not exact. */
export interface Age {
  min: number;
  max: number;
}

/** Age on a given day, from a birth date of any precision. */
export function ageOn(born: string, on: string): Age {
  const b = mustParse(born);
  const d = mustParse(on);
  if (d.month === undefined || d.day === undefined) {
    throw new RangeError(`Age needs an exact day to measure on, found "${on}"`);
  }
  const years = d.year - b.year;
  if (b.month === undefined) return { min: years - 1, max: years };
  if (b.day === undefined) {
    if (d.month > b.month) return { min: years, max: years };
    if (d.month < b.month) return { min: years - 1, max: years - 1 };
    return { min: years - 1, max: years };
  }
  const hadBirthday = d.month > b.month || (d.month === b.month && d.day >= b.day);
  const age = hadBirthday ? years : years - 1;
  return { min: age, max: age };
}

/** "49" or "48 or 49". */
export function formatAge(age: Age): string {
  return age.min === age.max ? String(age.min) : `${age.min} or ${age.max}`;
}

function shiftYears(iso: string, years: number): string {
  const d = mustParse(iso);
  const year = String(d.year + years).padStart(4, '0');
  const month = String(d.month ?? 1).padStart(2, '0');
  // 29 February has no counterpart in most years: the day before is the last day that fits.
  const day = d.month === 2 && d.day === 29 && !isPartialDate(`${year}-02-29`) ? 28 : (d.day ?? 1);
  return `${year}-${month}-${String(day).padStart(2, '0')}`;
}

/** The age on `at` of someone reported to be `age` on `on`: the birth date is known to within a year. */
export function ageFromReported(age: number, on: string, at: string): Age {
  const latestBirth = shiftYears(on, -age);
  const earliestBirth = nextDay(shiftYears(on, -(age + 1)));
  const a = ageOn(latestBirth, at);
  const b = ageOn(earliestBirth, at);
  return { min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
}

function nextDay(iso: string): string {
  const d = mustParse(iso);
  const date = new Date(Date.UTC(d.year, (d.month ?? 1) - 1, (d.day ?? 1) + 1));
  return date.toISOString().slice(0, 10);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const MONTH_NAMES = new Map(
  MONTHS.flatMap((name, i) => [
    [name.toLowerCase(), i + 1],
    [name.slice(0, 3).toLowerCase(), i + 1],
  ]),
);

/** A written date, if it is one: the ISO form, or why it cannot be. */
function isoOrReason(year: number, month: number, day?: number): string {
  if (year < 1000) return `The year ${String(year).padStart(4, '0')} is before 1000: check its digits`;
  if (month < 1 || month > 12) return `There is no month ${month}`;
  if (day === undefined) return `${year}-${pad(month)}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `There is no day ${day} in ${MONTHS[month - 1]} ${year}`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const said = (result: string): string => {
  if (result.startsWith('There is no month')) return `${result}: dates are written year-month-day, like 2025-06-30.`;
  return result.startsWith('There is no') || result.startsWith('The year') ? `${result}.` : `Did you mean ${result}?`;
};

/**
 * What an editor most likely meant by a date the site cannot read: "15/05/1974" → "Did you
 * mean 1974-05-15?", "1974-13-40" → "There is no month 13…". Undefined when there is no guess.
 */
export function dateHint(text: string): string | undefined {
  // A space that is not one (pasted from a document): the value looks right and is refused.
  const odd = /[\u00a0\u2000-\u200d\u202f\u2060\ufeff]/u.exec(text);
  if (odd)
    return `It holds U+${odd[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, which looks like a space or nothing at all: retype the value with plain spaces.`;
  const value = text.trim();
  // A day and a time of day (updated, translated): the time is what is wrong.
  const stamped = /^(\d{4}-\d{2}-\d{2})[T ](.+)$/.exec(value);
  if (stamped && isFullDate(stamped[1]!))
    return `A time of day is written as hours and minutes on the 24-hour clock, two digits each, with no seconds and no time zone, like ${stamped[1]} 09:05.`;
  let m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(value);
  if (m) return said(isoOrReason(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a > 12 && b <= 12) return said(isoOrReason(year, b, a));
    if (b > 12 && a <= 12) return said(isoOrReason(year, a, b));
    if (a <= 12 && b <= 12 && a !== b) {
      return `Dates are written year-month-day: ${isoOrReason(year, b, a)} for ${a} ${MONTHS[b - 1]}, or ${isoOrReason(year, a, b)} for ${b} ${MONTHS[a - 1]}.`;
    }
    return said(isoOrReason(year, b, a));
  }
  // "15 June 1970", "June 15, 1970", "June 1970".
  m = /^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$/.exec(value);
  if (m) {
    const month = MONTH_NAMES.get(m[2]!.toLowerCase());
    const day = m[1] ?? m[3];
    if (month !== undefined) return said(isoOrReason(Number(m[4]), month, day === undefined ? undefined : Number(day)));
  }
  return undefined;
}
