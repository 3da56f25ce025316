/**
 * What targets beyond durations and ownership clocks cost (docs/policy.md, "Targets" and "Cycle
 * keys"), against the same tickets in the same run: the sample policy of
 * `examples/data/policy.json` (the baseline), then the same with a business-day goal ("end of
 * next business day by 17:00, a day later past 14:00") on its first metric, then with an
 * ownership metric by group added too, on the 10-event benchmark tickets with a group that
 * changes mid-log. The goal (no assertion): under 10 µs per ticket. Results: docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import { afterAll, bench, describe } from 'vitest';
import { generateTickets } from './generate.js';
import { loadBuiltSlaClock } from './slaClockBuild.js';

type BenchOptions = NonNullable<Parameters<typeof bench>[2]>;
const fast: BenchOptions = { time: 600, warmupTime: 150 };

const { compilePolicy, computeSlaState } = await loadBuiltSlaClock();
const plainSpec = JSON.parse(readFileSync(new URL('../examples/data/policy.json', import.meta.url), 'utf8'));
const now = Date.UTC(2026, 3, 1);

const businessDaySpec = {
  ...plainSpec,
  metrics: {
    ...plainSpec.metrics,
    first_reply: {
      ...plainSpec.metrics.first_reply,
      goals: [
        { target: { businessDays: 1, by: '17:00', cutoff: '14:00' }, calendar: 'new_york' },
        ...plainSpec.metrics.first_reply.goals,
      ],
    },
  },
};
const ownershipSpec = {
  ...businessDaySpec,
  metrics: {
    ...businessDaySpec.metrics,
    group_time: {
      kind: 'ownership',
      goals: [
        { when: { group: 'tier2' }, target: '8h', calendar: 'new_york' },
        { target: '4h', calendar: 'new_york' },
      ],
    },
  },
};
const plain = compilePolicy(plainSpec);
const businessDays = compilePolicy(businessDaySpec);
const ownership = compilePolicy(ownershipSpec);

type Ticket = ReturnType<typeof generateTickets> extends Iterable<infer T> ? T : never;
/** The 10-event tickets, with a group set at creation and changed halfway through. */
const tickets: Ticket[] = [...generateTickets({ count: 1024, seed: 10, minEvents: 10, maxEvents: 10 })].map(
  (ticket) => {
    const [created, ...rest] = ticket.events;
    const events = [{ ...created, attributes: { ...(created?.attributes ?? {}), group: 'tier1' } }, ...rest];
    const half = Math.floor(events.length / 2);
    const middle = events[half] as { at: unknown };
    events.splice(half + 1, 0, { type: 'updated', at: middle.at, attributes: { group: 'tier2' } } as never);
    return { ...ticket, events } as Ticket;
  },
);

const sink = new Float64Array(1);
let cursor = 0;
for (const policy of [plain, businessDays, ownership]) {
  for (const ticket of tickets)
    sink[0] = (sink[0] as number) + computeSlaState(ticket as never, policy, { now }).now;
}
afterAll(() => console.log(`[bench] checksum ${sink[0]}`));

describe('one 10-event ticket (11 with the group change)', () => {
  const run = (policy: unknown) => () => {
    const state = computeSlaState(tickets[cursor++ & 1023] as never, policy as never, { now });
    sink[0] = (sink[0] as number) + state.now;
  };
  bench('sample policy (baseline)', run(plain), fast);
  bench('+ a business-day goal', run(businessDays), fast);
  bench('+ a business-day goal and an ownership metric', run(ownership), fast);
});

describe('1024 such tickets per iteration (no timer overhead per call)', () => {
  const runAll = (policy: unknown) => () => {
    for (let i = 0; i < 1024; i++)
      sink[0] = (sink[0] as number) + computeSlaState(tickets[i] as never, policy as never, { now }).now;
  };
  bench('sample policy (baseline) x1024', runAll(plain), fast);
  bench('+ a business-day goal and an ownership metric x1024', runAll(ownership), fast);
});
