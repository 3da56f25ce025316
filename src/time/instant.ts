/**
 * Instants at the edge: every accepted input form becomes an epoch-ms number here, once.
 */
import { fail, type SlaPath } from '../errors.js';
import { expected, expectedGot } from '../messages.js';
import { daysFromCivil, daysInMonth } from './civil.js';
import { maxInstantMs, minInstantMs } from './range.js';
import { msPerDay, msPerHour, msPerMinute, msPerSecond } from './units.js';

/** An instant as accepted at the edges: epoch ms, a `Date`, or an RFC 3339 string with an offset. */
export type Instant = number | Date | string;

// RFC 3339 date-time: seconds required, optional fraction (digits past ms are truncated),
// `Z` or a numeric offset. `T`/`Z` in either case, as RFC 3339 section 5.6 allows.
const rfc3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses an RFC 3339 timestamp into epoch ms, or returns `undefined` when it is not one.
 * Our own parser, not `Date.parse`, which accepts strings without an offset and reads them in
 * the machine's zone.
 *
 * @example
 * parseRfc3339('2026-03-02T10:00:00.250+01:00') //=> 1772442000250
 */
export function parseRfc3339(text: string): number | undefined {
  const m = rfc3339.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // No leap second: `:60` has no epoch-ms value.
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const fraction = m[7] ?? '';
  const ms = fraction === '' ? 0 : Number(`${fraction}00`.slice(0, 3));
  let offsetMs = 0;
  if (m[8] === undefined) {
    const offsetHour = Number(m[10]);
    const offsetMinute = Number(m[11]);
    if (offsetHour > 23 || offsetMinute > 59) return undefined;
    offsetMs = (m[9] === '-' ? -1 : 1) * (offsetHour * msPerHour + offsetMinute * msPerMinute);
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
  let ms: number | undefined;
  if (typeof value === 'number') {
    ms = Number.isInteger(value) ? value : undefined;
  } else if (typeof value === 'string') {
    ms = parseRfc3339(value);
  } else if (value instanceof Date) {
    const time = value.getTime();
    ms = Number.isNaN(time) ? undefined : time;
  }
  if (ms === undefined) fail('invalid_instant', path, expectedGot(root, path, expected.instant, value));
  if (ms < minInstantMs || ms > maxInstantMs) {
    fail('out_of_range', path, expectedGot(root, path, expected.instantInRange, value));
  }
  return ms;
}

const noPath: SlaPath = [];

/**
 * Writes epoch ms as an RFC 3339 UTC string with milliseconds, the JSON output form.
 *
 * @example
 * formatInstant(1772442000000) //=> '2026-03-02T09:00:00.000Z'
 */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}
