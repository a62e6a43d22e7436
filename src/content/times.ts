// Times of day at a venue: "13:05" on a date in an IANA zone, as an instant with its offset
// and as readers of the venue's zone say it ("13:05 CEST").

function offsetMinutes(instant: number, zone: string): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The zone's short name at an instant: "CEST", "EDT", else "GMT+3". */
function zoneName(instant: number, zone: string): string {
  const named = (locale: string): string =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
  const british = named('en-GB');
  if (!british.startsWith('GMT')) return british;
  const american = named('en-US');
  return american.startsWith('GMT') ? british : american;
}

export interface VenueTime {
  /** ISO 8601 with the offset, for `<time datetime>`: "2025-06-30T13:05+02:00". */
  iso: string;
  /** "13:05 CEST". */
  label: string;
  /** Milliseconds since the epoch. */
  instant: number;
}

/** A venue's wall-clock time on a day, resolved in its zone. */
export function venueTime(date: string, time: string, zone: string): VenueTime {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  // The offset at the wall time, corrected once for a change of offset in between.
  let instant = wall - offsetMinutes(wall, zone) * 60_000;
  const second = offsetMinutes(instant, zone);
  instant = wall - second * 60_000;
  const sign = second < 0 ? '-' : '+';
  const abs = Math.abs(second);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return { iso: `${date}T${time}${offset}`, label: `${time} ${zoneName(instant, zone)}`, instant };
}

/** The wall-clock time of an instant in a zone, as its readers say it: "13:05 CEST". */
export function clockAt(instant: number, zone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${time} ${zoneName(instant, zone)}`;
}
