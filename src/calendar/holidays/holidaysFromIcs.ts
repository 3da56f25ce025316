/**
 * `holidaysFromIcs`: the closed dates that an iCalendar file (a Google Calendar holiday feed, an
 * Outlook or Confluence export) holds, ready for a calendar's `holidays`. We parse iCalendar
 * ourselves rather than depend on ical.js: holidays need one corner of RFC 5545 (all-day events,
 * yearly rules), on day numbers with no time zone, with every input bounded and every error
 * naming its line; docs/calendar.md says why in full.
 */
import { fail } from '../../errors.js';
import * as expected from '../../expected.js';
import { expectedGot, icsExpected, icsSkipReasons } from '../../messages.js';
import { civilFromDays, daysFromCivil, daysInMonth } from '../../time/civil.js';
import { formatLocalDate, parseLocalDate } from '../../time/localDate.js';
import { readIcsEvents } from './ics.js';
import { type IcsEventReading, readEvent } from './icsEvent.js';
import { expandYearly, type StepBudget } from './icsRecurrence.js';

/** The range of local dates to list: `"YYYY-MM-DD"`, both inclusive, at most 100 years apart. */
export interface IcsRange {
  readonly from: string;
  readonly to: string;
}

/** An event of the file that gave no dates because it could not be read as holidays. */
export interface SkippedIcsEvent {
  /** Its `UID`, unescaped, or null without one. */
  readonly uid: string | null;
  /** Its `SUMMARY`, unescaped, or null without one. */
  readonly summary: string | null;
  /** Why, naming the property: `RRULE FREQ=WEEKLY: only FREQ=YEARLY rules are expanded`. */
  readonly reason: string;
}

/** The dates of an iCalendar file, and the events it could not read as dates. */
export interface IcsHolidays {
  /** Local dates `"YYYY-MM-DD"` within the range, ascending, each once. */
  readonly dates: string[];
  /** Every event skipped, in the file's order, whatever its dates: the list does not depend on the range. */
  readonly skipped: SkippedIcsEvent[];
}

/** Steps of rule expansion one call may take (a year visited or a candidate date each). */
const maxSteps = 2_000_000;

/**
 * The local dates covered by the all-day events (`DTSTART;VALUE=DATE`) of an iCalendar text
 * (RFC 5545) within `[from, to]`, and the events skipped with their reason.
 *
 * Reads folded lines, multi-day events (`DTEND` exclusive, `DURATION` in whole days, one day
 * without either), `RRULE:FREQ=YEARLY` with `INTERVAL`, `COUNT`, `UNTIL`, `BYMONTH`,
 * `BYMONTHDAY` and `BYDAY` (`4TH`, `-1MO`), `RDATE`, `EXDATE` (a date-time excludes its date),
 * and `RECURRENCE-ID` (a changed or cancelled date of a series). Timed events, other rules and
 * cancelled events are listed in `skipped`, never dropped in silence.
 *
 * Throws `SlaValidationError` for a `text` that is not a string or is malformed (the message
 * names the line), and for a `from` or `to` that is not a local date, `to` before `from`, or more
 * than 100 years after it.
 *
 * @example
 * holidaysFromIcs(
 *   'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:thanksgiving\r\nDTSTART;VALUE=DATE:20241128\r\n' +
 *     'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
 *   { from: '2026-01-01', to: '2027-12-31' },
 * ) //=> { dates: ['2026-11-26', '2027-11-25'], skipped: [] }
 */
export function holidaysFromIcs(text: string, options: IcsRange): IcsHolidays {
  if (typeof text !== 'string') fail('invalid_type', [], expectedGot('text', [], icsExpected.text, text));
  const [fromDay, toDay] = rangeOf(options);
  const events = readIcsEvents(text).map(readEvent);

  // A VEVENT with RECURRENCE-ID replaces one date of the series that has its UID (RFC 5545
  // section 3.8.4.4); without such a series in the text it stands alone.
  const seriesUids = new Set<string>();
  for (const event of events)
    if (event.recurrenceId === undefined && event.uid !== null) seriesUids.add(event.uid);
  const isChange = (event: IcsEventReading) =>
    event.recurrenceId !== undefined && event.uid !== null && seriesUids.has(event.uid);
  const changes = new Map<string, IcsEventReading[]>();
  for (const event of events) {
    if (!isChange(event)) continue;
    const known = changes.get(event.uid as string);
    if (known === undefined) changes.set(event.uid as string, [event]);
    else known.push(event);
  }

  const reasons = new Map<IcsEventReading, string>();
  const covered = new CoveredDays(fromDay, toDay);
  const budget: StepBudget = { left: maxSteps, total: maxSteps };
  for (const event of events) {
    if (isChange(event)) continue;
    const series =
      event.recurrenceId === undefined && event.uid !== null ? (changes.get(event.uid) ?? []) : [];
    const future = series.find((change) => change.thisAndFuture);
    const reason =
      future === undefined ? event.skipReason : icsSkipReasons.thisAndFuture(future.recurrenceId?.text ?? '');
    if (reason !== undefined) {
      // A changed date of a skipped series is skipped with it: its other dates are unknown.
      reasons.set(event, reason);
      for (const change of series)
        reasons.set(change, icsSkipReasons.ofSkippedSeries(change.recurrenceId?.text ?? ''));
      continue;
    }
    covered.addEvent(
      event,
      series.map((change) => change.recurrenceId?.day as number),
      budget,
    );
  }
  // The changed dates themselves: a cancelled one only removes its date from the series.
  for (const event of events) {
    if (!isChange(event) || reasons.has(event) || event.cancelled) continue;
    if (event.skipReason === undefined) covered.addEvent(event, [], budget);
    else reasons.set(event, event.skipReason);
  }

  const skipped: SkippedIcsEvent[] = [];
  for (const event of events) {
    const reason = reasons.get(event);
    if (reason !== undefined) skipped.push({ uid: event.uid, summary: event.summary, reason });
  }
  return { dates: covered.dates(), skipped };
}

/** `[fromDay, toDay]` of the options, checked. */
function rangeOf(options: unknown): [number, number] {
  if (options === null || typeof options !== 'object')
    fail('invalid_type', [], expectedGot('options', [], icsExpected.options, options));
  const { from, to } = options as { from?: unknown; to?: unknown };
  const fromDay = typeof from === 'string' ? parseLocalDate(from) : undefined;
  if (fromDay === undefined)
    fail('invalid_local_date', ['from'], expectedGot('options', ['from'], expected.localDate, from));
  const toDay = typeof to === 'string' ? parseLocalDate(to) : undefined;
  if (toDay === undefined)
    fail('invalid_local_date', ['to'], expectedGot('options', ['to'], expected.localDate, to));
  const fromText = from as string;
  if (toDay < fromDay)
    fail('invalid_value', ['to'], expectedGot('options', ['to'], icsExpected.toAfterFrom(fromText), to));
  const start = civilFromDays(fromDay);
  const limitYear = start.year + 100;
  const limitDay = daysFromCivil(
    limitYear,
    start.month,
    Math.min(start.day, daysInMonth(limitYear, start.month)),
  );
  if (toDay > limitDay)
    fail('out_of_range', ['to'], expectedGot('options', ['to'], icsExpected.toWithin100Years(fromText), to));
  return [fromDay, toDay];
}

/**
 * The days of `[fromDay, toDay]` that some instance covers, kept as a difference array (+1 where
 * an instance starts covering, -1 after it stops), so that an instance costs O(1) however long it
 * is, and memory is bounded by the range (at most 100 years of days).
 */
class CoveredDays {
  private readonly marks: Int32Array;

  constructor(
    private readonly fromDay: number,
    private readonly toDay: number,
  ) {
    this.marks = new Int32Array(toDay - fromDay + 2);
  }

  /** Adds every instance of an all-day event, except those starting on a `replaced` day. */
  addEvent(event: IcsEventReading, replaced: readonly number[], budget: StepBudget): void {
    const { startDay, lengthDays, rules, addedDays, excludedDays } = event.dates;
    const excluded = new Set([...excludedDays, ...replaced]);
    const add = (day: number) => {
      if (excluded.has(day)) return;
      const first = Math.max(day, this.fromDay);
      const last = Math.min(day + lengthDays - 1, this.toDay);
      if (first > last) return;
      this.marks[first - this.fromDay] = (this.marks[first - this.fromDay] as number) + 1;
      this.marks[last - this.fromDay + 1] = (this.marks[last - this.fromDay + 1] as number) - 1;
    };
    if (rules.length === 0) add(startDay);
    // The earliest start whose instance still reaches fromDay.
    const firstStart = this.fromDay - lengthDays + 1;
    for (const rule of rules) expandYearly(rule, startDay, firstStart, this.toDay, budget, add);
    for (const day of addedDays) add(day);
  }

  /** The covered days as local dates, ascending. */
  dates(): string[] {
    const dates: string[] = [];
    let depth = 0;
    for (let day = this.fromDay; day <= this.toDay; day++) {
      depth += this.marks[day - this.fromDay] as number;
      if (depth > 0) dates.push(formatLocalDate(day));
    }
    return dates;
  }
}
