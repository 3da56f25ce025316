import { type Calendar, type CalendarSpec, compileCalendar, type Interval } from '../../src/index.js';

export const msPerMinute = 60_000;
export const msPerHour = 3_600_000;

/** Epoch ms of an RFC 3339 string with an explicit offset (never read in the machine's zone). */
export function ms(text: string): number {
  if (!/(Z|[+-]\d\d:\d\d)$/.test(text)) throw new Error(`test instant without offset: ${text}`);
  return Date.parse(text);
}

const workdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/** Mon-Fri with the same hours, in a zone. */
export function weekdaysSpec(
  timeZone: string,
  hours: readonly Interval[] = [['09:00', '17:00']],
): Exclude<CalendarSpec, '24/7'> {
  return { timeZone, week: Object.fromEntries(workdays.map((day) => [day, hours])) };
}

/** Mon-Fri 09:00-17:00 in New York. */
export const nineToFive = compileCalendar(weekdaysSpec('America/New_York'));

/** A calendar open only on one local date with the given hours (an override on an empty week). */
export function onlyOn(timeZone: string, date: string, hours: readonly Interval[]) {
  return compileCalendar({ timeZone, week: {}, overrides: [{ date, hours }] });
}

/** A calendar open every day with the given hours. */
export function everyDay(timeZone: string, hours: readonly Interval[], extra: object = {}) {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  return compileCalendar({ timeZone, week: Object.fromEntries(days.map((day) => [day, hours])), ...extra });
}

const compiled = new WeakMap<object, Calendar>();

/** The compiled calendar of a generated spec, compiled once per spec object. */
export function calendarOf(spec: CalendarSpec): Calendar {
  if (spec === '24/7') return compileCalendar(spec);
  let cal = compiled.get(spec);
  if (cal === undefined) {
    cal = compileCalendar(spec);
    compiled.set(spec, cal);
  }
  return cal;
}
