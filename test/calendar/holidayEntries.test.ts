/**
 * Holiday entries (docs/calendar.md, "Holidays"): a date, a month-day every year, an inclusive
 * range; in a calendar's own `holidays` and in a policy's `holidaySets`.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseHolidayEntry } from '../../src/calendar/holidays/entry.js';
import {
  businessTimeBetween,
  type CalendarSpec,
  compileCalendar,
  compilePolicy,
  computeSlaState,
  isSlaValidationError,
  type PolicySpec,
} from '../../src/index.js';

const hour = 3_600_000;
const day = 24 * hour;
const everyDay = {
  mon: [['00:00', '24:00']],
  tue: [['00:00', '24:00']],
  wed: [['00:00', '24:00']],
  thu: [['00:00', '24:00']],
  fri: [['00:00', '24:00']],
  sat: [['00:00', '24:00']],
  sun: [['00:00', '24:00']],
} as const;

/** Open hours on the UTC date `date` (a whole-day calendar: 24 h unless closed). */
function openOn(spec: CalendarSpec, date: string): number {
  const cal = compileCalendar(spec);
  const fromMs = Date.parse(`${date}T00:00:00Z`);
  return businessTimeBetween(cal, fromMs, fromMs + day);
}

const utcAllDay = (holidays: string[]): CalendarSpec => ({ timeZone: 'UTC', week: everyDay, holidays });

describe('yearly holidays', () => {
  test('"--12-25" closes Christmas every year', () => {
    for (const year of [1950, 2026, 2027, 2100, 2199]) {
      expect(openOn(utcAllDay(['--12-25']), `${year}-12-25`), String(year)).toBe(0);
      expect(openOn(utcAllDay(['--12-25']), `${year}-12-26`)).toBe(24 * hour);
    }
  });

  test('"--02-29" closes Feb 29 in leap years and nothing in other years', () => {
    expect(openOn(utcAllDay(['--02-29']), '2028-02-29')).toBe(0);
    expect(openOn(utcAllDay(['--02-29']), '2027-02-28')).toBe(24 * hour);
    expect(openOn(utcAllDay(['--02-29']), '2027-03-01')).toBe(24 * hour);
    // 2100 is not a leap year: its February ends on the 28th and March 1st stays open.
    expect(openOn(utcAllDay(['--02-29']), '2100-03-01')).toBe(24 * hour);
  });

  test('a yearly holiday equals the list of its dates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1990, max: 2060 }),
        (month, dayOfMonth, year) => {
          fc.pre(dayOfMonth <= new Date(Date.UTC(2000, month, 0)).getUTCDate());
          const mm = String(month).padStart(2, '0');
          const dd = String(dayOfMonth).padStart(2, '0');
          const dates: string[] = [];
          for (let y = year - 2; y <= year + 2; y++) {
            if (new Date(Date.UTC(y, month - 1, dayOfMonth)).getUTCMonth() === month - 1)
              dates.push(`${y}-${mm}-${dd}`);
          }
          const yearly = compileCalendar({
            timeZone: 'Europe/Berlin',
            week: everyDay,
            holidays: [`--${mm}-${dd}`],
          });
          const listed = compileCalendar({ timeZone: 'Europe/Berlin', week: everyDay, holidays: dates });
          const fromMs = Date.UTC(year - 1, 0, 1);
          const toMs = Date.UTC(year + 2, 0, 1);
          expect(businessTimeBetween(yearly, fromMs, toMs)).toBe(businessTimeBetween(listed, fromMs, toMs));
        },
      ),
      { numRuns: 60 },
    );
  });

  test('an override wins over a yearly holiday on the same date', () => {
    const spec: CalendarSpec = {
      timeZone: 'UTC',
      week: everyDay,
      holidays: ['--12-24'],
      overrides: [{ date: '2026-12-24', hours: [['09:00', '12:00']] }],
    };
    expect(openOn(spec, '2026-12-24')).toBe(3 * hour);
    expect(openOn(spec, '2027-12-24')).toBe(0);
  });

  test('a week that is always open still closes on its yearly holidays, in any year', () => {
    const cal = compileCalendar(utcAllDay(['--01-01']));
    const fromMs = Date.UTC(2150, 0, 1);
    expect(businessTimeBetween(cal, fromMs, fromMs + 2 * day)).toBe(day);
  });
});

describe('ranges', () => {
  test('"2026-12-24/2026-12-31" closes every date of the range, both ends included', () => {
    const spec = utcAllDay(['2026-12-24/2026-12-31']);
    expect(openOn(spec, '2026-12-23')).toBe(day);
    for (let d = 24; d <= 31; d++) expect(openOn(spec, `2026-12-${d}`)).toBe(0);
    expect(openOn(spec, '2027-01-01')).toBe(day);
  });

  test('a range of 366 dates is allowed, one of 367 is not', () => {
    expect(() => compileCalendar(utcAllDay(['2028-01-01/2028-12-31']))).not.toThrow();
    expect(() => compileCalendar(utcAllDay(['2027-01-01/2028-01-02']))).toThrow(/at most 366 dates/);
  });

  test('a range equals the list of its dates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 0, max: 365 }),
        (startDay, length) => {
          const iso = (d: number) => new Date(d * day).toISOString().slice(0, 10);
          const dates = Array.from({ length: length + 1 }, (_, i) => iso(startDay + i));
          const ranged = compileCalendar({
            timeZone: 'Asia/Kathmandu',
            week: everyDay,
            holidays: [`${iso(startDay)}/${iso(startDay + length)}`],
          });
          const listed = compileCalendar({ timeZone: 'Asia/Kathmandu', week: everyDay, holidays: dates });
          const fromMs = (startDay - 3) * day;
          const toMs = (startDay + length + 3) * day;
          expect(businessTimeBetween(ranged, fromMs, toMs)).toBe(businessTimeBetween(listed, fromMs, toMs));
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('parseHolidayEntry', () => {
  test('reads each form and names what is wrong', () => {
    expect(parseHolidayEntry('2026-12-25')).toEqual({ kind: 'date', day: 20812 });
    expect(parseHolidayEntry('--12-25')).toEqual({ kind: 'yearly', month: 12, dayOfMonth: 25 });
    expect(parseHolidayEntry('2026-12-24/2026-12-25')).toEqual({
      kind: 'range',
      firstDay: 20811,
      lastDay: 20812,
    });
    expect(parseHolidayEntry('--02-30')).toBe('malformed');
    expect(parseHolidayEntry('--13-01')).toBe('malformed');
    expect(parseHolidayEntry('2026-12-31/2026-12-24')).toBe('reversed_range');
    expect(parseHolidayEntry('2026-01-01/2027-02-04')).toBe('long_range');
    expect(parseHolidayEntry('2026-02-30/2026-03-02')).toBe('malformed');
  });
});

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isSlaValidationError(error))
      return error.issues.map(({ code, path, message }) => ({ code, path, message }));
    throw error;
  }
  throw new Error('accepted');
}

describe('bad holidays are refused with their path', () => {
  test.each([
    ['a month-day that never happens', '--02-30', 'invalid_local_date'],
    ['a reversed range', '2026-12-31/2026-12-24', 'invalid_value'],
    ['a range of 400 days', '2026-01-01/2027-02-04', 'invalid_value'],
    ['a date that does not exist', '2026-02-29', 'invalid_local_date'],
    ['a range end that does not exist', '2026-02-01/2026-02-30', 'invalid_local_date'],
    ['a week number', '2026-W52', 'invalid_local_date'],
  ])('%s', (_name, entry, code) => {
    expect(issuesOf(() => compileCalendar(utcAllDay(['2026-01-01', entry])))).toEqual([
      expect.objectContaining({
        code,
        path: ['holidays', 1],
        message: expect.stringContaining(`got "${entry}"`),
      }),
    ]);
  });
});

describe('holiday sets in a policy', () => {
  const policy = (sets: unknown, calendarSets: unknown, holidays?: string[]): PolicySpec =>
    ({
      holidaySets: sets,
      calendars: {
        office: {
          timeZone: 'UTC',
          week: everyDay,
          holidaySets: calendarSets,
          ...(holidays === undefined ? {} : { holidays }),
        },
      },
      metrics: { resolution: { kind: 'resolution', goals: [{ target: '100h', calendar: 'office' }] } },
    }) as never;

  test("a calendar's closed dates are its own holidays and every named set's, duplicates harmless", () => {
    const compiled = compilePolicy(
      policy(
        { us: ['--07-04', '2026-12-24/2026-12-26'], company: ['2026-12-24', '2026-12-31'] },
        ['us', 'company'],
        ['2026-12-25'],
      ),
    );
    // Created on 2026-12-23 at noon; by 2027-01-02 noon: 12 + 24 (27th..30th: 4 days) + 24 (Jan 1) + 12 h.
    const state = computeSlaState([{ type: 'created', at: '2026-12-23T12:00:00Z' }], compiled, {
      now: '2027-01-02T12:00:00Z',
    });
    expect(state.metrics.resolution?.elapsed).toBe((12 + 4 * 24 + 24 + 12) * hour);
    expect(compiled.calendars.office?.spec).toMatchObject({
      holidays: ['2026-12-25', '--07-04', '2026-12-24/2026-12-26', '2026-12-24', '2026-12-31'],
    });
  });

  test('an unknown set name is refused at its path', () => {
    expect(issuesOf(() => compilePolicy(policy({ us: ['--07-04'] }, ['us', 'uk'])))).toEqual([
      expect.objectContaining({ code: 'invalid_value', path: ['calendars', 'office', 'holidaySets', 1] }),
    ]);
  });

  test('a bad entry in a set is refused at its path', () => {
    expect(issuesOf(() => compilePolicy(policy({ us: ['--07-04', '--02-30'] }, ['us'])))).toEqual([
      expect.objectContaining({ code: 'invalid_local_date', path: ['holidaySets', 'us', 1] }),
    ]);
  });

  test('holidaySets exists only in policies: compileCalendar refuses the key', () => {
    expect(() =>
      compileCalendar({ timeZone: 'UTC', week: {}, holidaySets: ['us'] } as unknown as CalendarSpec),
    ).toThrow(/unknown key "holidaySets"/);
  });
});
