/**
 * Report periods (docs/reports.md, "Periods"): the day, ISO week or month an instant falls in,
 * in a zone. A period is a number while summing (the day number of its first local date, or
 * `year * 12 + month - 1`), so that rows are keyed and sorted without building strings; its
 * label (`"2026-03-02"`, `"2026-W10"`, `"2026-03"`) is written once per row.
 */
import { type LocalDays, localDaysOf } from '../calendar/zone/localDays.js';
import { fail } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot, unknownKey } from '../messages.js';
import { civilFromDays, daysFromCivil, weekdayOfDay } from '../time/civil.js';
import { formatLocalDate, pad2 } from '../time/localDate.js';

export type PeriodUnit = 'day' | 'week' | 'month';

/** `summarizeSla`'s `period` option. */
export interface PeriodOptions {
  readonly unit: PeriodUnit;
  /** An IANA zone, in which instants are read as local dates. */
  readonly timeZone: string;
  /** Which instant of a cycle places it: its start (default), or its end (open cycles: their start). */
  readonly by?: 'start' | 'end';
}

/** A checked `period` option, ready to place instants. */
export interface Period {
  readonly unit: PeriodUnit;
  readonly by: 'start' | 'end';
  /** The period of a trusted instant (1900 to 2200): a number that sorts chronologically. */
  idAt(ms: number): number;
  /** The period's label: `"2026-03-02"`, `"2026-W10"` or `"2026-03"`. */
  label(id: number): string;
}

const periodKeys = ['unit', 'timeZone', 'by'] as const;

/**
 * The ISO 8601 week of the week starting on Monday `mondayDay`: the week-year is the year of its
 * Thursday, and week 1 is the week holding that year's first Thursday, so the days from Monday
 * 2026-12-28 to Sunday 2027-01-03 are week 53 of 2026.
 *
 * @example
 * isoWeekLabel(20878) //=> '2026-W53' (Monday 2026-12-28)
 */
export function isoWeekLabel(mondayDay: number): string {
  const thursdayDay = mondayDay + 3;
  const { year } = civilFromDays(thursdayDay);
  const week = Math.floor((thursdayDay - daysFromCivil(year, 1, 1)) / 7) + 1;
  return `${year}-W${pad2(week)}`;
}

/** The label of month number `year * 12 + month - 1`: `"2026-03"`. */
function monthLabel(id: number): string {
  const year = Math.floor(id / 12);
  return `${year}-${pad2(id - year * 12 + 1)}`;
}

function placer(unit: PeriodUnit, days: LocalDays): (ms: number) => number {
  switch (unit) {
    case 'day':
      return (ms) => days.dayOf(ms);
    case 'week':
      return (ms) => {
        const day = days.dayOf(ms);
        return day - weekdayOfDay(day);
      };
    case 'month':
      return (ms) => {
        const { year, month } = civilFromDays(days.dayOf(ms));
        return year * 12 + month - 1;
      };
  }
}

const labelers: Readonly<Record<PeriodUnit, (id: number) => string>> = {
  day: formatLocalDate,
  week: isoWeekLabel,
  month: monthLabel,
};

/**
 * Checks `options.period` of `summarizeSla` and readies it: an object `{ unit, timeZone, by? }`
 * with no other key. Each problem throws `SlaValidationError` at its path under `options`
 * (`options.period.unit: expected "day", "week" or "month", got "fortnight"`).
 *
 * @example
 * const period = compilePeriod({ unit: 'week', timeZone: 'Europe/Berlin' });
 * period.label(period.idAt(Date.UTC(2027, 0, 1))) //=> '2026-W53'
 */
export function compilePeriod(value: unknown): Period {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    fail('invalid_type', ['period'], expectedGot('options', ['period'], expected.period, value));
  for (const key of Object.keys(value)) {
    if (!(periodKeys as readonly string[]).includes(key))
      fail('unrecognized_key', ['period', key], unknownKey('options', ['period'], key, periodKeys));
  }
  const { unit, timeZone, by } = value as { unit?: unknown; timeZone?: unknown; by?: unknown };
  if (unit !== 'day' && unit !== 'week' && unit !== 'month')
    fail(
      'invalid_value',
      ['period', 'unit'],
      expectedGot('options', ['period', 'unit'], expected.periodUnit, unit),
    );
  const days = typeof timeZone === 'string' ? localDaysOf(timeZone) : null;
  if (days === null)
    fail(
      'invalid_time_zone',
      ['period', 'timeZone'],
      expectedGot('options', ['period', 'timeZone'], expected.timeZone, timeZone),
    );
  if (by !== undefined && by !== 'start' && by !== 'end')
    fail('invalid_value', ['period', 'by'], expectedGot('options', ['period', 'by'], expected.periodBy, by));
  return { unit, by: by ?? 'start', idAt: placer(unit, days), label: labelers[unit] };
}
