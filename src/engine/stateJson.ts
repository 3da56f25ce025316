/**
 * `stringifySlaState`: a state's JSON text, written directly. The same bytes as
 * `JSON.stringify(serializeSlaState(state))` (or, with `cycles: "latest"`, of the state without
 * each metric's `cycles`), without building the serialized object first.
 *
 * Why: the CLI and the HTTP service write one state per ticket, and writing costs more than
 * computing. Over 20,000 generated 10-event tickets of the sample policy,
 * `JSON.stringify(serializeSlaState(state))` took 15.6 µs a state and this 12.2 µs
 * (docs/benchmarks.md, "Writing states"): it skips the intermediate object, writes a metric's
 * latest cycle once (the metric repeats its fields), and joins its pieces once at the end.
 *
 * Exact for anything: each value is checked as it is written (a `typeof`, an integer check), and
 * the first value that is not what `computeSlaState` returns (a number where a string belongs, an
 * extra object...) hands the whole state to `JSON.stringify(serializeSlaState(state))`, which
 * writes or refuses it as it always has. A property test holds both forms equal on every
 * generator of the engine's tests and on hostile values.
 */

import { fail } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import type { Scalar } from '../policy/condition.js';
import { formatInstant } from '../time/instant.js';
import { serializeLatestState, serializeSlaState } from './serialize.js';
import type { CycleState, MetricState, SlaState, WarningState } from './state.js';

/** Thrown inside the writer when a value is not as `computeSlaState` makes it: use the checked path. */
const unusual: unique symbol = Symbol('unusual');

/** A string as JSON text: `JSON.stringify` of a short string is fast and escapes exactly as JSON does. */
function quote(value: unknown): string {
  if (typeof value !== 'string') throw unusual;
  return JSON.stringify(value);
}

/** A number as `JSON.stringify` writes it (non-finite numbers as `null`). */
function numberJson(value: unknown): string {
  if (typeof value !== 'number') throw unusual;
  return Number.isFinite(value) ? String(value) : 'null';
}

const nullableNumberJson = (value: unknown): string => (value === null ? 'null' : numberJson(value));

function booleanJson(value: unknown): string {
  if (value === true) return 'true';
  if (value === false) return 'false';
  throw unusual;
}

/** An attribute value or a cycle key: a string, a number, a boolean or null. */
function scalarJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      if (value === null) return 'null';
      throw unusual;
  }
}

/** An instant as quoted ISO text, null as null. */
function instantJson(ms: unknown): string {
  if (ms === null) return 'null';
  if (!Number.isInteger(ms)) throw unusual;
  return `"${formatInstant(ms as number)}"`;
}

/** Cycle statuses need no escaping; anything else goes the checked way. */
function statusJson(status: unknown): string {
  switch (status) {
    case 'inactive':
    case 'running':
    case 'paused':
    case 'met':
    case 'breached':
    case 'cancelled':
    case 'stopped':
      return `"${status}"`;
    default:
      throw unusual;
  }
}

// A goal is written as JSON.stringify writes it (it is copied as it is); the engine shares one
// frozen goal object between the cycles of a fixed-calendar goal, so its text is kept. Only for a
// goal whose text cannot change: freezing is shallow, so a host's frozen goal holding an object or
// a getter is written afresh each time.
const frozenGoalJson = new WeakMap<object, string>();

function goalJson(goal: unknown): string {
  if (goal === null) return 'null';
  if (typeof goal !== 'object') throw unusual;
  let text = frozenGoalJson.get(goal);
  if (text !== undefined) return text;
  text = JSON.stringify(goal);
  if (isImmutableRecord(goal)) frozenGoalJson.set(goal, text);
  return text;
}

/** Frozen, a plain object, and only data properties holding primitives: its JSON cannot change. */
function isImmutableRecord(value: object): boolean {
  if (!Object.isFrozen(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value))) {
    if (!('value' in descriptor)) return false; // a getter may answer differently next time
    if (typeof descriptor.value === 'object' && descriptor.value !== null) return false;
    if (typeof descriptor.value === 'function') return false;
  }
  return true;
}

function warningsJson(warnings: readonly WarningState[]): string {
  if (!Array.isArray(warnings)) throw unusual;
  if (warnings.length === 0) return '[]';
  let text = '[';
  for (let i = 0; i < warnings.length; i++) {
    const warning = warnings[i] as WarningState;
    if (typeof warning !== 'object' || warning === null) throw unusual;
    text += `${i === 0 ? '' : ','}{"threshold":${quote(warning.threshold)},"at":${instantJson(warning.at)},"reached":${booleanJson(warning.reached)}}`;
  }
  return `${text}]`;
}

/** The fields every cycle and metric share, in `SerializedCycle`'s order, without the braces. */
function cycleFieldsJson(cycle: CycleState): string {
  if (typeof cycle !== 'object' || cycle === null) throw unusual;
  return (
    `"status":${statusJson(cycle.status)},"breached":${booleanJson(cycle.breached)},"goal":${goalJson(cycle.goal)}` +
    `,"key":${scalarJson(cycle.key ?? null)},"startedAt":${instantJson(cycle.startedAt)}` +
    `,"stoppedAt":${instantJson(cycle.stoppedAt)},"elapsed":${numberJson(cycle.elapsed)}` +
    `,"remaining":${nullableNumberJson(cycle.remaining)},"percent":${nullableNumberJson(cycle.percent)}` +
    `,"deadline":${instantJson(cycle.deadline)},"breachedAt":${instantJson(cycle.breachedAt)}` +
    `,"pausedFor":${numberJson(cycle.pausedFor)},"warnings":${warningsJson(cycle.warnings)}` +
    `,"nextChangeAt":${instantJson(cycle.nextChangeAt)}`
  );
}

/** Whether a metric's flattened fields are its latest cycle's, as `computeSlaState` makes them. */
function sameFields(metric: MetricState, cycle: CycleState): boolean {
  return (
    metric.status === cycle.status &&
    metric.breached === cycle.breached &&
    metric.goal === cycle.goal &&
    metric.key === cycle.key &&
    metric.startedAt === cycle.startedAt &&
    metric.stoppedAt === cycle.stoppedAt &&
    metric.elapsed === cycle.elapsed &&
    metric.remaining === cycle.remaining &&
    metric.percent === cycle.percent &&
    metric.deadline === cycle.deadline &&
    metric.breachedAt === cycle.breachedAt &&
    metric.pausedFor === cycle.pausedFor &&
    metric.warnings === cycle.warnings &&
    metric.nextChangeAt === cycle.nextChangeAt
  );
}

function metricJson(metric: MetricState, latestOnly: boolean, parts: string[]): void {
  const fields = cycleFieldsJson(metric);
  parts.push(`{${fields}`);
  if (!latestOnly) {
    const cycles = metric.cycles;
    if (!Array.isArray(cycles)) throw unusual;
    parts.push(',"cycles":[');
    const last = cycles.length - 1;
    for (let i = 0; i <= last; i++) {
      const cycle = cycles[i] as CycleState;
      // The metric repeats its latest cycle's fields (the same values, the same goal and
      // warnings objects): that cycle's text is already written once.
      const text =
        i === last && typeof cycle === 'object' && cycle !== null && sameFields(metric, cycle)
          ? fields
          : cycleFieldsJson(cycle);
      parts.push(`${i === 0 ? '{' : ',{'}${text}}`);
    }
    parts.push(']');
  }
  parts.push(`,"breachedCycles":${numberJson(metric.breachedCycles)}}`);
}

function nextDeadlineJson(next: SlaState['nextDeadline'] | undefined): string {
  if (next === null || next === undefined) return 'null';
  if (typeof next !== 'object' || !Number.isInteger(next.at)) throw unusual;
  return `{"metric":${quote(next.metric)},"at":"${formatInstant(next.at)}"}`;
}

function ticketIdJson(ticketId: unknown): string {
  return typeof ticketId === 'string' ? JSON.stringify(ticketId) : nullableNumberJson(ticketId);
}

function stateJson(state: SlaState, latestOnly: boolean): string {
  if (typeof state !== 'object' || state === null || !Number.isInteger(state.now)) throw unusual;
  const { attributes, metrics } = state;
  if (typeof attributes !== 'object' || attributes === null) throw unusual;
  if (typeof metrics !== 'object' || metrics === null) throw unusual;
  // Pieces joined once at the end: `join` copies them into one flat string. Appending to one
  // string instead builds a rope of hundreds of nodes per state, and the CLI, which keeps a
  // batch of lines before writing them, then spent half its time collecting garbage.
  const parts: string[] = [
    `{"ticketId":${ticketIdJson(state.ticketId)},"now":"${formatInstant(state.now)}","attributes":{`,
  ];
  let first = true;
  for (const name of Object.keys(attributes)) {
    parts.push(`${first ? '' : ','}${JSON.stringify(name)}:${scalarJson(attributes[name] as Scalar)}`);
    first = false;
  }
  parts.push('},"metrics":{');
  first = true;
  for (const name of Object.keys(metrics)) {
    parts.push(`${first ? '' : ','}${JSON.stringify(name)}:`);
    metricJson(metrics[name] as MetricState, latestOnly, parts);
    first = false;
  }
  parts.push(
    `},"nextChangeAt":${instantJson(state.nextChangeAt)},"breached":${booleanJson(state.breached)}` +
      `,"nextDeadline":${nextDeadlineJson(state.nextDeadline)}` +
      `,"policyVersion":${nullableNumberJson(state.policyVersion ?? null)}}`,
  );
  return parts.join('');
}

/**
 * The state's JSON text; `latestOnly` leaves out each metric's `cycles` (what
 * `sla-clock compute --cycles latest` writes). Internal: the CLI and the HTTP service call it
 * with states they computed.
 */
export function slaStateJson(state: SlaState, latestOnly: boolean): string {
  try {
    return stateJson(state, latestOnly);
  } catch (error) {
    if (error !== unusual) throw error;
    return JSON.stringify(latestOnly ? serializeLatestState(state) : serializeSlaState(state));
  }
}

/** What `stringifySlaState` takes besides the state. */
export interface StringifyOptions {
  /** `"all"` (default): every cycle of each metric, as `serializeSlaState`; `"latest"`: only the latest, flattened at the metric. */
  readonly cycles?: 'all' | 'latest';
}

/**
 * The JSON text of a state: exactly `JSON.stringify(serializeSlaState(state))`, about a fifth
 * faster (docs/policy.md, "The JSON form"). With `{ cycles: "latest" }` each metric leaves
 * out its `cycles` array (the latest cycle's fields are already at the metric), for hosts that
 * store only the current state. A value that is not a state is refused as `serializeSlaState`
 * refuses it.
 *
 * @example
 * stringifySlaState(computeSlaState(ticket, policy, { now })) // '{"ticketId":"T-1","now":"2026-03-02T15:00:00.000Z",...}'
 * stringifySlaState(state, { cycles: 'latest' })             // the same without each metric's "cycles"
 */
export function stringifySlaState(state: SlaState, options: StringifyOptions = {}): string {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    fail('invalid_type', [], expectedGot('options', [], expected.stringifyOptions, options));
  const cycles = options.cycles;
  if (cycles !== undefined && cycles !== 'all' && cycles !== 'latest')
    fail('invalid_value', ['cycles'], expectedGot('options', ['cycles'], expected.stringifyCycles, cycles));
  return slaStateJson(state, cycles === 'latest');
}
