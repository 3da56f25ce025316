/**
 * Zendesk's seven SLA metrics, expressed as sla-clock policies, each on a ticket whose numbers
 * can be checked by hand. All on 24/7 unless said; 2026-03-02 is a Monday.
 */
import { describe, expect, test } from 'vitest';
import { compilePolicy, computeSlaState } from '../../src/index.js';
import { agent, created, customer, hour, minute, ms, newYorkHours, note, update } from './fixtures.js';

const zendesk = compilePolicy({
  calendars: { business: newYorkHours },
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target: '1h' }] },
    next_reply: { kind: 'next_response', goals: [{ target: '2h' }] },
    periodic_update: { kind: 'periodic_update', goals: [{ target: '4h' }] },
    pausable_update: {
      kind: 'periodic_update',
      pauseWhen: { status: ['pending', 'hold'] },
      goals: [{ target: '4h' }],
    },
    requester_wait: { kind: 'resolution', pauseWhen: { status: 'pending' }, goals: [{ target: '1d' }] },
    agent_work: { kind: 'resolution', pauseWhen: { status: ['pending', 'hold'] }, goals: [{ target: '1d' }] },
    full_resolution: { kind: 'resolution', goals: [{ target: '3d' }] },
  },
});

// A ticket's story: asked at 10:00, first answer 10:30 asking for details (pending), the customer
// replies at 12:00 (open again), an internal note at 12:10, on hold 13:00-15:00 waiting on a
// vendor, answered at 15:30, solved at 16:00.
const story = [
  created('2026-03-02T10:00:00Z', { status: 'new' }),
  agent('2026-03-02T10:30:00Z', { status: 'pending' }),
  customer('2026-03-02T12:00:00Z', { status: 'open' }),
  note('2026-03-02T12:10:00Z'),
  update('2026-03-02T13:00:00Z', { status: 'hold' }),
  update('2026-03-02T15:00:00Z', { status: 'open' }),
  agent('2026-03-02T15:30:00Z'),
  update('2026-03-02T16:00:00Z', { status: 'solved' }),
];
const state = computeSlaState({ id: 'Z-1', events: story }, zendesk, { now: '2026-03-02T18:00:00Z' });
const m = state.metrics;

describe("Zendesk's metrics as policies", () => {
  test('first reply time: created to the first public agent message', () => {
    expect(m.first_reply).toMatchObject({
      status: 'met',
      elapsed: 30 * minute,
      stoppedAt: ms('2026-03-02T10:30:00Z'),
    });
    expect(m.first_reply?.cycles).toHaveLength(1);
  });

  test('next reply time: each customer message after an answer, to the next public agent message; internal notes answer nothing', () => {
    expect(m.next_reply?.cycles).toHaveLength(1);
    expect(m.next_reply).toMatchObject({
      status: 'breached',
      startedAt: ms('2026-03-02T12:00:00Z'),
      stoppedAt: ms('2026-03-02T15:30:00Z'),
      elapsed: 3.5 * hour,
      breachedAt: ms('2026-03-02T14:00:00Z'),
    });
  });

  test('periodic update: between public agent messages; a solve cancels the open cycle', () => {
    expect(m.periodic_update?.cycles.map((c) => [c.status, c.elapsed])).toEqual([
      ['breached', 5 * hour],
      ['cancelled', 30 * minute],
    ]);
    expect(m.periodic_update?.breachedCycles).toBe(1);
    // The latest cycle is the cancelled one, which had not exceeded its target.
    expect(m.periodic_update).toMatchObject({ status: 'cancelled', breached: false });
    expect(state.breached).toBe(true); // next_reply's latest cycle
  });

  test('pausable update: as periodic update, not counting pending and on-hold time', () => {
    // 10:30-12:00 pending, 12:00-13:00 open, 13:00-15:00 hold, 15:00-15:30 open: 1.5 h counted.
    expect(m.pausable_update?.cycles[0]).toMatchObject({
      status: 'met',
      elapsed: 1.5 * hour,
      pausedFor: 3.5 * hour,
    });
  });

  test('requester wait time: created to solved, not counting pending', () => {
    expect(m.requester_wait).toMatchObject({ status: 'met', elapsed: 4.5 * hour, pausedFor: 1.5 * hour });
  });

  test('agent work time: created to solved, not counting pending or on hold', () => {
    expect(m.agent_work).toMatchObject({ status: 'met', elapsed: 2.5 * hour, pausedFor: 3.5 * hour });
  });

  test('full resolution time: created to the last solve, nothing paused', () => {
    expect(m.full_resolution).toMatchObject({
      status: 'met',
      elapsed: 6 * hour,
      pausedFor: 0,
      breached: false,
    });
  });
});
