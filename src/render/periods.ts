/**
 * The periods of a chart's x axis: every period from the first to the last one a summary has,
 * so that a week with no cycle shows as a gap in the line, not as two weeks drawn side by side.
 */
import { compilePeriod, type PeriodUnit } from '../report/period.js';
import { daysFromCivil, weekdayOfDay } from '../time/civil.js';

/** More periods than this are drawn as the summary has them, without filling. */
const maxFilledPeriods = 2000;

/**
 * A period label's number as `compilePeriod` counts it (a day's day number, a week's its Monday's,
 * a month's `year * 12 + month - 1`), or undefined for a label of another form.
 *
 * @example
 * periodId('2026-W10', 'week') //=> 20514 (Monday 2026-03-02)
 */
export function periodId(label: string, unit: PeriodUnit): number | undefined {
  if (unit === 'day') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
    return m === null ? undefined : daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if (unit === 'month') {
    const m = /^(\d{4})-(\d{2})$/.exec(label);
    return m === null ? undefined : Number(m[1]) * 12 + Number(m[2]) - 1;
  }
  const m = /^(\d{4})-W(\d{2})$/.exec(label);
  if (m === null) return undefined;
  // Week 1 is the week holding 4 January; its Monday is the week's id.
  const january4 = daysFromCivil(Number(m[1]), 1, 4);
  return january4 - weekdayOfDay(january4) + (Number(m[2]) - 1) * 7;
}

/**
 * Every period label from the earliest to the latest of `labels` (which may come in any order
 * and repeat), in order; the labels as given, sorted and unique, when one of them is of another
 * form or the range is very long.
 *
 * @example
 * periodAxis(['2026-W10', '2026-W12'], 'week') //=> ['2026-W10', '2026-W11', '2026-W12']
 */
export function periodAxis(labels: Iterable<string>, unit: PeriodUnit): string[] {
  const unique = [...new Set(labels)].sort();
  const ids = unique.map((label) => periodId(label, unit));
  if (ids.length === 0 || ids.some((id) => id === undefined)) return unique;
  const numbers = ids as number[];
  const firstId = Math.min(...numbers);
  const lastId = Math.max(...numbers);
  const step = unit === 'week' ? 7 : 1;
  if ((lastId - firstId) / step + 1 > maxFilledPeriods) return unique;
  // The label of an id does not depend on the zone: any zone will do.
  const { label } = compilePeriod({ unit, timeZone: 'UTC' });
  const axis: string[] = [];
  for (let id = firstId; id <= lastId; id += step) axis.push(label(id));
  return axis;
}
