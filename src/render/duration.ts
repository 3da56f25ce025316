/**
 * Durations for people, the same in the text table and the pictures (docs/reports.md, "The report
 * table"): hours and minutes of counted time (`26h 30m`), never days, because a "day" of business
 * time is ambiguous.
 */
import { msPerDay, msPerHour, msPerMinute } from '../time/units.js';

/**
 * Counted (business) time in hours and minutes, rounded to the minute: `26h 30m`, `8h`, `45m`.
 * Never days: a day of counted time is ambiguous when the calendar is open 8 hours a day. Only
 * an exact 0 is written `0m`; a time that rounds to no minute is `<1m`, so a zero in a table
 * always means nothing was counted. Negative durations (overdue) start with a minus sign.
 *
 * @example
 * formatHoursMinutes(95_400_000) //=> '26h 30m'
 * formatHoursMinutes(15_000) //=> '<1m'
 */
export function formatHoursMinutes(ms: number): string {
  if (ms === 0) return '0m';
  const sign = ms < 0 ? '-' : '';
  const minutes = Math.round(Math.abs(ms) / msPerMinute);
  if (minutes === 0) return `${sign}<1m`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes - hours * 60;
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
