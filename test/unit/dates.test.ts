import { describe, expect, it } from 'vitest';
import {
  ageFromReported,
  ageOn,
  compareDates,
  compareStamps,
  dayOf,
  isStamp,
  timeOf,
  dateHint,
  formatAge,
  formatDate,
  parsePartialDate,
} from '../../src/content/dates.js';

describe('partial dates', () => {
  it('parse with the precision they are written in', () => {
    expect(parsePartialDate('2023-05-15')).toEqual({
      year: 2023,
      month: 5,
      day: 15,
      precision: 'day',
      iso: '2023-05-15',
    });
    expect(parsePartialDate('2023-05')).toEqual({
      year: 2023,
      month: 5,
      precision: 'month',
      iso: '2023-05',
    });
    expect(parsePartialDate('2023')).toEqual({ year: 2023, precision: 'year', iso: '2023' });
  });

  it('reject days that are not in the calendar and other formats', () => {
    for (const bad of [
      '2023-02-29',
      '2023-13',
      '2023-00-10',
      '15 May 2023',
      '23-05-15',
      '2023-5-1',
      '',
      // A year before 1000: a slip of the keys, once shown as "1 January 0".
      '0000-01-01',
      '0023-05-15',
      '0999',
    ]) {
      expect(parsePartialDate(bad), bad).toBeUndefined();
    }
    expect(parsePartialDate('2024-02-29')?.day).toBe(29);
    expect(dateHint('0023-05-15')).toBe('The year 0023 is before 1000: check its digits.');
  });

  it('format as readers read them', () => {
    expect(formatDate('2023-05-15')).toBe('15 May 2023');
    expect(formatDate('2023-10-01')).toBe('1 October 2023');
    expect(formatDate('2021-09')).toBe('September 2021');
    expect(formatDate('1951')).toBe('1951');
  });

  it('sort a year before the days within it', () => {
    expect(['2023-05-15', '2023', '2022-12', '2023-05'].sort(compareDates)).toEqual([
      '2022-12',
      '2023',
      '2023-05',
      '2023-05-15',
    ]);
  });
});

describe('ages from dates', () => {
  it('count whole years to the day of the vote', () => {
    expect(ageOn('1957-01-12', '2023-05-15')).toEqual({ min: 66, max: 66 });
    expect(ageOn('1957-05-16', '2023-05-15')).toEqual({ min: 65, max: 65 });
    expect(ageOn('1957-05-15', '2023-05-15')).toEqual({ min: 66, max: 66 });
  });

  it('give a range when only the year or month of birth is known', () => {
    expect(formatAge(ageOn('1957', '2023-05-15'))).toBe('65 or 66');
    expect(formatAge(ageOn('1957-03', '2023-05-15'))).toBe('66');
    expect(formatAge(ageOn('1957-05', '2023-05-15'))).toBe('65 or 66');
  });

  it('carry a reported age to another day as a range', () => {
    expect(ageFromReported(49, '2023-05-15', '2023-05-15')).toEqual({ min: 49, max: 49 });
    expect(formatAge(ageFromReported(49, '2023-05-15', '2026-11-27'))).toBe('52 or 53');
  });
});

describe('stamps: when a file last changed', () => {
  it('are a day, or a day and a time of day, in order', () => {
    expect(['2024-03-02', '2024-03-02 14:20', '2024-03-02T09:05'].map(isStamp)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      [
        '2024-03-02 24:00',
        '2024-03-02 9:05',
        '2024-02-30 10:00',
        '2024-03',
        '2024-03-02 14:20:00',
      ].map(isStamp),
    ).toEqual([false, false, false, false, false]);
    expect(dayOf('2024-03-02 14:20')).toBe('2024-03-02');
    expect(timeOf('2024-03-02T14:20')).toBe('14:20');
    expect(timeOf('2024-03-02')).toBeUndefined();
    // A day alone is its start: older than a time that day, level with the day itself.
    expect(compareStamps('2024-03-02 14:20', '2024-03-02')).toBeGreaterThan(0);
    expect(compareStamps('2024-03-02', '2024-03-02T00:00')).toBe(0);
    expect(compareStamps('2024-03-02 14:20', '2024-03-02T15:05')).toBeLessThan(0);
    expect(compareStamps('2024-03-03', '2024-03-02 23:59')).toBeGreaterThan(0);
  });
});

describe('hints for a stamp that is refused', () => {
  it('say what is wrong with its time, or that it holds a space that is not one', () => {
    for (const found of [
      '2024-03-05 9:05',
      '2024-03-05 24:00',
      '2024-03-05 14:20:00',
      '2024-03-05T14:20Z',
    ])
      expect(dateHint(found)).toBe(
        'A time of day is written as hours and minutes on the 24-hour clock, two digits each, with no seconds and no time zone, like 2024-03-05 09:05.',
      );
    expect(dateHint('2024-03-05\u00a014:20')).toBe(
      'It holds U+00A0, which looks like a space or nothing at all: retype the value with plain spaces.',
    );
    expect(dateHint('2024-03-05 14:20\u200b')).toContain('It holds U+200B');
  });
});
