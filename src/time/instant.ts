/**
 * Instants at the edge: every accepted input form becomes an epoch-ms number here, once.
 */
import { fail, type SlaPath } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import { daysFromCivil, daysInMonth } from './civil.js';
import { dateValueOf } from './date.js';
import { formatLocalDate, pad2 } from './localDate.js';
import { maxInstantMs, minInstantMs } from './range.js';
import { msPerDay, msPerHour, msPerMinute, msPerSecond } from './units.js';

/** An instant as accepted at the edges: epoch ms, a `Date`, or an RFC 3339 string with an offset. */
export type Instant = number | Date | string;

/** The value of the decimal digit at `i`, or -1 when it is not one. */
function digitAt(text: string, i: number): number {
  const code = text.charCodeAt(i) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/** The two-digit number at `i`, or -1. */
function twoDigitsAt(text: string, i: number): number {
  const tens = digitAt(text, i);
  const ones = digitAt(text, i + 1);
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
}

/**
 * Parses an RFC 3339 timestamp into epoch ms, or returns `undefined` when it is not one:
 * `YYYY-MM-DDTHH:MM:SS`, an optional fraction (digits past ms are truncated), then `Z` or an
 * offset; `T` and `Z` in either case (RFC 3339 section 5.6); no leap second `:60`. As backends
 * write them (docs/policy.md, "Instants"): a space instead of `T` (RFC 3339's note, Python's
 * `str(datetime)`), and offsets `±HH:MM`, `±HHMM` (ISO 8601 basic) or `±HH` (PostgreSQL's text
 * output). A string without an offset is still refused: it names no instant.
 * Our own parser, not `Date.parse`, which accepts strings without an offset and reads them in the
 * machine's zone. Character by character: it runs once per event, on the hot path.
 *
 * @example
 * parseRfc3339('2026-03-02T10:00:00.250+01:00') //=> 1772442000250
 */
export function parseRfc3339(text: string): number | undefined {
  const length = text.length;
  if (length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined; // "-"
  const separator = text.charCodeAt(10);
  if (separator !== 84 && separator !== 116 && separator !== 32) return undefined; // "T", "t" or " "
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined; // ":"
  const century = twoDigitsAt(text, 0);
  const yearOfCentury = twoDigitsAt(text, 2);
  const month = twoDigitsAt(text, 5);
  const day = twoDigitsAt(text, 8);
  const hour = twoDigitsAt(text, 11);
  const minute = twoDigitsAt(text, 14);
  const second = twoDigitsAt(text, 17);
  if (century < 0 || yearOfCentury < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return undefined;
  if (second < 0 || second > 59) return undefined;
  const year = century * 100 + yearOfCentury;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === 46) {
    // "." then at least one digit; only the first three count.
    i++;
    const fractionStart = i;
    while (i < length && digitAt(text, i) >= 0) {
      if (i - fractionStart < 3)
        ms += digitAt(text, i) * (i === fractionStart ? 100 : i === fractionStart + 1 ? 10 : 1);
      i++;
    }
    if (i === fractionStart) return undefined;
  }
  let offsetMs = 0;
  const zone = text.charCodeAt(i);
  if (zone === 90 || zone === 122) {
    if (i + 1 !== length) return undefined; // "Z" or "z" ends the text
  } else if (zone === 43 || zone === 45) {
    // "+HH:MM", "+HHMM" or "+HH" (and "-")
    const rest = length - i;
    const colon = rest === 6 && text.charCodeAt(i + 3) === 58;
    if (!colon && rest !== 5 && rest !== 3) return undefined;
    const offsetHour = twoDigitsAt(text, i + 1);
    const offsetMinute = rest === 3 ? 0 : twoDigitsAt(text, colon ? i + 4 : i + 3);
    if (offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return undefined;
    offsetMs = (zone === 45 ? -1 : 1) * (offsetHour * msPerHour + offsetMinute * msPerMinute);
  } else {
    return undefined;
  }
  return (
    daysFromCivil(year, month, day) * msPerDay +
    hour * msPerHour +
    minute * msPerMinute +
    second * msPerSecond +
    ms -
    offsetMs
  );
}

/**
 * Epoch ms of any accepted instant form, unchecked against the supported range, or `NaN` when
 * the value is not an instant at all. For callers that build an error path only on failure.
 *
 * @example
 * instantMsOrNaN('2026-03-02T09:00:00') //=> NaN (no offset)
 */
export function instantMsOrNaN(value: unknown): number {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number.NaN;
  if (typeof value === 'string') return parseRfc3339(value) ?? Number.NaN;
  if (typeof value === 'object' && value !== null) return dateValueOf(value) ?? Number.NaN;
  return Number.NaN;
}

/** Whether epoch ms lie in the supported range (false for NaN). */
export function isInstantInRange(ms: number): boolean {
  return ms >= minInstantMs && ms <= maxInstantMs;
}

/**
 * Converts any accepted instant form into epoch ms within the supported range, or throws an
 * `SlaValidationError` naming `root` and `path`.
 *
 * @example
 * toInstantMs('2026-03-02T09:00:00Z', 'at') //=> 1772442000000
 */
export function toInstantMs(value: unknown, root: string, path: SlaPath = noPath): number {
  // The hot path: an integer epoch-ms number in range, checked without allocating.
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= minInstantMs &&
    value <= maxInstantMs
  ) {
    return value;
  }
  const ms = instantMsOrNaN(value);
  if (Number.isNaN(ms)) fail('invalid_instant', path, expectedGot(root, path, expected.instant, value));
  if (!isInstantInRange(ms))
    fail('out_of_range', path, expectedGot(root, path, expected.instantInRange, value));
  return ms;
}

const noPath: SlaPath = [];

// The date part of the last instant formatted: states hold many instants of the same few days.
// A memo only: it never changes a result.
let memoDay = Number.NaN;
let memoDatePrefix = '';

/**
 * Writes epoch ms as an RFC 3339 UTC string with milliseconds, the JSON output form, exactly as
 * `Date.prototype.toISOString` does for years 1000-9999, several times faster (it runs for every
 * instant of every state the CLI writes).
 *
 * @example
 * formatInstant(1772442000000) //=> '2026-03-02T09:00:00.000Z'
 */
export function formatInstant(ms: number): string {
  const dayNumber = Math.floor(ms / msPerDay);
  if (dayNumber !== memoDay) {
    memoDatePrefix = `${formatLocalDate(dayNumber)}T`;
    memoDay = dayNumber;
  }
  let rest = ms - dayNumber * msPerDay;
  const hour = Math.floor(rest / msPerHour);
  rest -= hour * msPerHour;
  const minute = Math.floor(rest / msPerMinute);
  rest -= minute * msPerMinute;
  const second = Math.floor(rest / msPerSecond);
  const milli = rest - second * msPerSecond;
  return `${memoDatePrefix}${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : milli}Z`;
}
