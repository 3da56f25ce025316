import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compilePolicy,
  computeSlaState,
  diffSlaStates,
  type MetricState,
  type PolicySpec,
  type SlaState,
  SlaValidationError,
  type Ticket,
} from '../../src/index.js';
import { slaCaseArb } from '../oracle/ticketArbitraries.js';
import { policyPairCaseArb } from './whatIfArbitraries.js';

const runs = 200;

const stateOf = (ticket: unknown, policy: unknown, nowMs: number): SlaState =>
  computeSlaState(ticket as Ticket, compilePolicy(policy as PolicySpec), { now: nowMs });

const summary = (metric: MetricState) => ({
  status: metric.status,
  breached: metric.breached,
  deadline: metric.deadline,
  cycles: metric.cycles.length,
  breachedCycles: metric.breachedCycles,
});

describe('diffSlaStates: properties', () => {
  test('a state diffed with itself, or with a deep copy of itself, has no metrics', () => {
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const state = stateOf(ticket, policy, nowMs);
        expect(diffSlaStates(state, state)).toEqual({ ticketId: state.ticketId, metrics: {} });
        expect(diffSlaStates(state, structuredClone(state)).metrics).toEqual({});
      }),
      { numRuns: runs },
    );
  });

  test('a metric is reported exactly when its summary or a matched cycle status differs, with its flips and shift', () => {
    let reported = 0;
    let flipped = 0;
    let shifted = 0;
    fc.assert(
      fc.property(policyPairCaseArb, ({ before: beforeSpec, after: afterSpec, tickets, nowMs }) => {
        for (const ticket of tickets) {
          const before = stateOf(ticket, beforeSpec, nowMs);
          const after = stateOf(ticket, afterSpec, nowMs);
          const diff = diffSlaStates(before, after);
          expect(diff.ticketId).toBe(after.ticketId);
          const names = new Set([...Object.keys(before.metrics), ...Object.keys(after.metrics)]);
          for (const name of names) {
            const b = Object.hasOwn(before.metrics, name) ? before.metrics[name] : undefined;
            const a = Object.hasOwn(after.metrics, name) ? after.metrics[name] : undefined;
            const flips: { cycle: number; from: string; to: string }[] = [];
            if (a && b) {
              for (let c = 0; c < Math.min(a.cycles.length, b.cycles.length); c++) {
                const from = b.cycles[c]?.status as string;
                const to = a.cycles[c]?.status as string;
                if (from !== to) flips.push({ cycle: c, from, to });
              }
            }
            const differs =
              a === undefined ||
              b === undefined ||
              flips.length > 0 ||
              JSON.stringify(summary(a)) !== JSON.stringify(summary(b));
            expect(Object.hasOwn(diff.metrics, name), name).toBe(differs);
            if (!differs) continue;
            reported++;
            if (flips.length > 0) flipped++;
            const d = diff.metrics[name];
            expect(d?.before).toEqual(b === undefined ? null : summary(b));
            expect(d?.after).toEqual(a === undefined ? null : summary(a));
            expect(d?.flips).toEqual(flips);
            const shift =
              a?.deadline == null || b?.deadline == null
                ? null
                : (a.deadline as number) - (b.deadline as number);
            expect(d?.deadlineShift).toBe(shift);
            if (shift !== null && shift !== 0) shifted++;
          }
        }
      }),
      { numRuns: runs },
    );
    // Not vacuous: the cases produced metrics that differ, flips and moved deadlines.
    expect(reported).toBeGreaterThan(50);
    expect(flipped).toBeGreaterThan(2);
    expect(shifted).toBeGreaterThan(5);
  });

  test('swapping the states swaps the sides, reverses the flips and negates the shift', () => {
    fc.assert(
      fc.property(policyPairCaseArb, ({ before: beforeSpec, after: afterSpec, tickets, nowMs }) => {
        const ticket = tickets[0];
        const before = stateOf(ticket, beforeSpec, nowMs);
        const after = stateOf(ticket, afterSpec, nowMs);
        const forward = diffSlaStates(before, after);
        const backward = diffSlaStates(after, before);
        expect(new Set(Object.keys(backward.metrics))).toEqual(new Set(Object.keys(forward.metrics)));
        for (const [name, d] of Object.entries(forward.metrics)) {
          const r = backward.metrics[name];
          expect(r?.before).toEqual(d.after);
          expect(r?.after).toEqual(d.before);
          expect(r?.flips).toEqual(d.flips.map((f) => ({ cycle: f.cycle, from: f.to, to: f.from })));
          expect(r?.deadlineShift).toBe(d.deadlineShift === null ? null : 0 - d.deadlineShift);
        }
      }),
      { numRuns: runs },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Scenarios: a first reply in one hour or in 30 minutes, on 24/7; a resolution in 8 hours.

const oneHour = compilePolicy({
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target: '1h' }] },
    resolution: { kind: 'resolution', goals: [{ target: '8h' }] },
  },
});
const halfHour = compilePolicy({
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target: '30m' }] },
    resolution: { kind: 'resolution', goals: [{ target: '8h' }] },
  },
});
const withUpdates = compilePolicy({
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target: '1h' }] },
    resolution: { kind: 'resolution', goals: [{ target: '8h' }] },
    updates: { kind: 'periodic_update', goals: [{ target: '4h' }] },
  },
});

const replied = {
  id: 'T-1',
  events: [
    { type: 'created', at: '2026-03-02T09:00:00Z', attributes: { status: 'new' } },
    { type: 'message', at: '2026-03-02T09:45:00Z', author: 'agent' },
  ],
} as const;
const waiting = {
  id: 'T-2',
  events: [{ type: 'created', at: '2026-03-02T09:00:00Z', attributes: { status: 'new' } }],
} as const;

describe('diffSlaStates: scenarios', () => {
  test('a reply at 45 minutes flips from met to breached when the target drops to 30 minutes', () => {
    const now = '2026-03-02T10:00:00Z';
    const diff = diffSlaStates(
      computeSlaState(replied, oneHour, { now }),
      computeSlaState(replied, halfHour, { now }),
    );
    expect(diff).toEqual({
      ticketId: 'T-1',
      metrics: {
        first_reply: {
          before: { status: 'met', breached: false, deadline: null, cycles: 1, breachedCycles: 0 },
          after: { status: 'breached', breached: true, deadline: null, cycles: 1, breachedCycles: 1 },
          deadlineShift: null,
          flips: [{ cycle: 0, from: 'met', to: 'breached' }],
        },
      },
    });
  });

  test('an open, running cycle reports its deadline moving half an hour earlier, with no flip', () => {
    const now = '2026-03-02T09:10:00Z';
    const diff = diffSlaStates(
      computeSlaState(waiting, oneHour, { now }),
      computeSlaState(waiting, halfHour, { now }),
    );
    expect(Object.keys(diff.metrics)).toEqual(['first_reply']); // resolution did not change
    expect(diff.metrics.first_reply).toEqual({
      before: {
        status: 'running',
        breached: false,
        deadline: Date.parse('2026-03-02T10:00:00Z'),
        cycles: 1,
        breachedCycles: 0,
      },
      after: {
        status: 'running',
        breached: false,
        deadline: Date.parse('2026-03-02T09:30:00Z'),
        cycles: 1,
        breachedCycles: 0,
      },
      deadlineShift: -30 * 60_000,
      flips: [],
    });
  });

  test('an open cycle that is breached only under the new target differs by breached, not by status', () => {
    const now = '2026-03-02T09:40:00Z';
    const d = diffSlaStates(
      computeSlaState(waiting, oneHour, { now }),
      computeSlaState(waiting, halfHour, { now }),
    ).metrics.first_reply;
    expect(d?.flips).toEqual([]);
    expect([d?.before?.breached, d?.after?.breached, d?.after?.status]).toEqual([false, true, 'running']);
  });

  test('a metric only one policy has is reported with null on the other side, after the shared ones', () => {
    const now = '2026-03-02T10:00:00Z';
    const added = diffSlaStates(
      computeSlaState(replied, halfHour, { now }),
      computeSlaState(replied, withUpdates, { now }),
    );
    expect(Object.keys(added.metrics)).toEqual(['first_reply', 'updates']);
    expect(added.metrics.updates?.before).toBeNull();
    expect(added.metrics.updates?.after?.cycles).toBe(1);
    const removed = diffSlaStates(
      computeSlaState(replied, withUpdates, { now }),
      computeSlaState(replied, oneHour, { now }),
    );
    expect(Object.keys(removed.metrics)).toEqual(['updates']);
    expect(removed.metrics.updates).toMatchObject({ after: null, deadlineShift: null, flips: [] });
  });

  test('numeric ticket ids are kept as given, and two tickets cannot be diffed', () => {
    const now = '2026-03-02T10:00:00Z';
    const state = computeSlaState(replied, oneHour, { now });
    expect(
      diffSlaStates({ ...state, ticketId: 42 as never }, { ...state, ticketId: 42 as never }).ticketId,
    ).toBe(42);
    const other = computeSlaState(waiting, oneHour, { now });
    expect(() => diffSlaStates(state, other)).toThrow(
      'after.ticketId: expected the ticketId of before ("T-1"): both states must be of one ticket, got "T-2"',
    );
  });

  test('a metric named "__proto__" is an ordinary name', () => {
    const policy = (target: string) =>
      compilePolicy(
        JSON.parse(`{"metrics":{"__proto__":{"kind":"first_response","goals":[{"target":"${target}"}]}}}`),
      );
    const now = '2026-03-02T10:00:00Z';
    const diff = diffSlaStates(
      computeSlaState(replied, policy('1h'), { now }),
      computeSlaState(replied, policy('30m'), { now }),
    );
    expect(Object.keys(diff.metrics)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(diff.metrics)).toBe(Object.prototype);
  });

  test('what is not a state fails at the first thing the diff reads, naming its side and path', () => {
    const now = '2026-03-02T10:00:00Z';
    const state = computeSlaState(replied, oneHour, { now });
    const broken = structuredClone(state) as unknown as {
      metrics: { first_reply: { cycles: { status: unknown }[] } };
    };
    broken.metrics.first_reply.cycles[0] = { status: 42 };
    let error: unknown;
    try {
      diffSlaStates(state, broken as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SlaValidationError);
    expect((error as SlaValidationError).issues[0]?.path).toEqual([
      'metrics',
      'first_reply',
      'cycles',
      0,
      'status',
    ]);
    expect((error as Error).message).toBe(
      'after.metrics.first_reply.cycles[0].status: expected "running", "paused", "met", "breached", "cancelled" or "stopped", got 42',
    );
    expect(() => diffSlaStates(null as never, state)).toThrow(
      'before: expected a state returned by computeSlaState, got null',
    );
    expect(() =>
      diffSlaStates(state, {
        ...state,
        metrics: { first_reply: { ...state.metrics.first_reply, deadline: 'soon' } },
      } as never),
    ).toThrow('after.metrics.first_reply.deadline: expected an integer epoch-ms number or null, got "soon"');
  });
});
