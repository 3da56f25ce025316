import type { Instant } from '../time/instant.js';
import { toInstantMs } from '../time/instant.js';
import { type Calendar, timelineOf } from './calendar.js';

/**
 * Whether the calendar is open at an instant: its wall-clock time in the calendar's zone falls
 * in the hours of its local date, or in the overnight part of the previous date's.
 *
 * @example
 * // Monday 2026-03-02 09:30 in New York, on a Mon-Fri 09:00-17:00 calendar
 * isOpen(nineToFive, '2026-03-02T14:30:00Z') //=> true
 */
export function isOpen(cal: Calendar, at: Instant): boolean {
  const timeline = timelineOf(cal);
  return timeline.isOpenAt(toInstantMs(at, 'at'));
}
