/**
 * One scenario per rule of SPEC.md sections 4 to 7, each named after the rule it pins, with the
 * product whose behaviour it copies. 2026-03-02 is a Monday; New York is UTC-5 then.
 */
import { describe, expect, test } from 'vitest';
import { compilePolicy, computeSlaState, type PolicySpec } from '../../src/index.js';
import { agent, created, customer, hour, minute, ms, newYorkHours, update } from './fixtures.js';

const at = (text: string) => ({ now: text });

describe('goal choice', () => {
  const policy = compilePolicy({
    metrics: {
      resolution: {
        kind: 'resolution',
        goals: [
          { when: { priority: 'urgent' }, target: '1h' },
          { when: { priority: ['high', 'normal'] }, target: '8h' },
        ],
        warnings: ['50%'],
      },
    },
  });

  test('a priority raised mid-ticket applies to the whole open cycle and finds a breach in the past (Zendesk, Jira)', () => {
    const log = [
      created('2026-03-02T10:00:00Z', { priority: 'normal' }),
      update('2026-03-02T12:00:00Z', { priority: 'urgent' }),
    ];
    const before = computeSlaState(log, policy, at('2026-03-02T11:59:00Z')).metrics.resolution;
    expect(before).toMatchObject({
      breached: false,
      deadline: ms('2026-03-02T18:00:00Z'),
      goal: { index: 1, target: 8 * hour },
    });
    const after = computeSlaState(log, policy, at('2026-03-02T12:30:00Z')).metrics.resolution;
    expect(after).toMatchObject({
      status: 'running',
      breached: true,
      goal: { index: 0, target: hour, calendar: '24/7' },
      deadline: ms('2026-03-02T11:00:00Z'),
      breachedAt: ms('2026-03-02T11:00:00Z'),
      remaining: -1.5 * hour,
      nextChangeAt: null,
    });
    expect(after?.warnings).toEqual([{ threshold: '50%', at: ms('2026-03-02T10:30:00Z'), reached: true }]);
  });

  test('a goal with no match: no goal, no deadline, never breached, elapsed still measured on 24/7', () => {
    const log = [created('2026-03-02T10:00:00Z', { priority: 'low' })];
    const open = computeSlaState(log, policy, at('2026-03-03T10:00:00Z')).metrics.resolution;
    expect(open).toMatchObject({
      status: 'running',
      goal: null,
      elapsed: 24 * hour,
      remaining: null,
      percent: null,
      deadline: null,
      breached: false,
      nextChangeAt: null,
      warnings: [{ threshold: '50%', at: null, reached: false }],
    });
    const solved = computeSlaState(
      [...log, update('2026-03-03T10:00:00Z', { status: 'solved' })],
      policy,
      at('2026-03-04T00:00:00Z'),
    );
    expect(solved.metrics.resolution).toMatchObject({ status: 'stopped', goal: null, elapsed: 24 * hour });
  });

  test('completed cycles are final: a later priority never rewrites a stopped cycle (Jira)', () => {
    const log = [
      created('2026-03-02T10:00:00Z', { priority: 'normal' }),
      update('2026-03-02T12:00:00Z', { status: 'solved' }),
      update('2026-03-02T13:00:00Z', { priority: 'urgent' }),
    ];
    const state = computeSlaState(log, policy, at('2026-03-02T14:00:00Z')).metrics.resolution;
    expect(state).toMatchObject({ status: 'met', breached: false, goal: { index: 1 }, elapsed: 2 * hour });
  });
});

describe('breach and deadline', () => {
  const policy = compilePolicy({
    calendars: { ny: newYorkHours },
    metrics: {
      first_reply: { kind: 'first_response', goals: [{ target: '1h' }] },
      business_reply: { kind: 'first_response', goals: [{ target: '8h', calendar: 'ny' }] },
    },
  });
  const createdAt = created('2026-03-02T14:00:00Z'); // Monday 09:00 in New York

  test('a reply exactly at the deadline is on time; one millisecond later is a breach', () => {
    const onTime = computeSlaState(
      [createdAt, agent('2026-03-02T15:00:00Z')],
      policy,
      at('2026-03-03T00:00:00Z'),
    );
    expect(onTime.metrics.first_reply).toMatchObject({
      status: 'met',
      breached: false,
      elapsed: hour,
      remaining: 0,
      percent: 100,
    });
    const late = computeSlaState(
      [createdAt, agent('2026-03-02T15:00:00.001Z')],
      policy,
      at('2026-03-03T00:00:00Z'),
    );
    expect(late.metrics.first_reply).toMatchObject({
      status: 'breached',
      breached: true,
      breachedAt: ms('2026-03-02T15:00:00Z'),
    });
  });

  test('a target used up at a calendar close has its deadline where counting resumes: Monday 09:00 + 8 business h -> Tuesday 09:00', () => {
    const running = computeSlaState([createdAt], policy, at('2026-03-02T23:00:00Z')).metrics.business_reply;
    expect(running).toMatchObject({
      status: 'running',
      elapsed: 8 * hour,
      breached: false,
      deadline: ms('2026-03-03T14:00:00Z'),
    });
    expect(running?.nextChangeAt).toBe(ms('2026-03-03T14:00:00.001Z'));
    const replyAtOpen = computeSlaState(
      [createdAt, agent('2026-03-03T14:00:00Z')],
      policy,
      at('2026-03-04T00:00:00Z'),
    );
    expect(replyAtOpen.metrics.business_reply).toMatchObject({ status: 'met', elapsed: 8 * hour });
    const replyAfter = computeSlaState(
      [createdAt, agent('2026-03-03T14:00:00.001Z')],
      policy,
      at('2026-03-04T00:00:00Z'),
    );
    expect(replyAfter.metrics.business_reply).toMatchObject({
      status: 'breached',
      breachedAt: ms('2026-03-03T14:00:00Z'),
    });
  });

  test('breached at deadline + 1 ms, not at the deadline: the breach becomes visible at nextChangeAt', () => {
    const deadline = ms('2026-03-02T15:00:00Z');
    const atDeadline = computeSlaState([createdAt], policy, { now: deadline }).metrics.first_reply;
    expect(atDeadline).toMatchObject({ breached: false, deadline, nextChangeAt: deadline + 1 });
    const after = computeSlaState([createdAt], policy, { now: deadline + 1 }).metrics.first_reply;
    expect(after).toMatchObject({ breached: true, status: 'running', deadline, breachedAt: deadline });
  });

  test('a target used up just as a pause began has its deadline where the pause ended', () => {
    const pausing = compilePolicy({
      metrics: {
        resolution: { kind: 'resolution', pauseWhen: { status: 'pending' }, goals: [{ target: '1h' }] },
      },
    });
    const log = [
      created('2026-03-02T10:00:00Z'),
      update('2026-03-02T11:00:00Z', { status: 'pending' }),
      update('2026-03-02T12:00:00Z', { status: 'open' }),
    ];
    const state = computeSlaState(log, pausing, at('2026-03-02T12:00:00Z')).metrics.resolution;
    expect(state).toMatchObject({
      status: 'running',
      elapsed: hour,
      breached: false,
      deadline: ms('2026-03-02T12:00:00Z'),
      pausedFor: hour,
    });
    const paused = computeSlaState(log, pausing, at('2026-03-02T11:30:00Z')).metrics.resolution;
    expect(paused).toMatchObject({
      status: 'paused',
      elapsed: hour,
      breached: false,
      deadline: null,
      nextChangeAt: null,
    });
  });

  test('pausing does not clear a breach ("paused, breached" in Zendesk)', () => {
    const pausing = compilePolicy({
      metrics: {
        resolution: { kind: 'resolution', pauseWhen: { status: 'pending' }, goals: [{ target: '1h' }] },
      },
    });
    const log = [created('2026-03-02T10:00:00Z'), update('2026-03-02T12:00:00Z', { status: 'pending' })];
    const state = computeSlaState(log, pausing, at('2026-03-02T13:00:00Z')).metrics.resolution;
    expect(state).toMatchObject({
      status: 'paused',
      breached: true,
      breachedAt: ms('2026-03-02T11:00:00Z'),
      deadline: null,
    });
  });

  test('a calendar that never opens: no deadline, never breached, nothing to wait for', () => {
    const never = compilePolicy({
      calendars: { closed: { timeZone: 'Europe/Berlin', week: {} } },
      metrics: {
        resolution: { kind: 'resolution', goals: [{ target: '1h', calendar: 'closed' }], warnings: ['50%'] },
      },
    });
    const state = computeSlaState([created('2026-03-02T10:00:00Z')], never, at('2026-04-02T10:00:00Z'));
    expect(state.metrics.resolution).toMatchObject({
      status: 'running',
      elapsed: 0,
      breached: false,
      deadline: null,
      nextChangeAt: null,
      warnings: [{ threshold: '50%', at: null, reached: false }],
    });
    expect(state.nextChangeAt).toBe(null);
  });
});

describe('cycles', () => {
  test('a ticket created pending starts its resolution cycle paused', () => {
    const policy = compilePolicy({
      metrics: {
        resolution: { kind: 'resolution', pauseWhen: { status: 'pending' }, goals: [{ target: '1h' }] },
      },
    });
    const state = computeSlaState(
      [created('2026-03-02T10:00:00Z', { status: 'pending' })],
      policy,
      at('2026-03-02T12:00:00Z'),
    );
    expect(state.metrics.resolution).toMatchObject({
      status: 'paused',
      elapsed: 0,
      pausedFor: 2 * hour,
      deadline: null,
    });
  });

  test('a ticket imported already solved: resolution met at creation, no first-response cycle at all', () => {
    const policy = compilePolicy({
      metrics: {
        first_reply: { kind: 'first_response', goals: [{ target: '1h' }] },
        resolution: { kind: 'resolution', goals: [{ target: '1h' }] },
      },
    });
    const state = computeSlaState(
      [created('2026-03-02T10:00:00Z', { status: 'solved' })],
      policy,
      at('2026-03-02T12:00:00Z'),
    );
    expect(state.metrics.resolution).toMatchObject({
      status: 'met',
      elapsed: 0,
      stoppedAt: ms('2026-03-02T10:00:00Z'),
    });
    expect(state.metrics.first_reply).toMatchObject({
      status: 'inactive',
      cycles: [],
      goal: null,
      startedAt: null,
    });
  });

  test('a reply that also solves meets periodic update and opens no new cycle', () => {
    const policy = compilePolicy({
      metrics: { updates: { kind: 'periodic_update', goals: [{ target: '1h' }] } },
    });
    const log = [
      created('2026-03-02T10:00:00Z'),
      agent('2026-03-02T10:10:00Z'),
      agent('2026-03-02T10:40:00Z', { status: 'solved' }),
    ];
    const state = computeSlaState(log, policy, at('2026-03-02T12:00:00Z'));
    expect(state.metrics.updates?.cycles.map((c) => c.status)).toEqual(['met']);
    expect(state.metrics.updates).toMatchObject({
      elapsed: 30 * minute,
      stoppedAt: ms('2026-03-02T10:40:00Z'),
    });
  });

  test('reopen with resume: one resolution cycle; the time it spent solved counts neither as elapsed nor as paused', () => {
    const policy = compilePolicy({
      metrics: { resolution: { kind: 'resolution', goals: [{ target: '8h' }] } },
    });
    const log = [
      created('2026-03-02T10:00:00Z'),
      update('2026-03-02T12:00:00Z', { status: 'solved' }),
      customer('2026-03-02T14:00:00Z', { status: 'open' }),
      update('2026-03-02T15:00:00Z', { status: 'closed' }),
    ];
    const reopened = computeSlaState(log, policy, at('2026-03-02T14:30:00Z')).metrics.resolution;
    expect(reopened).toMatchObject({ status: 'running', elapsed: 2.5 * hour, pausedFor: 0, stoppedAt: null });
    const final = computeSlaState(log, policy, at('2026-03-03T00:00:00Z')).metrics.resolution;
    expect(final?.cycles).toHaveLength(1);
    expect(final).toMatchObject({
      status: 'met',
      elapsed: 3 * hour,
      pausedFor: 0,
      stoppedAt: ms('2026-03-02T15:00:00Z'),
    });
  });

  test('reopen with new_cycle: a second cycle, the first stays final', () => {
    const policy = compilePolicy({
      metrics: { resolution: { kind: 'resolution', restart: 'new_cycle', goals: [{ target: '1h' }] } },
    });
    const log = [
      created('2026-03-02T10:00:00Z'),
      update('2026-03-02T12:00:00Z', { status: 'solved' }),
      update('2026-03-02T14:00:00Z', { status: 'open' }),
    ];
    const state = computeSlaState(log, policy, at('2026-03-02T14:30:00Z')).metrics.resolution;
    expect(state?.cycles.map((c) => [c.status, c.elapsed])).toEqual([
      ['breached', 2 * hour],
      ['running', 30 * minute],
    ]);
    expect(state).toMatchObject({ breachedCycles: 1, breached: false, status: 'running' });
  });

  test('a Jira-style custom clock with several cycles and goals by priority', () => {
    const spec: PolicySpec = {
      metrics: {
        time_to_triage: {
          kind: 'custom',
          start: { when: { status: 'waiting_for_support' } },
          stop: [{ when: { status: ['in_progress', 'resolved'] } }],
          goals: [{ when: { priority: 'high' }, target: '30m' }, { target: '2h' }],
        },
      },
    };
    const log = [
      created('2026-03-02T10:00:00Z', { status: 'waiting_for_support', priority: 'low' }),
      update('2026-03-02T11:00:00Z', { status: 'in_progress' }),
      update('2026-03-02T12:00:00Z', { status: 'waiting_for_support', priority: 'high' }),
      update('2026-03-02T13:00:00Z', { status: 'in_progress' }),
      update('2026-03-02T14:00:00Z', { status: 'waiting_for_support' }),
    ];
    const state = computeSlaState(log, spec, at('2026-03-02T14:10:00Z')).metrics.time_to_triage;
    expect(state?.cycles.map((c) => [c.status, c.elapsed, c.goal?.target])).toEqual([
      ['met', hour, 2 * hour],
      ['breached', hour, 30 * minute],
      ['running', 10 * minute, 30 * minute],
    ]);
    expect(state).toMatchObject({ breachedCycles: 1, deadline: ms('2026-03-02T14:30:00Z') });
  });

  test('a ServiceNow-style cancel: stop wins over cancel; a cancelled cycle past its target stays breached', () => {
    const policy = compilePolicy({
      metrics: {
        response: {
          kind: 'custom',
          start: { on: 'created' },
          stop: { when: { state: 'resolved' } },
          cancel: { when: { cancelled: true } },
          restart: 'never',
          goals: [{ target: '1h' }],
        },
      },
    });
    const both = [
      created('2026-03-02T10:00:00Z', { state: 'new' }),
      update('2026-03-02T10:30:00Z', { state: 'resolved', cancelled: true }),
    ];
    expect(computeSlaState(both, policy, at('2026-03-02T12:00:00Z')).metrics.response).toMatchObject({
      status: 'met',
    });
    const late = [
      created('2026-03-02T10:00:00Z', { state: 'new' }),
      update('2026-03-02T12:00:00Z', { cancelled: true }),
    ];
    expect(computeSlaState(late, policy, at('2026-03-02T13:00:00Z')).metrics.response).toMatchObject({
      status: 'cancelled',
      breached: true,
      breachedAt: ms('2026-03-02T11:00:00Z'),
      elapsed: 2 * hour,
      breachedCycles: 1,
    });
  });

  test('a time-in-status clock: how long a ticket sits in "escalated", over every visit', () => {
    const policy = compilePolicy({
      metrics: {
        escalated: {
          kind: 'custom',
          start: { when: { status: 'escalated' } },
          stop: { when: { status: { not: 'escalated' } } },
          restart: 'resume',
          goals: [{ target: '4h' }],
        },
      },
    });
    const log = [
      created('2026-03-02T10:00:00Z', { status: 'open' }),
      update('2026-03-02T11:00:00Z', { status: 'escalated' }),
      update('2026-03-02T12:00:00Z', { status: 'open' }),
      update('2026-03-02T15:00:00Z', { status: 'escalated' }),
    ];
    const state = computeSlaState(log, policy, at('2026-03-02T15:30:00Z')).metrics.escalated;
    expect(state?.cycles).toHaveLength(1);
    expect(state).toMatchObject({
      status: 'running',
      elapsed: 1.5 * hour,
      startedAt: ms('2026-03-02T11:00:00Z'),
    });
  });

  test('after a cancel a start trigger always starts a new cycle, whatever restart says (first reply after a reopen)', () => {
    const policy = compilePolicy({
      metrics: { first_reply: { kind: 'first_response', goals: [{ target: '1h' }] } },
    });
    const log = [
      created('2026-03-02T10:00:00Z'),
      update('2026-03-02T10:20:00Z', { status: 'solved' }),
      customer('2026-03-02T11:00:00Z', { status: 'open' }),
    ];
    const state = computeSlaState(log, policy, at('2026-03-02T11:30:00Z')).metrics.first_reply;
    expect(state?.cycles.map((c) => [c.status, c.elapsed])).toEqual([
      ['cancelled', 20 * minute],
      ['running', 30 * minute],
    ]);
  });

  test('one cycle at a time: a start trigger while a cycle is open does nothing', () => {
    const policy = compilePolicy({
      metrics: { next_reply: { kind: 'next_response', goals: [{ target: '1h' }] } },
    });
    const log = [
      created('2026-03-02T10:00:00Z'),
      agent('2026-03-02T10:05:00Z'),
      customer('2026-03-02T11:00:00Z'),
      customer('2026-03-02T11:30:00Z'),
    ];
    const state = computeSlaState(log, policy, at('2026-03-02T11:45:00Z')).metrics.next_reply;
    expect(state?.cycles).toHaveLength(1);
    expect(state).toMatchObject({ startedAt: ms('2026-03-02T11:00:00Z'), elapsed: 45 * minute });
  });
});

describe('warnings', () => {
  const policy = compilePolicy({
    calendars: { ny: newYorkHours },
    metrics: {
      reply: {
        kind: 'first_response',
        goals: [{ target: '8h', calendar: 'ny' }],
        warnings: ['75%', '-15m', '+1h', '75.5%'],
      },
    },
  });
  const log = [created('2026-03-02T14:00:00Z')]; // Monday 09:00 in New York

  test('thresholds: ceil(target × p / 100), target − D, target + D, in business time; projected while running', () => {
    const state = computeSlaState(log, policy, at('2026-03-02T20:00:00Z')).metrics.reply; // 15:00, 6 h counted
    expect(state?.warnings).toEqual([
      { threshold: '75%', at: ms('2026-03-02T20:00:00Z'), reached: true },
      { threshold: '-15m', at: ms('2026-03-02T21:45:00Z'), reached: false },
      { threshold: '+1h', at: ms('2026-03-03T15:00:00Z'), reached: false },
      { threshold: '75.5%', at: ms('2026-03-02T20:02:24Z'), reached: false },
    ]);
    expect(state?.nextChangeAt).toBe(ms('2026-03-02T20:02:24Z'));
  });

  test('a warning exactly at now is reached; nextChangeAt is the next one ahead', () => {
    const state = computeSlaState(log, policy, at('2026-03-02T21:45:00Z')).metrics.reply;
    expect(state?.warnings[1]).toEqual({ threshold: '-15m', at: ms('2026-03-02T21:45:00Z'), reached: true });
    expect(state?.nextChangeAt).toBe(ms('2026-03-03T14:00:00.001Z')); // the breach, Tuesday 09:00 + 1 ms
  });

  test('an ended cycle keeps the warnings it reached; the others are null', () => {
    const state = computeSlaState([...log, agent('2026-03-02T20:00:00Z')], policy, at('2026-03-05T00:00:00Z'))
      .metrics.reply;
    expect(state?.warnings.map((w) => [w.at, w.reached])).toEqual([
      [ms('2026-03-02T20:00:00Z'), true],
      [null, false],
      [null, false],
      [null, false],
    ]);
  });
});

describe('the event log', () => {
  const policy = compilePolicy({
    metrics: { resolution: { kind: 'resolution', goals: [{ target: '1h' }] } },
  });

  test('now before created: every metric is inactive and no attribute applies', () => {
    const state = computeSlaState([created('2026-03-02T10:00:00Z')], policy, at('2026-03-02T09:00:00Z'));
    expect(state).toMatchObject({ attributes: {}, nextChangeAt: null, breached: false });
    expect(state.metrics.resolution?.status).toBe('inactive');
  });

  test('events after now are ignored: the same full log answers "as of" any instant', () => {
    const log = [created('2026-03-02T10:00:00Z'), update('2026-03-02T10:30:00Z', { status: 'solved' })];
    expect(computeSlaState(log, policy, at('2026-03-02T10:20:00Z')).metrics.resolution).toMatchObject({
      status: 'running',
      elapsed: 20 * minute,
    });
    expect(computeSlaState(log.slice(0, 1), policy, at('2026-03-02T10:20:00Z'))).toEqual(
      computeSlaState(log, policy, at('2026-03-02T10:20:00Z')),
    );
  });

  test('an unsorted log is ordered by time, keeping log order for equal instants', () => {
    const sorted = [
      created('2026-03-02T10:00:00Z'),
      update('2026-03-02T11:00:00Z', { status: 'solved' }),
      update('2026-03-02T11:00:00Z', { status: 'open' }),
      update('2026-03-02T12:00:00Z', { priority: 'high' }),
    ];
    const shuffled = [sorted[3], sorted[1], sorted[0], sorted[2]] as typeof sorted;
    const now = at('2026-03-02T12:30:00Z');
    expect(computeSlaState(shuffled, policy, now)).toEqual(computeSlaState(sorted, policy, now));
    expect(computeSlaState(sorted, policy, now).metrics.resolution).toMatchObject({
      status: 'running',
      elapsed: 2.5 * hour,
    });
  });

  test('attribute keys like __proto__ and constructor are ordinary keys', () => {
    const log = JSON.parse(
      '[{"type":"created","at":"2026-03-02T10:00:00Z","attributes":{"__proto__":"x","constructor":1,"status":"new"}}]',
    );
    const protoPolicy = compilePolicy(
      JSON.parse(
        '{"metrics":{"m":{"kind":"resolution","goals":[{"when":{"__proto__":"x"},"target":"1h"}]}}}',
      ),
    );
    const state = computeSlaState(log, protoPolicy, at('2026-03-02T10:30:00Z'));
    expect(Object.keys(state.attributes)).toEqual(['__proto__', 'constructor', 'status']);
    expect(Object.getPrototypeOf(state.attributes)).toBe(Object.prototype);
    expect(state.metrics.m?.goal?.index).toBe(0);
  });

  test('system messages and internal notes answer nothing, but their attributes apply', () => {
    const replies = compilePolicy({
      metrics: { first_reply: { kind: 'first_response', goals: [{ target: '1h' }] } },
    });
    const log = [
      created('2026-03-02T10:00:00Z'),
      {
        type: 'message',
        at: '2026-03-02T10:10:00Z',
        author: 'system',
        attributes: { priority: 'high' },
      } as const,
      { type: 'message', at: '2026-03-02T10:20:00Z', author: 'agent', public: false } as const,
    ];
    const state = computeSlaState(log, replies, at('2026-03-02T10:30:00Z'));
    expect(state.metrics.first_reply).toMatchObject({ status: 'running', elapsed: 30 * minute });
    expect(state.attributes).toEqual({ status: 'new', priority: 'high' });
  });

  test('null removes an attribute', () => {
    const state = computeSlaState(
      [
        created('2026-03-02T10:00:00Z', { status: 'new', tier: 'gold' }),
        update('2026-03-02T10:10:00Z', { tier: null }),
      ],
      policy,
      at('2026-03-02T10:30:00Z'),
    );
    expect(state.attributes).toEqual({ status: 'new' });
  });
});
