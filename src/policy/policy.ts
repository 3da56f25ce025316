/** The compiled policy: an opaque, immutable value that `computeSlaState` runs. */
import type { Calendar, Interval, Weekday } from '../calendar/calendar.js';
import type { AttributeValues, Condition, Predicate } from './condition.js';
import type { HostLookup, ResolvedCalendar } from './resolvedCalendar.js';
import type { WarningRule } from './warnings.js';

/** A duration: integer ms, or a string such as `"45m"`, `"1h30m"`, `"PT4H"`. */
export type Duration = number | string;

/** When a metric's cycle starts, stops or is cancelled (docs/policy.md, "Triggers"). */
export type Trigger =
  | { readonly on: 'created' | 'customer_message' | 'agent_message' }
  | { readonly when: Condition }
  /** Fires at an event after which the attribute's value differs from its value before. */
  | { readonly changed: string };

/**
 * A goal's target (docs/policy.md, "Targets"): counted time, business days (optionally due by a
 * local time, and a day later past a cutoff), a due instant in an attribute, or a duration in one.
 */
export type Target =
  | Duration
  | { readonly businessDays: number; readonly by?: string; readonly cutoff?: string }
  | { readonly until: string }
  | { readonly attribute: string };

/** Which form a goal's target was written in, as reported in `goal.form`. */
export type TargetForm = 'duration' | 'businessDays' | 'until' | 'attribute';

/**
 * A goal's calendar: the name of a policy calendar (or `"24/7"`), or the calendar named by a
 * ticket attribute, looked up among the policy's calendars, then the host's, else `default`.
 */
export type CalendarRef = string | { readonly attribute: string; readonly default: string };

/** A target, chosen by the first goal whose `when` matches. */
export interface GoalSpec {
  readonly when?: Condition;
  readonly target: Target;
  /** A calendar of `policy.calendars`, `"24/7"` (the default), or one named by an attribute. */
  readonly calendar?: CalendarRef;
}

/**
 * A calendar inside a policy: a `CalendarSpec` that may also close the dates of named holiday
 * sets, and take its zone from a ticket attribute (a template: the same hours in each zone).
 */
export type PolicyCalendarSpec =
  | '24/7'
  | {
      readonly timeZone: string | { readonly attribute: string; readonly default: string };
      readonly week: Readonly<Partial<Record<Weekday, readonly Interval[]>>>;
      /** `"2026-12-25"`, yearly `"--12-25"`, or a range `"2026-12-24/2026-12-31"`. */
      readonly holidays?: readonly string[];
      /** Names of `policy.holidaySets` whose dates are closed too. */
      readonly holidaySets?: readonly string[];
      readonly overrides?: readonly { readonly date: string; readonly hours: readonly Interval[] }[];
    };

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
/** Which attributes name a cycle's calendar: those that chose its goal, those at its start, or each stretch's own. */
export type CalendarAt = 'goal' | 'start' | 'piecewise';
/** Which attributes judge an ended cycle: right after the event that ended it, or right before. */
export type GoalAt = 'after_stop' | 'before_stop';

/** One SLA metric: what starts, stops, cancels and pauses its clock, and its goals. */
export interface MetricSpec {
  readonly kind: MetricKind;
  readonly start?: Trigger | readonly Trigger[];
  readonly stop?: Trigger | readonly Trigger[];
  readonly cancel?: Trigger | readonly Trigger[];
  /** `null` removes a kind's default pause. */
  readonly pauseWhen?: Condition | null;
  readonly restart?: RestartMode;
  readonly goals: readonly GoalSpec[];
  readonly warnings?: readonly string[];
  /** Default `"goal"`. */
  readonly calendarAt?: CalendarAt;
  /** Default `"after_stop"` (`"before_stop"` for `ownership`). */
  readonly goalAt?: GoalAt;
  /** Every cycle records this attribute's value right after its (first) start as `key`. */
  readonly keyBy?: string;
  /** `ownership` only: the owner attribute (default `"group"`). */
  readonly field?: string;
}

/** One policy without versions: what every version of a versioned policy holds. */
export interface UnversionedPolicySpec {
  readonly calendars?: Readonly<Record<string, PolicyCalendarSpec>>;
  /** Named lists of holidays that calendars close through their `holidaySets`. */
  readonly holidaySets?: Readonly<Record<string, readonly string[]>>;
  /** Default `{ status: ["solved", "closed"] }`. */
  readonly resolvedWhen?: Condition;
  readonly metrics: Readonly<Record<string, MetricSpec>>;
}

/** One version of a policy: the policy in force from an instant on. */
export interface PolicyVersionSpec {
  /** An RFC 3339 instant with an offset, or epoch ms. */
  readonly from: string | number;
  readonly policy: UnversionedPolicySpec;
}

/**
 * A policy that changed over time (docs/policy.md, "Policy versions"): versions in strictly
 * increasing `from` order; each ticket is computed entirely with one of them, chosen by the
 * ticket's `created` instant (the default) or by `now`.
 */
export interface VersionedPolicySpec {
  readonly versions: readonly PolicyVersionSpec[];
  readonly select?: 'created' | 'now';
}

/** An SLA policy as a host writes and stores it (plain JSON): one policy, or its versions. */
export type PolicySpec = UnversionedPolicySpec | VersionedPolicySpec;

/** How a compiled trigger fires; indexes point into `PolicyInternals.edgeConditions`. */
export type TriggerRule =
  | { readonly type: 'created' | 'customer_message' | 'agent_message' }
  | { readonly type: 'when'; readonly condition: number }
  /** `resolvedWhen` stops holding. */
  | { readonly type: 'reopen' }
  /** first_response's default: a reopen while no public agent message exists yet. */
  | { readonly type: 'reopen_unanswered' }
  /** next_response's default: a customer message once a public agent message exists. */
  | { readonly type: 'customer_message_answered_before' }
  /** The attribute in `slot` changed at this event. */
  | { readonly type: 'changed'; readonly slot: number }
  /** ownership's default: not resolved, the owner in `slot` is set, and it changed or the ticket reopened. */
  | { readonly type: 'owner_start'; readonly slot: number };

/** A compiled target: counted time, or how to find it when the goal is chosen. */
export type TargetRule =
  | { readonly form: 'duration'; readonly ms: number }
  | {
      readonly form: 'businessDays';
      readonly days: number;
      readonly byMs: number | null;
      readonly cutoffMs: number | null;
    }
  | { readonly form: 'until'; readonly slot: number }
  | { readonly form: 'attribute'; readonly slot: number };

/** What a cycle reports as its `goal`. */
export interface GoalDescriptor {
  readonly index: number;
  readonly target: number;
  readonly calendar: string;
  readonly timeZone: string | null;
  readonly form: TargetForm;
}

/** Finds a goal's calendar from the attributes that decide it (and the host's calendars). */
export type CalendarResolver = (values: AttributeValues, host: HostLookup | undefined) => ResolvedCalendar;

export interface CompiledGoal {
  /** One frozen object shared by every cycle, when calendar and target are fixed; null otherwise. */
  readonly descriptor: GoalDescriptor | null;
  readonly index: number;
  readonly when: Predicate | null;
  readonly target: TargetRule;
  /** The calendar when it does not depend on attributes, else null. */
  readonly fixedCalendar: ResolvedCalendar | null;
  readonly resolveCalendar: CalendarResolver;
  /** Counted time at which each warning fires, in policy order (a duration target only; else computed per cycle). */
  readonly thresholdsMs: readonly number[];
}

export interface CompiledMetric {
  readonly name: string;
  readonly kind: MetricKind;
  readonly start: readonly TriggerRule[];
  readonly stop: readonly TriggerRule[];
  readonly cancel: readonly TriggerRule[];
  /** `when`-form stop and cancel conditions, checked as levels right after a start (step 3). */
  readonly stopWhen: readonly number[];
  readonly cancelWhen: readonly number[];
  readonly pauseWhen: Predicate | null;
  /** The pause as written, or the kind's default: what explanations name. */
  readonly pauseCondition: Condition | null;
  readonly restart: RestartMode;
  readonly goals: readonly CompiledGoal[];
  readonly warnings: readonly string[];
  readonly warningRules: readonly WarningRule[];
  /** The slot of `keyBy`'s attribute, or -1. */
  readonly keySlot: number;
  readonly calendarAt: CalendarAt;
  readonly goalAt: GoalAt;
  /**
   * Slots of the attributes that can change what a goal's calendar resolves to (references and
   * template zones); empty when every goal's calendar is fixed, and then `calendarAt` changes nothing.
   */
  readonly calendarSlots: readonly number[];
  /**
   * Whether an ended cycle's goal calendar or target depends on the attributes that judged it
   * (not on its goal index alone): then those attributes are kept, for a restored tracker.
   */
  readonly judgedByValues: boolean;
}

export interface PolicyInternals {
  /** The slot of each attribute that a condition names (see `AttributeValues`). */
  readonly fieldSlots: ReadonlyMap<string, number>;
  /** Conditions whose edges fire triggers, each evaluated once per event; 0 is `resolvedWhen`. */
  readonly edgeConditions: readonly Predicate[];
  readonly metrics: readonly CompiledMetric[];
  /** Whether some metric judges ended cycles by the attributes before the stopping event. */
  readonly needsValuesBefore: boolean;
  /** Whether some trigger fires on a changed attribute (so each event notes which changed). */
  readonly watchesChanges: boolean;
  /**
   * A versioned policy's versions, each compiled (this object's own fields are the first
   * version's); null for a policy without versions.
   */
  readonly versions: readonly { readonly fromMs: number; readonly internals: PolicyInternals }[] | null;
  readonly select: 'created' | 'now';
}

// A registered symbol: a policy compiled by the ESM copy of the library works with the CJS copy.
export const policyKey: unique symbol = Symbol.for('sla-clock.policy.internals') as never;

/**
 * A policy compiled by `compilePolicy`: validated once, calendars and conditions compiled once,
 * immutable, and reusable for any number of tickets.
 */
export interface Policy {
  /** The validated spec it was compiled from. */
  readonly spec: PolicySpec;
  /** Metric names in policy order (of every version, in order of first appearance, when versioned). */
  readonly metricNames: readonly string[];
  /**
   * The compiled calendars by name, `"24/7"` included; a template (a calendar whose zone comes
   * from an attribute) appears compiled in its default zone. A versioned policy's are those of
   * its latest version.
   */
  readonly calendars: Readonly<Record<string, Calendar>>;
  /** A versioned policy's versions, compiled, with their `from` in epoch ms; null without versions. */
  readonly versions: readonly { readonly from: number; readonly policy: Policy }[] | null;
  /** @internal */
  readonly [policyKey]: PolicyInternals;
}
