/**
 * Replays a ticket's log once, in order, and records each metric's cycles: when they started,
 * stopped or were cancelled, and their running and paused stretches. Constant work per event
 * and metric; no business time is measured here.
 */

import type { Timeline } from '../calendar/timeline.js';
import type { AttributeValues, Scalar } from '../policy/condition.js';
import { resolvedCondition } from '../policy/kinds.js';
import type {
  CompiledGoal,
  CompiledMetric,
  PolicyInternals,
  TargetRule,
  TriggerRule,
} from '../policy/policy.js';
import { alwaysOpenCalendar, type HostLookup, type ResolvedCalendar } from '../policy/resolvedCalendar.js';
import { dueInstantMs, durationAttributeMs } from '../policy/targetValues.js';
import { EventKind, type Log, type LogEvent } from './events.js';

/** How a cycle ended, if it has. */
export type CycleEnding = 'open' | 'stopped' | 'cancelled';

/** One cycle of one metric, as the replay leaves it at `now`. */
export interface CycleRecord {
  startedAtMs: number;
  /** The stop or cancel instant; `NaN` while open. */
  endedAtMs: number;
  ending: CycleEnding;
  /** The goal chosen at the end (or at `now` while open); -1 when none matches. */
  goalIndex: number;
  /** The chosen goal's target in counted ms, resolved with its calendar; NaN without a goal. */
  targetMs: number;
  /** `keyBy`'s attribute right after the cycle's first start (null when absent or no keyBy). */
  key: Scalar;
  /** Flat `[fromMs, toMs, paused (1) or running (0), ...]` of the stretches that have ended. */
  stretches: number[];
  /** Start of the stretch in progress while open (it runs to `now`). */
  stretchFromMs: number;
  /** Whether the stretch in progress is paused. */
  paused: boolean;
  /**
   * The calendar the cycle is measured on, resolved once its goal is chosen; for `calendarAt:
   * "piecewise"`, the calendar of everything projected past the end or `now`.
   */
  calendar: ResolvedCalendar;
  /** `calendarAt: "start"`: the attributes right after the cycle's first start. */
  startValues: AttributeValues | null;
  /**
   * `calendarAt: "piecewise"`: `[atMs, attributes, ...]`, the attributes from each instant at
   * which one that names the calendar changed, from the cycle's first start.
   */
  pieceValues: (number | AttributeValues)[] | null;
  /** `calendarAt: "piecewise"`: the calendar of each piece, resolved with the chosen goal. */
  pieceCalendars: ResolvedCalendar[] | null;
  /**
   * The attributes that judged an ended cycle, kept when its goal's calendar or target depends on
   * them (so that a restored tracker can settle it again); null otherwise.
   */
  judgingValues: AttributeValues | null;
}

/** What the replay found for one ticket. */
export interface Replay {
  /** Attributes at `now`. */
  readonly attributes: Map<string, Exclude<Scalar, null>>;
  /** Cycles per metric, in policy order. */
  readonly cycles: CycleRecord[][];
}

/** Everything about the event being applied that a trigger may look at. */
export interface EventFacts {
  kind: EventKind;
  /** Whether a public agent message exists, this event included. */
  answered: boolean;
  /** Whether one existed before this event. */
  answeredBefore: boolean;
}

function fires(
  rules: readonly TriggerRule[],
  facts: EventFacts,
  edges: Uint8Array,
  reopened: boolean,
  changed: Uint8Array,
  values: AttributeValues,
  resolved: boolean,
): boolean {
  for (const rule of rules) {
    switch (rule.type) {
      case 'created':
        if (facts.kind === EventKind.Created) return true;
        break;
      case 'customer_message':
        if (facts.kind === EventKind.CustomerMessage) return true;
        break;
      case 'agent_message':
        if (facts.kind === EventKind.AgentMessage) return true;
        break;
      case 'when':
        if (edges[rule.condition] === 1) return true;
        break;
      case 'reopen':
        if (reopened) return true;
        break;
      case 'reopen_unanswered':
        if (reopened && !facts.answered) return true;
        break;
      case 'customer_message_answered_before':
        if (facts.kind === EventKind.CustomerMessage && facts.answeredBefore) return true;
        break;
      case 'changed':
        if (changed[rule.slot] === 1) return true;
        break;
      case 'owner_start':
        // created with an owner, a change to a present owner, or a reopen while owned; never while resolved.
        if (!resolved && values[rule.slot] !== undefined && (changed[rule.slot] === 1 || reopened))
          return true;
        break;
    }
  }
  return false;
}

/**
 * Chooses the goal with the attributes that judge the cycle, resolves its calendar per
 * `calendarAt` (docs/policy.md, "Whose hours": with the same attributes, with those at the
 * cycle's first start, or piece by piece, projections on the one the judging attributes name),
 * and its target into counted time on that calendar (docs/policy.md, "Targets"). A goal whose
 * target cannot be resolved (a due date or duration attribute missing or invalid) does not match.
 */
export function settle(
  cycle: CycleRecord,
  metric: CompiledMetric,
  attributes: AttributeValues,
  host: HostLookup | undefined,
): void {
  const goals = metric.goals;
  for (let i = 0; i < goals.length; i++) {
    const goal = goals[i] as CompiledGoal;
    if (goal.when !== null && !goal.when(attributes)) continue;
    const target = goal.target;
    const readMs =
      target.form === 'until'
        ? dueInstantMs(attributes[target.slot])
        : target.form === 'attribute'
          ? durationAttributeMs(attributes[target.slot])
          : 0;
    if (Number.isNaN(readMs)) continue;
    cycle.goalIndex = i;
    const calendar = calendarOf(cycle, metric, goal, attributes, host);
    cycle.calendar = calendar;
    cycle.targetMs = targetMsOf(target, readMs, calendar.timeline, cycle.startedAtMs);
    return;
  }
  cycle.goalIndex = -1;
  cycle.targetMs = Number.NaN;
  cycle.calendar = alwaysOpenCalendar;
  cycle.pieceCalendars = null;
}

function calendarOf(
  cycle: CycleRecord,
  metric: CompiledMetric,
  goal: CompiledGoal,
  attributes: AttributeValues,
  host: HostLookup | undefined,
): ResolvedCalendar {
  // A resumed cycle may have had another goal: its pieces' calendars are decided afresh.
  cycle.pieceCalendars = null;
  if (goal.fixedCalendar !== null) return goal.fixedCalendar;
  if (metric.calendarAt === 'start') return goal.resolveCalendar(cycle.startValues ?? attributes, host);
  const pieces = cycle.pieceValues;
  if (metric.calendarAt === 'piecewise' && pieces !== null) {
    const calendars: ResolvedCalendar[] = [];
    for (let i = 1; i < pieces.length; i += 2) {
      calendars.push(goal.resolveCalendar(pieces[i] as AttributeValues, host));
    }
    cycle.pieceCalendars = calendars;
  }
  return goal.resolveCalendar(attributes, host);
}

/** Counted ms of a target measured from the cycle's (first) start `startMs` on `timeline`. */
function targetMsOf(target: TargetRule, readMs: number, timeline: Timeline, startMs: number): number {
  switch (target.form) {
    case 'duration':
      return target.ms;
    case 'attribute':
      return readMs;
    case 'until':
      return Math.max(0, timeline.positionAt(readMs) - timeline.positionAt(startMs));
    case 'businessDays': {
      const dueMs = timeline.businessDayDueAt(startMs, target.days, target.byMs, target.cutoffMs);
      // Never open again: nothing is ever counted, so a zero target never breaches.
      if (dueMs === null) return 0;
      return Math.max(0, timeline.positionAt(dueMs) - timeline.positionAt(startMs));
    }
  }
}

function closeStretch(cycle: CycleRecord, atMs: number): void {
  if (atMs > cycle.stretchFromMs) cycle.stretches.push(cycle.stretchFromMs, atMs, cycle.paused ? 1 : 0);
  cycle.stretchFromMs = atMs;
}

function endCycle(
  cycle: CycleRecord,
  atMs: number,
  ending: CycleEnding,
  metric: CompiledMetric,
  attributes: AttributeValues,
  host: HostLookup | undefined,
): void {
  closeStretch(cycle, atMs);
  cycle.ending = ending;
  cycle.endedAtMs = atMs;
  cycle.judgingValues = metric.judgedByValues ? attributes.slice() : null;
  settle(cycle, metric, attributes, host);
}

/**
 * Piecewise calendars: records the attributes at `atMs` when one that can change the calendar
 * differs from the last piece's (a later event at the same instant replaces that piece).
 */
function notePiece(cycle: CycleRecord, metric: CompiledMetric, atMs: number, values: AttributeValues): void {
  const pieces = cycle.pieceValues as (number | AttributeValues)[];
  const lastIndex = pieces.length - 2;
  if (lastIndex >= 0) {
    const last = pieces[lastIndex + 1] as AttributeValues;
    let changed = false;
    for (const slot of metric.calendarSlots) {
      if (last[slot] !== values[slot]) {
        changed = true;
        break;
      }
    }
    if (!changed) return;
    if (pieces[lastIndex] === atMs) {
      pieces[lastIndex + 1] = values.slice();
      return;
    }
  }
  pieces.push(atMs, values.slice());
}

/**
 * The replay as a state machine: one event at a time, in order (docs/policy.md, "One event, four
 * steps"). `replay` drives it over a whole log; the incremental tracker drives it one pushed event
 * at a time, so both follow one copy of the rules.
 */
export class Replayer {
  /** Attributes so far. */
  readonly attributes = new Map<string, Exclude<Scalar, null>>();
  /** What conditions read: the attributes they name, by slot. */
  readonly values: (Exclude<Scalar, null> | undefined)[];
  /** `goalAt: "before_stop"` judges an ended cycle by the attributes before the event that ended it. */
  private readonly before: (Exclude<Scalar, null> | undefined)[];
  /** Which attributes the event changed (strict equality; absent is a value), for `changed` triggers. */
  private readonly changed: Uint8Array;
  /** Cycles per metric, in policy order. */
  readonly cycles: CycleRecord[][];
  /** Which edge conditions hold; before `created` nothing holds. */
  readonly held: Uint8Array;
  private readonly edges: Uint8Array;
  readonly facts: EventFacts = { kind: EventKind.Created, answered: false, answeredBefore: false };

  constructor(
    readonly policy: PolicyInternals,
    readonly host: HostLookup | undefined,
  ) {
    const fieldSlots = policy.fieldSlots;
    this.values = new Array(fieldSlots.size).fill(undefined);
    this.before = policy.needsValuesBefore ? this.values.slice() : this.values;
    this.changed = new Uint8Array(policy.watchesChanges ? fieldSlots.size : 0);
    this.cycles = policy.metrics.map(() => []);
    this.held = new Uint8Array(policy.edgeConditions.length);
    this.edges = new Uint8Array(policy.edgeConditions.length);
  }

  /** Applies one event (events come in application order: `created` first, then by time). */
  apply(event: LogEvent): void {
    const { attributes, values, before, changed, cycles, held, edges, facts, host } = this;
    const fieldSlots = this.policy.fieldSlots;
    const metrics = this.policy.metrics;
    const conditions = this.policy.edgeConditions;
    const atMs = event.atMs;
    const changes = event.changes;
    if (before !== values) for (let i = 0; i < values.length; i++) before[i] = values[i];
    if (changed.length > 0) changed.fill(0);
    if (changes !== null) {
      for (let i = 0; i < changes.length; i += 2) {
        const key = changes[i] as string;
        const value = changes[i + 1] as Scalar;
        if (value === null) attributes.delete(key);
        else attributes.set(key, value);
        const slot = fieldSlots.get(key);
        if (slot !== undefined) {
          const next = value === null ? undefined : value;
          if (changed.length > 0 && values[slot] !== next) changed[slot] = 1;
          values[slot] = next;
        }
      }
    }
    const wasResolved = held[resolvedCondition] === 1;
    for (let c = 0; c < conditions.length; c++) {
      const holds = (conditions[c] as (typeof conditions)[number])(values) ? 1 : 0;
      edges[c] = holds === 1 && held[c] === 0 ? 1 : 0;
      held[c] = holds;
    }
    const reopened = wasResolved && held[resolvedCondition] === 0;
    const resolvedNow = held[resolvedCondition] === 1;
    facts.kind = event.kind;
    facts.answeredBefore = facts.answered;
    if (event.kind === EventKind.AgentMessage) facts.answered = true;

    for (let m = 0; m < metrics.length; m++) {
      const metric = metrics[m] as CompiledMetric;
      const list = cycles[m] as CycleRecord[];
      let last = list.length > 0 ? (list[list.length - 1] as CycleRecord) : undefined;

      // (1) An open cycle stops if a stop trigger fires, else is cancelled if a cancel trigger does.
      if (last !== undefined && last.ending === 'open') {
        const judging = metric.goalAt === 'before_stop' ? before : values;
        if (fires(metric.stop, facts, edges, reopened, changed, values, resolvedNow))
          endCycle(last, atMs, 'stopped', metric, judging, host);
        else if (fires(metric.cancel, facts, edges, reopened, changed, values, resolvedNow))
          endCycle(last, atMs, 'cancelled', metric, judging, host);
      }

      // (2) A start trigger starts a cycle, or resumes the stopped one (restart: "resume").
      let begun: CycleRecord | undefined;
      let resumedFrom:
        | {
            endedAtMs: number;
            goalIndex: number;
            targetMs: number;
            calendar: ResolvedCalendar;
            pieces: number;
            judgingValues: AttributeValues | null;
          }
        | undefined;
      if (
        (last === undefined || last.ending !== 'open') &&
        fires(metric.start, facts, edges, reopened, changed, values, resolvedNow)
      ) {
        if (last === undefined || last.ending === 'cancelled' || metric.restart === 'new_cycle') {
          const tracksCalendar = metric.calendarSlots.length > 0;
          begun = {
            startedAtMs: atMs,
            endedAtMs: Number.NaN,
            ending: 'open',
            goalIndex: -1,
            targetMs: Number.NaN,
            key: metric.keySlot < 0 ? null : (values[metric.keySlot] ?? null),
            stretches: [],
            stretchFromMs: atMs,
            paused: false,
            calendar: alwaysOpenCalendar,
            startValues: tracksCalendar && metric.calendarAt === 'start' ? values.slice() : null,
            pieceValues: tracksCalendar && metric.calendarAt === 'piecewise' ? [atMs, values.slice()] : null,
            pieceCalendars: null,
            judgingValues: null,
          };
          list.push(begun);
        } else if (metric.restart === 'resume') {
          // The time it spent stopped counts neither as elapsed nor as paused.
          resumedFrom = {
            endedAtMs: last.endedAtMs,
            goalIndex: last.goalIndex,
            targetMs: last.targetMs,
            calendar: last.calendar,
            pieces: last.pieceValues?.length ?? 0,
            judgingValues: last.judgingValues,
          };
          begun = last;
          begun.ending = 'open';
          begun.endedAtMs = Number.NaN;
          begun.goalIndex = -1;
          begun.stretchFromMs = atMs;
        }
      }

      // (3) A `when` stop that already holds meets the new cycle at once; a `when` cancel that
      // holds means it never existed (zero-length cancelled cycles do not exist).
      if (begun !== undefined) {
        if (begun.pieceValues !== null && resumedFrom !== undefined) notePiece(begun, metric, atMs, values);
        if (metric.stopWhen.some((c) => held[c] === 1)) {
          // Started and stopped by one event: judged by the only attributes it lived under.
          endCycle(begun, atMs, 'stopped', metric, values, host);
        } else if (metric.cancelWhen.some((c) => held[c] === 1)) {
          if (resumedFrom === undefined) list.pop();
          else {
            begun.ending = 'stopped';
            begun.endedAtMs = resumedFrom.endedAtMs;
            begun.goalIndex = resumedFrom.goalIndex;
            begun.targetMs = resumedFrom.targetMs;
            begun.calendar = resumedFrom.calendar;
            begun.judgingValues = resumedFrom.judgingValues;
            if (begun.pieceValues !== null) begun.pieceValues.length = resumedFrom.pieces;
          }
        }
        last = list.length > 0 ? (list[list.length - 1] as CycleRecord) : undefined;
        if (last !== undefined && last.ending === 'open') last.paused = metric.pauseWhen?.(values) ?? false;
        continue;
      }

      if (last !== undefined && last.ending === 'open' && last.pieceValues !== null)
        notePiece(last, metric, atMs, values);

      // (4) The pause state is re-evaluated.
      if (last !== undefined && last.ending === 'open' && metric.pauseWhen !== null) {
        const paused = metric.pauseWhen(values);
        if (paused !== last.paused) {
          closeStretch(last, atMs);
          last.paused = paused;
        }
      }
    }
  }

  /**
   * The cycles as they stand, each open one settled with the attributes now: its goal, calendar
   * and target (an open cycle is measured with the goal that matches at `now`; its stretch in
   * progress, from `stretchFromMs`, runs to `now` and beyond for projections). Settling again
   * after more events overwrites this, so it may be called any number of times.
   */
  finish(): Replay {
    const metrics = this.policy.metrics;
    for (let m = 0; m < metrics.length; m++) {
      const list = this.cycles[m] as CycleRecord[];
      const last = list[list.length - 1];
      if (last !== undefined && last.ending === 'open')
        settle(last, metrics[m] as CompiledMetric, this.values, this.host);
    }
    return { attributes: this.attributes, cycles: this.cycles };
  }
}

/**
 * Replays `log` up to `nowMs` through the policy. Rules applied in each event, in this order
 * (docs/policy.md, "One event, four steps"): attributes; then for each metric (1) stop, else cancel, an open cycle;
 * (2) start or resume one; (3) a `when`-form stop that already holds stops it at once, else a
 * `when`-form cancel that holds means it never existed; (4) re-evaluate the pause.
 */
export function replay(
  log: Log,
  policy: PolicyInternals,
  nowMs: number,
  host: HostLookup | undefined = undefined,
): Replay {
  const replayer = new Replayer(policy, host);
  for (const event of log.events) {
    if (event.atMs > nowMs) break;
    replayer.apply(event);
  }
  return replayer.finish();
}
