/**
 * `compareSlaPolicies`: what a policy change would do before it is made (docs/reports.md,
 * "What-if"). Every ticket's log is read once and computed through both policies; the counts go
 * to one row per (group, metric), and only the deadline shifts are kept, for their medians.
 */
import { checkIterable, checkObject } from '../arguments.js';
import { computeLog, nowOf, policyInternals } from '../engine/compute.js';
import { readLog, type Ticket, type TicketEvent } from '../engine/events.js';
import { type HostCalendars, hostLookupOf } from '../engine/hostCalendars.js';
import type { CycleState, MetricState, SlaState } from '../engine/state.js';
import { fail, isSlaValidationError, SlaValidationError } from '../errors.js';
import * as expected from '../expected.js';
import { expectedFound, expectedGot, whatIfExpected } from '../messages.js';
import type { Scalar } from '../policy/condition.js';
import type { Policy, PolicyInternals, PolicySpec } from '../policy/policy.js';
import type { HostLookup } from '../policy/resolvedCalendar.js';
import type { Instant } from '../time/instant.js';
import { diffStates, type SlaStateDiff } from './diff.js';

/** Options of `compareSlaPolicies`. */
export interface CompareOptions {
  readonly now: Instant;
  /**
   * Rows by an attribute of the ticket at `now` (read from the `after` state), by a function of
   * the `after` state (`undefined` groups under `null`), or by the `after` policy's version
   * (`{ policyVersion: true }`); one row per metric without it.
   */
  readonly groupBy?: string | ((after: SlaState) => Scalar | undefined) | { readonly policyVersion: true };
  /** The host's compiled calendars, as `computeSlaStates` takes them; both policies reach them. */
  readonly calendars?: HostCalendars;
}

/** One row of a comparison: a group and a metric, under both policies. */
export interface SlaComparisonGroup {
  /** The group's key, from the `after` state; null when ungrouped or the attribute is missing. */
  readonly key: Scalar;
  readonly metric: string;
  /** As `summarizeSla` counts them under the old policy: every cycle, and the two rates. */
  readonly before: {
    readonly cycles: number;
    /** `met / (met + breached)`; null when 0 / 0. */
    readonly complianceRate: number | null;
    /** Cycles with `breached: true` over cycles with a goal; null when none has a goal. */
    readonly breachRate: number | null;
  };
  /** The same under the new policy. */
  readonly after: {
    readonly cycles: number;
    readonly complianceRate: number | null;
    readonly breachRate: number | null;
  };
  /** Cycles (matched by index) met before and breached after. */
  readonly metToBreached: number;
  /** Cycles (matched by index) breached before and met after. */
  readonly breachedToMet: number;
  /**
   * The median of `after.deadline − before.deadline` (ms) over the tickets whose latest cycle of
   * the metric is open and running with a deadline under both policies, nearest rank
   * (`sorted[ceil(n / 2) − 1]`); null when there is none.
   */
  readonly medianDeadlineShift: number | null;
}

/** The answer of `compareSlaPolicies`. */
export interface SlaComparison {
  /** One row per (group, metric), in order of first appearance. */
  readonly groups: readonly SlaComparisonGroup[];
  /**
   * The tickets that change, with their diffs, in input order: lazy, it iterates the tickets
   * again (so pass a re-iterable, such as an array) and computes them again.
   */
  changes(): Iterable<{ readonly ticketId: string | number | null; readonly diff: SlaStateDiff }>;
}

/** One side of a row: what `summarizeSla`'s tally counts for its rates, and nothing more. */
class SideTally {
  cycles = 0;
  met = 0;
  breached = 0;
  withGoal = 0;
  everBreached = 0;

  // The definitions of summarizeSla (src/report/summarize.ts): every cycle counts; compliance
  // is over met and breached cycles; the breach rate over cycles with a goal, open ones included.
  // A test checks that the two agree.
  add(cycle: CycleState): void {
    this.cycles++;
    if (cycle.status === 'met') this.met++;
    else if (cycle.status === 'breached') this.breached++;
    if (cycle.goal !== null) this.withGoal++;
    if (cycle.breached) this.everBreached++;
  }

  addAll(cycles: readonly CycleState[]): void {
    for (let c = 0; c < cycles.length; c++) this.add(cycles[c] as CycleState);
  }

  rates(): SlaComparisonGroup['before'] {
    const decided = this.met + this.breached;
    return {
      cycles: this.cycles,
      complianceRate: decided === 0 ? null : this.met / decided,
      breachRate: this.withGoal === 0 ? null : this.everBreached / this.withGoal,
    };
  }
}

/** A (group, metric) row of both policies. */
class ComparisonRow {
  readonly before = new SideTally();
  readonly after = new SideTally();
  metToBreached = 0;
  breachedToMet = 0;
  // Deadline shifts, for an exact median: a growing Float64Array, the one thing that grows with
  // the number of tickets (8 bytes per open, running cycle).
  private shiftsMs = new Float64Array(16);
  private shiftCount = 0;

  addShift(ms: number): void {
    if (this.shiftCount === this.shiftsMs.length) {
      const grown = new Float64Array(this.shiftsMs.length * 2);
      grown.set(this.shiftsMs);
      this.shiftsMs = grown;
    }
    this.shiftsMs[this.shiftCount++] = ms;
  }

  group(key: Scalar, metric: string): SlaComparisonGroup {
    let median: number | null = null;
    if (this.shiftCount > 0) {
      // Nearest rank, as summarizeSla's quantiles: sorted[ceil(q·n) − 1].
      const sorted = this.shiftsMs.slice(0, this.shiftCount).sort();
      median = sorted[Math.ceil(0.5 * this.shiftCount) - 1] as number;
    }
    return {
      key,
      metric,
      before: this.before.rates(),
      after: this.after.rates(),
      metToBreached: this.metToBreached,
      breachedToMet: this.breachedToMet,
      medianDeadlineShift: median,
    };
  }
}

/**
 * The one pass of `compareSlaPolicies`, a ticket at a time: the library drives it over an
 * iterable, the CLI's `diff` over NDJSON lines (reporting a bad line and going on). Holds the
 * rows only, never a state.
 *
 * @example
 * const comparison = PolicyComparison.of(oldPolicy, newPolicy, { now, groupBy: 'tier' })
 * const [before, after] = comparison.add(ticket) // throws SlaValidationError for a bad ticket
 * comparison.groups()[0].metToBreached //=> 1
 */
export class PolicyComparison {
  // Keys of different types stay apart (1 and "1" are two groups), as in summarizeSla.
  private readonly rows = new Map<Scalar, Map<string, ComparisonRow>>();

  constructor(
    private readonly before: PolicyInternals,
    private readonly after: PolicyInternals,
    private readonly nowMs: number,
    private readonly host: HostLookup | undefined,
    private readonly keyOf: (after: SlaState) => Scalar,
  ) {}

  /** Validates `compareSlaPolicies`' policies and options (not the tickets). */
  static of(before: unknown, after: unknown, options: unknown): PolicyComparison {
    const beforeInternals = internalsOf(before, 'before');
    const afterInternals = internalsOf(after, 'after');
    const nowMs = nowOf(options, whatIfExpected.compareOptions);
    const host = hostLookupOf(options as object);
    const keyOf = keyFunction((options as { groupBy?: unknown }).groupBy);
    return new PolicyComparison(beforeInternals, afterInternals, nowMs, host, keyOf);
  }

  /**
   * Computes one ticket through both policies, its log read once. Throws `SlaValidationError`
   * for a bad ticket, before anything is counted.
   */
  states(ticket: unknown): readonly [before: SlaState, after: SlaState] {
    const log = readLog(ticket);
    return [
      computeLog(log, this.before, this.nowMs, this.host),
      computeLog(log, this.after, this.nowMs, this.host),
    ];
  }

  /** Computes one ticket and counts it; returns both states. */
  add(ticket: unknown): readonly [before: SlaState, after: SlaState] {
    const states = this.states(ticket);
    this.count(states[0], states[1]);
    return states;
  }

  /** Counts one ticket's two states (from the engine, so trusted). */
  count(before: SlaState, after: SlaState): void {
    const key = this.keyOf(after);
    const beforeMetrics = before.metrics;
    const afterMetrics = after.metrics;
    // The after policy's metrics first, in its order, then those only the before policy has.
    for (const name of Object.keys(afterMetrics)) {
      const a = afterMetrics[name] as MetricState;
      const b = Object.hasOwn(beforeMetrics, name) ? beforeMetrics[name] : undefined;
      const row = this.rowOf(key, name);
      row.after.addAll(a.cycles);
      if (b === undefined) continue;
      row.before.addAll(b.cycles);
      const matched = Math.min(a.cycles.length, b.cycles.length);
      for (let c = 0; c < matched; c++) {
        const from = (b.cycles[c] as CycleState).status;
        const to = (a.cycles[c] as CycleState).status;
        if (from === 'met' && to === 'breached') row.metToBreached++;
        else if (from === 'breached' && to === 'met') row.breachedToMet++;
      }
      // Only an open, running cycle has a deadline; a paused one has none to move.
      if (b.status === 'running' && a.status === 'running' && b.deadline !== null && a.deadline !== null)
        row.addShift(a.deadline - b.deadline);
    }
    for (const name of Object.keys(beforeMetrics)) {
      if (Object.hasOwn(afterMetrics, name)) continue;
      this.rowOf(key, name).before.addAll((beforeMetrics[name] as MetricState).cycles);
    }
  }

  /** The rows so far, in order of first appearance. */
  groups(): SlaComparisonGroup[] {
    const groups: SlaComparisonGroup[] = [];
    for (const [key, byMetric] of this.rows) {
      for (const [metric, row] of byMetric) groups.push(row.group(key, metric));
    }
    return groups;
  }

  /** The tickets that change, with their diffs, in input order (each computed again). */
  *changes(
    tickets: Iterable<unknown>,
  ): Generator<{ readonly ticketId: string | number | null; readonly diff: SlaStateDiff }, void, undefined> {
    for (const ticket of tickets) {
      const [before, after] = this.states(ticket);
      const diff = diffStates(before, after, false);
      if (diff !== null) yield { ticketId: diff.ticketId, diff };
    }
  }

  private rowOf(key: Scalar, metric: string): ComparisonRow {
    let byMetric = this.rows.get(key);
    if (byMetric === undefined) {
      byMetric = new Map();
      this.rows.set(key, byMetric);
    }
    let row = byMetric.get(metric);
    if (row === undefined) {
      row = new ComparisonRow();
      byMetric.set(metric, row);
    }
    return row;
  }
}

/**
 * A policy argument's internals. A raw spec is compiled here, once, and its problems are
 * reported under the argument's name (`after.metrics.reply.goals[0].target: ...`), so that the
 * message says which of the two policies is wrong.
 */
function internalsOf(policy: unknown, root: 'before' | 'after'): PolicyInternals {
  checkObject(policy, root, expected.compiledPolicy);
  try {
    return policyInternals(policy as PolicySpec | Policy);
  } catch (error) {
    if (!isSlaValidationError(error)) throw error;
    throw new SlaValidationError(
      error.issues.map((issue) =>
        // `policy.metrics...`, `policy: ...` or `policy["a b"]...`: the root compilePolicy names.
        /^policy[.:[]/.test(issue.message)
          ? { ...issue, message: `${root}${issue.message.slice('policy'.length)}` }
          : issue,
      ),
    );
  }
}

/** The group key of a ticket, from its `after` state, as `options.groupBy` asks. */
function keyFunction(groupBy: unknown): (after: SlaState) => Scalar {
  const wrong = (value: unknown): never =>
    fail(
      'invalid_type',
      ['groupBy'],
      expectedGot('options', ['groupBy'], whatIfExpected.compareGroupBy, value),
    );
  if (groupBy === undefined) return () => null;
  if (typeof groupBy === 'function') {
    return (state) => {
      const key: unknown = groupBy(state);
      if (key === undefined) return null;
      if (key === null || typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean')
        return key;
      return fail('invalid_type', ['groupBy'], expectedGot('options', ['groupBy'], expected.groupKey, key));
    };
  }
  if (typeof groupBy === 'string') {
    // The engine's attributes hold scalars only; a missing attribute groups under null.
    return (state) =>
      Object.hasOwn(state.attributes, groupBy) ? (state.attributes[groupBy] as Scalar) : null;
  }
  if (groupBy !== null && typeof groupBy === 'object') {
    const keys = Object.keys(groupBy);
    if (
      keys.length === 1 &&
      keys[0] === 'policyVersion' &&
      (groupBy as { policyVersion?: unknown }).policyVersion === true
    )
      return (state) => (state as { policyVersion?: number | null }).policyVersion ?? null;
  }
  return wrong(groupBy);
}

/**
 * What a policy change would do before it is made: every ticket computed through both policies
 * at `now`, one row per (group, metric) with compliance and breach rate before and after, the
 * cycles that flip met → breached and breached → met (matched by index), and the median shift of
 * the deadlines of open, running cycles. `changes()` then lists the tickets that change, with
 * their `diffSlaStates`, in input order.
 *
 * One pass over `tickets`: each ticket's log is read once and replayed once per policy, and no
 * state is kept, so memory does not grow with the number of tickets but for the deadline shifts
 * (8 bytes per open, running cycle). `changes()` is lazy and iterates `tickets` again: pass a
 * re-iterable (an array, or an object whose `[Symbol.iterator]` starts a fresh generator);
 * calling it after a one-shot iterator, such as a generator object, throws `SlaValidationError`.
 *
 * Arguments are checked when it is called (`tickets` iterable and not a string; `before` and
 * `after` policies, compiled or raw, a raw spec's problems named under `before.` or `after.`;
 * `options` with `now`): each throws `SlaValidationError` naming it. A bad ticket throws from
 * the pass, as `computeSlaStates` does.
 *
 * @example
 * const { groups } = compareSlaPolicies(tickets, oldPolicy, newPolicy, { now, groupBy: 'tier' })
 * groups[0]
 * //=> { key: 'enterprise', metric: 'first_reply',
 * //     before: { cycles: 41, complianceRate: 0.95, breachRate: 0.05 },
 * //     after: { cycles: 41, complianceRate: 0.8, breachRate: 0.2 },
 * //     metToBreached: 6, breachedToMet: 0, medianDeadlineShift: -1800000 }
 */
export function compareSlaPolicies(
  tickets: Iterable<Ticket | readonly TicketEvent[]>,
  before: PolicySpec | Policy,
  after: PolicySpec | Policy,
  options: CompareOptions,
): SlaComparison {
  checkIterable(tickets, 'tickets', expected.tickets);
  const comparison = PolicyComparison.of(before, after, options);
  const iterator = tickets[Symbol.iterator]();
  // A generator object is its own iterator: iterating it again yields nothing, silently.
  const oneShot = (iterator as unknown) === tickets;
  for (const ticket of { [Symbol.iterator]: () => iterator }) comparison.add(ticket);
  const groups = comparison.groups();
  return {
    groups,
    changes: () => {
      if (oneShot)
        fail(
          'invalid_type',
          [],
          expectedFound('tickets', [], whatIfExpected.reiterable, whatIfExpected.oneShot),
        );
      return comparison.changes(tickets);
    },
  };
}
