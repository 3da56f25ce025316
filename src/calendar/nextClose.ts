import type { Instant } from '../time/instant.js';
import { toInstantMs } from '../time/instant.js';
import { type Calendar, timelineOf } from './calendar.js';

/**
 * The end of the open stretch containing `at`: `at` itself when closed, `null` when the calendar
 * never closes (`"24/7"`). Stretches that run on across midnight or a DST transition are
 * followed to their real end.
 *
 * @example
 * // Monday 2026-03-02 10:00 New York -> 17:00 EST
 * nextClose(nineToFive, '2026-03-02T15:00:00Z') //=> 1772488800000
 */
export function nextClose(cal: Calendar, at: Instant): number | null {
  const timeline = timelineOf(cal);
  return timeline.nextCloseAt(toInstantMs(at, 'at'));
}
