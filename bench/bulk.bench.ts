/**
 * Bulk recomputation in process: `computeSlaStates` over many 10-event tickets through one
 * compiled policy (examples/data/policy.json: 4 metrics, business calendars with holidays), as
 * tickets per second, against the floor measured in the same run: reading the same NDJSON,
 * `JSON.parse` of every line, and `JSON.stringify` of an object of the output's size. The goal
 * (no assertion): at least 200,000 tickets per second on one core. Results: docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import { afterAll, bench, describe } from 'vitest';
import { generateTickets } from './generate.js';
import { loadBuiltSlaClock } from './slaClockBuild.js';

type BenchOptions = NonNullable<Parameters<typeof bench>[2]>;
const options: BenchOptions = { time: 2000, warmupTime: 300, warmupIterations: 1 };

const { compilePolicy, computeSlaStates, serializeSlaState, stringifySlaState } = await loadBuiltSlaClock();
const policy = compilePolicy(
  JSON.parse(readFileSync(new URL('../examples/data/policy.json', import.meta.url), 'utf8')),
);
const now = Date.UTC(2026, 3, 1);
const count = 20_000;
const ndjson = [...generateTickets({ count, seed: 2026, minEvents: 10, maxEvents: 10 })]
  .map((t) => JSON.stringify(t))
  .join('\n');
const tickets = ndjson.split('\n').map((line) => JSON.parse(line));
// An object of the output's size, to price the floor's JSON.stringify honestly.
const outputSized = [...computeSlaStates(tickets.slice(0, 1), policy, { now })].map(serializeSlaState)[0];

const sink = new Float64Array(1);
afterAll(() => console.log(`[bench] ${count} tickets per iteration; checksum ${sink[0]}`));

describe(`${count} ten-event tickets per iteration (divide by ${count} for one ticket)`, () => {
  bench(
    'computeSlaStates over parsed tickets',
    () => {
      for (const state of computeSlaStates(tickets, policy, { now }))
        sink[0] = (sink[0] as number) + state.now;
    },
    options,
  );
  bench(
    'split + JSON.parse + computeSlaStates + stringifySlaState (the whole job in process, as the CLI does it)',
    () => {
      const parsed = (function* () {
        for (const line of ndjson.split('\n')) yield JSON.parse(line);
      })();
      for (const state of computeSlaStates(parsed, policy, { now })) {
        sink[0] = (sink[0] as number) + stringifySlaState(state).length;
      }
    },
    options,
  );
  bench(
    'split + JSON.parse + computeSlaStates + serialize + JSON.stringify (the whole job through the object form)',
    () => {
      const parsed = (function* () {
        for (const line of ndjson.split('\n')) yield JSON.parse(line);
      })();
      for (const state of computeSlaStates(parsed, policy, { now })) {
        sink[0] = (sink[0] as number) + JSON.stringify(serializeSlaState(state)).length;
      }
    },
    options,
  );
  bench(
    'parse floor: split + JSON.parse of every line (what computeSlaStates over parsed tickets is compared with)',
    () => {
      for (const line of ndjson.split('\n')) sink[0] = (sink[0] as number) + JSON.parse(line).events.length;
    },
    options,
  );
  bench(
    'floor: split + JSON.parse of every line + JSON.stringify of an output-sized object',
    () => {
      for (const line of ndjson.split('\n')) {
        sink[0] = (sink[0] as number) + JSON.parse(line).events.length + JSON.stringify(outputSized).length;
      }
    },
    options,
  );
});
