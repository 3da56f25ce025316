/**
 * Invariants of the SLA engine on random policies and event logs (test/oracle/ticketArbitraries.ts).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type CycleState,
  compilePolicy,
  computeSlaState,
  type Policy,
  type PolicySpec,
  type SlaState,
  type Ticket,
  type TicketEvent,
  type UnversionedPolicySpec,
} from '../../src/index.js';
import { naiveInstantMs } from '../oracle/naiveEngine.js';
import { type SlaCase, slaCaseArb } from '../oracle/ticketArbitraries.js';

const runs = 300;

function eventsOf(ticket: SlaCase['ticket']): TicketEvent[] {
  return ticket.events as unknown as TicketEvent[];
}

/** The log cut at `nowMs` and stably sorted (created first): what the engine sees. */
function cut(ticket: SlaCase['ticket'], nowMs: number): TicketEvent[] {
  const events = eventsOf(ticket).map((event, index) => ({
    event,
    index,
    ms: naiveInstantMs(event.at as never),
  }));
  const created = events.filter((e) => e.event.type === 'created');
  const rest = events
    .filter((e) => e.event.type !== 'created' && e.ms <= nowMs)
    .sort((a, b) => a.ms - b.ms || a.index - b.index);
  return [...created, ...rest].map((e) => e.event);
}

function compute(policy: Policy, events: readonly TicketEvent[], nowMs: number): SlaState {
  return computeSlaState({ id: 'T', events } as Ticket, policy, { now: nowMs });
}

const visible = (cycle: CycleState) => ({
  status: cycle.status,
  breached: cycle.breached,
  reached: cycle.warnings.map((w) => w.reached),
});

describe('engine invariants', () => {
  test('elapsed never decreases as now grows, while the goal stays the same', () => {
    fc.assert(
      fc.property(
        slaCaseArb,
        fc.integer({ min: 1, max: 3 * 1440 }),
        ({ policy, ticket, nowMs }, laterMinutes) => {
          const compiled = compilePolicy(policy as PolicySpec);
          const before = compute(compiled, eventsOf(ticket), nowMs);
          const after = compute(compiled, eventsOf(ticket), nowMs + laterMinutes * 60_000);
          for (const [name, metric] of Object.entries(before.metrics)) {
            metric.cycles.forEach((cycle, i) => {
              const later = after.metrics[name]?.cycles[i];
              if (later && later.goal?.index === cycle.goal?.index)
                expect(later.elapsed).toBeGreaterThanOrEqual(cycle.elapsed);
            });
          }
        },
      ),
      { numRuns: runs },
    );
  });

  test('computing at now on the full log equals computing on the log cut at now', () => {
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const compiled = compilePolicy(policy as PolicySpec);
        expect(compute(compiled, cut(ticket, nowMs), nowMs)).toEqual(
          compute(compiled, eventsOf(ticket), nowMs),
        );
      }),
      { numRuns: runs },
    );
  });

  test('an unsorted log gives the state of its stable sort: equal instants keep their order in the log', () => {
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const compiled = compilePolicy(policy as PolicySpec);
        expect(compute(compiled, cut(ticket, Number.POSITIVE_INFINITY), nowMs)).toEqual(
          compute(compiled, eventsOf(ticket), nowMs),
        );
      }),
      { numRuns: runs },
    );
  });

  test('breached is exactly elapsed > target; remaining and percent follow', () => {
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const state = compute(compilePolicy(policy as PolicySpec), eventsOf(ticket), nowMs);
        for (const metric of Object.values(state.metrics)) {
          for (const cycle of metric.cycles) {
            if (cycle.goal === null) {
              expect(cycle.breached).toBe(false);
              continue;
            }
            expect(cycle.breached).toBe(cycle.elapsed > cycle.goal.target);
            expect(cycle.remaining).toBe(cycle.goal.target - cycle.elapsed);
            expect(cycle.percent).toBe((cycle.elapsed / cycle.goal.target) * 100);
            expect(cycle.breachedAt !== null).toBe(cycle.breached);
          }
          expect(metric.breachedCycles).toBe(metric.cycles.filter((c) => c.breached).length);
        }
      }),
      { numRuns: runs },
    );
  });

  test('at its deadline a running cycle is not breached, and at deadline + 1 it is', () => {
    let checked = 0;
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const compiled = compilePolicy(policy as PolicySpec);
        const events = cut(ticket, nowMs);
        const state = compute(compiled, events, nowMs);
        for (const [name, metric] of Object.entries(state.metrics)) {
          if (metric.status !== 'running' || metric.deadline === null || metric.deadline < state.now)
            continue;
          checked++;
          const atDeadline = compute(compiled, events, metric.deadline).metrics[name];
          const after = compute(compiled, events, metric.deadline + 1).metrics[name];
          expect(atDeadline?.breached).toBe(false);
          expect(after?.breached).toBe(true);
          expect(after?.breachedAt).toBe(metric.deadline);
        }
      }),
      { numRuns: runs },
    );
    // About a quarter of random cases have a running cycle with a deadline ahead: not vacuous.
    expect(checked).toBeGreaterThan(runs / 10);
  });

  test('nothing visible changes before nextChangeAt, and something does at it', () => {
    let checked = 0;
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const compiled = compilePolicy(policy as PolicySpec);
        const events = cut(ticket, nowMs);
        const state = compute(compiled, events, nowMs);
        if (state.nextChangeAt === null) return;
        checked++;
        expect(state.nextChangeAt).toBeGreaterThan(nowMs);
        const just = compute(compiled, events, state.nextChangeAt - 1);
        const at = compute(compiled, events, state.nextChangeAt);
        let changed = false;
        for (const [name, metric] of Object.entries(state.metrics)) {
          const latest = (s: SlaState) => s.metrics[name] as CycleState;
          expect(visible(latest(just))).toEqual(visible(metric));
          if (JSON.stringify(visible(latest(at))) !== JSON.stringify(visible(metric))) changed = true;
        }
        expect(changed).toBe(true);
      }),
      { numRuns: runs },
    );
    expect(checked).toBeGreaterThan(runs / 10);
  });

  test('adding a pause never increases elapsed time', () => {
    fc.assert(
      fc.property(
        slaCaseArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 * 1440 }), fc.boolean()), { maxLength: 6 }),
        ({ policy, ticket, nowMs }, toggles) => {
          const spec = policy as UnversionedPolicySpec;
          const paused: PolicySpec = {
            ...spec,
            metrics: Object.fromEntries(
              Object.entries(spec.metrics).map(([name, metric]) => [
                name,
                {
                  ...metric,
                  pauseWhen: { any: [...(metric.pauseWhen ? [metric.pauseWhen] : []), { x_paused: true }] },
                },
              ]),
            ),
          };
          const createdMs = naiveInstantMs(eventsOf(ticket)[0]?.at as never);
          const extra: TicketEvent[] = toggles.map(([minutes, on]) => ({
            type: 'updated',
            at: createdMs + minutes * 60_000,
            attributes: { x_paused: on },
          }));
          const plain = compute(compilePolicy(spec), eventsOf(ticket), nowMs);
          const withPauses = compute(compilePolicy(paused), [...eventsOf(ticket), ...extra], nowMs);
          for (const [name, metric] of Object.entries(plain.metrics)) {
            metric.cycles.forEach((cycle, i) => {
              const other = withPauses.metrics[name]?.cycles[i] as CycleState;
              expect(other.startedAt).toBe(cycle.startedAt);
              expect(other.elapsed).toBeLessThanOrEqual(cycle.elapsed);
            });
          }
        },
      ),
      { numRuns: runs },
    );
  });

  test('later attribute changes never alter a stopped cycle', () => {
    fc.assert(
      fc.property(
        slaCaseArb,
        fc.record({
          priority: fc.constantFrom('low', 'normal', 'high', 'urgent'),
          tier: fc.constantFrom('free', 'pro', 'enterprise'),
        }),
        ({ policy, ticket, nowMs }, attributes) => {
          const compiled = compilePolicy(policy as PolicySpec);
          const events = cut(ticket, nowMs);
          const before = compute(compiled, events, nowMs);
          const createdMs = naiveInstantMs(events[0]?.at as never);
          const laterMs = Math.max(nowMs, createdMs) + 60_000;
          const after = compute(compiled, [...events, { type: 'updated', at: laterMs, attributes }], laterMs);
          for (const [name, metric] of Object.entries(before.metrics)) {
            // restart: "resume" is the one exception SPEC.md allows: the cycle opens again (and may
            // stop again at once), so only metrics that never resume are held to finality.
            const spec = (policy as UnversionedPolicySpec).metrics[name];
            const restart = spec?.restart ?? (spec?.kind === 'resolution' ? 'resume' : 'other');
            if (restart === 'resume') continue;
            metric.cycles.forEach((cycle, i) => {
              const ended =
                cycle.status === 'met' ||
                cycle.status === 'breached' ||
                cycle.status === 'cancelled' ||
                cycle.status === 'stopped';
              if (ended) expect(after.metrics[name]?.cycles[i]).toEqual(cycle);
            });
          }
        },
      ),
      { numRuns: runs },
    );
  });

  test('the result is the same whatever the process TZ', () => {
    const cases = fc.sample(slaCaseArb, { numRuns: 60, seed: 4242 });
    const run = () =>
      cases.map(({ policy, ticket, nowMs }) =>
        compute(compilePolicy(policy as PolicySpec), eventsOf(ticket), nowMs),
      );
    const original = process.env.TZ;
    try {
      const reference = run();
      for (const zone of ['Pacific/Chatham', 'America/Santiago', 'Asia/Kathmandu']) {
        process.env.TZ = zone;
        expect(run()).toEqual(reference);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});
