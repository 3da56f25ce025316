import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compilePeriod, isoWeekLabel, type PeriodUnit } from '../../src/report/period.js';
import { daysFromCivil } from '../../src/time/civil.js';
import { maxInstantMs, minInstantMs } from '../../src/time/range.js';
import { wallClockAt } from '../oracle/naiveCalendar.js';

const msPerDay = 86_400_000;

/** The period label of `ms`, straight from the runtime's Intl, one call per instant. */
function naiveLabel(ms: number, unit: PeriodUnit, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(ms);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const year = part('year');
  const month = part('month');
  const day = part('day');
  const pad = (n: number) => String(n).padStart(2, '0');
  if (unit === 'day') return `${year}-${pad(month)}-${pad(day)}`;
  if (unit === 'month') return `${year}-${pad(month)}`;
  // ISO week, the textbook way: week 1 starts on the Monday of the week holding January 4th.
  const dateMs = Date.UTC(year, month - 1, day);
  const week1Monday = (y: number) => {
    const jan4Ms = Date.UTC(y, 0, 4);
    return jan4Ms - ((new Date(jan4Ms).getUTCDay() + 6) % 7) * msPerDay;
  };
  let weekYear = year;
  if (dateMs >= week1Monday(year + 1)) weekYear = year + 1;
  else if (dateMs < week1Monday(year)) weekYear = year - 1;
  const week = Math.floor((dateMs - week1Monday(weekYear)) / (7 * msPerDay)) + 1;
  return `${weekYear}-W${pad(week)}`;
}

const labelAt = (iso: string, unit: PeriodUnit, timeZone: string) => {
  const period = compilePeriod({ unit, timeZone });
  return period.label(period.idAt(Date.parse(iso)));
};

describe('ISO weeks', () => {
  test.each([
    ['2027-01-01T12:00:00Z', '2026-W53'], // a Friday: its Thursday is 2026-12-31
    ['2026-12-28T00:00:00Z', '2026-W53'], // the Monday of that week
    ['2027-01-03T23:59:59Z', '2026-W53'], // its Sunday
    ['2027-01-04T00:00:00Z', '2027-W01'],
    ['2020-12-31T12:00:00Z', '2020-W53'],
    ['2021-01-03T12:00:00Z', '2020-W53'],
    ['2019-12-30T12:00:00Z', '2020-W01'], // a Monday of December in week 1 of the next year
    ['2026-03-02T09:00:00Z', '2026-W10'],
    ['2026-01-01T09:00:00Z', '2026-W01'], // a Thursday: week 1 of its own year
  ])('%s is in %s', (iso, label) => {
    expect(labelAt(iso, 'week', 'UTC')).toBe(label);
  });

  test('isoWeekLabel names the week of a Monday', () => {
    expect(isoWeekLabel(daysFromCivil(2026, 12, 28))).toBe('2026-W53');
    expect(isoWeekLabel(daysFromCivil(2027, 1, 4))).toBe('2027-W01');
  });
});

describe('periods are read in the zone, not in UTC', () => {
  test.each([
    // 22:00 EST on Sunday March 1st: a day and an ISO week earlier than in UTC.
    [
      '2026-03-02T03:00:00Z',
      'America/New_York',
      ['2026-03-01', '2026-W09', '2026-03'],
      ['2026-03-02', '2026-W10', '2026-03'],
    ],
    // 22:00 EST on Saturday February 28th: a day and a month earlier than in UTC.
    [
      '2026-03-01T03:00:00Z',
      'America/New_York',
      ['2026-02-28', '2026-W09', '2026-02'],
      ['2026-03-01', '2026-W09', '2026-03'],
    ],
    // 01:30 CEST on April 1st in Berlin, still March 31st in UTC.
    [
      '2026-03-31T23:30:00Z',
      'Europe/Berlin',
      ['2026-04-01', '2026-W14', '2026-04'],
      ['2026-03-31', '2026-W14', '2026-03'],
    ],
    // Monday 05:00 in Tokyo, Sunday in UTC: the next ISO week.
    [
      '2026-03-08T20:00:00Z',
      'Asia/Tokyo',
      ['2026-03-09', '2026-W11', '2026-03'],
      ['2026-03-08', '2026-W10', '2026-03'],
    ],
    // New Year's Eve 20:00 UTC is already 2027 in Kiritimati (+14): the year's last week stays 2026-W53.
    [
      '2026-12-31T20:00:00Z',
      'Pacific/Kiritimati',
      ['2027-01-01', '2026-W53', '2027-01'],
      ['2026-12-31', '2026-W53', '2026-12'],
    ],
  ] as const)('%s in %s', (iso, zone, zoned, utc) => {
    const units: PeriodUnit[] = ['day', 'week', 'month'];
    expect(units.map((unit) => labelAt(iso, unit, zone))).toEqual(zoned);
    expect(units.map((unit) => labelAt(iso, unit, 'UTC'))).toEqual(utc);
  });
});

describe('DST days have their own length', () => {
  test.each([
    // New York springs forward on 2026-03-08 (a 23-hour day, 05:00Z to 04:00Z next day).
    ['2026-03-08T04:59:59.999Z', 'America/New_York', '2026-03-07'],
    ['2026-03-08T05:00:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T03:59:59.999Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T04:00:00Z', 'America/New_York', '2026-03-09'],
    // ... and falls back on 2026-11-01 (a 25-hour day, 04:00Z to 05:00Z next day).
    ['2026-11-01T03:59:59.999Z', 'America/New_York', '2026-10-31'],
    ['2026-11-01T04:00:00Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T04:59:59.999Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T05:00:00Z', 'America/New_York', '2026-11-02'],
    // São Paulo sprang forward at midnight: 2018-11-04 began at 01:00 (-02:00).
    ['2018-11-04T02:59:59.999Z', 'America/Sao_Paulo', '2018-11-03'],
    ['2018-11-04T03:00:00Z', 'America/Sao_Paulo', '2018-11-04'],
    // Samoa skipped 2011-12-30 altogether: the 29th (-10:00) is followed by the 31st (+14:00).
    ['2011-12-30T09:59:59.999Z', 'Pacific/Apia', '2011-12-29'],
    ['2011-12-30T10:00:00Z', 'Pacific/Apia', '2011-12-31'],
  ] as const)('%s in %s is %s', (iso, zone, day) => {
    expect(labelAt(iso, 'day', zone)).toBe(day);
  });
});

describe('periods agree with Intl, read one instant at a time', () => {
  const zones = [
    'UTC',
    'America/New_York',
    'America/Sao_Paulo',
    'America/St_Johns',
    'Europe/Berlin',
    'Europe/Dublin',
    'Africa/Casablanca',
    'Asia/Kathmandu',
    'Asia/Tokyo',
    'Australia/Lord_Howe',
    'Pacific/Apia',
    'Pacific/Kiritimati',
    'Etc/GMT+12',
    'Antarctica/Troll',
  ];
  const unit = fc.constantFrom<PeriodUnit>('day', 'week', 'month');
  const zone = fc.constantFrom(...zones);

  test('any instant from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: minInstantMs, max: maxInstantMs }), unit, zone, (ms, u, z) => {
        const period = compilePeriod({ unit: u, timeZone: z });
        expect(period.label(period.idAt(ms))).toBe(naiveLabel(ms, u, z));
      }),
      { numRuns: 300 },
    );
  });

  /** The zone's offset at `ms` in ms, from Intl (the oracle's wall clock). */
  const offsetMsAt = (ms: number, timeZone: string): number => {
    const wall = wallClockAt(timeZone, ms);
    return wall.dayNumber * msPerDay + wall.timeOfDayMs - ms;
  };

  test("instants next to the drawn zone's local midnights, 2000 to 2040", () => {
    const nearMidnight = fc
      .tuple(
        fc.integer({ min: daysFromCivil(2000, 1, 1), max: daysFromCivil(2040, 12, 31) }),
        zone,
        fc.constantFrom(-3_600_001, -1, 0, 1, 999, 3_600_000),
      )
      .map(([day, z, nudgeMs]) => {
        // Local midnight of that date in z: the UTC midnight less the offset there, once refined.
        const guessMs = day * msPerDay - offsetMsAt(day * msPerDay, z);
        return { ms: day * msPerDay - offsetMsAt(guessMs, z) + nudgeMs, z };
      });
    fc.assert(
      fc.property(nearMidnight, unit, ({ ms, z }, u) => {
        const period = compilePeriod({ unit: u, timeZone: z });
        expect(period.label(period.idAt(ms))).toBe(naiveLabel(ms, u, z));
      }),
      { numRuns: 1000 },
    );
  });

  test('ids sort as the periods do', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: minInstantMs, max: maxInstantMs }),
        fc.integer({ min: minInstantMs, max: maxInstantMs }),
        unit,
        zone,
        (a, b, u, z) => {
          const period = compilePeriod({ unit: u, timeZone: z });
          const [ida, idb] = [period.idAt(a), period.idAt(b)];
          const [la, lb] = [period.label(ida), period.label(idb)];
          // Labels of one unit compare as strings in time order (four-digit years, padded).
          expect(Math.sign(ida - idb)).toBe(la < lb ? -1 : la > lb ? 1 : 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('compilePeriod checks the option', () => {
  test.each([
    [
      null,
      'invalid_type',
      ['period'],
      'options.period: expected a period { unit: "day" | "week" | "month", timeZone, by?: "start" | "end" }, got null',
    ],
    ['week', 'invalid_type', ['period'], 'options.period: expected a period'],
    [
      { unit: 'fortnight', timeZone: 'UTC' },
      'invalid_value',
      ['period', 'unit'],
      'options.period.unit: expected "day", "week" or "month", got "fortnight"',
    ],
    [
      { timeZone: 'UTC' },
      'invalid_value',
      ['period', 'unit'],
      'options.period.unit: expected "day", "week" or "month", got undefined',
    ],
    [
      { unit: 'day', timeZone: 'Mars/Olympus' },
      'invalid_time_zone',
      ['period', 'timeZone'],
      'options.period.timeZone: expected an IANA time zone such as "Europe/Berlin", "America/New_York" or "UTC", got "Mars/Olympus"',
    ],
    [{ unit: 'day', timeZone: '+05:30' }, 'invalid_time_zone', ['period', 'timeZone'], 'got "+05:30"'],
    [
      { unit: 'day' },
      'invalid_time_zone',
      ['period', 'timeZone'],
      'options.period.timeZone: expected an IANA time zone',
    ],
    [
      { unit: 'day', timeZone: 'UTC', by: 'stop' },
      'invalid_value',
      ['period', 'by'],
      'options.period.by: expected "start" or "end" (default "start"), got "stop"',
    ],
    [
      { unit: 'day', timeZone: 'UTC', zone: 'UTC' },
      'unrecognized_key',
      ['period', 'zone'],
      'options.period: unknown key "zone", expected one of unit, timeZone, by',
    ],
  ])('%j', (value, code, path, message) => {
    let caught: unknown;
    try {
      compilePeriod(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: 'SlaValidationError', issues: [{ code, path }] });
    expect((caught as Error).message).toContain(message);
  });

  test('any zone spelling the runtime accepts is taken, as calendar templates take them', () => {
    expect(labelAt('2026-03-02T03:00:00Z', 'day', 'america/new_york')).toBe('2026-03-01');
  });
});
