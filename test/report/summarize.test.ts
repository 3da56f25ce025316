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
import { SummaryBuilder } from '../../src/report/summarize.js';

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
      'options: expected options { groupBy?, period? }, or nothing, got null',
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

describe('summarizeSla by period', () => {
  const states = [
    ...computeSlaStates(generateTickets({ count: 300, seed: 11 }), policy, { now: '2026-04-01T00:00:00Z' }),
  ];
  const dayIn = (ms: number, timeZone: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      ms,
    );

  test.each([
    ['start', 'America/New_York', undefined],
    ['end', 'Asia/Tokyo', 'tier'],
    ['start', 'UTC', 'region'],
  ] as const)(
    'daily rows by %s in %s, grouped by %s, match a direct computation',
    (by, timeZone, groupBy) => {
      const summary = summarizeSla(states, {
        ...(groupBy === undefined ? {} : { groupBy }),
        period: { unit: 'day', timeZone, by },
      });
      // The oracle: each cycle as its own ticket, then rows joined per (day, key, metric).
      const rows = new Map<string, { cycles: number; met: number; breached: number; open: number }>();
      for (const state of states) {
        const key = groupBy === undefined ? null : (state.attributes[groupBy] ?? null);
        for (const [metric, m] of Object.entries(state.metrics)) {
          for (const c of m.cycles) {
            const open = c.status === 'running' || c.status === 'paused';
            const at = by === 'start' || open ? c.startedAt : c.stoppedAt;
            const id = JSON.stringify([dayIn(at as number, timeZone), key, metric]);
            const row = rows.get(id) ?? { cycles: 0, met: 0, breached: 0, open: 0 };
            row.cycles++;
            if (c.status === 'met') row.met++;
            if (c.status === 'breached') row.breached++;
            if (open) row.open++;
            rows.set(id, row);
          }
        }
      }
      expect(summary.groups.length).toBe(rows.size);
      for (const g of summary.groups) {
        expect(rows.get(JSON.stringify([g.period, g.key, g.metric]))).toEqual({
          cycles: g.cycles,
          met: g.met,
          breached: g.breached,
          open: g.open,
        });
      }
      // Documented order: periods in time order; within one, the order of the rows without periods.
      const periods = summary.groups.map((g) => g.period as string);
      expect(periods).toEqual([...periods].sort());
      const firstSeen = summarizeSla(states, groupBy === undefined ? {} : { groupBy }).groups.map((g) =>
        JSON.stringify([g.key, g.metric]),
      );
      for (const period of new Set(periods)) {
        const inPeriod = summary.groups
          .filter((g) => g.period === period)
          .map((g) => firstSeen.indexOf(JSON.stringify([g.key, g.metric])));
        expect(inPeriod).toEqual([...inPeriod].sort((a, b) => a - b));
      }
    },
  );

  test('weekly and monthly rows add up to the rows without periods', () => {
    const whole = summarizeSla(states, { groupBy: 'tier' }).groups;
    for (const unit of ['week', 'month'] as const) {
      const split = summarizeSla(states, {
        groupBy: 'tier',
        period: { unit, timeZone: 'Europe/Berlin' },
      }).groups;
      for (const row of whole) {
        const parts = split.filter((g) => g.key === row.key && g.metric === row.metric);
        expect(parts.reduce((n, g) => n + g.cycles, 0)).toBe(row.cycles);
        expect(parts.reduce((n, g) => n + g.breached, 0)).toBe(row.breached);
      }
      expect(split.every((g) => /^\d{4}-(W\d{2}|\d{2})$/.test(g.period as string))).toBe(true);
    }
  });

  test('without the option rows carry no period key (0.1 output unchanged)', () => {
    expect(summarizeSla(states).groups.every((g) => !Object.hasOwn(g, 'period'))).toBe(true);
  });

  test('by end, an ended cycle counts where it stopped and an open cycle where it started', () => {
    const cycle = (
      status: CycleState['status'],
      startedAt: string,
      stoppedAt: string | null,
    ): CycleState => ({
      status,
      breached: status === 'breached',
      goal: { index: 0, target: 3_600_000, calendar: '24/7', timeZone: null, form: 'duration' },
      key: null,
      startedAt: Date.parse(startedAt),
      stoppedAt: stoppedAt === null ? null : Date.parse(stoppedAt),
      elapsed: 60_000,
      remaining: 0,
      percent: 0,
      deadline: null,
      breachedAt: null,
      pausedFor: 0,
      warnings: [],
      nextChangeAt: null,
    });
    const cycles = [
      cycle('met', '2026-03-01T10:00:00Z', '2026-03-03T10:00:00Z'),
      cycle('cancelled', '2026-03-01T10:00:00Z', '2026-03-02T10:00:00Z'),
      cycle('running', '2026-03-01T10:00:00Z', null),
    ];
    const state: SlaState = {
      ticketId: 'T-1',
      now: Date.parse('2026-03-04T00:00:00Z'),
      attributes: {},
      metrics: { m: { ...(cycles[2] as CycleState), cycles, breachedCycles: 0 } },
      nextChangeAt: null,
      breached: false,
      nextDeadline: null,
      policyVersion: null,
    };
    const rows = (by: 'start' | 'end') =>
      summarizeSla([state], { period: { unit: 'day', timeZone: 'UTC', by } }).groups.map((g) => [
        g.period,
        g.cycles,
      ]);
    expect(rows('start')).toEqual([['2026-03-01', 3]]);
    expect(rows('end')).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 1],
      ['2026-03-03', 1],
    ]);
  });

  test('a bad period is refused before any state is read; a cycle without its instant is named', () => {
    const untouchable = {
      [Symbol.iterator]() {
        throw new Error('read');
      },
    };
    expect(() => summarizeSla(untouchable, { period: { unit: 'year', timeZone: 'UTC' } as never })).toThrow(
      'options.period.unit: expected "day", "week" or "month", got "year"',
    );
    expect(() =>
      summarizeSla(
        [{ metrics: { m: { cycles: [{ status: 'met', elapsed: 1, startedAt: null }] } } }] as never,
        {
          period: { unit: 'day', timeZone: 'UTC' },
        },
      ),
    ).toThrow('states[0].metrics.m.cycles[0].startedAt: expected an integer epoch-ms number from 1900');
    expect(() =>
      summarizeSla(
        [
          { metrics: { m: { cycles: [{ status: 'met', elapsed: 1, startedAt: 0, stoppedAt: 1e20 }] } } },
        ] as never,
        { period: { unit: 'day', timeZone: 'UTC', by: 'end' } },
      ),
    ).toThrow('states[0].metrics.m.cycles[0].stoppedAt: expected an integer epoch-ms number from 1900');
  });

  test('offsets are read from Intl per 52-week stretch of a zone, not per cycle', () => {
    const proto = Intl.DateTimeFormat.prototype;
    const descriptor = Object.getOwnPropertyDescriptor(proto, 'format') as PropertyDescriptor;
    let reads = 0;
    Object.defineProperty(proto, 'format', {
      ...descriptor,
      get(this: Intl.DateTimeFormat) {
        reads++;
        return descriptor.get?.call(this);
      },
    });
    try {
      // A zone no other test of this file reads, so that its offsets are not cached yet.
      const many = [...states, ...states, ...states, ...states, ...states];
      const summary = summarizeSla(many, { period: { unit: 'day', timeZone: 'Australia/Adelaide' } });
      const cycles = summary.groups.reduce((n, g) => n + g.cycles, 0);
      expect(cycles).toBeGreaterThan(5000);
      // The sample spans at most two 52-week stretches: ~364 samples each, plus bisections.
      expect(reads).toBeLessThan(1000);
    } finally {
      Object.defineProperty(proto, 'format', descriptor);
    }
  });
});

describe('SummaryBuilder: several summaries in one pass', () => {
  // The sample policy, plus a metric whose cycles carry a key (the assignee that owns them).
  const keyed = compilePolicy({
    ...policySpec,
    metrics: {
      ...policySpec.metrics,
      agent_time: { kind: 'ownership', field: 'assignee', goals: [{ target: '4h' }] },
    },
  } as never);
  const states = [
    ...computeSlaStates(generateTickets({ count: 200, seed: 23 }), keyed, { now: '2026-04-01T00:00:00Z' }),
  ];
  const optionSets = [
    {},
    { groupBy: 'tier' },
    { groupBy: { cycleKey: true } },
    { groupBy: { cycleKey: true }, period: { unit: 'day', timeZone: 'America/New_York' } },
    { period: { unit: 'week', timeZone: 'Europe/Berlin' } },
    { groupBy: 'region', period: { unit: 'month', timeZone: 'UTC', by: 'end' } },
  ] as const;

  test('the states have keyed cycles, so grouping by cycle key makes rows of its own', () => {
    const keys = summarizeSla(states, { groupBy: { cycleKey: true } }).groups.map((g) => g.key);
    expect(keys.filter((key) => typeof key === 'string').length).toBeGreaterThan(1);
  });

  test('builders fed together, one state at a time, each give what summarizeSla gives alone', () => {
    const builders = optionSets.map((options) => new SummaryBuilder(options));
    for (const state of states) for (const builder of builders) builder.add(state);
    builders.forEach((builder, i) => {
      const alone = summarizeSla(states, optionSets[i]);
      expect(alone.groups.length).toBeGreaterThan(0);
      expect(builder.result()).toEqual(alone);
    });
  });

  test('a result part-way is the summary of the states added so far', () => {
    const builder = new SummaryBuilder({ groupBy: 'tier' });
    for (const state of states.slice(0, 50)) builder.add(state);
    expect(builder.result()).toEqual(summarizeSla(states.slice(0, 50), { groupBy: 'tier' }));
    for (const state of states.slice(50)) builder.add(state);
    expect(builder.result()).toEqual(summarizeSla(states, { groupBy: 'tier' }));
  });

  test('bad options are refused when it is made; a bad state names its index among those added', () => {
    expect(() => new SummaryBuilder(null as never)).toThrow(
      'options: expected options { groupBy?, period? }, or nothing, got null',
    );
    const builder = new SummaryBuilder();
    builder.add(states[0] as SlaState);
    expect(() => builder.add({ metrics: null } as never)).toThrow(/^states\[1\]\.metrics: /);
  });
});
