/**
 * Random iCalendar texts for the holiday import properties: valid calendars of all-day and timed
 * events, yearly and other rules, RDATE, EXDATE and RECURRENCE-ID, as an export might hold them.
 * Dates are written and checked with `Date.UTC` here, independently of src/time/civil.ts.
 */
import fc from 'fast-check';
import { calendar, event } from './icsText.js';

const msPerDay = 86_400_000;
/** Day numbers of 1990-01-01 and 2040-12-31. */
const firstDay = Date.UTC(1990, 0, 1) / msPerDay;
const lastDay = Date.UTC(2040, 11, 31) / msPerDay;

/** `YYYYMMDD` of a day number. */
export function compactDate(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10).replaceAll('-', '');
}

/** `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** Day number of `YYYY-MM-DD`. */
export function dayOf(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / msPerDay;
}

export const dayArb = fc.integer({ min: firstDay, max: lastDay });

const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A FREQ=YEARLY rule, its parts drawn independently (COUNT and UNTIL never together). */
export const yearlyRuleArb: fc.Arbitrary<string> = fc
  .record({
    interval: fc.integer({ min: 1, max: 3 }),
    end: fc.oneof(
      fc.constant(''),
      fc.integer({ min: 1, max: 12 }).map((n) => `;COUNT=${n}`),
      dayArb.map((day) => `;UNTIL=${compactDate(day)}`),
      dayArb.map((day) => `;UNTIL=${compactDate(day)}T000000Z`),
    ),
    months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
    monthDays: fc.uniqueArray(fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: -31, max: -1 })), {
      maxLength: 3,
    }),
    weekdays: fc.uniqueArray(
      fc.tuple(fc.constantFrom('', '1', '2', '4', '-1', '-2', '5', '20'), fc.constantFrom(...weekdayCodes)),
      { maxLength: 2 },
    ),
  })
  .map(({ interval, end, months, monthDays, weekdays }) => {
    let rule = `FREQ=YEARLY;INTERVAL=${interval}${end}`;
    if (months.length > 0) rule += `;BYMONTH=${months.join(',')}`;
    if (monthDays.length > 0) rule += `;BYMONTHDAY=${monthDays.join(',')}`;
    // An ordinal above 5 means something only for the year, without BYMONTH.
    const entries = weekdays.filter(([ordinal]) => months.length === 0 || Math.abs(Number(ordinal)) <= 5);
    if (entries.length > 0)
      rule += `;BYDAY=${entries.map(([ordinal, code]) => `${ordinal}${code}`).join(',')}`;
    return rule;
  });

/** The lines of one VEVENT. */
export const eventLinesArb: fc.Arbitrary<string[]> = fc
  .record({
    uid: fc.constantFrom('a', 'b', 'c', 'd@example.com'),
    summary: fc.constantFrom('Christmas', 'New Year\\, observed', 'Día de la Independencia', ''),
    start: dayArb,
    timed: fc.boolean(),
    length: fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 6 }).map((n) => `DTEND:${n}`),
      fc.integer({ min: 0, max: 6 }).map((n) => `DURATION:P${n}D`),
      fc.constant('DURATION:PT12H'),
    ),
    rules: fc.array(
      fc.oneof(
        { arbitrary: yearlyRuleArb, weight: 6 },
        { arbitrary: fc.constantFrom('FREQ=WEEKLY', 'FREQ=YEARLY;BYSETPOS=1;BYDAY=MO'), weight: 1 },
      ),
      { maxLength: 2 },
    ),
    rdates: fc.array(dayArb, { maxLength: 2 }),
    exdates: fc.array(fc.tuple(dayArb, fc.boolean()), { maxLength: 3 }),
    recurrenceId: fc.option(dayArb, { nil: undefined }),
    cancelled: fc.boolean(),
  })
  .map(({ uid, summary, start, timed, length, rules, rdates, exdates, recurrenceId, cancelled }) => {
    const lines = [`UID:${uid}`];
    if (summary !== '') lines.push(`SUMMARY:${summary}`);
    lines.push(timed ? `DTSTART:${compactDate(start)}T090000Z` : `DTSTART;VALUE=DATE:${compactDate(start)}`);
    if (length.startsWith('DTEND:'))
      lines.push(`DTEND;VALUE=DATE:${compactDate(start + Number(length.slice(6)))}`);
    else if (length !== '') lines.push(length);
    for (const rule of rules) lines.push(`RRULE:${rule}`);
    if (rdates.length > 0) lines.push(`RDATE;VALUE=DATE:${rdates.map(compactDate).join(',')}`);
    for (const [day, withTime] of exdates)
      lines.push(`EXDATE:${compactDate(day)}${withTime ? 'T000000Z' : ''}`);
    if (recurrenceId !== undefined) lines.push(`RECURRENCE-ID;VALUE=DATE:${compactDate(recurrenceId)}`);
    if (cancelled) lines.push('STATUS:CANCELLED');
    return lines;
  });

/** A valid calendar text of up to six events, CRLF line endings. */
export const calendarArb: fc.Arbitrary<string> = fc
  .array(eventLinesArb, { maxLength: 6 })
  .map((events) => calendar(...events.map((lines) => event(...lines))));

/** A range of one day to 30 years, within the years the events use. */
export const rangeArb: fc.Arbitrary<{ from: string; to: string }> = fc
  .tuple(dayArb, fc.integer({ min: 0, max: 30 * 366 }))
  .map(([from, days]) => ({ from: isoDate(from), to: isoDate(Math.min(from + days, lastDay)) }));

/**
 * The text with its lines folded at random places: each cut becomes CRLF and a space or a tab,
 * as RFC 5545 allows anywhere in a line (even inside a name or a date).
 */
export function foldedArb(text: string): fc.Arbitrary<string> {
  const lines = text.split('\r\n');
  return fc
    .tuple(
      ...lines.map((line) =>
        fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, line.length) }), { maxLength: 4 }),
      ),
      fc.constantFrom(' ', '\t'),
    )
    .map((parts) => {
      const whitespace = parts[parts.length - 1] as string;
      return lines
        .map((line, i) => {
          if (line === '') return line;
          const cuts = [...(parts[i] as number[])].sort((a, b) => a - b);
          let folded = '';
          let from = 0;
          for (const cut of cuts) {
            folded += `${line.slice(from, cut)}\r\n${whitespace}`;
            from = cut;
          }
          return folded + line.slice(from);
        })
        .join('\r\n');
    });
}
