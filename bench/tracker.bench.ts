/**
 * The incremental tracker (docs/tracker.md): the cost of one `push` after 1,000 and after 100,000
 * events already pushed to one ticket (it must not grow: a replay per event would make a ticket's
 * life quadratic), and `state(now)` against `computeSlaState` over the same log, in the same run.
 * Results: docs/benchmarks.md. No assertion: speed is reported, not tested.
 */
import { afterAll, bench, describe } from 'vitest';
import { loadBuiltSlaClock } from './slaClockBuild.js';

type BenchOptions = NonNullable<Parameters<typeof bench>[2]>;
const fast: BenchOptions = { time: 600, warmupTime: 150 };

const { compilePolicy, computeSlaState, createSlaTracker } = await loadBuiltSlaClock();
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const policy = compilePolicy({
  calendars: {
    ny: {
      timeZone: 'America/New_York',
      week: Object.fromEntries(weekdays.map((d) => [d, [['09:00', '17:00']]])),
    },
  },
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target: '1h', calendar: 'ny' }] },
    next_reply: { kind: 'next_response', goals: [{ target: '4h', calendar: 'ny' }] },
    requester_wait: { kind: 'requester_wait', goals: [{ target: '3d', calendar: 'ny' }], warnings: ['75%'] },
    group_time: { kind: 'ownership', goals: [{ target: '8h', calendar: 'ny' }] },
  },
});
const startMs = Date.UTC(2026, 0, 5, 14);
const minute = 60_000;

/** A long-lived ticket: messages back and forth, pending and open, a reassignment now and then. */
function eventAt(i: number) {
  const at = startMs + i * 7 * minute;
  switch (i % 6) {
    case 0:
      return { type: 'message', at, author: 'customer', attributes: { status: 'open' } };
    case 1:
      return { type: 'message', at, author: 'agent' };
    case 2:
      return { type: 'updated', at, attributes: { status: 'pending' } };
    case 3:
      return { type: 'message', at, author: 'customer', attributes: { status: 'open' } };
    case 4:
      return { type: 'updated', at, attributes: { group: i % 24 === 4 ? 'tier2' : 'tier1' } };
    default:
      return { type: 'message', at, author: 'agent', attributes: { status: 'pending' } };
  }
}
const created = { type: 'created', at: startMs, attributes: { status: 'new', group: 'tier1' } };

/** A tracker that has seen `count` events, and the next events to push. */
function trackerAfter(count: number) {
  const tracker = createSlaTracker(policy, { ticketId: 'T-1' });
  tracker.push(created as never);
  for (let i = 1; i < count; i++) tracker.push(eventAt(i) as never);
  return { tracker, next: count };
}

const sink = new Float64Array(1);
afterAll(() => console.log(`[bench] checksum ${sink[0]}`));

describe('one push', () => {
  for (const count of [1_000, 100_000]) {
    const run = trackerAfter(count);
    bench(
      `push after ${count.toLocaleString('en-US')} events`,
      () => {
        run.tracker.push(eventAt(run.next++) as never);
        sink[0] = (sink[0] as number) + run.next;
      },
      fast,
    );
  }
});

describe('state(now) against computeSlaState on the same 1,000-event log', () => {
  const count = 1_000;
  const { tracker } = trackerAfter(count);
  const events = [created, ...Array.from({ length: count - 1 }, (_, i) => eventAt(i + 1))];
  const nowMs = startMs + count * 7 * minute;
  bench(
    'tracker.state(now)',
    () => {
      sink[0] = (sink[0] as number) + tracker.state(nowMs).now;
    },
    fast,
  );
  bench(
    'computeSlaState(log, policy, { now })',
    () => {
      sink[0] = (sink[0] as number) + computeSlaState(events as never, policy, { now: nowMs }).now;
    },
    fast,
  );
});
