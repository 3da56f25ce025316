/**
 * fast-check arbitraries for SPEC.md sections 11 (targets beyond durations) and 12 (ownership
 * clocks and preset kinds): random policies whose goals mix duration targets with `businessDays`
 * (with and without `by` and `cutoff`, at times a transition skips or repeats), `until` (a due
 * instant held by the ticket) and `attribute` (a duration held by the ticket); metrics of every
 * kind, the preset kinds `ownership`, `requester_wait`, `agent_work` and `pausable_update` with
 * some defaults overridden (`pauseWhen: null` among them), `changed` triggers and `keyBy`; and
 * ticket logs with reassignments (A → B → A), removals of the owner, solves and reopens, due dates
 * written in several spellings (and sometimes missing or invalid), durations in attributes.
 *
 * Calendars are in the exotic zones (America/New_York, America/Santiago, Australia/Lord_Howe,
 * Asia/Kathmandu, Europe/Berlin), and `created` often lies near one of their 2026 transitions.
 *
 * Within what the minute-stepping reference engine handles exactly and quickly (the constraints
 * in the header of ticketArbitraries.ts hold): instants on whole minutes in 2026 (due instants
 * sometimes carry milliseconds), whole-minute bounds, every calendar that opens every week open at
 * least 12 hours a week on four or more weekdays, at most 3 business days (plus the cutoff's day),
 * due instants at most 9 days after `created`, durations at most 3 days, so every deadline and
 * warning lies well within `PROJECTION_SEARCH_MS`.
 */
import fc from 'fast-check';
import type { Interval, Weekday } from '../../src/index.js';
import { msPerDay, msPerMinute } from './naiveCalendar.js';
import type {
  Attributes,
  BusinessDaysTarget,
  CalendarAt,
  CalendarRef,
  Condition,
  Goal,
  GoalAt,
  MetricKind,
  MetricSpec,
  PolicyCalendarSpec,
  PolicySpec,
  RestartMode,
  Scalar,
  Target,
  Ticket,
  Trigger,
} from './naiveEngine.js';
import {
  anyIntervalArb,
  attributeChangeArb,
  compactText,
  createdAttributesArb,
  dateText,
  durationArb,
  type EventBody,
  goalConditionArb,
  isoText,
  longIntervalArb,
  maybe,
  nowArb,
  pauseWhenArb,
  resolvedWhenArb,
  statusConditionArb,
  ticketArb,
  transitions2026,
  triggerArb,
  warningsArb,
  weekdays,
} from './ticketArbitraries.js';

/** The zones of this file's calendars. */
export const section11Zones = [
  'America/New_York',
  'America/Santiago', // 2026-09-06: 00:00 never happens; 2026-04-05 03:00Z: back from 24:00 to 23:00
  'Australia/Lord_Howe', // 30-minute DST steps
  'Asia/Kathmandu', // +05:45
  'Europe/Berlin',
] as const;

/** Santiago's 2026 transitions (New York's, Berlin's and Lord Howe's are in `transitions2026`). */
export const santiagoTransitions2026 = [Date.UTC(2026, 3, 5, 3), Date.UTC(2026, 8, 6, 4)] as const;

const firstCreatedMs = Date.UTC(2026, 0, 1);
const lastCreatedMs = Date.UTC(2026, 11, 20);

/** `created`: a whole minute of 2026, two times in three within three days before a transition (or half a day after). */
export const section11CreatedMsArb: fc.Arbitrary<number> = fc.oneof(
  {
    arbitrary: fc
      .integer({ min: firstCreatedMs / msPerMinute, max: lastCreatedMs / msPerMinute })
      .map((m) => m * msPerMinute),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        fc.constantFrom(...transitions2026, ...santiagoTransitions2026),
        fc.integer({ min: -72 * 60, max: 12 * 60 }),
      )
      .map(([t, m]) => t + m * msPerMinute),
    weight: 2,
  },
);

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `"HH:MM"` of minutes after midnight; 1440 is `"24:00"`. */
function hhmm(minute: number): string {
  return `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
}

// ---------------------------------------------------------------------------------------------
// Calendars.

/** Names of the owning groups; policy calendars "A" and "B" are the groups' own hours. */
export const groups = ['A', 'B', 'C'] as const;
/** Names of the policy's calendars. */
export const section11CalendarNames = ['biz', 'A', 'B'] as const;

function nearDateArb(createdMs: number): fc.Arbitrary<string> {
  return fc.integer({ min: -1, max: 9 }).map((d) => dateText(createdMs + d * msPerDay));
}

/**
 * A week of business hours: four or more days with at least 3 hours each, maybe a second interval
 * (overnight ones too), and sometimes round-the-clock days (`["00:00", "24:00"]`: days that still
 * end) or an interval that a transition swallows.
 */
const weekArb: fc.Arbitrary<Partial<Record<Weekday, Interval[]>>> = fc
  .record({
    days: fc.shuffledSubarray([...weekdays], { minLength: 4 }),
    hours: fc.array(
      fc.tuple(
        fc.oneof(
          { arbitrary: longIntervalArb, weight: 6 },
          { arbitrary: fc.constant<Interval>(['00:00', '24:00']), weight: 1 },
          { arbitrary: fc.constant<Interval>(['09:00', '17:00']), weight: 2 },
          // overnight: instants whose business day is the date before
          { arbitrary: fc.constantFrom<Interval>(['20:00', '04:00'], ['16:00', '01:00']), weight: 1 },
        ),
        maybe(
          fc.oneof(
            { arbitrary: anyIntervalArb, weight: 4 },
            // within or across the hours that New York, Santiago, Berlin and Lord Howe skip or repeat
            {
              arbitrary: fc.constantFrom<Interval>(
                ['02:00', '03:00'],
                ['02:30', '03:15'],
                ['01:00', '02:00'],
                ['00:00', '01:30'],
                ['23:00', '01:00'],
                ['22:00', '02:00'],
              ),
              weight: 2,
            },
          ),
          1,
          2,
        ),
      ),
      { minLength: 7, maxLength: 7 },
    ),
  })
  .map(({ days, hours }) => {
    const week: Partial<Record<Weekday, Interval[]>> = {};
    days.forEach((day, i) => {
      const [first, second] = hours[i] as [Interval, Interval | undefined];
      week[day] = second === undefined ? [first] : [first, second];
    });
    return week;
  });

/**
 * A policy calendar: business hours in one of the zones (holidays and overrides near `created`);
 * rarely one that never opens, one open only on a few override dates (it closes for good), or
 * "24/7" under its own name.
 */
function calendarArb(createdMs: number): fc.Arbitrary<PolicyCalendarSpec> {
  const business = fc
    .record({
      timeZone: fc.constantFrom(...section11Zones),
      week: weekArb,
      holidays: fc.uniqueArray(nearDateArb(createdMs), { maxLength: 2 }),
      overrides: fc.uniqueArray(
        fc.record({
          date: nearDateArb(createdMs),
          hours: fc.oneof(
            fc.constant<Interval[]>([]),
            fc.array(anyIntervalArb, { minLength: 1, maxLength: 2 }),
          ),
        }),
        { selector: (o) => o.date, maxLength: 2 },
      ),
    })
    .map(
      ({ timeZone, week, holidays, overrides }): PolicyCalendarSpec => ({
        timeZone,
        week,
        ...(holidays.length > 0 ? { holidays } : {}),
        ...(overrides.length > 0 ? { overrides } : {}),
      }),
    );
  const closesForGood = fc
    .record({
      timeZone: fc.constantFrom(...section11Zones),
      overrides: fc.uniqueArray(
        fc.record({
          date: nearDateArb(createdMs),
          hours: fc.array(anyIntervalArb, { minLength: 1, maxLength: 2 }),
        }),
        { selector: (o) => o.date, minLength: 1, maxLength: 3 },
      ),
    })
    .map(({ timeZone, overrides }): PolicyCalendarSpec => ({ timeZone, week: {}, overrides }));
  return fc.oneof(
    { arbitrary: business, weight: 24 },
    {
      arbitrary: fc
        .constantFrom(...section11Zones)
        .map((timeZone): PolicyCalendarSpec => ({ timeZone, week: {} })),
      weight: 1,
    },
    { arbitrary: closesForGood, weight: 1 },
    { arbitrary: fc.constant<PolicyCalendarSpec>('24/7'), weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// Targets and goals.

/** Local times for `by` and `cutoff`: business bounds, ends of the day, times transitions skip. */
const localTimeArb: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '00:00',
      '00:30', // Santiago's skipped midnight hour
      '01:30', // repeated in New York, Berlin (02:30) and Lord Howe
      '02:15', // skipped in Lord Howe
      '02:30', // skipped in New York and Berlin
      '08:00',
      '09:00',
      '12:00',
      '14:00',
      '16:00',
      '17:00',
      '23:59',
      '24:00',
    ),
    weight: 3,
  },
  { arbitrary: fc.integer({ min: 0, max: 1440 }).map(hhmm), weight: 1 },
);

/** `{ businessDays, by?, cutoff? }` with 0 to 3 business days. */
export const businessDaysTargetArb: fc.Arbitrary<BusinessDaysTarget> = fc
  .record({
    businessDays: fc.oneof(
      { arbitrary: fc.constantFrom(0, 1, 1, 2), weight: 4 },
      { arbitrary: fc.constant(3), weight: 1 },
    ),
    by: maybe(localTimeArb, 1, 1),
    cutoff: maybe(localTimeArb, 1, 2),
  })
  .map(
    ({ businessDays, by, cutoff }): BusinessDaysTarget => ({
      businessDays,
      ...(by === undefined ? {} : { by }),
      ...(cutoff === undefined ? {} : { cutoff }),
    }),
  );

/** The attributes due instants and durations live in. */
export const dueAttributes = ['due_at', 'promised_at'] as const;
export const durationAttributes = ['sla_target'] as const;

/** A target of any form. */
export const targetArb: fc.Arbitrary<Target> = fc.oneof(
  { arbitrary: durationArb(1, 2 * 1440), weight: 2 },
  { arbitrary: businessDaysTargetArb, weight: 4 },
  {
    arbitrary: fc
      .constantFrom('due_at', 'due_at', 'due_at', 'promised_at')
      .map((until): Target => ({ until })),
    weight: 3,
  },
  { arbitrary: fc.constant<Target>({ attribute: 'sla_target' }), weight: 2 },
);

/** A goal's calendar: none, "24/7", a policy calendar, or the owning group's hours. */
const calendarRefArb: fc.Arbitrary<CalendarRef | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 1 },
  { arbitrary: fc.constantFrom<CalendarRef>('24/7', 'biz', 'biz', 'biz', 'A'), weight: 5 },
  { arbitrary: fc.constantFrom<CalendarRef>({ attribute: 'group', default: 'biz' }), weight: 3 },
);

/** Conditions on the owner, so that a reassignment changes the goal too. */
const ownerConditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.constantFrom(...groups).map((group): Condition => ({ group })),
  fc.constant<Condition>({ assignee: { exists: true } }),
  fc.constant<Condition>({ due_at: { exists: true } }),
);

const goalArb: fc.Arbitrary<Goal> = fc
  .record({
    when: maybe(fc.oneof(goalConditionArb, ownerConditionArb), 3, 2),
    target: targetArb,
    calendar: calendarRefArb,
  })
  .map(
    ({ when, target, calendar }): Goal => ({
      ...(when === undefined ? {} : { when }),
      target,
      ...(calendar === undefined ? {} : { calendar }),
    }),
  );

/** 1-3 goals; mostly a catch-all last goal (of any form: an `until` one may still not match). */
const goalsArb: fc.Arbitrary<Goal[]> = fc
  .tuple(fc.array(goalArb, { minLength: 1, maxLength: 3 }), fc.nat(3))
  .map(([goals, roll]) => {
    const last = goals.at(-1);
    if (roll !== 0 && last !== undefined) {
      const { when: _when, ...rest } = last;
      goals[goals.length - 1] = rest;
    }
    return goals;
  });

// ---------------------------------------------------------------------------------------------
// Triggers and metrics.

/** The attributes `changed` triggers and `keyBy` name. */
export const watchedFields = ['group', 'group', 'assignee', 'priority', 'status', 'due_at'] as const;

const changedTriggerArb: fc.Arbitrary<Trigger> = fc
  .constantFrom(...watchedFields)
  .map((changed): Trigger => ({ changed }));

const section11TriggerArb: fc.Arbitrary<Trigger> = fc.oneof(
  { arbitrary: triggerArb, weight: 3 },
  { arbitrary: changedTriggerArb, weight: 3 },
  { arbitrary: ownerConditionArb.map((when): Trigger => ({ when })), weight: 1 },
);

const section11TriggersArb: fc.Arbitrary<Trigger | Trigger[]> = fc.oneof(
  section11TriggerArb,
  fc.array(section11TriggerArb, { minLength: 1, maxLength: 3 }),
);

const partOneKinds: readonly MetricKind[] = [
  'first_response',
  'next_response',
  'periodic_update',
  'resolution',
  'custom',
];
const presetKinds: readonly MetricKind[] = ['requester_wait', 'agent_work', 'pausable_update'];

/** Options every metric may carry: pauses (or `null`), restart, warnings, calendarAt, goalAt, keyBy. */
function withOptions(
  spec: MetricSpec,
  r: {
    pauseWhen: Condition | null | undefined;
    restart: RestartMode | undefined;
    warnings: string[] | undefined;
    calendarAt: CalendarAt | undefined;
    goalAt: GoalAt | undefined;
    keyBy: string | undefined;
  },
): MetricSpec {
  if (r.pauseWhen !== undefined) spec.pauseWhen = r.pauseWhen;
  if (r.restart !== undefined) spec.restart = r.restart;
  if (r.warnings !== undefined) spec.warnings = r.warnings;
  if (r.calendarAt !== undefined) spec.calendarAt = r.calendarAt;
  if (r.goalAt !== undefined) spec.goalAt = r.goalAt;
  if (r.keyBy !== undefined) spec.keyBy = r.keyBy;
  return spec;
}

const optionsArb = (pauseWeights: [number, number, number], keyByWeights: [number, number]) =>
  fc.record({
    pauseWhen: fc.oneof(
      { arbitrary: fc.oneof(pauseWhenArb, statusConditionArb), weight: pauseWeights[0] },
      { arbitrary: fc.constant(null), weight: pauseWeights[1] },
      { arbitrary: fc.constant(undefined), weight: pauseWeights[2] },
    ),
    restart: maybe(fc.constantFrom<RestartMode>('never', 'resume', 'new_cycle'), 1, 4),
    warnings: maybe(warningsArb, 2, 1),
    calendarAt: maybe(fc.constantFrom<CalendarAt>('goal', 'start', 'piecewise'), 1, 3),
    goalAt: maybe(fc.constantFrom<GoalAt>('after_stop', 'before_stop'), 1, 2),
    keyBy: maybe(fc.constantFrom('group', 'group', 'assignee', 'priority'), keyByWeights[0], keyByWeights[1]),
  });

/** Part I's kinds (custom with `changed` triggers most of all), with section 11's goals. */
function partOneMetricArb(kind: MetricKind): fc.Arbitrary<MetricSpec> {
  const override = maybe(section11TriggersArb, 1, 4);
  return fc
    .record({
      start: kind === 'custom' ? section11TriggersArb : override,
      stop: kind === 'custom' ? section11TriggersArb : override,
      cancel: kind === 'custom' ? maybe(section11TriggersArb, 1, 1) : maybe(section11TriggersArb, 1, 5),
      goals: goalsArb,
      options: optionsArb([1, 1, 2], [1, 2]),
    })
    .map((r): MetricSpec => {
      const spec: MetricSpec = { kind, goals: r.goals };
      if (r.start !== undefined) spec.start = r.start;
      if (r.stop !== undefined) spec.stop = r.stop;
      if (r.cancel !== undefined) spec.cancel = r.cancel;
      return withOptions(spec, r.options);
    });
}

/** A preset kind of SPEC 12 other than ownership, its defaults sometimes overridden. */
function presetMetricArb(kind: MetricKind): fc.Arbitrary<MetricSpec> {
  return fc
    .record({
      start: maybe(section11TriggersArb, 1, 6),
      stop: maybe(section11TriggersArb, 1, 6),
      cancel: maybe(section11TriggersArb, 1, 6),
      goals: goalsArb,
      options: optionsArb([1, 1, 4], [1, 3]),
    })
    .map((r): MetricSpec => {
      const spec: MetricSpec = { kind, goals: r.goals };
      if (r.start !== undefined) spec.start = r.start;
      if (r.stop !== undefined) spec.stop = r.stop;
      if (r.cancel !== undefined) spec.cancel = r.cancel;
      return withOptions(spec, r.options);
    });
}

/** An `ownership` metric: mostly the defaults (owner "group"), sometimes `field`, overrides. */
const ownershipMetricArb: fc.Arbitrary<MetricSpec> = fc
  .record({
    field: fc.constantFrom<string | undefined>(undefined, undefined, undefined, 'group', 'assignee'),
    start: maybe(section11TriggersArb, 1, 8),
    stop: maybe(section11TriggersArb, 1, 8),
    cancel: maybe(section11TriggersArb, 1, 6),
    goals: goalsArb,
    options: optionsArb([1, 1, 4], [1, 5]),
  })
  .map((r): MetricSpec => {
    const spec: MetricSpec = { kind: 'ownership', goals: r.goals };
    if (r.field !== undefined) spec.field = r.field;
    if (r.start !== undefined) spec.start = r.start;
    if (r.stop !== undefined) spec.stop = r.stop;
    if (r.cancel !== undefined) spec.cancel = r.cancel;
    return withOptions(spec, r.options);
  });

const section11MetricArb: fc.Arbitrary<MetricSpec> = fc.oneof(
  { arbitrary: fc.constantFrom(...partOneKinds).chain(partOneMetricArb), weight: 3 },
  { arbitrary: fc.constantFrom(...presetKinds).chain(presetMetricArb), weight: 3 },
  { arbitrary: ownershipMetricArb, weight: 4 },
);

/** A policy: the calendars "biz", "A" and "B", sometimes its own resolvedWhen, and 1-4 metrics. */
export function section11PolicyArb(createdMs: number): fc.Arbitrary<PolicySpec> {
  return fc
    .record({
      calendars: fc.tuple(...section11CalendarNames.map(() => calendarArb(createdMs))),
      resolvedWhen: maybe(resolvedWhenArb, 1, 3),
      metrics: fc.array(section11MetricArb, { minLength: 1, maxLength: 4 }),
    })
    .map(({ calendars, resolvedWhen, metrics }): PolicySpec => {
      const policy: PolicySpec = {
        calendars: Object.fromEntries(
          section11CalendarNames.map((n, i) => [n, calendars[i] as PolicyCalendarSpec]),
        ),
        metrics: Object.fromEntries(metrics.map((spec, i) => [`${spec.kind}_${i + 1}`, spec])),
      };
      if (resolvedWhen !== undefined) policy.resolvedWhen = resolvedWhen;
      return policy;
    });
}

// ---------------------------------------------------------------------------------------------
// Attribute values: due instants and durations, valid and not.

/** `"2026-03-02T10:00:00"`: the wall clock of `ms` at `offsetMinutes` from UTC. */
function wallText(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * msPerMinute).toISOString().slice(0, 19);
}

function offsetText(offsetMinutes: number, form: 'colon' | 'basic' | 'hours'): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = pad2(Math.floor(abs / 60));
  const mm = pad2(abs % 60);
  if (form === 'hours') return `${sign}${hh}`;
  return form === 'basic' ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

/**
 * A due instant as a host writes it: RFC 3339 with `Z` or an offset (either case of `T` and `Z`),
 * with milliseconds or more digits, a space for `T` (16.3), offsets `±HH` and `±HHMM` (16.3), or
 * epoch ms.
 */
export function dueValueArb(dueMs: number): fc.Arbitrary<Scalar> {
  return fc.oneof(
    { arbitrary: fc.constant(new Date(dueMs).toISOString().replace('.000Z', 'Z')), weight: 3 },
    { arbitrary: fc.constant(dueMs), weight: 3 },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom(60, -300, 345, -180, 630, 0),
          fc.constantFrom<'colon' | 'basic'>('colon', 'basic'),
        )
        .map(([offset, form]) => `${wallText(dueMs, offset)}${offsetText(offset, form)}`),
      weight: 2,
    },
    {
      // ±HH: whole-hour offsets only
      arbitrary: fc
        .constantFrom(60, -300, -180, 0)
        .map((offset) => `${wallText(dueMs, offset).replace('T', ' ')}${offsetText(offset, 'hours')}`),
      weight: 2,
    },
    {
      arbitrary: fc.constantFrom(0, 345).map((offset) => {
        const text = `${wallText(dueMs, offset).replace('T', 't')}`;
        return offset === 0 ? `${text}z` : `${text}${offsetText(offset, 'colon')}`;
      }),
      weight: 1,
    },
    {
      // milliseconds, and digits past them (truncated)
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: 999 }), fc.constantFrom('', '9', '456'))
        .map(([extraMs, more]) => `${wallText(dueMs, 0)}.${String(extraMs).padStart(3, '0')}${more}Z`),
      weight: 1,
    },
  );
}

/** Values an `until` attribute may hold that are no instant. */
export const invalidDueValueArb: fc.Arbitrary<Scalar> = fc.constantFrom<Scalar>(
  '2026-03-05T10:00:00', // no offset
  '2026-03-05', // a date
  '2026-03-05T10:00Z', // no seconds
  '2026-03-05T10:00:60Z', // a leap second
  '2026-02-30T10:00:00Z', // no such date
  '2026-03-05T24:00:00Z',
  'tomorrow',
  '',
  true,
  1772704800000.5, // a fraction
);

/** An `until` attribute's value: a due instant from two days before `created` to nine days after. */
export function dueAttributeArb(createdMs: number): fc.Arbitrary<Scalar> {
  const dueMsArb = fc.oneof(
    { arbitrary: fc.integer({ min: -2 * 1440, max: 9 * 1440 }), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 3 * 1440 }), weight: 3 },
  );
  return fc.oneof(
    { arbitrary: dueMsArb.chain((m) => dueValueArb(createdMs + m * msPerMinute)), weight: 6 },
    { arbitrary: invalidDueValueArb, weight: 1 },
  );
}

/** An `attribute` target's value: a duration (up to 3 days) in any spelling, or something invalid. */
export const durationAttributeArb: fc.Arbitrary<Scalar> = fc.oneof(
  { arbitrary: durationArb(1, 3 * 1440), weight: 4 },
  {
    arbitrary: fc.constantFrom(90, 240, 480).map((m) => compactText(m * msPerMinute)),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(60, 1440).map((m) => isoText(m * msPerMinute)), weight: 1 },
  {
    arbitrary: fc.constantFrom<Scalar>(
      '7200000', // a numeric string
      '4 hours',
      '',
      true,
      false,
      0,
      '0m',
      'PT0S',
      1.5,
      3_600_000.5,
      -60_000,
    ),
    weight: 2,
  },
);

// ---------------------------------------------------------------------------------------------
// Tickets: reassignments, solves and reopens, due dates and durations that change.

const groupValueArb: fc.Arbitrary<Scalar> = fc.constantFrom<Scalar>('A', 'B', 'A', 'B', 'C', null);

function attributeChangeArb11(createdMs: number): fc.Arbitrary<Attributes> {
  return fc.oneof(
    { arbitrary: attributeChangeArb, weight: 4 },
    // a reassignment (to the same group sometimes: no change), or the owner removed
    { arbitrary: groupValueArb.map((group): Attributes => ({ group })), weight: 5 },
    {
      arbitrary: fc.constantFrom<Scalar>('ann', 'bob', null).map((assignee): Attributes => ({ assignee })),
      weight: 2,
    },
    // a reassignment that solves, or reopens, in the same event
    {
      arbitrary: fc
        .tuple(groupValueArb, fc.constantFrom('open', 'solved', 'pending'))
        .map(([group, status]): Attributes => ({ group, status })),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...dueAttributes), fc.oneof(dueAttributeArb(createdMs), fc.constant(null)))
        .map(([name, value]) => Object.fromEntries([[name, value]]) as Attributes),
      weight: 2,
    },
    {
      arbitrary: fc
        .oneof(durationAttributeArb, fc.constant(null))
        .map((sla_target): Attributes => ({ sla_target })),
      weight: 1,
    },
  );
}

function eventBodyArb11(createdMs: number): fc.Arbitrary<EventBody> {
  const change = attributeChangeArb11(createdMs);
  return fc.oneof(
    { arbitrary: change.map((attributes): EventBody => ({ type: 'updated', attributes })), weight: 6 },
    {
      arbitrary: fc
        .record({
          author: fc.constantFrom<'customer' | 'agent' | 'system'>(
            'customer',
            'customer',
            'agent',
            'agent',
            'system',
          ),
          public: maybe(fc.boolean(), 1, 3),
          // a reply that also solves or reassigns; a bot that routes the ticket to a group
          attributes: maybe(change, 1, 2),
        })
        .map((r): EventBody => {
          const body: EventBody = { type: 'message', author: r.author };
          if (r.public !== undefined) body.public = r.public;
          if (r.attributes !== undefined) body.attributes = r.attributes;
          return body;
        }),
      weight: 5,
    },
  );
}

/** `created`'s attributes: status, priority, tier; mostly a group; sometimes assignee, due date, duration. */
function createdAttributesArb11(createdMs: number): fc.Arbitrary<Attributes> {
  return fc
    .record({
      base: createdAttributesArb,
      group: maybe(fc.constantFrom('A', 'B', 'C'), 3, 1),
      assignee: maybe(fc.constantFrom('ann', 'bob'), 1, 2),
      due_at: maybe(dueAttributeArb(createdMs), 3, 2),
      promised_at: maybe(dueAttributeArb(createdMs), 1, 3),
      sla_target: maybe(durationAttributeArb, 2, 1),
    })
    .map(({ base, ...more }): Attributes => {
      const attributes: Attributes = { ...base };
      for (const [key, value] of Object.entries(more)) if (value !== undefined) attributes[key] = value;
      return attributes;
    });
}

/** A ticket as `ticketArb` makes them, with owners, due dates and durations that change. */
export function section11TicketArb(createdMs: number): fc.Arbitrary<{ ticket: Ticket; eventMs: number[] }> {
  return ticketArb(createdMs, createdAttributesArb11(createdMs), eventBodyArb11(createdMs));
}

/** A case for sections 11 and 12: a policy, a ticket, and a whole-minute `now`. */
export interface Section11Case {
  readonly policy: PolicySpec;
  readonly ticket: Ticket;
  readonly nowMs: number;
}

/** A random case: `created`, the policy built around it, the ticket, and `now`. */
const randomCaseArb: fc.Arbitrary<Section11Case> = section11CreatedMsArb.chain((createdMs) =>
  fc
    .tuple(section11PolicyArb(createdMs), section11TicketArb(createdMs))
    .chain(([policy, { ticket, eventMs }]) =>
      nowArb(eventMs).map((nowMs): Section11Case => ({ policy, ticket, nowMs })),
    ),
);

/**
 * The 2026 transitions of the zones, each with the local times it skips or repeats (and the day's
 * end when the transition is at midnight): where a `by` needs "Part I's rule for times a transition
 * skips", a repeated hour's first pass, or the midnight ending a day that ends early.
 */
export const transitionTimes: readonly {
  readonly timeZone: string;
  readonly atMs: number;
  readonly times: readonly string[];
}[] = [
  {
    timeZone: 'America/New_York',
    atMs: Date.UTC(2026, 2, 8, 7),
    times: ['02:00', '02:30', '02:59', '03:00'],
  },
  { timeZone: 'America/New_York', atMs: Date.UTC(2026, 10, 1, 6), times: ['01:00', '01:30', '02:00'] },
  { timeZone: 'Europe/Berlin', atMs: Date.UTC(2026, 2, 29, 1), times: ['02:00', '02:30', '03:00'] },
  { timeZone: 'Europe/Berlin', atMs: Date.UTC(2026, 9, 25, 1), times: ['02:00', '02:30', '03:00'] },
  { timeZone: 'Australia/Lord_Howe', atMs: Date.UTC(2026, 3, 4, 15), times: ['01:30', '01:45', '02:00'] },
  { timeZone: 'Australia/Lord_Howe', atMs: Date.UTC(2026, 9, 3, 15, 30), times: ['02:00', '02:15', '02:30'] },
  { timeZone: 'America/Santiago', atMs: Date.UTC(2026, 3, 5, 3), times: ['23:00', '23:30', '24:00'] },
  {
    timeZone: 'America/Santiago',
    atMs: Date.UTC(2026, 8, 6, 4),
    times: ['00:00', '00:30', '01:00', '24:00'],
  },
];

/** Hours open across a transition: round the clock, overnight, or around the small hours. */
const transitionWeekArb: fc.Arbitrary<Partial<Record<Weekday, Interval[]>>> = fc
  .tuple(
    fc.constantFrom<Interval[]>(
      [['00:00', '24:00']],
      [['22:00', '04:00']],
      [
        ['01:00', '04:00'],
        ['09:00', '17:00'],
      ],
      [
        ['00:00', '01:30'],
        ['09:00', '17:00'],
      ],
      [['20:00', '24:00']],
      [
        ['02:30', '03:15'],
        ['08:00', '18:00'],
      ],
    ),
    fc.shuffledSubarray([...weekdays], { minLength: 5 }),
  )
  .map(([hours, days]) => Object.fromEntries(days.map((day) => [day, hours])));

/**
 * A case built around a transition: `created` up to three days before it, the calendar "biz" in
 * its zone open across it, and every metric's first goal a business-day target on "biz" whose `by`
 * (or cutoff) is a time the transition skips or repeats.
 */
const transitionCaseArb: fc.Arbitrary<Section11Case> = fc
  .constantFrom(...transitionTimes)
  .chain(({ timeZone, atMs, times }) =>
    fc.record({
      createdMs: fc.integer({ min: -72 * 60, max: 60 }).map((m) => atMs + m * msPerMinute),
      week: transitionWeekArb,
      target: fc
        .record({
          businessDays: fc.constantFrom(0, 0, 1, 1, 2),
          by: maybe(fc.constantFrom(...times), 4, 1),
          cutoff: maybe(fc.constantFrom(...times), 1, 3),
        })
        .map(
          ({ businessDays, by, cutoff }): BusinessDaysTarget => ({
            businessDays,
            ...(by === undefined ? {} : { by }),
            ...(cutoff === undefined ? {} : { cutoff }),
          }),
        ),
      timeZone: fc.constant(timeZone),
    }),
  )
  .chain(({ createdMs, week, target, timeZone }) =>
    fc
      .tuple(section11PolicyArb(createdMs), section11TicketArb(createdMs))
      .chain(([policy, { ticket, eventMs }]) =>
        nowArb(eventMs).map((nowMs): Section11Case => {
          const metrics = Object.fromEntries(
            Object.entries(policy.metrics).map(([name, spec]) => [
              name,
              { ...spec, goals: [{ target, calendar: 'biz' }, ...spec.goals] },
            ]),
          );
          return {
            policy: { ...policy, calendars: { ...policy.calendars, biz: { timeZone, week } }, metrics },
            ticket,
            nowMs,
          };
        }),
      ),
  );

/** A whole case: `created`, the policy built around it, the ticket, and `now`. */
export const section11CaseArb: fc.Arbitrary<Section11Case> = fc.oneof(
  { arbitrary: randomCaseArb, weight: 3 },
  { arbitrary: transitionCaseArb, weight: 1 },
);
