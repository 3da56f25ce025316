/**
 * The iCalendar value types that holiday import reads (RFC 5545 section 3.3): DATE and DATE-TIME
 * as day numbers, DURATION as seconds, TEXT unescaped. A DATE-TIME is only ever needed for its
 * date as written (an `EXDATE` with a time excludes that date), so its time is checked and then
 * dropped, whatever its zone.
 */
import { fail } from '../../errors.js';
import { icsLineProblem, icsProblems } from '../../messages.js';
import { daysFromCivil, daysInMonth } from '../../time/civil.js';
import type { IcsContentLine } from './icsContentLines.js';

/** A DATE or DATE-TIME value: its date as a day number, and whether it had a time. */
export interface IcsDay {
  readonly day: number;
  readonly timed: boolean;
  /** The value as written, for messages. */
  readonly text: string;
}

const dateTimePattern = /^(\d{4})(\d{2})(\d{2})(?:[Tt](\d{2})(\d{2})(\d{2})[Zz]?)?$/;

/**
 * Reads `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`, or `undefined` when malformed or impossible
 * (`20260230`, hour 24). A second of 60 is accepted: RFC 5545 allows leap seconds.
 *
 * @example
 * parseIcsDay('20261225') //=> { day: 20812, timed: false, text: '20261225' }
 */
export function parseIcsDay(text: string): IcsDay | undefined {
  const m = dateTimePattern.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const dayOfMonth = Number(m[3]);
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return undefined;
  const timed = m[4] !== undefined;
  if (timed && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60)) return undefined;
  return { day: daysFromCivil(year, month, dayOfMonth), timed, text };
}

/** The `VALUE` parameter of a property, upper-cased, or `undefined`. */
export function valueTypeOf(property: IcsContentLine): string | undefined {
  return property.params.get('VALUE')?.[0]?.toUpperCase();
}

/**
 * The dates of a DATE or DATE-TIME property (`DTSTART`, `EXDATE`...), one per comma-separated
 * value; empty items are ignored. A `VALUE=DATE` value must be a date and a `VALUE=DATE-TIME` one
 * a date-time; without `VALUE`, the shape decides (a bare `YYYYMMDD` is a date, as ical.js reads
 * it). Throws `SlaValidationError` naming the line for anything else.
 *
 * @example
 * readIcsDays({ name: 'EXDATE', params: new Map(), value: '20261225,20261226T000000Z', line: 9 }, false)
 *   .map((d) => d.timed) //=> [false, true]
 */
export function readIcsDays(property: IcsContentLine, list: boolean): IcsDay[] {
  const type = valueTypeOf(property);
  if (type !== undefined && type !== 'DATE' && type !== 'DATE-TIME')
    fail(
      'invalid_value',
      [],
      icsLineProblem(property.line, icsProblems.badValueType(property.name, type, ['DATE', 'DATE-TIME'])),
    );
  const days: IcsDay[] = [];
  for (const item of list ? property.value.split(',') : [property.value]) {
    const text = item.trim();
    if (text === '' && list) continue;
    const parsed = parseIcsDay(text);
    if (parsed === undefined)
      fail('invalid_value', [], icsLineProblem(property.line, icsProblems.badDate(property.name, text)));
    if (type !== undefined && parsed.timed !== (type === 'DATE-TIME'))
      fail(
        'invalid_value',
        [],
        icsLineProblem(property.line, icsProblems.wrongValueType(property.name, type, text)),
      );
    days.push(parsed);
  }
  return days;
}

const durationPattern = /^([+-])?P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)$/;

/**
 * Seconds of a DURATION value (`P1D`, `P2W`, `PT86400S`, `-P1D`), or `undefined` when malformed.
 * Days count 86 400 s here: an all-day event has no time zone to make them longer or shorter.
 *
 * @example
 * parseIcsDuration('P1DT12H') //=> 129600
 */
export function parseIcsDuration(text: string): number | undefined {
  const m = durationPattern.exec(text);
  // "P" alone and "PT" alone match the pattern but name no length.
  if (m === null || text.endsWith('P') || text.endsWith('T')) return undefined;
  const [, sign, weeks, days, hours, minutes, seconds] = m;
  const total =
    Number(weeks ?? 0) * 604_800 +
    Number(days ?? 0) * 86_400 +
    Number(hours ?? 0) * 3600 +
    Number(minutes ?? 0) * 60 +
    Number(seconds ?? 0);
  return sign === '-' ? -total : total;
}

/**
 * A TEXT value unescaped (`\,` `\;` `\\` `\n`), as `SUMMARY` and `UID` are written.
 *
 * @example
 * unescapeIcsText('New Year\\, observed') //=> 'New Year, observed'
 */
export function unescapeIcsText(text: string): string {
  return text.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
