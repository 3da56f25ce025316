import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compilePolicy, computeSlaState, explainSla, type PolicySpec, type Ticket } from '../../src/index.js';
import { agent, created, customer, hour, ms, newYorkHours, update } from '../engine/fixtures.js';
import { slaCaseArb } from '../oracle/ticketArbitraries.js';

describe('explainSla', () => {
  const policy = compilePolicy({
    calendars: { ny: newYorkHours },
    metrics: {
      resolution: {
        kind: 'resolution',
        pauseWhen: { status: ['pending', 'on_hold'] },
        goals: [{ target: '8h', calendar: 'ny' }],
      },
      reply: { kind: 'first_response', goals: [{ target: '1h' }] },
    },
  });
  const log = [
    created('2026-03-02T21:00:00Z'), // Monday 16:00 in New York
    agent('2026-03-02T21:30:00Z', { status: 'pending' }),
    customer('2026-03-03T15:00:00Z', { status: 'open' }), // Tuesday 10:00
    update('2026-03-03T17:00:00Z', { status: 'solved' }),
    customer('2026-03-03T19:00:00Z', { status: 'open' }), // reopened: the cycle resumes
  ];
  const now = '2026-03-03T20:00:00Z';

  test('a readable timeline: counting, paused with the condition that paused it, calendar closed, stopped', () => {
    expect(explainSla(log, policy, { now, metric: 'resolution' })).toEqual([
      {
        from: ms('2026-03-02T21:00:00Z'),
        to: ms('2026-03-02T21:30:00Z'),
        kind: 'counting',
        counted: 30 * 60_000,
        reason: 'calendar "ny" open',
        calendar: 'ny',
        timeZone: 'America/New_York',
      },
      {
        from: ms('2026-03-02T21:30:00Z'),
        to: ms('2026-03-03T15:00:00Z'),
        kind: 'paused',
        counted: 0,
        reason: 'status = "pending" (pauseWhen)',
        calendar: 'ny',
        timeZone: 'America/New_York',
      },
      {
        from: ms('2026-03-03T15:00:00Z'),
        to: ms('2026-03-03T17:00:00Z'),
        kind: 'counting',
        counted: 2 * hour,
        reason: 'calendar "ny" open',
        calendar: 'ny',
        timeZone: 'America/New_York',
      },
      {
        from: ms('2026-03-03T17:00:00Z'),
        to: ms('2026-03-03T19:00:00Z'),
        kind: 'stopped',
        counted: 0,
        reason: 'stopped, then resumed',
        calendar: 'ny',
        timeZone: 'America/New_York',
      },
      {
        from: ms('2026-03-03T19:00:00Z'),
        to: ms('2026-03-03T20:00:00Z'),
        kind: 'counting',
        counted: hour,
        reason: 'calendar "ny" open',
        calendar: 'ny',
        timeZone: 'America/New_York',
      },
    ]);
    expect(computeSlaState(log, policy, { now }).metrics.resolution?.elapsed).toBe(3.5 * hour);
  });

  test('closed calendar hours inside a running stretch are their own segments', () => {
    const segments = explainSla(log.slice(0, 1), policy, {
      now: '2026-03-03T15:00:00Z',
      metric: 'resolution',
    });
    expect(segments.map((s) => [s.kind, s.to - s.from])).toEqual([
      ['counting', hour],
      ['closed', 16 * hour],
      ['counting', hour],
    ]);
  });

  test('a metric with no cycle has an empty timeline; a chosen cycle can be explained', () => {
    expect(
      explainSla([created('2026-03-02T21:00:00Z', { status: 'solved' })], policy, { now, metric: 'reply' }),
    ).toEqual([]);
    expect(explainSla(log, policy, { now, metric: 'reply', cycle: 0 })).toHaveLength(1);
  });

  test('an unknown metric or cycle is refused with a message', () => {
    expect(() => explainSla(log, policy, { now, metric: 'resolutoin' })).toThrow(
      'options.metric: expected the name of a metric of the policy, got "resolutoin"',
    );
    expect(() => explainSla(log, policy, { now, metric: 'reply', cycle: 3 })).toThrow(/options.cycle/);
  });

  test('segments cover the cycle without gaps and their counted times sum exactly to elapsed (random tickets)', () => {
    fc.assert(
      fc.property(slaCaseArb, ({ policy: spec, ticket, nowMs }) => {
        const compiled = compilePolicy(spec as PolicySpec);
        const state = computeSlaState(ticket as Ticket, compiled, { now: nowMs });
        for (const [name, metric] of Object.entries(state.metrics)) {
          metric.cycles.forEach((cycle, index) => {
            const segments = explainSla(ticket as Ticket, compiled, {
              now: nowMs,
              metric: name,
              cycle: index,
            });
            expect(segments.reduce((sum, s) => sum + s.counted, 0)).toBe(cycle.elapsed);
            const endMs = cycle.stoppedAt ?? nowMs;
            if (segments.length > 0) {
              expect(segments[0]?.from).toBe(cycle.startedAt);
              expect(segments.at(-1)?.to).toBe(endMs);
            } else {
              expect(endMs).toBe(cycle.startedAt);
            }
            for (let i = 1; i < segments.length; i++) expect(segments[i]?.from).toBe(segments[i - 1]?.to);
            const paused = segments
              .filter((s) => s.kind === 'paused')
              .reduce((sum, s) => sum + (s.to - s.from), 0);
            expect(paused).toBe(cycle.pausedFor);
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});
