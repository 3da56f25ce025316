/** `compilePolicy`: validate a policy once and compile its calendars, conditions and goals. */
import { buildCalendar } from '../calendar/compile.js';
import { fail, isSlaValidationError, SlaValidationError } from '../errors.js';
import * as expected from '../expected.js';
import { toValidationError } from '../issues.js';
import { expectedFound } from '../messages.js';
import { escapeProtoKeys } from '../protoKeys.js';
import { parseDurationText } from '../time/duration.js';
import { instantMsOrNaN } from '../time/instant.js';
import { parseLocalTime } from '../time/localTime.js';
import { compileCalendarRef } from './calendarRef.js';
import { type CalendarSource, fixedSource, templateSource } from './calendarSource.js';
import { type Condition, compileCondition, type FieldSlots, type Predicate } from './condition.js';
import { kindDefaults } from './kinds.js';
import {
  type CompiledGoal,
  type CompiledMetric,
  type MetricSpec,
  type Policy,
  type PolicyCalendarSpec,
  type PolicyInternals,
  type PolicySpec,
  policyKey,
  type Target,
  type TargetRule,
  type Trigger,
  type TriggerRule,
  type UnversionedPolicySpec,
  type VersionedPolicySpec,
} from './policy.js';
import { referenceIssues } from './references.js';
import { unversionedPolicySchema, versionedPolicySchema } from './schema.js';
import { parseWarning, warningThresholdMs } from './warnings.js';

const defaultResolvedWhen: Condition = { status: ['solved', 'closed'] };

/**
 * Validates a policy and compiles it once: calendars, conditions, goals and warning thresholds.
 * The result is immutable; reuse it for every ticket (passing a raw spec to `computeSlaState`
 * compiles it on every call).
 *
 * Throws `SlaValidationError` listing every problem, each with its path, e.g.
 * `policy.metrics.resolution.goals[1].target: expected a duration such as "4h" or "PT4H", ...`.
 *
 * @example
 * const policy = compilePolicy({
 *   metrics: { first_reply: { kind: 'first_response', goals: [{ target: '1h' }] } },
 * })
 * policy.metricNames //=> ['first_reply']
 */
export function compilePolicy(spec: PolicySpec): Policy {
  refuseDeepNesting(spec);
  // A key "__proto__" from JSON is an ordinary name: validated like any other (protoKeys.ts).
  const { value, original } = escapeProtoKeys(spec);
  // A policy with `versions` is validated as one (docs/policy.md, "Policy versions"), so that its
  // problems are reported under `versions[i].policy` rather than as a failed union.
  const versioned = isVersioned(spec);
  const schema = versioned ? versionedPolicySchema() : unversionedPolicySchema();
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw toValidationError(result.error.issues, 'policy', [], original);
  if (!versioned) {
    const unknownNames = referenceIssues(spec as UnversionedPolicySpec);
    if (unknownNames.length > 0) throw new SlaValidationError(unknownNames);
    return buildPolicy(spec as UnversionedPolicySpec);
  }
  const versions = (spec as VersionedPolicySpec).versions;
  const unknownNames = versions.flatMap((version, index) =>
    referenceIssues(version.policy).map((issue) => ({
      ...issue,
      path: ['versions', index, 'policy', ...issue.path],
      message: `policy.versions[${index}].policy.${issue.message.slice('policy.'.length)}`,
    })),
  );
  if (unknownNames.length > 0) throw new SlaValidationError(unknownNames);
  return buildVersionedPolicy(spec as VersionedPolicySpec);
}

/** Whether a spec is `{ versions, ... }`: an object with an own `versions` key. */
function isVersioned(spec: unknown): boolean {
  return spec !== null && typeof spec === 'object' && !Array.isArray(spec) && Object.hasOwn(spec, 'versions');
}

/**
 * Compiles each version, once. The result's own fields (internals, calendars) are the first
 * version's, so that code unaware of versions still runs; `versions` lists them all.
 */
function buildVersionedPolicy(spec: VersionedPolicySpec): Policy {
  const versions = spec.versions.map((version) => ({
    from: instantMsOrNaN(version.from),
    policy: buildPolicy(version.policy),
  }));
  const first = (versions[0] as (typeof versions)[number]).policy;
  const last = (versions[versions.length - 1] as (typeof versions)[number]).policy;
  const metricNames: string[] = [];
  for (const { policy } of versions)
    for (const name of policy.metricNames) if (!metricNames.includes(name)) metricNames.push(name);
  const internals: PolicyInternals = Object.freeze({
    ...first[policyKey],
    versions: Object.freeze(
      versions.map(({ from, policy }) => Object.freeze({ fromMs: from, internals: policy[policyKey] })),
    ),
    select: spec.select ?? 'created',
  });
  return Object.freeze({
    spec: deepFreeze(copySpec(spec)),
    metricNames: Object.freeze(metricNames),
    calendars: last.calendars,
    versions: Object.freeze(versions.map((version) => Object.freeze(version))),
    [policyKey]: internals,
  });
}

/**
 * `compilePolicy` without throwing, zod style: `{ success: true, data }` or
 * `{ success: false, error }`. Any input is accepted; only an `SlaValidationError` is returned.
 *
 * @example
 * safeCompilePolicy({ metrics: 42 }).success //=> false
 */
export function safeCompilePolicy(
  spec: unknown,
): { success: true; data: Policy } | { success: false; error: SlaValidationError } {
  try {
    return { success: true, data: compilePolicy(spec as PolicySpec) };
  } catch (error) {
    if (isSlaValidationError(error)) return { success: false, error };
    throw error;
  }
}

/** Deeper than any sensible policy, shallow enough that validating it cannot exhaust the stack. */
const maxNesting = 64;

/** Refuses absurdly nested input up front, iteratively, so no recursion overflows on it. */
function refuseDeepNesting(spec: unknown): void {
  const stack: [unknown, (string | number)[]][] = [[spec, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, (string | number)[]];
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= maxNesting)
      fail('invalid_value', path, expectedFound('policy', path, expected.shallow, 'a value nested deeper'));
    for (const [key, inner] of Object.entries(value)) {
      stack.push([inner, [...path, Array.isArray(value) ? Number(key) : key]]);
    }
  }
}

function asList(triggers: Trigger | readonly Trigger[] | undefined): readonly Trigger[] | undefined {
  if (triggers === undefined) return undefined;
  return Array.isArray(triggers) ? triggers : [triggers as Trigger];
}

/** Compiles a validated spec without versions. */
function buildPolicy(spec: UnversionedPolicySpec): Policy {
  // Conditions read attributes from numbered slots, one per field any condition names (and
  // each attribute that names a calendar or a zone).
  const fieldSlots = new Map<string, number>();
  const slotOf = (field: string): number => {
    let slot = fieldSlots.get(field);
    if (slot === undefined) {
      slot = fieldSlots.size;
      fieldSlots.set(field, slot);
    }
    return slot;
  };

  // A Map of own names: a calendar named "__proto__" is just a name.
  const sources = new Map<string, CalendarSource>([['24/7', fixedSource('24/7', buildCalendar('24/7'))]]);
  for (const [name, calendarSpec] of Object.entries(spec.calendars ?? {})) {
    sources.set(name, calendarSourceOf(name, calendarSpec, spec, slotOf));
  }

  // Each distinct condition used as a `when` trigger is evaluated once per event, whatever the
  // number of metrics that use it; resolvedWhen comes first.
  const edgeConditions: Predicate[] = [];
  const edgeIndex = new Map<string, number>();
  const edge = (condition: Condition): number => {
    const key = JSON.stringify(condition);
    let index = edgeIndex.get(key);
    if (index === undefined) {
      index = edgeConditions.length;
      edgeConditions.push(compileCondition(condition, slotOf));
      edgeIndex.set(key, index);
    }
    return index;
  };
  edge(spec.resolvedWhen ?? defaultResolvedWhen);

  const rulesOf = (triggers: readonly Trigger[]): TriggerRule[] =>
    triggers.map((trigger): TriggerRule => {
      if ('on' in trigger) return { type: trigger.on };
      if ('changed' in trigger) return { type: 'changed', slot: slotOf(trigger.changed) };
      return { type: 'when', condition: edge(trigger.when) };
    });

  const metrics: CompiledMetric[] = Object.entries(spec.metrics).map(([name, metricSpec]) =>
    buildMetric(name, metricSpec, sources, rulesOf, slotOf),
  );
  const internals: PolicyInternals = Object.freeze({
    fieldSlots,
    edgeConditions,
    metrics: Object.freeze(metrics),
    needsValuesBefore: metrics.some((metric) => metric.goalAt === 'before_stop'),
    watchesChanges: metrics.some((metric) =>
      [metric.start, metric.stop, metric.cancel].some((rules) =>
        rules.some((rule) => rule.type === 'changed' || rule.type === 'owner_start'),
      ),
    ),
    versions: null,
    select: 'created',
  });
  // Object.fromEntries defines own properties: "__proto__" stays a name here too.
  const calendars = Object.fromEntries([...sources].map(([name, source]) => [name, source.compiled]));
  return Object.freeze({
    spec: deepFreeze(copySpec(spec)),
    metricNames: Object.freeze(metrics.map((metric) => metric.name)),
    calendars: Object.freeze(calendars),
    versions: null,
    [policyKey]: internals,
  });
}

/** A policy calendar with the dates of its holiday sets: fixed, or a template. */
function calendarSourceOf(
  name: string,
  calendarSpec: PolicyCalendarSpec,
  policy: UnversionedPolicySpec,
  slotOf: FieldSlots,
): CalendarSource {
  if (calendarSpec === '24/7') return fixedSource(name, buildCalendar('24/7'));
  const { timeZone, holidaySets, ...rest } = calendarSpec;
  const setHolidays = (holidaySets ?? []).flatMap((set) =>
    Object.hasOwn(policy.holidaySets ?? {}, set)
      ? [...((policy.holidaySets as Record<string, readonly string[]>)[set] ?? [])]
      : [],
  );
  if (typeof timeZone === 'string')
    return fixedSource(name, buildCalendar({ ...rest, timeZone }, setHolidays));
  return templateSource(
    name,
    { ...rest, timeZone: timeZone.default },
    setHolidays,
    slotOf(timeZone.attribute),
    timeZone.default,
  );
}

function buildMetric(
  name: string,
  spec: MetricSpec,
  sources: ReadonlyMap<string, CalendarSource>,
  rulesOf: (triggers: readonly Trigger[]) => TriggerRule[],
  slotOf: FieldSlots,
): CompiledMetric {
  const ownerField = spec.field ?? 'group';
  const defaults = kindDefaults(spec.kind, ownerField, spec.kind === 'ownership' ? slotOf(ownerField) : -1);
  const start = spec.start === undefined ? defaults.start : rulesOf(asList(spec.start) ?? []);
  const stop = spec.stop === undefined ? defaults.stop : rulesOf(asList(spec.stop) ?? []);
  const cancel = spec.cancel === undefined ? defaults.cancel : rulesOf(asList(spec.cancel) ?? []);
  const whenConditions = (rules: readonly TriggerRule[]) =>
    rules.flatMap((rule) => (rule.type === 'when' ? [rule.condition] : []));
  const warningRules = (spec.warnings ?? []).map((text) => parseWarning(text)!);
  // A given pauseWhen replaces the kind's default; null removes it.
  const pauseCondition = spec.pauseWhen === undefined ? defaults.pauseWhen : spec.pauseWhen;
  const keyField = spec.keyBy ?? defaults.keyField;
  const calendarSlots: number[] = [];
  const goals: CompiledGoal[] = spec.goals.map((goal, index) => {
    const target = compileTarget(goal.target, slotOf);
    const ref = compileCalendarRef(goal.calendar, sources, slotOf);
    for (const slot of ref.slots) if (!calendarSlots.includes(slot)) calendarSlots.push(slot);
    const fixed = ref.fixed;
    const targetMs = target.form === 'duration' ? target.ms : Number.NaN;
    return Object.freeze({
      descriptor:
        fixed === null || target.form !== 'duration'
          ? null
          : Object.freeze({
              index,
              target: targetMs,
              calendar: fixed.name,
              timeZone: fixed.timeZone,
              form: target.form,
            }),
      index,
      when: goal.when === undefined ? null : compileCondition(goal.when, slotOf),
      target,
      fixedCalendar: fixed,
      resolveCalendar: ref.resolve,
      thresholdsMs: Object.freeze(
        target.form === 'duration' ? warningRules.map((rule) => warningThresholdMs(rule, targetMs)) : [],
      ),
    });
  });
  return Object.freeze({
    name,
    kind: spec.kind,
    start,
    stop,
    cancel,
    stopWhen: whenConditions(stop),
    cancelWhen: whenConditions(cancel),
    pauseWhen: pauseCondition == null ? null : compileCondition(pauseCondition, slotOf),
    pauseCondition: pauseCondition ?? null,
    restart: spec.restart ?? defaults.restart,
    goals: Object.freeze(goals),
    warnings: Object.freeze([...(spec.warnings ?? [])]),
    warningRules: Object.freeze(warningRules),
    keySlot: keyField === undefined ? -1 : slotOf(keyField),
    calendarAt: spec.calendarAt ?? 'goal',
    goalAt: spec.goalAt ?? defaults.goalAt ?? 'after_stop',
    calendarSlots: Object.freeze(calendarSlots),
    judgedByValues: calendarSlots.length > 0 || goals.some((goal) => goal.target.form !== 'duration'),
  });
}

/** A validated target, compiled: fixed counted time, or how to find it when the goal is chosen. */
function compileTarget(target: Target, slotOf: FieldSlots): TargetRule {
  if (typeof target === 'number') return { form: 'duration', ms: target };
  if (typeof target === 'string') return { form: 'duration', ms: parseDurationText(target)! };
  if ('businessDays' in target) {
    return {
      form: 'businessDays',
      days: target.businessDays,
      byMs: target.by === undefined ? null : (parseLocalTime(target.by) as number),
      cutoffMs: target.cutoff === undefined ? null : (parseLocalTime(target.cutoff) as number),
    };
  }
  if ('until' in target) return { form: 'until', slot: slotOf(target.until) };
  return { form: 'attribute', slot: slotOf(target.attribute) };
}

/**
 * A copy of a validated spec (JSON-like data: arrays, plain objects, scalars), as
 * `structuredClone` would make it, in plain ECMAScript: `structuredClone` is a host API that a
 * warehouse UDF or another bare V8 context lacks (docs/runtimes.md). Own enumerable keys only;
 * `Object.fromEntries` defines them, so an own "__proto__" stays a name; `map` keeps holes.
 */
function copySpec<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copySpec) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, copySpec(inner)])) as T;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
