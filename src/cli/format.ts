/**
 * Numbers for people: durations such as `1h 30m`, percentages, aligned tables, zoned instants.
 * Those the pictures write too are render's (one function each, so that the text table and the
 * HTML report write the same); they are re-exported here for the CLI.
 */

export { formatHoursMinutes, formatRate } from '../render/duration.js';
export { truncate } from '../render/text.js';
export { formatZonedTime } from '../render/zonedTime.js';

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
