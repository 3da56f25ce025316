/** Numbers for people: durations such as `1h 30m`, percentages, aligned tables, zoned instants. */

import { zonedParts } from '../render/zonedTime.js';

const units: readonly (readonly [suffix: string, ms: number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/**
 * A duration in the policy's own units, exact to the millisecond: `1d 2h 3m 4s 5ms`, `1h 30m`,
 * `0s`; `d` is 24 hours of counted time, as in targets. Negative durations (overdue) get a `-`.
 *
 * @example
 * formatDuration(5_400_000) //=> '1h 30m'
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = Math.abs(Math.round(ms));
  const parts: string[] = [];
  for (const [suffix, unitMs] of units) {
    const amount = Math.floor(rest / unitMs);
    rest -= amount * unitMs;
    if (amount > 0) parts.push(`${amount}${suffix}`);
  }
  return `${ms < 0 ? '-' : ''}${parts.join(' ')}`;
}

/** A duration rounded to the second, for tables of means and quantiles. */
export const formatSeconds = (ms: number): string => formatDuration(Math.round(ms / 1000) * 1000);

/**
 * Counted (business) time in hours and minutes, rounded to the minute: `26h 30m`, `8h`, `45m`.
 * Never days: a day of counted time is ambiguous when the calendar is open 8 hours a day. Only
 * an exact 0 is written `0m`; a time that rounds to no minute is `<1m`, so a zero in a table
 * always means nothing was counted.
 *
 * @example
 * formatHours(95_400_000) //=> '26h 30m'
 */
export function formatHours(ms: number): string {
  if (ms === 0) return '0m';
  const sign = ms < 0 ? '-' : '';
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes === 0) return `${sign}<1m`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes - hours * 60;
  if (hours === 0) return `${sign}${rest}m`;
  return rest === 0 ? `${sign}${hours}h` : `${sign}${hours}h ${rest}m`;
}

/**
 * Cuts `text` to `width` characters (code points), ending it with "…" when it is cut.
 *
 * @example
 * truncate('requester_wait', 10) //=> 'requester…'
 */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 0 ? '' : `${chars.slice(0, width - 1).join('')}…`;
}

/** A rate from 0 to 1 as a percentage with one decimal: `95.0%`; `-` for null (0 / 0). */
export const formatRate = (rate: number | null): string =>
  rate === null ? '-' : `${(rate * 100).toFixed(1)}%`;

export type Align = 'left' | 'right';

/** Rows under a header, columns padded to their widest cell, two spaces apart. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return align[column] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((text) => `${text}\n`).join('');
}

/**
 * An instant as wall-clock time in `timeZone` with its offset and weekday:
 * `Mon 2026-03-02 09:00:00 -05:00` (milliseconds only when `withMs`).
 *
 * @example
 * formatZoned(1772460000000, 'America/New_York', false) //=> 'Mon 2026-03-02 09:00:00 -05:00'
 */
export function formatZoned(ms: number, timeZone: string, withMs: boolean): string {
  const p = zonedParts(ms, timeZone);
  const fraction = withMs ? `.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}` : '';
  return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}${fraction} ${p.offset}`;
}
