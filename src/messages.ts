/**
 * Every human-readable message the library produces, in one place.
 *
 * Each message names where the problem is (`calendar.week.mon[0][1]`), what was found and what
 * was expected, so that a person reading a log line can fix their input without the docs.
 */
import type { SlaPath } from './errors.js';

/**
 * Renders a path the way a JavaScript reader would write it.
 *
 * @example
 * formatPath('calendar', ['week', 'mon', 0, 1]) //=> 'calendar.week.mon[0][1]'
 */
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

/**
 * `<path>: expected <what>, got <value>`: the shape of every message.
 *
 * @example
 * expectedGot('at', [], 'an instant', 'yesterday') //=> 'at: expected an instant, got "yesterday"'
 */
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
  calendarSpec: '"24/7" or a calendar object { timeZone, week, holidays?, overrides? }',
  uniqueOverrideDate: 'at most one override per date',
  compiledCalendar: 'a calendar returned by compileCalendar(spec)',
  matcher:
    'a matcher: a string, number, boolean or null, an array of them, { not: ... } or { exists: true | false }',
  condition: 'a condition: { field: matcher, ... }, { all: [...] }, { any: [...] } or { not: condition }',
  conditions: 'an array of conditions',
  fieldName:
    'a field name other than "all", "any" and "not" (each of those must be the only key of its object)',
  trigger: 'a trigger { on: "created" | "customer_message" | "agent_message" } or { when: condition }',
  triggers: 'a trigger or an array of triggers',
  triggerOn: '"created", "customer_message" or "agent_message"',
  target: 'a duration such as "4h" or "PT4H", more than 0 and at most 100 years',
  warning: 'a warning such as "75%", "-15m" (before the target is used up) or "+1h" (past it)',
  warnings: 'an array of warnings such as ["75%", "-15m", "+1h"]',
  uniqueWarning: 'no duplicate warnings ("75%" = "75.0%", "-15m" = "-PT15M")',
  kind: '"first_response", "next_response", "periodic_update", "resolution" or "custom"',
  restart: '"never", "resume" or "new_cycle"',
  goal: 'a goal { when?, target, calendar? }',
  goals: 'a non-empty array of goals { when?, target, calendar? }',
  calendarRef: 'the name of a calendar defined in policy.calendars, or "24/7"',
  calendarName: 'a calendar name other than "24/7" (which is always defined)',
  calendars: 'an object of named calendars { name: calendar }',
  metricName: 'a metric name that is not integer-like (integer keys would reorder the output)',
  metrics: 'an object of named metrics { name: metric }',
  customTrigger: 'a trigger: a custom metric has no default start or stop',
  metric: 'a metric { kind, goals, start?, stop?, cancel?, pauseWhen?, restart?, warnings? }',
  policy: 'a policy { calendars?, resolvedWhen?, metrics }',
  compiledPolicy: 'a policy spec or a policy returned by compilePolicy(spec)',
  ticket: 'a ticket { id, events } or an array of events',
  ticketId: 'a string id',
  events: 'an array of events',
  event: 'an event { type, at, ... }',
  eventType: '"created", "updated" or "message"',
  author: '"customer", "agent" or "system"',
  publicFlag: 'true or false (default true)',
  attributes: 'an object of attributes { name: string | number | boolean | null }',
  attributeValue: 'a string, a finite number, a boolean or null',
  oneCreated: 'exactly one "created" event',
  createdFirst: 'an instant at or after the "created" event',
  options: 'options { now }',
  metricOfPolicy: 'the name of a metric of the policy',
  cycleIndex: 'the index of a cycle of the metric',
  shallow: 'at most 64 levels of nesting',
} as const;

/** A key the schema does not know: `calendar.week.mnd: unknown key "mnd", expected ...`. */
export function unknownKey(root: string, path: SlaPath, key: string, allowed: readonly string[]): string {
  return `${formatPath(root, path)}: unknown key ${JSON.stringify(key)}, expected one of ${allowed.join(', ')}`;
}

/** `<path>: expected <what>, got <a description>` when the value itself is not worth quoting. */
export function expectedFound(root: string, path: SlaPath, expected: string, found: string): string {
  return `${formatPath(root, path)}: expected ${expected}, got ${found}`;
}

/** A required key that is missing. */
export function missingKey(root: string, path: SlaPath, what: string): string {
  return `${formatPath(root, path)}: required, expected ${what}`;
}
