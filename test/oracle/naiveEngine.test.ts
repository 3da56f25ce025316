/**
 * The reference engine against the scenarios SPEC.md spells out, so that it can be trusted as the
 * judge of the fast engine: each test is named after the rule it pins, with the numbers worked out
 * by hand. Then a few self-consistency properties over the random cases of ticketArbitraries.ts.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runParams } from './arbitraries.js';
import { msPerDay, msPerHour, msPerMinute, naiveIsOpen } from './naiveCalendar.js';
import {
  type Condition,
  isOpenDuringMinute,
  type MetricSpec,
  naiveComputeSlaState,
  naiveDurationMs,
  naiveHolds,
  naiveInstantMs,
  naiveWarningThresholdMs,
  type PolicySpec,
  type SlaState,
  type TicketEvent,
} from './naiveEngine.js';
import { policyZones, slaCaseArb, transitions2026 } from './ticketArbitraries.js';

/** Epoch ms of an RFC 3339 string with an explicit offset (Date.parse: independent of the engine's parser). */
function ms(text: string): number {
  if (!/(Z|[+-]\d\d:\d\d)$/.test(text)) throw new Error(`test instant without offset: ${text}`);
  return Date.parse(text);
}

/** An instant on Monday 2026-03-02 (UTC). */
const mon = (hhmm: string): number => ms(`2026-03-02T${hhmm}:00Z`);
const min = msPerMinute;
const hour = msPerHour;

const created = (at: number, attributes: TicketEvent['attributes'] = { status: 'open' }): TicketEvent =>
  attributes === undefined ? { type: 'created', at } : { type: 'created', at, attributes };
const update = (at: number, attributes: Record<string, string | number | boolean | null>): TicketEvent => ({
  type: 'updated',
  at,
  attributes,
});
const agent = (at: number, extra: Partial<Extract<TicketEvent, { type: 'message' }>> = {}): TicketEvent => ({
  type: 'message',
  at,
  author: 'agent',
  ...extra,
});
const customer = (
  at: number,
  extra: Partial<Extract<TicketEvent, { type: 'message' }>> = {},
): TicketEvent => ({
  type: 'message',
  at,
  author: 'customer',
  ...extra,
});

function metric(state: SlaState, name: string) {
  const m = state.metrics[name];
  if (m === undefined) throw new Error(`no metric ${name}`);
  return m;
}

const nyWeekdays9to5 = {
  timeZone: 'America/New_York',
  week: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [d, [['09:00', '17:00'] as const]]),
  ),
} as const;

const allKinds = (goals: MetricSpec['goals'], extra: Partial<MetricSpec> = {}): PolicySpec => ({
  metrics: {
    first: { kind: 'first_response', goals, ...extra },
    next: { kind: 'next_response', goals, ...extra },
    updates: { kind: 'periodic_update', goals, ...extra },
    resolution: { kind: 'resolution', goals, ...extra },
  },
});

describe('edges: instants, durations, warning thresholds, conditions', () => {
  test('RFC 3339 instants with offsets, lower-case t and z, digits past ms truncated', () => {
    expect(naiveInstantMs('2026-03-02T09:00:00Z')).toBe(ms('2026-03-02T09:00:00Z'));
    expect(naiveInstantMs('2026-03-02T10:00:00.250+01:00')).toBe(ms('2026-03-02T09:00:00.250Z'));
    expect(naiveInstantMs('2026-03-02t14:45:00.1239z')).toBe(ms('2026-03-02T14:45:00.123Z'));
    expect(naiveInstantMs('2026-03-02T14:45:00+05:45')).toBe(ms('2026-03-02T09:00:00Z'));
    expect(naiveInstantMs(new Date(5))).toBe(5);
  });

  test('durations: ms, compact units in descending order, ISO 8601', () => {
    expect(naiveDurationMs(90)).toBe(90);
    expect(naiveDurationMs('45m')).toBe(45 * min);
    expect(naiveDurationMs('1h30m')).toBe(90 * min);
    expect(naiveDurationMs('2d')).toBe(2 * msPerDay);
    expect(naiveDurationMs('90s')).toBe(90_000);
    expect(naiveDurationMs('1w1d1h1m1s1ms')).toBe(8 * msPerDay + hour + min + 1000 + 1);
    expect(naiveDurationMs('5ms')).toBe(5);
    expect(naiveDurationMs('PT4H')).toBe(4 * hour);
    expect(naiveDurationMs('P1DT2H')).toBe(26 * hour);
    expect(naiveDurationMs('P1W')).toBe(7 * msPerDay);
    expect(naiveDurationMs('PT1.5S')).toBe(1500);
  });

  test('warning thresholds: ceil(target × p / 100) exactly, -D floored at 0, +D', () => {
    expect(naiveWarningThresholdMs('50%', 3)).toBe(2);
    expect(naiveWarningThresholdMs('75%', hour)).toBe(45 * min);
    expect(naiveWarningThresholdMs('75.0%', 4)).toBe(3);
    expect(naiveWarningThresholdMs('33.33%', 100)).toBe(34);
    expect(naiveWarningThresholdMs('33.33%', hour)).toBe(1_199_880);
    // 0.29 * 100 is 28.999999999999996 in floats; exact arithmetic gives 29.
    expect(naiveWarningThresholdMs('0.29%', 10_000)).toBe(29);
    expect(naiveWarningThresholdMs('150%', hour)).toBe(90 * min);
    expect(naiveWarningThresholdMs('-15m', hour)).toBe(45 * min);
    expect(naiveWarningThresholdMs('-PT15M', hour)).toBe(45 * min);
    expect(naiveWarningThresholdMs('-15m', 10 * min)).toBe(0);
    expect(naiveWarningThresholdMs('+1h', 1)).toBe(hour + 1);
  });

  test('conditions: strict equality, one-of, not, exists, null matches a missing field', () => {
    const attrs = new Map<string, string | number | boolean | null>([
      ['status', 'open'],
      ['level', 1],
    ]);
    const holds = (c: Condition) => naiveHolds(c, attrs);
    expect(holds({ status: 'open' })).toBe(true);
    expect(holds({ level: '1' })).toBe(false);
    expect(holds({ level: 1 })).toBe(true);
    expect(holds({ status: ['pending', 'open'] })).toBe(true);
    expect(holds({ status: [] })).toBe(false);
    expect(holds({ status: { not: 'open' } })).toBe(false);
    expect(holds({ status: { not: ['pending', 'solved'] } })).toBe(true);
    expect(holds({ tier: null })).toBe(true);
    expect(holds({ status: null })).toBe(false);
    expect(holds({ tier: { not: null } })).toBe(false);
    expect(holds({ tier: ['gold', null] })).toBe(true);
    expect(holds({ tier: { exists: false } })).toBe(true);
    expect(holds({ status: { exists: true } })).toBe(true);
    expect(holds({ status: 'open', level: 2 })).toBe(false);
    expect(holds({})).toBe(true);
    expect(holds({ all: [] })).toBe(true);
    expect(holds({ any: [] })).toBe(false);
    expect(holds({ not: { any: [] } })).toBe(true);
    expect(holds({ any: [{ status: 'x' }, { all: [{ level: 1 }, { not: { tier: 'gold' } }] }] })).toBe(true);
  });

  test('the memoised minute openness agrees with naiveIsOpen around every 2026 transition', () => {
    const spec = (timeZone: string) => ({
      timeZone,
      week: {
        sun: [['01:00', '04:00'] as const, ['23:30', '02:15'] as const],
        sat: [['00:00', '24:00'] as const],
      },
    });
    for (const timeZone of policyZones) {
      for (const t of transitions2026) {
        for (let m = -36 * 60; m <= 36 * 60; m += 7) {
          const minuteMs = t + m * min;
          expect(isOpenDuringMinute(spec(timeZone), minuteMs)).toBe(naiveIsOpen(spec(timeZone), minuteMs));
        }
      }
    }
  });
});

describe('counting and deadlines', () => {
  const pausing: PolicySpec = {
    metrics: {
      resolution: { kind: 'resolution', pauseWhen: { status: 'pending' }, goals: [{ target: '1h' }] },
    },
  };
  const pendingHour = [
    created(mon('10:00')),
    update(mon('11:00'), { status: 'pending' }),
    update(mon('12:00'), { status: 'open' }),
  ];

  test('a target used up just as a pause began has its deadline where the pause ended (12:00)', () => {
    const paused = metric(naiveComputeSlaState(pendingHour, pausing, mon('11:30')), 'resolution');
    expect(paused).toMatchObject({
      status: 'paused',
      elapsed: hour,
      pausedFor: 30 * min,
      deadline: null,
      breached: false,
      breachedAt: null,
      nextChangeAt: null,
      remaining: 0,
      percent: 100,
    });
    const resumed = metric(naiveComputeSlaState(pendingHour, pausing, mon('12:00')), 'resolution');
    expect(resumed).toMatchObject({
      status: 'running',
      elapsed: hour,
      pausedFor: hour,
      deadline: mon('12:00'),
      breached: false,
      nextChangeAt: mon('12:00') + 1,
    });
    const late = metric(naiveComputeSlaState(pendingHour, pausing, mon('12:30')), 'resolution');
    expect(late).toMatchObject({
      status: 'running',
      elapsed: 90 * min,
      breached: true,
      deadline: mon('12:00'),
      breachedAt: mon('12:00'),
      remaining: -30 * min,
      percent: 150,
      nextChangeAt: null,
    });
  });

  test('the breach becomes visible at deadline + 1 ms', () => {
    const atDeadline = metric(naiveComputeSlaState(pendingHour, pausing, mon('12:00')), 'resolution');
    expect(atDeadline.breached).toBe(false);
    const after = metric(naiveComputeSlaState(pendingHour, pausing, mon('12:00') + 1), 'resolution');
    expect(after).toMatchObject({ breached: true, elapsed: hour + 1, breachedAt: mon('12:00') });
  });

  const nyPolicy = (target: string): PolicySpec => ({
    calendars: { ny: nyWeekdays9to5 },
    metrics: { reply: { kind: 'first_response', goals: [{ target, calendar: 'ny' }] } },
  });
  const mondayNine = ms('2026-03-02T09:00:00-05:00');
  const tuesdayNine = ms('2026-03-03T09:00:00-05:00');

  test('8 business hours from Monday 09:00 run out at Monday 17:00; the deadline is Tuesday 09:00', () => {
    const state = naiveComputeSlaState(
      [created(mondayNine)],
      nyPolicy('8h'),
      ms('2026-03-02T12:00:00-05:00'),
    );
    expect(metric(state, 'reply')).toMatchObject({
      status: 'running',
      elapsed: 3 * hour,
      deadline: tuesdayNine,
      nextChangeAt: tuesdayNine + 1,
      goal: { index: 0, target: 8 * hour, calendar: 'ny' },
    });
    expect(state.nextChangeAt).toBe(tuesdayNine + 1);
    // Closed hours are not pauses: the clock is running overnight, it just does not count.
    const night = naiveComputeSlaState(
      [created(mondayNine)],
      nyPolicy('8h'),
      ms('2026-03-03T03:00:00-05:00'),
    );
    expect(metric(night, 'reply')).toMatchObject({ status: 'running', elapsed: 8 * hour, breached: false });
  });

  test('a reply that arrives when exactly the target has been counted is on time', () => {
    const onTime = naiveComputeSlaState(
      [created(mondayNine), agent(tuesdayNine)],
      nyPolicy('8h'),
      tuesdayNine,
    );
    expect(metric(onTime, 'reply')).toMatchObject({ status: 'met', elapsed: 8 * hour, breached: false });
    const oneMinuteLate = tuesdayNine + min;
    const late = naiveComputeSlaState(
      [created(mondayNine), agent(oneMinuteLate)],
      nyPolicy('8h'),
      oneMinuteLate,
    );
    expect(metric(late, 'reply')).toMatchObject({
      status: 'breached',
      elapsed: 8 * hour + min,
      breached: true,
      breachedAt: tuesdayNine,
      deadline: null,
      stoppedAt: oneMinuteLate,
      nextChangeAt: null,
    });
  });

  test('"1d" on a 09:00-17:00 calendar is three business days', () => {
    const state = naiveComputeSlaState([created(mondayNine)], nyPolicy('1d'), mondayNine);
    expect(metric(state, 'reply').deadline).toBe(ms('2026-03-05T09:00:00-05:00'));
  });

  test('spring forward: ["01:00","04:00"] lasts 2 real hours; the next open Sunday is the deadline', () => {
    const policy: PolicySpec = {
      calendars: { sun: { timeZone: 'America/New_York', week: { sun: [['01:00', '04:00']] } } },
      metrics: { work: { kind: 'resolution', goals: [{ target: '2h', calendar: 'sun' }] } },
    };
    const start = ms('2026-03-08T00:00:00-05:00');
    const atClose = naiveComputeSlaState([created(start)], policy, ms('2026-03-08T04:00:00-04:00'));
    expect(metric(atClose, 'work')).toMatchObject({
      elapsed: 2 * hour,
      breached: false,
      deadline: ms('2026-03-15T01:00:00-04:00'),
    });
  });

  test('Asia/Kathmandu (+05:45): 09:00 local is 03:15Z', () => {
    const policy: PolicySpec = {
      calendars: { ktm: { timeZone: 'Asia/Kathmandu', week: { mon: [['09:00', '17:00']] } } },
      metrics: { work: { kind: 'resolution', goals: [{ target: '1h', calendar: 'ktm' }] } },
    };
    const state = naiveComputeSlaState([created(mon('03:00'))], policy, mon('03:00'));
    expect(metric(state, 'work').deadline).toBe(ms('2026-03-02T04:15:00Z'));
  });

  test('a calendar that never opens: deadline null, never breached, nothing to wait for', () => {
    const policy: PolicySpec = {
      calendars: { never: { timeZone: 'UTC', week: {} } },
      metrics: {
        work: { kind: 'resolution', goals: [{ target: '1m', calendar: 'never' }], warnings: ['50%'] },
      },
    };
    const state = naiveComputeSlaState([created(mon('10:00'))], policy, mon('20:00'));
    expect(metric(state, 'work')).toMatchObject({
      status: 'running',
      elapsed: 0,
      deadline: null,
      breached: false,
      nextChangeAt: null,
      warnings: [{ threshold: '50%', at: null, reached: false }],
    });
  });

  test('warnings: thresholds in policy order, past or projected, and nextChangeAt the next of them', () => {
    const policy: PolicySpec = {
      metrics: {
        work: { kind: 'resolution', goals: [{ target: '1h' }], warnings: ['75%', '-10m', '+1h', '33.33%'] },
      },
    };
    const state = naiveComputeSlaState([created(mon('10:00'))], policy, mon('10:50'));
    expect(metric(state, 'work').warnings).toEqual([
      { threshold: '75%', at: mon('10:45'), reached: true },
      { threshold: '-10m', at: mon('10:50'), reached: true },
      { threshold: '+1h', at: mon('12:00'), reached: false },
      { threshold: '33.33%', at: mon('10:00') + 1_199_880, reached: true },
    ]);
    expect(metric(state, 'work').nextChangeAt).toBe(mon('11:00') + 1);
    const later = naiveComputeSlaState([created(mon('10:00'))], policy, mon('11:30'));
    expect(metric(later, 'work').nextChangeAt).toBe(mon('12:00'));
  });

  test('a paused cycle projects nothing: warnings not yet reached have at null', () => {
    const policy: PolicySpec = {
      metrics: {
        work: {
          kind: 'resolution',
          pauseWhen: { status: ['pending', 'on_hold'] },
          goals: [{ target: '1h' }],
          warnings: ['25%', '75%'],
        },
      },
    };
    const events = [created(mon('10:00')), update(mon('10:30'), { status: 'on_hold' })];
    expect(metric(naiveComputeSlaState(events, policy, mon('11:00')), 'work').warnings).toEqual([
      { threshold: '25%', at: mon('10:15'), reached: true },
      { threshold: '75%', at: null, reached: false },
    ]);
  });
});

describe('the replay: kinds, triggers and the order within one event', () => {
  test('a ticket imported already solved: resolution met at creation, no first-response cycle', () => {
    const policy = allKinds([{ target: '1h' }]);
    const state = naiveComputeSlaState([created(mon('10:00'), { status: 'solved' })], policy, mon('11:00'));
    expect(metric(state, 'resolution')).toMatchObject({
      status: 'met',
      startedAt: mon('10:00'),
      stoppedAt: mon('10:00'),
      elapsed: 0,
      breached: false,
    });
    expect(metric(state, 'resolution').cycles).toHaveLength(1);
    for (const name of ['first', 'next', 'updates']) {
      expect(metric(state, name)).toEqual({
        status: 'inactive',
        breached: false,
        goal: null,
        // SPEC 12: "key ... (always present; null without keyBy or when inactive)".
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
      });
    }
  });

  test('one public agent message ends a periodic_update cycle and opens the next; a reply that also solves opens none', () => {
    const events = [
      created(mon('10:00')),
      agent(mon('10:30')),
      agent(mon('10:45')),
      agent(mon('11:00'), { attributes: { status: 'solved' } }),
    ];
    const state = naiveComputeSlaState(events, allKinds([{ target: '1d' }]), mon('12:00'));
    const updates = metric(state, 'updates');
    expect(updates.cycles.map((c) => [c.status, c.startedAt, c.stoppedAt, c.elapsed])).toEqual([
      ['met', mon('10:30'), mon('10:45'), 15 * min],
      ['met', mon('10:45'), mon('11:00'), 15 * min],
    ]);
    expect(metric(state, 'first')).toMatchObject({ status: 'met', elapsed: 30 * min });
    expect(metric(state, 'resolution')).toMatchObject({
      status: 'met',
      elapsed: hour,
      stoppedAt: mon('11:00'),
    });
    expect(metric(state, 'next').status).toBe('inactive');
  });

  test('a ticket created pending starts its resolution cycle paused', () => {
    const policy: PolicySpec = {
      metrics: {
        work: {
          kind: 'resolution',
          pauseWhen: { status: 'pending' },
          goals: [{ target: '1h' }],
          warnings: ['50%'],
        },
      },
    };
    const state = naiveComputeSlaState([created(mon('10:00'), { status: 'pending' })], policy, mon('11:00'));
    expect(metric(state, 'work')).toMatchObject({
      status: 'paused',
      elapsed: 0,
      pausedFor: hour,
      deadline: null,
      nextChangeAt: null,
      warnings: [{ threshold: '50%', at: null, reached: false }],
    });
  });

  test('a priority raised mid-ticket applies to the whole open cycle; a completed cycle keeps its goal', () => {
    const goals = [{ when: { priority: 'urgent' }, target: '1h' }, { target: '4h' }];
    const policy = allKinds(goals);
    const events = [
      created(mon('10:00'), { status: 'open', priority: 'normal' }),
      agent(mon('10:20')),
      update(mon('10:30'), { priority: 'urgent' }),
    ];
    const before = naiveComputeSlaState(events, policy, mon('10:25'));
    expect(metric(before, 'resolution')).toMatchObject({
      goal: { index: 1, target: 4 * hour, calendar: '24/7' },
      deadline: mon('14:00'),
      breached: false,
    });
    const after = naiveComputeSlaState(events, policy, mon('11:30'));
    expect(metric(after, 'resolution')).toMatchObject({
      status: 'running',
      goal: { index: 0, target: hour, calendar: '24/7' },
      elapsed: 90 * min,
      breached: true,
      deadline: mon('11:00'),
      breachedAt: mon('11:00'),
      remaining: -30 * min,
      percent: 150,
      nextChangeAt: null,
    });
    expect(after.breached).toBe(true);
    expect(metric(after, 'first')).toMatchObject({
      status: 'met',
      goal: { index: 1, target: 4 * hour, calendar: '24/7' },
      elapsed: 20 * min,
    });
  });

  test('no goal matches: goal null, elapsed on 24/7, never breached; stopped without a goal is "stopped"', () => {
    const policy: PolicySpec = {
      metrics: {
        reply: {
          kind: 'first_response',
          goals: [{ when: { priority: 'urgent' }, target: '1m' }],
          warnings: ['50%'],
        },
      },
    };
    const open = naiveComputeSlaState([created(mon('10:00'))], policy, mon('11:00'));
    expect(metric(open, 'reply')).toMatchObject({
      status: 'running',
      goal: null,
      elapsed: hour,
      breached: false,
      remaining: null,
      percent: null,
      deadline: null,
      nextChangeAt: null,
      warnings: [{ threshold: '50%', at: null, reached: false }],
    });
    const stopped = naiveComputeSlaState([created(mon('10:00')), agent(mon('10:10'))], policy, mon('11:00'));
    expect(metric(stopped, 'reply')).toMatchObject({ status: 'stopped', goal: null, elapsed: 10 * min });
  });

  test('first_response: cancelled when solved, a new cycle at a reopen before any reply; a cancelled breach stays breached', () => {
    const policy: PolicySpec = { metrics: { first: { kind: 'first_response', goals: [{ target: '20m' }] } } };
    const events = [
      created(mon('10:00')),
      agent(mon('10:05'), { public: false }), // an internal note answers nothing
      update(mon('10:30'), { status: 'solved' }),
      customer(mon('11:00'), { attributes: { status: 'open' } }),
    ];
    const state = naiveComputeSlaState(events, policy, mon('11:15'));
    const first = metric(state, 'first');
    expect(first.cycles.map((c) => [c.status, c.breached, c.elapsed, c.breachedAt])).toEqual([
      ['cancelled', true, 30 * min, mon('10:20')],
      ['running', false, 15 * min, null],
    ]);
    expect(first.breachedCycles).toBe(1);
    expect(first.breached).toBe(false);
    expect(state.breached).toBe(false);
  });

  test('first_response: a ticket imported solved and reopened before any reply starts its first cycle then', () => {
    const policy: PolicySpec = { metrics: { first: { kind: 'first_response', goals: [{ target: '1h' }] } } };
    const events = [
      created(mon('10:00'), { status: 'solved' }),
      customer(mon('10:30'), { attributes: { status: 'open' } }),
    ];
    expect(metric(naiveComputeSlaState(events, policy, mon('10:20')), 'first').status).toBe('inactive');
    const first = metric(naiveComputeSlaState(events, policy, mon('11:00')), 'first');
    expect(first).toMatchObject({ status: 'running', startedAt: mon('10:30'), elapsed: 30 * min });
    expect(first.cycles).toHaveLength(1);
  });

  test('first_response: no new cycle at a reopen once a public agent message exists', () => {
    const policy: PolicySpec = { metrics: { first: { kind: 'first_response', goals: [{ target: '1h' }] } } };
    const events = [
      created(mon('10:00')),
      update(mon('10:10'), { status: 'closed' }),
      agent(mon('10:20')),
      update(mon('10:30'), { status: 'open' }),
    ];
    const first = metric(naiveComputeSlaState(events, policy, mon('11:00')), 'first');
    expect(first.status).toBe('cancelled');
    expect(first.cycles).toHaveLength(1);
  });

  test('next_response: customer messages start a cycle only once an agent has replied; one cycle at a time', () => {
    const policy: PolicySpec = { metrics: { next: { kind: 'next_response', goals: [{ target: '1h' }] } } };
    const events = [
      created(mon('10:00')),
      customer(mon('10:05')),
      agent(mon('10:30')),
      customer(mon('11:00'), { public: false }), // counts whatever its public flag
      customer(mon('11:10')),
      agent(mon('11:20'), { public: false }),
      { type: 'message', at: mon('11:25'), author: 'system' } as const, // fires no message trigger
      agent(mon('11:30')),
    ];
    const next = metric(naiveComputeSlaState(events, policy, mon('12:00')), 'next');
    expect(next.cycles.map((c) => [c.status, c.startedAt, c.stoppedAt, c.elapsed])).toEqual([
      ['met', mon('11:00'), mon('11:30'), 30 * min],
    ]);
  });

  test('system messages fire no message trigger but their attributes apply', () => {
    const policy = allKinds([{ target: '1h' }]);
    const events = [
      created(mon('10:00')),
      { type: 'message', at: mon('10:10'), author: 'system', attributes: { status: 'solved' } } as const,
    ];
    const state = naiveComputeSlaState(events, policy, mon('10:30'));
    expect(metric(state, 'resolution')).toMatchObject({ status: 'met', elapsed: 10 * min });
    expect(metric(state, 'first')).toMatchObject({ status: 'cancelled', elapsed: 10 * min });
  });

  test('resolution resumes at a reopen: the same cycle, the stopped time counts neither as elapsed nor as paused', () => {
    const policy: PolicySpec = {
      metrics: { work: { kind: 'resolution', pauseWhen: { status: 'pending' }, goals: [{ target: '2h' }] } },
    };
    const events = [
      created(mon('10:00')),
      update(mon('11:00'), { status: 'solved' }),
      update(mon('12:00'), { status: 'open' }),
    ];
    const solved = metric(naiveComputeSlaState(events, policy, mon('11:30')), 'work');
    expect(solved).toMatchObject({ status: 'met', stoppedAt: mon('11:00'), elapsed: hour });
    const reopened = metric(naiveComputeSlaState(events, policy, mon('12:30')), 'work');
    expect(reopened).toMatchObject({
      status: 'running',
      startedAt: mon('10:00'),
      stoppedAt: null,
      elapsed: 90 * min,
      pausedFor: 0,
      deadline: mon('13:00'),
    });
    expect(reopened.cycles).toHaveLength(1);
  });

  test('restart new_cycle opens a new cycle after a stop; restart never does nothing', () => {
    const custom = (restart: 'never' | 'new_cycle'): PolicySpec => ({
      metrics: {
        work: {
          kind: 'custom',
          start: { when: { status: 'open' } },
          stop: { when: { status: 'solved' } },
          restart,
          goals: [{ target: '1h' }],
        },
      },
    });
    const events = [
      created(mon('10:00')),
      update(mon('10:10'), { status: 'solved' }),
      update(mon('10:20'), { status: 'open' }),
    ];
    expect(
      metric(naiveComputeSlaState(events, custom('new_cycle'), mon('11:00')), 'work').cycles,
    ).toHaveLength(2);
    expect(metric(naiveComputeSlaState(events, custom('never'), mon('11:00')), 'work')).toMatchObject({
      status: 'met',
      elapsed: 10 * min,
    });
  });

  test('stop wins over cancel', () => {
    const policy: PolicySpec = {
      metrics: {
        work: {
          kind: 'custom',
          start: { on: 'created' },
          stop: { when: { status: 'solved' } },
          cancel: { when: { priority: 'low' } },
          goals: [{ target: '1h' }],
        },
      },
    };
    const events = [created(mon('10:00')), update(mon('10:30'), { status: 'solved', priority: 'low' })];
    expect(metric(naiveComputeSlaState(events, policy, mon('11:00')), 'work').status).toBe('met');
  });

  test('step (3): a when-form stop that already holds meets the cycle at once; a holding cancel creates none', () => {
    const policy: PolicySpec = {
      metrics: {
        stopped: {
          kind: 'custom',
          start: { on: 'created' },
          stop: { when: { status: 'solved' } },
          goals: [{ target: '1h' }],
        },
        cancelled: {
          kind: 'custom',
          start: { on: 'created' },
          stop: { on: 'agent_message' },
          cancel: { when: { status: 'solved' } },
          goals: [{ target: '1h' }],
        },
      },
    };
    const state = naiveComputeSlaState([created(mon('10:00'), { status: 'solved' })], policy, mon('11:00'));
    expect(metric(state, 'stopped')).toMatchObject({ status: 'met', elapsed: 0, stoppedAt: mon('10:00') });
    expect(metric(state, 'cancelled').status).toBe('inactive');
  });

  test('when-triggers fire on edges only: a condition that keeps holding does not fire again', () => {
    const policy: PolicySpec = {
      metrics: {
        work: {
          kind: 'custom',
          start: { when: { priority: 'high' } },
          stop: { on: 'agent_message' },
          goals: [{ target: '1h' }],
        },
      },
    };
    const events = [
      created(mon('10:00'), { status: 'open', priority: 'high' }), // fires: nothing holds before created
      agent(mon('10:10')),
      update(mon('10:20'), { status: 'pending' }), // priority still high: no edge
      update(mon('10:30'), { priority: 'low' }),
      update(mon('10:40'), { priority: 'high' }), // an edge again
    ];
    const work = metric(naiveComputeSlaState(events, policy, mon('11:00')), 'work');
    expect(work.cycles.map((c) => [c.status, c.startedAt])).toEqual([
      ['met', mon('10:00')],
      ['running', mon('10:40')],
    ]);
  });
});

describe('the log: ordering, now, attributes', () => {
  const policy = allKinds([{ target: '1h' }]);

  test('events after now are ignored; now before created leaves every metric inactive', () => {
    const events = [created(mon('10:00')), agent(mon('11:00'))];
    expect(metric(naiveComputeSlaState(events, policy, mon('10:30')), 'first').status).toBe('running');
    const early = naiveComputeSlaState({ id: 'T-1', events }, policy, mon('09:00'));
    expect(early.ticketId).toBe('T-1');
    expect(early.attributes).toEqual({});
    expect(early.nextChangeAt).toBeNull();
    expect(early.breached).toBe(false);
    for (const m of Object.values(early.metrics)) expect(m.status).toBe('inactive');
  });

  test('an unsorted log is ordered stably: equal instants keep their log order', () => {
    const events = [
      update(mon('10:30'), { status: 'pending' }),
      update(mon('10:30'), { status: 'open' }),
      agent(mon('10:20')),
      created(mon('10:00'), { status: 'open', tier: 'pro' }),
    ];
    const state = naiveComputeSlaState(events, policy, mon('11:00'));
    expect(state.attributes).toEqual({ status: 'open', tier: 'pro' });
    expect(metric(state, 'first')).toMatchObject({ status: 'met', elapsed: 20 * min });
  });

  test('null removes an attribute; "__proto__" is an ordinary key', () => {
    const events = JSON.parse(
      '[{"type":"created","at":"2026-03-02T10:00:00Z","attributes":{"status":"open","__proto__":"x","tier":"pro"}},' +
        '{"type":"updated","at":"2026-03-02T11:10:00+01:00","attributes":{"tier":null}}]',
    ) as TicketEvent[];
    const goalOnProto: PolicySpec = {
      metrics: {
        work: {
          kind: 'resolution',
          goals: [JSON.parse('{"when":{"__proto__":"x"},"target":"1h"}'), { target: '2h' }],
        },
      },
    };
    const state = naiveComputeSlaState(events, goalOnProto, mon('10:30'));
    expect(Object.getPrototypeOf(state.attributes)).toBe(Object.prototype);
    expect(Object.keys(state.attributes)).toEqual(['status', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(state.attributes, '__proto__')?.value).toBe('x');
    expect(metric(state, 'work').goal?.index).toBe(0);
  });
});

describe('self-consistency over random cases', () => {
  test('breached, remaining, deadline and nextChangeAt agree with each other', () => {
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const state = naiveComputeSlaState(ticket, policy, nowMs);
        expect(Object.keys(state.metrics)).toEqual(Object.keys(policy.metrics));
        for (const [name, m] of Object.entries(state.metrics)) {
          const warningCount = policy.metrics[name]?.warnings?.length ?? 0;
          for (const c of m.cycles) {
            expect(c.warnings).toHaveLength(warningCount);
            if (c.goal === null) {
              expect(c.breached).toBe(false);
              continue;
            }
            expect(c.breached).toBe(c.elapsed > c.goal.target);
            expect(c.remaining).toBe(c.goal.target - c.elapsed);
            expect(c.breachedAt !== null).toBe(c.breached);
            if (c.status === 'running' && c.deadline !== null) expect(c.breached).toBe(nowMs > c.deadline);
            if (c.nextChangeAt !== null) expect(c.nextChangeAt).toBeGreaterThan(nowMs);
          }
          expect(m.breachedCycles).toBe(m.cycles.filter((c) => c.breached).length);
        }
        const changes = Object.values(state.metrics).flatMap((m) =>
          m.nextChangeAt === null ? [] : [m.nextChangeAt],
        );
        expect(state.nextChangeAt).toBe(changes.length === 0 ? null : Math.min(...changes));
      }),
      runParams(60),
    );
  }, 20_000);

  test('nothing changes before nextChangeAt, and something changes at it (when no event comes first)', () => {
    const observable = (s: SlaState) =>
      Object.values(s.metrics).map((m) => [m.status, m.breached, m.warnings.map((w) => w.reached)]);
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const state = naiveComputeSlaState(ticket, policy, nowMs);
        const nextMs = state.nextChangeAt;
        if (nextMs === null) return;
        if (ticket.events.some((e) => naiveInstantMs(e.at) > nowMs && naiveInstantMs(e.at) <= nextMs)) return;
        expect(observable(naiveComputeSlaState(ticket, policy, nextMs - 1))).toEqual(observable(state));
        expect(observable(naiveComputeSlaState(ticket, policy, nextMs))).not.toEqual(observable(state));
      }),
      runParams(40),
    );
  }, 20_000);

  test('an "as of" query on the full log equals the query on the log cut at now', () => {
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const cut = ticket.events.filter((e) => e.type === 'created' || naiveInstantMs(e.at) <= nowMs);
        expect(naiveComputeSlaState({ id: ticket.id, events: cut }, policy, nowMs)).toEqual(
          naiveComputeSlaState(ticket, policy, nowMs),
        );
      }),
      runParams(30),
    );
  }, 20_000);
});
