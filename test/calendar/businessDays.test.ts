/**
 * The due instant E of a `{ businessDays, by?, cutoff? }` target (SPEC.md section 11), computed by
 * the timeline (`businessDayDueAt`), against a slow walk written here from the SPEC's words: every
 * minute's wall clock from Intl (test/oracle/naiveCalendar.ts), the dates whose hours cover it,
 * and the open days counted one by one.
 *
 * `SLA_ORACLE_RUNS=10` soaks ten times longer; `SLA_ORACLE_SEED` (+ `SLA_ORACLE_PATH`) replays a
 * failure fast-check printed.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { timelineOf } from '../../src/calendar/calendar.js';
import { businessTimeBetween, type Calendar, type CalendarSpec, compileCalendar } from '../../src/index.js';
import {
  anchorArb,
  instantFor,
  runParams,
  type Scenario,
  scaledTimeoutMs,
  specArb,
} from '../oracle/arbitraries.js';
import {
  dayNumberOf,
  hoursOn,
  msPerDay,
  msPerMinute,
  type NaiveZonedSpec,
  type NotFound,
  naiveNextOpen,
  notFound,
  timeOfDayMsOf,
  type WallClock,
  wallClockAt,
} from '../oracle/naiveCalendar.js';
import { everyDay, ms, msPerHour, nineToFive, weekdaysSpec } from './fixtures.js';

/** `businessDayDueAt` with `by`/`cutoff` written as the SPEC writes them. */
function dueAt(
  cal: Calendar,
  start: string | number,
  businessDays: number,
  options: { by?: string; cutoff?: string } = {},
): number | null {
  const startMs = typeof start === 'number' ? start : ms(start);
  const byMs = options.by === undefined ? null : timeOfDayMsOf(options.by);
  const cutoffMs = options.cutoff === undefined ? null : timeOfDayMsOf(options.cutoff);
  return timelineOf(cal).businessDayDueAt(startMs, businessDays, byMs, cutoffMs);
}

const iso = (atMs: number | null | NotFound): string =>
  typeof atMs === 'number' ? new Date(atMs).toISOString() : String(atMs);

// ---------------------------------------------------------------------------------------------
// The oracle: SPEC 11's business days, walked a minute at a time.

/** Thrown when the walk would have to go further than it is allowed to. */
class BeyondSearch extends Error {}

/**
 * The wall clock of a whole minute, from Intl's `format` (a third of the cost of the oracle's
 * `formatToParts`, and the walk reads hundreds of thousands), remembered: cases revisit minutes.
 */
const wallMemo = new Map<string, { format: Intl.DateTimeFormat; walls: Map<number, WallClock> }>();
// en-US with h23 writes "3/8/2026, 03:00:00".
const wallText = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

function wallOfMinute(timeZone: string, minuteMs: number): WallClock {
  let memo = wallMemo.get(timeZone);
  if (memo === undefined) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    memo = { format, walls: new Map() };
    wallMemo.set(timeZone, memo);
  }
  let wall = memo.walls.get(minuteMs);
  if (wall === undefined) {
    const m = wallText.exec(memo.format.format(minuteMs));
    if (m === null) throw new Error(`oracle: unexpected Intl output at ${minuteMs} in ${timeZone}`);
    const [month, day, year, hour, minute, second] = m.slice(1).map(Number) as number[];
    // Minute stepping is exact only when every minute starts on a whole minute of wall clock.
    if (second !== 0) throw new Error(`oracle: ${timeZone} is not on whole minutes at ${minuteMs}`);
    wall = {
      dayNumber: dayNumberOf(year as number, month as number, day as number),
      timeOfDayMs: (hour as number) * msPerHour + (minute as number) * msPerMinute,
    };
    if (memo.walls.size > 2_000_000) memo.walls.clear();
    memo.walls.set(minuteMs, wall);
  }
  return wall;
}

/** The local dates whose intervals cover wall-clock time `w` on local date `day` (SPEC 3). */
function datesCovering(spec: NaiveZonedSpec, day: number, w: number): number[] {
  const dates: number[] = [];
  // [a, b) on D; an overnight interval (b < a) covers [a, 24:00) on D ...
  if (hoursOn(spec, day).some(([a, b]) => (b > a ? a <= w && w < b : w >= a))) dates.push(day);
  // ... and [00:00, b) on the date after D.
  if (hoursOn(spec, day - 1).some(([a, b]) => b < a && w < b)) dates.push(day - 1);
  return dates;
}

/**
 * Every minute from `fromMs` on, walked once: which dates cover it. A date's coverage is known
 * for good once the walk has passed the third UTC midnight after it (its hours end within two
 * days of its midnight, and offsets are under 15 hours in these zones).
 */
class MinuteWalk {
  /** For each local date seen covering a minute, the end of the last minute it covers. */
  readonly coverageEndMs = new Map<number, number>();
  /** The end of the last open minute walked. */
  lastOpenEndMs = Number.NEGATIVE_INFINITY;
  private walkedToMs: number;

  constructor(
    private readonly spec: NaiveZonedSpec,
    fromMs: number,
    private readonly limitMs: number,
    /** Nothing is open from here on (a week with no hours, past its last override with hours). */
    private readonly quietFromMs: number,
  ) {
    this.walkedToMs = Math.floor(fromMs / msPerMinute) * msPerMinute;
  }

  /** Walks to `toMs`; throws `BeyondSearch` past the limit. */
  walkTo(toMs: number): void {
    const endMs = Math.min(toMs, this.quietFromMs);
    if (endMs > this.limitMs) throw new BeyondSearch();
    for (; this.walkedToMs < endMs; this.walkedToMs += msPerMinute) {
      const wall = wallOfMinute(this.spec.timeZone, this.walkedToMs);
      for (const date of datesCovering(this.spec, wall.dayNumber, wall.timeOfDayMs)) {
        this.coverageEndMs.set(date, this.walkedToMs + msPerMinute);
        this.lastOpenEndMs = this.walkedToMs + msPerMinute;
      }
    }
  }

  /** Whether local date `day` covers a real instant: an open day. */
  isOpenDay(day: number): boolean {
    this.walkTo((day + 3) * msPerDay);
    return this.coverageEndMs.has(day);
  }

  /** The first open day after `day`, or null when the calendar is quiet from then on. */
  nextOpenDay(day: number): number | null {
    for (let d = day + 1; ; d++) {
      // Date d covers nothing before (d - 1) days of UTC.
      if ((d - 1) * msPerDay >= this.quietFromMs) return null;
      if (this.isOpenDay(d)) return d;
    }
  }

  /** The first minute whose wall clock reads local ms `localMs` or later. */
  firstMinuteReaching(localMs: number): number {
    for (let t = (Math.floor(localMs / msPerDay) - 1) * msPerDay; ; t += msPerMinute) {
      if (t > this.limitMs) throw new BeyondSearch();
      const wall = wallOfMinute(this.spec.timeZone, t);
      if (wall.dayNumber * msPerDay + wall.timeOfDayMs >= localMs) return t;
    }
  }
}

/** Where the calendar is quiet for ever: past its last override with hours, if its week has none. */
function quietFromMs(spec: NaiveZonedSpec): number {
  if (Object.values(spec.week).some((hours) => hours !== undefined && hours.length > 0))
    return Number.POSITIVE_INFINITY;
  const days = (spec.overrides ?? []).filter((o) => o.hours.length > 0).map((o) => hoursDay(o.date));
  return days.length === 0 ? Number.NEGATIVE_INFINITY : (Math.max(...days) + 3) * msPerDay;
}

function hoursDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / msPerDay);
}

/**
 * SPEC 11's E, read literally: s' = nextOpen(s); its business day and wall clock; k; D_k counted
 * open day by open day; then the end of D_k's coverage, or the first instant reading `by` on D_k,
 * moved a day on while before s'. `notFound` when that needs a walk longer than `searchMs`.
 */
function naiveDueAt(
  spec: CalendarSpec,
  startMs: number,
  businessDays: number,
  byMs: number | null,
  cutoffMs: number | null,
  searchMs: number,
): number | null | NotFound {
  if (spec === '24/7') return naiveAlwaysOpenDueAt(startMs, businessDays, byMs, cutoffMs);
  const openMs = naiveNextOpen(spec, startMs, { searchMs });
  if (openMs === null || openMs === notFound) return openMs;
  const wall = wallClockAt(spec.timeZone, openMs);
  const covering = datesCovering(spec, wall.dayNumber, wall.timeOfDayMs);
  // The earlier date when two cover it.
  const businessDay = Math.min(...covering);
  const afterMidnight = businessDay < wall.dayNumber;
  const addsDay =
    cutoffMs !== null && cutoffMs !== msPerDay && (afterMidnight || wall.timeOfDayMs >= cutoffMs);
  const k = businessDays + (addsDay ? 1 : 0);
  const walk = new MinuteWalk(spec, (businessDay - 1) * msPerDay, startMs + searchMs, quietFromMs(spec));
  try {
    let day = businessDay;
    for (let i = 0; i < k; i++) {
      const next = walk.nextOpenDay(day);
      if (next === null) return walk.lastOpenEndMs;
      day = next;
    }
    if (byMs === null) {
      walk.isOpenDay(day);
      return walk.coverageEndMs.get(day) as number;
    }
    for (;;) {
      const dueMs = walk.firstMinuteReaching(day * msPerDay + byMs);
      if (dueMs >= openMs) return dueMs;
      const next = walk.nextOpenDay(day);
      if (next === null) return walk.lastOpenEndMs;
      day = next;
    }
  } catch (error) {
    if (error instanceof BeyondSearch) return notFound;
    throw error;
  }
}

/** On `"24/7"` every UTC date is an open day ending at 24:00 UTC. */
function naiveAlwaysOpenDueAt(
  startMs: number,
  businessDays: number,
  byMs: number | null,
  cutoffMs: number | null,
): number {
  let day = Math.floor(startMs / msPerDay);
  if (cutoffMs !== null && cutoffMs !== msPerDay && startMs - day * msPerDay >= cutoffMs) day += 1;
  day += businessDays;
  if (byMs === null) return (day + 1) * msPerDay;
  while (day * msPerDay + byMs < startMs) day += 1;
  return day * msPerDay + byMs;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

/** A local time in whole minutes, `"24:00"` included, often one where zones or offices change. */
const localTimeArb: fc.Arbitrary<number | null> = fc.option(
  fc
    .oneof(
      fc.constantFrom(0, 30, 60, 120, 135, 150, 165, 180, 540, 720, 960, 1020, 1380, 1410, 1440),
      fc.integer({ min: 0, max: 1440 }),
    )
    .map((minutes) => minutes * msPerMinute),
  { nil: null, freq: 3 },
);

interface DueCase {
  readonly s: Scenario;
  readonly startMs: number;
  readonly businessDays: number;
  readonly byMs: number | null;
  readonly cutoffMs: number | null;
}

function dueCaseArb(zones: readonly string[]): fc.Arbitrary<DueCase> {
  const scenario = fc
    .constantFrom(...zones)
    .chain((timeZone) =>
      anchorArb(timeZone).chain((anchorMs) =>
        specArb(timeZone, anchorMs, false).map(
          (spec): Scenario => ({ spec, timeZone, anchorMs, stepMs: msPerMinute }),
        ),
      ),
    );
  return scenario.chain((s) =>
    fc.record({
      s: fc.constant(s),
      startMs: instantFor(s, 3 * msPerDay),
      businessDays: fc.integer({ min: 0, max: 5 }),
      byMs: localTimeArb,
      cutoffMs: localTimeArb,
    }),
  );
}

/** Runs the comparison; returns whether the oracle reached an answer. */
function compareWithOracle(c: DueCase): boolean {
  const searchMs = 24 * msPerDay;
  const expected = naiveDueAt(c.s.spec, c.startMs, c.businessDays, c.byMs, c.cutoffMs, searchMs);
  const cal = compileCalendar(c.s.spec as CalendarSpec);
  const actual = timelineOf(cal).businessDayDueAt(c.startMs, c.businessDays, c.byMs, c.cutoffMs);
  if (expected === notFound) return false;
  const what = `start ${iso(c.startMs)}, businessDays ${c.businessDays}, by ${c.byMs}, cutoff ${c.cutoffMs}`;
  expect(actual, `${what}: engine ${iso(actual)}, oracle ${iso(expected)}`).toBe(expected);
  return true;
}

const exoticZones = [
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/Santiago',
  'Pacific/Chatham',
  'Africa/Casablanca',
] as const;

const everyZone = [
  ...exoticZones,
  'America/New_York',
  'Europe/London',
  'America/Havana',
  'Pacific/Apia',
  'Europe/Dublin',
  'UTC',
] as const;

describe('businessDayDueAt agrees with a minute-by-minute walk of the definition', () => {
  for (const [name, zones, runs] of [
    ['exotic zones (30- and 45-minute steps, skipped midnights, Ramadan)', exoticZones, 100],
    ['every zone of the oracle', everyZone, 80],
  ] as const) {
    test(
      name,
      () => {
        let decided = 0;
        let total = 0;
        fc.assert(
          fc.property(dueCaseArb(zones), (c) => {
            total += 1;
            if (compareWithOracle(c)) decided += 1;
          }),
          runParams(runs),
        );
        // Not vacuous: most cases are decided within the walk's reach.
        expect(decided).toBeGreaterThan(total * 0.7);
      },
      scaledTimeoutMs(120_000),
    );
  }

  test(
    'Pacific/Apia around the date that never happened',
    () => {
      const apiaSkipMs = Date.UTC(2011, 11, 30, 10);
      const scenario = fc
        .integer({ min: -36, max: 36 })
        .map((h) => apiaSkipMs + h * msPerHour)
        .chain((anchorMs) =>
          specArb('Pacific/Apia', anchorMs, false).map(
            (spec): Scenario => ({ spec, timeZone: 'Pacific/Apia', anchorMs, stepMs: msPerMinute }),
          ),
        );
      const arb = scenario.chain((s) =>
        fc.record({
          s: fc.constant(s),
          startMs: instantFor(s, 2 * msPerDay),
          businessDays: fc.integer({ min: 0, max: 3 }),
          byMs: localTimeArb,
          cutoffMs: localTimeArb,
        }),
      );
      fc.assert(
        fc.property(arb, (c) => {
          compareWithOracle(c);
        }),
        runParams(60),
      );
    },
    scaledTimeoutMs(120_000),
  );

  test('"24/7": UTC dates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2150, 0, 1) }),
        fc.integer({ min: 0, max: 3650 }),
        localTimeArb,
        localTimeArb,
        (startMs, businessDays, byMs, cutoffMs) => {
          const cal = compileCalendar('24/7');
          expect(timelineOf(cal).businessDayDueAt(startMs, businessDays, byMs, cutoffMs)).toBe(
            naiveAlwaysOpenDueAt(startMs, businessDays, byMs, cutoffMs),
          );
        },
      ),
      runParams(300),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Named scenarios.

describe("SPEC 11's worked examples on Mon-Fri 09:00-17:00 (America/New_York)", () => {
  test('start Monday 11:00, { businessDays: 1 }: Tuesday 17:00, a 14 h target', () => {
    const dueMs = dueAt(nineToFive, '2026-03-02T11:00:00-05:00', 1);
    expect(iso(dueMs)).toBe(iso(ms('2026-03-03T17:00:00-05:00')));
    expect(businessTimeBetween(nineToFive, ms('2026-03-02T11:00:00-05:00'), dueMs as number)).toBe(
      14 * msPerHour,
    );
  });

  test('start Friday 15:00, { businessDays: 1, by: "16:00" }: Monday 16:00 (EDT by then), 9 h', () => {
    const dueMs = dueAt(nineToFive, '2026-03-06T15:00:00-05:00', 1, { by: '16:00' });
    expect(iso(dueMs)).toBe(iso(ms('2026-03-09T16:00:00-04:00')));
    expect(businessTimeBetween(nineToFive, ms('2026-03-06T15:00:00-05:00'), dueMs as number)).toBe(
      9 * msPerHour,
    );
  });

  test('start Monday 15:00, { businessDays: 0, by: "17:00", cutoff: "14:00" }: Tuesday 17:00', () => {
    expect(iso(dueAt(nineToFive, '2026-03-02T15:00:00-05:00', 0, { by: '17:00', cutoff: '14:00' }))).toBe(
      iso(ms('2026-03-03T17:00:00-05:00')),
    );
  });
});

describe('cutoff', () => {
  test('a start before the cutoff keeps its own day', () => {
    expect(iso(dueAt(nineToFive, '2026-03-02T13:59:00-05:00', 0, { by: '17:00', cutoff: '14:00' }))).toBe(
      iso(ms('2026-03-02T17:00:00-05:00')),
    );
  });

  test('a start exactly at the cutoff is not before it: one more day', () => {
    expect(iso(dueAt(nineToFive, '2026-03-02T14:00:00-05:00', 0, { cutoff: '14:00' }))).toBe(
      iso(ms('2026-03-03T17:00:00-05:00')),
    );
  });

  test("the cutoff is read at s', the next opening: Saturday counts as Monday 09:00, before 14:00", () => {
    expect(iso(dueAt(nineToFive, '2026-03-07T20:00:00-05:00', 0, { cutoff: '14:00' }))).toBe(
      iso(ms('2026-03-09T17:00:00-04:00')),
    );
  });

  test('"24:00" never adds a day', () => {
    expect(iso(dueAt(nineToFive, '2026-03-02T16:59:00-05:00', 0, { cutoff: '24:00' }))).toBe(
      iso(ms('2026-03-02T17:00:00-05:00')),
    );
  });
});

describe('by', () => {
  test('"08:00", outside open hours, gives E in closed time: Tuesday 08:00', () => {
    const dueMs = dueAt(nineToFive, '2026-03-02T11:00:00-05:00', 1, { by: '08:00' });
    expect(iso(dueMs)).toBe(iso(ms('2026-03-03T08:00:00-05:00')));
    // Counted time: Monday 11:00-17:00, so the deadline is the next opening (section 6).
    expect(businessTimeBetween(nineToFive, ms('2026-03-02T11:00:00-05:00'), dueMs as number)).toBe(
      6 * msPerHour,
    );
  });

  test('a by already past on D_0 moves to the next open day (Friday to Monday)', () => {
    expect(iso(dueAt(nineToFive, '2026-03-06T15:00:00-05:00', 0, { by: '12:00' }))).toBe(
      iso(ms('2026-03-09T12:00:00-04:00')),
    );
  });

  test('"24:00" is the midnight ending D_k', () => {
    expect(iso(dueAt(nineToFive, '2026-03-06T15:00:00-05:00', 0, { by: '24:00' }))).toBe(
      iso(ms('2026-03-07T00:00:00-05:00')),
    );
  });

  test('in New York\'s spring-forward gap (2026-03-08): "02:30" reads first at 03:00 EDT', () => {
    const cal = everyDay('America/New_York', [['01:00', '04:00']]);
    // s' is Sunday 01:00 EST, so D_0 is Sunday.
    expect(iso(dueAt(cal, '2026-03-07T12:00:00-05:00', 0, { by: '02:30' }))).toBe(
      iso(ms('2026-03-08T03:00:00-04:00')),
    );
  });

  test('on America/Santiago\'s skipped midnight (2026-09-06): "00:00" reads first at 01:00 -03', () => {
    const cal = everyDay('America/Santiago', [['00:00', '24:00']]);
    expect(iso(dueAt(cal, '2026-09-05T12:00:00-04:00', 1, { by: '00:00' }))).toBe(
      iso(ms('2026-09-06T01:00:00-03:00')),
    );
  });

  test('in a repeated hour, the first pass (New York, 2026-11-01 01:30)', () => {
    const cal = everyDay('America/New_York', [['00:00', '24:00']]);
    expect(iso(dueAt(cal, '2026-10-31T12:00:00-04:00', 1, { by: '01:30' }))).toBe(
      iso(ms('2026-11-01T01:30:00-04:00')),
    );
  });
});

describe('where a day ends', () => {
  test('a repeated fall-back hour ends after its second pass (["01:00","02:00"] on 2026-11-01)', () => {
    const cal = everyDay('America/New_York', [['01:00', '02:00']]);
    const startMs = ms('2026-10-31T12:00:00-04:00');
    const dueMs = dueAt(cal, startMs, 0);
    expect(iso(dueMs)).toBe(iso(ms('2026-11-01T02:00:00-05:00')));
    expect(businessTimeBetween(cal, startMs, dueMs as number)).toBe(2 * msPerHour);
  });

  test('a round-the-clock week still has days that end, at each local midnight', () => {
    const cal = everyDay('America/New_York', [['00:00', '24:00']]);
    expect(iso(dueAt(cal, '2026-03-02T11:00:00-05:00', 2))).toBe(iso(ms('2026-03-05T00:00:00-05:00')));
  });

  test('a date whose only interval lies in a spring-forward gap is not an open day', () => {
    const cal = compileCalendar({
      timeZone: 'America/New_York',
      week: { sat: [['09:00', '17:00']], sun: [['02:00', '03:00']], mon: [['09:00', '17:00']] },
    });
    // Sunday 2026-03-08 02:00-03:00 never happens: D_1 after Saturday is Monday.
    expect(iso(dueAt(cal, '2026-03-07T10:00:00-05:00', 1))).toBe(iso(ms('2026-03-09T17:00:00-04:00')));
    // A week later the same Sunday hours happen.
    expect(iso(dueAt(cal, '2026-03-14T10:00:00-04:00', 1))).toBe(iso(ms('2026-03-15T03:00:00-04:00')));
  });
});

describe('overnight intervals ["22:00","06:00"]', () => {
  const cal = compileCalendar(weekdaysSpec('America/New_York', [['22:00', '06:00']]));
  // Tuesday 03:00 is in the after-midnight part of Monday's interval: its business day is Monday.
  const tuesdayThreeAm = '2026-03-03T03:00:00-05:00';

  test('a day ends at its after-midnight end', () => {
    expect(iso(dueAt(cal, tuesdayThreeAm, 0))).toBe(iso(ms('2026-03-03T06:00:00-05:00')));
    expect(iso(dueAt(cal, tuesdayThreeAm, 1))).toBe(iso(ms('2026-03-04T06:00:00-05:00')));
  });

  test('an instant past midnight is after every cutoff, except "24:00"', () => {
    expect(iso(dueAt(cal, tuesdayThreeAm, 0, { cutoff: '23:59' }))).toBe(
      iso(ms('2026-03-04T06:00:00-05:00')),
    );
    expect(iso(dueAt(cal, tuesdayThreeAm, 0, { cutoff: '24:00' }))).toBe(
      iso(ms('2026-03-03T06:00:00-05:00')),
    );
  });

  test("by on D_1 that reads before s' moves on a day", () => {
    // D_1 is Tuesday; Tuesday 02:00 is before s' (Tuesday 03:00), so Wednesday 02:00.
    expect(iso(dueAt(cal, tuesdayThreeAm, 1, { by: '02:00' }))).toBe(iso(ms('2026-03-04T02:00:00-05:00')));
  });
});

describe("without by, E is where D_k's own hours end, read literally", () => {
  // AMBIGUITY: SPEC 11 moves only a `by` instant that falls before s'. Without `by`, D_k's own
  // hours can end before s' when s' lies in the previous date's overnight part and D_k's hours
  // sit inside it: E is then before s' (the engine's target is max(0, ...) = 0).
  test("Tuesday [00:00, 01:00) inside Monday's overnight hours, start Tuesday 03:00, 1 day", () => {
    const cal = compileCalendar({
      timeZone: 'America/New_York',
      week: { mon: [['22:00', '06:00']], tue: [['00:00', '01:00']] },
    });
    expect(iso(dueAt(cal, '2026-03-03T03:00:00-05:00', 1))).toBe(iso(ms('2026-03-03T01:00:00-05:00')));
  });
});

describe('long closures, calendars that close for good, and the extremes', () => {
  test('holidays for months are jumped over, not walked', () => {
    const cal = compileCalendar({ ...weekdaysSpec('America/New_York'), holidays: ['2026-06-01/2026-09-30'] });
    expect(iso(dueAt(cal, '2026-05-29T10:00:00-04:00', 1))).toBe(iso(ms('2026-10-01T17:00:00-04:00')));
    expect(iso(dueAt(cal, '2026-05-29T10:00:00-04:00', 2, { by: '10:00' }))).toBe(
      iso(ms('2026-10-02T10:00:00-04:00')),
    );
  });

  test('a calendar open on two dates 124 years apart answers at once', () => {
    const cal = compileCalendar({
      timeZone: 'America/New_York',
      week: {},
      overrides: [
        { date: '2026-03-02', hours: [['09:00', '17:00']] },
        { date: '2150-06-01', hours: [['09:00', '17:00']] },
      ],
    });
    const startedMs = performance.now();
    expect(iso(dueAt(cal, '2026-03-02T11:00:00-05:00', 1))).toBe(iso(ms('2150-06-01T17:00:00-04:00')));
    expect(performance.now() - startedMs).toBeLessThan(2_000);
  });

  test('with no k-th open day before it closes for good, E is the end of its last open interval', () => {
    const cal = compileCalendar({
      timeZone: 'America/New_York',
      week: {},
      overrides: [
        { date: '2026-03-02', hours: [['09:00', '17:00']] },
        { date: '2026-03-03', hours: [['09:00', '12:00']] },
      ],
    });
    expect(iso(dueAt(cal, '2026-03-02T11:00:00-05:00', 5))).toBe(iso(ms('2026-03-03T12:00:00-05:00')));
    expect(iso(dueAt(cal, '2026-03-03T11:00:00-05:00', 0, { by: '10:00' }))).toBe(
      iso(ms('2026-03-03T12:00:00-05:00')),
    );
  });

  test("the last open interval may be the previous date's overnight hours, which outlast the last open day", () => {
    const cal = compileCalendar({
      timeZone: 'America/New_York',
      week: {},
      overrides: [
        { date: '2026-03-02', hours: [['22:00', '06:00']] },
        { date: '2026-03-03', hours: [['01:00', '02:00']] },
      ],
    });
    // D_1 is 2026-03-03, whose own hours end at 02:00; there is no D_2, and the calendar's last
    // open interval (Monday's overnight one) ends at 06:00.
    expect(iso(dueAt(cal, '2026-03-02T23:00:00-05:00', 1))).toBe(iso(ms('2026-03-03T02:00:00-05:00')));
    expect(iso(dueAt(cal, '2026-03-02T23:00:00-05:00', 2))).toBe(iso(ms('2026-03-03T06:00:00-05:00')));
  });

  test('a calendar that never opens again: null', () => {
    expect(
      dueAt(compileCalendar({ timeZone: 'America/New_York', week: {} }), '2026-03-02T11:00:00Z', 1),
    ).toBe(null);
    const past = compileCalendar({
      timeZone: 'America/New_York',
      week: {},
      overrides: [{ date: '2026-03-02', hours: [['09:00', '17:00']] }],
    });
    expect(dueAt(past, '2026-03-03T11:00:00Z', 0)).toBe(null);
  });

  test('"24/7": every UTC date is an open day ending at 24:00 UTC', () => {
    const always = compileCalendar('24/7');
    expect(iso(dueAt(always, '2026-03-02T15:00:00Z', 0))).toBe('2026-03-03T00:00:00.000Z');
    expect(iso(dueAt(always, '2026-03-02T15:00:00Z', 2, { by: '12:00' }))).toBe('2026-03-04T12:00:00.000Z');
    expect(iso(dueAt(always, '2026-03-02T15:00:00Z', 0, { by: '12:00' }))).toBe('2026-03-03T12:00:00.000Z');
    expect(iso(dueAt(always, '2026-03-02T15:00:00Z', 0, { cutoff: '14:00' }))).toBe(
      '2026-03-04T00:00:00.000Z',
    );
  });

  test('Pacific/Apia: 2011-12-30 never happened, so it is not an open day', () => {
    const cal = everyDay('Pacific/Apia', [['09:00', '17:00']]);
    // Thursday 2011-12-29 10:00 -10: D_1 is Saturday 2011-12-31 (+14).
    expect(iso(dueAt(cal, '2011-12-29T10:00:00-10:00', 1))).toBe(iso(ms('2011-12-31T17:00:00+14:00')));
  });
});

describe('cost', () => {
  test('counting 3650 business days stays within milliseconds on a warm calendar', () => {
    const startMs = ms('2026-03-02T11:00:00-05:00');
    dueAt(nineToFive, startMs, 3650);
    const startedMs = performance.now();
    for (let i = 0; i < 10; i++) dueAt(nineToFive, startMs, 3650);
    expect((performance.now() - startedMs) / 10).toBeLessThan(50);
  });
});
