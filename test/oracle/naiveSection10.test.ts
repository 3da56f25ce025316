/**
 * The reference engine against SPEC.md section 10 (whose hours), so that it can be trusted as
 * the judge of the fast engine there too: each test is named after the rule it pins, with the
 * numbers worked out by hand in its comments. Then self-consistency properties over the random
 * cases of section10Arbitraries.ts.
 *
 * Business hours used below (2026-03-02 is a Monday; both zones are on winter time then):
 * - amer: America/New_York, Mon-Fri 09:00-17:00 EST (UTC-5) = 14:00Z-22:00Z;
 * - emea: Europe/Berlin, Mon-Fri 09:00-17:00 CET (UTC+1) = 08:00Z-16:00Z.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runParams } from './arbitraries.js';
import { msPerHour, msPerMinute, type NaiveZonedSpec, naiveIsOpen } from './naiveCalendar.js';
import {
  type Attributes,
  type CalendarAt,
  type GoalAt,
  type HostCalendars,
  type MetricSpec,
  type MetricState,
  naiveComputeSlaState,
  naiveIsZoneName,
  type PolicyCalendarSpec,
  type PolicySpec,
  type SlaState,
  type TicketEvent,
} from './naiveEngine.js';
import { referenceAttributes, section10CaseArb } from './section10Arbitraries.js';

/** Epoch ms of an RFC 3339 string with an explicit offset (Date.parse: independent of the engine's parser). */
function ms(text: string): number {
  if (!/(Z|[+-]\d\d:\d\d)$/.test(text)) throw new Error(`test instant without offset: ${text}`);
  return Date.parse(text);
}

/** An instant on Monday 2026-03-02 (UTC). */
const mon = (hhmm: string): number => ms(`2026-03-02T${hhmm}:00Z`);
/** An instant on Tuesday 2026-03-03 (UTC). */
const tue = (hhmm: string): number => ms(`2026-03-03T${hhmm}:00Z`);
const hour = msPerHour;
const min = msPerMinute;

const created = (at: number, attributes: Attributes): TicketEvent => ({ type: 'created', at, attributes });
const update = (at: number, attributes: Attributes): TicketEvent => ({ type: 'updated', at, attributes });

function metric(state: SlaState, name: string): MetricState {
  const m = state.metrics[name];
  if (m === undefined) throw new Error(`no metric ${name}`);
  return m;
}

type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
const workdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const everyDay: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function hours(days: readonly Weekday[], from: string, to: string): NaiveZonedSpec['week'] {
  return Object.fromEntries(days.map((d) => [d, [[from, to] as const]]));
}

const amer: NaiveZonedSpec = { timeZone: 'America/New_York', week: hours(workdays, '09:00', '17:00') };
const emea: NaiveZonedSpec = { timeZone: 'Europe/Berlin', week: hours(workdays, '09:00', '17:00') };

describe('10.4 calendarAt: a mid-cycle group change under each mode', () => {
  // A resolution cycle with a 9 h target on the owning group's hours. Created Monday 12:00Z in
  // group emea, moved to group amer at 15:00Z, asked at 19:00Z.
  const policyWith = (calendarAt: CalendarAt): PolicySpec => ({
    calendars: { amer, emea },
    metrics: {
      work: {
        kind: 'resolution',
        calendarAt,
        goals: [{ target: '9h', calendar: { attribute: 'group', default: 'amer' } }],
      },
    },
  });
  const events = [
    created(mon('12:00'), { status: 'open', group: 'emea' }),
    update(mon('15:00'), { group: 'amer' }),
  ];
  const at = (calendarAt: CalendarAt) =>
    metric(naiveComputeSlaState(events, policyWith(calendarAt), mon('19:00')), 'work');

  test('"goal": the whole cycle on the calendar named at now (amer)', () => {
    // amer is open 14:00Z-22:00Z: elapsed in [12:00, 19:00) is 14:00-19:00 = 5 h. The 4 h left:
    // 19:00-22:00 (3 h, 8 h in all), then Tuesday from 14:00Z, 1 h: Tuesday 15:00Z.
    expect(at('goal')).toMatchObject({
      status: 'running',
      elapsed: 5 * hour,
      deadline: tue('15:00'),
      nextChangeAt: tue('15:00') + 1,
      goal: { index: 0, target: 9 * hour, calendar: 'amer', timeZone: 'America/New_York' },
    });
  });

  test('"start": the whole cycle on the calendar named right after created (emea)', () => {
    // emea is open 08:00Z-16:00Z: elapsed in [12:00, 19:00) is 12:00-16:00 = 4 h. The 5 h left:
    // Tuesday 08:00Z + 5 h = Tuesday 13:00Z.
    expect(at('start')).toMatchObject({
      status: 'running',
      elapsed: 4 * hour,
      deadline: tue('13:00'),
      goal: { index: 0, target: 9 * hour, calendar: 'emea', timeZone: 'Europe/Berlin' },
    });
  });

  test('"piecewise": each stretch on its own group\'s hours, the future on the group at now', () => {
    // [12:00, 15:00) on emea: 3 h (open throughout). [15:00, 19:00) on amer: 4 h (open from 14:00Z).
    // 7 h in all. The 2 h left on amer (the calendar at now): 19:00-21:00Z Monday.
    expect(at('piecewise')).toMatchObject({
      status: 'running',
      elapsed: 7 * hour,
      deadline: mon('21:00'),
      goal: { index: 0, target: 9 * hour, calendar: 'amer', timeZone: 'America/New_York' },
    });
  });

  test('the default mode is "goal"; with no change of group the three modes agree', () => {
    const { calendarAt: _, ...withoutMode } = policyWith('goal').metrics.work as MetricSpec;
    const policy: PolicySpec = { ...policyWith('goal'), metrics: { work: withoutMode } };
    expect(metric(naiveComputeSlaState(events, policy, mon('19:00')), 'work')).toEqual(at('goal'));
    const still = [
      created(mon('12:00'), { status: 'open', group: 'emea' }),
      update(mon('15:00'), { priority: 'high' }),
    ];
    const states = (['goal', 'start', 'piecewise'] as const).map((mode) =>
      metric(naiveComputeSlaState(still, policyWith(mode), mon('19:00')), 'work'),
    );
    // emea throughout: 12:00-16:00 = 4 h.
    expect(states[0]?.elapsed).toBe(4 * hour);
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
  });

  test('"start" uses the first start of a resumed cycle; "piecewise" skips the time it spent stopped', () => {
    // Created 12:00Z in emea, solved 13:00Z, reopened at 14:00Z in amer (resume), asked at 19:00Z.
    const reopened = [
      created(mon('12:00'), { status: 'open', group: 'emea' }),
      update(mon('13:00'), { status: 'solved' }),
      update(mon('14:00'), { status: 'open', group: 'amer' }),
    ];
    const run = (mode: CalendarAt) =>
      metric(naiveComputeSlaState(reopened, policyWith(mode), mon('19:00')), 'work');
    // start, on emea: [12:00, 13:00) 1 h + [14:00, 19:00) ∩ [08:00, 16:00) 2 h = 3 h.
    expect(run('start')).toMatchObject({ elapsed: 3 * hour, goal: { calendar: 'emea' } });
    // goal, on amer: [12:00, 13:00) closed, [14:00, 19:00) 5 h.
    expect(run('goal')).toMatchObject({ elapsed: 5 * hour, goal: { calendar: 'amer' } });
    // piecewise: [12:00, 13:00) on emea 1 h + [14:00, 19:00) on amer 5 h = 6 h.
    expect(run('piecewise')).toMatchObject({ elapsed: 6 * hour, goal: { calendar: 'amer' } });
  });

  test('"piecewise" splits at a zone change of a template, too', () => {
    // A template Mon-Fri 09:00-17:00 in the zone of `tz`. Created 06:00Z in Asia/Kathmandu
    // (+05:45: 09:00-17:00 is 03:15Z-11:15Z), moved to Europe/Berlin (08:00Z-16:00Z) at 10:00Z,
    // asked at 12:00Z; target 8 h.
    const policy = (calendarAt: CalendarAt): PolicySpec => ({
      calendars: {
        local: { timeZone: { attribute: 'tz', default: 'UTC' }, week: hours(workdays, '09:00', '17:00') },
      },
      metrics: { work: { kind: 'resolution', calendarAt, goals: [{ target: '8h', calendar: 'local' }] } },
    });
    const log = [
      created(mon('06:00'), { status: 'open', tz: 'Asia/Kathmandu' }),
      update(mon('10:00'), { tz: 'Europe/Berlin' }),
    ];
    const run = (mode: CalendarAt) => metric(naiveComputeSlaState(log, policy(mode), mon('12:00')), 'work');
    // piecewise: [06:00, 10:00) in Kathmandu 4 h + [10:00, 12:00) in Berlin 2 h = 6 h; 2 h left in
    // Berlin: 14:00Z.
    expect(run('piecewise')).toMatchObject({
      elapsed: 6 * hour,
      deadline: mon('14:00'),
      goal: { calendar: 'local', timeZone: 'Europe/Berlin' },
    });
    // goal: Berlin throughout: [08:00, 12:00) = 4 h; the 4 h left run out exactly at the 16:00Z
    // close, so the deadline is where counting resumes (SPEC 6): Tuesday 08:00Z.
    expect(run('goal')).toMatchObject({ elapsed: 4 * hour, deadline: tue('08:00') });
    // start: Kathmandu throughout: [06:00, 11:15) = 5 h 15 min; 2 h 45 min left: Tuesday 03:15Z + 2:45.
    expect(run('start')).toMatchObject({
      elapsed: 5 * hour + 15 * min,
      deadline: tue('06:00'),
      goal: { calendar: 'local', timeZone: 'Asia/Kathmandu' },
    });
  });
});

describe('10.4b goalAt: which attributes judge an ended cycle', () => {
  // A stint of the support group: it starts at created and stops when the ticket moves to billing.
  // Support's goal is 1 h, any other 4 h, each on its group's hours (UTC): support 09:00-17:00,
  // billing 12:00-20:00. Created Monday 10:00Z in support, moved to billing at 14:00Z.
  const policyWith = (goalAt: GoalAt, calendarAt: CalendarAt = 'goal'): PolicySpec => ({
    calendars: {
      support: { timeZone: 'UTC', week: hours(workdays, '09:00', '17:00') },
      billing: { timeZone: 'UTC', week: hours(workdays, '12:00', '20:00') },
    },
    metrics: {
      stint: {
        kind: 'custom',
        start: { on: 'created' },
        stop: { when: { group: 'billing' } },
        goalAt,
        calendarAt,
        goals: [
          { when: { group: 'support' }, target: '1h', calendar: { attribute: 'group', default: 'support' } },
          { target: '4h', calendar: { attribute: 'group', default: 'support' } },
        ],
      },
    },
  });
  const reassigned = [
    created(mon('10:00'), { group: 'support' }),
    update(mon('14:00'), { group: 'billing' }),
  ];

  test('"after_stop": the next owner\'s goal and hours judge the stint', () => {
    // group billing: goal 1 (4 h) on billing's hours: [10:00, 14:00) ∩ [12:00, 20:00) = 2 h: met.
    expect(
      metric(naiveComputeSlaState(reassigned, policyWith('after_stop'), mon('15:00')), 'stint'),
    ).toMatchObject({
      status: 'met',
      breached: false,
      elapsed: 2 * hour,
      remaining: 2 * hour,
      stoppedAt: mon('14:00'),
      goal: { index: 1, target: 4 * hour, calendar: 'billing', timeZone: 'UTC' },
    });
  });

  test('"before_stop": the stint is judged by its own owner\'s goal and hours', () => {
    // group support: goal 0 (1 h) on support's hours: [10:00, 14:00) = 4 h: breached at 11:00Z.
    expect(
      metric(naiveComputeSlaState(reassigned, policyWith('before_stop'), mon('15:00')), 'stint'),
    ).toMatchObject({
      status: 'breached',
      breached: true,
      elapsed: 4 * hour,
      breachedAt: mon('11:00'),
      deadline: null,
      goal: { index: 0, target: hour, calendar: 'support', timeZone: 'UTC' },
    });
  });

  test('"piecewise" counts each stretch on its own group; goalAt picks the calendar reported at the end', () => {
    // Only support's stretch [10:00, 14:00) exists: 4 h on support's hours, whatever goalAt says.
    const after = metric(
      naiveComputeSlaState(reassigned, policyWith('after_stop', 'piecewise'), mon('15:00')),
      'stint',
    );
    // after_stop: goal 1 (4 h): 4 h is not more than 4 h: met; the calendar at the end is billing.
    expect(after).toMatchObject({
      status: 'met',
      elapsed: 4 * hour,
      goal: { index: 1, calendar: 'billing' },
    });
    const before = metric(
      naiveComputeSlaState(reassigned, policyWith('before_stop', 'piecewise'), mon('15:00')),
      'stint',
    );
    expect(before).toMatchObject({
      status: 'breached',
      elapsed: 4 * hour,
      goal: { index: 0, calendar: 'support' },
    });
  });

  test('a cycle that one event both starts and stops is judged by the attributes right after it', () => {
    // Created in billing: the stop condition already holds (step 3): met at once, elapsed 0, and
    // the only state it lived under is group billing: goal 1 on billing's hours.
    const log = [created(mon('10:00'), { group: 'billing' })];
    expect(metric(naiveComputeSlaState(log, policyWith('before_stop'), mon('15:00')), 'stint')).toMatchObject(
      {
        status: 'met',
        elapsed: 0,
        startedAt: mon('10:00'),
        stoppedAt: mon('10:00'),
        goal: { index: 1, target: 4 * hour, calendar: 'billing' },
      },
    );
  });

  test('a resumed cycle that the resuming event stops again is judged by the attributes right after it', () => {
    // A resolution cycle (restart "resume") that also stops when the priority is urgent. Created
    // 10:00Z in group a, stopped at 11:00Z (urgent: 1 h elapsed), solved at 12:00Z, reopened at
    // 13:00Z into group b: the reopen resumes the cycle and, urgent still holding, step (3) stops
    // it again at once. Right before 13:00Z the cycle was stopped; the only state it lived under
    // at 13:00Z is the one right after the event: group b, so goal 0 (1 h): 1 h elapsed, met, on
    // time. (Right before would be group a: goal 1, 4 h.)
    const policy: PolicySpec = {
      metrics: {
        work: {
          kind: 'resolution',
          stop: [{ when: { status: ['solved', 'closed'] } }, { when: { priority: 'urgent' } }],
          goalAt: 'before_stop',
          goals: [{ when: { group: 'b' }, target: '1h' }, { target: '4h' }],
        },
      },
    };
    const log = [
      created(mon('10:00'), { status: 'open', priority: 'low', group: 'a' }),
      update(mon('11:00'), { priority: 'urgent' }),
      update(mon('12:00'), { status: 'solved' }),
      update(mon('13:00'), { status: 'open', group: 'b' }),
    ];
    const state = metric(naiveComputeSlaState(log, policy, mon('15:00')), 'work');
    expect(state.cycles).toHaveLength(1);
    expect(state).toMatchObject({
      status: 'met',
      elapsed: hour,
      remaining: 0,
      startedAt: mon('10:00'),
      stoppedAt: mon('13:00'),
      goal: { index: 0, target: hour },
    });
  });

  test('"before_stop" is right before the stopping event, after the events before it at the same instant', () => {
    // At 14:00Z two events: the group is first removed, then set to billing (which stops the
    // stint). Right before the second one the group is absent: no goal's `when` names it, so goal
    // 1 (4 h) applies, on the default calendar (support): [10:00, 14:00) = 4 h, not over 4 h: met.
    const log = [
      created(mon('10:00'), { group: 'support' }),
      update(mon('14:00'), { group: null }),
      update(mon('14:00'), { group: 'billing' }),
    ];
    expect(metric(naiveComputeSlaState(log, policyWith('before_stop'), mon('15:00')), 'stint')).toMatchObject(
      {
        status: 'met',
        elapsed: 4 * hour,
        goal: { index: 1, calendar: 'support' },
      },
    );
  });

  test('an open cycle always uses the attributes at now', () => {
    // Asked at 13:00Z, before the move: group support, 1 h goal, support's hours: 3 h elapsed.
    const open = metric(naiveComputeSlaState(reassigned, policyWith('before_stop'), mon('13:00')), 'stint');
    expect(open).toMatchObject({
      status: 'running',
      elapsed: 3 * hour,
      goal: { index: 0, calendar: 'support' },
    });
    expect(metric(naiveComputeSlaState(reassigned, policyWith('after_stop'), mon('13:00')), 'stint')).toEqual(
      open,
    );
  });
});

describe("10.1 and 10.3: calendars named by an attribute, the policy's then the host's", () => {
  // Asked Monday 15:00Z about a cycle created at 12:00Z: emea hours (08:00Z-16:00Z) count 3 h, amer
  // hours (14:00Z-22:00Z) 1 h, 24/7 3 h.
  const policy: PolicySpec = {
    calendars: { amer },
    metrics: {
      work: {
        kind: 'resolution',
        goals: [{ target: '8h', calendar: { attribute: 'assignee', default: 'amer' } }],
      },
    },
  };
  const hostRecord: Record<string, NaiveZonedSpec> = {
    alice: emea,
    // a policy calendar of the same name wins: this one is never used
    amer: { timeZone: 'UTC', week: hours(everyDay, '00:00', '24:00') },
    // the value "24/7" names the built-in calendar: this one is never used
    '24/7': { timeZone: 'UTC', week: {} },
  };
  const run = (assignee: Attributes[string], calendars?: HostCalendars) =>
    metric(
      naiveComputeSlaState([created(mon('12:00'), { status: 'open', assignee })], policy, mon('15:00'), {
        calendars,
      }),
      'work',
    );

  test('a host calendar, by record or by function, reports its key and its zone', () => {
    const expected = { elapsed: 3 * hour, goal: { calendar: 'alice', timeZone: 'Europe/Berlin' } };
    expect(run('alice', hostRecord)).toMatchObject(expected);
    expect(run('alice', (name) => (name === 'alice' ? emea : undefined))).toMatchObject(expected);
  });

  test('a host calendar that is "24/7" reports its key and no zone', () => {
    expect(run('carol', { carol: '24/7' })).toMatchObject({
      elapsed: 3 * hour,
      goal: { calendar: 'carol', timeZone: null },
    });
  });

  test('the policy\'s calendar of the same name wins; "24/7" is the built-in', () => {
    expect(run('amer', hostRecord)).toMatchObject({ elapsed: hour, goal: { calendar: 'amer' } });
    expect(run('24/7', hostRecord)).toMatchObject({
      elapsed: 3 * hour,
      goal: { calendar: '24/7', timeZone: null },
    });
  });

  test('missing, not a string, a name of nothing, an inherited name, no host: the default', () => {
    const fallback = { elapsed: hour, goal: { calendar: 'amer', timeZone: 'America/New_York' } };
    expect(run(null, hostRecord)).toMatchObject(fallback);
    expect(run(42, hostRecord)).toMatchObject(fallback);
    expect(run(true, hostRecord)).toMatchObject(fallback);
    expect(run('bob', hostRecord)).toMatchObject(fallback);
    expect(run('toString', hostRecord)).toMatchObject(fallback);
    expect(run('constructor', hostRecord)).toMatchObject(fallback);
    expect(run('__proto__', hostRecord)).toMatchObject(fallback);
    expect(run('alice')).toMatchObject(fallback);
    expect(run('alice', () => undefined)).toMatchObject(fallback);
  });

  test('a plain calendar name never reaches the host', () => {
    const plain: PolicySpec = {
      calendars: { amer },
      metrics: { work: { kind: 'resolution', goals: [{ target: '8h', calendar: 'amer' }] } },
    };
    const state = naiveComputeSlaState([created(mon('12:00'), { status: 'open' })], plain, mon('15:00'), {
      calendars: () => {
        throw new Error('asked the host');
      },
    });
    expect(metric(state, 'work')).toMatchObject({ elapsed: hour, goal: { calendar: 'amer' } });
  });
});

describe('10.2 templates: the zone from an attribute', () => {
  // A template open Sundays 01:00-04:00 in the zone of `tz` (default UTC); resolution target
  // 2 h 30 min. Created Sunday 2026-03-08 05:00Z, asked at 12:00Z: New York springs forward that
  // day at 07:00Z (02:00 EST becomes 03:00 EDT).
  const policy: PolicySpec = {
    calendars: {
      local: { timeZone: { attribute: 'tz', default: 'UTC' }, week: { sun: [['01:00', '04:00']] } },
    },
    metrics: { work: { kind: 'resolution', goals: [{ target: '2h30m', calendar: 'local' }] } },
  };
  const run = (tz: Attributes[string]) =>
    metric(
      naiveComputeSlaState(
        [created(ms('2026-03-08T05:00:00Z'), { status: 'open', tz })],
        policy,
        ms('2026-03-08T12:00:00Z'),
      ),
      'work',
    );

  test('a template zone on a DST day: 01:00-04:00 in New York lasts 2 real hours', () => {
    // 01:00 EST = 06:00Z; 04:00 EDT = 08:00Z: 2 h counted by 12:00Z. The 30 min left: next Sunday
    // (EDT, UTC-4) 01:00 = 05:00Z, so 05:30Z. The zone is reported as written.
    expect(run('america/new_york')).toMatchObject({
      elapsed: 2 * hour,
      deadline: ms('2026-03-15T05:30:00Z'),
      goal: { calendar: 'local', timeZone: 'america/new_york' },
    });
    // An alias: the same hours, its own spelling.
    expect(run('US/Eastern')).toMatchObject({
      elapsed: 2 * hour,
      deadline: ms('2026-03-15T05:30:00Z'),
      goal: { calendar: 'local', timeZone: 'US/Eastern' },
    });
  });

  test('not a zone (garbage, an offset, empty, a number, missing): the default zone', () => {
    // UTC Sundays 01:00Z-04:00Z: nothing counted between 05:00Z and 12:00Z; next Sunday 01:00Z +
    // 2 h 30 min = 03:30Z.
    for (const tz of ['Mars/Olympus', '+05:30', '-08:00', '', 330, false, null]) {
      expect(run(tz)).toMatchObject({
        elapsed: 0,
        deadline: ms('2026-03-15T03:30:00Z'),
        goal: { calendar: 'local', timeZone: 'UTC' },
      });
    }
  });

  test('what Intl accepts as a zone name', () => {
    for (const name of [
      'America/New_York',
      'america/new_york',
      'US/Eastern',
      'Asia/Katmandu',
      'utc',
      'Etc/GMT+5',
    ])
      expect(naiveIsZoneName(name)).toBe(true);
    for (const name of ['Mars/Olympus', '+05:30', '-0800', '+05', '\u221205:00', '', 'UTC ', 'Z'])
      expect(naiveIsZoneName(name)).toBe(false);
  });

  test('holidays and overrides of a template are local dates in whichever zone applies', () => {
    // Mon-Fri 09:00-17:00 with Monday 2026-03-02 a holiday; created Monday 12:00Z, target 1 h.
    // In Asia/Kathmandu (Tuesday opens 03:15Z) the deadline is Tuesday 04:15Z; in New York
    // (Tuesday opens 14:00Z) Tuesday 15:00Z.
    const withHoliday: PolicySpec = {
      calendars: {
        local: {
          timeZone: { attribute: 'tz', default: 'America/New_York' },
          week: hours(workdays, '09:00', '17:00'),
          holidays: ['2026-03-02'],
        },
      },
      metrics: { work: { kind: 'resolution', goals: [{ target: '1h', calendar: 'local' }] } },
    };
    const deadline = (tz: string) =>
      metric(
        naiveComputeSlaState([created(mon('12:00'), { status: 'open', tz })], withHoliday, mon('12:00')),
        'work',
      ).deadline;
    expect(deadline('Asia/Kathmandu')).toBe(tue('04:15'));
    expect(deadline('nowhere')).toBe(tue('15:00'));
  });
});

describe('10.5 holidays: yearly, ranges, shared sets', () => {
  const dailyUtc = (holidays: string[]): NaiveZonedSpec => ({
    timeZone: 'UTC',
    week: hours(everyDay, '09:00', '17:00'),
    holidays,
  });
  const noon = (date: string) => ms(`${date}T12:00:00Z`);
  /** The deadline of a 2 h resolution target on `calendar`, created at `createdAt`. */
  const deadlineOf = (calendar: PolicyCalendarSpec, createdAt: number, extra: Partial<PolicySpec> = {}) =>
    metric(
      naiveComputeSlaState(
        [created(createdAt, { status: 'open' })],
        {
          ...extra,
          calendars: { cal: calendar },
          metrics: { work: { kind: 'resolution', goals: [{ target: '2h', calendar: 'cal' }] } },
        },
        createdAt,
      ),
      'work',
    ).deadline;

  test('"--02-29" closes Feb 29 in leap years and nothing in other years', () => {
    const leap = dailyUtc(['--02-29']);
    expect(naiveIsOpen(leap, noon('2028-02-29'))).toBe(false);
    expect(naiveIsOpen(leap, noon('2028-02-28'))).toBe(true);
    expect(naiveIsOpen(leap, noon('2028-03-01'))).toBe(true);
    expect(naiveIsOpen(leap, noon('2026-02-28'))).toBe(true);
    expect(naiveIsOpen(leap, noon('2026-03-01'))).toBe(true);
    // 2026 (not a leap year): created Saturday Feb 28 16:00Z, 1 h that day, then Sunday Mar 1
    // 09:00Z + 1 h.
    expect(deadlineOf(leap, ms('2026-02-28T16:00:00Z'))).toBe(ms('2026-03-01T10:00:00Z'));
    // 2028: created Monday Feb 28 16:00Z, 1 h that day, Feb 29 closed, Mar 1 09:00Z + 1 h.
    expect(deadlineOf(leap, ms('2028-02-28T16:00:00Z'))).toBe(ms('2028-03-01T10:00:00Z'));
    // Without the holiday: Feb 29 10:00Z.
    expect(deadlineOf(dailyUtc([]), ms('2028-02-28T16:00:00Z'))).toBe(ms('2028-02-29T10:00:00Z'));
  });

  test('"--12-25" closes Christmas Day of every year', () => {
    const christmas = dailyUtc(['--12-25']);
    for (const year of [2025, 2026, 2027, 2100]) {
      expect(naiveIsOpen(christmas, noon(`${year}-12-25`))).toBe(false);
      expect(naiveIsOpen(christmas, noon(`${year}-12-24`))).toBe(true);
      expect(naiveIsOpen(christmas, noon(`${year}-12-26`))).toBe(true);
    }
  });

  test('a range closes every date from its first to its last, both included', () => {
    const range = dailyUtc(['2026-12-24/2026-12-27']);
    const open = ['2026-12-23', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-27', '2026-12-28'].map(
      (d) => naiveIsOpen(range, noon(d)),
    );
    expect(open).toEqual([true, false, false, false, false, true]);
    // A one-date range is that date.
    expect(naiveIsOpen(dailyUtc(['2026-12-24/2026-12-24']), noon('2026-12-24'))).toBe(false);
    expect(naiveIsOpen(dailyUtc(['2026-12-24/2026-12-24']), noon('2026-12-25'))).toBe(true);
    // Created Wednesday Dec 23 16:00Z: 1 h that day, closed until Monday Dec 28 09:00Z, + 1 h.
    expect(deadlineOf(range, ms('2026-12-23T16:00:00Z'))).toBe(ms('2026-12-28T10:00:00Z'));
  });

  test("a calendar's closed dates are its holidays and its sets' entries; overrides still win", () => {
    // New York, Mon-Fri 09:00-17:00 EST (14:00Z-22:00Z). Thanksgiving (Thursday Nov 26) comes from
    // the "us" set, Friday Nov 27 from the calendar's own holidays. Created Wednesday Nov 25
    // 21:00Z (16:00 EST), target 4 h: 1 h on Wednesday.
    const holidaySets = { us: ['--07-04', '2026-11-26'], eu: ['2026-12-24/2026-12-26'] };
    const base = {
      timeZone: 'America/New_York',
      week: hours(workdays, '09:00', '17:00'),
      holidays: ['2026-11-27'],
    };
    const deadline = (calendar: PolicyCalendarSpec) =>
      metric(
        naiveComputeSlaState(
          [created(ms('2026-11-25T21:00:00Z'), { status: 'open' })],
          {
            holidaySets,
            calendars: { cal: calendar },
            metrics: { work: { kind: 'resolution', goals: [{ target: '4h', calendar: 'cal' }] } },
          },
          ms('2026-11-25T21:00:00Z'),
        ),
        'work',
      ).deadline;
    // Own holiday only: Thursday 14:00Z-17:00Z gives the 3 h left.
    expect(deadline(base)).toBe(ms('2026-11-26T17:00:00Z'));
    // With the set: Thursday and Friday closed, Monday Nov 30 14:00Z + 3 h.
    expect(deadline({ ...base, holidaySets: ['us'] })).toBe(ms('2026-11-30T17:00:00Z'));
    // Both sets, duplicates harmless.
    expect(
      deadline({ ...base, holidays: ['2026-11-27', '2026-11-26'], holidaySets: ['us', 'eu', 'us'] }),
    ).toBe(ms('2026-11-30T17:00:00Z'));
    // An override on Thanksgiving (10:00-12:00 EST = 15:00Z-17:00Z) wins over the set: 2 h then,
    // the last 1 h on Monday: 15:00Z.
    expect(
      deadline({
        ...base,
        holidaySets: ['us'],
        overrides: [{ date: '2026-11-26', hours: [['10:00', '12:00']] }],
      }),
    ).toBe(ms('2026-11-30T15:00:00Z'));
  });
});

describe('self-consistency over random section 10 cases', () => {
  const calendarAttributes = new Set<string>([...referenceAttributes, 'tz']);

  /** The log with every change of the calendar attributes after `created` removed. */
  function frozen(events: readonly TicketEvent[]): TicketEvent[] {
    return events.map((event): TicketEvent => {
      if (event.type === 'created' || event.attributes === undefined) return event;
      const attributes = Object.fromEntries(
        Object.entries(event.attributes).filter(([key]) => !calendarAttributes.has(key)),
      );
      return { ...event, attributes } as TicketEvent;
    });
  }

  function withMode(policy: PolicySpec, calendarAt: CalendarAt): PolicySpec {
    return {
      ...policy,
      metrics: Object.fromEntries(
        Object.entries(policy.metrics).map(([name, m]) => [name, { ...m, calendarAt }]),
      ),
    };
  }

  test('with calendar attributes that never change, the three calendarAt modes agree', () => {
    fc.assert(
      fc.property(section10CaseArb, ({ policy, host, ticket, nowMs }) => {
        const events = frozen(ticket.events);
        const [goal, start, piecewise] = (['goal', 'start', 'piecewise'] as const).map((mode) =>
          naiveComputeSlaState(events, withMode(policy, mode), nowMs, { calendars: host }),
        );
        expect(start).toEqual(goal);
        expect(piecewise).toEqual(goal);
      }),
      runParams(25),
    );
  }, 60_000);

  test('a template resolved to its default zone equals the plain calendar with that zone', () => {
    fc.assert(
      fc.property(section10CaseArb, ({ policy, host, ticket, nowMs }) => {
        const events = ticket.events.map((event): TicketEvent => {
          if (event.attributes === undefined) return event;
          const { tz: _, ...attributes } = event.attributes;
          return { ...event, attributes } as TicketEvent;
        });
        const plain: PolicySpec = {
          ...policy,
          calendars: Object.fromEntries(
            Object.entries(policy.calendars ?? {}).map(([name, c]) => [
              name,
              c === '24/7' || typeof c.timeZone === 'string' ? c : { ...c, timeZone: c.timeZone.default },
            ]),
          ),
        };
        expect(naiveComputeSlaState(events, policy, nowMs, { calendars: host })).toEqual(
          naiveComputeSlaState(events, plain, nowMs, { calendars: host }),
        );
      }),
      runParams(25),
    );
  }, 60_000);

  test('host calendars as a record and as a function give the same state', () => {
    fc.assert(
      fc.property(section10CaseArb, ({ policy, host, ticket, nowMs }) => {
        if (host === undefined) return;
        const resolver = (name: string) => (Object.hasOwn(host, name) ? host[name] : undefined);
        expect(naiveComputeSlaState(ticket, policy, nowMs, { calendars: resolver })).toEqual(
          naiveComputeSlaState(ticket, policy, nowMs, { calendars: host }),
        );
      }),
      runParams(15),
    );
  }, 60_000);

  test('a yearly holiday equals the list of its dates; a range equals the list of its dates', () => {
    const dateOf = (dayOffset: number) =>
      new Date(Date.UTC(2026, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: -400, max: 1200 }),
        fc.constantFrom('UTC', 'Pacific/Chatham', 'America/Santiago', 'Asia/Kathmandu'),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        (startDay, length, askDay, timeZone, minuteOfDay) => {
          const first = dateOf(startDay);
          const monthDay = first.slice(5);
          const years = [2024, 2025, 2026, 2027, 2028, 2029];
          const dates = Array.from({ length: length + 1 }, (_, i) => dateOf(startDay + i));
          const spec = (holidays: string[]): NaiveZonedSpec => ({
            timeZone,
            week: hours(everyDay, '00:00', '24:00'),
            holidays,
          });
          const at = Date.UTC(2026, 0, 1) + askDay * 86_400_000 + minuteOfDay * 60_000;
          expect(naiveIsOpen(spec([`--${monthDay}`]), at)).toBe(
            naiveIsOpen(spec(years.map((y) => `${y}-${monthDay}`)), at),
          );
          expect(naiveIsOpen(spec([`${first}/${dates.at(-1)}`]), at)).toBe(naiveIsOpen(spec(dates), at));
        },
      ),
      runParams(300),
    );
  });
});
