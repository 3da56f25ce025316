/** `serializeSlaState`: the JSON form of a state, with instants as ISO strings, for other backends. */
import { formatInstant } from '../time/instant.js';
import { setOwn } from './setOwn.js';
import type { CycleState, MetricState, SlaState, WarningState } from './state.js';

const iso = (ms: number | null): string | null => (ms === null ? null : formatInstant(ms));

function serializeWarnings(warnings: readonly WarningState[]): object[] {
  const out = new Array<object>(warnings.length);
  for (let i = 0; i < warnings.length; i++) {
    const warning = warnings[i] as WarningState;
    out[i] = { threshold: warning.threshold, at: iso(warning.at), reached: warning.reached };
  }
  return out;
}

// Written out field by field (no spreads): this runs for every ticket the CLI writes.
function serializeCycle(cycle: CycleState): object {
  return {
    status: cycle.status,
    breached: cycle.breached,
    goal: cycle.goal,
    startedAt: iso(cycle.startedAt),
    stoppedAt: iso(cycle.stoppedAt),
    elapsed: cycle.elapsed,
    remaining: cycle.remaining,
    percent: cycle.percent,
    deadline: iso(cycle.deadline),
    breachedAt: iso(cycle.breachedAt),
    pausedFor: cycle.pausedFor,
    warnings: serializeWarnings(cycle.warnings),
    nextChangeAt: iso(cycle.nextChangeAt),
  };
}

function serializeMetric(metric: MetricState): object {
  const cycles = new Array<object>(metric.cycles.length);
  for (let i = 0; i < cycles.length; i++) cycles[i] = serializeCycle(metric.cycles[i] as CycleState);
  return {
    status: metric.status,
    breached: metric.breached,
    goal: metric.goal,
    startedAt: iso(metric.startedAt),
    stoppedAt: iso(metric.stoppedAt),
    elapsed: metric.elapsed,
    remaining: metric.remaining,
    percent: metric.percent,
    deadline: iso(metric.deadline),
    breachedAt: iso(metric.breachedAt),
    pausedFor: metric.pausedFor,
    warnings: serializeWarnings(metric.warnings),
    nextChangeAt: iso(metric.nextChangeAt),
    cycles,
    breachedCycles: metric.breachedCycles,
  };
}

/** Copies own enumerable properties through `map`, keeping `"__proto__"` an ordinary key. */
function copyOwn<T>(
  source: Readonly<Record<string, T>>,
  map: (value: T) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) setOwn(out, key, map(source[key] as T));
  return out;
}

const same = <T>(value: T): T => value;

/**
 * A plain JSON-ready copy of a state: every instant as an ISO 8601 UTC string
 * (`2026-03-02T09:00:00.000Z`), durations still in ms, field order as in `SlaState`.
 *
 * @example
 * JSON.stringify(serializeSlaState(state)) // what the CLI writes, one line per ticket
 */
export function serializeSlaState(state: SlaState): Record<string, unknown> {
  return {
    ticketId: state.ticketId,
    now: formatInstant(state.now),
    attributes: copyOwn(state.attributes, same),
    metrics: copyOwn(state.metrics, serializeMetric),
    nextChangeAt: iso(state.nextChangeAt),
    breached: state.breached,
  };
}
