import type { Instant } from '../time/instant.js';
import { toInstantMs } from '../time/instant.js';
import { type Calendar, timelineOf } from './calendar.js';

/**
 * Business time in ms between two instants: the real time during which the calendar is open in
 * `[from, to)`. Reversed spans give the negated result, so spans add up:
 * `between(a, b) + between(b, c) === between(a, c)` for any order of a, b, c.
 *
 * @example
 * // Friday 16:00 to Monday 10:00 in New York on Mon-Fri 09:00-17:00: 1 h + 1 h
 * businessTimeBetween(nineToFive, '2026-03-06T21:00:00Z', '2026-03-09T14:00:00Z') //=> 7200000
 */
export function businessTimeBetween(cal: Calendar, from: Instant, to: Instant): number {
  const timeline = timelineOf(cal);
  const fromMs = toInstantMs(from, 'from');
  const toMs = toInstantMs(to, 'to');
  return timeline.positionAt(toMs) - timeline.positionAt(fromMs);
}
