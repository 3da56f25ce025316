/**
 * fast-check arbitraries for calendar tests: zones with awkward histories, calendars full of
 * edge cases (overnight intervals, "24:00" ends, overlaps, holidays and overrides right where
 * the instants are), and instants crowded around each zone's offset transitions.
 */
import fc from 'fast-check';
import type { CalendarSpec, Interval, Weekday } from '../../src/index.js';
import { msPerDay, msPerHour, msPerMinute, msPerSecond, offsetMsAt } from './naiveCalendar.js';

/** Zones with whole-hour, half-hour and 45-minute DST steps, skipped midnights and a skipped date. */
export const zones = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Australia/Lord_Howe', // DST moves the clock by 30 minutes
  'Asia/Kathmandu', // +05:45, and +05:30 until 1986
  'Pacific/Chatham', // +12:45 / +13:45
  'America/Santiago', // spring forward at midnight: 00:00 never happens
  'America/Havana', // spring forward at midnight since 2012
  'Pacific/Apia', // 2011-12-30 never happened
  'Africa/Casablanca', // DST suspended each Ramadan, then permanent +01 with a "negative DST"
  'Europe/Dublin', // negative DST in the tz database (winter is the "daylight" offset)
  'Asia/Kolkata', // no transitions since 1945
  'America/St_Johns', // -03:30 / -02:30
  'UTC',
] as const;

export type Zone = (typeof zones)[number];

const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Instants are drawn from 1980 to 2035 (minute stepping is only exact after 1972). */
export const firstInstantMs = Date.UTC(1980, 0, 1);
export const lastInstantMs = Date.UTC(2035, 11, 31);

const transitionCache = new Map<string, readonly number[]>();

/**
 * Every instant in 1980-2035 at which the zone's offset changes, to the minute. Offsets are
 * sampled daily (no two transitions of these zones within a day of each other cancel out in that
 * period; an hourly scan agrees) and each change is bisected down to the minute.
 */
export function transitionsOf(timeZone: string): readonly number[] {
  const cached = transitionCache.get(timeZone);
  if (cached !== undefined) return cached;
  const found: number[] = [];
  let previousMs = firstInstantMs - 2 * msPerDay;
  let previousOffsetMs = offsetMsAt(timeZone, previousMs);
  for (let ms = previousMs + msPerDay; ms <= lastInstantMs + 2 * msPerDay; ms += msPerDay) {
    const offsetMs = offsetMsAt(timeZone, ms);
    if (offsetMs !== previousOffsetMs) {
      // The offset at minute lo is the old one, at minute hi the new one.
      let lo = previousMs / msPerMinute;
      let hi = ms / msPerMinute;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetMsAt(timeZone, mid * msPerMinute) === previousOffsetMs) lo = mid;
        else hi = mid;
      }
      found.push(hi * msPerMinute);
    }
    previousMs = ms;
    previousOffsetMs = offsetMs;
  }
  transitionCache.set(timeZone, found);
  return found;
}

/** Apia skipped 2011-12-30: 2011-12-29 24:00 (-10:00) was followed by 2011-12-31 00:00 (+14:00). */
export const apiaSkipMs = Date.UTC(2011, 11, 30, 10);

// ---------------------------------------------------------------------------------------------
// Times of day and intervals.

// Minutes after midnight where zones change their clocks, and classic business bounds.
const interestingMinutes = [
  0, 30, 60, 90, 120, 135, 150, 165, 180, 195, 210, 240, 540, 720, 1020, 1380, 1410, 1439,
];

const minuteOfDay = fc.oneof(
  { arbitrary: fc.constantFrom(...interestingMinutes), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 1439 }), weight: 2 },
);

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `"HH:MM"`, or `"HH:MM:SS"` when `second` is given. */
function timeText(minute: number, second: number | undefined): string {
  const hhmm = `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
  return second === undefined ? hhmm : `${hhmm}:${pad2(second)}`;
}

/** Seconds within a minute for calendars written with seconds (`undefined`: plain `HH:MM`). */
function secondArb(withSeconds: boolean): fc.Arbitrary<number | undefined> {
  if (!withSeconds) return fc.constant(undefined);
  return fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(0, 1, 59), fc.constant(undefined));
}

/** One interval: same-day, overnight (end < start), ending at "24:00", or the whole day. */
export function intervalArb(withSeconds: boolean): fc.Arbitrary<Interval> {
  const generic = fc
    .tuple(minuteOfDay, secondArb(withSeconds), minuteOfDay, secondArb(withSeconds), fc.nat(9))
    .map(([startMinute, startSecond, endMinute, endSecond, roll]): Interval => {
      const end = roll === 0 ? '24:00' : timeText(endMinute, endSecond);
      return [timeText(startMinute, startSecond), end];
    })
    .filter(([start, end]) => secondsOf(start) !== secondsOf(end));
  return fc.oneof(
    { arbitrary: generic, weight: 8 },
    { arbitrary: fc.constant<Interval>(['00:00', '24:00']), weight: 1 },
    {
      arbitrary: minuteOfDay.map((m): Interval => ['00:00', timeText(Math.max(1, m), undefined)]),
      weight: 1,
    },
  );
}

function secondsOf(text: string): number {
  const [h, m, s = 0] = text.split(':').map(Number);
  return (h as number) * 3600 + (m as number) * 60 + s;
}

/** One to three intervals (overlaps welcome); occasionally `[]` (closed, written out). */
function dayHoursArb(withSeconds: boolean): fc.Arbitrary<Interval[]> {
  return fc.oneof(
    { arbitrary: fc.array(intervalArb(withSeconds), { minLength: 1, maxLength: 3 }), weight: 9 },
    { arbitrary: fc.constant<Interval[]>([]), weight: 1 },
  );
}

type WeekSpec = Partial<Record<Weekday, Interval[]>>;

function weekArb(withSeconds: boolean): fc.Arbitrary<WeekSpec> {
  const model: Record<Weekday, fc.Arbitrary<Interval[]>> = {
    mon: dayHoursArb(withSeconds),
    tue: dayHoursArb(withSeconds),
    wed: dayHoursArb(withSeconds),
    thu: dayHoursArb(withSeconds),
    fri: dayHoursArb(withSeconds),
    sat: dayHoursArb(withSeconds),
    sun: dayHoursArb(withSeconds),
  };
  return fc.record(model, { requiredKeys: [] });
}

/** `"YYYY-MM-DD"` of a day number. */
export function dateTextOf(dayNumber: number): string {
  return new Date(dayNumber * msPerDay).toISOString().slice(0, 10);
}

/** Local dates within four days of the anchor (which has a local date within a day of its UTC one). */
function nearDateArb(anchorMs: number): fc.Arbitrary<string> {
  const anchorDay = Math.floor(anchorMs / msPerDay);
  return fc.integer({ min: -4, max: 4 }).map((d) => dateTextOf(anchorDay + d));
}

// ---------------------------------------------------------------------------------------------
// Calendars and scenarios.

/** A calendar with the instant its tests look around. */
export interface Scenario {
  readonly spec: CalendarSpec;
  readonly timeZone: string;
  /** Instants under test are drawn near it: a transition of the zone, or a random instant. */
  readonly anchorMs: number;
  /** 60 000 when every time in the calendar is whole minutes, 1000 when some have seconds. */
  readonly stepMs: number;
}

type SpecKind = 'weekly' | 'overridesOnly' | 'never' | 'always' | 'allWeek';

/** A calendar in `timeZone` whose holidays and overrides sit near `anchorMs`. */
export function specArb(
  timeZone: string,
  anchorMs: number,
  withSeconds: boolean,
): fc.Arbitrary<CalendarSpec> {
  const kind = fc.oneof(
    { arbitrary: fc.constant<SpecKind>('weekly'), weight: 14 },
    { arbitrary: fc.constant<SpecKind>('overridesOnly'), weight: 3 },
    { arbitrary: fc.constant<SpecKind>('never'), weight: 1 },
    { arbitrary: fc.constant<SpecKind>('always'), weight: 1 },
    { arbitrary: fc.constant<SpecKind>('allWeek'), weight: 1 },
  );
  const holidays = fc.array(nearDateArb(anchorMs), { maxLength: 3 });
  const overrides = (minLength: number) =>
    fc.uniqueArray(
      fc.record({
        date: nearDateArb(anchorMs),
        // Empty hours close the date; hours open it even when its weekday is closed.
        hours: fc.oneof(
          { arbitrary: fc.array(intervalArb(withSeconds), { minLength: 1, maxLength: 3 }), weight: 3 },
          { arbitrary: fc.constant<Interval[]>([]), weight: 1 },
        ),
      }),
      { selector: (o) => o.date, minLength, maxLength: 3 },
    );
  return kind.chain((k): fc.Arbitrary<CalendarSpec> => {
    switch (k) {
      case 'always':
        return fc.constant('24/7');
      case 'never':
        return holidays.map((h) => ({ timeZone, week: {}, ...(h.length > 0 ? { holidays: h } : {}) }));
      case 'allWeek':
        return holidays.map((h) => ({
          timeZone,
          week: Object.fromEntries(weekdays.map((d) => [d, [['00:00', '24:00']]])),
          ...(h.length > 0 ? { holidays: h } : {}),
        }));
      case 'overridesOnly':
        return fc.record({ holidays, overrides: overrides(1) }).map(({ holidays: h, overrides: o }) => ({
          timeZone,
          week: {},
          ...(h.length > 0 ? { holidays: h } : {}),
          overrides: o,
        }));
      case 'weekly':
        return fc
          .record({ week: weekArb(withSeconds), holidays, overrides: overrides(0) })
          .map(({ week, holidays: h, overrides: o }) => ({
            timeZone,
            week,
            ...(h.length > 0 ? { holidays: h } : {}),
            ...(o.length > 0 ? { overrides: o } : {}),
          }));
    }
  });
}

/** Whether any time in the calendar has a non-zero seconds part. */
export function hasSeconds(spec: CalendarSpec): boolean {
  if (spec === '24/7') return false;
  const all = [...Object.values(spec.week), ...(spec.overrides ?? []).map((o) => o.hours)];
  return all.some((hours) => (hours ?? []).some((iv) => iv.some((t) => secondsOf(t) % 60 !== 0)));
}

const uniformMinuteArb = fc
  .integer({ min: firstInstantMs / msPerMinute, max: lastInstantMs / msPerMinute })
  .map((m) => m * msPerMinute);

/** A transition of the zone (mostly) or a random minute in 1980-2035. */
export function anchorArb(timeZone: string): fc.Arbitrary<number> {
  const transitions = transitionsOf(timeZone);
  if (transitions.length === 0) return uniformMinuteArb;
  return fc.oneof(
    { arbitrary: fc.constantFrom(...transitions), weight: 4 },
    { arbitrary: uniformMinuteArb, weight: 1 },
  );
}

export interface ScenarioOptions {
  /** Whether calendars may have `HH:MM:SS` times: never (default), sometimes (1 in 5), or always. */
  readonly seconds?: 'never' | 'sometimes' | 'always';
}

function scenarioIn(
  timeZone: string,
  anchor: fc.Arbitrary<number>,
  options: ScenarioOptions,
): fc.Arbitrary<Scenario> {
  const seconds = options.seconds ?? 'never';
  const withSeconds =
    seconds === 'never'
      ? fc.constant(false)
      : seconds === 'always'
        ? fc.constant(true)
        : fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 });
  return fc.tuple(anchor, withSeconds).chain(([anchorMs, secs]) =>
    specArb(timeZone, anchorMs, secs).map(
      (spec): Scenario => ({
        spec,
        timeZone,
        anchorMs,
        stepMs: hasSeconds(spec) ? msPerSecond : msPerMinute,
      }),
    ),
  );
}

/** Pacific/Apia around the date that never happened, 2011-12-30. */
export function apiaScenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const anchor = fc.integer({ min: -36, max: 36 }).map((h) => apiaSkipMs + h * msPerHour);
  return scenarioIn('Pacific/Apia', anchor, options);
}

/** A zone, an anchor near one of its transitions (or anywhere), and a calendar built around it. */
export function scenarioArb(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const anyZone = fc
    .constantFrom(...zones)
    .chain((timeZone) => scenarioIn(timeZone, anchorArb(timeZone), options));
  return fc.oneof({ arbitrary: anyZone, weight: 12 }, { arbitrary: apiaScenarioArb(options), weight: 1 });
}

/**
 * An instant within `radiusMs` of `anchorMs`: on a whole minute (where interval bounds and
 * transitions fall), a millisecond either side of one, or anywhere.
 */
export function instantNear(anchorMs: number, radiusMs: number): fc.Arbitrary<number> {
  const radiusMinutes = Math.floor(radiusMs / msPerMinute);
  const minute = fc
    .integer({ min: -radiusMinutes, max: radiusMinutes })
    .map((m) => anchorMs + m * msPerMinute);
  return fc.oneof(
    { arbitrary: minute, weight: 3 },
    { arbitrary: fc.tuple(minute, fc.constantFrom(-1, 1)).map(([ms, d]) => ms + d), weight: 1 },
    { arbitrary: fc.integer({ min: -radiusMs, max: radiusMs }).map((d) => anchorMs + d), weight: 2 },
    {
      arbitrary: fc
        .integer({ min: -Math.floor(radiusMs / msPerSecond), max: Math.floor(radiusMs / msPerSecond) })
        .map((s) => anchorMs + s * msPerSecond),
      weight: 1,
    },
  );
}

/** Every interval bound of the calendar, as ms after local midnight. */
function boundsOf(spec: CalendarSpec): number[] {
  if (spec === '24/7') return [];
  const all = [...Object.values(spec.week), ...(spec.overrides ?? []).map((o) => o.hours)];
  return all.flatMap((hours) => (hours ?? []).flatMap((iv) => iv.map((t) => secondsOf(t) * msPerSecond)));
}

/**
 * An instant under test for a scenario: near its anchor (see `instantNear`), or near the UTC
 * instant where one of the calendar's interval bounds falls on a local date around the anchor
 * (read with the anchor's offset, so near transitions it may be an hour or so off: all the better).
 */
export function instantFor(s: Scenario, radiusMs: number): fc.Arbitrary<number> {
  const bounds = boundsOf(s.spec);
  const near = instantNear(s.anchorMs, radiusMs);
  if (bounds.length === 0) return near;
  const offsetMs = offsetMsAt(s.timeZone, s.anchorMs);
  const anchorLocalDay = Math.floor((s.anchorMs + offsetMs) / msPerDay);
  const radiusDays = Math.max(0, Math.floor(radiusMs / msPerDay) - 1);
  const jitter = fc.oneof(
    fc.constantFrom(0, 0, -1, 1, -msPerSecond, msPerSecond),
    fc.integer({ min: -120, max: 120 }).map((m) => m * msPerMinute),
    fc.integer({ min: -2 * msPerHour, max: 2 * msPerHour }),
  );
  const nearBound = fc
    .tuple(fc.constantFrom(...bounds), fc.integer({ min: -radiusDays, max: radiusDays }), jitter)
    .map(([boundMs, days, jitterMs]) => (anchorLocalDay + days) * msPerDay + boundMs - offsetMs + jitterMs);
  return fc.oneof({ arbitrary: near, weight: 3 }, { arbitrary: nearBound, weight: 2 });
}

/** A signed span of at most `maxMs`: often short, sometimes close to the maximum, sometimes 0. */
export function spanArb(maxMs: number): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.integer({ min: -maxMs, max: maxMs }), weight: 4 },
    { arbitrary: fc.integer({ min: -2 * msPerHour, max: 2 * msPerHour }), weight: 2 },
    {
      arbitrary: fc
        .integer({ min: -maxMs / msPerMinute, max: maxMs / msPerMinute })
        .map((m) => m * msPerMinute),
      weight: 2,
    },
    { arbitrary: fc.constantFrom(0, 1, -1), weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// Run settings.

/** `SLA_ORACLE_RUNS=10` runs ten times as many cases (a local soak). */
export const runScale = Math.max(1, Number(process.env.SLA_ORACLE_RUNS ?? '1') || 1);

/** fast-check parameters: `base` runs times the scale; `SLA_ORACLE_SEED` (and `SLA_ORACLE_PATH`) replay a failure. */
export function runParams<T>(base: number): fc.Parameters<T> {
  const seed = process.env.SLA_ORACLE_SEED;
  const path = process.env.SLA_ORACLE_PATH;
  return {
    numRuns: Math.round(base * runScale),
    ...(seed !== undefined && seed !== '' ? { seed: Number(seed) } : {}),
    ...(path !== undefined && path !== '' ? { path } : {}),
  };
}

/** A vitest timeout for a test whose work grows with the scale. */
export function scaledTimeoutMs(baseMs: number): number {
  return baseMs * runScale;
}
