/**
 * `summarizeSla`: compliance by group and metric over many ticket states (SPEC.md section 8),
 * with exact nearest-rank quantiles of elapsed time.
 */
import type { CycleState, SlaState } from '../engine/state.js';
import type { Scalar } from '../policy/condition.js';

/** One row of a summary: a group key and a metric. */
export interface SlaGroupSummary {
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
  /** An attribute name (the ticket's value at `now`), or a function of the state. */
  readonly groupBy?: string | ((state: SlaState) => Scalar);
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

  add(cycle: CycleState): void {
    this.cycles++;
    if (cycle.goal !== null) this.withGoal++;
    if (cycle.breached) this.everBreached++;
    switch (cycle.status) {
      case 'met':
        this.met++;
        this.addElapsed(cycle.elapsed);
        break;
      case 'breached':
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
    }
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

  summary(key: Scalar, metric: string): SlaGroupSummary {
    const decided = this.met + this.breached;
    let elapsed: SlaGroupSummary['elapsed'] = null;
    if (this.elapsedCount > 0) {
      // Numeric sort of a typed array: exact, and fast for millions of cycles.
      const sorted = this.elapsedMs.subarray(0, this.elapsedCount).sort();
      const rank = (q: number) => sorted[Math.ceil(q * this.elapsedCount) - 1] as number;
      elapsed = { mean: this.elapsedSumMs / this.elapsedCount, median: rank(0.5), p90: rank(0.9) };
    }
    return {
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
  }
}

/**
 * Summarises many states: one row per (group key, metric), over every cycle of every ticket,
 * in order of first appearance. Consumes `states` once, so it works on a lazy
 * `computeSlaStates` over millions of tickets.
 *
 * @example
 * summarizeSla(computeSlaStates(tickets, policy, { now }), { groupBy: 'tier' }).groups[0]
 * //=> { key: 'gold', metric: 'first_reply', cycles: 120, met: 114, breached: 6, complianceRate: 0.95, ... }
 */
export function summarizeSla(states: Iterable<SlaState>, options: SummarizeOptions = {}): SlaSummary {
  const groupBy = options.groupBy;
  const keyOf: (state: SlaState) => Scalar =
    groupBy === undefined
      ? () => null
      : typeof groupBy === 'function'
        ? groupBy
        : (state) => (Object.hasOwn(state.attributes, groupBy) ? (state.attributes[groupBy] ?? null) : null);
  // Keys of different types stay apart (1 and "1" are two groups), as conditions keep them apart.
  const rows = new Map<Scalar, Map<string, Tally>>();
  for (const state of states) {
    const key = keyOf(state);
    let byMetric = rows.get(key);
    if (byMetric === undefined) {
      byMetric = new Map();
      rows.set(key, byMetric);
    }
    for (const [metric, metricState] of Object.entries(state.metrics)) {
      let tally = byMetric.get(metric);
      if (tally === undefined) {
        tally = new Tally();
        byMetric.set(metric, tally);
      }
      for (const cycle of metricState.cycles) tally.add(cycle);
    }
  }
  const groups: SlaGroupSummary[] = [];
  for (const [key, byMetric] of rows) {
    for (const [metric, tally] of byMetric) groups.push(tally.summary(key, metric));
  }
  return { groups };
}
