/**
 * Holiday entries as calendars write them (docs/calendar.md, "Holidays"): one date
 * `"2026-12-25"`, a month-day every year `"--12-25"`, or an inclusive range
 * `"2026-12-24/2026-12-31"` of at most 366 dates.
 */
import { daysInMonth } from '../../time/civil.js';
import { parseLocalDate } from '../../time/localDate.js';

/** A parsed holiday entry: day numbers, or a month and day that recur every year. */
export type HolidayEntry =
  | { readonly kind: 'date'; readonly day: number }
  | { readonly kind: 'yearly'; readonly month: number; readonly dayOfMonth: number }
  | { readonly kind: 'range'; readonly firstDay: number; readonly lastDay: number };

/** The longest range: a leap year's dates. */
export const maxRangeDays = 366;

/** Why an entry was refused; each has its message in messages.ts. */
export type HolidayEntryProblem = 'malformed' | 'reversed_range' | 'long_range';

const yearlyPattern = /^--(\d{2})-(\d{2})$/;

/** The JSON Schema pattern of an entry's spelling (the parser decides whether the date exists). */
export const holidayEntryPattern =
  '^(?:\\d{4}-\\d{2}-\\d{2}|--\\d{2}-\\d{2}|\\d{4}-\\d{2}-\\d{2}/\\d{4}-\\d{2}-\\d{2})$';

/**
 * Parses one entry, or says what is wrong with it. `"--02-29"` is allowed (it closes Feb 29 of
 * leap years only); `"--02-30"` is not, since it never happens.
 *
 * @example
 * parseHolidayEntry('--12-25') //=> { kind: 'yearly', month: 12, dayOfMonth: 25 }
 * parseHolidayEntry('2026-12-31/2026-12-24') //=> 'reversed_range'
 */
export function parseHolidayEntry(text: string): HolidayEntry | HolidayEntryProblem {
  const yearly = yearlyPattern.exec(text);
  if (yearly !== null) {
    const month = Number(yearly[1]);
    const dayOfMonth = Number(yearly[2]);
    // 2000 is a leap year: every month-day that ever happens happens in it.
    if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(2000, month))
      return 'malformed';
    return { kind: 'yearly', month, dayOfMonth };
  }
  const slash = text.indexOf('/');
  if (slash < 0) {
    const day = parseLocalDate(text);
    return day === undefined ? 'malformed' : { kind: 'date', day };
  }
  const firstDay = parseLocalDate(text.slice(0, slash));
  const lastDay = parseLocalDate(text.slice(slash + 1));
  if (firstDay === undefined || lastDay === undefined) return 'malformed';
  if (lastDay < firstDay) return 'reversed_range';
  if (lastDay - firstDay + 1 > maxRangeDays) return 'long_range';
  return { kind: 'range', firstDay, lastDay };
}

/** A month and day as one number, `month * 32 + day`: the key of a yearly holiday. */
export function monthDayKey(month: number, dayOfMonth: number): number {
  return month * 32 + dayOfMonth;
}
