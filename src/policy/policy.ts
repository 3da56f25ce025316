/** The compiled policy: an opaque, immutable value that `computeSlaState` runs. */
import type { Calendar, CalendarSpec } from '../calendar/calendar.js';
import type { Timeline } from '../calendar/timeline.js';
import type { Condition, Predicate } from './condition.js';

/** A duration: integer ms, or a string such as `"45m"`, `"1h30m"`, `"PT4H"`. */
export type Duration = number | string;

/** When a metric's cycle starts, stops or is cancelled (SPEC.md section 6). */
export type Trigger =
  | { readonly on: 'created' | 'customer_message' | 'agent_message' }
  | { readonly when: Condition };

/** A target, chosen by the first goal whose `when` matches. */
export interface GoalSpec {
  readonly when?: Condition;
  readonly target: Duration;
  /** A calendar of `policy.calendars`, or `"24/7"` (the default). */
  readonly calendar?: string;
}

export type MetricKind = 'first_response' | 'next_response' | 'periodic_update' | 'resolution' | 'custom';
export type RestartMode = 'never' | 'resume' | 'new_cycle';

/** One SLA metric: what starts, stops, cancels and pauses its clock, and its goals. */
export interface MetricSpec {
  readonly kind: MetricKind;
  readonly start?: Trigger | readonly Trigger[];
  readonly stop?: Trigger | readonly Trigger[];
  readonly cancel?: Trigger | readonly Trigger[];
  readonly pauseWhen?: Condition;
  readonly restart?: RestartMode;
  readonly goals: readonly GoalSpec[];
  readonly warnings?: readonly string[];
}

/** An SLA policy as a host writes and stores it (plain JSON). */
export interface PolicySpec {
  readonly calendars?: Readonly<Record<string, CalendarSpec>>;
  /** Default `{ status: ["solved", "closed"] }`. */
  readonly resolvedWhen?: Condition;
  readonly metrics: Readonly<Record<string, MetricSpec>>;
}

/** How a compiled trigger fires; indexes point into `PolicyInternals.edgeConditions`. */
export type TriggerRule =
  | { readonly type: 'created' | 'customer_message' | 'agent_message' }
  | { readonly type: 'when'; readonly condition: number }
  /** `resolvedWhen` stops holding. */
  | { readonly type: 'reopen' }
  /** first_response's default: a reopen while no public agent message exists yet. */
  | { readonly type: 'reopen_unanswered' }
  /** next_response's default: a customer message once a public agent message exists. */
  | { readonly type: 'customer_message_answered_before' };

export interface CompiledGoal {
  /** What a cycle reports as its `goal`: one frozen object shared by every cycle that uses it. */
  readonly descriptor: { readonly index: number; readonly target: number; readonly calendar: string };
  readonly when: Predicate | null;
  readonly targetMs: number;
  readonly calendar: string;
  readonly timeline: Timeline;
  /** Counted time at which each warning fires, in policy order. */
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
  readonly restart: RestartMode;
  readonly goals: readonly CompiledGoal[];
  readonly warnings: readonly string[];
}

export interface PolicyInternals {
  /** The slot of each attribute that a condition names (see `AttributeValues`). */
  readonly fieldSlots: ReadonlyMap<string, number>;
  /** Conditions whose edges fire triggers, each evaluated once per event; 0 is `resolvedWhen`. */
  readonly edgeConditions: readonly Predicate[];
  readonly metrics: readonly CompiledMetric[];
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
  /** Metric names in policy order. */
  readonly metricNames: readonly string[];
  /** The compiled calendars by name, `"24/7"` included. */
  readonly calendars: Readonly<Record<string, Calendar>>;
  /** @internal */
  readonly [policyKey]: PolicyInternals;
}
