/**
 * The calendar and the inputs every implementation in `calendar.bench.ts` is measured on: one
 * calendar (Mon-Fri 09:00-17:00 in New York with US federal holidays) and a fixed, seeded set of
 * start instants, so that runs are comparable with each other and between implementations.
 */
import type { CalendarSpec } from '../src/index.js';

/**
 * US federal holidays 2025-2028 as observed (5 U.S.C. 6103: a Saturday holiday is observed on the
 * Friday before, a Sunday one on the Monday after), as OPM publishes them. New Year's Day 2028
 * falls on a Saturday and is observed on Friday 2027-12-31. Every date is a weekday.
 */
// biome-ignore format: one row per year reads as a table
export const usFederalHolidays: readonly string[] = [
  // 2025
  '2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04',
  '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-12-25',
  // 2026 (Independence Day, a Saturday, is observed on Friday 07-03)
  '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03',
  '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
  // 2027 (Juneteenth, Independence Day and Christmas fall on weekends)
  '2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31', '2027-06-18', '2027-07-05',
  '2027-09-06', '2027-10-11', '2027-11-11', '2027-11-25', '2027-12-24', '2027-12-31',
  // 2028 (New Year's Day observed on 2027-12-31 above; Veterans Day, a Saturday, on Friday 11-10)
  '2028-01-17', '2028-02-21', '2028-05-29', '2028-06-19', '2028-07-04', '2028-09-04',
  '2028-10-09', '2028-11-10', '2028-11-23', '2028-12-25',
];

/** The benchmarked calendar as an sla-clock spec. */
export function nineToFiveSpec(): CalendarSpec {
  const day = [['09:00', '17:00']] as const;
  return {
    timeZone: 'America/New_York',
    week: { mon: day, tue: day, wed: day, thu: day, fri: day },
    holidays: usFederalHolidays,
  };
}

/** Start instants are spread over 2026 and 2027 in New York (EST is UTC-5). */
const firstStartMs = Date.UTC(2026, 0, 1, 5);
const lastStartMs = Date.UTC(2028, 0, 1, 5);

/**
 * `count` start instants drawn uniformly from 2026-2027 (any ms, open or not, weekend or not, as
 * tickets arrive), by a 32-bit LCG (Numerical Recipes' constants) so that every run sees the same
 * inputs. Two draws per instant give a resolution of 1 ms over the two years.
 */
export function seededStartsMs(count: number, seed: number): Float64Array {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const rangeMs = lastStartMs - firstStartMs;
  const startsMs = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const unit = (next() * 2 ** 32 + next()) / 2 ** 64;
    startsMs[i] = firstStartMs + Math.floor(unit * rangeMs);
  }
  return startsMs;
}
