/**
 * `explainSla` with calendars chosen from the ticket (docs/policy.md, "Whose hours"): segments
 * name the calendar in force, split where a piecewise calendar changes, and still sum to the
 * cycle's elapsed time, on the random section-10 cases of test/oracle/section10Arbitraries.ts.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type Calendar,
  type CalendarSpec,
  compileCalendar,
  compilePolicy,
  computeSlaState,
  explainSla,
  type PolicySpec,
  type Ticket,
  type TicketEvent,
} from '../../src/index.js';
import { runParams } from '../oracle/arbitraries.js';
import { section10CaseArb } from '../oracle/section10Arbitraries.js';

const weekdays9to5 = {
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '17:00']],
  thu: [['09:00', '17:00']],
  fri: [['09:00', '17:00']],
} as const;

describe('explainSla, whose hours', () => {
  test('piecewise: each stretch on its own calendar, named on every segment', () => {
    // Berlin 08:00-16:00Z, New York 14:00-22:00Z on Monday 2026-03-02; moved to New York at 12:00Z.
    const policy: PolicySpec = {
      calendars: {
        ny: { timeZone: 'America/New_York', week: weekdays9to5 },
        berlin: { timeZone: 'Europe/Berlin', week: weekdays9to5 },
      },
      metrics: {
        resolution: {
          kind: 'resolution',
          calendarAt: 'piecewise',
          goals: [{ target: '8h', calendar: { attribute: 'group', default: 'ny' } }],
        },
      },
    };
    const events: TicketEvent[] = [
      { type: 'created', at: '2026-03-02T08:00:00Z', attributes: { group: 'berlin' } },
      { type: 'updated', at: '2026-03-02T12:00:00Z', attributes: { group: 'ny' } },
    ];
    const segments = explainSla(events, policy, { now: '2026-03-02T20:00:00Z', metric: 'resolution' });
    expect(
      segments.map((s) => [s.kind, new Date(s.from).toISOString().slice(11, 16), s.calendar, s.timeZone]),
    ).toEqual([
      ['counting', '08:00', 'berlin', 'Europe/Berlin'],
      ['closed', '12:00', 'ny', 'America/New_York'],
      ['counting', '14:00', 'ny', 'America/New_York'],
    ]);
    expect(segments.reduce((sum, s) => sum + s.counted, 0)).toBe(10 * 3_600_000);
  });

  test('host calendars reach explanations as they reach states', () => {
    const policy = compilePolicy({
      calendars: { office: { timeZone: 'Europe/London', week: weekdays9to5 } },
      metrics: {
        r: { kind: 'resolution', goals: [{ target: '8h', calendar: { attribute: 'a', default: 'office' } }] },
      },
    });
    const tokyo = compileCalendar({
      timeZone: 'Asia/Tokyo',
      week: { mon: [['10:00', '19:00']], tue: [['10:00', '19:00']] },
    });
    const events: TicketEvent[] = [
      { type: 'created', at: '2026-03-02T12:00:00Z', attributes: { a: 'kenji' } },
    ];
    const options = { now: '2026-03-03T11:00:00Z', calendars: { kenji: tokyo } };
    const segments = explainSla(events, policy, { ...options, metric: 'r' });
    const elapsed = computeSlaState(events, policy, options).metrics.r?.elapsed;
    expect(elapsed).toBe(9 * 3_600_000);
    expect(segments.reduce((sum, s) => sum + s.counted, 0)).toBe(elapsed);
    expect(new Set(segments.map((s) => s.calendar))).toEqual(new Set(['kenji']));
  });

  test('on random section-10 cases, every cycle is covered without gaps and counted sums to elapsed', () => {
    fc.assert(
      fc.property(section10CaseArb, (c) => {
        const host =
          c.host === undefined
            ? undefined
            : Object.fromEntries(
                Object.entries(c.host).map(([name, spec]): [string, Calendar] => [
                  name,
                  compileCalendar(spec as CalendarSpec),
                ]),
              );
        const options = { now: c.nowMs, ...(host === undefined ? {} : { calendars: host }) };
        const policy = compilePolicy(c.policy as unknown as PolicySpec);
        const state = computeSlaState(c.ticket as Ticket, policy, options);
        for (const [metric, metricState] of Object.entries(state.metrics)) {
          metricState.cycles.forEach((cycle, index) => {
            const segments = explainSla(c.ticket as Ticket, policy, { ...options, metric, cycle: index });
            const endMs = cycle.stoppedAt ?? state.now;
            // A cycle that starts where it ends (at now, or stopped at once) has no segment.
            if (endMs === cycle.startedAt) {
              expect(segments).toEqual([]);
              return;
            }
            expect(segments[0]?.from).toBe(cycle.startedAt);
            expect(segments.at(-1)?.to).toBe(cycle.stoppedAt ?? state.now);
            for (let i = 1; i < segments.length; i++) expect(segments[i]?.from).toBe(segments[i - 1]?.to);
            expect(segments.reduce((sum, s) => sum + s.counted, 0)).toBe(cycle.elapsed);
            // Unless piecewise (where each stretch has its own), every segment is on the calendar
            // the goal reports.
            const piecewise =
              (c.policy.metrics[metric] as { calendarAt?: string }).calendarAt === 'piecewise';
            const expected =
              cycle.goal === null ? ['24/7', null] : [cycle.goal.calendar, cycle.goal.timeZone];
            if (!piecewise) for (const s of segments) expect([s.calendar, s.timeZone]).toEqual(expected);
          });
        }
      }),
      runParams(150),
    );
  });
});
