/**
 * The zod schema of `PolicySpec` (docs/policy.md, "Conditions" and "`MetricSpec`"): the single description of a
 * policy, used to validate policies and to emit their JSON Schema for other languages.
 * Built on first use, so importing does no work.
 *
 * Written with `zod/mini` (docs/runtimes.md, "Bundle size"): its functions tree-shake, where
 * the classic API's methods pull all of zod into a browser bundle. Each `.check(...)` lists, in
 * order, what the classic chain said with methods (`.regex`, `.int`, `.refine`), so the issues,
 * their order and their messages are the same.
 */
import * as z from 'zod/mini';
import { holidayEntriesSchema, localTimePattern, policyCalendarSpecSchema } from '../calendar/schema.js';
import * as expected from '../expected.js';
import { check } from '../issues.js';
import { durationSource, parseDurationText } from '../time/duration.js';
import { instantMsOrNaN, isInstantInRange } from '../time/instant.js';
import { maxBusinessDays, maxTargetMs } from './limits.js';
import { parseWarning, warningKey } from './warnings.js';

export { maxBusinessDays, maxTargetMs } from './limits.js';

const metricKinds = [
  'first_response',
  'next_response',
  'periodic_update',
  'resolution',
  'custom',
  'ownership',
  'requester_wait',
  'agent_work',
  'pausable_update',
] as const;
const restartModes = ['never', 'resume', 'new_cycle'] as const;
const calendarAtModes = ['goal', 'start', 'piecewise'] as const;
const goalAtModes = ['after_stop', 'before_stop'] as const;
const metricKeys = [
  'kind',
  'start',
  'stop',
  'cancel',
  'pauseWhen',
  'restart',
  'goals',
  'warnings',
  'calendarAt',
  'goalAt',
  'keyBy',
  'field',
] as const;

function keysError(keys: readonly string[], otherwise: string) {
  return (issue: { code: string }) => (issue.code === 'unrecognized_keys' ? keys.join(', ') : otherwise);
}

/** The zod schema of a `PolicySpec`. */
export function policySpecSchema(): z.ZodMiniType {
  return schemas().anyPolicy;
}

/** The zod schema of one policy without versions (a version's `policy`). */
export function unversionedPolicySchema(): z.ZodMiniType {
  return schemas().policy;
}

/** The zod schema of `{ versions, select? }`. */
export function versionedPolicySchema(): z.ZodMiniType {
  return schemas().versioned;
}

/** The fields of a metric that `metricRules` reads, once each has its own type. */
interface MetricFields {
  kind: string;
  field?: string | undefined;
  start?: unknown;
  stop?: unknown;
}

interface Schemas {
  condition: z.ZodMiniType;
  policy: z.ZodMiniType;
  versioned: z.ZodMiniType;
  anyPolicy: z.ZodMiniType;
}

let cached: Schemas | undefined;

function schemas(): Schemas {
  if (cached) return cached;
  const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()], { error: expected.matcher });
  const scalars = z.union([scalar, z.array(scalar, { error: expected.matcher })], {
    error: expected.matcher,
  });
  const matcher = z.union(
    [
      scalar,
      z.array(scalar, { error: expected.matcher }),
      z.strictObject({ not: scalars }, { error: keysError(['not'], expected.matcher) }),
      z.strictObject(
        { exists: z.boolean({ error: 'true or false' }) },
        { error: keysError(['exists'], expected.matcher) },
      ),
    ],
    { error: expected.matcher },
  );
  const fieldName = z.string().check(z.regex(/^(?!(?:all|any|not)$)/, { error: expected.fieldName }));
  const condition: z.ZodMiniType = z.lazy(() =>
    z.union(
      [
        z.strictObject(
          { all: z.array(condition, { error: expected.conditions }) },
          { error: keysError(['all'], expected.condition) },
        ),
        z.strictObject(
          { any: z.array(condition, { error: expected.conditions }) },
          { error: keysError(['any'], expected.condition) },
        ),
        z.strictObject({ not: condition }, { error: keysError(['not'], expected.condition) }),
        z.record(fieldName, matcher, { error: expected.condition }),
      ],
      { error: expected.condition },
    ),
  );

  const trigger = z.union(
    [
      z.strictObject(
        { on: z.enum(['created', 'customer_message', 'agent_message'], { error: expected.triggerOn }) },
        { error: keysError(['on'], expected.trigger) },
      ),
      z.strictObject({ when: condition }, { error: keysError(['when'], expected.trigger) }),
      z.strictObject(
        { changed: z.string({ error: expected.attributeName }) },
        { error: keysError(['changed'], expected.trigger) },
      ),
    ],
    { error: expected.trigger },
  );
  const triggers = z.union([trigger, z.array(trigger, { error: expected.triggers })], {
    error: expected.triggers,
  });

  // Each branch says all it can in JSON Schema (a pattern with at least one digit; an integer
  // range); the refinement then checks what only the parser knows, and only for text the
  // patterns accepted, so a bad target is reported once.
  const durationPattern = new RegExp(`^${durationSource()}$`);
  const durationText = z.string().check(
    z.regex(durationPattern, { error: expected.target }),
    z.regex(/\d/, { error: expected.target }),
    z.refine(
      (text: string) => {
        if (!durationPattern.test(text) || !/\d/.test(text)) return true;
        const ms = parseDurationText(text);
        return ms !== undefined && ms > 0 && ms <= maxTargetMs;
      },
      check('invalid_duration', expected.target),
    ),
  );
  const durationMs = z
    .number()
    .check(
      z.int({ error: expected.target }),
      z.positive({ error: expected.target }),
      z.lte(maxTargetMs, { error: expected.target }),
    );
  const localTime = z
    .string({ error: expected.localTime })
    .check(z.regex(localTimePattern, check('invalid_local_time', expected.localTime)));
  const businessDays = z.strictObject(
    {
      businessDays: z
        .number({ error: expected.businessDays })
        .check(
          z.int({ error: expected.businessDays }),
          z.gte(0, { error: expected.businessDays }),
          z.lte(maxBusinessDays, { error: expected.businessDays }),
        ),
      by: z.optional(localTime),
      cutoff: z.optional(localTime),
    },
    { error: keysError(['businessDays', 'by', 'cutoff'], expected.targetForm) },
  );
  const until = z.strictObject(
    { until: z.string({ error: expected.attributeName }) },
    { error: keysError(['until'], expected.targetForm) },
  );
  const fromAttribute = z.strictObject(
    { attribute: z.string({ error: expected.attributeName }) },
    { error: keysError(['attribute'], expected.targetForm) },
  );
  const target = z.union([durationText, durationMs, businessDays, until, fromAttribute], {
    error: (issue) =>
      issue.input !== null && typeof issue.input === 'object' ? expected.targetForm : expected.target,
  });
  const goal = z.strictObject(
    {
      when: z.optional(condition),
      target,
      calendar: z.optional(
        z.union(
          [
            z.string({ error: expected.calendarRef }),
            z.strictObject(
              {
                attribute: z.string({ error: expected.attributeName }),
                default: z.string({ error: expected.calendarDefault }),
              },
              { error: keysError(['attribute', 'default'], expected.calendarSource) },
            ),
          ],
          { error: expected.calendarSource },
        ),
      ),
    },
    { error: keysError(['when', 'target', 'calendar'], expected.goal) },
  );
  const warning = z.string({ error: expected.warning }).check(
    z.regex(new RegExp(`^(?:\\d{1,5}(?:\\.\\d{1,2})?%|[+-]${durationSource()})$`), {
      error: expected.warning,
    }),
    z.refine((text: string) => parseWarning(text) !== undefined, check('invalid_value', expected.warning)),
  );
  const warnings = z.array(warning, { error: expected.warnings }).check(
    z.superRefine((list: string[], ctx) => {
      const seen = new Set<string>();
      list.forEach((text, index) => {
        const rule = typeof text === 'string' ? parseWarning(text) : undefined;
        if (rule === undefined) return;
        const key = warningKey(rule);
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: [index],
            input: text,
            message: expected.uniqueWarning,
            params: { slaCode: 'duplicate' },
          });
        }
        seen.add(key);
      });
    }),
  );
  const metric = z
    .strictObject(
      {
        kind: z.enum(metricKinds, { error: expected.kind }),
        start: z.optional(triggers),
        stop: z.optional(triggers),
        cancel: z.optional(triggers),
        pauseWhen: z.optional(z.union([condition, z.null()], { error: expected.pauseWhen })),
        restart: z.optional(z.enum(restartModes, { error: expected.restart })),
        goals: z.array(goal, { error: expected.goals }).check(z.minLength(1, { error: expected.goals })),
        warnings: z.optional(warnings),
        calendarAt: z.optional(z.enum(calendarAtModes, { error: expected.calendarAt })),
        keyBy: z.optional(z.string({ error: expected.attributeName })),
        field: z.optional(z.string({ error: expected.attributeName })),
        goalAt: z.optional(z.enum(goalAtModes, { error: expected.goalAt })),
      },
      { error: keysError(metricKeys, expected.metric) },
    )
    .check(z.superRefine(metricRules));
  const calendarName = z.string().check(z.regex(/^(?!24\/7$)/, { error: expected.calendarName }));
  const metricName = z.string().check(z.regex(/^(?!-?\d+$)/, { error: expected.metricName }));
  // Names of calendars and holiday sets are checked against their definitions after parsing, by
  // compilePolicy (references.ts): a name is a key of the input, which this schema may see renamed.
  const policy = z.strictObject(
    {
      calendars: z.optional(
        z.record(calendarName, policyCalendarSpecSchema(), { error: expected.calendars }),
      ),
      holidaySets: z.optional(z.record(z.string(), holidayEntriesSchema(), { error: expected.holidaySets })),
      resolvedWhen: z.optional(condition),
      metrics: z.record(metricName, metric, { error: expected.metrics }),
    },
    { error: keysError(['calendars', 'holidaySets', 'resolvedWhen', 'metrics'], expected.policy) },
  );
  // Policy versions (docs/policy.md, "Policy versions"): `from` instants in strictly increasing
  // order, each version a whole policy. Instants as JSON carries them: epoch ms or text.
  const from = z
    .union([z.string(), z.number().check(z.int())], { error: expected.versionFrom })
    .check(
      z.refine(
        (value: string | number) => isInstantInRange(instantMsOrNaN(value)),
        check('invalid_instant', expected.versionFrom),
      ),
    );
  const versioned = z
    .strictObject(
      {
        versions: z
          .array(
            z.strictObject({ from, policy }, { error: keysError(['from', 'policy'], expected.version) }),
            { error: expected.versions },
          )
          .check(z.minLength(1, { error: expected.versions })),
        select: z.optional(z.enum(['created', 'now'], { error: expected.versionSelect })),
      },
      { error: keysError(['versions', 'select'], expected.versionedPolicy) },
    )
    .check(
      z.superRefine((spec: { versions: { from: unknown }[] }, ctx) => {
        let previousMs = Number.NEGATIVE_INFINITY;
        spec.versions.forEach((version, index) => {
          const fromMs = instantMsOrNaN(version.from);
          if (fromMs <= previousMs) {
            ctx.addIssue({
              code: 'custom',
              path: ['versions', index, 'from'],
              input: version.from,
              message: expected.increasingFrom,
              params: { slaCode: 'invalid_value' },
            });
          }
          if (!Number.isNaN(fromMs)) previousMs = fromMs;
        });
      }),
    );
  const anyPolicy = z.union([policy, versioned], { error: expected.policy });
  cached = { condition, policy, versioned, anyPolicy };
  return cached;
}

/** What a metric's fields say together: `field` only for ownership, a custom metric's own triggers. */
function metricRules(spec: MetricFields, ctx: z.core.$RefinementCtx<MetricFields>): void {
  if (spec.field !== undefined && spec.kind !== 'ownership') {
    ctx.addIssue({
      code: 'custom',
      path: ['field'],
      input: spec.field,
      message: expected.ownerField,
      params: { slaCode: 'invalid_value' },
    });
  }
  if (spec.kind !== 'custom') return;
  for (const key of ['start', 'stop'] as const) {
    const value = spec[key];
    if (Array.isArray(value) && value.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        input: value,
        message: expected.customTrigger,
        params: { slaCode: 'invalid_value' },
      });
    }
    if (value === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        input: undefined,
        message: expected.customTrigger,
        params: { slaCode: 'invalid_type' },
      });
    }
  }
}
