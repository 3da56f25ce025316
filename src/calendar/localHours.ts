/**
 * A calendar's opening hours on local dates, before any time zone is applied: which wall-clock
 * stretches of which local date are open (docs/calendar.md, "The definition": `hours(D)`).
 */
import { civilFromDays, weekdayOfDay } from '../time/civil.js';
import { msPerDay, msPerWeek } from '../time/units.js';
import { monthDayKey } from './holidays/entry.js';

/**
 * Open stretches of one local date as flat pairs `[startMs, endMs, ...]` of ms since that
 * date's local midnight, sorted and united. An overnight interval (`["22:00", "06:00"]`) belongs
 * to the date it starts on and ends past `msPerDay`.
 */
export type DayHours = Float64Array;

/** Every local date's hours: the weekly plan, replaced on holidays and overridden dates. */
export interface LocalHours {
  /** Hours for weekdays 0 = Monday ... 6 = Sunday. */
  readonly weekMs: readonly DayHours[];
  /** Hours of dated exceptions by day number: overrides, and holidays as empty hours. */
  readonly datedMs: ReadonlyMap<number, DayHours>;
  /** Yearly holidays (`"--12-25"`) as `monthDayKey`s: closed every year unless overridden. */
  readonly yearlyClosed: ReadonlySet<number>;
  /** Day numbers between which an open stretch may start; `NaN` when no date ever opens. */
  readonly firstOpenDay: number;
  readonly lastOpenDay: number;
  /** Whether the weekly plan alone covers every wall-clock time of the week. */
  readonly weekAlwaysOpen: boolean;
  /** The last day number with a dated exception, `-Infinity` if none, `Infinity` with yearly holidays. */
  readonly lastDatedDay: number;
}

/** A date with no hours (a constant array: pure, dropped by bundlers when unused). */
const closedDay: DayHours = /* @__PURE__ */ new Float64Array(0);

/** The hours of local date `dayNumber`: `hours(D)` of docs/calendar.md, "The definition". */
export function hoursOn(plan: LocalHours, dayNumber: number): DayHours {
  const dated = plan.datedMs.get(dayNumber);
  if (dated !== undefined) return dated;
  if (plan.yearlyClosed.size > 0) {
    const { month, day } = civilFromDays(dayNumber);
    if (plan.yearlyClosed.has(monthDayKey(month, day))) return closedDay;
  }
  return plan.weekMs[weekdayOfDay(dayNumber)] as DayHours;
}

/**
 * Sorts and unites `[start, end)` pairs (ms from a local midnight; an end below its start runs
 * past midnight and is moved to the next day).
 *
 * @example
 * uniteDayHours([[9 * 36e5, 12 * 36e5], [11 * 36e5, 17 * 36e5]]) //=> Float64Array [32400000, 61200000]
 */
export function uniteDayHours(intervals: readonly (readonly [number, number])[]): DayHours {
  const pairs = intervals
    .map(([startMs, endMs]): [number, number] => [startMs, endMs < startMs ? endMs + msPerDay : endMs])
    .sort((a, b) => a[0] - b[0]);
  const united: number[] = [];
  for (const [startMs, endMs] of pairs) {
    const last = united.length - 1;
    if (last > 0 && startMs <= (united[last] as number)) {
      united[last] = Math.max(united[last] as number, endMs);
    } else {
      united.push(startMs, endMs);
    }
  }
  return Float64Array.from(united);
}

/**
 * Whether a weekly plan covers the whole week of wall-clock time, overnight parts included
 * (Sunday's overnight interval spills into Monday).
 */
export function coversWholeWeek(weekMs: readonly DayHours[]): boolean {
  const pieces: [number, number][] = [];
  weekMs.forEach((hours, weekday) => {
    for (let i = 0; i < hours.length; i += 2) {
      const startMs = weekday * msPerDay + (hours[i] as number);
      const endMs = weekday * msPerDay + (hours[i + 1] as number);
      if (endMs <= msPerWeek) pieces.push([startMs, endMs]);
      else pieces.push([startMs, msPerWeek], [0, endMs - msPerWeek]);
    }
  });
  pieces.sort((a, b) => a[0] - b[0]);
  let coveredToMs = 0;
  for (const [startMs, endMs] of pieces) {
    if (startMs > coveredToMs) return false;
    coveredToMs = Math.max(coveredToMs, endMs);
  }
  return coveredToMs >= msPerWeek;
}
