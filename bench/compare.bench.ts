/**
 * What-if comparisons (issue 10): `compareSlaPolicies` over 20,000 ten-event tickets, the sample
 * policy (examples/data/policy.json) against the same policy with faster enterprise replies
 * (examples/data/policy-faster-enterprise.json),
 * against one `computeSlaStates` run over the same tickets in the same run. Each ticket's log is
 * read once and replayed once per policy, so the goal (no assertion) is at most 2.2× one run.
 * Also two separate `computeSlaStates` runs (each reading the logs), and `changes()` iterated
 * after the comparison. Results: docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import { afterAll, bench, describe } from 'vitest';
import { generateTickets } from './generate.js';
import { loadBuiltSlaClock } from './slaClockBuild.js';

type BenchOptions = NonNullable<Parameters<typeof bench>[2]>;
const options: BenchOptions = { time: 3000, warmupTime: 500, warmupIterations: 2 };

const { compilePolicy, computeSlaStates, compareSlaPolicies } = await loadBuiltSlaClock();
const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../examples/data/${name}`, import.meta.url), 'utf8'));
const before = compilePolicy(read('policy.json'));
// The change under review: enterprise first replies in 15 min / 1 h, next replies in 2 h.
const after = compilePolicy(read('policy-faster-enterprise.json'));
const now = Date.UTC(2026, 3, 1);
const count = 20_000;
const tickets = [...generateTickets({ count, seed: 2026, minEvents: 10, maxEvents: 10 })];

const sink = new Float64Array(1);
afterAll(() => console.log(`[bench] ${count} tickets per iteration; checksum ${sink[0]}`));

describe(`${count} ten-event tickets per iteration (divide by ${count} for one ticket)`, () => {
  bench(
    'one computeSlaStates run (the sample policy)',
    () => {
      for (const state of computeSlaStates(tickets, before, { now }))
        sink[0] = (sink[0] as number) + state.now;
    },
    options,
  );
  bench(
    'compareSlaPolicies, grouped by tier (groups only)',
    () => {
      const { groups } = compareSlaPolicies(tickets, before, after, { now, groupBy: 'tier' });
      sink[0] = (sink[0] as number) + groups.length;
    },
    options,
  );
  bench(
    'two computeSlaStates runs, one per policy (each reads every log)',
    () => {
      for (const state of computeSlaStates(tickets, before, { now }))
        sink[0] = (sink[0] as number) + state.now;
      for (const state of computeSlaStates(tickets, after, { now }))
        sink[0] = (sink[0] as number) + state.now;
    },
    options,
  );
  bench(
    'compareSlaPolicies, then every change of changes() (a second pass)',
    () => {
      const comparison = compareSlaPolicies(tickets, before, after, { now, groupBy: 'tier' });
      for (const change of comparison.changes())
        sink[0] = (sink[0] as number) + String(change.ticketId).length;
    },
    options,
  );
});
