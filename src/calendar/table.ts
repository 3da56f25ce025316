/**
 * `calendarTable`: a compiled calendar's open stretches over a range, with running totals, as
 * rows a warehouse can load (docs/warehouse.md). Business time between two instants of the range
 * is then a lookup and a subtraction in SQL, with no calendar logic and no spine of weeks there.
 */
import { checkObject } from '../arguments.js';
import { fail } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import { formatInstant, type Instant, toInstantMs } from '../time/instant.js';
import { type Calendar, timelineOf } from './calendar.js';

/** The range of a calendar table: `[from, to)`, two instants in any accepted form. */
export interface CalendarTableRange {
  readonly from: Instant;
  readonly to: Instant;
}

/** One open stretch of a calendar table; epoch ms and ms. */
export interface CalendarTableRow {
  /** Where the stretch opens (the range's `from` if the calendar is open there). */
  readonly openFrom: number;
  /** Where it closes (the range's `to` if it is still open there); `openTo > openFrom`. */
  readonly openTo: number;
  /** Open ms from the range's `from` to `openFrom`: 0 on the first row. */
  readonly openBefore: number;
}

/**
 * Rows one call returns at most. A working-hours calendar has about 260 stretches a year and
 * one open around the clock a single stretch, so the whole supported range (1900 to 2200) fits
 * easily (78,528 rows for Mon-Fri 09:00-17:00 in New York); only calendars with many short intervals a day
 * over decades reach it. A row costs about 110 bytes of heap (measured in Node 20), so the rows
 * of one call stay under about 110 MB; the calendar's own intervals for the range are what
 * `businessTimeBetween` over the same range builds too.
 */
export const maxCalendarTableRows = 1_000_000;

/**
 * The open stretches of `cal` in `[from, to)`, clipped to the range and merged where they touch
 * (an overnight shift that runs past midnight, or hours that go on across a DST change, is one
 * row), in time order, as `{ openFrom, openTo, openBefore }` rows. `openBefore` is the open time
 * from `from` to `openFrom`, so that for any `t` in `[from, to]`
 * `businessTimeBetween(cal, from, t)` is `openBefore + clamp(t - openFrom, 0, openTo - openFrom)`
 * on the last row with `openFrom <= t` (0 before the first row), and business time between two
 * such instants is the difference: docs/warehouse.md has the SQL.
 *
 * `"24/7"` gives one row, a calendar that is never open none, `from = to` none. The rows are
 * read off the calendar's precomputed open intervals; no time zone is consulted per row.
 *
 * Throws `SlaValidationError` for a `cal` that compileCalendar did not return, a `from` or `to`
 * that is not an instant from 1900 to 2200, `to` before `from`, or more than
 * `maxCalendarTableRows` (1,000,000) rows: ask for a shorter range.
 *
 * @example
 * // Mon-Fri 09:00-17:00 New York, Friday 2026-03-06 12:00 EST to Tuesday 00:00 EDT:
 * // Friday 12:00-17:00 EST, then Monday 09:00-17:00 EDT (DST began on Sunday)
 * calendarTable(nineToFive, { from: '2026-03-06T17:00:00Z', to: '2026-03-10T04:00:00Z' })
 * //=> [ { openFrom: 1772816400000, openTo: 1772834400000, openBefore: 0 },
 * //     { openFrom: 1773061200000, openTo: 1773090000000, openBefore: 18000000 } ]
 */
export function calendarTable(cal: Calendar, options: CalendarTableRange): CalendarTableRow[] {
  const timeline = timelineOf(cal);
  checkObject(options, 'options', expected.tableOptions);
  const fromMs = toInstantMs(options.from, 'options', ['from']);
  const to: unknown = options.to;
  const toMs = toInstantMs(to, 'options', ['to']);
  if (toMs < fromMs)
    fail(
      'invalid_value',
      ['to'],
      expectedGot('options', ['to'], expected.tableToAfterFrom(formatInstant(fromMs)), to),
    );

  const rows: CalendarTableRow[] = [];
  let openBeforeMs = 0;
  let cursorMs = fromMs;
  // Invariant: the rows cover every open instant of [fromMs, cursorMs), and openBeforeMs is their total.
  // Both searches stop at `to`: a calendar open only on a few dates, or a stretch open for years,
  // builds no intervals past the range.
  while (cursorMs < toMs) {
    const openMs = timeline.nextOpenAt(cursorMs, toMs);
    if (openMs === null || openMs >= toMs) break;
    // The timeline's stretches are disjoint and never touch (a stretch split at a chunk bound
    // is followed to its real end), so each one is a row of its own, already merged.
    const closeMs = timeline.nextCloseAt(openMs, toMs);
    const openToMs = closeMs === null ? toMs : Math.min(closeMs, toMs);
    if (rows.length === maxCalendarTableRows)
      fail(
        'out_of_range',
        ['to'],
        expectedGot('options', ['to'], expected.tableRows(maxCalendarTableRows, formatInstant(fromMs)), to),
      );
    rows.push({ openFrom: openMs, openTo: openToMs, openBefore: openBeforeMs });
    openBeforeMs += openToMs - openMs;
    cursorMs = openToMs;
  }
  return rows;
}
