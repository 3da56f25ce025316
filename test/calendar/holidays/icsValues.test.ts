import { describe, expect, test } from 'vitest';
import { parseIcsDay, parseIcsDuration, unescapeIcsText } from '../../../src/calendar/holidays/icsValues.js';
import { daysFromCivil } from '../../../src/time/civil.js';

describe('DATE and DATE-TIME values', () => {
  test('a date, and a date-time with or without Z, give the day as written', () => {
    const day = daysFromCivil(2026, 12, 25);
    expect(parseIcsDay('20261225')).toEqual({ day, timed: false, text: '20261225' });
    expect(parseIcsDay('20261225T235959Z')).toEqual({ day, timed: true, text: '20261225T235959Z' });
    expect(parseIcsDay('20261225t000000')).toEqual({ day, timed: true, text: '20261225t000000' });
  });

  test('a leap second is allowed (RFC 5545), Feb 29 only in leap years, year 0000 to 9999', () => {
    expect(parseIcsDay('20161231T235960Z')?.timed).toBe(true);
    expect(parseIcsDay('20240229')?.day).toBe(daysFromCivil(2024, 2, 29));
    expect(parseIcsDay('00010101')?.day).toBe(daysFromCivil(1, 1, 1));
    expect(parseIcsDay('99991231')?.day).toBe(daysFromCivil(9999, 12, 31));
  });

  test.each([
    '20260229',
    '20261301',
    '20260001',
    '20261200',
    '20261225T240000',
    '20261225T126000',
    '2026-12-25',
    '2026122',
    '20261225T1200',
    ' 20261225',
    'now',
  ])('%j is not a date', (text) => {
    expect(parseIcsDay(text)).toBeUndefined();
  });
});

describe('DURATION values', () => {
  test.each([
    ['P1D', 86_400],
    ['P2W', 1_209_600],
    ['PT24H', 86_400],
    ['PT86400S', 86_400],
    ['P1DT12H', 129_600],
    ['PT1H30M', 5_400],
    ['+P1D', 86_400],
    ['-P1D', -86_400],
    ['P0D', 0],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseIcsDuration(text)).toBe(seconds);
  });

  test.each(['', 'P', 'PT', 'P1DT', '1D', 'P1H', 'P1W2D', 'PT1D', 'P1.5D', 'p1d'])(
    '%j is not a duration',
    (text) => {
      expect(parseIcsDuration(text)).toBeUndefined();
    },
  );
});

test('TEXT values are unescaped', () => {
  expect(unescapeIcsText('a\\,b\\;c\\\\d\\ne\\Nf\\x')).toBe('a,b;c\\d\ne\nf\\x');
});
