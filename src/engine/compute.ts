/** `computeSlaState` and `computeSlaStates`: every clock of a ticket at `now`. */
import { checkIterable, checkObject } from '../arguments.js';
import * as expected from '../expected.js';
import { compilePolicy } from '../policy/compile.js';
import type { Scalar } from '../policy/condition.js';
import {
  type CompiledMetric,
  type Policy,
  type PolicyInternals,
  type PolicySpec,
  policyKey,
} from '../policy/policy.js';
import type { HostLookup } from '../policy/resolvedCalendar.js';
import { type Instant, toInstantMs } from '../time/instant.js';
import { type Log, readLog, type Ticket, type TicketEvent } from './events.js';
import { type HostCalendars, hostLookupOf } from './hostCalendars.js';
import { measureCycle } from './measure.js';
import { type Replay, replay } from './replay.js';
import { setOwn } from './setOwn.js';
import type { CycleState, MetricState, SlaState } from './state.js';
import { versionFor } from './version.js';

/** Options of `computeSlaState`: the instant to compute at (the library never reads the clock). */
export interface ComputeOptions {
  readonly now: Instant;
  /**
   * The host's compiled calendars, reached by goals whose calendar is `{ attribute, default }`
   * when the attribute names no policy calendar: a record or a resolver function.
   */
  readonly calendars?: HostCalendars;
}

/** The state of a metric that has no cycle yet. */
function inactiveMetric(): MetricState {
  return {
    status: 'inactive',
    breached: false,
    goal: null,
    key: null,
    startedAt: null,
    stoppedAt: null,
    elapsed: 0,
    remaining: null,
    percent: null,
    deadline: null,
    breachedAt: null,
    pausedFor: 0,
    warnings: [],
    nextChangeAt: null,
    cycles: [],
    breachedCycles: 0,
  };
}

/** A metric's state: its latest cycle's fields, flattened, then every cycle. */
function flatten(latest: CycleState, cycles: CycleState[], breachedCycles: number): MetricState {
  return {
    status: latest.status,
    breached: latest.breached,
    goal: latest.goal,
    key: latest.key,
    startedAt: latest.startedAt,
    stoppedAt: latest.stoppedAt,
    elapsed: latest.elapsed,
    remaining: latest.remaining,
    percent: latest.percent,
    deadline: latest.deadline,
    breachedAt: latest.breachedAt,
    pausedFor: latest.pausedFor,
    warnings: latest.warnings,
    nextChangeAt: latest.nextChangeAt,
    cycles,
    breachedCycles,
  };
}

/** The compiled internals of a `Policy`, compiling a raw spec when that is what was passed. */
export function policyInternals(policy: PolicySpec | Policy): PolicyInternals {
  checkObject(policy, 'policy', expected.compiledPolicy);
  return (policy as Partial<Policy>)[policyKey] ?? compilePolicy(policy as PolicySpec)[policyKey];
}

/** `now` from the options, validated; `what` describes the options the caller takes. */
export function nowOf(options: unknown, what: string = expected.options): number {
  checkObject(options, 'options', what);
  return toInstantMs((options as { now?: unknown }).now, 'options', ['now']);
}

/** Computes one ticket's state through compiled internals, with `now` already validated. */
export function computeWith(
  ticket: unknown,
  policy: PolicyInternals,
  nowMs: number,
  host: HostLookup | undefined = undefined,
): SlaState {
  return computeLog(readLog(ticket), policy, nowMs, host);
}

/**
 * `computeWith` past reading: one ticket from its validated log. Comparing two policies reads
 * each log once and computes it twice through this (src/report/compare.ts).
 */
export function computeLog(
  log: Log,
  policy: PolicyInternals,
  nowMs: number,
  host: HostLookup | undefined,
): SlaState {
  const { internals, version } = versionFor(policy, log, nowMs);
  return stateOf(replay(log, internals, nowMs, host), internals, nowMs, log.ticketId, version);
}

/**
 * The state of a replayed ticket at `nowMs`: each cycle measured, metrics flattened, the
 * ticket-wide fields. Shared by `computeSlaState` and the incremental tracker.
 */
export function stateOf(
  result: Replay,
  internals: PolicyInternals,
  nowMs: number,
  ticketId: SlaState['ticketId'],
  version: number | null,
): SlaState {
  const metrics: Record<string, MetricState> = {};
  let nextChangeAt: number | null = null;
  let nextDeadline: { metric: string; at: number } | null = null;
  let breached = false;
  for (let m = 0; m < internals.metrics.length; m++) {
    const metric = internals.metrics[m] as CompiledMetric;
    const records = result.cycles[m] ?? [];
    if (records.length === 0) {
      setOwn(metrics, metric.name, inactiveMetric());
      continue;
    }
    const cycles: CycleState[] = [];
    let breachedCycles = 0;
    for (const record of records) {
      const cycle = measureCycle(record, metric, nowMs);
      if (cycle.breached) breachedCycles++;
      cycles.push(cycle);
    }
    const latest = cycles[cycles.length - 1] as CycleState;
    setOwn(metrics, metric.name, flatten(latest, cycles, breachedCycles));
    if (latest.breached) breached = true;
    if (latest.nextChangeAt !== null && (nextChangeAt === null || latest.nextChangeAt < nextChangeAt)) {
      nextChangeAt = latest.nextChangeAt;
    }
    // Only a running cycle reports a deadline; strictly earlier wins, so ties keep policy order.
    if (latest.deadline !== null && (nextDeadline === null || latest.deadline < nextDeadline.at)) {
      nextDeadline = { metric: metric.name, at: latest.deadline };
    }
  }
  const attributes: Record<string, Scalar> = {};
  result.attributes.forEach((value, key) => {
    setOwn(attributes, key, value);
  });
  return {
    ticketId,
    now: nowMs,
    attributes,
    metrics,
    nextChangeAt,
    breached,
    nextDeadline,
    policyVersion: version,
  };
}

/**
 * Every SLA clock of one ticket at `now`: what is running, what is paused, elapsed and remaining
 * business time, deadlines, breaches, warnings, and when to compute again (`nextChangeAt`).
 *
 * `ticket` is `{ id, events }` or a bare array of events; `policy` a compiled `Policy` (reuse
 * one for many tickets) or a raw `PolicySpec` (compiled on every call). Events after `now` are
 * ignored, so the same full log answers "as of" any instant. Bad input throws
 * `SlaValidationError`.
 *
 * @example
 * const state = computeSlaState(
 *   { id: 'T-1', events: [{ type: 'created', at: '2026-03-02T09:00:00Z', attributes: { status: 'new' } }] },
 *   { metrics: { first_reply: { kind: 'first_response', goals: [{ target: '1h' }] } } },
 *   { now: '2026-03-02T09:30:00Z' },
 * )
 * state.metrics.first_reply.remaining //=> 1800000
 */
export function computeSlaState(
  ticket: Ticket | readonly TicketEvent[],
  policy: PolicySpec | Policy,
  options: ComputeOptions,
): SlaState {
  const internals = policyInternals(policy);
  const nowMs = nowOf(options);
  return computeWith(ticket, internals, nowMs, hostLookupOf(options));
}

/**
 * `computeSlaState` for many tickets through one policy, compiled once: a lazy iterable of
 * states in input order.
 *
 * The arguments are checked when it is called, as a helpdesk developer expects: `tickets` that
 * is not iterable (or is a string), a bad `policy` (a raw spec is compiled here, once) or bad
 * `options` throw `SlaValidationError` from the call itself, before anything is iterated. The
 * tickets themselves are read lazily: a bad ticket throws from the iteration that reaches it,
 * after the states of the tickets before it.
 *
 * @example
 * for (const state of computeSlaStates(tickets, policy, { now })) store(state)
 * computeSlaStates(new Date(0), policy, { now })
 * //=> throws SlaValidationError "tickets: expected an iterable of tickets, such as an array or a generator (not a string), got a Date"
 */
export function computeSlaStates(
  tickets: Iterable<Ticket | readonly TicketEvent[]>,
  policy: PolicySpec | Policy,
  options: ComputeOptions,
): Generator<SlaState, void, undefined> {
  // Not a generator itself: a generator's body, checks included, runs only on the first next().
  checkIterable(tickets, 'tickets', expected.tickets);
  const internals = policyInternals(policy);
  const nowMs = nowOf(options);
  return statesOf(tickets, internals, nowMs, hostLookupOf(options));
}

function* statesOf(
  tickets: Iterable<unknown>,
  internals: PolicyInternals,
  nowMs: number,
  host: HostLookup | undefined,
): Generator<SlaState, void, undefined> {
  for (const ticket of tickets) yield computeWith(ticket, internals, nowMs, host);
}
