/**
 * The engine against the definition: every calendar query of src/calendar compared, exactly, with
 * the slow oracle in test/oracle/naiveCalendar.ts, which reads SPEC.md section 3 literally and asks
 * Intl for the wall clock of every minute (or second) it walks through.
 *
 * Runs are sized so the file takes well under 25 s on two cores; `SLA_ORACLE_RUNS=10` soaks ten
 * times longer, `SLA_ORACLE_SEED` (+ `SLA_ORACLE_PATH`) replays a failure fast-check printed.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  type CalendarSpec,
  isOpen,
  nextClose,
  nextOpen,
} from '../../src/index.js';
import {
  apiaScenarioArb,
  apiaSkipMs,
  instantFor,
  instantNear,
  runParams,
  type Scenario,
  scaledTimeoutMs,
  scenarioArb,
  spanArb,
} from '../oracle/arbitraries.js';
import {
  msPerDay,
  msPerHour,
  msPerMinute,
  naiveAdd,
  naiveBetween,
  naiveIsOpen,
  naiveNextClose,
  naiveNextOpen,
  notFound,
} from '../oracle/naiveCalendar.js';
import { calendarOf } from './fixtures.js';

/** Real time within which a query is compared: walks of seconds stay short. */
function windowOf(s: Scenario, minuteWindowMs: number, secondWindowMs: number): number {
  return s.stepMs === msPerMinute ? minuteWindowMs : secondWindowMs;
}

const iso = (ms: number | null): string => (ms === null ? 'null' : new Date(ms).toISOString());

/**
 * Compares a bounded search: an answer the oracle found must be the engine's; when the oracle
 * gave up at its bound, the engine's answer must be null or lie at or beyond the bound.
 */
function expectSameSearch(
  actual: number | null,
  expected: number | null | typeof notFound,
  beyondMs: number,
  forward: boolean,
  what: string,
): void {
  if (expected === notFound) {
    const beyond = actual === null || (forward ? actual >= beyondMs : actual <= beyondMs);
    expect(beyond, `${what}: oracle found nothing before ${iso(beyondMs)}, engine says ${iso(actual)}`).toBe(
      true,
    );
  } else {
    expect(actual, `${what}: engine ${iso(actual)}, oracle ${iso(expected)}`).toBe(expected);
  }
}

describe('the oracle reproduces the worked examples of SPEC.md section 3 (America/New_York)', () => {
  const ny = (date: string, hours: [string, string][]): CalendarSpec => ({
    timeZone: 'America/New_York',
    week: {},
    overrides: [{ date, hours }],
  });
  const day = (date: string) => [
    Date.parse(`${date}T00:00:00Z`) - msPerDay,
    Date.parse(`${date}T00:00:00Z`) + 2 * msPerDay,
  ];
  const total = (spec: CalendarSpec, date: string) => {
    const [fromMs, toMs] = day(date) as [number, number];
    return naiveBetween(spec, fromMs, toMs);
  };

  test('spring forward: 02:00-03:00 is empty, 02:30-03:15 is 15 min, 01:00-04:00 is 2 h', () => {
    expect(total(ny('2026-03-08', [['02:00', '03:00']]), '2026-03-08')).toBe(0);
    expect(total(ny('2026-03-08', [['02:30', '03:15']]), '2026-03-08')).toBe(15 * msPerMinute);
    expect(naiveNextOpen(ny('2026-03-08', [['02:30', '03:15']]), Date.parse('2026-03-08T00:00:00Z'))).toBe(
      Date.parse('2026-03-08T07:00:00Z'),
    );
    expect(total(ny('2026-03-08', [['01:00', '04:00']]), '2026-03-08')).toBe(2 * msPerHour);
  });

  test('fall back: 01:00-02:00 is 2 h, 01:30-03:00 is two passes with a gap, 00:00-01:30 is 2 h', () => {
    expect(total(ny('2026-11-01', [['01:00', '02:00']]), '2026-11-01')).toBe(2 * msPerHour);
    const twoPasses = ny('2026-11-01', [['01:30', '03:00']]);
    expect(total(twoPasses, '2026-11-01')).toBe(2 * msPerHour);
    expect(naiveNextClose(twoPasses, Date.parse('2026-11-01T05:45:00Z'))).toBe(
      Date.parse('2026-11-01T06:00:00Z'),
    );
    expect(naiveNextOpen(twoPasses, Date.parse('2026-11-01T06:00:00Z'))).toBe(
      Date.parse('2026-11-01T06:30:00Z'),
    );
    expect(total(ny('2026-11-01', [['00:00', '01:30']]), '2026-11-01')).toBe(2 * msPerHour);
  });

  test('whole days of 23 and 25 hours', () => {
    expect(total(ny('2026-03-08', [['00:00', '24:00']]), '2026-03-08')).toBe(23 * msPerHour);
    expect(total(ny('2026-11-01', [['00:00', '24:00']]), '2026-11-01')).toBe(25 * msPerHour);
  });

  test('add lands on the close going forward and on the open going back (Mon-Fri 09-17)', () => {
    const nineToFive: CalendarSpec = {
      timeZone: 'America/New_York',
      week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
    };
    const mondayNine = Date.parse('2026-03-02T14:00:00Z');
    expect(naiveAdd(nineToFive, mondayNine, 8 * msPerHour)).toBe(Date.parse('2026-03-02T22:00:00Z'));
    expect(naiveAdd(nineToFive, Date.parse('2026-03-03T15:00:00Z'), -msPerHour)).toBe(
      Date.parse('2026-03-03T14:00:00Z'),
    );
  });
});

describe('the engine agrees exactly with the definition', () => {
  test(
    'isOpen: open exactly when the wall clock is in its date’s hours or the previous date’s overnight part',
    () => {
      const arb = scenarioArb({ seconds: 'sometimes' }).chain((s) =>
        fc.tuple(fc.constant(s), fc.array(instantFor(s, 3 * msPerDay), { minLength: 1, maxLength: 16 })),
      );
      fc.assert(
        fc.property(arb, ([s, instants]) => {
          const cal = calendarOf(s.spec);
          for (const atMs of instants) {
            expect(isOpen(cal, atMs), `isOpen at ${iso(atMs)}`).toBe(naiveIsOpen(s.spec, atMs));
          }
        }),
        runParams(400),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'businessTimeBetween: the real time the calendar is open in [from, to), negated when reversed',
    () => {
      const arb = scenarioArb({ seconds: 'sometimes' }).chain((s) =>
        fc.tuple(
          fc.constant(s),
          instantFor(s, 3 * msPerDay),
          spanArb(windowOf(s, 3 * msPerDay, 3 * msPerHour)),
        ),
      );
      fc.assert(
        fc.property(arb, ([s, fromMs, spanMs]) => {
          const toMs = fromMs + spanMs;
          expect(businessTimeBetween(calendarOf(s.spec), fromMs, toMs)).toBe(
            naiveBetween(s.spec, fromMs, toMs, s.stepMs),
          );
        }),
        runParams(120),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'addBusinessTime: the earliest instant reaching +d, the latest reaching -d, from itself for 0',
    () => {
      const arb = scenarioArb({ seconds: 'sometimes' }).chain((s) => {
        const maxMs = windowOf(s, 2 * msPerDay, msPerHour);
        const amount = fc.oneof(
          { arbitrary: fc.integer({ min: -maxMs, max: maxMs }), weight: 3 },
          { arbitrary: fc.integer({ min: -4 * msPerHour, max: 4 * msPerHour }), weight: 3 },
          {
            arbitrary: fc
              .integer({ min: -maxMs / msPerMinute, max: maxMs / msPerMinute })
              .map((m) => m * msPerMinute),
            weight: 2,
          },
          { arbitrary: fc.constantFrom(0, 1, -1), weight: 1 },
        );
        // Or the business time from `from` to another instant: when that instant is a close or
        // lies in a closed stretch, the answer must be the edge of the open time, not the instant.
        const toward = s.stepMs === msPerMinute ? instantFor(s, 3 * msPerDay) : undefined;
        return instantFor(s, 3 * msPerDay).chain((fromMs) =>
          fc.tuple(
            fc.constant(s),
            fc.constant(fromMs),
            fc.oneof(
              { arbitrary: amount.map((ms) => ({ ms })), weight: 3 },
              {
                arbitrary: (toward ?? spanArb(maxMs).map((span) => fromMs + span)).map((toMs) => ({ toMs })),
                weight: 2,
              },
            ),
          ),
        );
      });
      fc.assert(
        fc.property(arb, ([s, fromMs, by]) => {
          const ms = 'ms' in by ? by.ms : naiveBetween(s.spec, fromMs, by.toMs, s.stepMs);
          const searchMs = windowOf(s, 10 * msPerDay, 4 * msPerHour);
          const expected = naiveAdd(s.spec, fromMs, ms, { stepMs: s.stepMs, searchMs });
          const actual = addBusinessTime(calendarOf(s.spec), fromMs, ms);
          expectSameSearch(
            actual,
            expected,
            ms >= 0 ? fromMs + searchMs : fromMs - searchMs,
            ms >= 0,
            `add ${ms}`,
          );
        }),
        runParams(120),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'nextOpen: the first open instant at or after t (t itself when open)',
    () => {
      const arb = scenarioArb({ seconds: 'sometimes' }).chain((s) =>
        fc.tuple(fc.constant(s), instantFor(s, 3 * msPerDay)),
      );
      fc.assert(
        fc.property(arb, ([s, atMs]) => {
          const searchMs = windowOf(s, 8 * msPerDay, 4 * msPerHour);
          const expected = naiveNextOpen(s.spec, atMs, { stepMs: s.stepMs, searchMs });
          expectSameSearch(nextOpen(calendarOf(s.spec), atMs), expected, atMs + searchMs, true, 'nextOpen');
        }),
        runParams(150),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'nextClose: the end of the open stretch holding t (t itself when closed)',
    () => {
      const arb = scenarioArb({ seconds: 'sometimes' }).chain((s) =>
        fc.tuple(fc.constant(s), instantFor(s, 3 * msPerDay)),
      );
      fc.assert(
        fc.property(arb, ([s, atMs]) => {
          const searchMs = windowOf(s, 8 * msPerDay, 4 * msPerHour);
          const expected = naiveNextClose(s.spec, atMs, { stepMs: s.stepMs, searchMs });
          expectSameSearch(nextClose(calendarOf(s.spec), atMs), expected, atMs + searchMs, true, 'nextClose');
        }),
        runParams(150),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test(
    'a local date that never happened (Pacific/Apia 2011-12-30) only counts through its overnight part',
    () => {
      // No instant has local date 2011-12-30, but its overnight intervals still reach 2011-12-31.
      const arb = apiaScenarioArb({ seconds: 'never' }).chain((s) =>
        fc.tuple(fc.constant(s), instantNear(apiaSkipMs, msPerDay), spanArb(2 * msPerDay)),
      );
      fc.assert(
        fc.property(arb, ([s, fromMs, spanMs]) => {
          const cal = calendarOf(s.spec);
          expect(isOpen(cal, fromMs), `isOpen at ${iso(fromMs)}`).toBe(naiveIsOpen(s.spec, fromMs));
          expect(businessTimeBetween(cal, fromMs, fromMs + spanMs)).toBe(
            naiveBetween(s.spec, fromMs, fromMs + spanMs),
          );
        }),
        runParams(60),
      );
    },
    scaledTimeoutMs(120_000),
  );
});
