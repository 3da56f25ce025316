/**
 * fast-check arbitraries for SPEC.md section 10 (whose hours): random policies whose goals name
 * their calendar through ticket attributes (`support_hours`, `group`, `region`, `assignee`), whose
 * calendars are templates taking their zone from `tz` (well spelled, lower case, aliases, garbage,
 * offsets, numbers), with host calendars beside the policy's, every `calendarAt` and `goalAt`, and
 * holidays written as dates, yearly month-days and ranges, alone or in shared holiday sets; and
 * ticket logs whose attributes change mid-cycle.
 *
 * Within what the minute-stepping reference engine handles exactly and quickly (the constraints
 * in the header of ticketArbitraries.ts hold): instants on whole minutes in 2026 (and around
 * 2028-02-29, a leap day), whole-minute bounds, every calendar that opens at all open at least 12
 * hours a week on four or more weekdays, and holidays only within two weeks of `created` (a yearly
 * entry next recurs a year later), so every deadline lies well within `PROJECTION_SEARCH_MS`.
 */
import fc from 'fast-check';
import type { CalendarSpec, Interval, Weekday } from '../../src/index.js';
import { msPerDay, msPerMinute } from './naiveCalendar.js';
import type {
  Attributes,
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
  Ticket,
  TimeZoneRef,
  Trigger,
} from './naiveEngine.js';
import {
  anyIntervalArb,
  attributeChangeArb,
  createdAttributesArb,
  createdMsArb,
  dateText,
  durationArb,
  type EventBody,
  goalConditionArb,
  longIntervalArb,
  maybe,
  nowArb,
  pauseWhenArb,
  policyZones,
  resolvedWhenArb,
  statusConditionArb,
  ticketArb,
  triggerArb,
  warningsArb,
  weekdays,
} from './ticketArbitraries.js';

/** Zones of SPEC section 3 with awkward rules, beside `policyZones`. */
export const exoticZones = [
  'Pacific/Chatham', // +12:45 / +13:45
  'America/Santiago', // spring forward at midnight
  'America/Havana', // spring forward at midnight
] as const;

/** Zones a calendar may be written in (canonical spellings). */
export const section10Zones = [...policyZones, ...exoticZones] as const;

/**
 * What a ticket's `tz` attribute may hold: zones, other spellings Intl accepts (lower and upper
 * case, aliases), and values that are no zone (garbage, offsets, an empty string, numbers,
 * booleans).
 */
export const tzValues: readonly Scalar[] = [
  ...section10Zones,
  'america/new_york',
  'EUROPE/BERLIN',
  'US/Eastern', // an alias of America/New_York
  'Asia/Katmandu', // an alias of Asia/Kathmandu
  'utc',
  'Mars/Olympus',
  '+05:30',
  '-08:00',
  '',
  330,
  true,
];

/** Names of the policy's calendars. */
export const policyCalendarNames = ['amer', 'emea', 'apac', 'local'] as const;
/** Names of the host's calendars ("amer" also: a policy calendar of the same name wins). */
export const hostCalendarNames = ['alice', 'bob', 'carol', 'amer'] as const;

/** The attributes goals name their calendar by. */
export const referenceAttributes = ['support_hours', 'group', 'region', 'assignee'] as const;

/**
 * What those attributes may hold: calendar names of the policy and the host, "24/7", names of
 * nothing (inherited-looking names included), and values that are not strings.
 */
export const calendarNameValues: readonly Scalar[] = [
  ...policyCalendarNames,
  ...policyCalendarNames,
  ...hostCalendarNames,
  ...hostCalendarNames,
  ...hostCalendarNames,
  '24/7',
  'nobody',
  'toString',
  'constructor',
  42,
  false,
];

const firstLeapDayCaseMs = Date.UTC(2028, 1, 26);

/** `created`: mostly 2026 (often near an offset change), sometimes around the leap day 2028-02-29. */
export const section10CreatedMsArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: createdMsArb, weight: 5 },
  {
    arbitrary: fc.integer({ min: 0, max: 5 * 1440 }).map((m) => firstLeapDayCaseMs + m * msPerMinute),
    weight: 1,
  },
);

// ---------------------------------------------------------------------------------------------
// Holidays.

/** A local date within `[created - 1 day, created + 9 days]`, as `"YYYY-MM-DD"`. */
function nearDateArb(createdMs: number): fc.Arbitrary<string> {
  return fc.integer({ min: -1, max: 9 }).map((d) => dateText(createdMs + d * msPerDay));
}

/**
 * A holiday entry near `created`: a date, that date's month-day every year, "--02-29", or an
 * inclusive range of one to five dates.
 */
export function holidayEntryArb(createdMs: number): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: nearDateArb(createdMs), weight: 3 },
    { arbitrary: nearDateArb(createdMs).map((date) => `--${date.slice(5)}`), weight: 3 },
    { arbitrary: fc.constant('--02-29'), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.integer({ min: -1, max: 9 }), fc.integer({ min: 0, max: 4 }))
        .map(
          ([d, length]) =>
            `${dateText(createdMs + d * msPerDay)}/${dateText(createdMs + (d + length) * msPerDay)}`,
        ),
      weight: 2,
    },
  );
}

/** Names of the policy's holiday sets. */
export const holidaySetNames = ['public', 'company'] as const;

// ---------------------------------------------------------------------------------------------
// Calendars.

/** Hours of a business calendar: four or more days with at least 3 hours each, maybe a second interval. */
const weekArb: fc.Arbitrary<Partial<Record<Weekday, Interval[]>>> = fc
  .record({
    days: fc.shuffledSubarray([...weekdays], { minLength: 4 }),
    hours: fc.array(fc.tuple(longIntervalArb, maybe(anyIntervalArb, 1, 3)), { minLength: 7, maxLength: 7 }),
  })
  .map(({ days, hours }) => {
    const week: Partial<Record<Weekday, Interval[]>> = {};
    days.forEach((day, i) => {
      const [first, second] = hours[i] as [Interval, Interval | undefined];
      week[day] = second === undefined ? [first] : [first, second];
    });
    return week;
  });

function overridesArb(createdMs: number): fc.Arbitrary<{ date: string; hours: Interval[] }[]> {
  return fc.uniqueArray(
    fc.record({
      date: nearDateArb(createdMs),
      hours: fc.oneof(fc.constant<Interval[]>([]), fc.array(anyIntervalArb, { minLength: 1, maxLength: 2 })),
    }),
    { selector: (o) => o.date, maxLength: 2 },
  );
}

/** A zone as a calendar spec may write it: canonical, or another spelling Intl accepts. */
const writtenZoneArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...section10Zones), weight: 6 },
  { arbitrary: fc.constantFrom('US/Eastern', 'Asia/Katmandu', 'europe/berlin'), weight: 1 },
);

/** A template's zone: from `tz`, defaulting to some zone. */
const timeZoneRefArb: fc.Arbitrary<TimeZoneRef> = fc.oneof(
  { arbitrary: fc.constantFrom(...section10Zones), weight: 2 },
  { arbitrary: writtenZoneArb.map((zone): TimeZoneRef => ({ attribute: 'tz', default: zone })), weight: 3 },
);

/**
 * A policy calendar: a business calendar or a template of one (holidays near `created`, some
 * holiday sets), rarely one that never opens, rarely "24/7" under its own name.
 */
function policyCalendarArb(createdMs: number): fc.Arbitrary<PolicyCalendarSpec> {
  const business = fc
    .record({
      timeZone: timeZoneRefArb,
      week: weekArb,
      holidays: fc.array(holidayEntryArb(createdMs), { maxLength: 2 }),
      holidaySets: fc.subarray([...holidaySetNames]),
      overrides: overridesArb(createdMs),
    })
    .map(
      ({ timeZone, week, holidays, holidaySets, overrides }): PolicyCalendarSpec => ({
        timeZone,
        week,
        ...(holidays.length > 0 ? { holidays } : {}),
        ...(holidaySets.length > 0 ? { holidaySets } : {}),
        ...(overrides.length > 0 ? { overrides } : {}),
      }),
    );
  return fc.oneof(
    { arbitrary: business, weight: 20 },
    {
      arbitrary: timeZoneRefArb.map((timeZone): PolicyCalendarSpec => ({ timeZone, week: {} })),
      weight: 1,
    },
    { arbitrary: fc.constant<PolicyCalendarSpec>('24/7'), weight: 1 },
  );
}

/** A host calendar: a business calendar (yearly and range holidays too, no sets), or "24/7". */
function hostCalendarArb(createdMs: number): fc.Arbitrary<CalendarSpec> {
  const business = fc
    .record({
      timeZone: fc.constantFrom(...section10Zones),
      week: weekArb,
      holidays: fc.array(holidayEntryArb(createdMs), { maxLength: 2 }),
      overrides: overridesArb(createdMs),
    })
    .map(
      ({ timeZone, week, holidays, overrides }): CalendarSpec => ({
        timeZone,
        week,
        ...(holidays.length > 0 ? { holidays } : {}),
        ...(overrides.length > 0 ? { overrides } : {}),
      }),
    );
  return fc.oneof(
    { arbitrary: business, weight: 6 },
    { arbitrary: fc.constant<CalendarSpec>('24/7'), weight: 1 },
  );
}

/**
 * The host's calendars: some of `hostCalendarNames` (and sometimes one keyed "24/7", which the
 * built-in calendar shadows), or none at all.
 */
export function hostCalendarsArb(createdMs: number): fc.Arbitrary<Record<string, CalendarSpec> | undefined> {
  return maybe(
    fc
      .subarray([...hostCalendarNames, '24/7'], { minLength: 1 })
      .chain((names) =>
        fc
          .tuple(...names.map(() => hostCalendarArb(createdMs)))
          .map((specs) => Object.fromEntries(names.map((name, i) => [name, specs[i] as CalendarSpec]))),
      ),
    4,
    1,
  );
}

// ---------------------------------------------------------------------------------------------
// Goals and metrics.

/** A goal's calendar: none, "24/7", a policy calendar, or (mostly) a reference through an attribute. */
function calendarRefArb(names: readonly string[]): fc.Arbitrary<CalendarRef | undefined> {
  const named = fc.constantFrom('24/7', ...names, ...names, ...names);
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 1 },
    { arbitrary: named, weight: 2 },
    {
      // mostly the owning group, the attribute tickets change most
      arbitrary: fc
        .tuple(fc.constantFrom<string>('group', 'group', 'group', ...referenceAttributes), named)
        .map(([attribute, fallback]): CalendarRef => ({ attribute, default: fallback })),
      weight: 8,
    },
  );
}

/** Conditions on the owner of the ticket, so that a reassignment changes the goal too. */
const ownerConditionArb: fc.Arbitrary<Condition> = fc.oneof(
  fc.constantFrom(...policyCalendarNames).map((group): Condition => ({ group })),
  fc.constantFrom(...policyCalendarNames, ...hostCalendarNames).map((region): Condition => ({ region })),
  fc.constant<Condition>({ assignee: { exists: true } }),
);

const section10GoalConditionArb: fc.Arbitrary<Condition> = fc.oneof(
  { arbitrary: goalConditionArb, weight: 2 },
  { arbitrary: ownerConditionArb, weight: 2 },
);

function goalArb(names: readonly string[]): fc.Arbitrary<Goal> {
  return fc
    .record({
      when: maybe(section10GoalConditionArb, 3, 1),
      target: durationArb(1, 2 * 1440),
      calendar: calendarRefArb(names),
    })
    .map(
      ({ when, target, calendar }): Goal => ({
        ...(when === undefined ? {} : { when }),
        target,
        ...(calendar === undefined ? {} : { calendar }),
      }),
    );
}

function goalsArb(names: readonly string[]): fc.Arbitrary<Goal[]> {
  return fc
    .tuple(fc.array(goalArb(names), { minLength: 1, maxLength: 3 }), fc.nat(3))
    .map(([goals, roll]) => {
      // Mostly a catch-all last goal; sometimes none, so that no goal may match.
      const last = goals.at(-1);
      if (roll !== 0 && last !== undefined) {
        const { when: _when, ...rest } = last;
        goals[goals.length - 1] = rest;
      }
      return goals;
    });
}

/** Triggers of owner changes: a stint that ends when the ticket moves to another group. */
const ownerTriggerArb: fc.Arbitrary<Trigger> = ownerConditionArb.map((when): Trigger => ({ when }));

const section10TriggersArb: fc.Arbitrary<Trigger | Trigger[]> = fc.oneof(
  triggerArb,
  ownerTriggerArb,
  fc.array(fc.oneof(triggerArb, ownerTriggerArb), { minLength: 1, maxLength: 3 }),
);

const kinds: readonly MetricKind[] = [
  'first_response',
  'next_response',
  'periodic_update',
  'resolution',
  'custom',
];

function metricArb(kind: MetricKind, names: readonly string[]): fc.Arbitrary<MetricSpec> {
  const override = maybe(section10TriggersArb, 1, 4);
  return fc
    .record({
      start: kind === 'custom' ? section10TriggersArb : override,
      stop: kind === 'custom' ? section10TriggersArb : override,
      cancel: kind === 'custom' ? maybe(section10TriggersArb, 1, 1) : maybe(section10TriggersArb, 1, 5),
      pauseWhen: maybe(fc.oneof(pauseWhenArb, statusConditionArb), 1, 1),
      restart: maybe(fc.constantFrom<RestartMode>('never', 'resume', 'new_cycle'), 1, 2),
      goals: goalsArb(names),
      warnings: maybe(warningsArb, 2, 1),
      calendarAt: maybe(fc.constantFrom<CalendarAt>('goal', 'start', 'piecewise'), 4, 1),
      goalAt: maybe(fc.constantFrom<GoalAt>('after_stop', 'before_stop'), 2, 1),
    })
    .map((r): MetricSpec => {
      const spec: MetricSpec = { kind, goals: r.goals };
      if (r.start !== undefined) spec.start = r.start;
      if (r.stop !== undefined) spec.stop = r.stop;
      if (r.cancel !== undefined) spec.cancel = r.cancel;
      if (r.pauseWhen !== undefined) spec.pauseWhen = r.pauseWhen;
      if (r.restart !== undefined) spec.restart = r.restart;
      if (r.warnings !== undefined) spec.warnings = r.warnings;
      if (r.calendarAt !== undefined) spec.calendarAt = r.calendarAt;
      if (r.goalAt !== undefined) spec.goalAt = r.goalAt;
      return spec;
    });
}

/**
 * A stint of an owner, as section 12's `ownership` kind would count it but with Part I's triggers:
 * it starts when the ticket gets a group (or at created) and stops when the group becomes one
 * named value (or the ticket is solved), so one event that sets the group both starts and stops a
 * cycle (judged by the attributes right after it even with `goalAt: "before_stop"`), and a
 * reassignment ends a stint under its owner's goal or the next owner's.
 */
function stintMetricArb(names: readonly string[]): fc.Arbitrary<MetricSpec> {
  return fc
    .record({
      start: fc.constantFrom<Trigger[]>(
        [{ when: { group: { exists: true } } }],
        [{ on: 'created' }, { when: { group: { exists: true } } }],
      ),
      stop: fc.tuple(ownerTriggerArb, fc.boolean()),
      goals: goalsArb(names),
      warnings: maybe(warningsArb, 1, 1),
      calendarAt: maybe(fc.constantFrom<CalendarAt>('goal', 'start', 'piecewise'), 4, 1),
      goalAt: fc.constantFrom<GoalAt | undefined>('before_stop', 'before_stop', 'after_stop', undefined),
    })
    .map((r): MetricSpec => {
      const spec: MetricSpec = {
        kind: 'custom',
        start: r.start,
        stop: r.stop[1] ? [r.stop[0], { when: { status: ['solved', 'closed'] } }] : [r.stop[0]],
        goals: r.goals,
      };
      if (r.warnings !== undefined) spec.warnings = r.warnings;
      if (r.calendarAt !== undefined) spec.calendarAt = r.calendarAt;
      if (r.goalAt !== undefined) spec.goalAt = r.goalAt;
      return spec;
    });
}

/**
 * A policy: 1-4 of the named calendars (plain or templates), holiday sets near `createdMs` when a
 * calendar names them, and 1-4 metrics (of every kind, and owner stints) whose goals refer to
 * calendars through attributes.
 */
export function section10PolicyArb(createdMs: number): fc.Arbitrary<PolicySpec> {
  return fc.subarray([...policyCalendarNames], { minLength: 1 }).chain((names) =>
    fc
      .record({
        calendars: fc.tuple(...names.map(() => policyCalendarArb(createdMs))),
        holidaySets: fc.tuple(
          ...holidaySetNames.map(() => fc.array(holidayEntryArb(createdMs), { minLength: 1, maxLength: 2 })),
        ),
        resolvedWhen: maybe(resolvedWhenArb, 1, 3),
        metrics: fc.array(
          fc.oneof(
            { arbitrary: fc.constantFrom(...kinds).chain((kind) => metricArb(kind, names)), weight: 4 },
            { arbitrary: stintMetricArb(names), weight: 1 },
          ),
          { minLength: 1, maxLength: 4 },
        ),
      })
      .map(({ calendars, holidaySets, resolvedWhen, metrics }): PolicySpec => {
        const policy: PolicySpec = {
          calendars: Object.fromEntries(names.map((n, i) => [n, calendars[i] as PolicyCalendarSpec])),
          metrics: Object.fromEntries(metrics.map((spec, i) => [`${spec.kind}_${i + 1}`, spec])),
        };
        // Only the sets some calendar names (an unknown set name is invalid; an unused set is not,
        // but says nothing).
        const used = new Set(
          Object.values(policy.calendars ?? {}).flatMap((c) => (c === '24/7' ? [] : (c.holidaySets ?? []))),
        );
        const sets = holidaySetNames.flatMap((name, i) => (used.has(name) ? [[name, holidaySets[i]]] : []));
        if (sets.length > 0) policy.holidaySets = Object.fromEntries(sets);
        if (resolvedWhen !== undefined) policy.resolvedWhen = resolvedWhen;
        return policy;
      }),
  );
}

// ---------------------------------------------------------------------------------------------
// Tickets whose owner, region and zone change mid-cycle.

/** A change of the attributes calendars are named by (null removes). */
export const calendarAttributeChangeArb: fc.Arbitrary<Attributes> = fc.oneof(
  { arbitrary: fc.constantFrom(...calendarNameValues).map((group): Attributes => ({ group })), weight: 5 },
  { arbitrary: fc.constantFrom(...calendarNameValues).map((region): Attributes => ({ region })), weight: 2 },
  {
    arbitrary: fc.constantFrom(...calendarNameValues).map((support_hours): Attributes => ({ support_hours })),
    weight: 2,
  },
  {
    arbitrary: fc.constantFrom(...calendarNameValues).map((assignee): Attributes => ({ assignee })),
    weight: 2,
  },
  { arbitrary: fc.constantFrom(...tzValues).map((tz): Attributes => ({ tz })), weight: 3 },
  {
    arbitrary: fc.constantFrom<Attributes>(
      { group: null },
      { tz: null },
      { assignee: null },
      { support_hours: null },
    ),
    weight: 1,
  },
  {
    // a reassignment that also moves the zone and the status, in one event
    arbitrary: fc
      .tuple(
        fc.constantFrom(...calendarNameValues),
        fc.constantFrom(...tzValues),
        fc.constantFrom('open', 'pending', 'solved'),
      )
      .map(([group, tz, status]): Attributes => ({ group, tz, status })),
    weight: 1,
  },
);

const section10AttributeChangeArb: fc.Arbitrary<Attributes> = fc.oneof(
  { arbitrary: attributeChangeArb, weight: 2 },
  { arbitrary: calendarAttributeChangeArb, weight: 3 },
);

const section10EventBodyArb: fc.Arbitrary<EventBody> = fc.oneof(
  {
    arbitrary: section10AttributeChangeArb.map((attributes): EventBody => ({ type: 'updated', attributes })),
    weight: 5,
  },
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
        attributes: maybe(section10AttributeChangeArb, 1, 1),
      })
      .map((r): EventBody => {
        const body: EventBody = { type: 'message', author: r.author };
        if (r.public !== undefined) body.public = r.public;
        if (r.attributes !== undefined) body.attributes = r.attributes;
        return body;
      }),
    weight: 6,
  },
);

/** `created`'s attributes: status, priority, tier, and mostly some owner, region, hours and zone. */
const section10CreatedAttributesArb: fc.Arbitrary<Attributes> = fc
  .record({
    base: createdAttributesArb,
    group: maybe(fc.constantFrom(...calendarNameValues), 3, 1),
    region: maybe(fc.constantFrom(...calendarNameValues), 1, 1),
    support_hours: maybe(fc.constantFrom(...calendarNameValues), 1, 1),
    assignee: maybe(fc.constantFrom(...calendarNameValues), 1, 1),
    tz: maybe(fc.constantFrom(...tzValues), 3, 1),
  })
  .map(({ base, ...owners }): Attributes => {
    const attributes: Attributes = { ...base };
    for (const [key, value] of Object.entries(owners)) if (value !== undefined) attributes[key] = value;
    return attributes;
  });

/** A ticket as `ticketArb` makes them, with owners, regions and zones that change. */
export function section10TicketArb(createdMs: number): fc.Arbitrary<{ ticket: Ticket; eventMs: number[] }> {
  return ticketArb(createdMs, section10CreatedAttributesArb, section10EventBodyArb);
}

/** How the host's calendars are handed over: as a record, or through a resolver function. */
export type HostForm = 'record' | 'function';

/** A case for section 10: a policy, the host's calendars, a ticket, and a whole-minute `now`. */
export interface Section10Case {
  readonly policy: PolicySpec;
  readonly host: Record<string, CalendarSpec> | undefined;
  readonly hostForm: HostForm;
  readonly ticket: Ticket;
  readonly nowMs: number;
}

/** A whole case: `created`, the policy and host calendars built around it, the ticket, and `now`. */
export const section10CaseArb: fc.Arbitrary<Section10Case> = section10CreatedMsArb.chain((createdMs) =>
  fc
    .tuple(
      section10PolicyArb(createdMs),
      hostCalendarsArb(createdMs),
      fc.constantFrom<HostForm>('record', 'function'),
      section10TicketArb(createdMs),
    )
    .chain(([policy, host, hostForm, { ticket, eventMs }]) =>
      nowArb(eventMs).map((nowMs): Section10Case => ({ policy, host, hostForm, ticket, nowMs })),
    ),
);
