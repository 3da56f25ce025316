import { describe, expect, test } from 'vitest';
import { generateTickets } from '../../bench/generate.js';
import policySpec from '../../examples/data/policy.json' with { type: 'json' };
import {
  type CycleState,
  compilePolicy,
  computeSlaStates,
  type SlaState,
  SlaValidationError,
  summarizeSla,
} from '../../src/index.js';

const policy = compilePolicy(policySpec as never);

/** The same summary computed the obvious way, from scratch. */
function direct(states: readonly SlaState[], groupBy: string | undefined) {
  const rows: { key: unknown; metric: string; cycles: CycleState[] }[] = [];
  for (const state of states) {
    const key = groupBy === undefined ? null : (state.attributes[groupBy] ?? null);
    for (const [metric, m] of Object.entries(state.metrics)) {
      let row = rows.find((r) => r.key === key && r.metric === metric);
      if (!row) {
        row = { key, metric, cycles: [] };
        rows.push(row);
      }
      row.cycles.push(...m.cycles);
    }
  }
  return rows.map(({ key, metric, cycles }) => {
    const count = (status: string) => cycles.filter((c) => c.status === status).length;
    const decided = cycles.filter((c) => c.status === 'met' || c.status === 'breached').map((c) => c.elapsed);
    const sorted = [...decided].sort((a, b) => a - b);
    const withGoal = cycles.filter((c) => c.goal !== null);
    return {
      key,
      metric,
      cycles: cycles.length,
      met: count('met'),
      breached: count('breached'),
      cancelled: count('cancelled'),
      stopped: count('stopped'),
      open: count('running') + count('paused'),
      openBreached: cycles.filter((c) => (c.status === 'running' || c.status === 'paused') && c.breached)
        .length,
      complianceRate:
        count('met') + count('breached') === 0 ? null : count('met') / (count('met') + count('breached')),
      breachRate: withGoal.length === 0 ? null : cycles.filter((c) => c.breached).length / withGoal.length,
      elapsed:
        sorted.length === 0
          ? null
          : {
              mean: decided.reduce((a, b) => a + b, 0) / decided.length,
              median: sorted[Math.ceil(0.5 * sorted.length) - 1],
              p90: sorted[Math.ceil(0.9 * sorted.length) - 1],
            },
    };
  });
}

describe('summarizeSla', () => {
  const states = [
    ...computeSlaStates(generateTickets({ count: 400, seed: 7 }), policy, { now: '2026-04-01T00:00:00Z' }),
  ];

  test.each([undefined, 'tier', 'region', 'priority', 'nothing_like_this'])(
    'matches a direct computation, grouped by %s',
    (groupBy) => {
      const summary = summarizeSla(states, groupBy === undefined ? {} : { groupBy });
      const expected = direct(states, groupBy);
      expect(summary.groups.length).toBe(expected.length);
      for (const row of expected) {
        const found = summary.groups.find((g) => g.key === row.key && g.metric === row.metric);
        expect(found?.elapsed?.mean).toBeCloseTo(row.elapsed?.mean ?? Number.NaN, 6);
        expect({ ...found, elapsed: found?.elapsed && { ...found.elapsed, mean: 0 } }).toEqual({
          ...row,
          elapsed: row.elapsed && { ...row.elapsed, mean: 0 },
        });
      }
    },
  );

  test('nearest-rank quantiles: elapsed 10, 20, 30, 40 min gives median 20 and p90 40', () => {
    const cycle = (minutes: number): CycleState => ({
      status: 'met',
      breached: false,
      goal: { index: 0, target: 3_600_000, calendar: '24/7', timeZone: null, form: 'duration' },
      key: null,
      startedAt: 0,
      stoppedAt: 0,
      elapsed: minutes * 60_000,
      remaining: 0,
      percent: 0,
      deadline: null,
      breachedAt: null,
      pausedFor: 0,
      warnings: [],
      nextChangeAt: null,
    });
    const state = (cycles: CycleState[]): SlaState => ({
      ticketId: null,
      now: 0,
      attributes: {},
      metrics: { m: { ...cycles.at(-1)!, cycles, breachedCycles: 0 } },
      nextChangeAt: null,
      breached: false,
      nextDeadline: null,
      policyVersion: null,
    });
    const [row] = summarizeSla([state([cycle(30), cycle(10)]), state([cycle(40), cycle(20)])]).groups;
    expect(row?.elapsed).toEqual({ mean: 25 * 60_000, median: 20 * 60_000, p90: 40 * 60_000 });
    expect(row).toMatchObject({
      key: null,
      metric: 'm',
      cycles: 4,
      met: 4,
      complianceRate: 1,
      breachRate: 0,
    });
  });

  test('groupBy may be a function; keys of different types stay apart', () => {
    const summary = summarizeSla(states.slice(0, 50), {
      groupBy: (s) => (String(s.ticketId).endsWith('1') ? 1 : '1'),
    });
    expect(new Set(summary.groups.map((g) => g.key))).toEqual(new Set([1, '1']));
  });

  test('an empty input has no rows; rates of empty denominators are null', () => {
    expect(summarizeSla([]).groups).toEqual([]);
    // One open cycle with a goal and one stopped cycle without: nothing decided, one goal.
    const goalless = compilePolicy({
      metrics: { m: { kind: 'resolution', goals: [{ when: { tier: 'gold' }, target: '1h' }] } },
    });
    const open = [{ type: 'created', at: '2026-03-02T10:00:00Z', attributes: { tier: 'gold' } }] as const;
    const stopped = [
      { type: 'created', at: '2026-03-02T10:00:00Z', attributes: { status: 'solved' } },
    ] as const;
    const [openRow] = summarizeSla(
      computeSlaStates([open], goalless, { now: '2026-03-02T10:30:00Z' }),
    ).groups;
    expect(openRow).toMatchObject({ cycles: 1, open: 1, complianceRate: null, breachRate: 0, elapsed: null });
    const [stoppedRow] = summarizeSla(
      computeSlaStates([stopped], goalless, { now: '2026-03-02T10:30:00Z' }),
    ).groups;
    expect(stoppedRow).toMatchObject({
      cycles: 1,
      stopped: 1,
      complianceRate: null,
      breachRate: null,
      elapsed: null,
    });
  });
});

describe('summarizeSla checks its arguments (issue 7, D4)', () => {
  const states = [
    ...computeSlaStates(
      [[{ type: 'created', at: '2026-03-02T10:00:00Z', attributes: { tier: 'gold' } }]],
      policy,
      { now: '2026-03-02T10:30:00Z' },
    ),
  ];

  test('options null is an SlaValidationError naming options, not a TypeError', () => {
    expect(() => summarizeSla(states, null as never)).toThrow(SlaValidationError);
    expect(() => summarizeSla(states, null as never)).toThrow(
      'options: expected options { groupBy? }, or nothing, got null',
    );
  });

  test('a groupBy that is a null-prototype object is named, not "Cannot convert object to primitive value"', () => {
    expect(() => summarizeSla(states, { groupBy: Object.create(null) })).toThrow(
      'options.groupBy: expected an attribute name (a string), a function (state) => string | number | boolean | null, { cycleKey: true } or { policyVersion: true }, got {}',
    );
  });

  test('states that are not iterable, or a string, are named', () => {
    expect(() => summarizeSla(42 as never)).toThrow(/^states: expected an iterable of states/);
    expect(() => summarizeSla('states' as never)).toThrow(/^states: expected .*got "states"$/);
  });

  test('an item that is not a state fails at the first thing wrong, with its index', () => {
    expect(() => summarizeSla([...states, null] as never)).toThrow(
      'states[1]: expected a state returned by computeSlaState, got null',
    );
    expect(() => summarizeSla([{ metrics: { m: { cycles: {} } } }] as never)).toThrow(
      'states[0].metrics.m.cycles: expected an array of cycle states, got {}',
    );
    expect(() => summarizeSla([{ metrics: { m: { cycles: [{ status: 'done' }] } } }] as never)).toThrow(
      'states[0].metrics.m.cycles[0].status: expected "running", "paused", "met", "breached", "cancelled" or "stopped", got "done"',
    );
    expect(() => summarizeSla([{ metrics: {} }] as never, { groupBy: 'tier' })).toThrow(
      'states[0].attributes: expected an object of attributes',
    );
  });

  test('a groupBy function returning undefined groups under null; returning an object is refused', () => {
    const [row] = summarizeSla(states, {
      groupBy: (s) => (s.attributes as Record<string, never>).missing,
    }).groups;
    expect(row?.key).toBeNull();
    expect(() => summarizeSla(states, { groupBy: () => ({ tier: 'gold' }) as never })).toThrow(
      'options.groupBy: expected a group key: a string, a number, a boolean or null (undefined counts as null), got {"tier":"gold"}',
    );
  });
});
