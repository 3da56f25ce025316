/**
 * Whose hours (docs/policy.md, "Whose hours"): calendars named by ticket attributes, templates
 * whose zone comes from an attribute, host calendars, `calendarAt` and `goalAt`. Each test is
 * named after the rule it pins; the numbers are worked out by hand in the comments.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  businessTimeBetween,
  type Calendar,
  type CalendarSpec,
  compileCalendar,
  compilePolicy,
  computeSlaState,
  isSlaValidationError,
  type PolicySpec,
  type SlaState,
  type TicketEvent,
} from '../../src/index.js';
import { hour, ms } from './fixtures.js';

const weekdays9to5 = {
  mon: [['09:00', '17:00']],
  tue: [['09:00', '17:00']],
  wed: [['09:00', '17:00']],
  thu: [['09:00', '17:00']],
  fri: [['09:00', '17:00']],
} as const;
const ny = { timeZone: 'America/New_York', week: weekdays9to5 } satisfies CalendarSpec;
const berlin = { timeZone: 'Europe/Berlin', week: weekdays9to5 } satisfies CalendarSpec;

/** The group's calendar, resolution in 8 business hours, with `calendarAt` as given. */
function groupPolicy(
  calendarAt?: 'goal' | 'start' | 'piecewise',
  goalAt?: 'after_stop' | 'before_stop',
): PolicySpec {
  return {
    calendars: { ny, berlin },
    metrics: {
      resolution: {
        kind: 'resolution',
        ...(calendarAt === undefined ? {} : { calendarAt }),
        ...(goalAt === undefined ? {} : { goalAt }),
        goals: [{ target: '8h', calendar: { attribute: 'group', default: 'ny' } }],
      },
    },
  };
}

// Monday 2026-03-02: Berlin is UTC+1 (open 08:00-16:00Z), New York UTC-5 (open 14:00-22:00Z).
const movedToNewYork: TicketEvent[] = [
  { type: 'created', at: '2026-03-02T08:00:00Z', attributes: { status: 'open', group: 'berlin' } },
  { type: 'updated', at: '2026-03-02T12:00:00Z', attributes: { group: 'ny' } },
];
const mondayEvening = '2026-03-02T20:00:00Z';

function resolutionOf(state: SlaState) {
  const metric = state.metrics.resolution;
  if (metric === undefined) throw new Error('no resolution metric');
  return metric;
}

describe('calendarAt: a mid-cycle group change, three answers', () => {
  test('"goal" measures the whole cycle on the calendar named at now (New York: 14:00-20:00Z, 6 h)', () => {
    const state = computeSlaState(movedToNewYork, groupPolicy('goal'), { now: mondayEvening });
    const metric = resolutionOf(state);
    expect(metric.elapsed).toBe(6 * hour);
    expect(metric.goal).toMatchObject({ calendar: 'ny', timeZone: 'America/New_York' });
    // 2 h left at 20:00Z run out exactly at New York's 22:00Z close: due when it reopens.
    expect(metric.deadline).toBe(ms('2026-03-03T14:00:00Z'));
  });

  test('the default is "goal"', () => {
    const state = computeSlaState(movedToNewYork, groupPolicy(), { now: mondayEvening });
    expect(resolutionOf(state).elapsed).toBe(6 * hour);
  });

  test('"start" measures on the calendar named right after the start (Berlin: 08:00-16:00Z, 8 h)', () => {
    const state = computeSlaState(movedToNewYork, groupPolicy('start'), { now: mondayEvening });
    const metric = resolutionOf(state);
    expect(metric.elapsed).toBe(8 * hour);
    expect(metric.breached).toBe(false); // exactly the target is on time
    expect(metric.goal).toMatchObject({ calendar: 'berlin', timeZone: 'Europe/Berlin' });
    expect(metric.deadline).toBe(ms('2026-03-03T08:00:00Z'));
  });

  test('"piecewise" counts each stretch on its own calendar (Berlin 08-12Z 4 h + New York 14-20Z 6 h)', () => {
    const state = computeSlaState(movedToNewYork, groupPolicy('piecewise'), { now: mondayEvening });
    const metric = resolutionOf(state);
    expect(metric.elapsed).toBe(10 * hour);
    expect(metric.breached).toBe(true);
    // 4 h in Berlin by 12:00Z, the other 4 h in New York from 14:00Z: the target ran out at 18:00Z.
    expect(metric.breachedAt).toBe(ms('2026-03-02T18:00:00Z'));
    expect(metric.goal).toMatchObject({ calendar: 'ny', timeZone: 'America/New_York' });
  });

  test('"piecewise" projects past now on the calendar named at now', () => {
    // At 13:00Z: 4 h in Berlin, 0 h in New York yet; 4 h left from New York's 14:00Z opening.
    const state = computeSlaState(movedToNewYork, groupPolicy('piecewise'), { now: '2026-03-02T13:00:00Z' });
    expect(resolutionOf(state).elapsed).toBe(4 * hour);
    expect(resolutionOf(state).deadline).toBe(ms('2026-03-02T18:00:00Z'));
  });

  test('with attributes that never change, the three modes agree', () => {
    const stays = movedToNewYork.slice(0, 1);
    const answers = (['goal', 'start', 'piecewise'] as const).map((mode) =>
      computeSlaState(stays, groupPolicy(mode), { now: mondayEvening }),
    );
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });
});

describe('calendar references', () => {
  const policy = compilePolicy(groupPolicy());
  const elapsedWith = (group: unknown, options: Record<string, unknown> = {}) =>
    resolutionOf(
      computeSlaState(
        [{ type: 'created', at: '2026-03-02T08:00:00Z', attributes: { group } as never }],
        policy,
        { now: mondayEvening, ...options },
      ),
    );

  test('the attribute names a policy calendar', () => {
    expect(elapsedWith('berlin').elapsed).toBe(8 * hour);
    expect(elapsedWith('berlin').goal?.calendar).toBe('berlin');
  });

  test('the value "24/7" names the built-in calendar', () => {
    expect(elapsedWith('24/7').elapsed).toBe(12 * hour);
    expect(elapsedWith('24/7').goal).toMatchObject({ calendar: '24/7', timeZone: null });
  });

  test('missing, not a string, or naming nothing: the default', () => {
    for (const group of [null, 42, true, 'tokyo', 'Berlin']) {
      expect(elapsedWith(group).goal?.calendar, String(group)).toBe('ny');
      expect(elapsedWith(group).elapsed).toBe(6 * hour);
    }
  });

  test('a host calendar is found by its key, after the policy calendars', () => {
    const tokyo = compileCalendar({ timeZone: 'Asia/Tokyo', week: weekdays9to5 });
    // Tokyo is UTC+9: open 00:00-08:00Z, before the ticket was created: nothing counted yet.
    const metric = elapsedWith('tokyo', { calendars: { tokyo, berlin: tokyo } });
    expect(metric.goal).toMatchObject({ calendar: 'tokyo', timeZone: 'Asia/Tokyo' });
    expect(metric.elapsed).toBe(0);
    // The policy's own "berlin" wins over the host's.
    expect(elapsedWith('berlin', { calendars: { berlin: tokyo } }).elapsed).toBe(8 * hour);
  });

  test('host calendars may come from a resolver function', () => {
    const tokyo = compileCalendar({ timeZone: 'Asia/Tokyo', week: weekdays9to5 });
    const asked: string[] = [];
    const metric = elapsedWith('tokyo', {
      calendars: (name: string) => {
        asked.push(name);
        return name === 'tokyo' ? tokyo : undefined;
      },
    });
    expect(metric.goal?.calendar).toBe('tokyo');
    expect(asked).toContain('tokyo');
    expect(elapsedWith('osaka', { calendars: () => undefined }).goal?.calendar).toBe('ny');
  });

  test('host calendars are looked up by own keys only', () => {
    const host = Object.create({ tokyo: compileCalendar('24/7') });
    expect(elapsedWith('tokyo', { calendars: host }).goal?.calendar).toBe('ny');
    expect(elapsedWith('toString', { calendars: {} }).goal?.calendar).toBe('ny');
  });

  test('a host value that is not a compiled calendar is an error naming it', () => {
    for (const bad of [null, 'x', { timeZone: 'UTC', week: {} }, 42]) {
      let caught: unknown;
      try {
        elapsedWith('tokyo', { calendars: { tokyo: bad } });
      } catch (error) {
        caught = error;
      }
      expect(isSlaValidationError(caught), String(bad)).toBe(true);
      if (isSlaValidationError(caught))
        expect(caught.issues[0]?.path).toEqual(['options', 'calendars', 'tokyo']);
    }
    // A resolver's own exception propagates unchanged.
    const boom = new RangeError('host down');
    expect(() =>
      elapsedWith('tokyo', {
        calendars: () => {
          throw boom;
        },
      }),
    ).toThrow(boom);
  });

  test('options.calendars that is neither a record nor a function is refused', () => {
    expect(() => elapsedWith('tokyo', { calendars: 'tokyo' })).toThrow(/options\.calendars/);
  });
});

describe('templates: the zone from an attribute', () => {
  // Open all Sunday: on 2026-03-08 New York springs forward, so its Sunday lasts 23 hours.
  const policy = compilePolicy({
    calendars: {
      local: { timeZone: { attribute: 'tz', default: 'UTC' }, week: { sun: [['00:00', '24:00']] } },
    },
    metrics: { resolution: { kind: 'resolution', goals: [{ target: '100h', calendar: 'local' }] } },
  });
  const sundayOf = (tz: unknown) =>
    resolutionOf(
      computeSlaState(
        [{ type: 'created', at: '2026-03-07T12:00:00Z', attributes: { tz } as never }],
        policy,
        { now: '2026-03-09T12:00:00Z' },
      ),
    );

  test('a template zone on a DST day counts that day as the zone has it', () => {
    expect(sundayOf('America/New_York').elapsed).toBe(23 * hour);
    expect(sundayOf('Europe/Berlin').elapsed).toBe(24 * hour);
  });

  test('the zone is reported as written, and any spelling Intl accepts works', () => {
    expect(sundayOf('america/new_york').goal).toMatchObject({
      calendar: 'local',
      timeZone: 'america/new_york',
    });
    expect(sundayOf('america/new_york').elapsed).toBe(23 * hour);
    expect(sundayOf('US/Eastern').elapsed).toBe(23 * hour);
  });

  test('an offset string, an unknown zone or a non-string falls back to the default', () => {
    for (const tz of ['+05:30', '-03', 'Mars/Olympus', 5, null, '']) {
      expect(sundayOf(tz).goal?.timeZone, String(tz)).toBe('UTC');
      expect(sundayOf(tz).elapsed).toBe(24 * hour);
    }
  });

  test('a template resolved to its default zone equals the plain calendar in that zone', () => {
    const plain = compilePolicy({
      calendars: { local: { timeZone: 'UTC', week: { sun: [['00:00', '24:00']] } } },
      metrics: { resolution: { kind: 'resolution', goals: [{ target: '100h', calendar: 'local' }] } },
    });
    const events: TicketEvent[] = [{ type: 'created', at: '2026-03-07T12:00:00Z' }];
    expect(computeSlaState(events, policy, { now: '2026-03-09T12:00:00Z' })).toEqual(
      computeSlaState(events, plain, { now: '2026-03-09T12:00:00Z' }),
    );
  });

  test('results do not depend on the order in which tickets meet the compiled policy', () => {
    const zones = [
      'America/New_York',
      'europe/berlin',
      'Asia/Kathmandu',
      '+01:00',
      'Australia/Lord_Howe',
      'UTC',
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(zones, { minLength: zones.length }), (order) => {
        const fresh = compilePolicy(policy.spec);
        const states = new Map(order.map((tz) => [tz, sundayOfWith(fresh, tz)]));
        for (const tz of zones) expect(states.get(tz)).toEqual(sundayOfWith(policy, tz));
      }),
      { numRuns: 20 },
    );
  });

  function sundayOfWith(compiled: typeof policy, tz: string) {
    return computeSlaState([{ type: 'created', at: '2026-03-07T12:00:00Z', attributes: { tz } }], compiled, {
      now: '2026-03-09T12:00:00Z',
    });
  }
});

describe('goalAt: which attributes judge an ended cycle', () => {
  // A triage clock on 24/7 stopped when the ticket moves to New York; Berlin's target is 2 h.
  const triage = (goalAt?: 'after_stop' | 'before_stop'): PolicySpec => ({
    metrics: {
      triage: {
        kind: 'custom',
        start: { on: 'created' },
        stop: { when: { group: 'ny' } },
        ...(goalAt === undefined ? {} : { goalAt }),
        goals: [{ when: { group: 'berlin' }, target: '2h' }, { target: '8h' }],
      },
    },
  });
  const triageOf = (policy: PolicySpec) => {
    const metric = computeSlaState(movedToNewYork, policy, { now: mondayEvening }).metrics.triage;
    if (metric === undefined) throw new Error('no triage');
    return metric;
  };

  test('"after_stop" (the default) judges by the attributes the stop set: New York, 8 h, met', () => {
    expect(triageOf(triage()).status).toBe('met');
    expect(triageOf(triage('after_stop')).goal?.index).toBe(1);
  });

  test('"before_stop" judges by the attributes before the stop: Berlin, 2 h, breached after 4 h', () => {
    const metric = triageOf(triage('before_stop'));
    expect(metric.goal?.index).toBe(0);
    expect(metric.status).toBe('breached');
    expect(metric.breachedAt).toBe(ms('2026-03-02T10:00:00Z'));
  });

  test('a cycle that one event both starts and stops is judged by the attributes after it', () => {
    const metric = computeSlaState(
      [{ type: 'created', at: '2026-03-02T08:00:00Z', attributes: { group: 'ny' } }],
      triage('before_stop'),
      { now: mondayEvening },
    ).metrics.triage;
    expect(metric?.status).toBe('met');
    expect(metric?.goal?.index).toBe(1);
  });

  test('an open cycle is judged by the attributes at now', () => {
    const metric = computeSlaState(movedToNewYork.slice(0, 1), triage('before_stop'), {
      now: mondayEvening,
    }).metrics.triage;
    expect(metric?.goal?.index).toBe(0);
  });

  test('"before_stop" also decides the calendar: the Berlin group is measured on Berlin hours', () => {
    const policy = groupPolicy('goal', 'before_stop');
    const solved: TicketEvent[] = [
      ...movedToNewYork.slice(0, 1),
      { type: 'updated', at: '2026-03-02T12:00:00Z', attributes: { group: 'ny', status: 'solved' } },
    ];
    const metric = resolutionOf(computeSlaState(solved, policy, { now: mondayEvening }));
    expect(metric.goal?.calendar).toBe('berlin');
    expect(metric.elapsed).toBe(4 * hour);
    const after = resolutionOf(computeSlaState(solved, groupPolicy('goal'), { now: mondayEvening }));
    expect(after.goal?.calendar).toBe('ny');
    expect(after.elapsed).toBe(0);
  });
});

describe('bad references are refused with their path', () => {
  const issuesOf = (spec: unknown) => {
    try {
      compilePolicy(spec as PolicySpec);
    } catch (error) {
      if (isSlaValidationError(error)) return error.issues.map(({ code, path }) => ({ code, path }));
      throw error;
    }
    throw new Error('accepted');
  };
  const withGoalCalendar = (calendar: unknown, calendars: unknown = { ny }) => ({
    calendars,
    metrics: { m: { kind: 'resolution', goals: [{ target: '1h', calendar }] } },
  });

  test('a reference default that names nothing', () => {
    expect(issuesOf(withGoalCalendar({ attribute: 'group', default: 'tokyo' }))).toEqual([
      { code: 'invalid_value', path: ['metrics', 'm', 'goals', 0, 'calendar', 'default'] },
    ]);
  });

  test('a reference without its default, or with an unknown key', () => {
    expect(issuesOf(withGoalCalendar({ attribute: 'group' }))).toEqual([
      { code: 'invalid_type', path: ['metrics', 'm', 'goals', 0, 'calendar', 'default'] },
    ]);
    expect(issuesOf(withGoalCalendar({ attribute: 'group', default: 'ny', fallback: 'x' }))).toEqual([
      { code: 'unrecognized_key', path: ['metrics', 'm', 'goals', 0, 'calendar', 'fallback'] },
    ]);
  });

  test('a template default that is not a zone', () => {
    for (const zone of ['Mars/Olympus', '+05:30', 5]) {
      expect(
        issuesOf(
          withGoalCalendar('local', {
            local: { timeZone: { attribute: 'tz', default: zone }, week: weekdays9to5 },
          }),
        ),
        String(zone),
      ).toEqual([
        {
          code: zone === 5 ? 'invalid_type' : 'invalid_time_zone',
          path: ['calendars', 'local', 'timeZone', 'default'],
        },
      ]);
    }
  });

  test('calendarAt and goalAt take their words only', () => {
    expect(
      issuesOf({
        metrics: {
          m: { kind: 'resolution', calendarAt: 'end', goalAt: 'before', goals: [{ target: '1h' }] },
        },
      }),
    ).toEqual([
      { code: 'invalid_value', path: ['metrics', 'm', 'calendarAt'] },
      { code: 'invalid_value', path: ['metrics', 'm', 'goalAt'] },
    ]);
  });

  test('a template is a policy calendar only: compileCalendar wants a plain zone', () => {
    expect(() =>
      compileCalendar({ timeZone: { attribute: 'tz', default: 'UTC' }, week: {} } as unknown as CalendarSpec),
    ).toThrow(/calendar\.timeZone: expected an IANA time zone/);
  });
});

describe('properties of calendarAt', () => {
  // Teams on four calendars in awkward zones; the ticket moves between them while its clock runs.
  const calendars = {
    ny: { timeZone: 'America/New_York', week: weekdays9to5 },
    berlin: { timeZone: 'Europe/Berlin', week: weekdays9to5 },
    kathmandu: { timeZone: 'Asia/Kathmandu', week: { ...weekdays9to5, sat: [['10:00', '14:00']] } },
    lordHowe: {
      timeZone: 'Australia/Lord_Howe',
      week: { mon: [['22:00', '06:00']], thu: [['00:00', '24:00']] },
    },
  } satisfies Record<string, CalendarSpec>;
  const teams = [...Object.keys(calendars), 'nobody'] as const;
  const policyAt = (calendarAt: 'goal' | 'start' | 'piecewise'): PolicySpec => ({
    calendars,
    metrics: {
      resolution: {
        kind: 'resolution',
        calendarAt,
        goals: [{ target: '40h', calendar: { attribute: 'team', default: 'ny' } }],
      },
    },
  });
  const compiled = {
    goal: compilePolicy(policyAt('goal')),
    start: compilePolicy(policyAt('start')),
    piecewise: compilePolicy(policyAt('piecewise')),
  };
  // Around New York's and Lord Howe's April changes (2026-04-05), a few days long.
  const startMs = ms('2026-04-02T00:00:00Z');
  const logArb = fc
    .tuple(
      fc.constantFrom(...teams),
      fc.array(fc.tuple(fc.integer({ min: 1, max: 24 * 60 }), fc.constantFrom(...teams)), { maxLength: 6 }),
      fc.integer({ min: 0, max: 24 * 60 }),
    )
    .map(([first, moves, afterMinutes]) => {
      let atMs = startMs;
      const events: TicketEvent[] = [
        { type: 'created', at: atMs, attributes: { status: 'open', team: first } },
      ];
      for (const [minutes, team] of moves) {
        atMs += minutes * 60_000;
        events.push({ type: 'updated', at: atMs, attributes: { team } });
      }
      return { events, nowMs: atMs + afterMinutes * 60_000 };
    });

  test('with a team that never changes, the three modes agree', () => {
    fc.assert(
      fc.property(logArb, ({ events, nowMs }) => {
        const still = events.slice(0, 1);
        const goal = computeSlaState(still, compiled.goal, { now: nowMs });
        expect(computeSlaState(still, compiled.start, { now: nowMs })).toEqual(goal);
        expect(computeSlaState(still, compiled.piecewise, { now: nowMs })).toEqual(goal);
      }),
      { numRuns: 100 },
    );
  });

  test('"start" is unaffected by any change of the team after the start', () => {
    fc.assert(
      fc.property(logArb, ({ events, nowMs }) => {
        const moved = computeSlaState(events, compiled.start, { now: nowMs }).metrics.resolution;
        const stayed = computeSlaState(events.slice(0, 1), compiled.start, { now: nowMs }).metrics.resolution;
        expect(moved).toEqual(stayed);
      }),
      { numRuns: 100 },
    );
  });

  test('"piecewise" elapsed is the sum of each stretch measured alone on its own calendar', () => {
    const alone = Object.fromEntries(
      Object.entries(calendars).map(([name, spec]) => [name, compileCalendar(spec)] as const),
    );
    fc.assert(
      fc.property(logArb, ({ events, nowMs }) => {
        let expected = 0;
        events.forEach((event, i) => {
          const fromMs = event.at as number;
          const toMs = i + 1 < events.length ? (events[i + 1]?.at as number) : nowMs;
          const team = event.attributes?.team as string;
          const calendar = (
            Object.hasOwn(alone, team) ? alone[team as keyof typeof alone] : alone.ny
          ) as Calendar;
          expected += businessTimeBetween(calendar, fromMs, toMs);
        });
        const metric = computeSlaState(events, compiled.piecewise, { now: nowMs }).metrics.resolution;
        expect(metric?.elapsed).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });
});
