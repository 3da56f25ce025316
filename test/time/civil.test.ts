import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { civilFromDays, daysFromCivil, weekdayOfDay } from '../../src/time/civil.js';
import { parseLocalDate } from '../../src/time/localDate.js';
import { parseLocalTime } from '../../src/time/localTime.js';
import { maxDayNumber, maxInstantMs, minDayNumber, minInstantMs } from '../../src/time/range.js';

describe('civil calendar arithmetic', () => {
  test('day numbers agree with Date.UTC and round-trip, 1800 to 3000', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000, max: 376_000 }), (dayNumber) => {
        const { year, month, day } = civilFromDays(dayNumber);
        expect(daysFromCivil(year, month, day)).toBe(dayNumber);
        expect(Date.UTC(year, month - 1, day) / 86_400_000).toBe(dayNumber);
      }),
      { numRuns: 2000 },
    );
  });

  test('weekdays: 1970-01-01 was a Thursday, 2026-03-02 a Monday', () => {
    expect(weekdayOfDay(0)).toBe(3);
    expect(weekdayOfDay(daysFromCivil(2026, 3, 2))).toBe(0);
    expect(weekdayOfDay(daysFromCivil(1900, 1, 1))).toBe(0);
  });

  test('the range literals are what their comments say', () => {
    expect(minInstantMs).toBe(Date.UTC(1900, 0, 1));
    expect(maxInstantMs).toBe(Date.UTC(2201, 0, 1) - 1);
    expect(minDayNumber).toBe(daysFromCivil(1900, 1, 1));
    expect(maxDayNumber).toBe(daysFromCivil(2200, 12, 31));
  });
});

describe('local dates and times in calendar specs', () => {
  test('dates: real dates from 1900 to 2200 only', () => {
    expect(parseLocalDate('2026-12-25')).toBe(daysFromCivil(2026, 12, 25));
    expect(parseLocalDate('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', '1899-12-31', '2201-01-01', '26-01-01']) {
      expect(parseLocalDate(bad)).toBe(undefined);
    }
  });

  test('times: HH:MM or HH:MM:SS, 00:00 to 24:00', () => {
    expect(parseLocalTime('00:00')).toBe(0);
    expect(parseLocalTime('09:30:15')).toBe((9 * 3600 + 30 * 60 + 15) * 1000);
    expect(parseLocalTime('24:00')).toBe(86_400_000);
    expect(parseLocalTime('24:00:00')).toBe(86_400_000);
    for (const bad of ['9:00', '24:01', '25:00', '12:60', '12:00:60', '12', '12:00:00.5', ' 12:00']) {
      expect(parseLocalTime(bad)).toBe(undefined);
    }
  });
});
