/**
 * Every human-readable message the library produces, in one place.
 *
 * Each message names where the problem is (`calendar.week.mon[0][1]`), what was found and what
 * was expected, so that a person reading a log line can fix their input without the docs.
 */
import type { SlaPath } from './errors.js';
import { dateValueOf } from './time/date.js';

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
  const dateMs = typeof value === 'object' && value !== null ? dateValueOf(value) : undefined;
  if (dateMs !== undefined) return Number.isNaN(dateMs) ? 'an invalid Date' : 'a Date';
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

// ---------------------------------------------------------------------------------------------
// holidaysFromIcs (src/calendar/holidays/): its arguments, the problems that make an iCalendar
// text malformed (each reported with its line), and why an event is skipped.

/**
 * What holidaysFromIcs expects of its arguments.
 *
 * @example
 * icsExpected.toAfterFrom('2026-01-01') //=> 'a local date on or after options.from ("2026-01-01")'
 */
export const icsExpected = {
  text: 'the text of an iCalendar file (a string)',
  options: 'options { from, to } with two local dates "YYYY-MM-DD"',
  toAfterFrom: (fromText: string) => `a local date on or after options.from (${JSON.stringify(fromText)})`,
  toWithin100Years: (fromText: string) =>
    `a local date at most 100 years after options.from (${JSON.stringify(fromText)})`,
} as const;

/**
 * `text: line 12: <problem>`: where an iCalendar text is malformed.
 *
 * @example
 * icsLineProblem(3, icsProblems.noColon('DTSTART')) //=> 'text: line 3: expected ":" and a value after DTSTART'
 */
export function icsLineProblem(line: number, problem: string): string {
  return `text: line ${line}: ${problem}`;
}

const icsDateForms = 'a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS[Z] that exists';
const icsRulePartList = 'INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY and WKST';

/**
 * The problems that make an iCalendar text malformed, reported with their line.
 *
 * @example
 * icsProblems.badPositive('INTERVAL', '0') //=> 'RRULE: INTERVAL: expected a whole number of at least 1, got "0"'
 */
export const icsProblems = {
  noCalendar: (found: string) => `expected BEGIN:VCALENDAR, got ${found}`,
  orphanFold: 'a folded line (one that starts with a space or a tab) with no content line before it',
  badName: (found: string) => `expected a property name such as DTSTART, got ${describeValue(found)}`,
  badParameter: (name: string) =>
    `${name}: expected parameters NAME=VALUE (a value with ";", ":" or "," in double quotes)`,
  noColon: (name: string) => `expected ":" and a value after ${name}`,
  badComponent: (keyword: string, found: string) =>
    `${keyword}: expected a component name such as VEVENT, got ${describeValue(found)}`,
  misplacedCalendar: (parent: string) => `BEGIN:VCALENDAR inside ${parent}: calendars do not nest`,
  misplacedEvent: (parent: string) =>
    `BEGIN:VEVENT inside ${parent}: a VEVENT belongs directly in a VCALENDAR`,
  unclosed: (name: string) => `BEGIN:${name} is never closed by END:${name}`,
  strayEnd: (name: string) => `END:${name} without a BEGIN:${name}`,
  mismatchedEnd: (name: string, open: string, openLine: number) =>
    `END:${name} does not close BEGIN:${open} (line ${openLine})`,
  twice: (name: string, firstLine: number) =>
    `${name} appears twice in one VEVENT (first on line ${firstLine})`,
  endAndDuration: 'DTEND and DURATION in one VEVENT (RFC 5545 allows one or the other)',
  badDate: (name: string, value: string) => `${name}: expected ${icsDateForms}, got ${describeValue(value)}`,
  wrongValueType: (name: string, type: string, value: string) =>
    `${name};VALUE=${type}: expected ${type === 'DATE' ? 'a date YYYYMMDD' : 'a date-time YYYYMMDDTHHMMSS[Z]'} that exists, got ${describeValue(value)}`,
  badValueType: (name: string, type: string, allowed: readonly string[]) =>
    `${name}: expected VALUE=${allowed.join(' or VALUE=')}, got VALUE=${type}`,
  badDuration: (value: string) =>
    `DURATION: expected a duration such as P1D, P2W or PT24H, got ${describeValue(value)}`,
  rulePart: (part: string) => `RRULE: expected NAME=VALUE parts separated by ";", got ${describeValue(part)}`,
  ruleTwice: (name: string) => `RRULE: ${name} appears twice`,
  noFreq: 'RRULE: FREQ is missing',
  badFreq: (value: string) =>
    `RRULE: FREQ: expected SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY, got ${describeValue(value)}`,
  badPositive: (name: string, value: string) =>
    `RRULE: ${name}: expected a whole number of at least 1, got ${describeValue(value)}`,
  badUntil: (value: string) => `RRULE: UNTIL: expected ${icsDateForms}, got ${describeValue(value)}`,
  countAndUntil: 'RRULE: COUNT and UNTIL together (RFC 5545 allows one or the other)',
  badMonths: (value: string) =>
    `RRULE: BYMONTH: expected months 1 to 12 separated by commas, got ${describeValue(value)}`,
  badMonthDays: (value: string) =>
    `RRULE: BYMONTHDAY: expected days 1 to 31 or -31 to -1 separated by commas, got ${describeValue(value)}`,
  badWeekdays: (value: string) =>
    `RRULE: BYDAY: expected weekdays such as MO, 4TH or -1MO (ordinals 1 to 53) separated by commas, got ${describeValue(value)}`,
  badWeekStart: (value: string) =>
    `RRULE: WKST: expected MO, TU, WE, TH, FR, SA or SU, got ${describeValue(value)}`,
  tooCostly: (steps: number) =>
    `RRULE: expanding the recurrence rules of this text takes more than ${steps} steps (a rule with COUNT is expanded from its DTSTART)`,
} as const;

/**
 * Why holidaysFromIcs leaves an event out of its dates: the `reason` of a skipped event. Each
 * names the property, so that a person can find it in the file.
 *
 * @example
 * icsSkipReasons.freq('WEEKLY') //=> 'RRULE FREQ=WEEKLY: only FREQ=YEARLY rules are expanded'
 */
export const icsSkipReasons = {
  noStart: 'no DTSTART',
  timed: (value: string, outlookAllDay: boolean) =>
    `DTSTART has a time (${value}): only all-day events (DTSTART;VALUE=DATE) are read as holidays${
      outlookAllDay
        ? '; Outlook marks this one all-day (X-MICROSOFT-CDO-ALLDAYEVENT:TRUE) but wrote times, so its dates depend on a time zone'
        : ''
    }`,
  cancelled: 'STATUS:CANCELLED: the event is cancelled',
  freq: (freq: string) => `RRULE FREQ=${freq}: only FREQ=YEARLY rules are expanded`,
  ruleParts: (names: readonly string[]) =>
    `RRULE ${names.join(', ')}: not supported (a FREQ=YEARLY rule may use ${icsRulePartList})`,
  exrule: 'EXRULE: not supported (RFC 5545 deprecated it)',
  rdatePeriod: 'RDATE;VALUE=PERIOD: not supported',
  rdateTimed: (value: string) => `RDATE has a time (${value}) while DTSTART is a date`,
  endTimed: (value: string) => `DTEND has a time (${value}) while DTSTART is a date`,
  endBeforeStart: (end: string, start: string) => `DTEND (${end}) is before DTSTART (${start})`,
  durationNotDays: (value: string) => `DURATION ${value} is not a whole number of days`,
  durationNegative: (value: string) => `DURATION ${value} is negative`,
  thisAndFuture: (recurrenceId: string) =>
    `RECURRENCE-ID;RANGE=THISANDFUTURE changes the series from ${recurrenceId} on: not supported`,
  ofSkippedSeries: (recurrenceId: string) =>
    `RECURRENCE-ID ${recurrenceId} changes one date of a series that is skipped`,
} as const;

// ---------------------------------------------------------------------------------------------
// diffSlaStates and compareSlaPolicies (src/report/diff.ts, compare.ts): what-if comparisons.

/**
 * What the what-if functions expect of their arguments, beside the state fields of `expected`.
 *
 * @example
 * whatIfExpected.sameTicket('T-1') //=> 'the ticketId of before ("T-1"): both states must be of one ticket'
 */
export const whatIfExpected = {
  compareOptions: 'options { now, groupBy?, calendars? }',
  compareGroupBy:
    'an attribute name (a string), a function (after: SlaState) => string | number | boolean | null, or { policyVersion: true }',
  metricStatus: '"inactive", "running", "paused", "met", "breached", "cancelled" or "stopped"',
  breachedFlag: 'true or false',
  cycleCount: 'a whole number of cycles',
  stateTicketId: 'a ticket id: a string, a safe integer or null',
  sameTicket: (ticketId: unknown) =>
    `the ticketId of before (${describeValue(ticketId)}): both states must be of one ticket`,
  reiterable:
    'a re-iterable such as an array, because changes() reads the tickets again (compareSlaPolicies has used up this one-shot iterator)',
  oneShot: 'an iterator that iterates only once, such as a generator object',
} as const;
