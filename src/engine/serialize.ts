/** `serializeSlaState`: the JSON form of a state, with instants as ISO strings, for other backends. */
import { formatInstant } from '../time/instant.js';
import type { CycleState, MetricState, SlaState } from './state.js';

const iso = (ms: number | null): string | null => (ms === null ? null : formatInstant(ms));

function serializeCycle(cycle: CycleState): Record<string, unknown> {
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
    warnings: cycle.warnings.map((warning) => ({
      threshold: warning.threshold,
      at: iso(warning.at),
      reached: warning.reached,
    })),
    nextChangeAt: iso(cycle.nextChangeAt),
  };
}

function serializeMetric(metric: MetricState): Record<string, unknown> {
  return {
    ...serializeCycle(metric),
    cycles: metric.cycles.map(serializeCycle),
    breachedCycles: metric.breachedCycles,
  };
}

/**
 * A plain JSON-ready copy of a state: every instant as an ISO 8601 UTC string
 * (`2026-03-02T09:00:00.000Z`), durations still in ms, field order as in `SlaState`.
 *
 * @example
 * JSON.stringify(serializeSlaState(state)) // what the CLI writes, one line per ticket
 */
export function serializeSlaState(state: SlaState): Record<string, unknown> {
  // Object.fromEntries and spreading define own properties: "__proto__" stays an ordinary key.
  const metrics = Object.fromEntries(
    Object.entries(state.metrics).map(([name, metric]) => [name, serializeMetric(metric)]),
  );
  return {
    ticketId: state.ticketId,
    now: formatInstant(state.now),
    attributes: { ...state.attributes },
    metrics,
    nextChangeAt: iso(state.nextChangeAt),
    breached: state.breached,
  };
}
