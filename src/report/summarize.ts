/**
 * `summarizeSla`: compliance by group and metric over many ticket states (docs/reports.md),
 * with exact nearest-rank quantiles of elapsed time.
 */
import { checkIterable, checkObject } from '../arguments.js';
import type { CycleState, SlaState } from '../engine/state.js';
import { fail, type SlaPath } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import type { Scalar } from '../policy/condition.js';
import { maxInstantMs, minInstantMs } from '../time/range.js';
import { compilePeriod, type Period, type PeriodOptions } from './period.js';

export type { PeriodOptions, PeriodUnit } from './period.js';

/** One row of a summary: a group key and a metric. */
export interface SlaGroupSummary {
  /**
   * With the `period` option only: the day (`"2026-03-02"`), ISO week (`"2026-W10"`) or month
   * (`"2026-03"`) of the row's cycles, in the option's zone.
   */
  readonly period?: string;
  /** The group's key; null when ungrouped or the attribute is missing. */
  readonly key: Scalar;
  readonly metric: string;
  readonly cycles: number;
  readonly met: number;
  readonly breached: number;
  readonly cancelled: number;
  readonly stopped: number;
  readonly open: number;
  readonly openBreached: number;
  /** `met / (met + breached)`; null when 0 / 0. */
  readonly complianceRate: number | null;
  /** Cycles with `breached: true` over cycles with a goal; null when none has a goal. */
  readonly breachRate: number | null;
  /** Over met and breached cycles: nearest-rank quantiles (`sorted[ceil(q·n) − 1]`); null when none. */
  readonly elapsed: { readonly mean: number; readonly median: number; readonly p90: number } | null;
}

export interface SlaSummary {
  readonly groups: readonly SlaGroupSummary[];
}

export interface SummarizeOptions {
  /**
   * An attribute name (the ticket's value at `now`), or a function of the state; `undefined`
   * from the function groups under `null`, as a missing attribute does.
   */
  readonly groupBy?:
    | string
    | ((state: SlaState) => Scalar | undefined)
    | { readonly cycleKey: true }
    | { readonly policyVersion: true };
  /**
   * Rows per period as well: each cycle counts in the day, ISO week or month of its start (or,
   * `by: "end"`, of its stop or cancel instant; open cycles by their start), read in `timeZone`.
   */
  readonly period?: PeriodOptions;
}

/** Running counts of one (group, metric) row. */
class Tally {
  cycles = 0;
  met = 0;
  breached = 0;
  cancelled = 0;
  stopped = 0;
  open = 0;
  openBreached = 0;
  withGoal = 0;
  everBreached = 0;
  // Elapsed times of met and breached cycles, for exact quantiles: a growing Float64Array.
  elapsedMs = new Float64Array(16);
  elapsedCount = 0;
  elapsedSumMs = 0;

  /** Counts a cycle; false, counting nothing, when it is not a cycle state (see `cycleProblem`). */
  add(cycle: CycleState): boolean {
    if (typeof cycle !== 'object' || cycle === null) return false;
    switch (cycle.status) {
      case 'met':
        if (typeof cycle.elapsed !== 'number') return false;
        this.met++;
        this.addElapsed(cycle.elapsed);
        break;
      case 'breached':
        if (typeof cycle.elapsed !== 'number') return false;
        this.breached++;
        this.addElapsed(cycle.elapsed);
        break;
      case 'cancelled':
        this.cancelled++;
        break;
      case 'stopped':
        this.stopped++;
        break;
      case 'running':
      case 'paused':
        this.open++;
        if (cycle.breached) this.openBreached++;
        break;
      default:
        return false;
    }
    this.cycles++;
    if (cycle.goal !== null) this.withGoal++;
    if (cycle.breached) this.everBreached++;
    return true;
  }

  private addElapsed(ms: number): void {
    if (this.elapsedCount === this.elapsedMs.length) {
      const grown = new Float64Array(this.elapsedMs.length * 2);
      grown.set(this.elapsedMs);
      this.elapsedMs = grown;
    }
    this.elapsedMs[this.elapsedCount++] = ms;
    this.elapsedSumMs += ms;
  }

  summary(key: Scalar, metric: string, period: string | undefined): SlaGroupSummary {
    const decided = this.met + this.breached;
    let elapsed: SlaGroupSummary['elapsed'] = null;
    if (this.elapsedCount > 0) {
      // Numeric sort of a typed array: exact, and fast for millions of cycles.
      const sorted = this.elapsedMs.subarray(0, this.elapsedCount).sort();
      const rank = (q: number) => sorted[Math.ceil(q * this.elapsedCount) - 1] as number;
      elapsed = { mean: this.elapsedSumMs / this.elapsedCount, median: rank(0.5), p90: rank(0.9) };
    }
    const row = {
      key,
      metric,
      cycles: this.cycles,
      met: this.met,
      breached: this.breached,
      cancelled: this.cancelled,
      stopped: this.stopped,
      open: this.open,
      openBreached: this.openBreached,
      complianceRate: decided === 0 ? null : this.met / decided,
      breachRate: this.withGoal === 0 ? null : this.everBreached / this.withGoal,
      elapsed,
    };
    // `period` first, as it is the outermost key of the rows' order.
    return period === undefined ? row : { period, ...row };
  }
}

/** Throws for what is wrong with `value` at `path` of `states`. */
function notAState(path: SlaPath, what: string, value: unknown): never {
  fail('invalid_type', path, expectedGot('states', path, what, value));
}

/** Why `Tally.add` refused a cycle, as the error it deserves (the error path only). */
function cycleProblem(path: SlaPath, cycle: unknown): never {
  if (typeof cycle !== 'object' || cycle === null) notAState(path, expected.cycleState, cycle);
  const { status, elapsed } = cycle as { status?: unknown; elapsed?: unknown };
  if (status !== 'met' && status !== 'breached') notAState([...path, 'status'], expected.cycleStatus, status);
  notAState([...path, 'elapsed'], expected.elapsedMs, elapsed);
}

/**
 * Which object form `groupBy` takes: rows by each cycle's own `key` (`{ cycleKey: true }`), by the
 * policy version that computed each ticket (`{ policyVersion: true }`), or neither (not an object).
 * Both at once is an error: a row is keyed by one thing.
 */
function groupByObject(groupBy: unknown): 'cycleKey' | 'policyVersion' | null {
  if (groupBy === null || typeof groupBy !== 'object') return null;
  const keys = Object.keys(groupBy);
  const key = keys[0];
  if (
    keys.length !== 1 ||
    (key !== 'cycleKey' && key !== 'policyVersion') ||
    (groupBy as Record<string, unknown>)[key] !== true
  )
    fail('invalid_value', ['groupBy'], expectedGot('options', ['groupBy'], expected.groupBy, groupBy));
  return key;
}

/** The policy version a state was computed with (null without versions), as a group key. */
function versionKeyOf(state: SlaState, index: number): Scalar {
  const version = (state as { policyVersion?: unknown }).policyVersion;
  if (version === undefined || version === null) return null;
  if (typeof version === 'number') return version;
  return notAState([index, 'policyVersion'], expected.policyVersion, version);
}

/** The key a cycle is grouped by with `{ cycleKey: true }`: its own `key` (null when absent). */
function cycleKeyOf(cycle: unknown, path: SlaPath): Scalar {
  const key = typeof cycle === 'object' && cycle !== null ? (cycle as { key?: unknown }).key : undefined;
  if (key === undefined || key === null) return null;
  if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') return key;
  return notAState([...path, 'key'], expected.groupKey, key);
}

/** The function that gives a state's group key, from `options.groupBy`. */
function keyFunction(groupBy: unknown): (state: SlaState, index: number) => Scalar {
  if (groupBy === undefined) return () => null;
  if (typeof groupBy === 'function') {
    return (state) => {
      const key = groupBy(state);
      if (key === undefined) return null;
      if (key === null || typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean')
        return key;
      return fail('invalid_type', ['groupBy'], expectedGot('options', ['groupBy'], expected.groupKey, key));
    };
  }
  if (typeof groupBy !== 'string')
    fail('invalid_type', ['groupBy'], expectedGot('options', ['groupBy'], expected.groupBy, groupBy));
  return (state, index) => {
    const attributes = state.attributes;
    if (typeof attributes !== 'object' || attributes === null)
      notAState([index, 'attributes'], expected.stateAttributes, attributes);
    if (!Object.hasOwn(attributes, groupBy)) return null;
    const key = attributes[groupBy];
    if (key === undefined) return null;
    if (key === null || typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean')
      return key;
    return notAState([index, 'attributes', groupBy], expected.attributeValue, key);
  };
}

/**
 * The instant that places a cycle in its period (docs/reports.md, "Periods"), checked; `path` is
 * built only for an error.
 */
function periodInstantOf(cycle: unknown, path: () => SlaPath, by: 'start' | 'end'): number {
  if (typeof cycle !== 'object' || cycle === null) return cycleProblem(path(), cycle);
  const { status } = cycle as { status?: unknown };
  const open = status === 'running' || status === 'paused';
  if (!open && status !== 'met' && status !== 'breached' && status !== 'cancelled' && status !== 'stopped')
    notAState([...path(), 'status'], expected.cycleStatus, status);
  const field = by === 'start' || open ? 'startedAt' : 'stoppedAt';
  const ms = (cycle as { startedAt?: unknown; stoppedAt?: unknown })[field];
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < minInstantMs || ms > maxInstantMs)
    notAState([...path(), field], expected.periodInstant, ms);
  return ms;
}

/** Rows by group key, then metric, then period id (0 without periods), each key in first-appearance order. */
type Rows = Map<Scalar, Map<string, Map<number, Tally>>>;

/** The rows as `groups`: by period (chronological), then key and metric in first-appearance order. */
function groupsOf(rows: Rows, period: Period | null): SlaGroupSummary[] {
  const groups: SlaGroupSummary[] = [];
  if (period === null) {
    for (const [key, byMetric] of rows) {
      for (const [metric, byPeriod] of byMetric)
        groups.push((byPeriod.get(0) as Tally).summary(key, metric, undefined));
    }
    return groups;
  }
  // One pass over the rows, then a sort by period: keys and metrics keep their first-appearance
  // order within a period (the sort is stable), and the work grows with the rows, not rows × periods.
  const rowsByPeriod: { id: number; key: Scalar; metric: string; tally: Tally }[] = [];
  for (const [key, byMetric] of rows) {
    for (const [metric, byPeriod] of byMetric)
      for (const [id, tally] of byPeriod) rowsByPeriod.push({ id, key, metric, tally });
  }
  rowsByPeriod.sort((a, b) => a.id - b.id);
  let labelId = Number.NaN;
  let label = '';
  for (const { id, key, metric, tally } of rowsByPeriod) {
    if (id !== labelId) {
      label = period.label(id);
      labelId = id;
    }
    groups.push(tally.summary(key, metric, label));
  }
  return groups;
}

/**
 * Summarises many states: one row per (group key, metric), over every cycle of every ticket,
 * in order of first appearance; with `period`, one row per (period, group key, metric), periods
 * in chronological order and, within one, keys and metrics in order of first appearance.
 * Consumes `states` once, so it works on a lazy `computeSlaStates` over millions of tickets.
 *
 * `states` must be iterable (not a string) and `options` an object or left out, with `groupBy`
 * a string, a function or left out, and `period` `{ unit, timeZone, by? }` or left out; anything
 * else throws `SlaValidationError` before `states` is touched. Each state is checked as far as
 * summing reads it (an object whose `metrics` hold `cycles` arrays of cycle objects with a known
 * `status`, and with `period` the instant that places each cycle): the first thing wrong throws
 * `SlaValidationError` at its path, e.g. `states[3].metrics.reply.cycles: expected an array of
 * cycle states, got null`. A `groupBy` function that returns `undefined` groups under `null`.
 *
 * @example
 * summarizeSla(computeSlaStates(tickets, policy, { now }), { groupBy: 'tier' }).groups[0]
 * //=> { key: 'gold', metric: 'first_reply', cycles: 120, met: 114, breached: 6, complianceRate: 0.95, ... }
 * summarizeSla(states, { period: { unit: 'week', timeZone: 'Europe/Berlin' } }).groups[0]
 * //=> { period: '2026-W10', key: null, metric: 'first_reply', cycles: 31, ... }
 */
export function summarizeSla(states: Iterable<SlaState>, options: SummarizeOptions = {}): SlaSummary {
  checkIterable(states, 'states', expected.states);
  const summary = new SummaryBuilder(options);
  for (const state of states) summary.add(state);
  return summary.result();
}

/**
 * `summarizeSla` one state at a time: `add` each state, then `result`. For a caller that builds
 * several summaries in one pass over a stream (the HTML report's table and its charts by period),
 * keeping no state after it is added. The options are checked when it is made.
 *
 * @example
 * const byTier = new SummaryBuilder({ groupBy: 'tier' })
 * const byWeek = new SummaryBuilder({ period: { unit: 'week', timeZone: 'UTC' } })
 * for (const state of states) { byTier.add(state); byWeek.add(state) }
 * byTier.result() // what summarizeSla(states, { groupBy: 'tier' }) returns
 */
export class SummaryBuilder {
  private readonly byCycleKey: boolean;
  private readonly keyOf: (state: SlaState, index: number) => Scalar;
  private readonly period: Period | null;
  /** Per ticket, one row holds all its cycles of a metric; by cycle key or by period, each cycle its own row. */
  private readonly perCycle: boolean;
  // Keys of different types stay apart (1 and "1" are two groups), as conditions keep them apart.
  private readonly rows: Rows = new Map();
  private index = 0;

  constructor(options: SummarizeOptions = {}) {
    checkObject(options, 'options', expected.summarizeOptions);
    const byObject = groupByObject(options.groupBy);
    this.byCycleKey = byObject === 'cycleKey';
    this.keyOf =
      byObject === 'policyVersion'
        ? versionKeyOf
        : this.byCycleKey
          ? () => null
          : keyFunction(options.groupBy);
    const periodOption = options.period;
    this.period = periodOption === undefined ? null : compilePeriod(periodOption);
    this.perCycle = this.byCycleKey || this.period !== null;
  }

  /** The rows of (key, metric), by period id; made on first use, which fixes their order. */
  private rowsOf(key: Scalar, metric: string): Map<number, Tally> {
    let byMetric = this.rows.get(key);
    if (byMetric === undefined) {
      byMetric = new Map();
      this.rows.set(key, byMetric);
    }
    let byPeriod = byMetric.get(metric);
    if (byPeriod === undefined) {
      byPeriod = new Map();
      byMetric.set(metric, byPeriod);
    }
    return byPeriod;
  }

  /** Counts one state's cycles; throws `SlaValidationError` at the first thing summing cannot read. */
  add(state: SlaState): void {
    const index = this.index;
    const { byCycleKey, perCycle, period } = this;
    if (typeof state !== 'object' || state === null) notAState([index], expected.state, state);
    const metrics = state.metrics;
    if (typeof metrics !== 'object' || metrics === null)
      notAState([index, 'metrics'], expected.stateMetrics, metrics);
    const key = this.keyOf(state, index);
    for (const metric of Object.keys(metrics)) {
      const metricState = metrics[metric];
      const cycles = typeof metricState === 'object' && metricState !== null ? metricState.cycles : undefined;
      if (!Array.isArray(cycles)) {
        if (typeof metricState !== 'object' || metricState === null)
          notAState([index, 'metrics', metric], expected.metricState, metricState);
        notAState([index, 'metrics', metric, 'cycles'], expected.cycleStates, cycles);
      }
      // The ticket's (key, metric) rows are made even when it has no cycle, so that rows keep
      // the order they have without periods (a metric's rows with 0 cycles are left out below).
      const ticketRows = byCycleKey ? undefined : this.rowsOf(key, metric);
      let tally = perCycle ? undefined : tallyIn(ticketRows as Map<number, Tally>, 0);
      for (let c = 0; c < cycles.length; c++) {
        const cycle = cycles[c];
        if (perCycle) {
          const path = (): SlaPath => [index, 'metrics', metric, 'cycles', c];
          const cycleRows = ticketRows ?? this.rowsOf(cycleKeyOf(cycle, path()), metric);
          tally = tallyIn(
            cycleRows,
            period === null ? 0 : period.idAt(periodInstantOf(cycle, path, period.by)),
          );
        }
        if (!(tally as Tally).add(cycle as CycleState))
          cycleProblem([index, 'metrics', metric, 'cycles', c], cycle);
      }
    }
    this.index = index + 1;
  }

  /** The summary of every state added so far. */
  result(): SlaSummary {
    return { groups: groupsOf(this.rows, this.period) };
  }
}

/** The tally of a period's row, made on first use. */
function tallyIn(byPeriod: Map<number, Tally>, periodId: number): Tally {
  let tally = byPeriod.get(periodId);
  if (tally === undefined) {
    tally = new Tally();
    byPeriod.set(periodId, tally);
  }
  return tally;
}
