/** Local calendar dates in calendar specs: `"YYYY-MM-DD"`, read in the calendar's own zone. */
import { civilFromDays, daysFromCivil, daysInMonth } from './civil.js';
import { maxDayNumber, minDayNumber } from './range.js';

const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Day number (days since 1970-01-01) of a local date from 1900 to 2200, or `undefined` when
 * malformed, impossible (`2026-02-30`) or out of range.
 *
 * @example
 * parseLocalDate('2026-12-25') //=> 20812
 */
export function parseLocalDate(text: string): number | undefined {
  const m = localDatePattern.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const dayNumber = daysFromCivil(year, month, day);
  return dayNumber < minDayNumber || dayNumber > maxDayNumber ? undefined : dayNumber;
}

/** Two digits, zero-padded: `pad2(3)` is `"03"`. */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * The local date `"YYYY-MM-DD"` of a day number from 1900 to 2200: the inverse of `parseLocalDate`.
 *
 * @example
 * formatLocalDate(20812) //=> '2026-12-25'
 */
export function formatLocalDate(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}
