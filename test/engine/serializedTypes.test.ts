/**
 * The JSON shapes are exported types, and they are what the functions return: `serializeSlaState`
 * gives a `SerializedSlaState` whose every field (and every metric's, cycle's and warning's) is one
 * the type declares, no more and no fewer.
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  type CalendarSpec,
  compilePolicy,
  computeSlaState,
  explainSla,
  type IsoInstant,
  type SerializedCycle,
  type SerializedMetric,
  type SerializedSlaState,
  type SerializedTimelineSegment,
  type SerializedWarning,
  serializeSlaState,
  type TicketId,
} from '../../src/index.js';
import { serializeTimeline } from '../../src/report/serializeTimeline.js';

const workday = [['09:00', '17:00']] as const;
const ny = { timeZone: 'America/New_York', week: { mon: workday, tue: workday } } satisfies CalendarSpec;
const policy = compilePolicy({
  calendars: { ny },
  metrics: {
    reply: { kind: 'first_response', goals: [{ target: '4h', calendar: 'ny' }], warnings: ['75%', '+1h'] },
  },
});
const ticket = { id: 7, events: [{ type: 'created', at: '2026-03-02T14:00:00Z' }] } as const;
const now = '2026-03-03T20:00:00Z';
const state = computeSlaState(ticket, policy, { now });

/** Every key of T, as a runtime list the compiler checks is complete (and has no extra key). */
function keysOf<T>(keys: Record<keyof T, true>): string[] {
  return Object.keys(keys);
}

describe('the JSON shapes', () => {
  test('serializeSlaState returns a SerializedSlaState', () => {
    expectTypeOf(serializeSlaState(state)).toEqualTypeOf<SerializedSlaState>();
    expectTypeOf<SerializedSlaState['ticketId']>().toEqualTypeOf<TicketId | null>();
    expectTypeOf<SerializedSlaState['metrics'][string]>().toEqualTypeOf<SerializedMetric>();
    expectTypeOf<SerializedMetric['cycles'][number]>().toEqualTypeOf<SerializedCycle>();
    expectTypeOf<SerializedCycle['warnings'][number]>().toEqualTypeOf<SerializedWarning>();
    expectTypeOf<SerializedCycle['deadline']>().toEqualTypeOf<IsoInstant | null>();
    expectTypeOf(serializeTimeline([])).toEqualTypeOf<SerializedTimelineSegment[]>();
  });

  test('the runtime fields are exactly the declared ones, in every nested shape', () => {
    const serialized = serializeSlaState(state);
    expect(Object.keys(serialized)).toEqual(
      keysOf<SerializedSlaState>({
        ticketId: true,
        now: true,
        attributes: true,
        metrics: true,
        nextChangeAt: true,
        breached: true,
        nextDeadline: true,
        policyVersion: true,
      }),
    );
    const cycleKeys = keysOf<SerializedCycle>({
      status: true,
      breached: true,
      goal: true,
      key: true,
      startedAt: true,
      stoppedAt: true,
      elapsed: true,
      remaining: true,
      percent: true,
      deadline: true,
      breachedAt: true,
      pausedFor: true,
      warnings: true,
      nextChangeAt: true,
    });
    const metric = serialized.metrics.reply as SerializedMetric;
    expect(Object.keys(metric)).toEqual(
      keysOf<SerializedMetric>({
        ...Object.fromEntries(cycleKeys.map((key) => [key, true])),
        cycles: true,
        breachedCycles: true,
      } as Record<keyof SerializedMetric, true>),
    );
    expect(Object.keys(metric.cycles[0] as SerializedCycle)).toEqual(cycleKeys);
    expect(Object.keys(metric.warnings[0] as SerializedWarning)).toEqual(
      keysOf<SerializedWarning>({ threshold: true, at: true, reached: true }),
    );
    expect(metric.deadline).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const segments = serializeTimeline(explainSla(ticket, policy, { now, metric: 'reply' }));
    expect(Object.keys(segments[0] as SerializedTimelineSegment)).toEqual(
      keysOf<SerializedTimelineSegment>({
        from: true,
        to: true,
        kind: true,
        counted: true,
        reason: true,
        calendar: true,
        timeZone: true,
      }),
    );
  });
});
