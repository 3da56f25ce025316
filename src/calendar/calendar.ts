/** The compiled calendar: an opaque, immutable value that the calendar functions search. */
import { fail } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import type { Timeline } from './timeline.js';

/** Days of the week as they appear in a calendar's `week`. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** `[start, end]` wall-clock times (`"HH:MM"` or `"HH:MM:SS"`); an end before its start runs past midnight. */
export type Interval = readonly [start: string, end: string];

/** Business hours as a host writes them (docs/calendar.md, "The definition"). */
export type CalendarSpec =
  | '24/7'
  | {
      readonly timeZone: string;
      readonly week: Readonly<Partial<Record<Weekday, readonly Interval[]>>>;
      readonly holidays?: readonly string[];
      readonly overrides?: readonly { readonly date: string; readonly hours: readonly Interval[] }[];
    };

// A registered symbol: a calendar compiled by the ESM copy of the library works with the CJS copy.
export const timelineKey: unique symbol = Symbol.for('sla-clock.calendar.timeline') as never;

/**
 * A calendar compiled by `compileCalendar`: validated once, immutable, safe to share between
 * any number of queries. Its open intervals are built lazily and cached inside it.
 */
export interface Calendar {
  /** The IANA zone the hours are read in; `null` for `"24/7"`. */
  readonly timeZone: string | null;
  /** The validated spec it was compiled from (a frozen copy). */
  readonly spec: CalendarSpec;
  /** @internal */
  readonly [timelineKey]: Timeline;
}

/**
 * The timeline inside a compiled calendar; throws `SlaValidationError` for anything else
 * (a raw spec passed where a compiled calendar is expected, say).
 */
export function timelineOf(cal: Calendar): Timeline {
  const timeline = (cal as Partial<Calendar> | null | undefined)?.[timelineKey];
  if (typeof timeline !== 'object' || timeline === null)
    fail('invalid_type', [], expectedGot('cal', [], expected.compiledCalendar, cal));
  return timeline;
}
