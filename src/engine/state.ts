/** The shape of the answer (docs/policy.md, "The output"). Instants are epoch ms. */
import type { Scalar } from '../policy/condition.js';
import type { TicketId } from './events.js';

/** A warning of a cycle: when its threshold of counted time is (or will be) reached. */
export interface WarningState {
  /** As written in the policy: `"75%"`, `"-15m"`, `"+1h"`. */
  readonly threshold: string;
  readonly at: number | null;
  readonly reached: boolean;
}

export type CycleStatus = 'inactive' | 'running' | 'paused' | 'met' | 'breached' | 'cancelled' | 'stopped';

/** One cycle of a metric. */
export interface CycleState {
  /**
   * running / paused: open (running also while the calendar is closed; an open cycle past its
   * target stays running or paused with `breached: true`); met / breached: stopped with a goal;
   * stopped: stopped without a goal; cancelled: cancelled.
   */
  readonly status: CycleStatus;
  readonly breached: boolean;
  /**
   * The goal that applies: its index in the metric's `goals`, its target (counted ms), the
   * calendar actually used (a policy calendar's name, a host calendar's key, or `"24/7"`),
   * that calendar's zone as written (null for `"24/7"`), and the form the target was written in;
   * null when no goal matches.
   */
  readonly goal: {
    readonly index: number;
    readonly target: number;
    readonly calendar: string;
    readonly timeZone: string | null;
    readonly form: 'duration' | 'businessDays' | 'until' | 'attribute';
  } | null;
  /** `keyBy`'s attribute right after the cycle's (first) start; null without `keyBy`, when absent, or inactive. */
  readonly key: Scalar;
  readonly startedAt: number | null;
  /** The stop or cancel instant. */
  readonly stoppedAt: number | null;
  /** Counted (business) ms. */
  readonly elapsed: number;
  /** `target - elapsed`; negative when overdue; null without a goal. */
  readonly remaining: number | null;
  /** `elapsed / target * 100`, not rounded; null without a goal. */
  readonly percent: number | null;
  /** The last on-time instant; reported while the cycle is open and running (may be past when breached). */
  readonly deadline: number | null;
  /** The instant the target was exceeded (the deadline), for breached cycles only. */
  readonly breachedAt: number | null;
  /** Real ms spent paused while open. */
  readonly pausedFor: number;
  readonly warnings: readonly WarningState[];
  /** The next warning or breach ahead of `now`; null if none, paused or ended. */
  readonly nextChangeAt: number | null;
}

/** A metric: its latest cycle's fields, flattened, and every cycle. */
export interface MetricState extends CycleState {
  /** Every cycle, oldest first (the latest is last). */
  readonly cycles: readonly CycleState[];
  /** Cycles with `breached: true` (Jira's "ever breached" is `breachedCycles > 0`). */
  readonly breachedCycles: number;
}

/** Every clock of one ticket at `now`. */
export interface SlaState {
  /** The ticket's `id` as given (a string or a safe integer); null for a bare array of events. */
  readonly ticketId: TicketId | null;
  readonly now: number;
  /** The ticket's attributes at `now`. */
  readonly attributes: Readonly<Record<string, Scalar>>;
  /** One entry per policy metric, in policy order. */
  readonly metrics: Readonly<Record<string, MetricState>>;
  /** The earliest `nextChangeAt` over the metrics: when to compute again. */
  readonly nextChangeAt: number | null;
  /** Whether any metric's latest cycle is breached. */
  readonly breached: boolean;
  /**
   * The earliest deadline among the metrics' latest cycles that are open and running (a breached
   * one's past deadline included; ties go to the metric first in policy order): what a helpdesk
   * view sorts by. Null when none runs with a deadline.
   */
  readonly nextDeadline: { readonly metric: string; readonly at: number } | null;
  /** The index of the policy version that computed the ticket; null for a policy without versions. */
  readonly policyVersion: number | null;
}
