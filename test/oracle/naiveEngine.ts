/**
 * The SLA contract of SPEC.md sections 4 to 7, 10 (whose hours: calendars chosen from the ticket,
 * templates, host calendars, `calendarAt`, `goalAt`, holiday sets), 11 (targets beyond durations:
 * business days with `by` and `cutoff`, due instants and durations held by attributes) and 12
 * (the `changed` trigger, `keyBy`, the preset kinds, `nextDeadline`), written as literally and as
 * slowly as possible so that the fast engine in src/ can be held to it. Section 11's business days
 * are found by asking, minute by minute, which local date's intervals cover each instant. It shares no code
 * with src/ (not even types): its own instant and duration parsing, its own condition interpreter,
 * a replay of the event log that follows the SPEC's four steps per event word for word, and
 * numbers found by walking time minute by minute, asking the calendar oracle of naiveCalendar.ts
 * (which asks Intl) whether each minute is open on the calendar that applies to that minute.
 *
 * Inputs are trusted to be valid: this file never validates.
 *
 * Every reading of an unclear sentence of SPEC.md is marked `AMBIGUITY:`.
 */
import {
  assertSteppable,
  dayNumberOfText,
  type HolidayEntry,
  hoursOn,
  isOpenAtWallClock,
  msPerDay,
  msPerHour,
  msPerMinute,
  msPerSecond,
  type NaiveCalendarSpec,
  type NaiveZonedSpec,
  timeOfDayMsOf,
  wallClockAt,
} from './naiveCalendar.js';

type CalendarSpec = NaiveCalendarSpec;

// =============================================================================================
// Types, mirroring SPEC.md sections 4, 5, 6 and 7.

export type Scalar = string | number | boolean | null;
export type Attributes = Record<string, Scalar>;
/** An instant as the SPEC accepts it: epoch ms, a `Date`, or an RFC 3339 string with an offset. */
export type InstantInput = number | string | Date;
/** A duration: ms, a compact string (`"1h30m"`) or ISO 8601 (`"PT4H"`). */
export type DurationInput = number | string;

export type TicketEvent =
  | { type: 'created'; at: InstantInput; attributes?: Attributes }
  | { type: 'updated'; at: InstantInput; attributes: Attributes }
  | {
      type: 'message';
      at: InstantInput;
      author: 'customer' | 'agent' | 'system';
      public?: boolean;
      attributes?: Attributes;
    };
export type Ticket = { id: string; events: readonly TicketEvent[] };

export type Matcher = Scalar | Scalar[] | { not: Scalar | Scalar[] } | { exists: boolean };
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { [field: string]: Matcher };

/** SPEC 12: `{ changed: field }` fires when the attribute's value differs from its value before. */
export type Trigger =
  | { on: 'created' | 'customer_message' | 'agent_message' }
  | { when: Condition }
  | { changed: string };
/** SPEC 10.1: a calendar's name, or the name held by an attribute with a default. */
export type CalendarRef = string | { attribute: string; default: string };
/** SPEC 11: "end of next business day", "2 business days by 16:00", "same day if before 14:00". */
export type BusinessDaysTarget = { businessDays: number; by?: string; cutoff?: string };
/**
 * SPEC 11: a duration, business days, the attribute holding the due instant (`until`), or the
 * attribute holding a duration (`attribute`).
 */
export type Target = DurationInput | BusinessDaysTarget | { until: string } | { attribute: string };
/** SPEC 11: `goal.form`. */
export type TargetForm = 'duration' | 'businessDays' | 'until' | 'attribute';
export type Goal = { when?: Condition; target: Target; calendar?: CalendarRef };
/** Part I's kinds, and SPEC 12's preset kinds. */
export type MetricKind =
  | 'first_response'
  | 'next_response'
  | 'periodic_update'
  | 'resolution'
  | 'custom'
  | 'ownership'
  | 'requester_wait'
  | 'agent_work'
  | 'pausable_update';
export type RestartMode = 'never' | 'resume' | 'new_cycle';
/** SPEC 10.4: when the calendar is decided. */
export type CalendarAt = 'goal' | 'start' | 'piecewise';
/** SPEC 10.4b: which attributes judge an ended cycle. */
export type GoalAt = 'after_stop' | 'before_stop';
export type MetricSpec = {
  kind: MetricKind;
  start?: Trigger | Trigger[];
  stop?: Trigger | Trigger[];
  cancel?: Trigger | Trigger[];
  /** SPEC 12: `null` removes a kind's default pause (and means no pause on every kind). */
  pauseWhen?: Condition | null;
  restart?: RestartMode;
  goals: Goal[];
  warnings?: string[];
  calendarAt?: CalendarAt;
  goalAt?: GoalAt;
  /** SPEC 12: every cycle records the attribute's value right after the event that started it. */
  keyBy?: string;
  /** SPEC 12: the owner attribute of the `ownership` kind (default `"group"`). */
  field?: string;
};
/** SPEC 10.2: a zone, or the zone held by an attribute with a default. */
export type TimeZoneRef = string | { attribute: string; default: string };
/** A policy calendar: a plain calendar, or a template (10.2), naming holiday sets (10.5). */
export type PolicyCalendarSpec =
  | '24/7'
  | (Omit<NaiveZonedSpec, 'timeZone'> & {
      readonly timeZone: TimeZoneRef;
      readonly holidaySets?: readonly string[];
    });
export type PolicySpec = {
  calendars?: Record<string, PolicyCalendarSpec>;
  holidaySets?: Record<string, HolidayEntry[]>;
  resolvedWhen?: Condition;
  metrics: Record<string, MetricSpec>;
};
/** SPEC 13: `{ versions: { from, policy }[]; select?: "created" | "now" }`. */
export type VersionedPolicySpec = {
  versions: { from: InstantInput; policy: PolicySpec }[];
  select?: 'created' | 'now';
};
/**
 * SPEC 10.3: the host's calendars, as specs (the fast engine takes them compiled): a record, or a
 * function from a name to a calendar or `undefined`.
 */
export type HostCalendars =
  | Readonly<Record<string, NaiveCalendarSpec>>
  | ((name: string) => NaiveCalendarSpec | undefined);
/** The options of `naiveComputeSlaState` beside `now`. */
export interface NaiveOptions {
  readonly calendars?: HostCalendars | undefined;
}

export type CycleStatus = 'inactive' | 'running' | 'paused' | 'met' | 'breached' | 'cancelled' | 'stopped';
export type WarningState = { threshold: string; at: number | null; reached: boolean };
export type CycleState = {
  status: CycleStatus;
  breached: boolean;
  /**
   * SPEC 10.4: `calendar` is the name of the calendar used (a template's own name, a host
   * calendar's key); `timeZone` its zone as written (in the attribute or the spec), null for 24/7.
   */
  /** SPEC 11: `form` says which form of target the goal has; `target` is the resolved `targetMs`. */
  goal: {
    index: number;
    target: number;
    calendar: string;
    timeZone: string | null;
    form: TargetForm;
  } | null;
  /** SPEC 12: the `keyBy` attribute's value at the cycle's (first) start; null without keyBy. */
  key: Scalar;
  startedAt: number | null;
  stoppedAt: number | null;
  elapsed: number;
  remaining: number | null;
  percent: number | null;
  deadline: number | null;
  breachedAt: number | null;
  pausedFor: number;
  warnings: WarningState[];
  nextChangeAt: number | null;
};
export type MetricState = CycleState & { cycles: CycleState[]; breachedCycles: number };
export type SlaState = {
  ticketId: string | null;
  now: number;
  attributes: Attributes;
  metrics: Record<string, MetricState>;
  nextChangeAt: number | null;
  breached: boolean;
  /** SPEC 12: the earliest deadline among the metrics' latest cycles that are open and running. */
  nextDeadline: { metric: string; at: number } | null;
  /** SPEC 13: "the index used; null for an unversioned policy". */
  policyVersion: number | null;
};

// =============================================================================================
// Values at the edges (SPEC.md section 2), parsed by hand.

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an instant: a number as is, a `Date`'s time, or an RFC 3339 string. */
export function naiveInstantMs(input: InstantInput): number {
  if (typeof input === 'number') return input;
  if (input instanceof Date) return input.getTime();
  const m = rfc3339.exec(input);
  if (m === null) throw new Error(`oracle: not an RFC 3339 instant: ${input}`);
  const [, year, month, day, hour, minute, second, fraction = '', offset = 'Z'] = m;
  // SPEC: "digits past milliseconds are truncated".
  const ms = Number(`${fraction}000`.slice(0, 3));
  const wallMs = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    ms,
  );
  if (offset === 'Z' || offset === 'z') return wallMs;
  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetMs = (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * msPerMinute;
  // The wall clock is UTC plus the offset.
  return wallMs - sign * offsetMs;
}

const msPerWeek = 7 * msPerDay;
// SPEC: "a compact string of integer units in descending order, each at most once: w d h m s ms".
// (`m(?!s)`: the minutes unit is not the start of "ms".)
const compactDuration = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;
// SPEC: 'ISO 8601 ("PT4H", "P1DT2H", "P1W"; no years or months)'.
const isoDuration = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d+))?S)?)?$/i;

/** Milliseconds of a duration. `d` = 24 hours and `w` = 7 d of counted time. */
export function naiveDurationMs(input: DurationInput): number {
  if (typeof input === 'number') return input;
  const compact = compactDuration.exec(input);
  if (compact !== null && input !== '') {
    const [, w = '0', d = '0', h = '0', m = '0', s = '0', ms = '0'] = compact;
    return (
      Number(w) * msPerWeek +
      Number(d) * msPerDay +
      Number(h) * msPerHour +
      Number(m) * msPerMinute +
      Number(s) * msPerSecond +
      Number(ms)
    );
  }
  const iso = isoDuration.exec(input);
  if (iso !== null && input.length > 1 && !/T$/i.test(input)) {
    const [, w = '0', d = '0', h = '0', m = '0', s = '0', fraction = ''] = iso;
    return (
      Number(w) * msPerWeek +
      Number(d) * msPerDay +
      Number(h) * msPerHour +
      Number(m) * msPerMinute +
      Number(s) * msPerSecond +
      Number(`${fraction}000`.slice(0, 3))
    );
  }
  throw new Error(`oracle: not a duration: ${input}`);
}

/**
 * A warning's threshold of counted time. SPEC: '"p%" → ceil(target × p / 100) ms in exact
 * arithmetic (p has at most 2 decimals); "-D" → max(0, target − D); "+D" → target + D'.
 */
export function naiveWarningThresholdMs(warning: string, targetMs: number): number {
  // AMBIGUITY: SPEC does not say whether p (or a threshold) may be 0: "0%" and "-D" with D >= target
  // give threshold 0 here, reached at startedAt. (src/ rejects "0%"; the generators avoid it.)
  const percent = /^(\d+)(?:\.(\d{1,2}))?%$/.exec(warning);
  if (percent !== null) {
    const [, whole = '0', decimals = ''] = percent;
    // p in hundredths of a percent, so target × p / 100 = target × hundredths / 10 000, in BigInt.
    const hundredths = BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0'));
    const numerator = BigInt(targetMs) * hundredths;
    const ceiling = (numerator + 9999n) / 10000n;
    return Number(ceiling);
  }
  if (warning.startsWith('-')) return Math.max(0, targetMs - naiveDurationMs(warning.slice(1)));
  if (warning.startsWith('+')) return targetMs + naiveDurationMs(warning.slice(1));
  throw new Error(`oracle: not a warning: ${warning}`);
}

// =============================================================================================
// Conditions (SPEC.md section 5), by a recursive interpreter over a Map of attributes.

type AttributeMap = ReadonlyMap<string, Scalar>;

/** SPEC: "null matches a missing field"; otherwise equality is strict (`1` does not match `"1"`). */
function scalarMatches(expected: Scalar, present: boolean, value: Scalar | undefined): boolean {
  if (expected === null) return !present;
  return present && value === expected;
}

function matcherMatches(matcher: Matcher, present: boolean, value: Scalar | undefined): boolean {
  // "Scalar | Scalar[]: equals / is one of"; "a matcher [] matches nothing".
  if (Array.isArray(matcher)) return matcher.some((s) => scalarMatches(s, present, value));
  if (matcher === null || typeof matcher !== 'object') return scalarMatches(matcher, present, value);
  if ('exists' in matcher) return present === matcher.exists;
  return !matcherMatches(matcher.not, present, value);
}

/** Whether `condition` holds on `attributes`. */
export function naiveHolds(condition: Condition, attributes: AttributeMap): boolean {
  const keys = Object.keys(condition);
  const record = condition as Record<string, unknown>;
  // SPEC: '"all", "any" and "not" must be the only key of their object. {} and { all: [] } always
  // hold, { any: [] } never does'.
  if (keys.length === 1 && keys[0] === 'all') {
    return (record.all as Condition[]).every((c) => naiveHolds(c, attributes));
  }
  if (keys.length === 1 && keys[0] === 'any') {
    return (record.any as Condition[]).some((c) => naiveHolds(c, attributes));
  }
  if (keys.length === 1 && keys[0] === 'not') return !naiveHolds(record.not as Condition, attributes);
  // SPEC: "{ [field: string]: Matcher }: all fields must match".
  return keys.every((field) => {
    const present = attributes.has(field);
    return matcherMatches(record[field] as Matcher, present, attributes.get(field));
  });
}

// =============================================================================================
// The policy, read into rules: each kind's defaults (SPEC.md section 6), overridden by the spec.

/**
 * A trigger as the replay checks it. `on`, `when` and `changed` are the policy's forms; the others
 * are the default start rules of the tables in SPEC.md sections 6 and 12 that are none of them.
 */
type Rule =
  | { readonly form: 'on'; readonly on: 'created' | 'customer_message' | 'agent_message' }
  | { readonly form: 'when'; readonly condition: Condition }
  // SPEC 12: "{ changed: string }".
  | { readonly form: 'changed'; readonly field: string }
  // ownership: "while resolvedWhen does not hold (after the event's attributes): created with F
  // set; F changes to a present value; a reopen while F is set".
  | { readonly form: 'ownershipStart'; readonly field: string }
  // first_response: "after a cancel, a reopen (resolvedWhen turns false) while no public agent
  // message exists yet".
  | { readonly form: 'reopenBeforeAnyReply' }
  // next_response: "a customer message while no cycle is open, once at least one public agent
  // message exists".
  | { readonly form: 'customerMessageAfterAReply' }
  // resolution: "a reopen (resolvedWhen stops holding)".
  | { readonly form: 'reopen' };

interface MetricRules {
  readonly name: string;
  readonly start: readonly Rule[];
  readonly stop: readonly Rule[];
  readonly cancel: readonly Rule[];
  readonly pauseWhen: Condition | undefined;
  readonly restart: RestartMode;
  readonly goals: readonly Goal[];
  readonly warnings: readonly string[];
  readonly calendarAt: CalendarAt;
  readonly goalAt: GoalAt;
  /** SPEC 12: the attribute whose value each cycle records as its `key`; undefined: none. */
  readonly keyBy: string | undefined;
}

function rulesOf(triggers: Trigger | Trigger[] | undefined): Rule[] | undefined {
  if (triggers === undefined) return undefined;
  const list = Array.isArray(triggers) ? triggers : [triggers];
  return list.map((t): Rule => {
    if ('on' in t) return { form: 'on', on: t.on };
    if ('changed' in t) return { form: 'changed', field: t.changed };
    return { form: 'when', condition: t.when };
  });
}

function metricRulesOf(name: string, spec: MetricSpec, resolvedWhen: Condition): MetricRules {
  const resolved: Rule = { form: 'when', condition: resolvedWhen };
  const agentMessage: Rule = { form: 'on', on: 'agent_message' };
  const created: Rule = { form: 'on', on: 'created' };
  // The table of SPEC.md section 6: | kind | a cycle starts | it stops | restart | cancelled when |,
  // and SPEC 12's: | kind | a cycle starts | it stops | cancelled when | restart | pauseWhen default
  // | keyBy, goalAt |.
  let defaults: {
    start: Rule[];
    stop: Rule[];
    cancel: Rule[];
    restart: RestartMode;
    pauseWhen?: Condition;
    keyBy?: string;
    goalAt?: GoalAt;
  };
  // SPEC 12: "F defaults to "group" and is set with field" ("field is allowed on ownership only").
  const owner = spec.field ?? 'group';
  switch (spec.kind) {
    case 'first_response':
      // "created; and, after a cancel, a reopen (resolvedWhen turns false) while no public agent
      // message exists yet | first public agent message | never | resolvedWhen starts to hold".
      defaults = {
        start: [created, { form: 'reopenBeforeAnyReply' }],
        stop: [agentMessage],
        cancel: [resolved],
        restart: 'never',
      };
      break;
    case 'next_response':
      // "a customer message while no cycle is open, once at least one public agent message exists
      // | next public agent message | new_cycle | resolvedWhen starts to hold".
      defaults = {
        start: [{ form: 'customerMessageAfterAReply' }],
        stop: [agentMessage],
        cancel: [resolved],
        restart: 'new_cycle',
      };
      break;
    case 'periodic_update':
      // "each public agent message | the next public agent message | new_cycle | resolvedWhen
      // starts to hold".
      defaults = { start: [agentMessage], stop: [agentMessage], cancel: [resolved], restart: 'new_cycle' };
      break;
    case 'resolution':
      // "created; and a reopen (resolvedWhen stops holding) | resolvedWhen starts to hold | resume
      // | —".
      defaults = { start: [created, { form: 'reopen' }], stop: [resolved], cancel: [], restart: 'resume' };
      break;
    case 'custom':
      // "start (required) | stop (required) | default new_cycle | cancel".
      defaults = { start: [], stop: [], cancel: [], restart: 'new_cycle' };
      break;
    case 'ownership':
      // SPEC 12: "while resolvedWhen does not hold (after the event's attributes): created with F
      // set; F changes to a present value; a reopen while F is set | F changes (to anything,
      // removal included); resolvedWhen starts to hold | — | new_cycle | none | F, "before_stop"".
      defaults = {
        start: [{ form: 'ownershipStart', field: owner }],
        stop: [{ form: 'changed', field: owner }, resolved],
        cancel: [],
        restart: 'new_cycle',
        keyBy: owner,
        goalAt: 'before_stop',
      };
      break;
    case 'requester_wait':
      // "as resolution | as resolution | — | resume | { status: "pending" } | —".
      defaults = {
        start: [created, { form: 'reopen' }],
        stop: [resolved],
        cancel: [],
        restart: 'resume',
        pauseWhen: { status: 'pending' },
      };
      break;
    case 'agent_work':
      // "as resolution | as resolution | — | resume | { status: ["pending", "hold", "on_hold"] } | —".
      defaults = {
        start: [created, { form: 'reopen' }],
        stop: [resolved],
        cancel: [],
        restart: 'resume',
        pauseWhen: { status: ['pending', 'hold', 'on_hold'] },
      };
      break;
    case 'pausable_update':
      // "as periodic_update | as periodic_update | resolvedWhen starts to hold | new_cycle |
      // { status: "pending" } | —".
      defaults = {
        start: [agentMessage],
        stop: [agentMessage],
        cancel: [resolved],
        restart: 'new_cycle',
        pauseWhen: { status: 'pending' },
      };
      break;
  }
  // SPEC: "each default may be overridden".
  // AMBIGUITY: an override replaces the kind's default for that column entirely (a first_response
  // with its own `start` no longer has the "reopen after a cancel" start).
  return {
    name,
    start: rulesOf(spec.start) ?? defaults.start,
    stop: rulesOf(spec.stop) ?? defaults.stop,
    cancel: rulesOf(spec.cancel) ?? defaults.cancel,
    // SPEC 12: "A given pauseWhen replaces the default; pauseWhen: null removes it (and is
    // allowed, meaning no pause, on every kind)."
    pauseWhen: spec.pauseWhen === null ? undefined : (spec.pauseWhen ?? defaults.pauseWhen),
    restart: spec.restart ?? defaults.restart,
    goals: spec.goals,
    warnings: spec.warnings ?? [],
    // SPEC 10.4: 'calendarAt: "goal" | "start" | "piecewise", default "goal"'; 10.4b: 'goalAt:
    // "after_stop" | "before_stop", default "after_stop"'; "The ownership kind defaults to
    // "before_stop"".
    calendarAt: spec.calendarAt ?? 'goal',
    goalAt: spec.goalAt ?? defaults.goalAt ?? 'after_stop',
    // SPEC 12: "Metric option keyBy: string"; ownership's "keyBy: F".
    // AMBIGUITY: a given keyBy replaces ownership's default F (as every default may be overridden),
    // and keyBy is read on every kind (the SPEC names no kind that refuses it).
    keyBy: spec.keyBy ?? defaults.keyBy,
  };
}

// =============================================================================================
// The replay (SPEC.md sections 4 and 6): cycles with their history of clock states.

type ClockState = 'running' | 'paused' | 'stopped';

interface Cycle {
  readonly startedAtMs: number;
  /** Every change of the clock, in order; the state at t is that of the last change at or before t. */
  readonly history: { atMs: number; state: ClockState }[];
  end: 'open' | 'stopped' | 'cancelled';
  stoppedAtMs: number | null;
  /** The attributes right after the event that first started the cycle (`calendarAt: "start"`). */
  readonly attributesAtStart: AttributeMap;
  /** The attributes right after the event that stopped or cancelled the cycle (`goalAt: "after_stop"`). */
  attributesAtEnd: AttributeMap | null;
  /**
   * The attributes right before the event that stopped or cancelled the cycle, or right after it
   * when that event also started the cycle (`goalAt: "before_stop"`).
   */
  attributesBeforeEnd: AttributeMap | null;
}

interface OrderedEvent {
  readonly event: TicketEvent;
  readonly atMs: number;
}

/** What the triggers of one event look at. */
interface EventView {
  readonly event: TicketEvent;
  /** The attributes before the event; `null` before `created` ("before created nothing holds"). */
  readonly before: AttributeMap | null;
  readonly after: AttributeMap;
  /** Public agent messages applied before this event. */
  readonly publicAgentMessagesBefore: number;
}

function isPublicAgentMessage(event: TicketEvent): boolean {
  // SPEC: "agent_message = public agent message"; "public defaults to true".
  return event.type === 'message' && event.author === 'agent' && event.public !== false;
}

function isCustomerMessage(event: TicketEvent): boolean {
  // SPEC: "A customer message counts whatever its public flag."
  return event.type === 'message' && event.author === 'customer';
}

/** Whether a condition held before the event: never before `created`. */
function heldBefore(condition: Condition, view: EventView): boolean {
  return view.before !== null && naiveHolds(condition, view.before);
}

/** Whether a rule fires at this event. */
/**
 * SPEC 12: "fires at an event after which the named attribute's value differs from its value
 * before (strict equality; absent is a value, and setting null on an absent field is no change;
 * created fires it when it sets the field; a system message's attributes can fire it)".
 */
function changedAt(field: string, view: EventView): boolean {
  // Before created every field is absent.
  const presentBefore = view.before?.has(field) === true;
  const presentAfter = view.after.has(field);
  if (presentBefore !== presentAfter) return true;
  return presentAfter && view.before?.get(field) !== view.after.get(field);
}

/** SPEC 6: "A reopen is the event after which resolvedWhen stops holding." */
function isReopen(view: EventView, resolvedWhen: Condition): boolean {
  return heldBefore(resolvedWhen, view) && !naiveHolds(resolvedWhen, view.after);
}

function fires(rule: Rule, view: EventView, resolvedWhen: Condition): boolean {
  switch (rule.form) {
    case 'changed':
      return changedAt(rule.field, view);
    case 'ownershipStart': {
      // SPEC 12: "while resolvedWhen does not hold (after the event's attributes): created with F
      // set; F changes to a present value; a reopen while F is set". ("F set": present after the
      // event, null having removed it.)
      if (naiveHolds(resolvedWhen, view.after) || !view.after.has(rule.field)) return false;
      return view.event.type === 'created' || changedAt(rule.field, view) || isReopen(view, resolvedWhen);
    }
    case 'on':
      if (rule.on === 'created') return view.event.type === 'created';
      if (rule.on === 'customer_message') return isCustomerMessage(view.event);
      // SPEC: "system messages (bots, automations) fire no message trigger".
      return isPublicAgentMessage(view.event);
    case 'when':
      // SPEC: "{ when: C } fires at an event after which C holds and before which it did not;
      // before created nothing holds".
      return naiveHolds(rule.condition, view.after) && !heldBefore(rule.condition, view);
    case 'reopen':
      // SPEC: "A reopen is the event after which resolvedWhen stops holding."
      return heldBefore(resolvedWhen, view) && !naiveHolds(resolvedWhen, view.after);
    case 'reopenBeforeAnyReply': {
      // AMBIGUITY: "after a cancel" is read as describing when this start matters, not as a
      // condition of the trigger: the trigger is "a reopen while no public agent message exists
      // yet", and `restart` decides what it does after a stop (with the default "never": nothing,
      // so under the defaults it acts only after a cancel, or when no cycle exists yet, as for a
      // ticket imported solved and reopened before any reply). The two readings differ only when
      // `restart` or `stop` is overridden. "While no public agent message exists yet" counts the
      // reopening event itself (a public agent reply that reopens the ticket answers it).
      const repliesSoFar = view.publicAgentMessagesBefore + (isPublicAgentMessage(view.event) ? 1 : 0);
      const reopen = heldBefore(resolvedWhen, view) && !naiveHolds(resolvedWhen, view.after);
      return reopen && repliesSoFar === 0;
    }
    case 'customerMessageAfterAReply':
      // "while no cycle is open" is step (2)'s "one cycle at a time".
      // AMBIGUITY: a customer message on a ticket where resolvedWhen holds starts no cycle, by
      // step (3) (the default cancel condition already holds), not by a rule of its own.
      return isCustomerMessage(view.event) && view.publicAgentMessagesBefore > 0;
  }
}

function anyFires(rules: readonly Rule[], view: EventView, resolvedWhen: Condition): boolean {
  return rules.some((rule) => fires(rule, view, resolvedWhen));
}

/** Whether a `when`-form rule of the list holds now (step (3)). */
function anyWhenHolds(rules: readonly Rule[], attributes: AttributeMap): boolean {
  return rules.some((rule) => rule.form === 'when' && naiveHolds(rule.condition, attributes));
}

/**
 * Ends the cycle at this event; `startedByThisEvent` when step (2) of the same event started or
 * resumed it. `view.before` is null only at `created`, which can end only a cycle it started.
 */
function endCycle(
  cycle: Cycle,
  end: 'stopped' | 'cancelled',
  atMs: number,
  view: EventView,
  startedByThisEvent: boolean,
): void {
  cycle.end = end;
  cycle.stoppedAtMs = atMs;
  cycle.attributesAtEnd = new Map(view.after);
  // SPEC 10.4b: "With "before_stop" they are the attributes right before that event: the last
  // state the cycle lived under." "a cycle that one event both starts and stops uses the
  // attributes right after it (the only state it lived under)."
  // AMBIGUITY: "right before that event" = before that one event, after the earlier events that
  // share its instant (as "right after" is read in cycleStateOf).
  // AMBIGUITY: a cycle that an event resumes (restart "resume") and at once stops again (step (3))
  // counts as one that "one event both starts and stops" (step (2): a start trigger "may start a
  // cycle (or resume one)"): it takes the attributes right after the event. The SPEC's reason
  // decides it: before_stop means "the last state the cycle lived under", and the resumed cycle
  // last lived, for no time at all, under the attributes right after the event; right before it,
  // the cycle was stopped. (The other reading, "its first start" as 10.4 counts starts, would
  // take the attributes right before the event.)
  cycle.attributesBeforeEnd = new Map(startedByThisEvent || view.before === null ? view.after : view.before);
  cycle.history.push({ atMs, state: 'stopped' });
}

/** The events that apply at `nowMs`, in the order they apply. */
function orderedEvents(events: readonly TicketEvent[], nowMs: number): OrderedEvent[] {
  const all = events.map((event) => ({ event, atMs: naiveInstantMs(event.at) }));
  // SPEC: "Exactly one created ... it is always applied first. Other events are applied in time
  // order; events with equal at keep their order in the log." (Array.prototype.sort is stable.)
  const created = all.filter((e) => e.event.type === 'created');
  const others = all.filter((e) => e.event.type !== 'created').sort((a, b) => a.atMs - b.atMs);
  // SPEC: "Events with at <= now apply; events after now are ignored".
  return [...created, ...others].filter((e) => e.atMs <= nowMs);
}

interface Replay {
  readonly attributes: AttributeMap;
  readonly cycles: ReadonlyMap<string, readonly Cycle[]>;
  /** The attributes right after each applied event, in applied order (for `calendarAt: "piecewise"`). */
  readonly timeline: readonly { readonly atMs: number; readonly attributes: AttributeMap }[];
}

function replay(
  events: readonly OrderedEvent[],
  rules: readonly MetricRules[],
  resolvedWhen: Condition,
): Replay {
  // A Map, so that "__proto__" and "constructor" are ordinary keys.
  const attributes = new Map<string, Scalar>();
  const cycles = new Map<string, Cycle[]>(rules.map((r) => [r.name, []]));
  const timeline: { atMs: number; attributes: AttributeMap }[] = [];
  let createdApplied = false;
  let publicAgentMessages = 0;
  for (const { event, atMs } of events) {
    const before = createdApplied ? new Map(attributes) : null;
    // SPEC: "Apply the event's attributes." ("null removes"; a message's attributes "are applied
    // first, then the message itself is evaluated".)
    for (const [key, value] of Object.entries(event.attributes ?? {})) {
      if (value === null) attributes.delete(key);
      else attributes.set(key, value);
    }
    createdApplied = true;
    timeline.push({ atMs, attributes: new Map(attributes) });
    const view: EventView = {
      event,
      before,
      after: attributes,
      publicAgentMessagesBefore: publicAgentMessages,
    };
    for (const metric of rules) {
      const list = cycles.get(metric.name) as Cycle[];
      const lastBefore = list.at(-1);
      // (1) "an open cycle stops if a stop trigger fires, otherwise is cancelled if a cancel
      // trigger fires (stop wins over cancel, as in ServiceNow)".
      if (lastBefore !== undefined && lastBefore.end === 'open') {
        if (anyFires(metric.stop, view, resolvedWhen)) {
          endCycle(lastBefore, 'stopped', atMs, view, false);
        } else if (anyFires(metric.cancel, view, resolvedWhen)) {
          endCycle(lastBefore, 'cancelled', atMs, view, false);
        }
      }
      // (2) "a start trigger may start a cycle (or resume one, per restart)". "One cycle at a
      // time ... a start trigger while one is open does nothing."
      const latest = list.at(-1);
      if ((latest === undefined || latest.end !== 'open') && anyFires(metric.start, view, resolvedWhen)) {
        // "After a cancel, a start trigger always starts a new cycle, whatever restart says."
        // restart: "what a start trigger does after the metric's cycle has stopped".
        let action: 'new' | 'resume' | 'none';
        if (latest === undefined || latest.end === 'cancelled') action = 'new';
        else if (metric.restart === 'never') action = 'none';
        else if (metric.restart === 'resume') action = 'resume';
        else action = 'new';
        // (3) "if a when-form stop condition of that cycle already holds, it stops at the same
        // instant with elapsed 0 (met); else if a when-form cancel condition holds, no cycle is
        // created at all (zero-length cancelled cycles never exist); on-form triggers are events,
        // used up in step (1) by the cycle that was open".
        // AMBIGUITY: "that cycle" is the one step (2) of this same event started or resumed; an
        // open cycle is never checked this way (its when-form stop or cancel fires on the edge).
        const stopHolds = anyWhenHolds(metric.stop, attributes);
        const cancelHolds = !stopHolds && anyWhenHolds(metric.cancel, attributes);
        if (action === 'new' && !cancelHolds) {
          const cycle: Cycle = {
            startedAtMs: atMs,
            history: [{ atMs, state: 'running' }],
            end: 'open',
            stoppedAtMs: null,
            // SPEC 10.4 "start": "the attributes right after the event that started the cycle".
            // AMBIGUITY: after that one event, not after later events at the same instant.
            attributesAtStart: new Map(attributes),
            attributesAtEnd: null,
            attributesBeforeEnd: null,
          };
          list.push(cycle);
          if (stopHolds) endCycle(cycle, 'stopped', atMs, view, true);
        } else if (action === 'resume' && latest !== undefined && !cancelHolds) {
          // "restart: resume: the cycle is open again and its goal is chosen afresh at its next
          // stop or at now; the time it spent stopped counts neither as elapsed nor as paused."
          // AMBIGUITY: a resumed cycle has stoppedAt null while open again; a when-form cancel
          // condition that holds at the resume keeps it stopped (no resume); a when-form stop
          // condition that holds stops it again at once, keeping its elapsed time (the "elapsed 0"
          // of step (3) is about new cycles) and taking this event's stop instant and goal.
          // SPEC 10.4 "start": "(for a resumed cycle, its first start)": attributesAtStart stays.
          latest.end = 'open';
          latest.stoppedAtMs = null;
          latest.attributesAtEnd = null;
          latest.attributesBeforeEnd = null;
          latest.history.push({ atMs, state: 'running' });
          if (stopHolds) endCycle(latest, 'stopped', atMs, view, true);
        }
      }
      // (4) "the pause state is re-evaluated": "pauseWhen: the clock does not count while this
      // holds".
      const open = list.at(-1);
      if (open !== undefined && open.end === 'open') {
        const paused = metric.pauseWhen !== undefined && naiveHolds(metric.pauseWhen, attributes);
        open.history.push({ atMs, state: paused ? 'paused' : 'running' });
      }
    }
    if (isPublicAgentMessage(event)) publicAgentMessages += 1;
  }
  return { attributes, cycles, timeline };
}

// =============================================================================================
// Counting (SPEC.md section 6, "Counting"), by stepping through time a minute at a time.

/**
 * How far past `now` a running cycle's future is walked to find its deadline and projected
 * warnings. Beyond it the answer is reported as `null` ("never"), which is right only for
 * calendars that never open again. The generators keep every reachable instant well inside it:
 * the most counted time ever looked for is a 2-day target's "150%" warning, 72 hours, on calendars
 * open at least 12 hours a week (6 weeks), plus a week or so of holidays and closing overrides.
 */
export const PROJECTION_SEARCH_MS = 90 * msPerDay;

// Wall-clock offsets from Intl, remembered per zone and UTC minute (a memo: Intl answers the same
// question the same way). Intl costs ~8 µs a call, so each UTC hour is first asked at both ends:
// when the offsets agree the whole hour has that offset (no zone in the tz database changes its
// offset twice within an hour, so an hour with equal ends holds no transition); when they differ,
// every minute of the hour is asked.
const offsetMemo = new Map<string, Map<number, Int32Array>>();
const unknownOffset = 0x7fffffff;

function offsetMinutesFromIntl(timeZone: string, ms: number): number {
  const wall = wallClockAt(timeZone, ms);
  return (wall.dayNumber * msPerDay + wall.timeOfDayMs - ms) / msPerMinute;
}

function offsetMinutesAt(timeZone: string, minuteMs: number): number {
  let zoneMemo = offsetMemo.get(timeZone);
  if (zoneMemo === undefined) {
    zoneMemo = new Map();
    offsetMemo.set(timeZone, zoneMemo);
  }
  const hourMs = Math.floor(minuteMs / msPerHour) * msPerHour;
  let minutes = zoneMemo.get(hourMs);
  if (minutes === undefined) {
    minutes = new Int32Array(60).fill(unknownOffset);
    const first = offsetMinutesFromIntl(timeZone, hourMs);
    const next = offsetMinutesFromIntl(timeZone, hourMs + msPerHour);
    if (first === next) minutes.fill(first);
    else for (let i = 0; i < 60; i++) minutes[i] = offsetMinutesFromIntl(timeZone, hourMs + i * msPerMinute);
    if (zoneMemo.size > 200_000) zoneMemo.clear();
    zoneMemo.set(hourMs, minutes);
  }
  return minutes[(minuteMs - hourMs) / msPerMinute] as number;
}

/**
 * Whether the calendar is open throughout the UTC minute starting at `minuteMs`: the SPEC's
 * definition as naiveCalendar.ts states it (`isOpenAtWallClock`), at the wall clock of the
 * minute's start. The open state cannot change inside the minute: interval bounds are whole
 * minutes (`assertSteppable`) and so are the offsets of every zone since 1972.
 */
export function isOpenDuringMinute(calendar: CalendarSpec, minuteMs: number): boolean {
  if (calendar === '24/7') return true;
  const localMs = minuteMs + offsetMinutesAt(calendar.timeZone, minuteMs) * msPerMinute;
  const dayNumber = Math.floor(localMs / msPerDay);
  return isOpenAtWallClock(calendar, dayNumber, localMs - dayNumber * msPerDay);
}

/** The clock state of the cycle at instant t (the ms `[t, t + 1)`): the last change at or before t. */
function clockStateAt(cycle: Cycle, t: number): ClockState {
  let state: ClockState = 'stopped';
  for (const change of cycle.history) if (change.atMs <= t) state = change.state;
  return state;
}

/** The first history change strictly after t, or +Infinity. */
function nextChangeAfter(cycle: Cycle, t: number): number {
  for (const change of cycle.history) if (change.atMs > t) return change.atMs;
  return Number.POSITIVE_INFINITY;
}

/** A calendar no date of which has hours: hours(D) is empty for every D, so it is never open. */
function neverOpens(calendar: CalendarSpec): boolean {
  return (
    calendar !== '24/7' &&
    [...Object.values(calendar.week), ...(calendar.overrides ?? []).map((o) => o.hours)].every(
      (h) => h === undefined || h.length === 0,
    )
  );
}

/**
 * Which calendar counts each instant of a cycle: the calendar of the last piece whose `fromMs` is
 * at or before the instant. One piece from -Infinity for `calendarAt` "goal" and "start"; for
 * "piecewise", one per applied event and one from the end of what is known (now, or the cycle's
 * end) on.
 */
type CalendarPieces = readonly { readonly fromMs: number; readonly calendar: CalendarSpec }[];

function calendarOfPieceAt(pieces: CalendarPieces, t: number): CalendarSpec {
  // The latest start at or before t; of equal starts, the one listed last.
  let latest: CalendarPieces[number] | undefined;
  for (const piece of pieces)
    if (piece.fromMs <= t && (latest === undefined || piece.fromMs >= latest.fromMs)) latest = piece;
  return latest?.calendar ?? '24/7';
}

/** The earliest piece start strictly after t, or +Infinity. */
function nextPieceAfter(pieces: CalendarPieces, t: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const piece of pieces) if (piece.fromMs > t) next = Math.min(next, piece.fromMs);
  return next;
}

/**
 * The stretches `[fromMs, toMs)` during which the cycle counts: it is running (open, not paused)
 * and the calendar of that instant (`pieces`) is open. Walked from `startedAt` one UTC minute at a
 * time (a minute is cut where the cycle's state or its calendar changes, so partial minutes count
 * exactly) up to `untilMs`; then, for a running cycle whose future is asked (`project`), on until
 * more than `project.beyondMs` has been counted or the search bound is reached, the state at now
 * continuing ("assuming the state at now continues": no history change lies after now).
 */
function countingStretches(
  cycle: Cycle,
  pieces: CalendarPieces,
  untilMs: number,
  project: { readonly beyondMs: number; readonly limitMs: number } | null,
): [number, number][] {
  for (const piece of pieces) assertSteppable(piece.calendar, msPerMinute);
  const stretches: [number, number][] = [];
  // No calendar that is ever open: nothing ever counts (saves walking the whole search bound).
  if (pieces.every((piece) => neverOpens(piece.calendar))) return stretches;
  let countedMs = 0;
  const endMs = project === null ? untilMs : project.limitMs;
  for (let t = cycle.startedAtMs; t < endMs; ) {
    if (project !== null && t >= untilMs && countedMs > project.beyondMs) break;
    const calendar = calendarOfPieceAt(pieces, t);
    // Past `untilMs` the calendar no longer changes (no event lies after now): one that never
    // opens counts nothing more.
    if (t >= untilMs && neverOpens(calendar)) break;
    const minuteMs = Math.floor(t / msPerMinute) * msPerMinute;
    const stepEndMs = Math.min(
      minuteMs + msPerMinute,
      endMs,
      nextChangeAfter(cycle, t),
      nextPieceAfter(pieces, t),
    );
    if (clockStateAt(cycle, t) === 'running' && isOpenDuringMinute(calendar, minuteMs)) {
      countedMs += stepEndMs - t;
      const last = stretches.at(-1);
      if (last !== undefined && last[1] === t) last[1] = stepEndMs;
      else stretches.push([t, stepEndMs]);
    }
    t = stepEndMs;
  }
  return stretches;
}

/** elapsed(t): counted ms in `[startedAt, t)`. */
function countedBefore(stretches: readonly [number, number][], t: number): number {
  let countedMs = 0;
  for (const [fromMs, toMs] of stretches) countedMs += Math.max(0, Math.min(toMs, t) - fromMs);
  return countedMs;
}

/** The first t >= startedAt with elapsed(t) >= threshold, or null when not within the stretches. */
function firstReaching(stretches: readonly [number, number][], startedAtMs: number, thresholdMs: number) {
  if (thresholdMs <= 0) return startedAtMs;
  let countedMs = 0;
  for (const [fromMs, toMs] of stretches) {
    if (countedMs + (toMs - fromMs) >= thresholdMs) return fromMs + (thresholdMs - countedMs);
    countedMs += toMs - fromMs;
  }
  return null;
}

/**
 * The largest t with elapsed(t) <= target, when elapsed later exceeds the target: the instant at
 * which counting goes on with exactly `target` counted. null when the stretches never exceed it.
 */
function lastOnTime(stretches: readonly [number, number][], targetMs: number): number | null {
  let countedMs = 0;
  for (const [fromMs, toMs] of stretches) {
    // elapsed(fromMs + (target - counted)) = target, and the ms after it counts.
    if (countedMs + (toMs - fromMs) > targetMs) return fromMs + (targetMs - countedMs);
    countedMs += toMs - fromMs;
  }
  return null;
}

/** Real ms in `[startedAt, untilMs)` during which the cycle was open and paused. */
function pausedBefore(cycle: Cycle, untilMs: number): number {
  let pausedMs = 0;
  cycle.history.forEach((change, i) => {
    const nextMs = cycle.history[i + 1]?.atMs ?? Number.POSITIVE_INFINITY;
    if (change.state === 'paused') pausedMs += Math.max(0, Math.min(nextMs, untilMs) - change.atMs);
  });
  return pausedMs;
}

// =============================================================================================
// Whose hours (SPEC.md section 10): which calendar a goal's reference names, with which zone.

/** A calendar as the engine uses it: the name it reports, its zone as written, and its hours. */
interface UsedCalendar {
  readonly name: string;
  readonly timeZone: string | null;
  readonly spec: CalendarSpec;
}

const builtIn247: UsedCalendar = { name: '24/7', timeZone: null, spec: '24/7' };

/** Whether `record` has `key` as an own key ("__proto__" and "toString" are not inherited names). */
function hasOwnKey(record: object | undefined, key: string): boolean {
  return record !== undefined && Object.hasOwn(record, key);
}

const zoneNameMemo = new Map<string, boolean>();

/**
 * SPEC 10.2: "any name the runtime's Intl.DateTimeFormat accepts, aliases and other letter cases
 * included, but never an offset string such as "+05:30"". Intl is asked (and its answer
 * remembered: a memo).
 */
export function naiveIsZoneName(text: string): boolean {
  let accepted = zoneNameMemo.get(text);
  if (accepted === undefined) {
    // AMBIGUITY: "an offset string" is any text that starts with a sign ("+05:30", "-08",
    // "+0530", and U+2212 MINUS SIGN too), which runtimes that take offset zones accept. IANA names
    // with a sign inside ("Etc/GMT+5") are names, and stay accepted.
    if (/^[+\-\u2212]/.test(text)) accepted = false;
    else {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: text });
        accepted = true;
      } catch {
        accepted = false;
      }
    }
    zoneNameMemo.set(text, accepted);
  }
  return accepted;
}

/** SPEC 10.2: the zone of a template with these attributes, as written. */
function zoneOf(timeZone: TimeZoneRef, attributes: AttributeMap): string {
  if (typeof timeZone === 'string') return timeZone;
  // "missing, not a string, or not such a zone → default".
  const value = attributes.get(timeZone.attribute);
  return typeof value === 'string' && naiveIsZoneName(value) ? value : timeZone.default;
}

// Each (policy, policy calendar, zone) made into a plain calendar once (a memo: the same hours each
// time, and naiveCalendar.ts remembers what it read from a spec by the spec object). Keyed by the
// policy too: one calendar object may sit in two policies with different holiday sets.
const instantiated = new WeakMap<PolicySpec, WeakMap<object, Map<string, NaiveZonedSpec>>>();

/**
 * A policy calendar in a zone: "the same week, holidays and overrides, in the IANA zone named by
 * that attribute" (10.2), with its closed dates "the union of its holidays and of every named
 * set" (10.5).
 */
function inZone(
  policy: PolicySpec,
  calendar: Exclude<PolicyCalendarSpec, '24/7'>,
  timeZone: string,
): NaiveZonedSpec {
  let byCalendar = instantiated.get(policy);
  if (byCalendar === undefined) {
    byCalendar = new WeakMap();
    instantiated.set(policy, byCalendar);
  }
  let byZone = byCalendar.get(calendar);
  if (byZone === undefined) {
    byZone = new Map();
    byCalendar.set(calendar, byZone);
  }
  let spec = byZone.get(timeZone);
  if (spec === undefined) {
    const holidays = [
      ...(calendar.holidays ?? []),
      ...(calendar.holidaySets ?? []).flatMap((set) =>
        hasOwnKey(policy.holidaySets, set) ? (policy.holidaySets?.[set] ?? []) : [],
      ),
    ];
    spec = {
      timeZone,
      week: calendar.week,
      holidays,
      ...(calendar.overrides === undefined ? {} : { overrides: calendar.overrides }),
    };
    byZone.set(timeZone, spec);
  }
  return spec;
}

/** A calendar the policy defines (or "24/7"), its template zone resolved with these attributes. */
function policyCalendar(policy: PolicySpec, name: string, attributes: AttributeMap): UsedCalendar {
  // SPEC 6: '"24/7" is always defined and cannot be redefined'.
  if (name === '24/7') return builtIn247;
  const calendar = policy.calendars?.[name] as PolicyCalendarSpec;
  // A policy calendar written "24/7" under another name: its own name, no zone.
  if (calendar === '24/7') return { name, timeZone: null, spec: '24/7' };
  const timeZone = zoneOf(calendar.timeZone, attributes);
  return { name, timeZone, spec: inZone(policy, calendar, timeZone) };
}

/** SPEC 10.3: the host's calendar of that name, or undefined. */
function hostCalendar(host: HostCalendars | undefined, name: string): NaiveCalendarSpec | undefined {
  if (host === undefined) return undefined;
  // "a function (name: string) => Calendar | undefined".
  if (typeof host === 'function') return host(name);
  // "Host calendars are looked up by own keys only."
  // AMBIGUITY: an own key whose value is undefined names no calendar (the SPEC makes any other
  // non-calendar value, null included, a validation error; the generators never write either).
  return hasOwnKey(host, name) ? host[name] : undefined;
}

/**
 * The calendar a goal's reference names with these attributes (SPEC 10.1), its template zone
 * resolved with the same attributes (10.2).
 */
function resolveCalendar(
  reference: CalendarRef | undefined,
  attributes: AttributeMap,
  policy: PolicySpec,
  host: HostCalendars | undefined,
): UsedCalendar {
  // SPEC 6: "calendar defaults to 24/7".
  if (reference === undefined) return builtIn247;
  // A plain name is a policy calendar or "24/7": "Only attribute references (10.1) reach" host
  // calendars.
  if (typeof reference === 'string') return policyCalendar(policy, reference, attributes);
  const value = attributes.get(reference.attribute);
  if (typeof value === 'string') {
    // "The attribute value "24/7" names the built-in calendar."
    // AMBIGUITY: before the host's calendars too: a host calendar keyed "24/7" is never reached.
    if (value === '24/7') return builtIn247;
    // "its value is looked up among the policy's calendars, then among the host's calendars";
    // "a policy calendar of the same name wins".
    // AMBIGUITY: the policy's calendars are looked up by own keys as well (an attribute value
    // "toString" or "constructor" names no policy calendar unless the policy defines it).
    if (hasOwnKey(policy.calendars, value)) return policyCalendar(policy, value, attributes);
    const fromHost = hostCalendar(host, value);
    if (fromHost !== undefined) {
      // SPEC 10.4: "goal.calendar is the calendar name actually used (... a host calendar's
      // key)"; "timeZone ... as written in ... the calendar spec ...; null for a calendar that is
      // 24/7".
      return { name: value, timeZone: fromHost === '24/7' ? null : fromHost.timeZone, spec: fromHost };
    }
  }
  // "When the attribute is missing, is not a string, or names no known calendar, default is used;
  // default must name a policy calendar or "24/7"". A default that is a template takes its zone
  // from the same attributes.
  return policyCalendar(policy, reference.default, attributes);
}

// =============================================================================================
// Targets beyond durations (SPEC.md section 11).

/** A goal's target, resolved when the goal is chosen: counted ms, and the form it was written in. */
export interface ResolvedTarget {
  readonly targetMs: number;
  readonly form: TargetForm;
}

/**
 * SPEC 2: "Targets must be > 0 and at most 100 years".
 * AMBIGUITY: 100 years are 36 525 days of 24 hours, as docs/policy.md pins it for Part I's
 * targets ("36525d" passes, "36526d" does not); the same bound holds for a duration read from an
 * attribute (SPEC 11: "at most 100 years").
 */
export const MAX_TARGET_MS = 36_525 * msPerDay;

// SPEC 2 and 16.3: "an RFC 3339 string with Z or a ±HH:MM offset", "T and Z in either case;
// seconds required", "digits past milliseconds are truncated"; "a space instead of T" and
// "offsets written ±HH or ±HHMM"; "still no string without an offset".
const lenientInstant =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** Days in a Gregorian month (month 1-12). */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
}

// SPEC 2: "Supported range: years 1900 to 2200."
const firstSupportedMs = Date.UTC(1900, 0, 1);
const afterSupportedMs = Date.UTC(2201, 0, 1);

/**
 * SPEC 11: the due instant an `until` attribute holds: "an RFC 3339 instant (section 2, with the
 * leniency of 16.3) or an integer epoch-ms number"; `null` when the value is missing or is neither.
 */
export function naiveDueInstantMs(value: Scalar | undefined): number | null {
  if (typeof value === 'number') {
    // AMBIGUITY: an epoch-ms number must also lie in section 2's supported range (UTC years 1900
    // to 2200); the generators stay far from its ends.
    return Number.isInteger(value) && value >= firstSupportedMs && value < afterSupportedMs ? value : null;
  }
  if (typeof value !== 'string') return null;
  const m = lenientInstant.exec(value);
  if (m === null) return null;
  const [, y, mo, d, h, mi, sec, fraction = '', zulu, sign, offsetHours = '00', offsetMinutes = '00'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  // AMBIGUITY: a string's year is checked as written (1900 to 2200); hours 00-23, minutes and
  // seconds 00-59 ("no leap second :60"), a day that exists in its month; an offset's hours 00-23
  // and minutes 00-59 ("-00:00" is accepted as UTC).
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
  if (Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
  const wallMs =
    Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(sec)) + Number(`${fraction}000`.slice(0, 3));
  if (zulu !== undefined) return wallMs;
  const offsetMs = (Number(offsetHours) * 60 + Number(offsetMinutes)) * msPerMinute;
  // The wall clock is UTC plus the offset.
  return sign === '-' ? wallMs + offsetMs : wallMs - offsetMs;
}

// SPEC 2's ISO 8601 durations.
// AMBIGUITY: as docs/policy.md pins Part I's grammar: uppercase only, up to 3 decimals of a second.
const strictIsoDuration = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,]\d{1,3})?S)?)?$/;

/**
 * SPEC 11: the duration an `attribute` target's attribute holds: "a Duration (string or positive
 * integer ms, at most 100 years; numeric strings, booleans, zero and fractions are invalid)";
 * `null` when missing or invalid.
 */
export function naiveAttributeDurationMs(value: Scalar | undefined): number | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value > 0 && value <= MAX_TARGET_MS ? value : null;
  }
  if (typeof value !== 'string') return null;
  const spelled =
    (value !== '' && compactDuration.test(value)) ||
    (strictIsoDuration.test(value) && value !== 'P' && !value.endsWith('T'));
  if (!spelled) return null;
  const ms = naiveDurationMs(value);
  return ms > 0 && ms <= MAX_TARGET_MS ? ms : null;
}

/** SPEC 11: 'On "24/7" every UTC date is an open day that ends at 24:00 UTC.' */
const everyUtcDate: NaiveZonedSpec = {
  timeZone: 'UTC',
  week: {
    mon: [['00:00', '24:00']],
    tue: [['00:00', '24:00']],
    wed: [['00:00', '24:00']],
    thu: [['00:00', '24:00']],
    fri: [['00:00', '24:00']],
    sat: [['00:00', '24:00']],
    sun: [['00:00', '24:00']],
  },
};

/** The wall clock of an instant (its local date as a day number, ms after that date's midnight). */
function wallAt(timeZone: string, ms: number): { dayNumber: number; timeOfDayMs: number } {
  // The offset is constant within each UTC minute (see isOpenDuringMinute).
  const minuteMs = Math.floor(ms / msPerMinute) * msPerMinute;
  const localMs = ms + offsetMinutesAt(timeZone, minuteMs) * msPerMinute;
  const dayNumber = Math.floor(localMs / msPerDay);
  return { dayNumber, timeOfDayMs: localMs - dayNumber * msPerDay };
}

/**
 * Whether an instant whose wall clock is `wall` is covered by an interval of `hours(date)`: SPEC 3
 * "covers [a, b) on local date D"; one with b < a "covers [a, 24:00) on D and [00:00, b) on the
 * calendar date after D". Only `date`'s own intervals count, never the next or previous date's.
 */
function coveredByDate(
  spec: NaiveZonedSpec,
  date: number,
  wall: { dayNumber: number; timeOfDayMs: number },
): boolean {
  const w = wall.timeOfDayMs;
  if (wall.dayNumber === date)
    return hoursOn(spec, date).some(([a, b]) => (b > a ? a <= w && w < b : w >= a));
  if (wall.dayNumber === date + 1) return hoursOn(spec, date).some(([a, b]) => b < a && w < b);
  return false;
}

/** The real instants a date's own intervals cover: from the first to the end of the last. */
interface DateCoverage {
  readonly firstMs: number;
  readonly endMs: number;
}

const coverageMemo = new WeakMap<NaiveZonedSpec, Map<number, DateCoverage | null>>();

/**
 * The instants covered by `hours(date)`, found by asking every UTC minute that could hold a wall
 * clock on `date` or the date after (UTC days date-1 to date+2: offsets are under a day), or null
 * when they cover no real instant. SPEC 11: "An open day must cover at least one real instant (a
 * date whose only interval falls in a DST gap, or a date that never happened, is not one)"; "the
 * end of an interval is where Part I's coverage ends (after the second pass of a repeated hour)".
 * (A memo per calendar and date: the same answer every time.)
 */
function coverageOf(spec: NaiveZonedSpec, date: number): DateCoverage | null {
  let byDate = coverageMemo.get(spec);
  if (byDate === undefined) {
    byDate = new Map();
    coverageMemo.set(spec, byDate);
  }
  const known = byDate.get(date);
  if (known !== undefined) return known;
  let firstMs: number | null = null;
  let endMs = 0;
  for (let t = (date - 1) * msPerDay; t < (date + 3) * msPerDay; t += msPerMinute) {
    if (coveredByDate(spec, date, wallAt(spec.timeZone, t))) {
      firstMs ??= t;
      endMs = t + msPerMinute;
    }
  }
  const coverage = firstMs === null ? null : { firstMs, endMs };
  byDate.set(date, coverage);
  return coverage;
}

/**
 * The last date that can be an open day: +Infinity when some weekday has hours (every week then
 * has open days), else the last override date with hours (-Infinity when there is none).
 */
function lastPossibleOpenDay(spec: NaiveZonedSpec): number {
  if (Object.values(spec.week).some((hours) => hours !== undefined && hours.length > 0)) {
    return Number.POSITIVE_INFINITY;
  }
  const dates = (spec.overrides ?? []).filter((o) => o.hours.length > 0).map((o) => dayNumberOfText(o.date));
  return dates.length === 0 ? Number.NEGATIVE_INFINITY : Math.max(...dates);
}

/** How many dates a walk from one open day to the next may look at before giving up. */
const maxDateWalk = 4000;

/** The first open day after `date`, or null when the calendar has closed for good. */
function nextOpenDay(spec: NaiveZonedSpec, date: number): number | null {
  const last = lastPossibleOpenDay(spec);
  for (let d = date + 1; d <= last; d++) {
    if (coverageOf(spec, d) !== null) return d;
    if (d - date > maxDateWalk) throw new Error(`oracle: no open day within ${maxDateWalk} days of ${date}`);
  }
  return null;
}

/** SPEC 3's nextOpen: the first open instant at or after `fromMs`, or null (never open again). */
function nextOpenAt(calendar: CalendarSpec, fromMs: number): number | null {
  if (calendar === '24/7') return fromMs;
  if (neverOpens(calendar)) return null;
  const last = lastPossibleOpenDay(calendar);
  // A date's hours lie within UTC days date-1 to date+2.
  const endMs = Number.isFinite(last) ? (last + 3) * msPerDay : fromMs + PROJECTION_SEARCH_MS;
  for (let t = fromMs; t < endMs; ) {
    const minuteMs = Math.floor(t / msPerMinute) * msPerMinute;
    if (isOpenDuringMinute(calendar, minuteMs)) return t;
    t = minuteMs + msPerMinute;
  }
  if (Number.isFinite(last)) return null;
  throw new Error(`oracle: no opening within the search bound after ${fromMs}`);
}

/** SPEC 3's businessTimeBetween for `fromMs <= toMs`: real ms open in [fromMs, toMs), minute by minute. */
function businessTimeBetween(calendar: CalendarSpec, fromMs: number, toMs: number): number {
  if (calendar === '24/7') return toMs - fromMs;
  assertSteppable(calendar, msPerMinute);
  let openMs = 0;
  for (let t = fromMs; t < toMs; ) {
    const minuteMs = Math.floor(t / msPerMinute) * msPerMinute;
    const nextMs = Math.min(toMs, minuteMs + msPerMinute);
    if (isOpenDuringMinute(calendar, minuteMs)) openMs += nextMs - t;
    t = nextMs;
  }
  return openMs;
}

/**
 * SPEC 11 `by`: "the first instant whose wall-clock time on local date D_k reads at or after by
 * (Part I's rule for times a transition skips)"; "by: "24:00" is the midnight ending D_k".
 * AMBIGUITY: an instant whose wall clock already reads a later date counts as reading "after" any
 * time of D_k: the first such instant is where `by` lands when no instant of D_k reads `by` or
 * later ("24:00", or a `by` that a transition at the end of the day skips). Where the wall clock
 * goes back across midnight (America/Santiago in April), "first" is the first pass.
 */
function byInstantOn(timeZone: string, date: number, byMs: number): number {
  for (let t = (date - 1) * msPerDay; t < (date + 3) * msPerDay; t += msPerMinute) {
    const wall = wallAt(timeZone, t);
    if (wall.dayNumber > date) return t;
    // The minute [t, t + 1 min) reads date, from wall.timeOfDayMs on: it holds `by` or a later time.
    if (wall.dayNumber === date && wall.timeOfDayMs + msPerMinute > byMs) {
      return t + Math.max(0, byMs - wall.timeOfDayMs);
    }
  }
  throw new Error(`oracle: no instant reads ${byMs} ms on day ${date} in ${timeZone}`);
}

/**
 * SPEC 11: "the business day of an open instant is the date whose interval covers it (the earlier
 * date for the after-midnight part of an overnight interval)"; "when two dates' intervals cover
 * s', its business day is the earlier date". A day number (local to the calendar; UTC for
 * "24/7"), or null when the calendar is closed at `ms`.
 */
export function naiveBusinessDayOf(calendar: CalendarSpec, ms: number): number | null {
  const view = calendar === '24/7' ? everyUtcDate : calendar;
  const wall = wallAt(view.timeZone, ms);
  if (coveredByDate(view, wall.dayNumber - 1, wall)) return wall.dayNumber - 1;
  return coveredByDate(view, wall.dayNumber, wall) ? wall.dayNumber : null;
}

/** Every step of SPEC 11's business-day rule, for tests that check them one by one. */
export interface BusinessDaysDue {
  /** s' = nextOpen(cal, s); null when the calendar never opens again (then targetMs is 0). */
  readonly firstOpenMs: number | null;
  /** The business day of s' (a day number since 1970-01-01, local to the calendar; UTC for 24/7). */
  readonly businessDay: number | null;
  /** k = businessDays, plus 1 when the cutoff rule adds a day. */
  readonly k: number | null;
  /** The date E is on (D_k, or a later open day where `by` moved it); null when there is none. */
  readonly dueDay: number | null;
  /** E, the due instant. */
  readonly dueMs: number | null;
  /** businessTimeBetween(cal, s, E). */
  readonly targetMs: number;
}

/**
 * SPEC 11's business days, step by step, on `calendar` for a cycle started at `startMs`: s', the
 * business day of s', k, D_k, E and targetMs.
 */
export function naiveBusinessDaysDue(
  calendar: CalendarSpec,
  startMs: number,
  target: BusinessDaysTarget,
): BusinessDaysDue {
  // "Let s' = nextOpen(cal, s) (null: the target is unreachable, as with a never-open calendar)";
  // "When s' is null (the calendar never opens again), targetMs = 0".
  const firstOpenMs = nextOpenAt(calendar, startMs);
  if (firstOpenMs === null) {
    return { firstOpenMs: null, businessDay: null, k: null, dueDay: null, dueMs: null, targetMs: 0 };
  }
  // 'On "24/7" every UTC date is an open day that ends at 24:00 UTC.'
  const view = calendar === '24/7' ? everyUtcDate : calendar;
  assertSteppable(view, msPerMinute);
  // The business day of s' (naiveBusinessDayOf), and whether s' lies in the after-midnight part
  // of that date's overnight interval (its wall clock then reads the next date).
  const wall = wallAt(view.timeZone, firstOpenMs);
  const businessDay = naiveBusinessDayOf(view, firstOpenMs);
  if (businessDay === null) throw new Error(`oracle: s' = ${firstOpenMs} is covered by no date`);
  const afterMidnight = businessDay !== wall.dayNumber;
  // "k = businessDays, plus 1 when cutoff is set and the wall-clock time of s' on its business
  // day's own date is not before cutoff (an instant in an after-midnight part is after every
  // cutoff ...)"; "cutoff: "24:00" never adds a day, even for an instant in an after-midnight
  // part".
  let k = target.businessDays;
  if (target.cutoff !== undefined) {
    const cutoffMs = timeOfDayMsOf(target.cutoff);
    if (cutoffMs < msPerDay && (afterMidnight || wall.timeOfDayMs >= cutoffMs)) k += 1;
  }
  // "D_k is the k-th open day after the business day of s' (D_0 is that day itself)."
  let day: number | null = businessDay;
  for (let i = 0; i < k && day !== null; i++) day = nextOpenDay(view, day);
  let dueMs: number | null = null;
  if (day !== null) {
    if (target.by === undefined) {
      // "without by, the end of the last interval of hours(D_k) (its after-midnight end for an
      // overnight interval; the date's own intervals, never merged with the next date's ...)".
      // AMBIGUITY: "the last interval" is the one whose coverage ends last in real time (the
      // end of everything D_k's intervals cover), whatever order the spec lists them in.
      dueMs = (coverageOf(view, day) as DateCoverage).endMs;
    } else {
      // "with by, the first instant whose wall-clock time on local date D_k reads at or after by
      // ..., moved to D_{k+1} (and so on) while it is before s'".
      const byMs = timeOfDayMsOf(target.by);
      dueMs = byInstantOn(view.timeZone, day, byMs);
      while (dueMs < firstOpenMs) {
        day = nextOpenDay(view, day);
        if (day === null) break;
        dueMs = byInstantOn(view.timeZone, day, byMs);
      }
    }
  }
  if (day === null) {
    // "when the calendar has no k-th open day before it closes for good, E is the end of its
    // last open interval (so the cycle cannot breach)".
    // AMBIGUITY: also when `by` moves E past the last open day; and "its last open interval" ends
    // where the calendar's last open stretch ends (the latest end of any date's coverage, an
    // earlier date's overnight interval included).
    let lastEndMs = firstOpenMs;
    const last = lastPossibleOpenDay(view);
    for (let d = businessDay; d <= last; d++) {
      const coverage = coverageOf(view, d);
      if (coverage !== null) lastEndMs = Math.max(lastEndMs, coverage.endMs);
    }
    dueMs = lastEndMs;
  }
  const finalDueMs = dueMs as number;
  // "Then targetMs = businessTimeBetween(cal, s, E)." (E >= s' >= s.)
  return {
    firstOpenMs,
    businessDay,
    k,
    dueDay: day,
    dueMs: finalDueMs,
    targetMs: businessTimeBetween(calendar, startMs, finalDueMs),
  };
}

/**
 * SPEC 11: a goal's target resolved with the attributes that chose the goal and the calendar of
 * 10.4 at that moment, for a cycle started at `startMs` (a resumed cycle's first start); null when
 * it cannot be resolved ("until/attribute missing or invalid").
 */
function resolveTarget(
  target: Target,
  attributes: AttributeMap,
  calendar: CalendarSpec,
  startMs: number,
): ResolvedTarget | null {
  // Part I: a Duration.
  if (typeof target !== 'object') return { targetMs: naiveDurationMs(target), form: 'duration' };
  if ('businessDays' in target) {
    return { targetMs: naiveBusinessDaysDue(calendar, startMs, target).targetMs, form: 'businessDays' };
  }
  if ('until' in target) {
    const dueMs = naiveDueInstantMs(attributes.get(target.until));
    if (dueMs === null) return null;
    // "targetMs = max(0, businessTimeBetween(cal, s, due))": a due instant at or before s gives 0.
    const targetMs = dueMs <= startMs ? 0 : businessTimeBetween(calendar, startMs, dueMs);
    return { targetMs, form: 'until' };
  }
  const durationMs = naiveAttributeDurationMs(attributes.get(target.attribute));
  return durationMs === null ? null : { targetMs: durationMs, form: 'attribute' };
}

/**
 * SPEC 11, for tests: a goal's target resolved with these attributes on this calendar for a cycle
 * started at `startMs`; null when it cannot be resolved.
 */
export function naiveResolveTarget(
  target: Target,
  attributes: Attributes,
  calendar: CalendarSpec,
  startMs: number,
): ResolvedTarget | null {
  return resolveTarget(target, new Map(Object.entries(attributes)), calendar, startMs);
}

// =============================================================================================
// Output (SPEC.md section 7).

/** What a cycle's state is computed from, beside the cycle and its metric. */
interface Context {
  readonly policy: PolicySpec;
  readonly host: HostCalendars | undefined;
  readonly attributesAtNow: AttributeMap;
  readonly timeline: Replay['timeline'];
  readonly nowMs: number;
}

/** The calendars a goal's reference names for a cycle (SPEC 10.4): the one used, and the pieces counted on. */
function calendarsOfGoal(
  goal: Goal,
  cycle: Cycle,
  metric: MetricRules,
  context: Context,
  goalAttributes: AttributeMap,
  knownUntilMs: number,
): { used: UsedCalendar; pieces: CalendarPieces } {
  const { policy, host, timeline } = context;
  if (metric.calendarAt === 'start') {
    // "resolved with the attributes right after the event that started the cycle (for a resumed
    // cycle, its first start), whatever the attributes become later."
    const used = resolveCalendar(goal.calendar, cycle.attributesAtStart, policy, host);
    return { used, pieces: [{ fromMs: Number.NEGATIVE_INFINITY, calendar: used.spec }] };
  }
  if (metric.calendarAt === 'piecewise') {
    // "each running stretch counts business time on the calendar that the chosen goal's reference
    // names with the attributes in force during that stretch; a stretch is split at every event
    // that changes what the reference resolves to. Everything projected past now (deadline,
    // warning at, nextChangeAt) uses the calendar resolved at now (at the end, for an ended
    // cycle)." 10.4b: the end's calendar is resolved with the attributes that judge the end.
    // AMBIGUITY: "what the reference resolves to" includes a template's zone: a stretch also
    // counts in the zone its attributes name.
    // AMBIGUITY: goal.calendar and goal.timeZone report the calendar resolved at now (at the end,
    // for an ended cycle): "the zone used at the end or at now".
    const used = resolveCalendar(goal.calendar, goalAttributes, policy, host);
    // The attributes in force at t are those right after the last event at or before t; events at
    // one instant leave no stretch between them.
    return {
      used,
      pieces: [
        ...timeline.map((entry) => ({
          fromMs: entry.atMs,
          calendar: resolveCalendar(goal.calendar, entry.attributes, policy, host).spec,
        })),
        { fromMs: knownUntilMs, calendar: used.spec },
      ],
    };
  }
  // "goal": "resolved with the same attributes that chose the goal (right after the stop or
  // cancel, or at now), and the whole cycle is measured on that calendar. Part I's behaviour."
  const used = resolveCalendar(goal.calendar, goalAttributes, policy, host);
  return { used, pieces: [{ fromMs: Number.NEGATIVE_INFINITY, calendar: used.spec }] };
}

function cycleStateOf(cycle: Cycle, metric: MetricRules, context: Context): CycleState {
  const { attributesAtNow, nowMs } = context;
  const isOpen = cycle.end === 'open';
  // SPEC: "A cycle's goal is the first goal whose when matches the ticket's attributes right after
  // the event that stopped or cancelled it, or at now while it is open." "Completed cycles are
  // final."
  // AMBIGUITY: "right after the event" = after that one event, not after the later events that
  // share its instant.
  // SPEC 10.4b: "With "before_stop" they are the attributes right before that event"; "An open
  // cycle always uses the attributes at now". (Which attributes those are: endCycle.)
  const goalAttributes = isOpen
    ? attributesAtNow
    : ((metric.goalAt === 'before_stop' ? cycle.attributesBeforeEnd : cycle.attributesAtEnd) as AttributeMap);

  // Counting is known up to the cycle's end, or up to now while it is open.
  const knownUntilMs = isOpen ? nowMs : (cycle.stoppedAtMs as number);

  // SPEC 11: "Every form is resolved, when the goal is chosen (section 6; with the calendar of
  // 10.4 at the same moment), into a counted-time target targetMs on the goal's calendar, measured
  // from the cycle's start s." "A goal whose target cannot be resolved (until/attribute missing or
  // invalid) does not match: the next goal is tried, as when its when fails, for open and ended
  // cycles alike."
  // AMBIGUITY: "the goal's calendar" is, for calendarAt "piecewise", the calendar resolved when the
  // goal is chosen (at now, or at the end): the one goal.calendar reports and the future is
  // projected on; the stretches before are still counted piecewise.
  let goalIndex = -1;
  let goalSpec: Goal | undefined;
  let resolved: ResolvedTarget | null = null;
  // SPEC 6: "No goal matches: ... elapsed is still measured on 24/7". SPEC 10.4, the calendar of
  // the chosen goal's reference (and its template zone), resolved:
  let used: UsedCalendar = builtIn247;
  let pieces: CalendarPieces = [{ fromMs: Number.NEGATIVE_INFINITY, calendar: '24/7' }];
  for (const [i, goal] of metric.goals.entries()) {
    if (goal.when !== undefined && !naiveHolds(goal.when, goalAttributes)) continue;
    const calendars = calendarsOfGoal(goal, cycle, metric, context, goalAttributes, knownUntilMs);
    const target = resolveTarget(goal.target, goalAttributes, calendars.used.spec, cycle.startedAtMs);
    if (target === null) continue;
    goalIndex = i;
    goalSpec = goal;
    resolved = target;
    ({ used, pieces } = calendars);
    break;
  }
  const targetMs = goalSpec === undefined || resolved === null ? null : resolved.targetMs;

  const running = isOpen && clockStateAt(cycle, nowMs) === 'running';
  const thresholds =
    targetMs === null ? [] : metric.warnings.map((w) => naiveWarningThresholdMs(w, targetMs));
  const project =
    running && targetMs !== null
      ? { beyondMs: Math.max(targetMs, ...thresholds), limitMs: nowMs + PROJECTION_SEARCH_MS }
      : null;
  const stretches = countingStretches(cycle, pieces, knownUntilMs, project);

  const elapsed = countedBefore(stretches, knownUntilMs);
  // SPEC: "a cycle is breached exactly when its elapsed time exceeds its target (at its stop or
  // cancel if ended, at now if open)". Without a goal: "never breached".
  const breached = targetMs !== null && elapsed > targetMs;
  // SPEC: "Deadline is the last instant at which stopping is still on time: the largest t >=
  // startedAt with elapsed(t) <= target, using the recorded pause history and assuming the state at
  // now continues." "If counting never resumes ... the deadline is null".
  const onTimeUntil = targetMs === null ? null : lastOnTime(stretches, targetMs);
  // SPEC: "deadline is reported while the cycle is open and running; breachedAt is this instant
  // for every breached cycle, whatever its status."
  const deadline = running ? onTimeUntil : null;
  const breachedAt = breached ? onTimeUntil : null;

  // SPEC: "Its at is the first instant t >= startedAt with elapsed(t) >= threshold: past if
  // reached, projected if the cycle is open and running, null if paused and not yet reached,
  // unreachable, or (for an ended cycle) not reached by its end." The stretches end at the cycle's
  // end (ended), at now (paused) or at the search bound (running), which is exactly that.
  // "reached is at !== null && at <= min(now, stoppedAt)." "Warnings keep policy order."
  // AMBIGUITY: `threshold` echoes the warning string as the policy writes it (not normalised).
  const reachedBy = Math.min(nowMs, cycle.stoppedAtMs ?? Number.POSITIVE_INFINITY);
  const warnings: WarningState[] = metric.warnings.map((threshold, i) => {
    // SPEC: "a stopped cycle without a goal ...: its warnings all have at: null".
    // AMBIGUITY: an open cycle without a goal has its warnings at null too (no target, no
    // threshold).
    const at =
      targetMs === null ? null : firstReaching(stretches, cycle.startedAtMs, thresholds[i] as number);
    return { threshold, at, reached: at !== null && at <= reachedBy };
  });

  let status: CycleStatus;
  if (isOpen) status = running ? 'running' : 'paused';
  else if (cycle.end === 'cancelled') status = 'cancelled';
  else if (targetMs === null) status = 'stopped';
  else status = breached ? 'breached' : 'met';

  // SPEC: "nextChangeAt is the earliest instant after now at which, with no new events, status,
  // breached or a warning's reached would change"; "next warning or breach still ahead of now;
  // null if none, paused or ended". "The breach becomes visible at deadline + 1 ms".
  let nextChangeAt: number | null = null;
  if (running) {
    const ahead = warnings.flatMap((w) => (w.at !== null && w.at > nowMs ? [w.at] : []));
    if (!breached && deadline !== null) ahead.push(deadline + 1);
    if (ahead.length > 0) nextChangeAt = Math.min(...ahead);
  }

  return {
    status,
    breached,
    // SPEC 10.4: "goal gains timeZone: string | null (the zone used at the end or at now, as
    // written in the attribute or the calendar spec ...; null for a calendar that is "24/7"), and
    // goal.calendar is the calendar name actually used".
    // AMBIGUITY: with calendarAt "start", the zone used is the one resolved at the start.
    // SPEC 11: "goal.target reports targetMs"; "goal gains form".
    goal:
      targetMs === null || resolved === null
        ? null
        : {
            index: goalIndex,
            target: targetMs,
            calendar: used.name,
            timeZone: used.timeZone,
            form: resolved.form,
          },
    // SPEC 12: "every cycle records key, the attribute's value right after the event that started
    // the cycle (its first start, for a resumed cycle; null when absent)"; "null without keyBy".
    key: metric.keyBy === undefined ? null : (cycle.attributesAtStart.get(metric.keyBy) ?? null),
    startedAt: cycle.startedAtMs,
    stoppedAt: cycle.stoppedAtMs,
    elapsed,
    // SPEC 11: "A zero target ...: percent is null, remaining is -elapsed".
    remaining: targetMs === null ? null : targetMs - elapsed,
    // SPEC: "percent: elapsed / target * 100, not rounded".
    // AMBIGUITY: computed in exactly that order of float operations, (elapsed / target) * 100
    // (elapsed * 100 / target can differ in the last bit).
    percent: targetMs === null || targetMs === 0 ? null : (elapsed / targetMs) * 100,
    deadline,
    breachedAt,
    // SPEC: "pausedFor: real ms spent paused while open".
    pausedFor: pausedBefore(cycle, knownUntilMs),
    warnings,
    nextChangeAt,
  };
}

/** SPEC: "No cycle yet: status inactive, breached false, goal null, elapsed 0, ... every other field null." */
function inactiveMetric(): MetricState {
  return {
    status: 'inactive',
    breached: false,
    goal: null,
    // SPEC 12: "key ... (always present; null without keyBy or when inactive)".
    key: null,
    startedAt: null,
    stoppedAt: null,
    elapsed: 0,
    remaining: null,
    percent: null,
    deadline: null,
    breachedAt: null,
    pausedFor: 0,
    warnings: [],
    nextChangeAt: null,
    cycles: [],
    breachedCycles: 0,
  };
}

/**
 * The SLA state of a ticket at `now`, computed the slow, literal way. `options.calendars` are the
 * host's calendars of SPEC 10.3, given as specs (a record, or a function from a name to a spec or
 * `undefined`).
 *
 * @example
 * naiveComputeSlaState(
 *   [{ type: 'created', at: '2026-03-02T10:00:00Z' }],
 *   { metrics: { reply: { kind: 'first_response', goals: [{ target: '1h' }] } } },
 *   Date.parse('2026-03-02T10:30:00Z'),
 * ).metrics.reply?.deadline;
 * //=> 1772449200000 (2026-03-02T11:00:00Z)
 */
export function naiveComputeSlaState(
  ticket: Ticket | readonly TicketEvent[],
  policy: PolicySpec | VersionedPolicySpec,
  now: InstantInput,
  options: NaiveOptions = {},
): SlaState {
  if (!('versions' in policy))
    return { ...naiveUnversioned(ticket, policy, now, options), policyVersion: null };
  // SPEC 13: "with select: "created" (the default) the latest version whose from <= the ticket's
  // created instant (the first version for tickets created earlier); with "now" the version in
  // force at now (the first version when now is earlier than every from)".
  const events = 'events' in ticket ? ticket.events : ticket;
  const created = events.find((event) => event.type === 'created') as TicketEvent;
  const atMs = policy.select === 'now' ? naiveInstantMs(now) : naiveInstantMs(created.at);
  let chosen = 0;
  policy.versions.forEach((version, index) => {
    if (naiveInstantMs(version.from) <= atMs) chosen = index;
  });
  const version = policy.versions[chosen] as { policy: PolicySpec };
  // "A ticket is computed entirely with one version."
  return { ...naiveUnversioned(ticket, version.policy, now, options), policyVersion: chosen };
}

function naiveUnversioned(
  ticket: Ticket | readonly TicketEvent[],
  policy: PolicySpec,
  now: InstantInput,
  options: NaiveOptions,
): Omit<SlaState, 'policyVersion'> {
  const nowMs = naiveInstantMs(now);
  const events = 'events' in ticket ? ticket.events : ticket;
  const ticketId = 'events' in ticket ? ticket.id : null;
  // SPEC: "resolvedWhen?: Condition; default { status: ["solved", "closed"] }".
  const resolvedWhen: Condition = policy.resolvedWhen ?? { status: ['solved', 'closed'] };
  const rules = Object.entries(policy.metrics).map(([name, spec]) => metricRulesOf(name, spec, resolvedWhen));
  // SPEC: "now before created: every metric is inactive". (No event applies then: created is at
  // or before every other event.)
  // AMBIGUITY: before created the attributes are {} and nextChangeAt is null (the created event
  // after now is not a change "with no new events").
  const { attributes, cycles, timeline } = replay(orderedEvents(events, nowMs), rules, resolvedWhen);
  // SPEC 10.3: "calendars is an optional Record<string, Calendar> ... or a function".
  const context: Context = { policy, host: options.calendars, attributesAtNow: attributes, timeline, nowMs };

  const metrics: [string, MetricState][] = rules.map((metric) => {
    const list = cycles.get(metric.name) ?? [];
    const states = list.map((cycle) => cycleStateOf(cycle, metric, context));
    const latest = states.at(-1);
    if (latest === undefined) return [metric.name, inactiveMetric()];
    // SPEC: "MetricState = CycleState & { ... } // the latest cycle's fields, flattened";
    // "breachedCycles: cycles with breached = true".
    return [
      metric.name,
      { ...latest, cycles: states, breachedCycles: states.filter((s) => s.breached).length },
    ];
  });

  const changes = metrics.flatMap(([, m]) => (m.nextChangeAt === null ? [] : [m.nextChangeAt]));
  // SPEC 12: "the earliest deadline among the metrics' latest cycles that are open and running
  // (ties: policy order; a breached running cycle's past deadline counts; paused cycles and cycles
  // without a deadline do not)".
  let nextDeadline: SlaState['nextDeadline'] = null;
  for (const [name, m] of metrics) {
    if (m.status !== 'running' || m.deadline === null) continue;
    if (nextDeadline === null || m.deadline < nextDeadline.at)
      nextDeadline = { metric: name, at: m.deadline };
  }
  return {
    ticketId,
    now: nowMs,
    // Object.fromEntries defines own properties: "__proto__" stays an ordinary key.
    attributes: Object.fromEntries(attributes),
    // SPEC: "one entry per policy metric, in policy order".
    metrics: Object.fromEntries(metrics),
    // SPEC: "nextChangeAt: min over metrics".
    nextChangeAt: changes.length === 0 ? null : Math.min(...changes),
    // SPEC: "breached: any metric's latest cycle breached".
    breached: metrics.some(([, m]) => m.breached),
    nextDeadline,
  };
}
