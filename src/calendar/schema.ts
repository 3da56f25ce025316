/**
 * The zod schema of `CalendarSpec`: the single description of what a calendar may contain,
 * used to validate calendars here and, through the policy schema, to emit JSON Schema.
 *
 * Every check carries the "expected ..." text of its message and the issue code it reports;
 * `toValidationError` turns zod's issues into ours. Written with `zod/mini`, as the policy
 * schema is (see there why).
 */
import * as z from 'zod/mini';
import * as expected from '../expected.js';
import { check, toValidationError } from '../issues.js';
import { escapeProtoKeys } from '../protoKeys.js';
import { parseLocalDate } from '../time/localDate.js';
import { parseLocalTime } from '../time/localTime.js';
import { holidayEntryPattern, parseHolidayEntry } from './holidays/entry.js';
import { isTimeZoneName } from './zone/timeZoneName.js';

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const calendarKeys = ['timeZone', 'week', 'holidays', 'overrides'] as const;
const policyCalendarKeys = ['timeZone', 'week', 'holidays', 'holidaySets', 'overrides'] as const;

// The same language as `parseLocalTime`: "HH:MM" or "HH:MM:SS", 00:00 to 24:00.
/** `"HH:MM"` or `"HH:MM:SS"` from 00:00 to 24:00, as a pattern for JSON Schema too. */
export const localTimePattern = /^(?:(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?|24:00(?::00)?)$/;

const localDatePattern = /^\d{4}-\d{2}-\d{2}$/;

interface Schemas {
  standalone: z.ZodMiniType;
  inPolicy: z.ZodMiniType;
  holidayEntries: z.ZodMiniType;
}

let cached: Schemas | undefined;

/** The zod schema of a `CalendarSpec` (built on first use: importing does no work). */
export function calendarSpecSchema(): z.ZodMiniType {
  return schemas().standalone;
}

/**
 * The zod schema of a calendar inside a policy: a `CalendarSpec` that may also name the policy's
 * `holidaySets` and take its `timeZone` from a ticket attribute (a template).
 */
export function policyCalendarSpecSchema(): z.ZodMiniType {
  return schemas().inPolicy;
}

/** The zod schema of a list of holiday entries (a calendar's `holidays`, a policy's holiday set). */
export function holidayEntriesSchema(): z.ZodMiniType {
  return schemas().holidayEntries;
}

function schemas(): Schemas {
  if (cached) return cached;
  // Patterns travel into the JSON Schema; refinements add what a pattern cannot say.
  const localTime = z
    .string({ error: expected.localTime })
    .check(z.regex(localTimePattern, check('invalid_local_time', expected.localTime)));
  const startTime = localTime.check(
    z.refine(
      (text: string) => parseLocalTime(text) !== 24 * 3600000,
      check('invalid_local_time', expected.startTime),
    ),
  );
  const interval = z.tuple([startTime, localTime], { error: expected.interval }).check(
    z.refine(
      ([start, end]: [string, string]) => {
        const startMs = parseLocalTime(start);
        return startMs === undefined || startMs !== parseLocalTime(end);
      },
      check('empty_interval', expected.nonEmptyInterval),
    ),
  );
  const hours = z.array(interval, { error: 'an array of intervals such as [["09:00", "17:00"]]' });
  const localDate = z.string({ error: expected.localDate }).check(
    z.regex(localDatePattern, check('invalid_local_date', expected.localDate)),
    // Only for well-formed text, which the pattern has not already refused: does the date exist?
    z.refine(
      (text: string) => !localDatePattern.test(text) || parseLocalDate(text) !== undefined,
      check('invalid_local_date', expected.localDate),
    ),
  );
  const override = z.strictObject(
    { date: localDate, hours },
    {
      error: (issue) => (issue.code === 'unrecognized_keys' ? 'date, hours' : 'an override { date, hours }'),
    },
  );
  // A pattern for JSON Schema; the parser then decides whether the dates exist and how long a
  // range is, only for text the pattern accepted, so a bad entry is reported once.
  const entryPattern = new RegExp(holidayEntryPattern);
  const holidayEntry = z.string({ error: expected.holidayEntry }).check(
    z.regex(entryPattern, check('invalid_local_date', expected.holidayEntry)),
    z.superRefine((text: string, ctx) => {
      if (!entryPattern.test(text)) return;
      const entry = parseHolidayEntry(text);
      if (typeof entry !== 'string') return;
      ctx.addIssue({
        code: 'custom',
        input: text,
        message: entry === 'malformed' ? expected.holidayEntry : expected.holidayRange,
        params: { slaCode: entry === 'malformed' ? 'invalid_local_date' : 'invalid_value' },
      });
    }),
  );
  const holidayEntries = z.array(holidayEntry, { error: expected.holidayEntries });
  const timeZone = z
    .string({ error: expected.timeZone })
    .check(z.refine(isTimeZoneName, check('invalid_time_zone', expected.timeZone)));
  const week = z.strictObject(Object.fromEntries(weekdays.map((day) => [day, z.optional(hours)])), {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? weekdays.join(', ')
        : 'an object of weekday hours { mon: [["09:00", "17:00"]] }',
  });
  const overrides = z.array(override, { error: 'an array of overrides { date, hours }' }).check(
    z.superRefine((list: { date: string }[], ctx) => {
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
    }),
  );
  const zoned = z.strictObject(
    { timeZone, week, holidays: z.optional(holidayEntries), overrides: z.optional(overrides) },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? calendarKeys.join(', ') : expected.calendarSpec,
    },
  );
  // A template: the zone is read from a ticket attribute when the calendar is used.
  const zoneFromAttribute = z.strictObject(
    {
      attribute: z.string({ error: expected.attributeName }),
      default: timeZone,
    },
    { error: keysOr(['attribute', 'default'], expected.zoneSource) },
  );
  const zonedInPolicy = z.strictObject(
    {
      timeZone: z.union([timeZone, zoneFromAttribute], {
        error: (issue) =>
          issue.input !== null && typeof issue.input === 'object' ? expected.zoneSource : expected.timeZone,
      }),
      week,
      holidays: z.optional(holidayEntries),
      holidaySets: z.optional(
        z.array(z.string({ error: expected.holidaySetName }), { error: expected.holidaySetNames }),
      ),
      overrides: z.optional(overrides),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? policyCalendarKeys.join(', ') : expected.policyCalendarSpec,
    },
  );
  cached = {
    standalone: z.union([z.literal('24/7'), zoned], { error: expected.calendarSpec }),
    inPolicy: z.union([z.literal('24/7'), zonedInPolicy], { error: expected.policyCalendarSpec }),
    holidayEntries,
  };
  return cached;
}

function keysOr(keys: readonly string[], otherwise: string) {
  return (issue: { code: string }) => (issue.code === 'unrecognized_keys' ? keys.join(', ') : otherwise);
}

/** Validates a calendar spec, throwing `SlaValidationError` for every problem found. */
export function parseCalendarSpec(spec: unknown): void {
  // A key "__proto__" from JSON is validated like any other key (src/protoKeys.ts).
  const { value, original } = escapeProtoKeys(spec);
  const result = calendarSpecSchema().safeParse(value, { reportInput: true });
  if (!result.success) throw toValidationError(result.error.issues, 'calendar', [], original);
}
