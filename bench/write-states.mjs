#!/usr/bin/env node
// Writing states as JSON text: `JSON.stringify(serializeSlaState(state))` against
// `stringifySlaState(state)` (with and without `cycles: "latest"`), over 20,000 generated
// ten-event tickets of the sample policy, computed once beforehand. Prints µs per state, the
// median of 15 passes. Needs `npm run build`. Usage: node bench/write-states.mjs [tickets]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compilePolicy, computeSlaStates, serializeSlaState, stringifySlaState } from '../dist/index.js';

const count = Number(process.argv[2] ?? 20_000);
const root = new URL('..', import.meta.url).pathname;
const ndjson = execFileSync(
  'node',
  [
    'scripts/generate-tickets.mjs',
    '--count',
    String(count),
    '--seed',
    '2026',
    '--min-events',
    '10',
    '--max-events',
    '10',
  ],
  { cwd: root, maxBuffer: 1 << 30 },
)
  .toString()
  .trim();
const policy = compilePolicy(JSON.parse(readFileSync(`${root}examples/data/policy.json`, 'utf8')));
const states = [
  ...computeSlaStates(
    ndjson.split('\n').map((line) => JSON.parse(line)),
    policy,
    { now: Date.UTC(2026, 3, 1) },
  ),
];
let sink = 0;

function measure(label, write) {
  for (let i = 0; i < 3; i++) for (const state of states) sink += write(state).length;
  const passes = [];
  for (let i = 0; i < 15; i++) {
    const start = process.hrtime.bigint();
    for (const state of states) sink += write(state).length;
    passes.push(Number(process.hrtime.bigint() - start) / 1000 / states.length);
  }
  passes.sort((a, b) => a - b);
  console.log(`| ${label} | ${(passes[7] ?? 0).toFixed(1)} µs |`);
}

console.log(`${states.length} generated ten-event states, node ${process.version}\n`);
console.log('| writer | per state (median of 15) |\n| --- | ---: |');
measure('`JSON.stringify(serializeSlaState(state))`', (state) => JSON.stringify(serializeSlaState(state)));
measure('`stringifySlaState(state)`', (state) => stringifySlaState(state));
measure("`stringifySlaState(state, { cycles: 'latest' })`", (state) =>
  stringifySlaState(state, { cycles: 'latest' }),
);
if (sink === 0) console.log('(nothing written)');
