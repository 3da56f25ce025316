/**
 * `diffSlaStates`: what differs between two states of one ticket, metric by metric
 * (docs/reports.md, "What-if"). It is the per-ticket half of `compareSlaPolicies`, and works as
 * well on any two states of one ticket: yesterday's stored state against today's.
 */
import { checkObject } from '../arguments.js';
import { setOwn } from '../engine/setOwn.js';
import type { CycleStatus, MetricState, SlaState } from '../engine/state.js';
import { fail, type SlaPath } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot, whatIfExpected } from '../messages.js';

/** The fields of a metric that a what-if compares: its latest cycle's outcome and its counts. */
export interface MetricSummary {
  /** The latest cycle's status; `"inactive"` when the metric has no cycle. */
  readonly status: CycleStatus;
  /** Whether the latest cycle is breached. */
  readonly breached: boolean;
  /** The latest cycle's deadline: set while it is open and running. */
  readonly deadline: number | null;
  /** How many cycles the metric has. */
  readonly cycles: number;
  /** How many of them are breached. */
  readonly breachedCycles: number;
}

/** How one metric differs between two states of a ticket. */
export interface MetricDiff {
  /** The metric on the `before` side; null when that state has no such metric. */
  readonly before: MetricSummary | null;
  /** The metric on the `after` side; null when that state has no such metric. */
  readonly after: MetricSummary | null;
  /** `after.deadline − before.deadline` in ms (positive: later); null when either is null. */
  readonly deadlineShift: number | null;
  /** Cycles matched by index (0 = the oldest) whose status differs, oldest first. */
  readonly flips: readonly { readonly cycle: number; readonly from: CycleStatus; readonly to: CycleStatus }[];
}

/** What differs between two states of one ticket: only the metrics that differ. */
export interface SlaStateDiff {
  readonly ticketId: string | number | null;
  /** The `after` state's metrics first, in its order, then those only `before` has. */
  readonly metrics: Readonly<Record<string, MetricDiff>>;
}

type Side = 'before' | 'after';

const metricStatuses: ReadonlySet<unknown> = new Set<CycleStatus>([
  'inactive',
  'running',
  'paused',
  'met',
  'breached',
  'cancelled',
  'stopped',
]);

function notAState(side: Side, path: SlaPath, what: string, value: unknown): never {
  fail('invalid_type', path, expectedGot(side, path, what, value));
}

/** The `metrics` of a state, checked to be an object (its entries are checked as they are read). */
function metricsOf(state: unknown, side: Side): Readonly<Record<string, unknown>> {
  checkObject(state, side, expected.state);
  const metrics = (state as { metrics?: unknown }).metrics;
  if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics))
    notAState(side, ['metrics'], expected.stateMetrics, metrics);
  return metrics as Readonly<Record<string, unknown>>;
}

function ticketIdOf(state: object, side: Side): string | number | null {
  const ticketId = (state as { ticketId?: unknown }).ticketId;
  if (ticketId === null || typeof ticketId === 'string' || Number.isSafeInteger(ticketId))
    return ticketId as string | number | null;
  return notAState(side, ['ticketId'], whatIfExpected.stateTicketId, ticketId);
}

/** A metric state, checked as far as a diff reads it: the summary's fields and `cycles`. */
function checkedMetric(value: unknown, side: Side, name: string): MetricState {
  if (value === null || typeof value !== 'object')
    notAState(side, ['metrics', name], expected.metricState, value);
  const metric = value as MetricState;
  if (!metricStatuses.has(metric.status))
    notAState(side, ['metrics', name, 'status'], whatIfExpected.metricStatus, metric.status);
  if (typeof metric.breached !== 'boolean')
    notAState(side, ['metrics', name, 'breached'], whatIfExpected.breachedFlag, metric.breached);
  if (metric.deadline !== null && !Number.isInteger(metric.deadline))
    notAState(side, ['metrics', name, 'deadline'], expected.stateInstant, metric.deadline);
  if (!Array.isArray(metric.cycles))
    notAState(side, ['metrics', name, 'cycles'], expected.cycleStates, metric.cycles);
  const breachedCycles = metric.breachedCycles;
  if (!Number.isSafeInteger(breachedCycles) || breachedCycles < 0)
    notAState(side, ['metrics', name, 'breachedCycles'], whatIfExpected.cycleCount, breachedCycles);
  return metric;
}

/** The status of cycle `index`, checked (a cycle is never `"inactive"`). */
function cycleStatusOf(metric: MetricState, side: Side, name: string, index: number): CycleStatus {
  const cycle: unknown = metric.cycles[index];
  if (cycle === null || typeof cycle !== 'object')
    notAState(side, ['metrics', name, 'cycles', index], expected.cycleState, cycle);
  const status = (cycle as { status?: unknown }).status;
  if (status === 'inactive' || !metricStatuses.has(status))
    notAState(side, ['metrics', name, 'cycles', index, 'status'], expected.cycleStatus, status);
  return status as CycleStatus;
}

const summaryOf = (metric: MetricState): MetricSummary => ({
  status: metric.status,
  breached: metric.breached,
  deadline: metric.deadline,
  cycles: metric.cycles.length,
  breachedCycles: metric.breachedCycles,
});

/** How a metric differs, or undefined when it does not (nothing is allocated then). */
function metricDiff(before: unknown, after: unknown, name: string): MetricDiff | undefined {
  const b = before === undefined ? undefined : checkedMetric(before, 'before', name);
  const a = after === undefined ? undefined : checkedMetric(after, 'after', name);
  if (b === undefined || a === undefined) {
    return {
      before: b === undefined ? null : summaryOf(b),
      after: a === undefined ? null : summaryOf(a),
      deadlineShift: null,
      flips: [],
    };
  }
  let flips: { cycle: number; from: CycleStatus; to: CycleStatus }[] | undefined;
  // Cycles are matched by index: the n-th cycle of a metric starts at the same trigger under any
  // policy that keeps the metric's triggers, so its status is what a policy change flips.
  const matched = Math.min(b.cycles.length, a.cycles.length);
  for (let c = 0; c < matched; c++) {
    const from = cycleStatusOf(b, 'before', name, c);
    const to = cycleStatusOf(a, 'after', name, c);
    if (from === to) continue;
    if (flips === undefined) flips = [];
    flips.push({ cycle: c, from, to });
  }
  if (
    flips === undefined &&
    b.status === a.status &&
    b.breached === a.breached &&
    b.deadline === a.deadline &&
    b.cycles.length === a.cycles.length &&
    b.breachedCycles === a.breachedCycles
  )
    return undefined;
  return {
    before: summaryOf(b),
    after: summaryOf(a),
    deadlineShift: b.deadline === null || a.deadline === null ? null : a.deadline - b.deadline,
    flips: flips ?? [],
  };
}

/**
 * The diff of two states; with `keepEmpty` false, null when no metric differs, so that
 * `compareSlaPolicies` and the CLI skip unchanged tickets without building an empty diff.
 *
 * @example
 * diffStates(state, state, false) //=> null
 */
export function diffStates(before: SlaState, after: SlaState, keepEmpty: false): SlaStateDiff | null;
export function diffStates(before: SlaState, after: SlaState, keepEmpty: true): SlaStateDiff;
export function diffStates(before: SlaState, after: SlaState, keepEmpty: boolean): SlaStateDiff | null {
  const beforeMetrics = metricsOf(before, 'before');
  const afterMetrics = metricsOf(after, 'after');
  const ticketId = ticketIdOf(before, 'before');
  const afterId = ticketIdOf(after, 'after');
  if (afterId !== ticketId) notAState('after', ['ticketId'], whatIfExpected.sameTicket(ticketId), afterId);
  let metrics: Record<string, MetricDiff> | undefined;
  // Own keys only: a metric named "__proto__" is an ordinary name, as everywhere in a state.
  for (const name of Object.keys(afterMetrics)) {
    const beforeMetric = Object.hasOwn(beforeMetrics, name) ? beforeMetrics[name] : undefined;
    const diff = metricDiff(beforeMetric, afterMetrics[name], name);
    if (diff === undefined) continue;
    if (metrics === undefined) metrics = {};
    setOwn(metrics, name, diff);
  }
  for (const name of Object.keys(beforeMetrics)) {
    if (Object.hasOwn(afterMetrics, name)) continue;
    if (metrics === undefined) metrics = {};
    setOwn(metrics, name, metricDiff(beforeMetrics[name], undefined, name) as MetricDiff);
  }
  if (metrics === undefined) return keepEmpty ? { ticketId, metrics: {} } : null;
  return { ticketId, metrics };
}

/**
 * What differs between two states of one ticket: for each metric that differs, both sides'
 * summaries (`status`, `breached`, `deadline` of the latest cycle; `cycles` and `breachedCycles`
 * counts), how far the deadline moved, and the cycles whose status flipped (matched by index).
 *
 * A metric differs when any field of its summary or any matched cycle's status differs; a metric
 * present on one side only always differs (`before` or `after` is null). Metrics that do not
 * differ are left out, so `diffSlaStates(s, s).metrics` is `{}`. Both states must be of one ticket
 * (equal `ticketId`s). Each state is checked as far as the diff reads it: the first thing wrong
 * throws `SlaValidationError` naming it, e.g.
 * `after.metrics.reply.cycles[0].status: expected "running", "paused", ..., got 42`.
 *
 * @example
 * const diff = diffSlaStates(
 *   computeSlaState(ticket, oldPolicy, { now }),
 *   computeSlaState(ticket, newPolicy, { now }),
 * )
 * diff.metrics.first_reply
 * //=> { before: { status: 'met', ... }, after: { status: 'breached', ... }, deadlineShift: null,
 * //     flips: [{ cycle: 0, from: 'met', to: 'breached' }] }
 */
export function diffSlaStates(before: SlaState, after: SlaState): SlaStateDiff {
  return diffStates(before, after, true);
}
