import { fail } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import type { Instant } from '../time/instant.js';
import { toInstantMs } from '../time/instant.js';
import { type Calendar, timelineOf } from './calendar.js';

// Beyond a thousand years of business time no calendar answer is meaningful.
const maxAbsMs = 1000 * 366 * 86400000;

/**
 * Moves an instant by an amount of business time.
 *
 * - `ms > 0`: the earliest instant t with `businessTimeBetween(from, t) === ms`. Landing exactly
 *   on a close returns the close (8 h from Monday 09:00 is Monday 17:00, not Tuesday 09:00).
 * - `ms < 0`: the latest instant t <= from with `businessTimeBetween(t, from) === -ms`
 *   (Tuesday 10:00 minus 1 h is Tuesday 09:00, not Monday 17:00).
 * - `ms === 0`: `from` itself, open or not.
 * - `null` when the calendar never gets that far (it is never open again, or the answer lies
 *   past the year 3000).
 *
 * @example
 * // Monday 2026-03-02 09:00 New York + 8 business hours on Mon-Fri 09:00-17:00
 * addBusinessTime(nineToFive, '2026-03-02T14:00:00Z', 8 * 3600000) //=> 1772488800000 (17:00 EST)
 */
export function addBusinessTime(cal: Calendar, from: Instant, ms: number): number | null {
  const timeline = timelineOf(cal);
  const fromMs = toInstantMs(from, 'from');
  if (typeof ms !== 'number' || !Number.isInteger(ms) || Math.abs(ms) > maxAbsMs) {
    fail('invalid_duration', [], expectedGot('ms', [], expected.signedMs, ms));
  }
  return ms === 0 ? fromMs : timeline.addFrom(fromMs, ms);
}
