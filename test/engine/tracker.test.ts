/**
 * The incremental tracker (docs/tracker.md): pushing a ticket's events one at a time gives, at
 * every `now` at or after the latest, exactly `computeSlaState` over the events pushed so far,
 * through snapshots too; refused pushes leave it unchanged; altered snapshots are refused.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { policyFingerprint, sealSnapshot } from '../../src/engine/snapshot.js';
import {
  type Calendar,
  type CalendarSpec,
  compileCalendar,
  compilePolicy,
  computeSlaState,
  createSlaTracker,
  isSlaValidationError,
  type Policy,
  type PolicySpec,
  restoreSlaTracker,
  type SlaTracker,
  type TicketEvent,
} from '../../src/index.js';
import { runParams } from '../oracle/arbitraries.js';
import { naiveInstantMs } from '../oracle/naiveEngine.js';
import { section10CaseArb } from '../oracle/section10Arbitraries.js';
import { section11CaseArb } from '../oracle/section11Arbitraries.js';
import { slaCaseArb } from '../oracle/ticketArbitraries.js';

interface Case {
  readonly policy: unknown;
  readonly ticket: { readonly id: string; readonly events: readonly unknown[] };
  readonly nowMs: number;
  readonly host?: Record<string, unknown> | undefined;
}

/** The log in application order: `created` first, then by time, ties in log order. */
function ordered(events: readonly unknown[]): TicketEvent[] {
  const indexed = events.map((event, index) => ({
    event: event as TicketEvent,
    index,
    ms: naiveInstantMs((event as { at: never }).at),
  }));
  const created = indexed.filter((e) => e.event.type === 'created');
  const rest = indexed
    .filter((e) => e.event.type !== 'created')
    .sort((a, b) => a.ms - b.ms || a.index - b.index);
  return [...created, ...rest].map((e) => e.event);
}

const hostOf = (c: Case): Record<string, Calendar> | undefined =>
  c.host === undefined
    ? undefined
    : Object.fromEntries(
        Object.entries(c.host).map(([name, spec]) => [name, compileCalendar(spec as CalendarSpec)]),
      );

/**
 * Pushes every event, comparing with `computeSlaState` at a `now` at or after each (a random
 * offset), and restoring from a JSON round trip of the snapshot where `restoreAt` says.
 */
function checkCase(c: Case, offsetsMs: readonly number[], restoreAt: readonly boolean[]): void {
  const policy = compilePolicy(c.policy as PolicySpec);
  const calendars = hostOf(c);
  const options = { ticketId: c.ticket.id, ...(calendars === undefined ? {} : { calendars }) };
  let tracker: SlaTracker = createSlaTracker(policy, options);
  const events = ordered(c.ticket.events);
  const pushed: TicketEvent[] = [];
  events.forEach((event, i) => {
    tracker.push(event);
    pushed.push(event);
    const latestMs = naiveInstantMs(event.at as never);
    const nowMs = latestMs + (offsetsMs[i % Math.max(1, offsetsMs.length)] ?? 0);
    const expected = computeSlaState({ id: c.ticket.id, events: pushed }, policy, {
      now: nowMs,
      ...(calendars === undefined ? {} : { calendars }),
    });
    expect(tracker.state(nowMs)).toEqual(expected);
    if (restoreAt[i % Math.max(1, restoreAt.length)] === true) {
      tracker = restoreSlaTracker(policy, JSON.parse(JSON.stringify(tracker.snapshot())), options);
      expect(tracker.state(nowMs)).toEqual(expected);
    }
  });
}

const offsetsArb = fc.array(fc.integer({ min: 0, max: 3 * 86_400_000 }), { minLength: 1, maxLength: 6 });
const restoresArb = fc.array(fc.boolean(), { minLength: 1, maxLength: 6 });

describe('the tracker equals computeSlaState over the events pushed so far', () => {
  test('on the engine’s random policies and logs', () => {
    fc.assert(
      fc.property(slaCaseArb, offsetsArb, restoresArb, (c, offsets, restores) =>
        checkCase(c as Case, offsets, restores),
      ),
      runParams(150),
    );
  });

  test('with calendars chosen from the ticket, templates and host calendars', () => {
    fc.assert(
      fc.property(section10CaseArb, offsetsArb, restoresArb, (c, offsets, restores) =>
        checkCase({ ...(c as unknown as Case), host: c.host as never }, offsets, restores),
      ),
      runParams(80),
    );
  });

  test('with targets beyond durations, changed triggers and preset kinds', () => {
    fc.assert(
      fc.property(section11CaseArb, offsetsArb, restoresArb, (c, offsets, restores) =>
        checkCase(c as unknown as Case, offsets, restores),
      ),
      runParams(80),
    );
  });

  test('with policy versions, select "created" and "now"', () => {
    fc.assert(
      fc.property(
        slaCaseArb,
        slaCaseArb,
        fc.boolean(),
        offsetsArb,
        restoresArb,
        (c, other, byNow, offsets, restores) => {
          const switchMs =
            naiveInstantMs((ordered(c.ticket.events)[0] as unknown as { at: never }).at) + 3_600_000;
          const policy = {
            versions: [
              { from: 0, policy: c.policy },
              { from: switchMs, policy: other.policy },
            ],
            ...(byNow ? { select: 'now' } : {}),
          };
          checkCase({ ...(c as Case), policy }, offsets, restores);
        },
      ),
      runParams(60),
    );
  });
});

const policy: Policy = compilePolicy({
  metrics: {
    reply: { kind: 'first_response', goals: [{ target: '1h' }] },
    resolution: { kind: 'resolution', goals: [{ target: '8h' }] },
  },
});
const created: TicketEvent = { type: 'created', at: '2026-03-02T09:00:00Z', attributes: { status: 'open' } };
const later: TicketEvent = { type: 'message', at: '2026-03-02T10:00:00Z', author: 'agent' };

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isSlaValidationError(error)) return error.issues[0]?.code;
    throw error;
  }
  return undefined;
}

describe('refused pushes leave the tracker unchanged', () => {
  test('a push before created, a second created, an event out of order, a state before the latest event', () => {
    const tracker = createSlaTracker(policy, { ticketId: 'T-1' });
    expect(codeOf(() => tracker.push(later))).toBe('missing_created');
    expect(codeOf(() => tracker.state('2026-03-02T11:00:00Z'))).toBe('missing_created');
    tracker.push(created);
    tracker.push(later);
    const before = tracker.state('2026-03-02T12:00:00Z');
    const snapshot = JSON.stringify(tracker.snapshot());
    expect(codeOf(() => tracker.push(created))).toBe('duplicate_created');
    expect(codeOf(() => tracker.push({ ...later, at: '2026-03-02T09:59:59Z' }))).toBe('out_of_order');
    expect(
      codeOf(() => tracker.push({ type: 'message', at: '2026-03-02T10:30:00Z', author: 'bot' } as never)),
    ).toBe('invalid_value');
    expect(codeOf(() => tracker.state('2026-03-02T09:30:00Z'))).toBe('now_before_events');
    expect(tracker.state('2026-03-02T12:00:00Z')).toEqual(before);
    expect(JSON.stringify(tracker.snapshot())).toBe(snapshot);
    // An event at the same instant as the latest is in order.
    tracker.push({ type: 'updated', at: '2026-03-02T10:00:00Z', attributes: { status: 'solved' } });
    expect(tracker.state('2026-03-02T12:00:00Z').metrics.resolution?.status).toBe('met');
  });

  test('ticket ids are reported as given', () => {
    const numbered = createSlaTracker(policy, { ticketId: 42 });
    numbered.push(created);
    expect(numbered.state('2026-03-02T09:00:00Z').ticketId).toBe(42);
  });
});

describe('snapshots', () => {
  const tracker = createSlaTracker(policy, { ticketId: 'T-1' });
  tracker.push(created);
  tracker.push(later);
  const snapshot = JSON.parse(JSON.stringify(tracker.snapshot())) as Record<string, unknown>;
  const truth = tracker.state('2026-03-02T12:00:00Z');

  test('another policy, another format version, an altered content: each refused with its code', () => {
    const other = compilePolicy({
      metrics: { reply: { kind: 'first_response', goals: [{ target: '2h' }] } },
    });
    expect(codeOf(() => restoreSlaTracker(other, snapshot))).toBe('policy_mismatch');
    expect(codeOf(() => restoreSlaTracker(policy, { ...snapshot, version: 2 }))).toBe('snapshot_version');
    const altered = JSON.parse(JSON.stringify(snapshot));
    altered.content.lastMs += 1;
    expect(codeOf(() => restoreSlaTracker(policy, altered))).toBe('snapshot_invalid');
    expect(codeOf(() => restoreSlaTracker(policy, null))).toBe('snapshot_invalid');
  });

  test('a snapshot changed anywhere restores to an error or the true state, never a wrong one', () => {
    const text = JSON.stringify(snapshot);
    fc.assert(
      fc.property(
        fc.nat(text.length - 1),
        fc.constantFrom('0', '1', '9', '"', 'x', ',', '}', ''),
        (at, char) => {
          const changed = text.slice(0, at) + char + text.slice(at + 1);
          let parsed: unknown;
          try {
            parsed = JSON.parse(changed);
          } catch {
            return;
          }
          let restored: SlaTracker;
          try {
            restored = restoreSlaTracker(policy, parsed);
          } catch (error) {
            expect(isSlaValidationError(error)).toBe(true);
            return;
          }
          expect(restored.state('2026-03-02T12:00:00Z')).toEqual(truth);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('forged content with a valid checksum is read with care: wrong shapes are refused, never a TypeError', () => {
    // A checksum guards against accidents, not forgery: the readers still refuse anything a tracker
    // would not have written.
    const good = (snapshot as { content: Record<string, unknown> }).content;
    const replayer = (good.tracks as { replayer: Record<string, unknown> }[])[0]?.replayer as Record<
      string,
      unknown
    >;
    const forgeries: unknown[] = [
      { ...good, tracks: 'x' },
      { ...good, tracks: [] },
      { ...good, ticketId: { id: 1 } },
      { ...good, lastMs: 1.5 },
      { ...good, tracks: [{ version: 3, replayer }] },
      { ...good, tracks: [{ version: null, replayer: { ...replayer, values: [1, 2, 3, 4, 5, 6, 7] } }] },
      { ...good, tracks: [{ version: null, replayer: { ...replayer, held: [2] } }] },
      { ...good, tracks: [{ version: null, replayer: { ...replayer, cycles: [[{ ending: 'open' }], []] } }] },
      { ...good, tracks: [{ version: null, replayer: { ...replayer, cycles: [[], [], []] } }] },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...forgeries), (content) => {
        const forged = sealSnapshot(policyFingerprint(policy), content as never);
        expect(codeOf(() => restoreSlaTracker(policy, JSON.parse(JSON.stringify(forged))))).toBe(
          'snapshot_invalid',
        );
      }),
      { numRuns: forgeries.length * 3 },
    );
  });
});
