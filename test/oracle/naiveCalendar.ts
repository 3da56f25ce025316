/**
 * The calendar contract of SPEC.md section 3 (and the holiday entries of section 10.5), written as
 * literally and as slowly as possible so that the fast engine in src/calendar can be held to it. It
 * shares no code with src/ (not even types: the calendar spec is typed below): its own date
 * arithmetic, its own time parsing, and `Intl` asked for the wall clock of every instant it looks
 * at.
 *
 * Holidays (SPEC 10.5) are read entry by entry for each date asked about: a date is closed when it
 * is an entry's date, has an entry's month and day, or lies in an entry's range.
 *
 * Queries over spans walk time in fixed UTC steps (a minute, or a second for calendars written
 * with seconds). Within one step the open state cannot change, because:
 * - every interval bound of the calendar is a whole number of steps after local midnight
 *   (checked: `assertSteppable`), and
 * - the zone's offset is a whole number of steps and constant inside the step. Every zone we use
 *   has had whole-minute offsets and transitions on whole minutes since 1972 (Monrovia's -0:44:30
 *   was the last oddity), so never step through dates before 1972. The wall clock of each step's
 *   start is checked to be a whole number of steps (`wallClockOfStep`), which catches an offset
 *   that is not.
 * So the wall clock inside a step is the wall clock of its start plus the elapsed ms, and all of
 * those fall inside one step of the local day, which no interval bound splits.
 */

// The calendar spec as SPEC.md sections 3 and 10.5 write it, typed here rather than imported, so
// that this file stays what the SPEC says whatever src/ does to its own types. (src's
// `CalendarSpec` is assignable to it.)
export type NaiveWeekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type NaiveInterval = readonly [start: string, end: string];
/**
 * SPEC 10.5: `"2026-12-25"` (that date), `"--12-25"` (that month-day every year; `"--02-29"` only
 * in leap years) or `"2026-12-24/2026-12-31"` (every date of the inclusive range).
 */
export type HolidayEntry = string;
export interface NaiveZonedSpec {
  readonly timeZone: string;
  readonly week: Readonly<Partial<Record<NaiveWeekday, readonly NaiveInterval[]>>>;
  readonly holidays?: readonly HolidayEntry[];
  readonly overrides?: readonly { readonly date: string; readonly hours: readonly NaiveInterval[] }[];
}
export type NaiveCalendarSpec = '24/7' | NaiveZonedSpec;

type ZonedSpec = NaiveZonedSpec;
type CalendarSpec = NaiveCalendarSpec;
type Weekday = NaiveWeekday;
type Hours = readonly NaiveInterval[];

/** What a bounded search returns when it reached its bound without an answer. */
export const notFound = 'not-found-within-bound';
export type NotFound = typeof notFound;

export const msPerSecond = 1000;
export const msPerMinute = 60 * msPerSecond;
export const msPerHour = 60 * msPerMinute;
export const msPerDay = 24 * msPerHour;

/** Search options: the step (a minute or a second) and how far from the start to look. */
export interface SearchOptions {
  readonly stepMs?: number;
  /** Real ms to search before giving up with `notFound`; default 8 days. */
  readonly searchMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Civil dates, by counting: days before the year, before the month, and the day of the month.

const daysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 of a Gregorian date (month 1-12). */
export function dayNumberOf(year: number, month: number, day: number): number {
  const yearsBefore = year - 1;
  // Days from 0001-01-01 to the first day of `year`.
  const daysBeforeYear =
    365 * yearsBefore +
    Math.floor(yearsBefore / 4) -
    Math.floor(yearsBefore / 100) +
    Math.floor(yearsBefore / 400);
  const dayOfYear =
    (daysBeforeMonth[month - 1] as number) + (month > 2 && isLeapYear(year) ? 1 : 0) + day - 1;
  // 0001-01-01 is 719162 days before 1970-01-01.
  return daysBeforeYear + dayOfYear - 719162;
}

/** Day number of a `"YYYY-MM-DD"` date. */
export function dayNumberOfText(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return dayNumberOf(year as number, month as number, day as number);
}

/** The Gregorian date of a day number, found by counting back from the day numbers of firsts. */
export function civilDateOf(dayNumber: number): { year: number; month: number; day: number } {
  let year = 1970 + Math.floor(dayNumber / 366);
  while (dayNumberOf(year + 1, 1, 1) <= dayNumber) year += 1;
  while (dayNumberOf(year, 1, 1) > dayNumber) year -= 1;
  let month = 12;
  while (dayNumberOf(year, month, 1) > dayNumber) month -= 1;
  return { year, month, day: dayNumber - dayNumberOf(year, month, 1) + 1 };
}

/**
 * Whether local date `dayNumber` is one a holiday entry closes (SPEC 10.5): `"YYYY-MM-DD"` that
 * date; `"--MM-DD"` that month and day in every year (so `"--02-29"` only in leap years: other
 * years have no such date); `"A/B"` every date from A to B, both included.
 */
export function holidayEntryCloses(entry: HolidayEntry, dayNumber: number): boolean {
  const slash = entry.indexOf('/');
  if (slash !== -1) {
    // AMBIGUITY: a range's two ends are full dates ("2026-12-24/2026-12-31", the SPEC's only
    // example); a yearly range such as "--12-24/--12-31" is not read.
    const from = dayNumberOfText(entry.slice(0, slash));
    const to = dayNumberOfText(entry.slice(slash + 1));
    return from <= dayNumber && dayNumber <= to;
  }
  if (entry.startsWith('--')) {
    const [month, day] = entry.slice(2).split('-').map(Number);
    const date = civilDateOf(dayNumber);
    return date.month === month && date.day === day;
  }
  return dayNumberOfText(entry) === dayNumber;
}

// 1970-01-01 was a Thursday.
const weekdayFromThursday: readonly Weekday[] = ['thu', 'fri', 'sat', 'sun', 'mon', 'tue', 'wed'];

/** The weekday of a day number. */
export function weekdayOf(dayNumber: number): Weekday {
  return weekdayFromThursday[((dayNumber % 7) + 7) % 7] as Weekday;
}

/** `"HH:MM"` or `"HH:MM:SS"` as ms after local midnight (`"24:00"` is the end of the day). */
export function timeOfDayMsOf(text: string): number {
  const [hour, minute, second = 0] = text.split(':').map(Number);
  return (hour as number) * msPerHour + (minute as number) * msPerMinute + second * msPerSecond;
}

// ---------------------------------------------------------------------------------------------
// Wall clocks, from Intl.

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** A wall clock: the local date (as a day number) and the ms since that date's midnight. */
export interface WallClock {
  readonly dayNumber: number;
  readonly timeOfDayMs: number;
}

/** The wall clock of `ms` in `timeZone`, as `Intl` shows it, plus the ms Intl leaves out. */
export function wallClockAt(timeZone: string, ms: number): WallClock {
  const parts = formatFor(timeZone).formatToParts(ms);
  const field = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    if (part === undefined) throw new Error(`oracle: Intl gave no ${type} for ${ms} in ${timeZone}`);
    return Number(part.value);
  };
  const hour = field('hour');
  if (hour > 23) throw new Error(`oracle: Intl gave hour ${hour} for ${ms} in ${timeZone}`);
  const msOfSecond = ((ms % msPerSecond) + msPerSecond) % msPerSecond;
  return {
    dayNumber: dayNumberOf(field('year'), field('month'), field('day')),
    timeOfDayMs:
      hour * msPerHour + field('minute') * msPerMinute + field('second') * msPerSecond + msOfSecond,
  };
}

/** The zone's offset at `ms` (wall clock minus UTC), in ms. */
export function offsetMsAt(timeZone: string, ms: number): number {
  const wall = wallClockAt(timeZone, ms);
  return wall.dayNumber * msPerDay + wall.timeOfDayMs - ms;
}

// Step starts are looked at again and again (a span, then an add over the same span): remember
// Intl's answers. A memo only; cleared when it grows large.
const stepWallClocks = new Map<string, Map<number, WallClock>>();

function wallClockOfStep(timeZone: string, stepStartMs: number, stepMs: number): WallClock {
  let memo = stepWallClocks.get(timeZone);
  if (memo === undefined) {
    memo = new Map();
    stepWallClocks.set(timeZone, memo);
  }
  let wall = memo.get(stepStartMs);
  if (wall === undefined) {
    wall = wallClockAt(timeZone, stepStartMs);
    if (memo.size > 1_000_000) memo.clear();
    memo.set(stepStartMs, wall);
  }
  if (wall.timeOfDayMs % stepMs !== 0) {
    throw new Error(
      `oracle: the offset of ${timeZone} at ${stepStartMs} is not a whole number of ${stepMs} ms steps`,
    );
  }
  return wall;
}

// ---------------------------------------------------------------------------------------------
// The definition.

/** An interval as ms after local midnight: `[a, b]`, overnight when `b < a`. */
type Bounds = readonly [a: number, b: number];

/** A spec with its dates as day numbers and its times as ms, read once (a memo: same meaning). */
interface ReadSpec {
  readonly week: ReadonlyMap<Weekday, readonly Bounds[]>;
  readonly holidays: readonly HolidayEntry[];
  /** Dates already judged against `holidays` (a memo: same answer every time). */
  readonly closedDates: Map<number, boolean>;
  readonly overrides: ReadonlyMap<number, readonly Bounds[]>;
}

const readSpecs = new WeakMap<ZonedSpec, ReadSpec>();

function read(spec: ZonedSpec): ReadSpec {
  let done = readSpecs.get(spec);
  if (done === undefined) {
    const bounds = (hours: Hours): Bounds[] =>
      hours.map(([start, end]) => [timeOfDayMsOf(start), timeOfDayMsOf(end)]);
    done = {
      week: new Map(Object.entries(spec.week).map(([day, hours]) => [day as Weekday, bounds(hours ?? [])])),
      holidays: spec.holidays ?? [],
      closedDates: new Map(),
      // SPEC: one override per date (compileCalendar rejects duplicates).
      overrides: new Map((spec.overrides ?? []).map((o) => [dayNumberOfText(o.date), bounds(o.hours)])),
    };
    readSpecs.set(spec, done);
  }
  return done;
}

/** Whether some holiday entry of the calendar closes local date `dayNumber`. */
export function isHoliday(spec: ZonedSpec, dayNumber: number): boolean {
  const { holidays, closedDates } = read(spec);
  let closed = closedDates.get(dayNumber);
  if (closed === undefined) {
    // SPEC 10.5: "A calendar's closed dates are the union of its holidays and of every named set
    // (duplicates and overlaps are harmless)." (Named sets are merged into `holidays` by the
    // engine, naiveEngine.ts, before a calendar reaches this file.)
    closed = holidays.some((entry) => holidayEntryCloses(entry, dayNumber));
    if (closedDates.size > 100_000) closedDates.clear();
    closedDates.set(dayNumber, closed);
  }
  return closed;
}

/** `hours(D)`: the override for D if any, else nothing on a holiday, else the weekday's hours. */
export function hoursOn(spec: ZonedSpec, dayNumber: number): readonly Bounds[] {
  const { week, overrides } = read(spec);
  // SPEC 10.5: "Overrides still win over holidays on the same date."
  const override = overrides.get(dayNumber);
  if (override !== undefined) return override;
  if (isHoliday(spec, dayNumber)) return [];
  return week.get(weekdayOf(dayNumber)) ?? [];
}

/** Whether wall-clock time `w` (ms after midnight) on local date `dayNumber` is open. */
export function isOpenAtWallClock(spec: ZonedSpec, dayNumber: number, w: number): boolean {
  for (const [a, b] of hoursOn(spec, dayNumber)) {
    // [a, b) on D; an overnight interval covers [a, 24:00) on D.
    if (b > a && a <= w && w < b) return true;
    if (b < a && w >= a) return true;
  }
  // The after-midnight part [00:00, b) of the previous date's overnight intervals.
  for (const [a, b] of hoursOn(spec, dayNumber - 1)) {
    if (b < a && w < b) return true;
  }
  return false;
}

/** Whether the calendar is open at instant `ms`. */
export function naiveIsOpen(spec: CalendarSpec, ms: number): boolean {
  if (spec === '24/7') return true;
  const wall = wallClockAt(spec.timeZone, ms);
  return isOpenAtWallClock(spec, wall.dayNumber, wall.timeOfDayMs);
}

/** Throws unless every interval bound of the calendar is a whole number of steps. */
export function assertSteppable(spec: CalendarSpec, stepMs: number): void {
  if (spec === '24/7') return;
  const all = [...Object.values(spec.week), ...(spec.overrides ?? []).map((o) => o.hours)];
  for (const hours of all) {
    for (const interval of hours ?? []) {
      for (const text of interval) {
        if (timeOfDayMsOf(text) % stepMs !== 0)
          throw new Error(`oracle: ${text} is not a whole ${stepMs} ms step`);
      }
    }
  }
}

function isOpenDuringStep(spec: ZonedSpec, stepStartMs: number, stepMs: number): boolean {
  const wall = wallClockOfStep(spec.timeZone, stepStartMs, stepMs);
  return isOpenAtWallClock(spec, wall.dayNumber, wall.timeOfDayMs);
}

/**
 * Where open instants can lie at all when the week has no hours: only around the dates whose
 * override has hours. A local date is within a day of the UTC date (offsets are under 24 h), and an
 * overnight interval reaches one date further, so date D's hours fall in UTC days D-1 to D+2.
 * `undefined` when the week has hours (then every week is open somewhere).
 */
function openRangeWithoutWeek(spec: ZonedSpec): { readonly loMs: number; readonly hiMs: number } | undefined {
  if (Object.values(spec.week).some((hours) => hours !== undefined && hours.length > 0)) return undefined;
  const days = (spec.overrides ?? []).filter((o) => o.hours.length > 0).map((o) => dayNumberOfText(o.date));
  if (days.length === 0) return { loMs: Number.POSITIVE_INFINITY, hiMs: Number.NEGATIVE_INFINITY };
  return { loMs: (Math.min(...days) - 1) * msPerDay, hiMs: (Math.max(...days) + 3) * msPerDay };
}

function stepStartOf(ms: number, stepMs: number): number {
  return Math.floor(ms / stepMs) * stepMs;
}

const maxSteps = 5_000_000;

function checkStepCount(spanMs: number, stepMs: number): void {
  if (spanMs / stepMs > maxSteps)
    throw new Error(`oracle: ${spanMs} ms is too long to walk in ${stepMs} ms steps`);
}

/**
 * Business time in `[fromMs, toMs)`: the real ms during which the calendar is open, summed step by
 * step (partial first and last steps counted exactly); negated when `toMs < fromMs`.
 */
export function naiveBetween(spec: CalendarSpec, fromMs: number, toMs: number, stepMs = msPerMinute): number {
  // 0 - x rather than -x: an empty reversed span is 0, not -0.
  if (toMs < fromMs) return 0 - naiveBetween(spec, toMs, fromMs, stepMs);
  if (spec === '24/7') return toMs - fromMs;
  assertSteppable(spec, stepMs);
  checkStepCount(toMs - fromMs, stepMs);
  let openMs = 0;
  for (let t = fromMs; t < toMs; ) {
    const stepStartMs = stepStartOf(t, stepMs);
    const nextMs = Math.min(toMs, stepStartMs + stepMs);
    if (isOpenDuringStep(spec, stepStartMs, stepMs)) openMs += nextMs - t;
    t = nextMs;
  }
  return openMs;
}

/**
 * `addBusinessTime` by walking: for `ms > 0` the earliest t with `naiveBetween(from, t) = ms`; for
 * `ms < 0` the latest t <= from with `naiveBetween(t, from) = -ms`; `from` for 0; `null` when the
 * calendar provably has not that much open time left (an empty week whose overrides are behind);
 * `notFound` when the answer is not within `searchMs` of `from`: it is then null or beyond
 * `from + searchMs` (`ms > 0`) or before `from - searchMs` (`ms < 0`).
 */
export function naiveAdd(
  spec: CalendarSpec,
  fromMs: number,
  ms: number,
  options: SearchOptions = {},
): number | null | NotFound {
  const { stepMs = msPerMinute, searchMs = 8 * msPerDay } = options;
  if (ms === 0) return fromMs;
  if (spec === '24/7') return fromMs + ms;
  assertSteppable(spec, stepMs);
  checkStepCount(searchMs, stepMs);
  const range = openRangeWithoutWeek(spec);
  let openMs = 0;
  if (ms > 0) {
    for (let t = fromMs; t < fromMs + searchMs; ) {
      if (range !== undefined && t >= range.hiMs) return null;
      const stepStartMs = stepStartOf(t, stepMs);
      const nextMs = stepStartMs + stepMs;
      if (isOpenDuringStep(spec, stepStartMs, stepMs)) {
        // Open throughout [t, nextMs): business time grows one for one.
        if (openMs + (nextMs - t) >= ms) return t + (ms - openMs);
        openMs += nextMs - t;
      }
      t = nextMs;
    }
    return notFound;
  }
  for (let t = fromMs; t > fromMs - searchMs; ) {
    if (range !== undefined && t <= range.loMs) return null;
    // The step holding t - 1, walked back from t.
    const stepStartMs = stepStartOf(t - 1, stepMs);
    if (isOpenDuringStep(spec, stepStartMs, stepMs)) {
      if (openMs + (t - stepStartMs) >= -ms) return t - (-ms - openMs);
      openMs += t - stepStartMs;
    }
    t = stepStartMs;
  }
  return notFound;
}

/**
 * The first open instant at or after `atMs`; `null` when the calendar provably never opens again;
 * `notFound` when none lies in `[atMs, atMs + searchMs)` (the answer is then null or later).
 */
export function naiveNextOpen(
  spec: CalendarSpec,
  atMs: number,
  options: SearchOptions = {},
): number | null | NotFound {
  const { stepMs = msPerMinute, searchMs = 8 * msPerDay } = options;
  if (spec === '24/7') return atMs;
  assertSteppable(spec, stepMs);
  checkStepCount(searchMs, stepMs);
  const range = openRangeWithoutWeek(spec);
  for (let t = atMs; t < atMs + searchMs; ) {
    if (range !== undefined && t >= range.hiMs) return null;
    const stepStartMs = stepStartOf(t, stepMs);
    if (isOpenDuringStep(spec, stepStartMs, stepMs)) return t;
    t = stepStartMs + stepMs;
  }
  return notFound;
}

/**
 * The end of the open stretch holding `atMs`: the first closed instant at or after it (`atMs`
 * itself when closed); `null` for `"24/7"`; `notFound` when the calendar is open throughout
 * `[atMs, atMs + searchMs)` (the answer is then null or later).
 */
export function naiveNextClose(
  spec: CalendarSpec,
  atMs: number,
  options: SearchOptions = {},
): number | null | NotFound {
  const { stepMs = msPerMinute, searchMs = 8 * msPerDay } = options;
  if (spec === '24/7') return null;
  assertSteppable(spec, stepMs);
  checkStepCount(searchMs, stepMs);
  for (let t = atMs; t < atMs + searchMs; ) {
    const stepStartMs = stepStartOf(t, stepMs);
    if (!isOpenDuringStep(spec, stepStartMs, stepMs)) return t;
    t = stepStartMs + stepMs;
  }
  return notFound;
}
