import { describe, expect, it } from 'vitest';
import { venueTime } from '../../src/content/times.js';

describe('a time of day at the venue', () => {
  it('resolves summer time in Geneva to CEST, +02:00', () => {
    expect(venueTime('2023-05-15', '13:05', 'Europe/Zurich')).toEqual({
      iso: '2023-05-15T13:05+02:00',
      label: '13:05 CEST',
      instant: Date.UTC(2023, 4, 15, 11, 5),
    });
  });

  it('resolves winter time, and zones west of Greenwich', () => {
    expect(venueTime('2024-03-01', '09:30', 'America/New_York').iso).toBe('2024-03-01T09:30-05:00');
    expect(venueTime('2024-03-01', '09:30', 'America/New_York').label).toBe('09:30 EST');
    expect(venueTime('2024-01-10', '09:30', 'Europe/Zurich').label).toBe('09:30 CET');
  });

  it('names a zone without a common abbreviation by its offset', () => {
    expect(venueTime('2024-07-01', '14:00', 'Africa/Addis_Ababa')).toMatchObject({
      iso: '2024-07-01T14:00+03:00',
      label: '14:00 GMT+3',
    });
    expect(venueTime('2024-07-01', '14:00', 'Asia/Kolkata').iso).toBe('2024-07-01T14:00+05:30');
  });

  it('uses the offset in force at that hour on the day the clocks change', () => {
    expect(venueTime('2024-03-31', '01:30', 'Europe/Zurich').iso).toBe('2024-03-31T01:30+01:00');
    expect(venueTime('2024-03-31', '03:30', 'Europe/Zurich').iso).toBe('2024-03-31T03:30+02:00');
  });
});
