/** `serializeSlaState`: the JSON form of a state, with instants as ISO strings, for other backends. */
import { fail } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import type { Scalar } from '../policy/condition.js';
import { formatInstant } from '../time/instant.js';
import type { TicketId } from './events.js';
import { setOwn } from './setOwn.js';
import type { CycleState, CycleStatus, MetricState, SlaState, WarningState } from './state.js';

/**
 * An instant in the JSON form: RFC 3339 in UTC with milliseconds, `"2026-03-02T09:00:00.000Z"`.
 * Every instant of a serialized state has this exact shape, so hosts may compare them as text.
 */
export type IsoInstant = string;

/** `WarningState` in the JSON form: `at` as ISO text. */
export interface SerializedWarning {
  readonly threshold: string;
  readonly at: IsoInstant | null;
  readonly reached: boolean;
}

/** `CycleState` in the JSON form: instants as ISO text, durations still in ms. */
export interface SerializedCycle {
  readonly status: CycleStatus;
  readonly breached: boolean;
  readonly goal: CycleState['goal'];
  readonly key: Scalar;
  readonly startedAt: IsoInstant | null;
  readonly stoppedAt: IsoInstant | null;
  readonly elapsed: number;
  readonly remaining: number | null;
  readonly percent: number | null;
  readonly deadline: IsoInstant | null;
  readonly breachedAt: IsoInstant | null;
  readonly pausedFor: number;
  readonly warnings: readonly SerializedWarning[];
  readonly nextChangeAt: IsoInstant | null;
}

/** `MetricState` in the JSON form: the latest cycle's fields, then every cycle. */
export interface SerializedMetric extends SerializedCycle {
  readonly cycles: readonly SerializedCycle[];
  readonly breachedCycles: number;
}

/**
 * `SlaState` in the JSON form, as `serializeSlaState` returns it and the CLI and the HTTP service
 * write it: the same fields in the same order, every instant as ISO text.
 */
export interface SerializedSlaState {
  readonly ticketId: TicketId | null;
  readonly now: IsoInstant;
  readonly attributes: Readonly<Record<string, Scalar>>;
  readonly metrics: Readonly<Record<string, SerializedMetric>>;
  readonly nextChangeAt: IsoInstant | null;
  readonly breached: boolean;
  readonly nextDeadline: { readonly metric: string; readonly at: IsoInstant } | null;
  readonly policyVersion: number | null;
}

/** A metric without its `cycles` (`sla-clock compute --cycles latest`). */
export type SerializedLatestMetric = Omit<SerializedMetric, 'cycles'>;

/** A state whose metrics leave out their `cycles` (`sla-clock compute --cycles latest`). */
export type SerializedLatestState = Omit<SerializedSlaState, 'metrics'> & {
  readonly metrics: Readonly<Record<string, SerializedLatestMetric>>;
};

// Each value read is checked as far as writing it needs, so that something that is not a state
// fails with the path of the first thing wrong rather than a TypeError or a "NaN-NaN-NaN" date.
// The path is built only then, from the metric's name and the cycle's index (-1: the metric).

/** Throws for `value` at `...tail` under a metric (or the state, when `metric` is null) and cycle. */
function notAState(
  value: unknown,
  what: string,
  metric: string | null,
  cycle: number,
  ...tail: (string | number)[]
): never {
  const path: (string | number)[] =
    metric === null ? [] : cycle < 0 ? ['metrics', metric] : ['metrics', metric, 'cycles', cycle];
  path.push(...tail);
  fail('invalid_type', path, expectedGot('state', path, what, value));
}

/** An instant field as ISO text, null as null. */
function iso(ms: unknown, metric: string | null, cycle: number, field: string): string | null {
  if (Number.isInteger(ms)) return formatInstant(ms as number);
  if (ms === null) return null;
  return notAState(ms, expected.stateInstant, metric, cycle, field);
}

function serializeWarnings(
  warnings: readonly WarningState[],
  metric: string,
  cycle: number,
): SerializedWarning[] {
  if (!Array.isArray(warnings)) notAState(warnings, expected.warningStates, metric, cycle, 'warnings');
  const out = new Array<SerializedWarning>(warnings.length);
  for (let i = 0; i < warnings.length; i++) {
    const warning = warnings[i] as WarningState;
    if (typeof warning !== 'object' || warning === null)
      notAState(warning, expected.warningState, metric, cycle, 'warnings', i);
    const at = warning.at;
    out[i] = {
      threshold: warning.threshold,
      at:
        at === null
          ? null
          : Number.isInteger(at)
            ? formatInstant(at)
            : notAState(at, expected.stateInstant, metric, cycle, 'warnings', i, 'at'),
      reached: warning.reached,
    };
  }
  return out;
}

// Written out field by field (no spreads): this runs for every ticket the CLI writes.
function serializeCycle(cycle: CycleState, metric: string, index: number): SerializedCycle {
  if (typeof cycle !== 'object' || cycle === null) notAState(cycle, expected.cycleState, metric, index);
  return {
    status: cycle.status,
    breached: cycle.breached,
    goal: cycle.goal,
    key: cycle.key ?? null,
    startedAt: iso(cycle.startedAt, metric, index, 'startedAt'),
    stoppedAt: iso(cycle.stoppedAt, metric, index, 'stoppedAt'),
    elapsed: cycle.elapsed,
    remaining: cycle.remaining,
    percent: cycle.percent,
    deadline: iso(cycle.deadline, metric, index, 'deadline'),
    breachedAt: iso(cycle.breachedAt, metric, index, 'breachedAt'),
    pausedFor: cycle.pausedFor,
    warnings: serializeWarnings(cycle.warnings, metric, index),
    nextChangeAt: iso(cycle.nextChangeAt, metric, index, 'nextChangeAt'),
  };
}

function serializeMetric(metric: MetricState, name: string): SerializedMetric {
  if (typeof metric !== 'object' || metric === null) notAState(metric, expected.metricState, name, -1);
  if (!Array.isArray(metric.cycles)) notAState(metric.cycles, expected.cycleStates, name, -1, 'cycles');
  const cycles = new Array<SerializedCycle>(metric.cycles.length);
  for (let i = 0; i < cycles.length; i++) cycles[i] = serializeCycle(metric.cycles[i] as CycleState, name, i);
  return {
    status: metric.status,
    breached: metric.breached,
    goal: metric.goal,
    key: metric.key ?? null,
    startedAt: iso(metric.startedAt, name, -1, 'startedAt'),
    stoppedAt: iso(metric.stoppedAt, name, -1, 'stoppedAt'),
    elapsed: metric.elapsed,
    remaining: metric.remaining,
    percent: metric.percent,
    deadline: iso(metric.deadline, name, -1, 'deadline'),
    breachedAt: iso(metric.breachedAt, name, -1, 'breachedAt'),
    pausedFor: metric.pausedFor,
    warnings: serializeWarnings(metric.warnings, name, -1),
    nextChangeAt: iso(metric.nextChangeAt, name, -1, 'nextChangeAt'),
    cycles,
    breachedCycles: metric.breachedCycles,
  };
}

/** A metric's latest cycle, flattened, without `cycles`: the same fields as `serializeMetric` less one. */
function serializeLatestMetric(metric: MetricState, name: string): SerializedLatestMetric {
  if (typeof metric !== 'object' || metric === null) notAState(metric, expected.metricState, name, -1);
  return {
    status: metric.status,
    breached: metric.breached,
    goal: metric.goal,
    key: metric.key ?? null,
    startedAt: iso(metric.startedAt, name, -1, 'startedAt'),
    stoppedAt: iso(metric.stoppedAt, name, -1, 'stoppedAt'),
    elapsed: metric.elapsed,
    remaining: metric.remaining,
    percent: metric.percent,
    deadline: iso(metric.deadline, name, -1, 'deadline'),
    breachedAt: iso(metric.breachedAt, name, -1, 'breachedAt'),
    pausedFor: metric.pausedFor,
    warnings: serializeWarnings(metric.warnings, name, -1),
    nextChangeAt: iso(metric.nextChangeAt, name, -1, 'nextChangeAt'),
    breachedCycles: metric.breachedCycles,
  };
}

/** Copies own enumerable properties through `map`, keeping `"__proto__"` an ordinary key. */
function copyOwn<T>(
  source: Readonly<Record<string, T>>,
  map: (value: T, key: string) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) setOwn(out, key, map(source[key] as T, key));
  return out;
}

const same = <T>(value: T): T => value;

/** `nextDeadline` with its instant as ISO text (absent, as from an older state, is null). */
function serializeNextDeadline(
  next: SlaState['nextDeadline'] | undefined,
): SerializedSlaState['nextDeadline'] {
  if (next === null || next === undefined) return null;
  if (typeof next !== 'object') notAState(next, expected.nextDeadline, null, -1, 'nextDeadline');
  return { metric: next.metric, at: iso(next.at, null, -1, 'nextDeadline') as IsoInstant };
}

/**
 * A plain JSON-ready copy of a state: every instant as an ISO 8601 UTC string
 * (`2026-03-02T09:00:00.000Z`), durations still in ms, field order as in `SlaState`.
 *
 * Something that is not a state throws `SlaValidationError` at the first thing wrong that
 * writing it runs into (an instant that is not an integer, `metrics` or `cycles` of the wrong
 * type), e.g. `state.metrics.reply.deadline: expected an integer epoch-ms number or null, got
 * "soon"`. Other fields are copied as they are.
 *
 * @example
 * JSON.stringify(serializeSlaState(state)) // what the CLI writes, one line per ticket
 * serializeSlaState(null) //=> throws SlaValidationError "state: expected a state returned by computeSlaState, got null"
 */
export function serializeSlaState(state: SlaState): SerializedSlaState {
  return serializeState(state, serializeMetric) as SerializedSlaState;
}

/**
 * `serializeSlaState` without each metric's `cycles` (the latest cycle is already flattened at
 * the metric): what `sla-clock compute --cycles latest` writes, for hosts that store only the
 * current state. Not exported from the package.
 */
export function serializeLatestState(state: SlaState): SerializedLatestState {
  return serializeState(state, serializeLatestMetric) as SerializedLatestState;
}

function serializeState(
  state: SlaState,
  metricOf: (metric: MetricState, name: string) => SerializedLatestMetric,
): SerializedLatestState {
  if (typeof state !== 'object' || state === null) notAState(state, expected.state, null, -1);
  const { attributes, metrics } = state;
  if (typeof attributes !== 'object' || attributes === null)
    notAState(attributes, expected.stateAttributes, null, -1, 'attributes');
  if (typeof metrics !== 'object' || metrics === null)
    notAState(metrics, expected.stateMetrics, null, -1, 'metrics');
  return {
    ticketId: state.ticketId,
    now: Number.isInteger(state.now)
      ? formatInstant(state.now)
      : notAState(state.now, expected.stateNow, null, -1, 'now'),
    attributes: copyOwn(attributes, same) as Record<string, Scalar>,
    metrics: copyOwn(metrics, metricOf) as Record<string, SerializedLatestMetric>,
    nextChangeAt: iso(state.nextChangeAt, null, -1, 'nextChangeAt'),
    breached: state.breached,
    nextDeadline: serializeNextDeadline(state.nextDeadline),
    policyVersion: state.policyVersion ?? null,
  };
}
