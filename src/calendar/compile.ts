/** `compileCalendar`: validate a calendar spec once and turn it into a searchable calendar. */
import { parseLocalDate } from '../time/localDate.js';
import { parseLocalTime } from '../time/localTime.js';
import { type Calendar, type CalendarSpec, type Interval, timelineKey, type Weekday } from './calendar.js';
import { monthDayKey, parseHolidayEntry } from './holidays/entry.js';
import { coversWholeWeek, type DayHours, type LocalHours, uniteDayHours } from './localHours.js';
import { parseCalendarSpec } from './schema.js';
import { alwaysOpenTimeline, neverOpenTimeline, type Timeline, ZonedTimeline } from './timeline.js';
import { createOffsetReader } from './zone/offsets.js';

const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Validates a calendar spec and compiles it. The result is immutable and meant to be reused:
 * its open intervals are built lazily, a year at a time, and cached inside it.
 *
 * Throws `SlaValidationError` for an unknown zone, a malformed time or date, an interval whose
 * ends are equal, an unknown key (a weekday that is not one), or two overrides for one date.
 *
 * @example
 * const cal = compileCalendar({ timeZone: 'America/New_York', week: { mon: [['09:00', '17:00']] } })
 * isOpen(cal, '2026-03-02T15:00:00Z') //=> true (Monday 10:00 in New York)
 */
export function compileCalendar(spec: CalendarSpec): Calendar {
  parseCalendarSpec(spec);
  return buildCalendar(spec);
}

/**
 * Compiles a spec that has already been validated (by the calendar or the policy schema).
 * `moreHolidays` are entries from the policy's holiday sets, closed like the spec's own; the
 * compiled calendar's `spec` lists them among its `holidays`.
 */
export function buildCalendar(valid: CalendarSpec, moreHolidays: readonly string[] = []): Calendar {
  if (valid === '24/7') return makeCalendar('24/7', null, alwaysOpenTimeline);
  const spec =
    moreHolidays.length === 0 ? valid : { ...valid, holidays: [...(valid.holidays ?? []), ...moreHolidays] };
  const plan = planLocalHours(spec);
  const frozen = freezeSpec(spec);
  const timeline = Number.isNaN(plan.firstOpenDay)
    ? neverOpenTimeline
    : new ZonedTimeline(plan, createOffsetReader(valid.timeZone));
  return makeCalendar(frozen, valid.timeZone, timeline);
}

function makeCalendar(spec: CalendarSpec, timeZone: string | null, timeline: Timeline): Calendar {
  return Object.freeze({ timeZone, spec, [timelineKey]: timeline });
}

function dayHoursOf(intervals: readonly Interval[] | undefined): DayHours {
  return uniteDayHours(
    (intervals ?? []).map(([start, end]): [number, number] => [
      parseLocalTime(start) as number,
      parseLocalTime(end) as number,
    ]),
  );
}

/** Turns a validated spec into `LocalHours`: weekday hours, dated exceptions, and bounds. */
function planLocalHours(spec: Exclude<CalendarSpec, '24/7'>): LocalHours {
  const weekMs = weekdays.map((day) => dayHoursOf(spec.week[day]));
  const datedMs = new Map<number, DayHours>();
  const yearlyClosed = new Set<number>();
  const empty = new Float64Array(0);
  for (const text of spec.holidays ?? []) {
    const entry = parseHolidayEntry(text);
    if (typeof entry === 'string') continue; // validated before: cannot happen
    if (entry.kind === 'date') datedMs.set(entry.day, empty);
    else if (entry.kind === 'yearly') yearlyClosed.add(monthDayKey(entry.month, entry.dayOfMonth));
    else for (let day = entry.firstDay; day <= entry.lastDay; day++) datedMs.set(day, empty);
  }
  // An override replaces the date's hours, holiday or not.
  for (const { date, hours } of spec.overrides ?? [])
    datedMs.set(parseLocalDate(date) as number, dayHoursOf(hours));

  const weekHasHours = weekMs.some((hours) => hours.length > 0);
  let firstOpenDay = weekHasHours ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  let lastOpenDay = weekHasHours ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  let lastDatedDay = Number.NEGATIVE_INFINITY;
  for (const [day, hours] of datedMs) {
    lastDatedDay = Math.max(lastDatedDay, day);
    if (!weekHasHours && hours.length > 0) {
      firstOpenDay = Math.min(firstOpenDay, day);
      lastOpenDay = Math.max(lastOpenDay, day);
    }
  }
  if (firstOpenDay > lastOpenDay) {
    firstOpenDay = Number.NaN;
    lastOpenDay = Number.NaN;
  }
  return {
    weekMs,
    datedMs,
    yearlyClosed,
    firstOpenDay,
    lastOpenDay,
    weekAlwaysOpen: coversWholeWeek(weekMs),
    // A yearly holiday closes a date every year: the calendar never stops having exceptions.
    lastDatedDay: yearlyClosed.size > 0 ? Number.POSITIVE_INFINITY : lastDatedDay,
  };
}

function freezeSpec(spec: Exclude<CalendarSpec, '24/7'>): CalendarSpec {
  const freezeHours = (hours: readonly Interval[]) =>
    Object.freeze(hours.map(([start, end]) => Object.freeze([start, end] as const)));
  const week: Partial<Record<Weekday, readonly Interval[]>> = {};
  for (const day of weekdays) {
    const hours = spec.week[day];
    if (hours !== undefined) week[day] = freezeHours(hours);
  }
  return Object.freeze({
    timeZone: spec.timeZone,
    week: Object.freeze(week),
    ...(spec.holidays === undefined ? {} : { holidays: Object.freeze([...spec.holidays]) }),
    ...(spec.overrides === undefined
      ? {}
      : {
          overrides: Object.freeze(
            spec.overrides.map(({ date, hours }) => Object.freeze({ date, hours: freezeHours(hours) })),
          ),
        }),
  });
}
