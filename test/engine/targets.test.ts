/**
 * Targets beyond durations (docs/policy.md, "Targets"): business days, a due instant in an
 * attribute, a duration in an attribute; each resolved into counted time when the goal is chosen.
 * Numbers worked out by hand on Mon-Fri 09:00-17:00 in New York (2026-03-02 is a Monday, EST).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  businessTimeBetween,
  compileCalendar,
  compilePolicy,
  computeSlaState,
  isSlaValidationError,
  type PolicySpec,
  type Target,
  type TicketEvent,
  type UnversionedPolicySpec,
} from '../../src/index.js';
import { hour, minute, ms, newYorkHours } from './fixtures.js';

/** A resolution metric with these goals on the New York calendar (unless a goal says otherwise). */
function policyWith(...goals: UnversionedPolicySpec['metrics'][string]['goals']): PolicySpec {
  return {
    calendars: { ny: newYorkHours },
    metrics: { resolution: { kind: 'resolution', warnings: ['50%', '+1h'], goals } },
  };
}

const createdAt = (
  at: string,
  attributes: Record<string, string | number | boolean | null> = {},
): TicketEvent[] => [{ type: 'created', at, attributes: { status: 'open', ...attributes } }];

function resolution(events: TicketEvent[], policy: PolicySpec, now: string) {
  const metric = computeSlaState(events, policy, { now }).metrics.resolution;
  if (metric === undefined) throw new Error('no resolution');
  return metric;
}

describe('businessDays: SPEC-style worked examples on Mon-Fri 09:00-17:00 New York', () => {
  const goal = (target: Target) => policyWith({ target, calendar: 'ny' });
  // 2026-03-02 is a Monday; New York is UTC-5 until 2026-03-08.
  test('start Monday 11:00, 1 business day: due Tuesday 17:00, 14 h of counted time', () => {
    const metric = resolution(
      createdAt('2026-03-02T16:00:00Z'),
      goal({ businessDays: 1 }),
      '2026-03-02T16:00:00Z',
    );
    expect(metric.goal).toMatchObject({ form: 'businessDays', target: 14 * hour });
    // The target runs out exactly at Tuesday's close: on time until Wednesday 09:00 opens.
    expect(metric.deadline).toBe(ms('2026-03-04T14:00:00Z'));
  });

  test('start Friday 15:00, 1 business day by 16:00: due Monday 16:00, 9 h', () => {
    const metric = resolution(
      createdAt('2026-03-06T20:00:00Z'),
      goal({ businessDays: 1, by: '16:00' }),
      '2026-03-06T20:00:00Z',
    );
    expect(metric.goal?.target).toBe(9 * hour);
    // Monday 16:00 is EDT (UTC-4) after the switch on Sunday 2026-03-08.
    expect(metric.deadline).toBe(ms('2026-03-09T20:00:00Z'));
  });

  test('same day by 17:00 if received before 14:00: Monday 15:00 is due Tuesday 17:00', () => {
    const sameDay = goal({ businessDays: 0, by: '17:00', cutoff: '14:00' });
    const late = resolution(createdAt('2026-03-02T20:00:00Z'), sameDay, '2026-03-02T20:00:00Z');
    expect(late.goal?.target).toBe(10 * hour);
    // Due at Tuesday's 17:00 close, so on time until Wednesday opens.
    expect(late.deadline).toBe(ms('2026-03-04T14:00:00Z'));
    // Received at 13:59: due the same day at 17:00 (on time until Tuesday opens).
    const early = resolution(createdAt('2026-03-02T18:59:00Z'), sameDay, '2026-03-02T18:59:00Z');
    expect(early.goal?.target).toBe(3 * hour + minute);
    expect(early.deadline).toBe(ms('2026-03-03T14:00:00Z'));
  });

  test('a reply after 17:00 on the due day but before the next opening is on time', () => {
    const events: TicketEvent[] = [
      ...createdAt('2026-03-02T16:00:00Z'),
      { type: 'updated', at: '2026-03-04T13:30:00Z', attributes: { status: 'solved' } }, // Wednesday 08:30
    ];
    const metric = resolution(events, goal({ businessDays: 1 }), '2026-03-04T15:00:00Z');
    expect(metric).toMatchObject({ status: 'met', elapsed: 14 * hour, breached: false });
  });

  test('by outside open hours: due before the opening is due at the opening', () => {
    // Monday 11:00, 1 day by 08:00: E is Tuesday 08:00 (closed), so the deadline is Tuesday 09:00.
    const metric = resolution(
      createdAt('2026-03-02T16:00:00Z'),
      goal({ businessDays: 1, by: '08:00' }),
      '2026-03-02T16:00:00Z',
    );
    expect(metric.goal?.target).toBe(6 * hour);
    expect(metric.deadline).toBe(ms('2026-03-03T14:00:00Z'));
  });

  test('with by inside open hours, the deadline of a cycle that never pauses is exactly E', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 14 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 9 * 60 + 1, max: 17 * 60 - 1 }),
        (startMinutes, days, byMinutes) => {
          const startMs = ms('2026-03-02T05:00:00Z') + startMinutes * minute;
          const by = `${String(Math.floor(byMinutes / 60)).padStart(2, '0')}:${String(byMinutes % 60).padStart(2, '0')}`;
          const events: TicketEvent[] = [{ type: 'created', at: startMs, attributes: { status: 'open' } }];
          const metric = resolution(
            events,
            goal({ businessDays: days, by }),
            new Date(startMs).toISOString(),
          );
          const cal = compileCalendar(newYorkHours);
          // E: a slow walk over dates in New York, written here: the first open day at or after
          // the start's business day, then `days` more, at `by` local time, later while before s'.
          const dueMs = slowBusinessDayDue(startMs, days, byMinutes);
          expect(metric.goal?.target).toBe(businessTimeBetween(cal, startMs, dueMs));
          expect(metric.deadline).toBe(dueMs);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** New York (EST/EDT in March-April 2026) wall clock to UTC ms: EDT from 2026-03-08 07:00Z. */
function newYorkToUtcMs(year: number, month: number, day: number, minutes: number): number {
  const guessMs = Date.UTC(year, month - 1, day, 0, minutes) + 5 * hour;
  return guessMs >= ms('2026-03-08T07:00:00Z') ? guessMs - hour : guessMs;
}

/** Due instant of "k business days by HH:MM" on Mon-Fri 09:00-17:00 New York, walked day by day. */
function slowBusinessDayDue(startMs: number, days: number, byMinutes: number): number {
  // s' = the next opening at or after the start.
  let openMs = startMs;
  const cal = compileCalendar(newYorkHours);
  while (businessTimeBetween(cal, openMs, openMs + minute) === 0) openMs += minute;
  // Its business day: the New York date (no overnight hours here).
  const localMs = openMs - (openMs >= ms('2026-03-08T07:00:00Z') ? 4 : 5) * hour;
  const date = new Date(localMs);
  let y = date.getUTCFullYear();
  let m = date.getUTCMonth() + 1;
  let d = date.getUTCDate();
  const next = () => {
    const t = new Date(Date.UTC(y, m - 1, d + 1));
    y = t.getUTCFullYear();
    m = t.getUTCMonth() + 1;
    d = t.getUTCDate();
  };
  const isWeekday = () => {
    const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    return w >= 1 && w <= 5;
  };
  for (let left = days; left > 0; ) {
    next();
    if (isWeekday()) left--;
  }
  let dueMs = newYorkToUtcMs(y, m, d, byMinutes);
  while (dueMs < openMs) {
    do next();
    while (!isWeekday());
    dueMs = newYorkToUtcMs(y, m, d, byMinutes);
  }
  return dueMs;
}

describe('until: a due instant in an attribute', () => {
  test('on 24/7 with no pause the deadline is exactly the due instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * 24 * 60 }), (dueMinutes) => {
        const dueMs = ms('2026-03-02T09:00:00Z') + dueMinutes * minute;
        const metric = resolution(
          createdAt('2026-03-02T09:00:00Z', { due_at: dueMs }),
          policyWith({ target: { until: 'due_at' }, calendar: '24/7' }),
          '2026-03-02T09:00:00Z',
        );
        expect(metric.deadline).toBe(dueMs);
        expect(metric.goal).toMatchObject({ form: 'until', target: dueMinutes * minute });
      }),
      { numRuns: 100 },
    );
  });

  test('as backends write it: Python, PostgreSQL and ISO 8601 basic offsets', () => {
    for (const due of ['2026-03-03 17:00:00+00:00', '2026-03-03 18:00:00+01', '2026-03-03T12:00:00-0500']) {
      const metric = resolution(
        createdAt('2026-03-02T17:00:00Z', { due_at: due }),
        policyWith({ target: { until: 'due_at' }, calendar: '24/7' }),
        '2026-03-02T18:00:00Z',
      );
      expect(metric.deadline, due).toBe(ms('2026-03-03T17:00:00Z'));
    }
  });

  test('on business hours a due instant in closed time is on time until the next opening', () => {
    // Due Saturday 12:00 New York; counted time to it ends Friday 17:00, so the deadline is Monday 09:00.
    const metric = resolution(
      createdAt('2026-03-05T14:00:00Z', { due_at: '2026-03-07T12:00:00-05:00' }),
      policyWith({ target: { until: 'due_at' }, calendar: 'ny' }),
      '2026-03-05T15:00:00Z',
    );
    expect(metric.goal?.target).toBe(8 * hour + 8 * hour - 0); // Thu 09:00-17:00 EST from 14:00Z (09:00), Fri 8 h
    expect(metric.deadline).toBe(ms('2026-03-09T13:00:00Z')); // Monday 09:00 EDT (DST began Sunday)
  });

  test('a due date already past is a zero target: any counted time breaches', () => {
    const metric = resolution(
      createdAt('2026-03-02T15:00:00Z', { due_at: '2026-03-01T00:00:00Z' }),
      policyWith({ target: { until: 'due_at' }, calendar: 'ny' }),
      '2026-03-02T15:30:00Z',
    );
    expect(metric).toMatchObject({ breached: true, percent: null, remaining: -30 * minute });
    expect(metric.goal?.target).toBe(0);
    expect(metric.breachedAt).toBe(ms('2026-03-02T15:00:00Z'));
    // "50%" of nothing is reached at the start; "+1h" an hour of counted time later.
    expect(metric.warnings.map((w) => w.at)).toEqual([
      ms('2026-03-02T15:00:00Z'),
      ms('2026-03-02T16:00:00Z'),
    ]);
  });

  test('missing or invalid: the goal does not match and the next is tried', () => {
    const policy = policyWith({ target: { until: 'due_at' }, calendar: '24/7' }, { target: '4h' });
    for (const due of [
      undefined,
      null,
      'next friday',
      '2026-03-03T17:00:00',
      1.5,
      true,
      '2300-01-01T00:00:00Z',
    ]) {
      const metric = resolution(
        createdAt('2026-03-02T09:00:00Z', due === undefined ? {} : { due_at: due }),
        policy,
        '2026-03-02T10:00:00Z',
      );
      expect(metric.goal, String(due)).toMatchObject({ index: 1, form: 'duration', target: 4 * hour });
    }
  });
});

describe('attribute: a duration in an attribute', () => {
  test('a duration text or positive integer ms', () => {
    for (const [value, targetMs] of [
      ['90m', 90 * minute],
      ['PT2H', 2 * hour],
      [3_600_000, hour],
    ] as const) {
      const metric = resolution(
        createdAt('2026-03-02T15:00:00Z', { sla: value }),
        policyWith({ target: { attribute: 'sla' }, calendar: 'ny' }),
        '2026-03-02T15:10:00Z',
      );
      expect(metric.goal, String(value)).toMatchObject({ form: 'attribute', target: targetMs });
    }
  });

  test('numeric strings, booleans, zero, fractions and more than 100 years do not match', () => {
    const policy = policyWith({ target: { attribute: 'sla' } }, { target: '8h' });
    for (const value of ['3600000', true, 0, 0.5, -5, '0m', 'soon', 4e12]) {
      const metric = resolution(
        createdAt('2026-03-02T15:00:00Z', { sla: value }),
        policy,
        '2026-03-02T16:00:00Z',
      );
      expect(metric.goal?.index, String(value)).toBe(1);
    }
  });

  test('a goal change of the attribute mid-cycle moves the target for the whole open cycle', () => {
    const events: TicketEvent[] = [
      ...createdAt('2026-03-02T09:00:00Z', { sla: '8h' }),
      { type: 'updated', at: '2026-03-02T11:00:00Z', attributes: { sla: '1h' } },
    ];
    const metric = resolution(
      events,
      policyWith({ target: { attribute: 'sla' }, calendar: '24/7' }),
      '2026-03-02T12:00:00Z',
    );
    expect(metric).toMatchObject({ breached: true, breachedAt: ms('2026-03-02T10:00:00Z') });
  });
});

describe('bad targets are refused with their path', () => {
  const issuesOf = (target: unknown) => {
    try {
      compilePolicy(policyWith({ target: target as Target }));
    } catch (error) {
      if (isSlaValidationError(error)) return error.issues.map(({ code, path }) => ({ code, path }));
      throw error;
    }
    throw new Error('accepted');
  };
  const at = (...tail: (string | number)[]) => ['metrics', 'resolution', 'goals', 0, 'target', ...tail];

  test.each([
    ['a fraction of a day', { businessDays: 1.5 }, 'invalid_value', at('businessDays')],
    ['too many days', { businessDays: 3651 }, 'invalid_value', at('businessDays')],
    ['negative days', { businessDays: -1 }, 'invalid_value', at('businessDays')],
    ['days as text', { businessDays: '1' }, 'invalid_type', at('businessDays')],
    ['by 25:00', { businessDays: 1, by: '25:00' }, 'invalid_local_time', at('by')],
    ['cutoff 9am', { businessDays: 1, cutoff: '9am' }, 'invalid_local_time', at('cutoff')],
    ['an unknown key', { businessDays: 1, before: '17:00' }, 'unrecognized_key', at('before')],
    ['until a number', { until: 5 }, 'invalid_type', at('until')],
    ['attribute null', { attribute: null }, 'invalid_type', at('attribute')],
  ])('%s', (_name, target, code, path) => {
    expect(issuesOf(target)).toEqual([{ code, path }]);
  });

  test('0 and 3650 business days are allowed, with by and cutoff up to 24:00', () => {
    expect(() =>
      compilePolicy(policyWith({ target: { businessDays: 0, by: '24:00', cutoff: '24:00' } })),
    ).not.toThrow();
    expect(() => compilePolicy(policyWith({ target: { businessDays: 3650 } }))).not.toThrow();
  });
});

// Checks the fixtures the business-day tests rely on.
test('the New York fixture is Mon-Fri 09:00-17:00', () => {
  const cal = compileCalendar(newYorkHours);
  expect(businessTimeBetween(cal, '2026-03-02T00:00:00-05:00', '2026-03-09T00:00:00-05:00')).toBe(40 * hour);
});
