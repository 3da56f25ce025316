/**
 * The zod schema of `CalendarSpec`: the single description of what a calendar may contain,
 * used to validate calendars here and, through the policy schema, to emit JSON Schema.
 *
 * Every check carries the "expected ..." text of its message and the issue code it reports;
 * `toValidationError` turns zod's issues into ours.
 */
import { z } from 'zod';
import { check, toValidationError } from '../issues.js';
import { expected } from '../messages.js';
import { escapeProtoKeys } from '../protoKeys.js';
import { parseLocalDate } from '../time/localDate.js';
import { parseLocalTime } from '../time/localTime.js';
import { isTimeZoneName } from './zone/timeZoneName.js';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const calendarKeys = ['timeZone', 'week', 'holidays', 'overrides'] as const;

// The same language as `parseLocalTime`: "HH:MM" or "HH:MM:SS", 00:00 to 24:00.
const localTimePattern = /^(?:(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?|24:00(?::00)?)$/;

const localDatePattern = /^\d{4}-\d{2}-\d{2}$/;

let cached: z.ZodType | undefined;

/** The zod schema of a `CalendarSpec` (built on first use: importing does no work). */
export function calendarSpecSchema(): z.ZodType {
  if (cached) return cached;
  // Patterns travel into the JSON Schema; refinements add what a pattern cannot say.
  const localTime = z
    .string({ error: expected.localTime })
    .regex(localTimePattern, check('invalid_local_time', expected.localTime));
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
    .regex(localDatePattern, check('invalid_local_date', expected.localDate))
    // Only for well-formed text, which the pattern has not already refused: does the date exist?
    .refine(
      (text) => !localDatePattern.test(text) || parseLocalDate(text) !== undefined,
      check('invalid_local_date', expected.localDate),
    );
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

/** Validates a calendar spec, throwing `SlaValidationError` for every problem found. */
export function parseCalendarSpec(spec: unknown): void {
  // A key "__proto__" from JSON is validated like any other key (src/protoKeys.ts).
  const { value, original } = escapeProtoKeys(spec);
  const result = calendarSpecSchema().safeParse(value, { reportInput: true });
  if (!result.success) throw toValidationError(result.error.issues, 'calendar', [], original);
}
