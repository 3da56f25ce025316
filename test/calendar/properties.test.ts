/**
 * Invariants of the calendar functions, checked on the engine alone (no oracle), so they are cheap
 * enough for many runs: how spans add up, what "earliest" and "latest" mean for addBusinessTime,
 * what nextOpen and nextClose promise, and that no answer depends on the process time zone.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  type CalendarSpec,
  compileCalendar,
  isOpen,
  nextClose,
  nextOpen,
} from '../../src/index.js';
import {
  apiaSkipMs,
  dateTextOf,
  instantFor,
  intervalArb,
  runParams,
  type Scenario,
  scaledTimeoutMs,
  scenarioArb,
  specArb,
} from '../oracle/arbitraries.js';
import { msPerDay, msPerHour, msPerMinute } from '../oracle/naiveCalendar.js';
import { calendarOf } from './fixtures.js';

const radiusMs = 10 * msPerDay;
const scenarios = scenarioArb({ seconds: 'sometimes' });

/**
 * A scenario and one to eight cases drawn for it. Building a calendar's year of open intervals
 * costs a few ms, so each compiled calendar answers several cases.
 */
function casesFor<T>(
  make: (s: Scenario) => fc.Arbitrary<T>,
  from = scenarios,
): fc.Arbitrary<[Scenario, T[]]> {
  return from.chain((s) => fc.tuple(fc.constant(s), fc.array(make(s), { minLength: 1, maxLength: 8 })));
}

const one = (s: Scenario) => instantFor(s, radiusMs);
const two = (s: Scenario) => fc.tuple(one(s), one(s));
const three = (s: Scenario) => fc.tuple(one(s), one(s), one(s));

/** A non-zero amount of business time, up to 30 days either way, often small. */
const amountArb = fc
  .oneof(
    { arbitrary: fc.integer({ min: 1, max: 30 * msPerDay }), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 8 * msPerHour }), weight: 2 },
    { arbitrary: fc.integer({ min: 1, max: 60 * 24 * 30 }).map((m) => m * msPerMinute), weight: 2 },
    { arbitrary: fc.constantFrom(1, 2, msPerMinute), weight: 1 },
  )
  .chain((ms) => fc.constantFrom(ms, -ms));

const withAmount = (s: Scenario) => fc.tuple(one(s), amountArb);

const between = businessTimeBetween;
const farMs = 400 * msPerDay;

describe('businessTimeBetween', () => {
  test(
    'spans add up: between(a, b) + between(b, c) = between(a, c) for any order of a, b, c',
    () => {
      fc.assert(
        fc.property(casesFor(three), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const [a, b, c] of cases)
            expect(between(cal, a, b) + between(cal, b, c)).toBe(between(cal, a, c));
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'an empty span counts 0 (and not -0): between(a, a) = 0',
    () => {
      fc.assert(
        fc.property(casesFor(one), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const a of cases) expect(between(cal, a, a)).toBe(0);
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'a reversed span is negated: between(b, a) = -between(a, b)',
    () => {
      fc.assert(
        fc.property(casesFor(two), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const [a, b] of cases) expect(between(cal, b, a)).toBe(0 - between(cal, a, b));
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'business time never exceeds the real span: 0 <= between(a, b) <= b - a for a <= b',
    () => {
      fc.assert(
        fc.property(casesFor(two), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const [x, y] of cases) {
            const a = Math.min(x, y);
            const b = Math.max(x, y);
            const ms = between(cal, a, b);
            expect(ms).toBeGreaterThanOrEqual(0);
            expect(ms).toBeLessThanOrEqual(b - a);
          }
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'isOpen(t) exactly when between(t, t + 1) = 1',
    () => {
      fc.assert(
        fc.property(casesFor(one), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const t of cases) expect(between(cal, t, t + 1) === 1, `at ${t}`).toBe(isOpen(cal, t));
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'a holiday never adds business time: between(a, b) does not grow',
    () => {
      fc.assert(
        fc.property(withHoliday(two), ([s, withExtra, cases]) => {
          const cal = calendarOf(s.spec);
          const calWithHoliday = calendarOf(withExtra);
          for (const [x, y] of cases) {
            const a = Math.min(x, y);
            const b = Math.max(x, y);
            expect(between(calWithHoliday, a, b)).toBeLessThanOrEqual(between(cal, a, b));
          }
        }),
        runParams(200),
      );
    },
    scaledTimeoutMs(120_000),
  );
});

/** A zoned scenario, the same calendar with one more holiday near the anchor, and cases for it. */
function withHoliday<T>(make: (s: Scenario) => fc.Arbitrary<T>): fc.Arbitrary<[Scenario, CalendarSpec, T[]]> {
  return casesFor(
    make,
    scenarios.filter((s) => s.spec !== '24/7'),
  ).chain(([s, cases]) =>
    fc.integer({ min: -10, max: 10 }).map((days): [Scenario, CalendarSpec, T[]] => {
      const spec = s.spec as Exclude<CalendarSpec, '24/7'>;
      const date = dateTextOf(Math.floor(s.anchorMs / msPerDay) + days);
      return [s, { ...spec, holidays: [...(spec.holidays ?? []), date] }, cases];
    }),
  );
}

/** Orders add results: for d > 0 never (null) is after everything, for d < 0 before everything. */
function rank(resultMs: number | null, d: number): number {
  if (resultMs !== null) return resultMs;
  return d > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

describe('addBusinessTime', () => {
  test(
    'it is the inverse of between: between(a, add(a, d)) = d whenever add is not null; add(a, 0) = a',
    () => {
      fc.assert(
        fc.property(casesFor(withAmount), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const [a, d] of cases) {
            expect(addBusinessTime(cal, a, 0)).toBe(a);
            const t = addBusinessTime(cal, a, d);
            if (t !== null) expect(between(cal, a, t)).toBe(d);
          }
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'it is monotone: d1 <= d2 implies add(a, d1) <= add(a, d2)',
    () => {
      const withTwoAmounts = (s: Scenario) => fc.tuple(one(s), amountArb, amountArb);
      fc.assert(
        fc.property(casesFor(withTwoAmounts), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const [a, x, y] of cases) {
            const d1 = Math.min(x, y);
            const d2 = Math.max(x, y);
            expect(rank(addBusinessTime(cal, a, d1), d1)).toBeLessThanOrEqual(
              rank(addBusinessTime(cal, a, d2), d2),
            );
          }
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'for d > 0 it is the earliest instant reaching d: between(a, add(a, d) - 1) < d',
    () => {
      fc.assert(
        fc.property(casesFor(withAmount), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const [a, amount] of cases) {
            const d = Math.abs(amount);
            const t = addBusinessTime(cal, a, d);
            if (t === null) continue;
            expect(t).toBeGreaterThan(a);
            expect(between(cal, a, t - 1)).toBeLessThan(d);
          }
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'for d < 0 it is the latest instant reaching -d: between(add(a, d) + 1, a) < -d',
    () => {
      fc.assert(
        fc.property(casesFor(withAmount), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const [a, amount] of cases) {
            const d = -Math.abs(amount);
            const t = addBusinessTime(cal, a, d);
            if (t === null) continue;
            expect(t).toBeLessThan(a);
            expect(between(cal, t + 1, a)).toBeLessThan(-d);
          }
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'add(a, between(a, b)) is b pulled back over closed time: at b when b is open, else at the close before it',
    () => {
      fc.assert(
        fc.property(casesFor(two), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const [a, b] of cases) {
            const d = between(cal, a, b);
            const t = addBusinessTime(cal, a, d);
            if (d === 0) {
              expect(t).toBe(a);
            } else if (d > 0) {
              // The earliest instant with d: no later than b, with only closed time from it to b.
              expect(t).not.toBeNull();
              expect(t!).toBeLessThanOrEqual(b);
              expect(between(cal, t!, b)).toBe(0);
              if (isOpen(cal, b - 1)) expect(t).toBe(b);
            } else {
              // The latest instant with -d: no earlier than b, with only closed time from b to it.
              expect(t).not.toBeNull();
              expect(t!).toBeGreaterThanOrEqual(b);
              expect(between(cal, b, t!)).toBe(0);
              if (isOpen(cal, b)) expect(t).toBe(b);
            }
          }
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'a holiday never brings a deadline earlier: add(a, d > 0) does not move back, add(a, d < 0) not forward',
    () => {
      fc.assert(
        fc.property(withHoliday(withAmount), ([s, withExtra, cases]) => {
          const cal = calendarOf(s.spec);
          const calWithHoliday = calendarOf(withExtra);
          for (const [a, d] of cases) {
            const before = rank(addBusinessTime(cal, a, d), d);
            const after = rank(addBusinessTime(calWithHoliday, a, d), d);
            if (d > 0) expect(after).toBeGreaterThanOrEqual(before);
            else expect(after).toBeLessThanOrEqual(before);
          }
        }),
        runParams(200),
      );
    },
    scaledTimeoutMs(120_000),
  );
});

describe('"24/7"', () => {
  test('business time is real time: between(a, b) = b - a and add(a, d) = a + d', () => {
    const cal = compileCalendar('24/7');
    const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) });
    fc.assert(
      fc.property(instant, instant, amountArb, (a, b, d) => {
        expect(between(cal, a, b)).toBe(b - a);
        expect(addBusinessTime(cal, a, d)).toBe(a + d);
        expect(isOpen(cal, a)).toBe(true);
        expect(nextOpen(cal, a)).toBe(a);
        expect(nextClose(cal, a)).toBe(null);
      }),
      runParams(2000),
    );
  });
});

describe('nextOpen and nextClose', () => {
  test(
    'nextOpen(t) is the first open instant at or after t: open, and no business time before it',
    () => {
      fc.assert(
        fc.property(casesFor(one), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const t of cases) {
            const n = nextOpen(cal, t);
            if (n === null) {
              expect(between(cal, t, t + farMs)).toBe(0);
            } else {
              expect(n).toBeGreaterThanOrEqual(t);
              expect(isOpen(cal, n)).toBe(true);
              expect(between(cal, t, n)).toBe(0);
            }
          }
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'nextClose(t) ends the open stretch holding t: closed there, and open all the way to it',
    () => {
      fc.assert(
        fc.property(casesFor(one), ([s, cases]) => {
          const cal = calendarOf(s.spec);
          for (const t of cases) {
            const c = nextClose(cal, t);
            if (c === null) {
              expect(between(cal, t, t + farMs)).toBe(farMs);
            } else {
              expect(c).toBeGreaterThanOrEqual(t);
              expect(isOpen(cal, c)).toBe(false);
              expect(between(cal, t, c)).toBe(c - t);
            }
          }
        }),
        runParams(300),
      );
    },
    scaledTimeoutMs(120_000),
  );
});

describe('a local date that never happened (Pacific/Apia 2011-12-30)', () => {
  // Apia went from 2011-12-29 24:00 (-10:00) straight to 2011-12-31 00:00 (+14:00). A holiday or
  // an override on 2011-12-30 can only matter through an overnight interval of that date (or of
  // the Friday hours it replaces), whose after-midnight part falls on 2011-12-31.
  const nearSkip = fc.integer({ min: -3 * msPerDay, max: 3 * msPerDay }).map((ms) => apiaSkipMs + ms);
  const sameDay = fc.array(
    intervalArb(false).filter(([start, end]) => end > start),
    { maxLength: 3 },
  );
  test(
    'a holiday or same-day override on it changes nothing when its Friday hours do not run past midnight',
    () => {
      const arb = specArb('Pacific/Apia', apiaSkipMs, false)
        .filter((spec) => spec !== '24/7' && (spec.week.fri ?? []).every(([start, end]) => end > start))
        .chain((spec) =>
          fc.tuple(
            fc.constant(spec as Exclude<CalendarSpec, '24/7'>),
            fc.option(sameDay, { nil: undefined }),
            fc.array(fc.tuple(nearSkip, nearSkip), { minLength: 1, maxLength: 8 }),
          ),
        )
        .filter(([spec]) => (spec.overrides ?? []).every((o) => o.date !== '2011-12-30'));
      fc.assert(
        fc.property(arb, ([spec, hours, cases]) => {
          const changed: CalendarSpec =
            hours === undefined
              ? { ...spec, holidays: [...(spec.holidays ?? []), '2011-12-30'] }
              : { ...spec, overrides: [...(spec.overrides ?? []), { date: '2011-12-30', hours }] };
          const before = calendarOf(spec);
          const after = calendarOf(changed);
          for (const [a, b] of cases) {
            expect(between(after, a, b)).toBe(between(before, a, b));
            expect(isOpen(after, a)).toBe(isOpen(before, a));
            expect(nextOpen(after, a)).toBe(nextOpen(before, a));
            expect(nextClose(after, a)).toBe(nextClose(before, a));
          }
        }),
        runParams(150),
      );
    },
    scaledTimeoutMs(120_000),
  );
});

describe('the process time zone', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  test(
    'results are identical under TZ=Pacific/Chatham and TZ=America/Santiago, calendars recompiled',
    () => {
      const cases = fc.sample(
        scenarios.chain((s) => fc.tuple(fc.constant(s), one(s), one(s), amountArb)),
        runParams(150),
      );
      const answers = () =>
        cases.map(([s, a, b, d]) => {
          // A fresh copy: nothing compiled before the switch is reused.
          const cal = compileCalendar(structuredClone(s.spec));
          return [
            isOpen(cal, a),
            between(cal, a, b),
            addBusinessTime(cal, a, d),
            nextOpen(cal, a),
            nextClose(cal, a),
          ];
        });
      const expected = answers();
      // Offsets on 2026-01-15 in each zone, to show Node applied the change.
      for (const [tz, offsetMinutes] of [
        ['Pacific/Chatham', -825],
        ['America/Santiago', 180],
      ] as const) {
        process.env.TZ = tz;
        expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(offsetMinutes);
        expect(answers()).toEqual(expected);
      }
    },
    scaledTimeoutMs(120_000),
  );
});
