/**
 * Every human-readable message the library produces, in one place.
 *
 * Each message names where the problem is (`calendar.week.mon[0][1]`), what was found and what
 * was expected, so that a person reading a log line can fix their input without the docs.
 */
import type { SlaPath } from './errors.js';

/** Renders a path the way a JavaScript reader would write it: `calendar.week.mon[0][1]`. */
export function formatPath(root: string, path: SlaPath): string {
  let text = root;
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(input)' : text;
}

/** Describes a received value briefly and unambiguously (strings quoted, long values cut). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? 'an array' : 'an object';
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `<path>: expected <what>, got <value>`: the shape of every message. */
export function expectedGot(root: string, path: SlaPath, expected: string, value: unknown): string {
  return `${formatPath(root, path)}: expected ${expected}, got ${describeValue(value)}`;
}

export const expected = {
  instant:
    'an instant: an integer epoch-ms number, a valid Date, or an RFC 3339 string with an offset such as "2026-03-02T09:00:00Z"',
  instantInRange: 'an instant from 1900-01-01T00:00:00Z to 2200-12-31T23:59:59.999Z',
  duration: 'a duration such as "4h", "1h30m" or "PT4H", or a non-negative integer number of milliseconds',
  signedMs: 'a finite integer number of milliseconds',
  timeZone: 'an IANA time zone such as "Europe/Berlin", "America/New_York" or "UTC"',
  localTime: 'a local time "HH:MM" or "HH:MM:SS" from "00:00" to "24:00"',
  startTime: 'a local start time "HH:MM" or "HH:MM:SS" from "00:00" to "23:59:59" ("24:00" is only an end)',
  localDate: 'a local date "YYYY-MM-DD" from 1900-01-01 to 2200-12-31',
  interval: 'an interval [start, end] of two local times such as ["09:00", "17:00"]',
  nonEmptyInterval:
    'an interval whose start and end differ (equal ends are ambiguous: use ["00:00", "24:00"] for a whole day)',
  weekday: 'a weekday key: mon, tue, wed, thu, fri, sat or sun',
  calendarSpec: '"24/7" or a calendar object { timeZone, week, holidays?, overrides? }',
  uniqueOverrideDate: 'at most one override per date',
  compiledCalendar: 'a calendar returned by compileCalendar(spec)',
} as const;

/** A key the schema does not know: `calendar.week.mnd: unknown key "mnd", expected ...`. */
export function unknownKey(root: string, path: SlaPath, key: string, allowed: readonly string[]): string {
  return `${formatPath(root, path)}: unknown key ${JSON.stringify(key)}, expected one of ${allowed.join(', ')}`;
}

/** A required key that is missing. */
export function missingKey(root: string, path: SlaPath, what: string): string {
  return `${formatPath(root, path)}: required, expected ${what}`;
}
