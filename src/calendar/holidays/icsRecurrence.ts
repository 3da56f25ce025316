/**
 * Expanding a `FREQ=YEARLY` rule (RFC 5545 section 3.3.10) into start dates, on day numbers
 * only. Per year, the parts combine as the RFC's table says for YEARLY: `BYMONTH` and
 * `BYMONTHDAY` expand; `BYDAY` expands within each `BYMONTH` month (so `BYMONTH=11;BYDAY=4TH` is
 * the fourth Thursday of November) or within the year without `BYMONTH`, and only limits when
 * `BYMONTHDAY` is given (`BYMONTHDAY=13;BYDAY=FR` is every Friday the 13th). With none of them,
 * the rule repeats DTSTART's month and day; a date that does not exist in a year (Feb 29, the 31st
 * of a short month) gives nothing that year, as the RFC says.
 */
import { fail } from '../../errors.js';
import { icsLineProblem, icsProblems } from '../../messages.js';
import { civilFromDays, daysFromCivil, daysInMonth, weekdayOfDay } from '../../time/civil.js';
import type { RuleWeekday, YearlyRule } from './icsRule.js';

/**
 * Steps left for one call of holidaysFromIcs, shared by all its rules: every year visited and
 * every candidate date costs one, so no text can make expansion run long (a `COUNT` rule is
 * expanded from its DTSTART, which may lie centuries before the range).
 */
export interface StepBudget {
  left: number;
  readonly total: number;
}

const allMonths: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/**
 * Calls `visit` with each instance of `rule` whose date lies in `[firstDay, lastDay]`, ascending,
 * for an event starting on `startDay`. DTSTART is always the first instance and counts towards
 * `COUNT` (RFC 5545 section 3.8.5.3), even when the rule would not give it; the rule's other
 * dates follow it, up to `COUNT` instances or up to `UNTIL`, in years DTSTART's year + k·INTERVAL.
 *
 * @example
 * // Thanksgiving from 2020: FREQ=YEARLY;BYMONTH=11;BYDAY=4TH
 * expandYearly(thanksgiving, daysFromCivil(2020, 11, 26), daysFromCivil(2026, 1, 1), daysFromCivil(2026, 12, 31), budget, visit)
 * // visits daysFromCivil(2026, 11, 26) only
 */
export function expandYearly(
  rule: YearlyRule,
  startDay: number,
  firstDay: number,
  lastDay: number,
  budget: StepBudget,
  visit: (day: number) => void,
): void {
  if (startDay >= firstDay && startDay <= lastDay) visit(startDay);
  let remaining = rule.count - 1;
  const stopDay = Math.min(lastDay, rule.untilDay);
  const stopYear = civilFromDays(stopDay).year;
  const start = civilFromDays(startDay);
  let year = start.year;
  if (rule.count === Number.POSITIVE_INFINITY) {
    // Without COUNT, no year before the range can change what the range holds: skip those years.
    const firstYear = civilFromDays(firstDay).year;
    if (firstYear > year) year += Math.ceil((firstYear - year) / rule.intervalYears) * rule.intervalYears;
  }
  for (; remaining > 0 && year <= stopYear; year += rule.intervalYears) {
    for (const day of datesInYear(rule, year, start.month, start.day, budget)) {
      if (day <= startDay) continue;
      if (day > stopDay) return;
      if (day >= firstDay) visit(day);
      remaining -= 1;
      if (remaining <= 0) return;
    }
  }
}

/** The rule's dates in one year, ascending and unique. */
function datesInYear(
  rule: YearlyRule,
  year: number,
  startMonth: number,
  startDayOfMonth: number,
  budget: StepBudget,
): number[] {
  const { months, monthDays, weekdays } = rule;
  const days: number[] = [];
  let steps = 1;
  if (weekdays !== undefined && monthDays === undefined) {
    if (months === undefined)
      steps += addWeekdays(days, daysFromCivil(year, 1, 1), daysFromCivil(year, 12, 31), weekdays);
    else
      for (const month of months) {
        const first = daysFromCivil(year, month, 1);
        steps += addWeekdays(days, first, first + daysInMonth(year, month) - 1, weekdays);
      }
  } else {
    for (const month of months ?? (monthDays === undefined ? [startMonth] : allMonths)) {
      const length = daysInMonth(year, month);
      const first = daysFromCivil(year, month, 1);
      // BYDAY ordinals, when BYDAY only limits, count within the month with BYMONTH, else the year.
      const scopeFirst = months === undefined ? daysFromCivil(year, 1, 1) : first;
      const scopeLast = months === undefined ? daysFromCivil(year, 12, 31) : first + length - 1;
      for (const monthDay of monthDays ?? [startDayOfMonth]) {
        steps += 1;
        const dayOfMonth = monthDay > 0 ? monthDay : length + 1 + monthDay;
        if (dayOfMonth < 1 || dayOfMonth > length) continue;
        const day = first + dayOfMonth - 1;
        if (weekdays === undefined || matchesWeekday(day, weekdays, scopeFirst, scopeLast)) days.push(day);
      }
    }
  }
  budget.left -= steps;
  if (budget.left < 0)
    fail('invalid_value', [], icsLineProblem(rule.line, icsProblems.tooCostly(budget.total)));
  days.sort((a, b) => a - b);
  return days.filter((day, i) => i === 0 || day !== days[i - 1]);
}

/** Adds the days of `[first, last]` that `weekdays` select; returns the steps it took. */
function addWeekdays(days: number[], first: number, last: number, weekdays: readonly RuleWeekday[]): number {
  let steps = 0;
  for (const { weekday, ordinal } of weekdays) {
    const firstMatch = first + ((weekday - weekdayOfDay(first) + 7) % 7);
    if (ordinal > 0) {
      const day = firstMatch + 7 * (ordinal - 1);
      if (day <= last) days.push(day);
      steps += 1;
    } else if (ordinal < 0) {
      const day = last - ((weekdayOfDay(last) - weekday + 7) % 7) + 7 * (ordinal + 1);
      if (day >= first) days.push(day);
      steps += 1;
    } else {
      for (let day = firstMatch; day <= last; day += 7) days.push(day);
      steps += Math.ceil((last - first + 1) / 7);
    }
  }
  return steps;
}

/** Whether `day` is one of `weekdays`, the nth of its weekday in `[first, last]` for an ordinal. */
function matchesWeekday(day: number, weekdays: readonly RuleWeekday[], first: number, last: number): boolean {
  const weekday = weekdayOfDay(day);
  for (const entry of weekdays) {
    if (entry.weekday !== weekday) continue;
    if (entry.ordinal === 0) return true;
    const nth = entry.ordinal > 0 ? Math.floor((day - first) / 7) + 1 : -(Math.floor((last - day) / 7) + 1);
    if (nth === entry.ordinal) return true;
  }
  return false;
}
