/**
 * fast-check arbitraries for SLA engine tests: random policies (1-4 metrics of every kind, with
 * overridden triggers, pauses, restarts, goals by priority and tier, business calendars in awkward
 * zones, warnings) and random ticket event logs with a `now` to ask at.
 *
 * Everything stays inside what the minute-stepping reference engine (naiveEngine.ts) handles
 * exactly and quickly: instants and calendar bounds on whole minutes, instants in 2026, at most
 * about ten days from `created` to `now`, business calendars open at least 12 hours a week on four
 * or more weekdays (so every deadline and warning lies well within `PROJECTION_SEARCH_MS`: at most
 * 72 counted hours are ever looked for), and rarely a calendar that never opens.
 */
import fc from 'fast-check';
import type { CalendarSpec, Interval, Weekday } from '../../src/index.js';
import { msPerDay, msPerMinute } from './naiveCalendar.js';
import type {
  Attributes,
  Condition,
  Goal,
  Matcher,
  MetricKind,
  MetricSpec,
  PolicySpec,
  RestartMode,
  Scalar,
  Ticket,
  TicketEvent,
  Trigger,
} from './naiveEngine.js';

export const statuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export const tiers = ['free', 'pro', 'enterprise'] as const;

/** Zones for business calendars: whole-hour DST, +05:45, a 30-minute DST step, and UTC. */
export const policyZones = [
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'UTC',
] as const;

/** The UTC instants of 2026's offset changes in the zones above (created is often drawn near them). */
export const transitions2026 = [
  Date.UTC(2026, 2, 8, 7), // New York, spring forward
  Date.UTC(2026, 10, 1, 6), // New York, fall back
  Date.UTC(2026, 2, 29, 1), // Berlin
  Date.UTC(2026, 9, 25, 1), // Berlin
  Date.UTC(2026, 3, 4, 15), // Lord Howe, 02:00 +11 back to 01:30 +10:30
  Date.UTC(2026, 9, 3, 15, 30), // Lord Howe, 02:00 +10:30 to 02:30 +11
] as const;

const firstCreatedMs = Date.UTC(2026, 0, 1);
const lastCreatedMs = Date.UTC(2026, 11, 20);

/** `arb`'s value `present` times, `undefined` `absent` times, out of `present + absent`. */
export function maybe<T>(arb: fc.Arbitrary<T>, present: number, absent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: arb, weight: present }, { arbitrary: fc.constant(undefined), weight: absent });
}

// ---------------------------------------------------------------------------------------------
// Conditions.

function oneOrSome<T>(values: readonly T[]): fc.Arbitrary<T | T[]> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...values), weight: 3 },
    { arbitrary: fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }), weight: 2 },
  );
}

/** A matcher on one field: equals, one of, not, exists, or null (missing). */
function matcherArb(values: readonly Scalar[]): fc.Arbitrary<Matcher> {
  return fc.oneof(
    { arbitrary: oneOrSome(values), weight: 6 },
    { arbitrary: oneOrSome(values).map((v) => ({ not: v })), weight: 2 },
    { arbitrary: fc.boolean().map((exists) => ({ exists })), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
}

function fieldCondition(field: string, values: readonly Scalar[]): fc.Arbitrary<Condition> {
  return matcherArb(values).map((matcher): Condition => ({ [field]: matcher }));
}

/** Conditions on status, the stuff of pauses, stops and cancels. */
export const statusConditionArb: fc.Arbitrary<Condition> = fc.oneof(
  { arbitrary: fieldCondition('status', statuses), weight: 8 },
  {
    arbitrary: fc
      .tuple(fieldCondition('status', statuses), fieldCondition('priority', priorities))
      .map(([a, b]): Condition => ({ all: [a, b] })),
    weight: 1,
  },
  {
    arbitrary: fc
      .array(fieldCondition('status', statuses), { maxLength: 2 })
      .map((list): Condition => ({ any: list })),
    weight: 1,
  },
  { arbitrary: fieldCondition('status', statuses).map((c): Condition => ({ not: c })), weight: 1 },
);

/** Conditions on priority and tier, the stuff of goal choice. */
export const goalConditionArb: fc.Arbitrary<Condition> = fc.oneof(
  { arbitrary: fieldCondition('priority', priorities), weight: 5 },
  { arbitrary: fieldCondition('tier', tiers), weight: 3 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...priorities), fc.constantFrom(...tiers))
      .map(([priority, tier]): Condition => ({ priority, tier })),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(fieldCondition('priority', priorities), fieldCondition('tier', tiers))
      .map(([a, b]): Condition => ({ any: [a, b] })),
    weight: 1,
  },
  { arbitrary: fc.constant<Condition>({}), weight: 1 },
);

/** `pauseWhen`: mostly waiting on the customer or a third party. */
export const pauseWhenArb: fc.Arbitrary<Condition> = fc.oneof(
  { arbitrary: fc.constant<Condition>({ status: 'pending' }), weight: 4 },
  { arbitrary: fc.constant<Condition>({ status: ['pending', 'on_hold'] }), weight: 4 },
  { arbitrary: statusConditionArb, weight: 1 },
);

export const resolvedWhenArb: fc.Arbitrary<Condition> = fc.constantFrom<Condition>(
  { status: 'closed' },
  { status: ['solved', 'closed'] },
  { any: [{ status: 'solved' }, { status: 'closed' }] },
  { status: ['solved', 'closed', 'on_hold'] },
);

// ---------------------------------------------------------------------------------------------
// Triggers, durations, goals, warnings.

export const triggerArb: fc.Arbitrary<Trigger> = fc.oneof(
  {
    arbitrary: fc.constantFrom<Trigger>(
      { on: 'created' },
      { on: 'customer_message' },
      { on: 'agent_message' },
    ),
    weight: 2,
  },
  { arbitrary: statusConditionArb.map((when): Trigger => ({ when })), weight: 2 },
  { arbitrary: goalConditionArb.map((when): Trigger => ({ when })), weight: 1 },
);

export const triggersArb: fc.Arbitrary<Trigger | Trigger[]> = fc.oneof(
  triggerArb,
  fc.array(triggerArb, { minLength: 1, maxLength: 3 }),
);

/** `"1d2h30m"`-style text of whole minutes. */
export function compactText(ms: number): string {
  const minutes = ms / msPerMinute;
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const text = `${d > 0 ? `${d}d` : ''}${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}`;
  return text === '' ? '0m' : text;
}

/** `"P1DT2H30M"`-style text of whole minutes. */
export function isoText(ms: number): string {
  const minutes = ms / msPerMinute;
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const time = `${h > 0 ? `${h}H` : ''}${m > 0 ? `${m}M` : ''}`;
  if (d === 0 && time === '') return 'PT0M';
  return `P${d > 0 ? `${d}D` : ''}${time === '' ? '' : `T${time}`}`;
}

/** A whole-minute duration written as ms, compact text or ISO 8601. */
export function durationArb(minMinutes: number, maxMinutes: number): fc.Arbitrary<number | string> {
  const minutes = fc.oneof(
    { arbitrary: fc.integer({ min: minMinutes, max: maxMinutes }), weight: 3 },
    { arbitrary: fc.constantFrom(1, 15, 30, 60, 120, 240, 480, 1440, 2880), weight: 2 },
  );
  return fc
    .tuple(
      minutes.map((m) => Math.min(maxMinutes, Math.max(minMinutes, m)) * msPerMinute),
      fc.constantFrom('ms', 'compact', 'iso'),
    )
    .map(([ms, form]) => (form === 'ms' ? ms : form === 'compact' ? compactText(ms) : isoText(ms)));
}

/** A warning, with the key that makes two spellings of one threshold duplicates. */
const warningChoiceArb: fc.Arbitrary<{ key: string; text: string }> = fc.oneof(
  fc.constantFrom('50', '75', '90', '100', '33.33', '75.5', '150').chain((p) =>
    fc
      // p has at most 2 decimals: "75" may also be written "75.0" and "75.5" as "75.50".
      .constantFrom(`${p}%`, `${/\.\d\d$/.test(p) ? p : p.includes('.') ? `${p}0` : `${p}.0`}%`)
      .map((text) => ({ key: `${Number(p)}%`, text })),
  ),
  fc
    .tuple(fc.constantFrom('-', '+'), fc.constantFrom(5, 15, 60, 90, 240), fc.boolean())
    .map(([sign, minutes, iso]) => ({
      key: `${sign}${minutes}`,
      text: `${sign}${iso ? isoText(minutes * msPerMinute) : compactText(minutes * msPerMinute)}`,
    })),
);

export const warningsArb: fc.Arbitrary<string[]> = fc
  .uniqueArray(warningChoiceArb, { selector: (w) => w.key, maxLength: 4 })
  .map((list) => list.map((w) => w.text));

function goalArb(calendarNames: readonly string[]): fc.Arbitrary<Goal> {
  const calendarArb = fc.oneof(
    fc.constant(undefined),
    fc.constant('24/7'),
    ...(calendarNames.length > 0 ? [fc.constantFrom(...calendarNames)] : []),
  );
  return fc
    .record({
      when: maybe(goalConditionArb, 3, 1),
      // "whole-minute targets from 1 min to 2 days"
      target: durationArb(1, 2 * 1440),
      calendar: calendarArb,
    })
    .map(
      ({ when, target, calendar }): Goal => ({
        ...(when === undefined ? {} : { when }),
        target,
        ...(calendar === undefined ? {} : { calendar }),
      }),
    );
}

function goalsArb(calendarNames: readonly string[]): fc.Arbitrary<Goal[]> {
  return fc
    .tuple(fc.array(goalArb(calendarNames), { minLength: 1, maxLength: 3 }), fc.nat(3))
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

// ---------------------------------------------------------------------------------------------
// Metrics and policies.

const kinds: readonly MetricKind[] = [
  'first_response',
  'next_response',
  'periodic_update',
  'resolution',
  'custom',
];

function metricArb(kind: MetricKind, calendarNames: readonly string[]): fc.Arbitrary<MetricSpec> {
  const override = maybe(triggersArb, 1, 4);
  const required = triggersArb;
  return fc
    .record({
      start: kind === 'custom' ? required : override,
      stop: kind === 'custom' ? required : override,
      cancel: kind === 'custom' ? maybe(triggersArb, 1, 1) : maybe(triggersArb, 1, 5),
      pauseWhen: maybe(pauseWhenArb, 1, 1),
      restart: maybe(fc.constantFrom<RestartMode>('never', 'resume', 'new_cycle'), 1, 2),
      goals: goalsArb(calendarNames),
      warnings: maybe(warningsArb, 2, 1),
    })
    .map((r): MetricSpec => {
      const spec: MetricSpec = { kind, goals: r.goals };
      if (r.start !== undefined) spec.start = r.start;
      if (r.stop !== undefined) spec.stop = r.stop;
      if (r.cancel !== undefined) spec.cancel = r.cancel;
      if (r.pauseWhen !== undefined) spec.pauseWhen = r.pauseWhen;
      if (r.restart !== undefined) spec.restart = r.restart;
      if (r.warnings !== undefined) spec.warnings = r.warnings;
      return spec;
    });
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `"HH:MM"` of minutes after midnight; 1440 is `"24:00"`. */
function hhmm(minute: number): string {
  return `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
}

/**
 * An interval of 3 to 12 hours within one date (whole minutes, ending at "24:00" at the latest),
 * so that the first intervals of four weekdays never overlap: at least 12 open hours a week.
 * (Overnight intervals come from `anyIntervalArb`, as a day's second interval.)
 */
export const longIntervalArb: fc.Arbitrary<Interval> = fc
  .tuple(
    fc.oneof(fc.integer({ min: 180, max: 720 }), fc.constantFrom(180, 480, 540)),
    fc.oneof(fc.nat(1000), fc.constantFrom(0, 420, 480, 540, 600, 1080, 1260, 1440)),
  )
  .map(([lengthMinutes, startChoice]): Interval => {
    const startMinute = Math.min(startChoice, 1440 - lengthMinutes);
    const endMinute = startMinute + lengthMinutes;
    return [hhmm(startMinute), endMinute === 1440 ? '24:00' : hhmm(endMinute)];
  });

/** Any non-empty whole-minute interval, for a second interval of a day or an override. */
export const anyIntervalArb: fc.Arbitrary<Interval> = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1439 }))
  .map(([startMinute, lengthMinutes]): Interval => {
    const endMinute = (startMinute + lengthMinutes) % 1440;
    return [hhmm(startMinute), endMinute === 0 ? '24:00' : hhmm(endMinute)];
  });

export const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function dateText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A business calendar in one of the zones: four or more days with at least 3 hours each. */
function businessCalendarArb(createdMs: number): fc.Arbitrary<CalendarSpec> {
  const dayHours = fc.tuple(longIntervalArb, maybe(anyIntervalArb, 1, 3));
  const nearDate = fc.integer({ min: -1, max: 9 }).map((d) => dateText(createdMs + d * msPerDay));
  return fc
    .record({
      timeZone: fc.constantFrom(...policyZones),
      days: fc.shuffledSubarray([...weekdays], { minLength: 4 }),
      hours: fc.array(dayHours, { minLength: 7, maxLength: 7 }),
      holidays: fc.uniqueArray(nearDate, { maxLength: 2 }),
      overrides: fc.uniqueArray(
        fc.record({
          date: nearDate,
          hours: fc.oneof(
            fc.constant<Interval[]>([]),
            fc.array(anyIntervalArb, { minLength: 1, maxLength: 2 }),
          ),
        }),
        { selector: (o) => o.date, maxLength: 2 },
      ),
    })
    .map(({ timeZone, days, hours, holidays, overrides }): CalendarSpec => {
      const week: Partial<Record<Weekday, Interval[]>> = {};
      days.forEach((day, i) => {
        const [first, second] = hours[i] as [Interval, Interval | undefined];
        week[day] = second === undefined ? [first] : [first, second];
      });
      return {
        timeZone,
        week,
        ...(holidays.length > 0 ? { holidays } : {}),
        ...(overrides.length > 0 ? { overrides } : {}),
      };
    });
}

/** A calendar for a policy: a business calendar, rarely one that never opens, or `"24/7"`. */
function calendarArb(createdMs: number): fc.Arbitrary<CalendarSpec> {
  return fc.oneof(
    { arbitrary: businessCalendarArb(createdMs), weight: 12 },
    {
      arbitrary: fc.constantFrom(...policyZones).map((timeZone): CalendarSpec => ({ timeZone, week: {} })),
      weight: 1,
    },
  );
}

/**
 * A policy: 0-2 named calendars (holidays and overrides near `createdMs`), sometimes its own
 * `resolvedWhen`, and 1-4 metrics of random kinds named `<kind>_<n>`.
 */
export function policyArb(createdMs: number): fc.Arbitrary<PolicySpec> {
  const calendarNamesArb = fc.constantFrom<string[]>([], ['biz'], ['biz'], ['biz', 'emea']);
  return calendarNamesArb.chain((names) =>
    fc
      .record({
        calendars: fc.tuple(...names.map(() => calendarArb(createdMs))),
        resolvedWhen: maybe(resolvedWhenArb, 1, 3),
        metrics: fc.array(
          fc.constantFrom(...kinds).chain((kind) => metricArb(kind, names)),
          { minLength: 1, maxLength: 4 },
        ),
      })
      .map(({ calendars, resolvedWhen, metrics }): PolicySpec => {
        const policy: PolicySpec = {
          metrics: Object.fromEntries(metrics.map((spec, i) => [`${spec.kind}_${i + 1}`, spec])),
        };
        if (names.length > 0)
          policy.calendars = Object.fromEntries(names.map((n, i) => [n, calendars[i] as CalendarSpec]));
        if (resolvedWhen !== undefined) policy.resolvedWhen = resolvedWhen;
        return policy;
      }),
  );
}

// ---------------------------------------------------------------------------------------------
// Event logs.

/** The `created` instant: a whole minute of 2026, often within a day of an offset change. */
export const createdMsArb: fc.Arbitrary<number> = fc.oneof(
  {
    arbitrary: fc
      .integer({ min: firstCreatedMs / msPerMinute, max: lastCreatedMs / msPerMinute })
      .map((m) => m * msPerMinute),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...transitions2026), fc.integer({ min: -36 * 60, max: 12 * 60 }))
      .map(([t, m]) => t + m * msPerMinute),
    weight: 1,
  },
);

/** What happens at one event, before it gets its instant. */
export type EventBody =
  | { type: 'updated'; attributes: Attributes }
  | { type: 'message'; author: 'customer' | 'agent' | 'system'; public?: boolean; attributes?: Attributes };

export const attributeChangeArb: fc.Arbitrary<Attributes> = fc.oneof(
  {
    // mostly working states, a third of the time solved or closed
    arbitrary: fc
      .constantFrom(
        'new',
        'open',
        'open',
        'open',
        'pending',
        'pending',
        'on_hold',
        'solved',
        'solved',
        'closed',
      )
      .map((status): Attributes => ({ status })),
    weight: 8,
  },
  // a reopen
  { arbitrary: fc.constant<Attributes>({ status: 'open' }), weight: 3 },
  { arbitrary: fc.constantFrom(...priorities).map((priority): Attributes => ({ priority })), weight: 3 },
  { arbitrary: fc.constantFrom(...tiers).map((tier): Attributes => ({ tier })), weight: 2 },
  { arbitrary: fc.constantFrom<Attributes>({ priority: null }, { tier: null }), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...statuses), fc.constantFrom(...priorities))
      .map(([status, priority]): Attributes => ({ status, priority })),
    weight: 1,
  },
  // "__proto__" is an ordinary key (built with fromEntries so that it is an own property)
  { arbitrary: fc.constantFrom('x', 1, null).map((v) => Object.fromEntries([['__proto__', v]])), weight: 1 },
);

export const eventBodyArb: fc.Arbitrary<EventBody> = fc.oneof(
  {
    arbitrary: attributeChangeArb.map((attributes): EventBody => ({ type: 'updated', attributes })),
    weight: 4,
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
        public: fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 4 },
          { arbitrary: fc.constant(true), weight: 1 },
          { arbitrary: fc.constant(false), weight: 1 },
        ),
        // a reply that also solves, a customer reply that reopens
        attributes: maybe(attributeChangeArb, 1, 2),
      })
      .map((r): EventBody => {
        const body: EventBody = { type: 'message', author: r.author };
        if (r.public !== undefined) body.public = r.public;
        if (r.attributes !== undefined) body.attributes = r.attributes;
        return body;
      }),
    weight: 8,
  },
);

/** Minutes from one event to the next: often 0 (same instant), minutes, hours, or days. */
const gapMinutesArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.constant(0), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 120 }), weight: 4 },
  { arbitrary: fc.integer({ min: 120, max: 1440 }), weight: 3 },
  { arbitrary: fc.integer({ min: 1440, max: 3 * 1440 }), weight: 1 },
);

export const createdAttributesArb: fc.Arbitrary<Attributes> = fc
  .record({
    status: fc.oneof(
      { arbitrary: fc.constantFrom('new', 'open'), weight: 6 },
      { arbitrary: fc.constantFrom('pending', 'on_hold'), weight: 2 },
      { arbitrary: fc.constantFrom('solved', 'closed'), weight: 1 },
    ),
    priority: maybe(fc.constantFrom(...priorities), 4, 1),
    tier: maybe(fc.constantFrom(...tiers), 2, 1),
  })
  .map(
    ({ status, priority, tier }): Attributes => ({
      status,
      ...(priority === undefined ? {} : { priority }),
      ...(tier === undefined ? {} : { tier }),
    }),
  );

/** An instant as a log may carry it: epoch ms, or RFC 3339 with some offset. */
function instantTextArb(ms: number): fc.Arbitrary<number | string> {
  return fc.oneof(
    { arbitrary: fc.constant(ms), weight: 4 },
    {
      arbitrary: fc.constantFrom(0, 60, -300, 345, -210).map((offsetMinutes) => {
        const wall = new Date(ms + offsetMinutes * msPerMinute).toISOString().slice(0, 19);
        if (offsetMinutes === 0) return `${wall}Z`;
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        return `${wall}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
      }),
      weight: 1,
    },
  );
}

/** The longest span from `created` to the last event. */
const maxLogSpanMs = 8 * msPerDay;

/**
 * A ticket: `created` at `createdMs`, then 0-15 events at whole-minute gaps (at most eight days in
 * all), sometimes handed over unsorted. Also returns the events' instants in applied order. (Other
 * generators pass their own `created` attributes and event bodies.)
 */
export function ticketArb(
  createdMs: number,
  createdAttributes: fc.Arbitrary<Attributes> = createdAttributesArb,
  eventBodies: fc.Arbitrary<EventBody> = eventBodyArb,
): fc.Arbitrary<{ ticket: Ticket; eventMs: number[] }> {
  return fc
    .record({
      id: fc.constantFrom('T-1', 'T-2', 'ticket-42'),
      createdAttributes,
      bodies: fc.array(fc.tuple(gapMinutesArb, eventBodies), { maxLength: 15, size: 'max' }),
      shuffleKeys: maybe(fc.array(fc.nat(4), { minLength: 16, maxLength: 16 }), 1, 4),
    })
    .chain(({ id, createdAttributes, bodies, shuffleKeys }) => {
      let atMs = createdMs;
      const timed: { atMs: number; body: EventBody | null }[] = [{ atMs: createdMs, body: null }];
      for (const [gapMinutes, body] of bodies) {
        atMs = Math.min(createdMs + maxLogSpanMs, atMs + gapMinutes * msPerMinute);
        timed.push({ atMs, body });
      }
      return fc.tuple(...timed.map((t) => instantTextArb(t.atMs))).map((instants) => {
        const events: TicketEvent[] = timed.map(({ body }, i): TicketEvent => {
          const at = instants[i] as number | string;
          if (body === null) return { type: 'created', at, attributes: createdAttributes };
          return { ...body, at };
        });
        // Unsorted logs are accepted and ordered stably: same-instant events keep their log order.
        const order = events.map((_, i) => i);
        if (shuffleKeys !== undefined) order.sort((a, b) => (shuffleKeys[a] ?? 0) - (shuffleKeys[b] ?? 0));
        return {
          ticket: { id, events: order.map((i) => events[i] as TicketEvent) },
          eventMs: timed.map((t) => t.atMs),
        };
      });
    });
}

/** A case for the engine: a policy, a ticket, and a whole-minute `now`. */
export interface SlaCase {
  readonly policy: PolicySpec;
  readonly ticket: Ticket;
  readonly nowMs: number;
}

/**
 * `now`: rarely before `created`, often exactly at or a minute around an event, between events,
 * or after all of them (at most ten days after `created`).
 */
export function nowArb(eventMs: readonly number[]): fc.Arbitrary<number> {
  const createdMs = eventMs[0] as number;
  const lastMs = eventMs.at(-1) as number;
  const limitMs = createdMs + 10 * msPerDay;
  const clamp = (ms: number) => Math.min(limitMs, ms);
  return fc.oneof(
    { arbitrary: fc.integer({ min: 1, max: 600 }).map((m) => createdMs - m * msPerMinute), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...eventMs), fc.constantFrom(-1, 0, 0, 1))
        .map(([ms, d]) => clamp(ms + d * msPerMinute)),
      weight: 3,
    },
    {
      arbitrary: fc
        .integer({ min: createdMs / msPerMinute, max: lastMs / msPerMinute })
        .map((m) => m * msPerMinute),
      weight: 2,
    },
    {
      arbitrary: fc.integer({ min: 0, max: 2 * 1440 }).map((m) => clamp(lastMs + m * msPerMinute)),
      weight: 4,
    },
  );
}

/** A whole case: `created`, the policy built around it, the ticket, and `now`. */
export const slaCaseArb: fc.Arbitrary<SlaCase> = createdMsArb.chain((createdMs) =>
  fc
    .tuple(policyArb(createdMs), ticketArb(createdMs))
    .chain(([policy, { ticket, eventMs }]) =>
      nowArb(eventMs).map((nowMs): SlaCase => ({ policy, ticket, nowMs })),
    ),
);
