/**
 * Reading an `RRULE` value (RFC 5545 section 3.3.10) into a yearly rule, or into the reason it
 * is not one we expand. Syntax is checked whatever the rule: a malformed part is an error naming
 * the line, while a well-formed rule we do not expand (another `FREQ`, `BYSETPOS`, `BYWEEKNO`,
 * an RFC 7529 `RSCALE`...) is only reported, so the caller can skip its event with that reason.
 */
import { fail } from '../../errors.js';
import { icsLineProblem, icsProblems, icsSkipReasons } from '../../messages.js';
import { parseIcsDay } from './icsValues.js';

/** A weekday of `BYDAY`: 0 = Monday ... 6 = Sunday; `ordinal` 0 = every one, else the nth (negative from the end). */
export interface RuleWeekday {
  readonly weekday: number;
  readonly ordinal: number;
}

/** A `FREQ=YEARLY` rule, its parts checked. */
export interface YearlyRule {
  /** `INTERVAL`: every how many years (1 or more). */
  readonly intervalYears: number;
  /** `COUNT`: how many instances, DTSTART included; `Infinity` without it. */
  readonly count: number;
  /** `UNTIL`: the day number of the last date allowed (its date as written); `Infinity` without it. */
  readonly untilDay: number;
  /** `BYMONTH`: months 1-12, ascending, or `undefined`. */
  readonly months: readonly number[] | undefined;
  /** `BYMONTHDAY`: days 1 to 31 or -31 to -1, or `undefined`. */
  readonly monthDays: readonly number[] | undefined;
  /** `BYDAY`, or `undefined`. */
  readonly weekdays: readonly RuleWeekday[] | undefined;
  /** Line of the `RRULE`, for an error while expanding. */
  readonly line: number;
}

/** A rule we expand, or the reason its event is skipped. */
export type ReadRule = { readonly rule: YearlyRule } | { readonly unsupported: string };

const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const frequencies = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
/** The parts a yearly rule may use; any other part makes its event skipped. */
const expandedParts = new Set([
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYMONTH',
  'BYMONTHDAY',
  'BYDAY',
  'WKST',
]);
const weekdayPattern = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;

/**
 * Reads an `RRULE` value. Throws `SlaValidationError` naming `line` when it is malformed: a part
 * that is not `NAME=VALUE`, a part given twice, `FREQ` missing or unknown, `INTERVAL` or `COUNT`
 * not a whole number of at least 1, `COUNT` with `UNTIL`, a month, day or weekday out of range.
 *
 * @example
 * readRule('FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', 12) // Thanksgiving: the fourth Thursday of November
 * //=> { rule: { intervalYears: 1, count: Infinity, untilDay: Infinity, months: [11], monthDays: undefined, weekdays: [{ weekday: 3, ordinal: 4 }], line: 12 } }
 */
export function readRule(value: string, line: number): ReadRule {
  const parts = new Map<string, string>();
  for (const part of value.trim().split(';')) {
    if (part === '') continue; // a trailing ";" is harmless
    const equals = part.indexOf('=');
    const name = part.slice(0, equals).trim().toUpperCase();
    if (equals <= 0 || !/^[A-Z0-9-]+$/.test(name)) bad(line, icsProblems.rulePart(part));
    if (parts.has(name)) bad(line, icsProblems.ruleTwice(name));
    parts.set(name, part.slice(equals + 1).trim());
  }
  const freq = parts.get('FREQ')?.toUpperCase();
  if (freq === undefined) bad(line, icsProblems.noFreq);
  if (!frequencies.has(freq)) bad(line, icsProblems.badFreq(parts.get('FREQ') as string));
  const intervalYears = positive(parts.get('INTERVAL'), 'INTERVAL', line) ?? 1;
  const count = positive(parts.get('COUNT'), 'COUNT', line) ?? Number.POSITIVE_INFINITY;
  const untilText = parts.get('UNTIL');
  const until = untilText === undefined ? undefined : parseIcsDay(untilText);
  if (untilText !== undefined && until === undefined) bad(line, icsProblems.badUntil(untilText));
  if (until !== undefined && parts.has('COUNT')) bad(line, icsProblems.countAndUntil);
  const months = list(parts.get('BYMONTH'), (item) => integerIn(item, 1, 12), icsProblems.badMonths, line);
  const monthDays = list(parts.get('BYMONTHDAY'), monthDayOf, icsProblems.badMonthDays, line);
  const weekdays = list(parts.get('BYDAY'), weekdayOf, icsProblems.badWeekdays, line);
  const weekStart = parts.get('WKST');
  if (weekStart !== undefined && !weekdayCodes.includes(weekStart.toUpperCase()))
    bad(line, icsProblems.badWeekStart(weekStart));

  if (freq !== 'YEARLY') return { unsupported: icsSkipReasons.freq(freq) };
  const others = [...parts.keys()].filter((name) => !expandedParts.has(name));
  if (others.length > 0) return { unsupported: icsSkipReasons.ruleParts(others) };
  return {
    rule: {
      intervalYears: Math.min(intervalYears, 100_000), // more years than any date can be apart
      count,
      untilDay: until?.day ?? Number.POSITIVE_INFINITY,
      months: months === undefined ? undefined : [...new Set(months)].sort((a, b) => a - b),
      monthDays,
      weekdays,
      line,
    },
  };
}

function bad(line: number, problem: string): never {
  return fail('invalid_value', [], icsLineProblem(line, problem));
}

/** A whole number of at least 1 (very long ones become `Infinity`, which bounds nothing). */
function positive(text: string | undefined, name: string, line: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) bad(line, icsProblems.badPositive(name, text));
  return Number(text);
}

function list<T>(
  text: string | undefined,
  read: (item: string) => T | undefined,
  problem: (text: string) => string,
  line: number,
): T[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((item) => read(item.trim().toUpperCase()) ?? bad(line, problem(text)));
}

function integerIn(text: string, min: number, max: number): number | undefined {
  if (!/^[+-]?\d{1,2}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

function monthDayOf(text: string): number | undefined {
  const n = integerIn(text, -31, 31);
  return n === 0 ? undefined : n;
}

function weekdayOf(text: string): RuleWeekday | undefined {
  const m = weekdayPattern.exec(text);
  if (m === null) return undefined;
  const ordinal = m[1] === undefined ? 0 : Number(m[1]);
  if (m[1] !== undefined && (ordinal === 0 || Math.abs(ordinal) > 53)) return undefined;
  return { weekday: weekdayCodes.indexOf(m[2] as string), ordinal };
}
