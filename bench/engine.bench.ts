/**
 * `computeSlaState` on typical tickets through a compiled policy: the sample policy of
 * `examples/data/policy.json` (4 metrics, business calendars in New York and Berlin with holidays,
 * goals by tier, priority and region, warnings) and tickets from `bench/generate.ts`, compared in
 * the same run with the cost of `JSON.parse` of the same ticket and with the naive reference
 * engine (test/oracle/naiveEngine.ts). The goal (no assertion): a median under 10 µs per ticket
 * for a 10-event ticket, input validation included. Results: docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import { afterAll, bench, describe } from 'vitest';
import { naiveComputeSlaState } from '../test/oracle/naiveEngine.js';
import { generateTickets } from './generate.js';
import { loadBuiltSlaClock } from './slaClockBuild.js';

type BenchOptions = NonNullable<Parameters<typeof bench>[2]>;
const fast: BenchOptions = { time: 600, warmupTime: 150 };
const slow: BenchOptions = { time: 300, iterations: 10, warmupTime: 0, warmupIterations: 2 };

const { compilePolicy, computeSlaState } = await loadBuiltSlaClock();
const policySpec = JSON.parse(readFileSync(new URL('../examples/data/policy.json', import.meta.url), 'utf8'));
const policy = compilePolicy(policySpec);
const now = Date.UTC(2026, 3, 1);

/** 1024 tickets of exactly `events` events, as objects and as the JSON text a host would hold. */
function ticketsOf(events: number) {
  const tickets = [...generateTickets({ count: 1024, seed: events, minEvents: events, maxEvents: events })];
  return { tickets, texts: tickets.map((ticket) => JSON.stringify(ticket)) };
}
const sizes = { 3: ticketsOf(3), 10: ticketsOf(10), 30: ticketsOf(30) } as const;

// Results go to a typed array, not a variable that the engine could prove dead.
const sink = new Float64Array(1);
let cursor = 0;
afterAll(() => console.log(`[bench] checksum ${sink[0]}`));

for (const events of [3, 10, 30] as const) {
  const { tickets, texts } = sizes[events];
  describe(`one ${events}-event ticket`, () => {
    bench(
      'sla-clock computeSlaState (validation included)',
      () => {
        const state = computeSlaState(tickets[cursor++ & 1023] as never, policy, { now });
        sink[0] = (sink[0] as number) + state.now;
      },
      fast,
    );
    bench(
      'JSON.parse of the same ticket',
      () => {
        const parsed = JSON.parse(texts[cursor++ & 1023] as string);
        sink[0] = (sink[0] as number) + parsed.events.length;
      },
      fast,
    );
    bench(
      'JSON.parse + computeSlaState',
      () => {
        const state = computeSlaState(JSON.parse(texts[cursor++ & 1023] as string), policy, { now });
        sink[0] = (sink[0] as number) + state.now;
      },
      fast,
    );
    if (events === 10) {
      bench(
        'naive reference engine',
        () => {
          const state = naiveComputeSlaState(tickets[cursor++ & 1023] as never, policySpec, now);
          sink[0] = (sink[0] as number) + state.now;
        },
        slow,
      );
    }
  });
}

describe('1024 ten-event tickets per iteration (no timer overhead per call)', () => {
  const { tickets, texts } = sizes[10];
  bench(
    'sla-clock computeSlaState x1024',
    () => {
      for (let i = 0; i < 1024; i++)
        sink[0] = (sink[0] as number) + computeSlaState(tickets[i] as never, policy, { now }).now;
    },
    fast,
  );
  bench(
    'JSON.parse x1024',
    () => {
      for (let i = 0; i < 1024; i++)
        sink[0] = (sink[0] as number) + JSON.parse(texts[i] as string).events.length;
    },
    fast,
  );
});
