/**
 * The due instant `E` of a `{ businessDays, by?, cutoff? }` target (docs/policy.md, "Targets"): which
 * local dates are open days, which one an open instant belongs to, and where the k-th one ends
 * or reads `by`.
 *
 * Everything is read from local dates and the chunks' stretches of constant offset, never from
 * `Intl`: an instant t is covered by the local interval `[A, B)` (ms since the epoch's local
 * midnight) when `A <= t + offset(t) < B`, so on a stretch of offset o the covered instants are
 * `[A - o, B - o)` clipped to the stretch. That is the chunks' own rule, so what is open here is
 * exactly what `isOpen` says.
 */

import { msPerDay } from '../time/units.js';
import { type Chunk, horizonEndMs } from './chunk.js';
import type { DayHours } from './localHours.js';
import { lastAtOrBefore } from './search.js';

/** What the computation needs from a zoned calendar (a `ZonedTimeline` provides it). */
export interface ZonedDays {
  /** `hours(D)` of local date `dayNumber` (docs/calendar.md, "The definition"). */
  hoursOfDay(dayNumber: number): DayHours;
  /** The chunk holding `ms` (the first or last chunk for an instant outside the horizon), built if needed. */
  chunkHolding(ms: number): Chunk;
  nextOpenAt(ms: number): number | null;
  nextCloseAt(ms: number): number | null;
}

/**
 * After this many closed dates in a row the walk asks the timeline for the next open instant
 * instead of testing dates one by one (a holiday season, a calendar closed for months). Three
 * would do (see `nextOpenDay`); a week keeps ordinary weekends on the cheap path.
 */
const closedDaysBeforeJump = 7;

/**
 * `E` on a zoned calendar, from a cycle start `startMs`: `null` when the calendar never opens at
 * or after it. `byMs` and `cutoffMs` are ms after local midnight (`"24:00"` is `msPerDay`).
 *
 * @example
 * // Mon-Fri 09:00-17:00 New York, start Monday 2026-03-02 11:00 EST, { businessDays: 1 }
 * zonedBusinessDayDueAt(nineToFiveTimeline, Date.UTC(2026, 2, 2, 16), 1, null, null)
 * //=> 1772575200000 (Tuesday 2026-03-03 17:00 EST)
 */
export function zonedBusinessDayDueAt(
  days: ZonedDays,
  startMs: number,
  businessDays: number,
  byMs: number | null,
  cutoffMs: number | null,
): number | null {
  const openMs = days.nextOpenAt(startMs);
  if (openMs === null) return null;
  const offsets = new OffsetCursor(days);
  offsets.seek(openMs);
  const openLocalMs = openMs + offsets.offsetMs;
  let day = businessDayOf(days, openLocalMs);
  // The wall clock of s' read on its business day's own date: past 24:00 in an after-midnight
  // part, so later than every cutoff; "24:00" itself never adds a day.
  const addsDay = cutoffMs !== null && cutoffMs < msPerDay && openLocalMs - day * msPerDay >= cutoffMs;
  const dayCount = businessDays + (addsDay ? 1 : 0);
  for (let i = 0; i < dayCount; i++) {
    const next = nextOpenDay(days, offsets, day);
    if (Number.isNaN(next)) return lastCloseAfter(days, offsets, day);
    day = next;
  }
  if (byMs === null) return dayCoverageEndMs(days, offsets, day);
  for (;;) {
    const dueMs = firstInstantReaching(offsets, day * msPerDay + byMs);
    if (dueMs >= openMs) return dueMs;
    // Only D_0 (or D_1, when s' is in an after-midnight part) reads `by` before s'.
    const next = nextOpenDay(days, offsets, day);
    if (Number.isNaN(next)) return lastCloseAfter(days, offsets, day);
    day = next;
  }
}

/**
 * `E` on `"24/7"`, where every UTC date is an open day that ends at 24:00 UTC.
 *
 * @example
 * // Start 2026-03-02 15:00Z, { businessDays: 0, by: "12:00" }: 12:00 has passed, so the next day's
 * alwaysOpenBusinessDayDueAt(Date.UTC(2026, 2, 2, 15), 0, 12 * 3_600_000, null) //=> 1772539200000
 */
export function alwaysOpenBusinessDayDueAt(
  startMs: number,
  businessDays: number,
  byMs: number | null,
  cutoffMs: number | null,
): number {
  const startDay = Math.floor(startMs / msPerDay);
  const addsDay = cutoffMs !== null && cutoffMs < msPerDay && startMs - startDay * msPerDay >= cutoffMs;
  const day = startDay + businessDays + (addsDay ? 1 : 0);
  if (byMs === null) return (day + 1) * msPerDay;
  const dueMs = day * msPerDay + byMs;
  // Only the start's own date can read `by` before the start; the next date's reading is after it.
  return dueMs < startMs ? dueMs + msPerDay : dueMs;
}

/**
 * The business day of an open instant whose wall clock is `localMs` (local ms since the epoch):
 * its own date, or the date before when that date's overnight interval covers it (docs/policy.md, "Targets": the
 * earlier date when both do).
 */
function businessDayOf(days: ZonedDays, localMs: number): number {
  const localDay = Math.floor(localMs / msPerDay);
  const hours = days.hoursOfDay(localDay - 1);
  // Past midnight, the previous date's wall clock reads 24:00 and more.
  const previousWallMs = localMs - (localDay - 1) * msPerDay;
  for (let i = 1; i < hours.length; i += 2) {
    if ((hours[i - 1] as number) <= previousWallMs && previousWallMs < (hours[i] as number))
      return localDay - 1;
  }
  return localDay;
}

/**
 * The first open day after `afterDay`, or `NaN` when the calendar closes for good (or stays
 * closed to the horizon) first.
 */
function nextOpenDay(days: ZonedDays, offsets: OffsetCursor, afterDay: number): number {
  // The last date walked: its coverage lies within three days after its midnight in UTC (two for
  // an overnight interval, one for the offset), so before the horizon. Past it the calendar
  // counts as closed for good, as an answer beyond the year 3000 is "never".
  const lastWalkedDay = horizonEndMs / msPerDay - 3;
  let closedRun = 0;
  for (let day = afterDay + 1; day <= lastWalkedDay; day++) {
    if (isOpenDay(days, offsets, day)) return day;
    if (++closedRun < closedDaysBeforeJump) continue;
    closedRun = 0;
    // Date d covers only instants in ((d - 1) days, (d + 3) days) of UTC (its hours end within
    // two days of its midnight; offsets are under a day). With dates day-2..day closed, the first
    // open instant p at or after `day` days of UTC is covered by dates after `day` only, and a
    // date before p's local date minus 3 cannot cover anything at or after p.
    const fromMs = day * msPerDay;
    const reopenMs = days.nextOpenAt(fromMs);
    if (reopenMs === null) return Number.NaN;
    offsets.seek(reopenMs);
    const resumeDay = Math.floor((reopenMs + offsets.offsetMs) / msPerDay) - 3;
    if (resumeDay > day + 1) day = resumeDay - 1;
  }
  return Number.NaN;
}

/** Whether local date `day` is an open day: some interval of `hours(day)` covers a real instant. */
function isOpenDay(days: ZonedDays, offsets: OffsetCursor, day: number): boolean {
  const hours = days.hoursOfDay(day);
  const midnightMs = day * msPerDay;
  for (let i = 0; i < hours.length; i += 2) {
    const endMs = coverageEndMs(
      offsets,
      midnightMs + (hours[i] as number),
      midnightMs + (hours[i + 1] as number),
    );
    if (endMs > Number.NEGATIVE_INFINITY) return true;
  }
  return false;
}

/**
 * Where the coverage of local date `day`'s own intervals ends (after the second pass of a
 * repeated hour; past midnight for an overnight interval), never merged with the next date's;
 * `-Infinity` when they cover nothing.
 */
function dayCoverageEndMs(days: ZonedDays, offsets: OffsetCursor, day: number): number {
  const hours = days.hoursOfDay(day);
  const midnightMs = day * msPerDay;
  let endMs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < hours.length; i += 2) {
    const intervalEndMs = coverageEndMs(
      offsets,
      midnightMs + (hours[i] as number),
      midnightMs + (hours[i + 1] as number),
    );
    endMs = Math.max(endMs, intervalEndMs);
  }
  return endMs;
}

/**
 * The end of the calendar's last open interval, when `lastOpenDay` is its last open day: the
 * open stretch holding the last instant that date covers, which an earlier date's overnight
 * hours may carry on.
 */
function lastCloseAfter(days: ZonedDays, offsets: OffsetCursor, lastOpenDay: number): number {
  const coveredToMs = dayCoverageEndMs(days, offsets, lastOpenDay);
  // Bounds are whole ms, so the last covered instant is one ms before the coverage ends.
  return days.nextCloseAt(coveredToMs - 1) ?? coveredToMs;
}

/**
 * The supremum of the instants covered by local `[localStartMs, localEndMs)`, `-Infinity` when it
 * covers none (it lies in a spring-forward gap, or on a date that never happened).
 */
function coverageEndMs(offsets: OffsetCursor, localStartMs: number, localEndMs: number): number {
  let endMs = Number.NEGATIVE_INFINITY;
  // Offsets are under a day, so no instant outside this window has a wall clock inside the interval.
  const stopMs = localEndMs + msPerDay;
  offsets.seek(localStartMs - msPerDay);
  for (;;) {
    const fromMs = Math.max(offsets.startMs, localStartMs - offsets.offsetMs);
    const toMs = Math.min(offsets.endMs, localEndMs - offsets.offsetMs);
    // Stretches come in time order, so a later piece always ends later.
    if (fromMs < toMs) endMs = toMs;
    if (offsets.endMs >= stopMs) return endMs;
    offsets.next();
  }
}

/**
 * The first instant whose wall clock reads `localMs` or later: Part I's rule, so a time that a
 * spring-forward skips gives the transition, and a repeated hour its first pass.
 */
function firstInstantReaching(offsets: OffsetCursor, localMs: number): number {
  // Before this no wall clock reaches `localMs` (offsets are under a day).
  offsets.seek(localMs - msPerDay);
  for (;;) {
    const atMs = Math.max(offsets.startMs, localMs - offsets.offsetMs);
    if (atMs < offsets.endMs) return atMs;
    offsets.next();
  }
}

/**
 * A position among the chunks' stretches of constant offset: `[startMs, endMs)` with `offsetMs`.
 * Outside the horizon the edge chunk's offset is kept, with an infinite stretch, so that every
 * search ends.
 */
class OffsetCursor {
  startMs = 0;
  endMs = 0;
  offsetMs = 0;
  private chunk: Chunk | null = null;
  private index = 0;
  private readonly days: ZonedDays;

  constructor(days: ZonedDays) {
    this.days = days;
  }

  /** Moves to the stretch holding `ms`. */
  seek(ms: number): void {
    let chunk = this.chunk;
    if (chunk === null || ms < chunk.startMs || ms >= chunk.endMs) chunk = this.days.chunkHolding(ms);
    const startsMs = chunk.segmentStartsMs;
    // The last stretch starting at or before `ms` (the first, before the chunk).
    this.moveTo(chunk, lastAtOrBefore(startsMs, ms));
    if (ms < chunk.startMs) this.startMs = Number.NEGATIVE_INFINITY;
    else if (ms >= chunk.endMs) this.endMs = Number.POSITIVE_INFINITY;
  }

  /** Moves to the stretch after this one. */
  next(): void {
    const chunk = this.chunk as Chunk;
    if (this.index + 1 < chunk.segmentStartsMs.length) {
      this.moveTo(chunk, this.index + 1);
      return;
    }
    const following = this.days.chunkHolding(chunk.endMs);
    if (following === chunk) {
      // Past the horizon's last chunk: its last offset holds for ever.
      this.startMs = chunk.endMs;
      this.endMs = Number.POSITIVE_INFINITY;
      return;
    }
    this.moveTo(following, 0);
  }

  private moveTo(chunk: Chunk, index: number): void {
    const startsMs = chunk.segmentStartsMs;
    this.chunk = chunk;
    this.index = index;
    this.startMs = startsMs[index] as number;
    this.endMs = index + 1 < startsMs.length ? (startsMs[index + 1] as number) : chunk.endMs;
    this.offsetMs = chunk.segmentOffsetsMs[index] as number;
  }
}
