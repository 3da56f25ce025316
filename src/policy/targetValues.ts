/**
 * Target values read from ticket attributes when a goal is chosen (docs/policy.md, "Targets"):
 * a due instant for `{ until }`, a duration for `{ attribute }`. An invalid value is not an
 * error: the goal simply does not match, and the next one is tried.
 */

import { parseDurationText } from '../time/duration.js';
import { instantMsOrNaN, isInstantInRange } from '../time/instant.js';
import { maxTargetMs } from './limits.js';

/**
 * The due instant an attribute holds (an RFC 3339 string as backends write it, or integer epoch
 * ms, 1900 to 2200), or `NaN`.
 *
 * @example
 * dueInstantMs('2026-03-06 17:00:00+01') //=> 1772812800000
 * dueInstantMs('next friday') //=> NaN
 */
export function dueInstantMs(value: unknown): number {
  if (typeof value !== 'string' && typeof value !== 'number') return Number.NaN;
  const ms = instantMsOrNaN(value);
  return isInstantInRange(ms) ? ms : Number.NaN;
}

/**
 * The duration an attribute holds (`"4h"`, `"PT4H"`, or a positive integer of ms; more than 0 and
 * at most 100 years), or `NaN`. Numeric strings are not durations: `"3600000"` names no unit.
 *
 * @example
 * durationAttributeMs('1h30m') //=> 5400000
 * durationAttributeMs(0) //=> NaN
 */
export function durationAttributeMs(value: unknown): number {
  let ms: number | undefined;
  if (typeof value === 'number') ms = Number.isInteger(value) ? value : undefined;
  else if (typeof value === 'string' && /\d/.test(value)) ms = parseDurationText(value);
  return ms !== undefined && ms > 0 && ms <= maxTargetMs ? ms : Number.NaN;
}
