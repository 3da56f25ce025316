/**
 * `explainSla`: one cycle's timeline as segments (counting, paused, calendar closed, stopped),
 * each with its instants and counted time, summing exactly to the reported elapsed time. This is
 * what an agent or an auditor reads when they ask "why is this breached?".
 */
import type { Timeline } from '../calendar/timeline.js';
import { nowOf, policyInternals } from '../engine/compute.js';
import { type Log, type LogEvent, readLog, type Ticket, type TicketEvent } from '../engine/events.js';
import { type HostCalendars, hostLookupOf } from '../engine/hostCalendars.js';
import { type CycleRecord, replay } from '../engine/replay.js';
import { versionFor } from '../engine/version.js';
import { fail } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import type { Condition, Scalar } from '../policy/condition.js';
import type { CompiledMetric, Policy, PolicySpec } from '../policy/policy.js';
import { alwaysOpenCalendar, type ResolvedCalendar } from '../policy/resolvedCalendar.js';
import type { Instant } from '../time/instant.js';

/** One piece of a cycle's timeline. */
export interface TimelineSegment {
  readonly from: number;
  readonly to: number;
  /** counting: running, calendar open; closed: running, calendar closed; paused: pauseWhen held; stopped: between a stop and a resume. */
  readonly kind: 'counting' | 'paused' | 'closed' | 'stopped';
  /** Ms counted in this segment (0 unless counting). */
  readonly counted: number;
  /** Why: `calendar "ny" open`, `calendar "ny" closed`, `status = "pending" (pauseWhen)`, ... */
  readonly reason: string;
  /** The calendar in force: the cycle's, or with `calendarAt: "piecewise"` that stretch's own. */
  readonly calendar: string;
  /** That calendar's zone as written; null for `"24/7"`. */
  readonly timeZone: string | null;
}

export interface ExplainOptions {
  readonly now: Instant;
  /** The host's calendars, as `computeSlaState` takes them. */
  readonly calendars?: HostCalendars;
  /** The metric's name in the policy. */
  readonly metric: string;
  /** Index of the cycle (0 is the oldest); default the latest. */
  readonly cycle?: number;
}

/** Field names a condition looks at, in order of first mention. */
function fieldsOf(condition: Condition | undefined, into: string[] = []): string[] {
  if (condition === undefined) return into;
  const keys = Object.keys(condition);
  const record = condition as Record<string, unknown>;
  if (keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any')) {
    for (const part of record[keys[0]] as Condition[]) fieldsOf(part, into);
  } else if (keys.length === 1 && keys[0] === 'not') {
    fieldsOf(record.not as Condition, into);
  } else {
    for (const key of keys) if (!into.includes(key)) into.push(key);
  }
  return into;
}

/**
 * The ticket's attributes as the log stands at successive instants, for naming what paused each
 * paused segment. Paused segments come in time order, so one cursor walks the log once for all
 * of them: replaying from the start for each one made a ticket with 100,000 pauses take seconds
 * (issue 7, D2). An instant earlier than the last one asked (not seen from explainSla) starts over.
 */
class AttributeCursor {
  private readonly events: readonly LogEvent[];
  private readonly attributes = new Map<string, Scalar>();
  /** Events before this index are applied: every event at or before `lastAtMs`, and no other. */
  private next = 0;
  private lastAtMs = Number.NEGATIVE_INFINITY;

  constructor(log: Log) {
    this.events = log.events;
  }

  /** The attributes right after every event at or before `atMs`; valid until the next call. */
  at(atMs: number): ReadonlyMap<string, Scalar> {
    if (atMs < this.lastAtMs) {
      this.attributes.clear();
      this.next = 0;
    }
    this.lastAtMs = atMs;
    const events = this.events;
    // Stops at the first later event, as the log is in application order (created, then by time).
    while (this.next < events.length) {
      const event = events[this.next] as LogEvent;
      if (event.atMs > atMs) break;
      this.next++;
      const changes = event.changes;
      if (changes === null) continue;
      for (let i = 0; i < changes.length; i += 2) {
        const value = changes[i + 1] as Scalar;
        if (value === null) this.attributes.delete(changes[i] as string);
        else this.attributes.set(changes[i] as string, value);
      }
    }
    return this.attributes;
  }
}

function pauseReason(cursor: AttributeCursor, atMs: number, fields: readonly string[]): string {
  if (fields.length === 0) return 'pauseWhen holds';
  const attributes = cursor.at(atMs);
  const shown = fields.map(
    (field) => `${field} = ${attributes.has(field) ? JSON.stringify(attributes.get(field)) : 'missing'}`,
  );
  return `${shown.join(', ')} (pauseWhen)`;
}

/** A calendar as segments show it, with reasons built once per calendar rather than per piece. */
interface SegmentCalendar {
  readonly timeline: Timeline;
  readonly name: string;
  readonly timeZone: string | null;
  readonly open: string;
  readonly closed: string;
}

function segmentCalendarOf(calendar: ResolvedCalendar): SegmentCalendar {
  const quoted = JSON.stringify(calendar.name);
  return {
    timeline: calendar.timeline,
    name: calendar.name,
    timeZone: calendar.timeZone,
    open: `calendar ${quoted} open`,
    closed: `calendar ${quoted} closed`,
  };
}

/**
 * The calendar in force at each instant of a cycle: its one calendar, or with `calendarAt:
 * "piecewise"` the piece's (docs/policy.md, "Whose hours"). Asked in time order, so one cursor
 * moves forward through the pieces.
 */
class CalendarCursor {
  private readonly startsMs: readonly number[];
  private readonly calendars: readonly SegmentCalendar[];
  private piece = 0;

  constructor(record: CycleRecord) {
    const pieces = record.pieceValues;
    const resolved = record.pieceCalendars;
    if (record.goalIndex >= 0 && pieces !== null && resolved !== null) {
      this.startsMs = pieces.filter((_, i) => i % 2 === 0) as number[];
      this.calendars = resolved.map(segmentCalendarOf);
    } else {
      this.startsMs = [record.startedAtMs];
      this.calendars = [segmentCalendarOf(record.goalIndex >= 0 ? record.calendar : alwaysOpenCalendar)];
    }
  }

  /** The calendar at `atMs`, and where the next piece begins (Infinity after the last). */
  at(atMs: number): { calendar: SegmentCalendar; untilMs: number } {
    while (this.piece + 1 < this.startsMs.length && (this.startsMs[this.piece + 1] as number) <= atMs)
      this.piece++;
    return {
      calendar: this.calendars[this.piece] as SegmentCalendar,
      untilMs: this.startsMs[this.piece + 1] ?? Number.POSITIVE_INFINITY,
    };
  }
}

/**
 * Splits a running stretch into counting and closed pieces of the goal's calendar: a few searches
 * of the calendar per piece, whatever the length of the log.
 */
function splitByCalendar(
  out: TimelineSegment[],
  fromMs: number,
  toMs: number,
  calendars: CalendarCursor,
): void {
  let atMs = fromMs;
  while (atMs < toMs) {
    const { calendar, untilMs } = calendars.at(atMs);
    const pieceEndMs = Math.min(toMs, untilMs);
    const timeline = calendar.timeline;
    const open = timeline.isOpenAt(atMs);
    const endMs = Math.min(
      (open ? timeline.nextCloseAt(atMs) : timeline.nextOpenAt(atMs)) ?? pieceEndMs,
      pieceEndMs,
    );
    out.push({
      from: atMs,
      to: endMs,
      kind: open ? 'counting' : 'closed',
      counted: open ? endMs - atMs : 0,
      reason: open ? calendar.open : calendar.closed,
      calendar: calendar.name,
      timeZone: calendar.timeZone,
    });
    atMs = endMs;
  }
}

/**
 * The timeline of one cycle of one metric: segments from the cycle's start to its end (or
 * `now`), without gaps, whose `counted` values sum exactly to the cycle's `elapsed`. A metric
 * with no cycle yet has an empty timeline.
 *
 * @example
 * explainSla(ticket, policy, { now, metric: 'resolution' })
 * //=> [{ from: ..., to: ..., kind: 'counting', counted: 3600000, reason: 'calendar "24/7" open' },
 * //    { from: ..., to: ..., kind: 'paused', counted: 0, reason: 'status = "pending" (pauseWhen)' }, ...]
 */
export function explainSla(
  ticket: Ticket | readonly TicketEvent[],
  policy: PolicySpec | Policy,
  options: ExplainOptions,
): TimelineSegment[] {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    fail('invalid_type', [], expectedGot('options', [], expected.explainOptions, options));
  const policyIn = policyInternals(policy);
  const nowMs = nowOf(options);
  // A versioned policy's metric may exist in some versions only: it must exist in one of them.
  const everyVersion = policyIn.versions?.map((version) => version.internals) ?? [policyIn];
  if (!everyVersion.some((version) => version.metrics.some((metric) => metric.name === options.metric)))
    fail(
      'invalid_value',
      ['metric'],
      expectedGot('options', ['metric'], expected.metricOfPolicy, options.metric),
    );
  const log = readLog(ticket);
  const { internals } = versionFor(policyIn, log, nowMs);
  const metricIndex = internals.metrics.findIndex((metric) => metric.name === options.metric);
  // Not a metric of the version that computes this ticket: it has no cycle to explain.
  if (metricIndex < 0) return [];
  const records = replay(log, internals, nowMs, hostLookupOf(options)).cycles[metricIndex] as CycleRecord[];
  const index = options.cycle ?? records.length - 1;
  if (options.cycle !== undefined && (!Number.isInteger(index) || index < 0 || index >= records.length)) {
    fail('invalid_value', ['cycle'], expectedGot('options', ['cycle'], expected.cycleIndex, options.cycle));
  }
  const record = records[index];
  if (record === undefined) return [];
  const metric = internals.metrics[metricIndex] as CompiledMetric;
  // The calendar the cycle is measured on (without a goal, 24/7, as computeSlaState measures it),
  // or piece by piece.
  const calendars = new CalendarCursor(record);
  const inForce = (atMs: number) => {
    const { calendar } = calendars.at(atMs);
    return { calendar: calendar.name, timeZone: calendar.timeZone };
  };
  const pauseFields = fieldsOf(metric.pauseCondition ?? undefined);
  const cursor = new AttributeCursor(log);

  const stretches = [...record.stretches];
  if (record.ending === 'open' && nowMs > record.stretchFromMs)
    stretches.push(record.stretchFromMs, nowMs, record.paused ? 1 : 0);
  const segments: TimelineSegment[] = [];
  let previousEndMs = record.startedAtMs;
  for (let i = 0; i < stretches.length; i += 3) {
    const fromMs = stretches[i] as number;
    const toMs = stretches[i + 1] as number;
    // A gap between stretches is the time a resumed cycle spent stopped.
    if (fromMs > previousEndMs)
      segments.push({
        from: previousEndMs,
        to: fromMs,
        kind: 'stopped',
        counted: 0,
        reason: 'stopped, then resumed',
        ...inForce(previousEndMs),
      });
    if (stretches[i + 2] === 1)
      segments.push({
        from: fromMs,
        to: toMs,
        kind: 'paused',
        counted: 0,
        reason: pauseReason(cursor, fromMs, pauseFields),
        ...inForce(fromMs),
      });
    else splitByCalendar(segments, fromMs, toMs, calendars);
    previousEndMs = toMs;
  }
  // A cycle resumed and stopped again at one instant ends on the time it spent stopped.
  const endMs = record.ending === 'open' ? nowMs : record.endedAtMs;
  if (endMs > previousEndMs)
    segments.push({
      from: previousEndMs,
      to: endMs,
      kind: 'stopped',
      counted: 0,
      reason: 'stopped, then resumed',
      ...inForce(previousEndMs),
    });
  return segments;
}
