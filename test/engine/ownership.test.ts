/**
 * Ownership clocks and the preset kinds (docs/policy.md, "Ownership clocks"): the `changed`
 * trigger, `keyBy`, the `ownership`, `requester_wait`, `agent_work` and `pausable_update` kinds,
 * `pauseWhen: null`, `nextDeadline`, and summaries by cycle key. Numbers worked out by hand.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compilePolicy,
  computeSlaState,
  isSlaValidationError,
  type PolicySpec,
  summarizeSla,
  type TicketEvent,
} from '../../src/index.js';
import { hour, minute, ms } from './fixtures.js';

const at = (hhmm: string, day = '02') => `2026-03-${day}T${hhmm}:00Z`;

// A ticket that moves A -> B -> A, is solved by A, reopened, and moved to B again.
const reassigned: TicketEvent[] = [
  { type: 'created', at: at('09:00'), attributes: { status: 'open', group: 'A' } },
  { type: 'updated', at: at('10:00'), attributes: { group: 'B' } },
  { type: 'updated', at: at('12:00'), attributes: { group: 'A' } },
  { type: 'updated', at: at('13:00'), attributes: { status: 'solved' } },
  { type: 'updated', at: at('15:00'), attributes: { status: 'open' } },
  { type: 'updated', at: at('15:30'), attributes: { group: 'B' } },
];

const groupSla: PolicySpec = {
  metrics: {
    group_time: {
      kind: 'ownership',
      goals: [
        { when: { group: 'A' }, target: '2h' },
        { when: { group: 'B' }, target: '1h' },
      ],
    },
  },
};

describe('ownership: one stint per owner', () => {
  const state = computeSlaState(reassigned, groupSla, { now: at('16:00') });
  const metric = state.metrics.group_time;

  test('A -> B -> A, solved, reopened, -> B: five stints, each judged by its own owner', () => {
    const stints = metric?.cycles.map((cycle) => ({
      key: cycle.key,
      status: cycle.status,
      startedAt: cycle.startedAt,
      stoppedAt: cycle.stoppedAt,
      elapsed: cycle.elapsed,
      goal: cycle.goal?.index,
    }));
    expect(stints).toEqual([
      // A 09:00-10:00, 1 h of 2 h: met, on A's goal although the move set group B.
      {
        key: 'A',
        status: 'met',
        startedAt: ms(at('09:00')),
        stoppedAt: ms(at('10:00')),
        elapsed: hour,
        goal: 0,
      },
      // B 10:00-12:00, 2 h of 1 h: breached.
      {
        key: 'B',
        status: 'breached',
        startedAt: ms(at('10:00')),
        stoppedAt: ms(at('12:00')),
        elapsed: 2 * hour,
        goal: 1,
      },
      // A 12:00-13:00 (the solve stops it): met.
      {
        key: 'A',
        status: 'met',
        startedAt: ms(at('12:00')),
        stoppedAt: ms(at('13:00')),
        elapsed: hour,
        goal: 0,
      },
      // The reopen at 15:00 starts A again (the owner is set), until the move at 15:30.
      {
        key: 'A',
        status: 'met',
        startedAt: ms(at('15:00')),
        stoppedAt: ms(at('15:30')),
        elapsed: 30 * minute,
        goal: 0,
      },
      // B from 15:30, running at 16:00.
      {
        key: 'B',
        status: 'running',
        startedAt: ms(at('15:30')),
        stoppedAt: null,
        elapsed: 30 * minute,
        goal: 1,
      },
    ]);
    expect(metric?.key).toBe('B');
  });

  test('a summary by cycle key says which team met its target', () => {
    const rows = summarizeSla([state], { groupBy: { cycleKey: true } }).groups.map((row) => ({
      key: row.key,
      met: row.met,
      breached: row.breached,
      open: row.open,
    }));
    expect(rows).toEqual([
      { key: 'A', met: 3, breached: 0, open: 0 },
      { key: 'B', met: 0, breached: 1, open: 1 },
    ]);
  });

  test('no owner, no clock: a ticket created without a group starts when one is set', () => {
    const events: TicketEvent[] = [
      { type: 'created', at: at('09:00'), attributes: { status: 'open' } },
      { type: 'updated', at: at('09:30'), attributes: { group: 'A' } },
      { type: 'updated', at: at('10:00'), attributes: { group: null } },
    ];
    const cycles = computeSlaState(events, groupSla, { now: at('11:00') }).metrics.group_time?.cycles;
    expect(cycles?.map((c) => [c.key, c.status, c.elapsed])).toEqual([['A', 'met', 30 * minute]]);
  });

  test('a ticket created solved, or moved while solved, starts no stint', () => {
    const events: TicketEvent[] = [
      { type: 'created', at: at('09:00'), attributes: { status: 'solved', group: 'A' } },
      { type: 'updated', at: at('09:30'), attributes: { group: 'B' } },
    ];
    expect(computeSlaState(events, groupSla, { now: at('11:00') }).metrics.group_time?.status).toBe(
      'inactive',
    );
  });

  test('`field` names another owner attribute', () => {
    const policy: PolicySpec = {
      metrics: { agent_time: { kind: 'ownership', field: 'assignee', goals: [{ target: '1h' }] } },
    };
    const events: TicketEvent[] = [
      { type: 'created', at: at('09:00'), attributes: { status: 'open', assignee: 'ada', group: 'A' } },
      { type: 'updated', at: at('09:10'), attributes: { group: 'B' } },
      { type: 'updated', at: at('09:20'), attributes: { assignee: 'bob' } },
    ];
    const cycles = computeSlaState(events, policy, { now: at('10:00') }).metrics.agent_time?.cycles;
    expect(cycles?.map((c) => [c.key, c.elapsed])).toEqual([
      ['ada', 20 * minute],
      ['bob', 40 * minute],
    ]);
  });

  test('ownership cycles never overlap and their keys follow the attribute', () => {
    const groups = ['A', 'B', 'C', null] as const;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 120 }), fc.constantFrom(...groups), fc.boolean()), {
          maxLength: 12,
        }),
        (steps) => {
          let atMs = ms(at('09:00'));
          const events: TicketEvent[] = [
            { type: 'created', at: atMs, attributes: { status: 'open', group: 'A' } },
          ];
          for (const [minutes, group, solve] of steps) {
            atMs += minutes * minute;
            events.push({
              type: 'updated',
              at: atMs,
              attributes: solve ? { status: 'solved' } : { group, status: 'open' },
            });
          }
          const cycles =
            computeSlaState(events, groupSla, { now: atMs + hour }).metrics.group_time?.cycles ?? [];
          for (let i = 1; i < cycles.length; i++) {
            expect(cycles[i]?.startedAt as number).toBeGreaterThanOrEqual(cycles[i - 1]?.stoppedAt as number);
          }
          // Each stint's key is the group set at its start, and never null.
          for (const cycle of cycles) {
            expect(cycle.key).not.toBeNull();
            const setBefore = events.filter((e) => (e.at as number) <= (cycle.startedAt as number));
            const owner = setBefore.reduce<unknown>(
              (group, e) => (e.attributes && 'group' in e.attributes ? e.attributes.group : group),
              undefined,
            );
            expect(cycle.key).toBe(owner);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the changed trigger', () => {
  const policy: PolicySpec = {
    metrics: {
      since_priority_change: {
        kind: 'custom',
        start: { changed: 'priority' },
        stop: { on: 'agent_message' },
        goals: [{ target: '1h' }],
      },
    },
  };
  const cyclesOf = (events: TicketEvent[]) =>
    computeSlaState(events, policy, { now: at('18:00') }).metrics.since_priority_change?.cycles ?? [];

  test('fires when the value differs, including created setting it and removal', () => {
    const events: TicketEvent[] = [
      { type: 'created', at: at('09:00'), attributes: { priority: 'low' } },
      { type: 'message', at: at('09:30'), author: 'agent' },
      { type: 'updated', at: at('10:00'), attributes: { priority: 'low' } }, // same value: no change
      { type: 'updated', at: at('11:00'), attributes: { priority: 'high' } },
      { type: 'message', at: at('11:10'), author: 'agent' },
      { type: 'updated', at: at('12:00'), attributes: { priority: null } }, // removal is a change
    ];
    expect(cyclesOf(events).map((c) => c.startedAt)).toEqual([
      ms(at('09:00')),
      ms(at('11:00')),
      ms(at('12:00')),
    ]);
  });

  test('setting null on an absent field is no change; strict equality tells 1 from "1"', () => {
    const events: TicketEvent[] = [
      { type: 'created', at: at('09:00') },
      { type: 'updated', at: at('10:00'), attributes: { priority: null } },
      { type: 'updated', at: at('11:00'), attributes: { priority: 1 } },
      { type: 'message', at: at('11:10'), author: 'agent' },
      { type: 'updated', at: at('12:00'), attributes: { priority: '1' } },
    ];
    expect(cyclesOf(events).map((c) => c.startedAt)).toEqual([ms(at('11:00')), ms(at('12:00'))]);
  });

  test("a system message's attributes fire it", () => {
    const events: TicketEvent[] = [
      { type: 'created', at: at('09:00') },
      { type: 'message', at: at('10:00'), author: 'system', attributes: { priority: 'urgent' } },
    ];
    expect(cyclesOf(events).map((c) => c.startedAt)).toEqual([ms(at('10:00'))]);
  });
});

describe('keyBy', () => {
  test('every cycle records the attribute right after its first start; null without keyBy', () => {
    const policy: PolicySpec = {
      metrics: {
        resolution: { kind: 'resolution', keyBy: 'group', goals: [{ target: '8h' }] },
        plain: { kind: 'resolution', goals: [{ target: '8h' }] },
      },
    };
    const events: TicketEvent[] = [
      { type: 'created', at: at('09:00'), attributes: { status: 'open', group: 'A' } },
      { type: 'updated', at: at('10:00'), attributes: { status: 'solved', group: 'B' } },
      // The reopen resumes the same cycle: its key stays the first start's.
      { type: 'updated', at: at('11:00'), attributes: { status: 'open' } },
    ];
    const state = computeSlaState(events, policy, { now: at('12:00') });
    expect(state.metrics.resolution?.key).toBe('A');
    expect(state.metrics.resolution?.cycles.map((c) => c.key)).toEqual(['A']);
    expect(state.metrics.plain?.key).toBeNull();
    const inactive = computeSlaState(events, policy, { now: at('08:00') });
    expect(inactive.metrics.resolution?.key).toBeNull();
  });
});

describe('preset kinds', () => {
  const story: TicketEvent[] = [
    { type: 'created', at: at('09:00'), attributes: { status: 'open' } },
    { type: 'message', at: at('10:00'), author: 'agent', attributes: { status: 'pending' } },
    { type: 'updated', at: at('11:00'), attributes: { status: 'on_hold' } },
    { type: 'message', at: at('12:00'), author: 'agent', attributes: { status: 'open' } },
    { type: 'updated', at: at('13:00'), attributes: { status: 'solved' } },
  ];
  const policy: PolicySpec = {
    metrics: {
      requester_wait: { kind: 'requester_wait', goals: [{ target: '8h' }] },
      agent_work: { kind: 'agent_work', goals: [{ target: '8h' }] },
      pausable_update: { kind: 'pausable_update', goals: [{ target: '8h' }] },
      unpaused: { kind: 'requester_wait', pauseWhen: null, goals: [{ target: '8h' }] },
      replaced: { kind: 'agent_work', pauseWhen: { status: 'on_hold' }, goals: [{ target: '8h' }] },
    },
  };
  const state = computeSlaState(story, policy, { now: at('14:00') });

  test('requester_wait: resolution not counting pending (09-10, 11-13: 3 h)', () => {
    expect(state.metrics.requester_wait).toMatchObject({ status: 'met', elapsed: 3 * hour, pausedFor: hour });
  });

  test('agent_work: resolution not counting pending, hold or on_hold (09-10, 12-13: 2 h)', () => {
    expect(state.metrics.agent_work).toMatchObject({ status: 'met', elapsed: 2 * hour, pausedFor: 2 * hour });
  });

  test('pausable_update: from one agent message to the next, not counting pending; the solve cancels', () => {
    const cycles = state.metrics.pausable_update?.cycles.map((c) => [c.status, c.elapsed]);
    // 10:00-12:00: pending then on_hold (on_hold counts: only pending pauses): 1 h; 12:00-13:00 cancelled.
    expect(cycles).toEqual([
      ['met', hour],
      ['cancelled', hour],
    ]);
  });

  test('pauseWhen: null removes the default pause; a given pauseWhen replaces it', () => {
    expect(state.metrics.unpaused?.elapsed).toBe(4 * hour);
    expect(state.metrics.replaced?.elapsed).toBe(3 * hour);
  });
});

describe('nextDeadline', () => {
  test('the earliest deadline among running latest cycles; paused cycles do not count', () => {
    const policy: PolicySpec = {
      metrics: {
        slow: { kind: 'resolution', goals: [{ target: '4h' }] },
        fast: { kind: 'first_response', goals: [{ target: '1h' }] },
        paused: { kind: 'resolution', pauseWhen: { status: 'open' }, goals: [{ target: '10m' }] },
      },
    };
    const events: TicketEvent[] = [{ type: 'created', at: at('09:00'), attributes: { status: 'open' } }];
    expect(computeSlaState(events, policy, { now: at('09:30') }).nextDeadline).toEqual({
      metric: 'fast',
      at: ms(at('10:00')),
    });
    // Breached: its past deadline still counts.
    expect(computeSlaState(events, policy, { now: at('11:00') }).nextDeadline).toEqual({
      metric: 'fast',
      at: ms(at('10:00')),
    });
  });

  test('ties go to the metric first in policy order; none running gives null', () => {
    const policy: PolicySpec = {
      metrics: {
        b: { kind: 'resolution', goals: [{ target: '1h' }] },
        a: { kind: 'resolution', goals: [{ target: '1h' }] },
      },
    };
    const events: TicketEvent[] = [{ type: 'created', at: at('09:00'), attributes: { status: 'open' } }];
    expect(computeSlaState(events, policy, { now: at('09:30') }).nextDeadline?.metric).toBe('b');
    expect(
      computeSlaState(
        [...events, { type: 'updated', at: at('09:10'), attributes: { status: 'solved' } }],
        policy,
        {
          now: at('09:30'),
        },
      ).nextDeadline,
    ).toBeNull();
  });

  test('is the minimum of the running latest cycles’ deadlines', () => {
    const policy = compilePolicy({
      metrics: {
        first: { kind: 'first_response', goals: [{ target: '30m' }] },
        wait: { kind: 'requester_wait', goals: [{ target: '2h' }] },
        update: { kind: 'periodic_update', goals: [{ target: '45m' }] },
      },
    });
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 90 }), fc.constantFrom('agent', 'customer', 'pending', 'open')),
          {
            maxLength: 8,
          },
        ),
        fc.integer({ min: 0, max: 300 }),
        (steps, laterMinutes) => {
          let atMs = ms(at('09:00'));
          const events: TicketEvent[] = [{ type: 'created', at: atMs, attributes: { status: 'open' } }];
          for (const [minutes, what] of steps) {
            atMs += minutes * minute;
            events.push(
              what === 'agent' || what === 'customer'
                ? { type: 'message', at: atMs, author: what }
                : { type: 'updated', at: atMs, attributes: { status: what } },
            );
          }
          const state = computeSlaState(events, policy, { now: atMs + laterMinutes * minute });
          const running = Object.entries(state.metrics).filter(
            ([, m]) => m.status === 'running' && m.deadline !== null,
          );
          const min = running.reduce<[string, number] | null>(
            (best, [name, m]) =>
              best === null || (m.deadline as number) < best[1] ? [name, m.deadline as number] : best,
            null,
          );
          expect(state.nextDeadline).toEqual(min === null ? null : { metric: min[0], at: min[1] });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('bad input', () => {
  const issuesOf = (spec: unknown) => {
    try {
      compilePolicy(spec as PolicySpec);
    } catch (error) {
      if (isSlaValidationError(error)) return error.issues.map(({ code, path }) => ({ code, path }));
      throw error;
    }
    throw new Error('accepted');
  };

  test('`changed` must name an attribute', () => {
    expect(
      issuesOf({
        metrics: {
          m: {
            kind: 'custom',
            start: { changed: 3 },
            stop: { on: 'agent_message' },
            goals: [{ target: '1h' }],
          },
        },
      }),
    ).toEqual([{ code: 'invalid_type', path: ['metrics', 'm', 'start', 'changed'] }]);
  });

  test('`field` belongs to the ownership kind only', () => {
    expect(
      issuesOf({ metrics: { m: { kind: 'resolution', field: 'group', goals: [{ target: '1h' }] } } }),
    ).toEqual([{ code: 'invalid_value', path: ['metrics', 'm', 'field'] }]);
  });

  test('an unknown kind lists the presets', () => {
    expect(() =>
      compilePolicy({ metrics: { m: { kind: 'owner', goals: [{ target: '1h' }] } } } as never),
    ).toThrow(/"ownership", "requester_wait", "agent_work" or "pausable_update"/);
  });

  test('a summary by cycle key takes { cycleKey: true } only', () => {
    expect(() => summarizeSla([], { groupBy: { cycleKey: false } as never })).toThrow(/options\.groupBy/);
    expect(() => summarizeSla([], { groupBy: { cycleKey: true, policyVersion: true } as never })).toThrow(
      /options\.groupBy/,
    );
  });
});
