/** Wall-clock times of day in calendar specs: `"HH:MM"` or `"HH:MM:SS"`, `"24:00"` only as an end. */
import { msPerHour, msPerMinute, msPerSecond } from './units.js';

const localTimePattern = /^([01]\d|2[0-4]):([0-5]\d)(?::([0-5]\d))?$/;

/**
 * Milliseconds since local midnight of a wall-clock time, or `undefined` when malformed.
 * `"24:00"` (and `"24:00:00"`) is midnight at the end of the day; later times in hour 24 are not.
 *
 * @example
 * parseLocalTime('17:30') //=> 63000000
 */
export function parseLocalTime(text: string): number | undefined {
  const m = localTimePattern.exec(text);
  if (m === null) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? '0');
  if (hour === 24 && (minute !== 0 || second !== 0)) return undefined;
  return hour * msPerHour + minute * msPerMinute + second * msPerSecond;
}
