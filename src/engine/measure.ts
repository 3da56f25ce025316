/**
 * Measures one recorded cycle with its goal's calendar: elapsed counted time, pauses, breach,
 * deadline, warnings and the next change. A binary search per stretch boundary; the cycle is
 * measured once, from its start, whatever the number of events.
 */
import type { Timeline } from '../calendar/timeline.js';
import type { CompiledGoal, CompiledMetric } from '../policy/policy.js';
import { alwaysOpenCalendar, type ResolvedCalendar } from '../policy/resolvedCalendar.js';
import { type WarningRule, warningThresholdMs } from '../policy/warnings.js';
import type { CycleRecord } from './replay.js';
import type { CycleState, CycleStatus, WarningState } from './state.js';

/**
 * The counted time of a cycle as a function of time: its running stretches, the last one
 * possibly open-ended (an open, running cycle is assumed to go on running). Each stretch counts
 * on its own timeline: the cycle's calendar, or with `calendarAt: "piecewise"` the calendar of
 * the piece it lies in (a stretch that spans pieces is split where they meet).
 */
class CountedTime {
  /**
   * Flat `[fromMs, fromPosition, countedMs, ...]` of the running stretches: where each starts,
   * the calendar position there, and the time it counted (`Infinity` for an open-ended one).
   */
  readonly running: number[] = [];
  /** The timeline of each running stretch. */
  readonly timelines: Timeline[] = [];
  elapsedMs = 0;
  pausedMs = 0;
  /** Piece boundaries and calendars (piecewise only), and the piece the next stretch starts in. */
  private readonly pieceValues: readonly (number | unknown)[] | null;
  private readonly pieceCalendars: readonly ResolvedCalendar[] | null;
  private piece = 0;

  constructor(cycle: CycleRecord, calendar: ResolvedCalendar, nowMs: number) {
    const piecewise = cycle.pieceCalendars !== null && cycle.pieceValues !== null && cycle.goalIndex >= 0;
    this.pieceValues = piecewise ? cycle.pieceValues : null;
    this.pieceCalendars = piecewise ? cycle.pieceCalendars : null;
    const stretches = cycle.stretches;
    for (let i = 0; i < stretches.length; i += 3) {
      const fromMs = stretches[i] as number;
      const toMs = stretches[i + 1] as number;
      if (stretches[i + 2] === 1) this.pausedMs += toMs - fromMs;
      else this.addRunning(fromMs, toMs, calendar.timeline);
    }
    if (cycle.ending === 'open') {
      if (cycle.paused) this.pausedMs += nowMs - cycle.stretchFromMs;
      else this.addRunning(cycle.stretchFromMs, Number.POSITIVE_INFINITY, calendar.timeline, nowMs);
    }
  }

  /**
   * Adds a running stretch `[fromMs, toMs)` (`toMs` infinite for the stretch in progress, which
   * counts up to `nowMs`), split at piece boundaries when piecewise.
   */
  private addRunning(fromMs: number, toMs: number, timeline: Timeline, nowMs = toMs): void {
    const bounds = this.pieceValues;
    const calendars = this.pieceCalendars;
    if (bounds === null || calendars === null) {
      this.addPiece(fromMs, toMs, timeline, nowMs);
      return;
    }
    // Pieces are in time order, and so are stretches: the piece index only moves forward.
    while (2 * (this.piece + 1) < bounds.length && (bounds[2 * (this.piece + 1)] as number) <= fromMs)
      this.piece++;
    let atMs = fromMs;
    for (;;) {
      const pieceTimeline = (calendars[this.piece] as ResolvedCalendar).timeline;
      const nextIndex = 2 * (this.piece + 1);
      const nextMs = nextIndex < bounds.length ? (bounds[nextIndex] as number) : Number.POSITIVE_INFINITY;
      if (nextMs >= toMs) {
        this.addPiece(atMs, toMs, pieceTimeline, nowMs);
        return;
      }
      this.addPiece(atMs, nextMs, pieceTimeline, nextMs);
      atMs = nextMs;
      this.piece++;
    }
  }

  private addPiece(fromMs: number, toMs: number, timeline: Timeline, untilMs: number): void {
    const fromPosition = timeline.positionAt(fromMs);
    const countedMs = timeline.positionAt(untilMs) - fromPosition;
    this.elapsedMs += countedMs;
    this.running.push(fromMs, fromPosition, toMs === Number.POSITIVE_INFINITY ? toMs : countedMs);
    this.timelines.push(timeline);
  }

  /** The first instant at which counted time reaches `thresholdMs`, or null if it never does. */
  firstReaching(thresholdMs: number, startedAtMs: number): number | null {
    if (thresholdMs <= 0) return startedAtMs;
    const running = this.running;
    let countedMs = 0;
    for (let i = 0; i < running.length; i += 3) {
      const stretchMs = running[i + 2] as number;
      if (countedMs + stretchMs >= thresholdMs) {
        const fromMs = running[i] as number;
        return (this.timelines[i / 3] as Timeline).earliestAtPosition(
          (running[i + 1] as number) + (thresholdMs - countedMs),
          fromMs,
        );
      }
      countedMs += stretchMs;
    }
    return null;
  }

  /**
   * The last instant at which counted time is still at most `targetMs`: where counting passes
   * it. If the target is used up exactly when counting stops (a close, a pause), that is where
   * counting next resumes (the biz and pandas convention). Null if counting never passes it.
   */
  lastWithin(targetMs: number): number | null {
    const running = this.running;
    let countedMs = 0;
    for (let i = 0; i < running.length; i += 3) {
      const stretchMs = running[i + 2] as number;
      if (countedMs + stretchMs > targetMs) {
        const timeline = this.timelines[i / 3] as Timeline;
        const fromMs = running[i] as number;
        const fromPosition = running[i + 1] as number;
        const position = fromPosition + (targetMs - countedMs);
        // The latest instant at that position: the earliest one, or where counting resumes after it.
        const earliestMs = position === fromPosition ? fromMs : timeline.earliestAtPosition(position, fromMs);
        return earliestMs === null ? null : timeline.nextOpenAt(earliestMs);
      }
      countedMs += stretchMs;
    }
    return null;
  }
}

/**
 * running / paused while open; cancelled; else met or breached with a goal (`breached` given),
 * stopped without one.
 */
function statusOf(cycle: CycleRecord, breached: boolean | undefined): CycleStatus {
  if (cycle.ending === 'open') return cycle.paused ? 'paused' : 'running';
  if (cycle.ending === 'cancelled') return 'cancelled';
  return breached === undefined ? 'stopped' : breached ? 'breached' : 'met';
}

/** The state of one recorded cycle at `nowMs`. */
export function measureCycle(cycle: CycleRecord, metric: CompiledMetric, nowMs: number): CycleState {
  const goal: CompiledGoal | undefined = cycle.goalIndex >= 0 ? metric.goals[cycle.goalIndex] : undefined;
  // Without a goal, elapsed time is still measured, on 24/7 (the replay's calendar then).
  const calendar = goal === undefined ? alwaysOpenCalendar : cycle.calendar;
  const counted = new CountedTime(cycle, calendar, nowMs);
  const open = cycle.ending === 'open';
  const running = open && !cycle.paused;
  const elapsedMs = counted.elapsedMs;
  const stoppedAt = open ? null : cycle.endedAtMs;

  if (goal === undefined) {
    return {
      status: statusOf(cycle, undefined),
      breached: false,
      goal: null,
      key: cycle.key,
      startedAt: cycle.startedAtMs,
      stoppedAt,
      elapsed: elapsedMs,
      remaining: null,
      percent: null,
      deadline: null,
      breachedAt: null,
      pausedFor: counted.pausedMs,
      warnings: metric.warnings.map((threshold) => ({ threshold, at: null, reached: false })),
      nextChangeAt: null,
    };
  }

  const targetMs = cycle.targetMs;
  const fixedThresholds = goal.target.form === 'duration';
  const breached = elapsedMs > targetMs;
  const lastOnTimeMs = breached || running ? counted.lastWithin(targetMs) : null;
  let nextChangeAt = running && !breached && lastOnTimeMs !== null ? lastOnTimeMs + 1 : null;
  const warnings: WarningState[] = [];
  for (let w = 0; w < metric.warnings.length; w++) {
    // Only an open, running cycle counts beyond its recorded stretches: for an ended or paused
    // one, a threshold not reached by the end of its last running stretch gives null.
    const thresholdMs = fixedThresholds
      ? (goal.thresholdsMs[w] as number)
      : warningThresholdMs(metric.warningRules[w] as WarningRule, targetMs);
    const at = counted.firstReaching(thresholdMs, cycle.startedAtMs);
    // `reached` is `at <= min(now, stoppedAt)` (docs/policy.md, "Warnings"): an ended cycle's
    // instants all lie before its end, and it ended at or before `now` (later events are ignored).
    const reached = at !== null && at <= nowMs;
    if (running && at !== null && at > nowMs && (nextChangeAt === null || at < nextChangeAt))
      nextChangeAt = at;
    warnings.push({ threshold: metric.warnings[w] as string, at, reached });
  }
  return {
    status: statusOf(cycle, breached),
    breached,
    goal: goal.descriptor ?? {
      index: goal.index,
      target: targetMs,
      calendar: calendar.name,
      timeZone: calendar.timeZone,
      form: goal.target.form,
    },
    key: cycle.key,
    startedAt: cycle.startedAtMs,
    stoppedAt,
    elapsed: elapsedMs,
    remaining: targetMs - elapsedMs,
    // A zero target (a due date already past) has no meaningful percentage.
    percent: targetMs === 0 ? null : (elapsedMs / targetMs) * 100,
    deadline: running ? lastOnTimeMs : null,
    breachedAt: breached ? lastOnTimeMs : null,
    pausedFor: counted.pausedMs,
    warnings,
    nextChangeAt,
  };
}
