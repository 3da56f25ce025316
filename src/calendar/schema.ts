/**
 * The zod schema of `CalendarSpec`: the single description of what a calendar may contain,
 * used to validate calendars here and, through the policy schema, to emit JSON Schema.
 *
 * Every check carries the "expected ..." text of its message and the issue code it reports;
 * `toValidationError` turns zod's issues into ours.
 */
import { z } from 'zod';
import { type SlaIssue, type SlaIssueCode, SlaValidationError } from '../errors.js';
import { expected, expectedGot, missingKey, unknownKey } from '../messages.js';
import { parseLocalDate } from '../time/localDate.js';
import { parseLocalTime } from '../time/localTime.js';
import { isTimeZoneName } from './zone/timeZoneName.js';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const calendarKeys = ['timeZone', 'week', 'holidays', 'overrides'] as const;

/** Attaches our issue code and expected-text to a zod check. */
function check(code: SlaIssueCode, expectedText: string) {
  return { error: expectedText, params: { slaCode: code } };
}

let cached: z.ZodType | undefined;

/** The zod schema of a `CalendarSpec` (built on first use: importing does no work). */
export function calendarSpecSchema(): z.ZodType {
  if (cached) return cached;
  const localTime = z
    .string({ error: expected.localTime })
    .refine((text) => parseLocalTime(text) !== undefined, check('invalid_local_time', expected.localTime));
  const startTime = localTime.refine((text) => parseLocalTime(text) !== 24 * 3600000, {
    ...check('invalid_local_time', expected.startTime),
  });
  const interval = z.tuple([startTime, localTime], { error: expected.interval }).refine(
    ([start, end]) => {
      const startMs = parseLocalTime(start);
      return startMs === undefined || startMs !== parseLocalTime(end);
    },
    check('empty_interval', expected.nonEmptyInterval),
  );
  const hours = z.array(interval, { error: 'an array of intervals such as [["09:00", "17:00"]]' });
  const localDate = z
    .string({ error: expected.localDate })
    .refine((text) => parseLocalDate(text) !== undefined, check('invalid_local_date', expected.localDate));
  const override = z.strictObject(
    { date: localDate, hours },
    {
      error: (issue) => (issue.code === 'unrecognized_keys' ? 'date, hours' : 'an override { date, hours }'),
    },
  );
  const zoned = z.strictObject(
    {
      timeZone: z
        .string({ error: expected.timeZone })
        .refine(isTimeZoneName, check('invalid_time_zone', expected.timeZone)),
      week: z.strictObject(Object.fromEntries(weekdays.map((day) => [day, hours.optional()])), {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? weekdays.join(', ')
            : 'an object of weekday hours { mon: [["09:00", "17:00"]] }',
      }),
      holidays: z.array(localDate, { error: 'an array of local dates "YYYY-MM-DD"' }).optional(),
      overrides: z
        .array(override, { error: 'an array of overrides { date, hours }' })
        .superRefine((list, ctx) => {
          const seen = new Set<string>();
          list.forEach((entry, index) => {
            if (typeof entry.date === 'string' && seen.has(entry.date)) {
              ctx.addIssue({
                code: 'custom',
                path: [index, 'date'],
                input: entry.date,
                ...check('duplicate', expected.uniqueOverrideDate),
                message: expected.uniqueOverrideDate,
              });
            }
            seen.add(entry.date);
          });
        })
        .optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? calendarKeys.join(', ') : expected.calendarSpec,
    },
  );
  cached = z.union([z.literal('24/7'), zoned], { error: expected.calendarSpec });
  return cached;
}

const zodCodeToOurs: Record<string, SlaIssueCode> = {
  invalid_type: 'invalid_type',
  invalid_value: 'invalid_value',
  invalid_union: 'invalid_type',
  too_big: 'invalid_value',
  too_small: 'invalid_value',
};

/**
 * Converts zod's issues into an `SlaValidationError` whose messages name `root` + path, the
 * value and what was expected. `base` is prefixed to every path (a calendar inside a policy).
 */
export function toValidationError(
  issues: readonly z.core.$ZodIssue[],
  root: string,
  base: readonly (string | number)[] = [],
): SlaValidationError {
  const out: SlaIssue[] = [];
  const visit = (issue: z.core.$ZodIssue, prefix: readonly (string | number)[]): void => {
    const path = [...prefix, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))];
    if (issue.code === 'invalid_union') {
      // "24/7" | object: report the object branch's findings for objects, else the union's own.
      const objectBranch = issue.errors[1];
      if (
        typeof issue.input === 'object' &&
        issue.input !== null &&
        objectBranch &&
        objectBranch.length > 0
      ) {
        for (const inner of objectBranch) visit(inner, path);
        return;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          code: 'unrecognized_key',
          path: [...path, key],
          message: unknownKey(root, [...path, key], key, issue.message.split(', ')),
        });
      }
      return;
    }
    const slaCode = issue.code === 'custom' ? (issue.params?.slaCode as SlaIssueCode | undefined) : undefined;
    const code = slaCode ?? zodCodeToOurs[issue.code] ?? 'invalid_value';
    const message =
      issue.code === 'invalid_type' && issue.input === undefined
        ? missingKey(root, path, issue.message)
        : expectedGot(root, path, issue.message, issue.input);
    out.push({ code, path, message });
  };
  for (const issue of issues) visit(issue, base);
  return new SlaValidationError(out);
}

/** Validates a calendar spec, throwing `SlaValidationError` for every problem found. */
export function parseCalendarSpec(
  spec: unknown,
  root = 'calendar',
  base: readonly (string | number)[] = [],
): void {
  const result = calendarSpecSchema().safeParse(spec, { reportInput: true });
  if (!result.success) throw toValidationError(result.error.issues, root, base);
}
