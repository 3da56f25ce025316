/**
 * Durations in pictures, as the text table writes them (docs/reports.md): hours and minutes of
 * counted time (`26h 30m`), never days, because a "day" of business time is ambiguous.
 */
import { msPerDay, msPerHour, msPerMinute, msPerSecond } from '../time/units.js';

/**
 * A duration as hours and minutes, rounded to the minute: `26h 30m`, `45m`, `2h`; under a minute,
 * seconds (`42s`, `0s`); negative durations (overdue) start with a minus sign.
 *
 * @example
 * formatHoursMinutes(95_400_000) //=> '26h 30m'
 */
export function formatHoursMinutes(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const absMs = Math.abs(ms);
  const seconds = Math.round(absMs / msPerSecond);
  if (seconds < 60) return `${sign}${seconds}s`;
  const minutes = Math.round(absMs / msPerMinute);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${sign}${rest}m`;
  return rest === 0 ? `${sign}${hours}h` : `${sign}${hours}h ${rest}m`;
}

/**
 * A rate from 0 to 1 as a percentage with one decimal (`95.0%`), or `-` for null (0 / 0), as
 * the text table writes it.
 *
 * @example
 * formatRate(0.8) //=> '80.0%'
 */
export const formatRate = (rate: number | null): string =>
  rate === null ? '-' : `${(rate * 100).toFixed(1)}%`;

/**
 * A wall-clock duration (not counted time): days and hours from a day up (`84d 7h`), else as
 * `formatHoursMinutes`.
 *
 * @example
 * formatWallDuration(7_282_800_000) //=> '84d 7h'
 */
export function formatWallDuration(ms: number): string {
  if (Math.abs(ms) < msPerDay) return formatHoursMinutes(ms);
  const hours = Math.round(Math.abs(ms) / msPerHour);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return `${ms < 0 ? '-' : ''}${days}d${rest === 0 ? '' : ` ${rest}h`}`;
}
