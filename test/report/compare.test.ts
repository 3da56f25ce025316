import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { generateTickets } from '../../bench/generate.js';
import policySpec from '../../examples/data/policy.json' with { type: 'json' };
import {
  type Condition,
  compareSlaPolicies,
  compilePolicy,
  computeSlaStates,
  diffSlaStates,
  type Policy,
  type PolicySpec,
  type SlaComparisonGroup,
  type SlaState,
  SlaValidationError,
  summarizeSla,
  type Ticket,
} from '../../src/index.js';
import { type PolicyPairCase, policyPairCaseArb } from './whatIfArbitraries.js';

const runs = 150;

/** Nearest rank, as the docs define it: sorted[ceil(0.5·n) − 1]. */
const nearestRankMedian = (values: readonly number[]): number | null =>
  values.length === 0
    ? null
    : ([...values].sort((a, b) => a - b)[Math.ceil(0.5 * values.length) - 1] as number);

/**
 * The comparison computed the obvious way: two `computeSlaStates` runs, the sides from
 * `summarizeSla` over each, the flips and shifts compared ticket by ticket.
 */
function direct(tickets: readonly Ticket[], before: Policy, after: Policy, nowMs: number, groupBy: string) {
  const befores = [...computeSlaStates(tickets, before, { now: nowMs })];
  const afters = [...computeSlaStates(tickets, after, { now: nowMs })];
  const sideOf = (states: SlaState[]) => {
    const rows = summarizeSla(states, { groupBy }).groups;
    return (key: unknown, metric: string) => {
      const row = rows.find((r) => r.key === key && r.metric === metric);
      return row === undefined
        ? { cycles: 0, complianceRate: null, breachRate: null }
        : { cycles: row.cycles, complianceRate: row.complianceRate, breachRate: row.breachRate };
    };
  };
  const beforeSide = sideOf(befores);
  const afterSide = sideOf(afters);
  const rows: {
    key: unknown;
    metric: string;
    metToBreached: number;
    breachedToMet: number;
    shifts: number[];
  }[] = [];
  const rowOf = (key: unknown, metric: string) => {
    let row = rows.find((r) => r.key === key && r.metric === metric);
    if (row === undefined) {
      row = { key, metric, metToBreached: 0, breachedToMet: 0, shifts: [] };
      rows.push(row);
    }
    return row;
  };
  const changes: { ticketId: unknown; diff: unknown }[] = [];
  befores.forEach((b, i) => {
    const a = afters[i] as SlaState;
    const key = Object.hasOwn(a.attributes, groupBy) ? a.attributes[groupBy] : null;
    for (const name of Object.keys(a.metrics)) {
      const row = rowOf(key, name);
      const am = a.metrics[name];
      const bm = Object.hasOwn(b.metrics, name) ? b.metrics[name] : undefined;
      if (am === undefined || bm === undefined) continue;
      am.cycles.forEach((cycle, c) => {
        const from = bm.cycles[c]?.status;
        if (from === 'met' && cycle.status === 'breached') row.metToBreached++;
        if (from === 'breached' && cycle.status === 'met') row.breachedToMet++;
      });
      if (am.status === 'running' && bm.status === 'running' && am.deadline !== null && bm.deadline !== null)
        row.shifts.push(am.deadline - bm.deadline);
    }
    for (const name of Object.keys(b.metrics)) if (!Object.hasOwn(a.metrics, name)) rowOf(key, name);
    const diff = diffSlaStates(b, a);
    if (Object.keys(diff.metrics).length > 0) changes.push({ ticketId: a.ticketId, diff });
  });
  const groups = rows.map(({ key, metric, metToBreached, breachedToMet, shifts }) => ({
    key,
    metric,
    before: beforeSide(key, metric),
    after: afterSide(key, metric),
    metToBreached,
    breachedToMet,
    medianDeadlineShift: nearestRankMedian(shifts),
  }));
  return { groups, changes };
}

const compiled = ({ before, after }: PolicyPairCase) => ({
  before: compilePolicy(before as PolicySpec),
  after: compilePolicy(after as PolicySpec),
});

describe('compareSlaPolicies: properties', () => {
  test('a policy compared with itself flips nothing, moves no deadline and lists no change', () => {
    fc.assert(
      fc.property(policyPairCaseArb, (pair) => {
        const { before } = compiled(pair);
        const tickets = pair.tickets as Ticket[];
        const comparison = compareSlaPolicies(tickets, before, before, { now: pair.nowMs, groupBy: 'tier' });
        for (const group of comparison.groups) {
          expect(group.metToBreached).toBe(0);
          expect(group.breachedToMet).toBe(0);
          expect(group.after).toEqual(group.before);
          expect([0, null]).toContain(group.medianDeadlineShift);
        }
        expect([...comparison.changes()]).toEqual([]);
      }),
      { numRuns: runs },
    );
  });

  test('on random pairs of policies, every row equals two computeSlaStates runs compared ticket by ticket', () => {
    let flips = 0;
    let medians = 0;
    let changed = 0;
    fc.assert(
      fc.property(policyPairCaseArb, fc.constantFrom('tier', 'priority', 'status'), (pair, groupBy) => {
        const { before, after } = compiled(pair);
        const tickets = pair.tickets as Ticket[];
        const comparison = compareSlaPolicies(tickets, before, after, { now: pair.nowMs, groupBy });
        const expected = direct(tickets, before, after, pair.nowMs, groupBy);
        expect(comparison.groups).toEqual(expected.groups);
        expect([...comparison.changes()]).toEqual(expected.changes);
        for (const group of comparison.groups) {
          flips += group.metToBreached + group.breachedToMet;
          if (group.medianDeadlineShift !== null && group.medianDeadlineShift !== 0) medians++;
        }
        changed += expected.changes.length;
      }),
      { numRuns: runs },
    );
    // Not vacuous: cycles flipped, deadlines moved, tickets changed.
    expect(flips).toBeGreaterThan(3);
    expect(medians).toBeGreaterThan(10);
    expect(changed).toBeGreaterThan(50);
  });

  test('the rates of each side are summarizeSla’s, on generated tickets through the sample policy', () => {
    const before = compilePolicy(policySpec as never);
    const after = compilePolicy(tightened(policySpec));
    const tickets = [...generateTickets({ count: 300, seed: 11 })];
    const now = '2026-04-01T00:00:00Z';
    for (const groupBy of ['tier', 'region', 'nothing_like_this']) {
      const { groups } = compareSlaPolicies(tickets, before, after, { now, groupBy });
      for (const [side, policy] of [
        ['before', before],
        ['after', after],
      ] as const) {
        const summary = summarizeSla(computeSlaStates(tickets, policy, { now }), { groupBy }).groups;
        expect(summary.map((row) => ({ key: row.key, metric: row.metric, ...pick(row) }))).toEqual(
          groups.map((group) => ({ key: group.key, metric: group.metric, ...group[side] })),
        );
      }
    }
  });
});

const pick = (row: { cycles: number; complianceRate: number | null; breachRate: number | null }) => ({
  cycles: row.cycles,
  complianceRate: row.complianceRate,
  breachRate: row.breachRate,
});

/** The sample policy with every first-reply target halved, as the docs' example. */
function tightened(spec: unknown): PolicySpec {
  const copy = structuredClone(spec) as { metrics: { first_reply: { goals: { target: string }[] } } };
  const halves: Record<string, string> = { '30m': '15m', '2h': '1h', '4h': '2h', '8h': '4h' };
  for (const goal of copy.metrics.first_reply.goals) goal.target = halves[goal.target] ?? goal.target;
  return copy as unknown as PolicySpec;
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

const firstReply = (target: string | { when: Condition; target: string }[]) =>
  compilePolicy({
    metrics: {
      first_reply: {
        kind: 'first_response',
        goals: typeof target === 'string' ? [{ target }] : target,
      },
    },
  });

const created = (id: string, at: string, attributes: Record<string, string> = {}) => ({
  id,
  events: [{ type: 'created' as const, at, attributes: { status: 'new', ...attributes } }],
});

describe('compareSlaPolicies: scenarios', () => {
  test('the median deadline shift is the nearest rank: shifts of 10, 20, 30 and 40 minutes give 20', () => {
    const after = firstReply([
      { when: { priority: 'p1' }, target: '70m' },
      { when: { priority: 'p2' }, target: '80m' },
      { when: { priority: 'p3' }, target: '90m' },
      { when: { priority: 'p4' }, target: '100m' },
    ]);
    const tickets = ['p1', 'p2', 'p3', 'p4'].map((priority, i) =>
      created(`T-${i}`, '2026-03-02T09:00:00Z', { priority }),
    );
    const { groups } = compareSlaPolicies(tickets, firstReply('1h'), after, { now: '2026-03-02T09:05:00Z' });
    expect(groups).toEqual([
      {
        key: null,
        metric: 'first_reply',
        before: { cycles: 4, complianceRate: null, breachRate: 0 },
        after: { cycles: 4, complianceRate: null, breachRate: 0 },
        metToBreached: 0,
        breachedToMet: 0,
        medianDeadlineShift: 20 * 60_000,
      },
    ]);
  });

  test('replies at 20, 40 and 50 minutes: a 30-minute target flips two met cycles to breached', () => {
    const tickets = [20, 40, 50].map((minutes, i) => ({
      id: `T-${i}`,
      events: [
        { type: 'created', at: '2026-03-02T09:00:00Z', attributes: { status: 'new', tier: 'gold' } },
        { type: 'message', at: Date.parse('2026-03-02T09:00:00Z') + minutes * 60_000, author: 'agent' },
      ],
    })) as Ticket[];
    const comparison = compareSlaPolicies(tickets, firstReply('1h'), firstReply('30m'), {
      now: '2026-03-02T12:00:00Z',
      groupBy: 'tier',
    });
    expect(comparison.groups).toEqual([
      {
        key: 'gold',
        metric: 'first_reply',
        before: { cycles: 3, complianceRate: 1, breachRate: 0 },
        after: { cycles: 3, complianceRate: 1 / 3, breachRate: 2 / 3 },
        metToBreached: 2,
        breachedToMet: 0,
        medianDeadlineShift: null,
      },
    ]);
    expect([...comparison.changes()].map((change) => change.ticketId)).toEqual(['T-1', 'T-2']);
    // The reverse change flips them back.
    const back = compareSlaPolicies(tickets, firstReply('30m'), firstReply('1h'), {
      now: '2026-03-02T12:00:00Z',
    });
    expect(back.groups[0]).toMatchObject({ metToBreached: 0, breachedToMet: 2 });
  });

  test('each ticket’s log is read once by the pass, and once more by changes()', () => {
    let reads = 0;
    const counted = (ticket: ReturnType<typeof created>) => ({
      id: ticket.id,
      get events() {
        reads++;
        return ticket.events;
      },
    });
    const tickets = [
      counted(created('T-1', '2026-03-02T09:00:00Z')),
      counted(created('T-2', '2026-03-02T09:30:00Z')),
    ];
    const comparison = compareSlaPolicies(tickets, firstReply('1h'), firstReply('30m'), {
      now: '2026-03-02T10:00:00Z',
    });
    expect(reads).toBe(2);
    expect([...comparison.changes()]).toHaveLength(2);
    expect(reads).toBe(4);
  });

  test('a one-shot generator gives the groups, and changes() refuses to read it again', () => {
    function* tickets() {
      yield created('T-1', '2026-03-02T09:00:00Z');
    }
    const options = { now: '2026-03-02T10:00:00Z' };
    const comparison = compareSlaPolicies(tickets(), firstReply('1h'), firstReply('30m'), options);
    expect(comparison.groups[0]?.after.breachRate).toBe(1);
    expect(() => comparison.changes()).toThrow(SlaValidationError);
    expect(() => comparison.changes()).toThrow(
      'tickets: expected a re-iterable such as an array, because changes() reads the tickets again (compareSlaPolicies has used up this one-shot iterator), got an iterator that iterates only once, such as a generator object',
    );
    // An object whose iterator starts a fresh generator each time is re-iterable.
    const again = compareSlaPolicies(
      { [Symbol.iterator]: tickets },
      firstReply('1h'),
      firstReply('30m'),
      options,
    );
    expect([...again.changes()].map((change) => change.ticketId)).toEqual(['T-1']);
  });

  test('changes() is lazy: nothing is computed until it is iterated', () => {
    const tickets: unknown[] = [created('T-1', '2026-03-02T09:00:00Z')];
    const comparison = compareSlaPolicies(tickets as Ticket[], firstReply('1h'), firstReply('30m'), {
      now: '2026-03-02T10:00:00Z',
    });
    tickets.push('not a ticket');
    const changes = comparison.changes()[Symbol.iterator]();
    expect(changes.next().value?.ticketId).toBe('T-1');
    expect(() => changes.next()).toThrow('ticket: expected a ticket');
  });

  test('a metric only the new policy has is counted on its side only', () => {
    const withResolution = compilePolicy({
      metrics: {
        first_reply: { kind: 'first_response', goals: [{ target: '1h' }] },
        resolution: { kind: 'resolution', goals: [{ target: '8h' }] },
      },
    });
    const { groups } = compareSlaPolicies(
      [created('T-1', '2026-03-02T09:00:00Z')],
      firstReply('1h'),
      withResolution,
      { now: '2026-03-02T10:00:00Z' },
    );
    expect(groups.map((g) => [g.metric, g.before.cycles, g.after.cycles, g.medianDeadlineShift])).toEqual([
      ['first_reply', 1, 1, 0],
      ['resolution', 0, 1, null],
    ]);
  });

  test('groups are keyed by the after state: a function of it, or its policy version', () => {
    const tickets = [created('T-1', '2026-03-01T09:00:00Z'), created('T-2', '2026-03-03T09:00:00Z')];
    const versioned = compilePolicy({
      versions: [
        {
          from: '2026-01-01T00:00:00Z',
          policy: { metrics: { first_reply: { kind: 'first_response', goals: [{ target: '1h' }] } } },
        },
        {
          from: '2026-03-02T00:00:00Z',
          policy: { metrics: { first_reply: { kind: 'first_response', goals: [{ target: '30m' }] } } },
        },
      ],
    } as never);
    const now = '2026-03-03T09:45:00Z';
    const byVersion = compareSlaPolicies(tickets, firstReply('1h'), versioned, {
      now,
      groupBy: { policyVersion: true },
    });
    expect(byVersion.groups.map((g) => [g.key, g.before.breachRate, g.after.breachRate])).toEqual([
      [0, 1, 1],
      [1, 0, 1],
    ]);
    const seen: unknown[] = [];
    compareSlaPolicies(tickets, firstReply('1h'), firstReply('30m'), {
      now,
      groupBy: (state) => {
        seen.push(state.metrics.first_reply?.goal?.target);
        return undefined;
      },
    });
    expect(seen).toEqual([30 * 60_000, 30 * 60_000]);
  });

  test('arguments are checked when it is called, a raw spec’s problems named under its argument', () => {
    const now = '2026-03-02T10:00:00Z';
    const good = firstReply('1h');
    expect(() => compareSlaPolicies('T-1' as never, good, good, { now })).toThrow(
      'tickets: expected an iterable',
    );
    expect(() =>
      compareSlaPolicies([], good, { metrics: { r: { kind: 'resolution', goals: [] } } } as never, { now }),
    ).toThrow(/^after\.metrics\.r\.goals: expected a non-empty array of goals/);
    expect(() => compareSlaPolicies([], null as never, good, { now })).toThrow(
      'before: expected a policy spec',
    );
    expect(() => compareSlaPolicies([], good, good, { now, groupBy: 5 } as never)).toThrow(
      'options.groupBy: expected an attribute name',
    );
    expect(() => compareSlaPolicies([], good, good, { now, groupBy: { cycleKey: true } } as never)).toThrow(
      'options.groupBy: expected an attribute name',
    );
    expect(() => compareSlaPolicies([], good, good, {} as never)).toThrow('options.now: expected an instant');
    expect(() =>
      compareSlaPolicies([created('T-1', now)], good, good, { now, groupBy: () => ({}) as never }),
    ).toThrow('options.groupBy: expected a group key');
  });

  test('an empty input gives no rows and no changes', () => {
    const comparison = compareSlaPolicies([], firstReply('1h'), firstReply('30m'), {
      now: '2026-03-02T10:00:00Z',
    });
    expect(comparison.groups).toEqual([] satisfies SlaComparisonGroup[]);
    expect([...comparison.changes()]).toEqual([]);
  });
});
