/**
 * Durations at the edge: compact (`"1h30m"`) and ISO 8601 (`"PT1H30M"`) strings and integer ms.
 *
 * `d` is 24 hours and `w` 7 days **of counted time**, as in ServiceNow: on a 09:00-17:00
 * calendar, `"1d"` is three business days. Years and months are refused: their length is not a
 * number of milliseconds.
 */
import { msPerDay, msPerHour, msPerMinute, msPerSecond, msPerWeek } from './units.js';

// Units in descending order, each at most once. Anchored, so "5ms" cannot end as "5m" + "s":
// no lookahead needed, which keeps the pattern portable to RE2-style JSON Schema validators.
const compact = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const iso = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{1,3}))?S)?)?$/;
/**
 * Either spelling as one regular-expression source, for JSON Schema `pattern`s (the parser still
 * decides). A function, so that importing does no work.
 *
 * @example
 * new RegExp(`^${durationSource()}$`).test('1h30m') //=> true
 */
export function durationSource(): string {
  return `(?:${compact.source.slice(1, -1)}|${iso.source.slice(1, -1)})`;
}
const compactUnitsMs = [msPerWeek, msPerDay, msPerHour, msPerMinute, msPerSecond, 1];
const isoUnitsMs = [msPerWeek, msPerDay, msPerHour, msPerMinute, msPerSecond];

function sumUnits(match: RegExpExecArray, unitsMs: readonly number[]): number | undefined {
  let total = 0;
  let present = false;
  for (let i = 0; i < unitsMs.length; i++) {
    const digits = match[i + 1];
    if (digits === undefined) continue;
    present = true;
    total += Number(digits) * (unitsMs[i] as number);
  }
  return present ? total : undefined;
}

/**
 * Parses a duration string without throwing: ms, or `undefined` when it is not a duration.
 *
 * @example
 * parseDurationText('1h30m') //=> 5400000
 * parseDurationText('PT4H') //=> 14400000
 */
export function parseDurationText(text: string): number | undefined {
  const short = compact.exec(text);
  if (short !== null) return sumUnits(short, compactUnitsMs);
  const long = iso.exec(text);
  if (long === null || text.endsWith('T')) return undefined;
  const whole = sumUnits(long, isoUnitsMs);
  if (whole === undefined) return undefined;
  const fraction = long[6];
  return fraction === undefined ? whole : whole + Number(`${fraction}00`.slice(0, 3));
}
