/**
 * calendarTable (docs/warehouse.md): the rows are the calendar's open stretches in `[from, to)`,
 * sorted, disjoint, merged where they touch and clipped to the range, with `openBefore` the running
 * total; and the warehouse formula `F(b) - F(a)` read off the rows equals businessTimeBetween(a, b)
 * for any a <= b in `[from, to]`, on random calendars in zones with awkward histories (the
 * arbitraries of the oracle tests) and on named ones across DST changes.
 */
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { maxCalendarTableRows } from '../../src/calendar/table.js';
import {
  businessTimeBetween,
  type Calendar,
  type CalendarTableRow,
  calendarTable,
  compileCalendar,
  isOpen,
  isSlaValidationError,
} from '../../src/index.js';
import { instantFor, runParams, type Scenario, scaledTimeoutMs, scenarioArb } from '../oracle/arbitraries.js';
import { msPerDay } from '../oracle/naiveCalendar.js';
import { calendarOf, everyDay, ms, msPerHour, nineToFive, weekdaysSpec } from './fixtures.js';

/**
 * The warehouse formula: `openBefore + clamp(t - openFrom, 0, openTo - openFrom)` on the last row
 * with `openFrom <= t`, 0 before the first row (a binary search, as a range join does in SQL).
 */
function openUpTo(rows: readonly CalendarTableRow[], t: number): number {
  let lo = 0;
  let hi = rows.length; // the first row with openFrom > t
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid] as CalendarTableRow).openFrom <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  const row = rows[lo - 1] as CalendarTableRow;
  return row.openBefore + Math.min(Math.max(t - row.openFrom, 0), row.openTo - row.openFrom);
}

/** Checks the shape of a table of `[fromMs, toMs)`; returns nothing, throws on the first problem. */
function expectWellFormed(cal: Calendar, rows: readonly CalendarTableRow[], fromMs: number, toMs: number) {
  let runningMs = 0;
  let previousTo = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    expect(Object.keys(row).sort()).toEqual(['openBefore', 'openFrom', 'openTo']);
    // Inside the range, not empty, after the previous row with a closed gap between (merged).
    expect(row.openFrom).toBeGreaterThanOrEqual(fromMs);
    expect(row.openTo).toBeLessThanOrEqual(toMs);
    expect(row.openTo).toBeGreaterThan(row.openFrom);
    expect(row.openFrom).toBeGreaterThan(previousTo);
    expect(row.openBefore).toBe(runningMs);
    // Each row is a whole stretch, clipped only by the range: open at its start, closed just
    // before it and at its end (unless the range cuts it there).
    expect(isOpen(cal, row.openFrom)).toBe(true);
    expect(isOpen(cal, row.openTo - 1)).toBe(true);
    if (row.openFrom > fromMs) expect(isOpen(cal, row.openFrom - 1)).toBe(false);
    if (row.openTo < toMs) expect(isOpen(cal, row.openTo)).toBe(false);
    // The gap before it is closed all through.
    if (previousTo > Number.NEGATIVE_INFINITY)
      expect(businessTimeBetween(cal, previousTo, row.openFrom)).toBe(0);
    runningMs += row.openTo - row.openFrom;
    previousTo = row.openTo;
  }
  // Before the first row and after the last, nothing is open in the range.
  expect(businessTimeBetween(cal, fromMs, rows[0]?.openFrom ?? toMs)).toBe(0);
  expect(businessTimeBetween(cal, rows.at(-1)?.openTo ?? fromMs, toMs)).toBe(0);
  expect(runningMs).toBe(businessTimeBetween(cal, fromMs, toMs));
}

/** Instants of the range where the formula is most likely wrong: every row bound and its neighbours. */
function edgesOf(rows: readonly CalendarTableRow[], fromMs: number, toMs: number): number[] {
  const edges = [fromMs, toMs];
  for (const { openFrom, openTo } of rows)
    edges.push(openFrom - 1, openFrom, openFrom + 1, openTo - 1, openTo, openTo + 1);
  return edges.filter((t) => t >= fromMs && t <= toMs);
}

/** `F(b) - F(a) = businessTimeBetween(a, b)` for every pair of `points` (sorted). */
function expectFormula(cal: Calendar, rows: readonly CalendarTableRow[], points: readonly number[]) {
  const sorted = [...points].sort((x, y) => x - y);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as number;
    const b = sorted[(i * 7 + 3) % sorted.length] as number;
    if (b < a) continue;
    expect({ a, b, ms: openUpTo(rows, b) - openUpTo(rows, a) }).toEqual({
      a,
      b,
      ms: businessTimeBetween(cal, a, b),
    });
  }
}

const scenarios = scenarioArb({ seconds: 'sometimes' });
const radiusMs = 12 * msPerDay;

/** A scenario, a range `[from, to]` near its anchor, and instants inside the range. */
const tableCases = scenarios.chain((s: Scenario) =>
  fc.tuple(
    fc.constant(s),
    instantFor(s, radiusMs),
    instantFor(s, radiusMs),
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 40 }),
  ),
);

describe('calendarTable on random calendars', () => {
  test(
    'rows are sorted, disjoint, merged, inside [from, to), each a whole open stretch, openBefore the running total',
    () => {
      fc.assert(
        fc.property(tableCases, ([s, x, y]) => {
          const cal = calendarOf(s.spec);
          const fromMs = Math.min(x, y);
          const toMs = Math.max(x, y);
          expectWellFormed(cal, calendarTable(cal, { from: fromMs, to: toMs }), fromMs, toMs);
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'F(b) - F(a) = businessTimeBetween(a, b) for a <= b in [from, to], at random instants and at every row bound',
    () => {
      fc.assert(
        fc.property(tableCases, ([s, x, y, fractions]) => {
          const cal = calendarOf(s.spec);
          const fromMs = Math.min(x, y);
          const toMs = Math.max(x, y);
          const rows = calendarTable(cal, { from: fromMs, to: toMs });
          const inside = fractions.map((f) => fromMs + Math.floor(f * (toMs - fromMs)));
          expectFormula(cal, rows, [...inside, ...edgesOf(rows, fromMs, toMs)]);
          // And from the range's start, F(t) is exactly the business time so far.
          for (const t of inside) expect(openUpTo(rows, t)).toBe(businessTimeBetween(cal, fromMs, t));
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'a table of a sub-range is the table of the range clipped to it, openBefore restarted',
    () => {
      fc.assert(
        fc.property(tableCases, ([s, x, y, fractions]) => {
          const cal = calendarOf(s.spec);
          const fromMs = Math.min(x, y);
          const toMs = Math.max(x, y);
          const [f1 = 0, f2 = 1] = fractions;
          const subFromMs = fromMs + Math.floor(Math.min(f1, f2) * (toMs - fromMs));
          const subToMs = fromMs + Math.floor(Math.max(f1, f2) * (toMs - fromMs));
          const clipped = calendarTable(cal, { from: fromMs, to: toMs })
            .map((row) => [Math.max(row.openFrom, subFromMs), Math.min(row.openTo, subToMs)] as const)
            .filter(([openFrom, openTo]) => openTo > openFrom);
          let runningMs = 0;
          const expected = clipped.map(([openFrom, openTo]) => {
            const row = { openFrom, openTo, openBefore: runningMs };
            runningMs += openTo - openFrom;
            return row;
          });
          expect(calendarTable(cal, { from: subFromMs, to: subToMs })).toEqual(expected);
        }),
        runParams(200),
      );
    },
    scaledTimeoutMs(120_000),
  );
});

describe('calendarTable on named calendars', () => {
  const berlinNights = everyDay('Europe/Berlin', [['22:00', '06:00']]);

  test('an overnight shift 22:00-06:00 is one row per night, the spring-forward night 7 real hours', () => {
    const rows = calendarTable(berlinNights, { from: '2026-03-28T00:00:00Z', to: '2026-03-31T00:00:00Z' });
    expect(rows).toEqual([
      // Friday's shift, cut by the range at Saturday 01:00 CET.
      { openFrom: ms('2026-03-28T00:00:00Z'), openTo: ms('2026-03-28T05:00:00Z'), openBefore: 0 },
      // Saturday 22:00 CET to Sunday 06:00 CEST: the clock jumps 02:00 -> 03:00, so 7 h.
      { openFrom: ms('2026-03-28T21:00:00Z'), openTo: ms('2026-03-29T04:00:00Z'), openBefore: 5 * msPerHour },
      {
        openFrom: ms('2026-03-29T20:00:00Z'),
        openTo: ms('2026-03-30T04:00:00Z'),
        openBefore: 12 * msPerHour,
      },
      {
        openFrom: ms('2026-03-30T20:00:00Z'),
        openTo: ms('2026-03-31T00:00:00Z'),
        openBefore: 20 * msPerHour,
      },
    ]);
  });

  test('the fall-back night lasts 9 real hours, as one row', () => {
    const rows = calendarTable(berlinNights, { from: '2026-10-24T12:00:00Z', to: '2026-10-25T12:00:00Z' });
    expect(rows).toEqual([
      { openFrom: ms('2026-10-24T20:00:00Z'), openTo: ms('2026-10-25T05:00:00Z'), openBefore: 0 },
    ]);
  });

  test('hours that touch across midnight are merged: Mon 18:00-24:00 and Tue 00:00-02:00 are one row', () => {
    const cal = compileCalendar({
      timeZone: 'America/New_York',
      week: { mon: [['18:00', '24:00']], tue: [['00:00', '02:00']] },
    });
    const rows = calendarTable(cal, { from: '2026-03-02T00:00:00Z', to: '2026-03-04T00:00:00Z' });
    expect(rows).toEqual([
      { openFrom: ms('2026-03-02T23:00:00Z'), openTo: ms('2026-03-03T07:00:00Z'), openBefore: 0 },
    ]);
  });

  test('"24/7" is one row, the whole range; a calendar never open has none', () => {
    const always = compileCalendar('24/7');
    expect(calendarTable(always, { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })).toEqual([
      { openFrom: ms('2026-01-01T00:00:00Z'), openTo: ms('2027-01-01T00:00:00Z'), openBefore: 0 },
    ]);
    const never = compileCalendar({ timeZone: 'Europe/Berlin', week: {} });
    expect(calendarTable(never, { from: '1900-01-01T00:00:00Z', to: '2200-12-31T00:00:00Z' })).toEqual([]);
  });

  test('a calendar open around the clock is one row, across years and DST changes', () => {
    const cal = everyDay('Europe/Berlin', [['00:00', '24:00']]);
    expect(calendarTable(cal, { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' })).toEqual([
      { openFrom: ms('2020-01-01T00:00:00Z'), openTo: ms('2030-01-01T00:00:00Z'), openBefore: 0 },
    ]);
  });

  test('an empty range has no rows; instants may be given in any accepted form', () => {
    expect(calendarTable(nineToFive, { from: '2026-03-02T15:00:00Z', to: '2026-03-02T15:00:00Z' })).toEqual(
      [],
    );
    const fromDate = new Date(ms('2026-03-02T15:00:00Z'));
    expect(calendarTable(nineToFive, { from: fromDate, to: '2026-03-02T12:00:00-05:00' })).toEqual([
      { openFrom: ms('2026-03-02T15:00:00Z'), openTo: ms('2026-03-02T17:00:00Z'), openBefore: 0 },
    ]);
  });

  test('two years of 09:00-17:00 and of night shifts in New York and Berlin: the formula holds at 4,000 random pairs each', () => {
    const calendars = [
      nineToFive,
      compileCalendar({ ...weekdaysSpec('Europe/Berlin'), holidays: ['2026-12-25', '2027-04-02'] }),
      berlinNights,
      everyDay('America/New_York', [['22:00', '06:00']]),
    ];
    const fromMs = ms('2026-01-01T00:00:00Z');
    const toMs = ms('2028-01-01T00:00:00Z');
    for (const cal of calendars) {
      const rows = calendarTable(cal, { from: fromMs, to: toMs });
      expectWellFormed(cal, rows, fromMs, toMs);
      const points = fc.sample(fc.integer({ min: fromMs, max: toMs }), { numRuns: 4000, seed: 14 });
      expectFormula(cal, rows, points);
    }
  });

  test('the whole supported range of a 09:00-17:00 calendar fits: one row per weekday from 1900 to 2200', () => {
    const from = '1900-01-01T00:00:00Z';
    const rows = calendarTable(nineToFive, { from, to: '2200-12-31T23:59:59.999Z' });
    let weekdays = 0;
    for (let day = Date.UTC(1900, 0, 1); day <= Date.UTC(2200, 11, 31); day += msPerDay) {
      const weekday = new Date(day).getUTCDay();
      if (weekday !== 0 && weekday !== 6) weekdays++;
    }
    expect(rows.length).toBe(weekdays); // 78,528
    const last = rows.at(-1) as CalendarTableRow;
    expect(last.openBefore).toBe(businessTimeBetween(nineToFive, from, last.openFrom));
  });
});

describe('calendarTable reads the precomputed intervals', () => {
  test('a table of a range whose intervals are built asks Intl nothing, whatever its number of rows', () => {
    const cal = compileCalendar(
      weekdaysSpec('Asia/Kathmandu', [
        ['09:00', '12:00'],
        ['13:00', '17:45'],
      ]),
    );
    const range = { from: '2000-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' };
    businessTimeBetween(cal, range.from, range.to); // builds the intervals of the range
    const reads = vi.spyOn(
      // `format` is a getter that returns a bound function: each read is one use of Intl.
      Intl.DateTimeFormat.prototype as unknown as { readonly format: unknown },
      'format',
      'get',
    );
    try {
      const rows = calendarTable(cal, range);
      expect(rows.length).toBeGreaterThan(15_000);
      expect(reads).not.toHaveBeenCalled();
      // The spy does see the reads of intervals still to build (so the check above can fail).
      calendarTable(cal, { from: '2100-01-01T00:00:00Z', to: '2100-02-01T00:00:00Z' });
      expect(reads).toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });
});

describe('calendarTable builds nothing past its range', () => {
  /** Uses of Intl while `run` runs (each read of `format` is one). */
  const intlReads = (run: () => unknown): number => {
    const reads = vi.spyOn(
      Intl.DateTimeFormat.prototype as unknown as { readonly format: unknown },
      'format',
      'get',
    );
    try {
      run();
      return reads.mock.calls.length;
    } finally {
      reads.mockRestore();
    }
  };
  const day = { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' };

  test('a stretch open for 164 years (around the clock, one holiday in 2190) is cut at `to`, not followed', () => {
    const spec = ['Europe/Berlin', [['00:00', '24:00']], { holidays: ['2190-06-01'] }] as const;
    const byBetween = intlReads(() => businessTimeBetween(everyDay(...spec), day.from, day.to));
    const cal = everyDay(...spec);
    let rows: CalendarTableRow[] = [];
    const byTable = intlReads(() => {
      rows = calendarTable(cal, day);
    });
    expect(rows).toEqual([{ openFrom: ms(day.from), openTo: ms(day.to), openBefore: 0 }]);
    expect(byTable).toBeLessThanOrEqual(byBetween);
  });

  test('a range far from the intervals built so far builds only its own', () => {
    const cal = compileCalendar(weekdaysSpec('America/New_York'));
    businessTimeBetween(cal, day.from, day.to);
    const week = { from: '1950-03-06T00:00:00Z', to: '1950-03-13T00:00:00Z' };
    const byBetween = intlReads(() =>
      businessTimeBetween(compileCalendar(weekdaysSpec('America/New_York')), week.from, week.to),
    );
    let rows: CalendarTableRow[] = [];
    const byTable = intlReads(() => {
      rows = calendarTable(cal, week);
    });
    expect(rows.length).toBe(5);
    expect(byTable).toBeLessThanOrEqual(byBetween);
  });
});

describe('calendarTable refuses what it cannot answer', () => {
  const messageOf = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      if (isSlaValidationError(error)) return `${error.issues[0]?.code} ${error.message}`;
      throw error;
    }
    throw new Error('did not throw');
  };

  test('to before from, naming both', () => {
    expect(
      messageOf(() =>
        calendarTable(nineToFive, { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }),
      ),
    ).toBe(
      'invalid_value options.to: expected an instant at or after options.from (2026-03-02T00:00:00.000Z), got "2026-03-01T00:00:00Z"',
    );
  });

  test('an instant outside 1900-2200, or not an instant, names the key', () => {
    expect(
      messageOf(() =>
        calendarTable(nineToFive, { from: '1899-12-31T00:00:00Z', to: '2026-03-01T00:00:00Z' }),
      ),
    ).toMatch(/^out_of_range options\.from: expected an instant from 1900/);
    expect(messageOf(() => calendarTable(nineToFive, { from: '2026-03-01', to: '2026-03-02' }))).toMatch(
      /^invalid_instant options\.from: expected an instant/,
    );
  });

  test('a raw spec where a compiled calendar is expected', () => {
    expect(messageOf(() => calendarTable('24/7' as never, { from: 0, to: 1 }))).toMatch(
      /^invalid_type cal: expected a calendar returned by compileCalendar/,
    );
  });

  test(`more than ${maxCalendarTableRows} rows: out_of_range on options.to`, () => {
    // Open one minute in every two, around the clock: 720 rows a day, the cap in under four years.
    const minutes: [string, string][] = [];
    const hhmm = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    for (let m = 0; m < 1440; m += 2) minutes.push([hhmm(m), hhmm(m + 1)]);
    const cal = everyDay('UTC', minutes);
    const from = '2026-01-01T00:00:00Z';
    // Exactly the cap: one row in each two minutes.
    const lastRowFitsMs = ms(from) + maxCalendarTableRows * 2 * 60_000;
    expect(calendarTable(cal, { from, to: lastRowFitsMs }).length).toBe(maxCalendarTableRows);
    expect(messageOf(() => calendarTable(cal, { from, to: lastRowFitsMs + 1 }))).toMatch(
      /^out_of_range options\.to: /,
    );
    expect(messageOf(() => calendarTable(cal, { from, to: '2030-01-01T00:00:00Z' }))).toBe(
      `out_of_range options.to: expected an instant that leaves at most ${maxCalendarTableRows} open stretches (rows) between options.from (2026-01-01T00:00:00.000Z) and it: ask for a shorter range, got "2030-01-01T00:00:00Z"`,
    );
  });
});
