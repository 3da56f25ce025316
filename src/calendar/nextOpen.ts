import type { Instant } from '../time/instant.js';
import { toInstantMs } from '../time/instant.js';
import { type Calendar, timelineOf } from './calendar.js';

/**
 * The first instant at or after `at` when the calendar is open: `at` itself when open, `null`
 * when it never opens again.
 *
 * @example
 * // Saturday 2026-03-07 12:00 New York -> Monday 09:00 EDT (DST began on Sunday)
 * nextOpen(nineToFive, '2026-03-07T17:00:00Z') //=> 1773061200000
 */
export function nextOpen(cal: Calendar, at: Instant): number | null {
  const timeline = timelineOf(cal);
  return timeline.nextOpenAt(toInstantMs(at, 'at'));
}
