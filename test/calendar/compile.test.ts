import { describe, expect, test } from 'vitest';
import {
  businessTimeBetween,
  type CalendarSpec,
  compileCalendar,
  isOpen,
  isSlaValidationError,
  type SlaIssue,
} from '../../src/index.js';
import { ms, weekdaysSpec } from './fixtures.js';

function issuesOf(spec: unknown): SlaIssue[] {
  try {
    compileCalendar(spec as CalendarSpec);
  } catch (error) {
    if (isSlaValidationError(error)) return [...error.issues];
    throw error;
  }
  throw new Error('expected compileCalendar to refuse the spec');
}

describe('compileCalendar refuses bad input with a path and a readable message', () => {
  test.each([
    [
      'an unknown zone',
      { timeZone: 'Mars/Olympus', week: {} },
      'invalid_time_zone',
      ['timeZone'],
      'calendar.timeZone: expected an IANA time zone such as "Europe/Berlin", "America/New_York" or "UTC", got "Mars/Olympus"',
    ],
    [
      'an offset instead of a zone',
      { timeZone: '+05:30', week: {} },
      'invalid_time_zone',
      ['timeZone'],
      'calendar.timeZone: expected an IANA time zone such as "Europe/Berlin", "America/New_York" or "UTC", got "+05:30"',
    ],
    [
      'a malformed time',
      { timeZone: 'UTC', week: { mon: [['9:00', '17:00']] } },
      'invalid_local_time',
      ['week', 'mon', 0, 0],
      'calendar.week.mon[0][0]: expected a local time "HH:MM" or "HH:MM:SS" from "00:00" to "24:00", got "9:00"',
    ],
    [
      '"24:00" as a start',
      { timeZone: 'UTC', week: { mon: [['24:00', '06:00']] } },
      'invalid_local_time',
      ['week', 'mon', 0, 0],
      'calendar.week.mon[0][0]: expected a local start time "HH:MM" or "HH:MM:SS" from "00:00" to "23:59:59" ("24:00" is only an end), got "24:00"',
    ],
    [
      'an interval of zero length',
      { timeZone: 'UTC', week: { tue: [['09:00', '09:00']] } },
      'empty_interval',
      ['week', 'tue', 0],
      'calendar.week.tue[0]: expected an interval whose start and end differ (equal ends are ambiguous: use ["00:00", "24:00"] for a whole day), got ["09:00","09:00"]',
    ],
    [
      'a weekday key that is not one',
      { timeZone: 'UTC', week: { monday: [['09:00', '17:00']] } },
      'unrecognized_key',
      ['week', 'monday'],
      'calendar.week.monday: unknown key "monday", expected one of mon, tue, wed, thu, fri, sat, sun',
    ],
    [
      'a typo in a top-level key',
      { timeZone: 'UTC', week: {}, holiday: ['2026-12-25'] },
      'unrecognized_key',
      ['holiday'],
      'calendar.holiday: unknown key "holiday", expected one of timeZone, week, holidays, overrides',
    ],
    [
      'a malformed date',
      { timeZone: 'UTC', week: {}, holidays: ['25/12/2026'] },
      'invalid_local_date',
      ['holidays', 0],
      'calendar.holidays[0]: expected a holiday: a local date "YYYY-MM-DD", a yearly "--MM-DD" or a range "YYYY-MM-DD/YYYY-MM-DD", of dates that exist from 1900 to 2200, got "25/12/2026"',
    ],
    [
      'a date that does not exist',
      { timeZone: 'UTC', week: {}, overrides: [{ date: '2026-02-29', hours: [] }] },
      'invalid_local_date',
      ['overrides', 0, 'date'],
      'calendar.overrides[0].date: expected a local date "YYYY-MM-DD" from 1900-01-01 to 2200-12-31, got "2026-02-29"',
    ],
    [
      'two overrides for one date',
      {
        timeZone: 'UTC',
        week: {},
        overrides: [
          { date: '2026-12-24', hours: [] },
          { date: '2026-12-24', hours: [['09:00', '12:00']] },
        ],
      },
      'duplicate',
      ['overrides', 1, 'date'],
      'calendar.overrides[1].date: expected at most one override per date, got "2026-12-24"',
    ],
    [
      'a missing zone',
      { week: {} },
      'invalid_type',
      ['timeZone'],
      'calendar.timeZone: required, expected an IANA time zone such as "Europe/Berlin", "America/New_York" or "UTC"',
    ],
    [
      'a number instead of a spec',
      42,
      'invalid_type',
      [],
      'calendar: expected "24/7" or a calendar object { timeZone, week, holidays?, overrides? }, got 42',
    ],
    [
      'another string instead of "24/7"',
      '9-5',
      'invalid_type',
      [],
      'calendar: expected "24/7" or a calendar object { timeZone, week, holidays?, overrides? }, got "9-5"',
    ],
  ])('%s', (_name, spec, code, path, message) => {
    const issues = issuesOf(spec);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toEqual({ code, path, message });
  });

  test('every problem is reported at once, each with its own path', () => {
    const issues = issuesOf({
      timeZone: 'Nowhere/Land',
      week: { mon: [['09:00', '09:00']], fri: [['17:00', '25:00']] },
      holidays: ['2026-02-30'],
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      ['timeZone'],
      ['week', 'mon', 0],
      ['week', 'fri', 0, 1],
      ['holidays', 0],
    ]);
  });

  test('the error is an Error named SlaValidationError whose message lists every issue', () => {
    try {
      compileCalendar({ timeZone: 'Mars/Olympus', week: {} });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('SlaValidationError');
      expect((error as Error).message).toContain('calendar.timeZone');
    }
  });

  test('a non-calendar passed to a query is refused with a message, not a TypeError', () => {
    expect(() => isOpen(weekdaysSpec('UTC') as never, 0)).toThrow(
      'cal: expected a calendar returned by compileCalendar(spec), got {"timeZone":"UTC"',
    );
    expect(() => isOpen(null as never, 0)).toThrow(/cal: expected a calendar/);
  });
});

describe('compiled calendars are immutable and never touch their input', () => {
  test('the spec passed in is not mutated, and the compiled copy is frozen', () => {
    const spec = {
      timeZone: 'Europe/Berlin',
      week: {
        mon: [
          ['13:00', '17:00'],
          ['09:00', '12:00'],
        ] as [string, string][],
      },
      holidays: ['2026-12-25'],
      overrides: [{ date: '2026-12-24', hours: [['09:00', '12:00']] as [string, string][] }],
    };
    const before = JSON.stringify(spec);
    const cal = compileCalendar(spec);
    expect(JSON.stringify(spec)).toBe(before);
    expect(Object.isFrozen(cal)).toBe(true);
    expect(Object.isFrozen(cal.spec)).toBe(true);
    expect(cal.spec).toEqual(spec);
    expect(cal.timeZone).toBe('Europe/Berlin');
    // Changing the caller's object afterwards changes nothing.
    spec.week.mon.push(['17:00', '23:00']);
    expect(businessTimeBetween(cal, ms('2026-03-02T00:00:00Z'), ms('2026-03-03T00:00:00Z'))).toBe(
      7 * 3_600_000,
    );
  });

  test('aliases and UTC are accepted zones', () => {
    expect(compileCalendar({ timeZone: 'UTC', week: {} }).timeZone).toBe('UTC');
    expect(compileCalendar({ timeZone: 'Etc/GMT+5', week: {} }).timeZone).toBe('Etc/GMT+5');
    expect(compileCalendar({ timeZone: 'US/Eastern', week: {} }).timeZone).toBe('US/Eastern');
  });
});
