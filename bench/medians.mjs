/**
 * Turns the JSON that `npm run bench -- --outputJson .reports/bench.json` writes into the
 * Markdown tables of docs/benchmarks.md: medians (vitest computes them from every sample), and
 * ratios to sla-clock. Usage: `node bench/medians.mjs .reports/bench.json`.
 */
import { readFileSync } from 'node:fs';

const path = process.argv[2] ?? '.reports/bench.json';
const report = JSON.parse(readFileSync(path, 'utf8'));
/** @type {Map<string, Map<string, { median: number, mean: number, sampleCount: number }>>} */
const groups = new Map();
for (const file of report.files) {
  for (const group of file.groups) {
    const name = group.fullName.split(' > ').slice(1).join(' > ');
    groups.set(name, new Map(group.benchmarks.map((b) => [b.name, b])));
  }
}

/** A duration given in ms, in the unit that reads best. */
function duration(ms) {
  if (ms < 0.001) return `${(ms * 1e6).toFixed(0)} ns`;
  if (ms < 1) return `${(ms * 1e3).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}
/** `a / b` as a factor: two digits below 10, whole numbers above. */
const ratio = (a, b) => {
  const r = a / b;
  return r < 10 ? `${r.toFixed(r < 1 ? 2 : 1)}×` : `${Math.round(r).toLocaleString('en-US')}×`;
};
const row = (cells) => `| ${cells.join(' | ')} |`;

const implementations = [
  'sla-clock (warm)',
  'floor: bare binary search',
  'day walk (Date in TZ)',
  'moment-business-time 2.0.0',
  'opening_hours 3.15',
];
const lines = [];
lines.push(
  row([
    'Per call (median of one-call samples)',
    'sla-clock',
    'floor',
    'day walk',
    'moment-business-time',
    'opening_hours',
  ]),
  row(['---', '--:', '--:', '--:', '--:', '--:']),
);
const ratioLines = [
  row(['Ratio to sla-clock (medians)', 'floor', 'day walk', 'moment-business-time', 'opening_hours']),
  row(['---', '--:', '--:', '--:', '--:']),
];
for (const [name, benches] of groups) {
  if (!benches.has('sla-clock (warm)')) continue;
  const medians = implementations.map((impl) => benches.get(impl)?.median ?? Number.NaN);
  const samples = implementations.map((impl) => benches.get(impl)?.sampleCount ?? 0);
  lines.push(
    row([name, ...medians.map((m, i) => `${duration(m)}${samples[i] < 100 ? ` (n=${samples[i]})` : ''}`)]),
  );
  const [sla, ...others] = medians;
  ratioLines.push(row([name, ...others.map((m) => ratio(m, sla))]));
}
console.log([...lines, '', ...ratioLines].join('\n'));

const batched = groups.get('1024 calls per iteration (divide by 1024 for per call)');
if (batched) {
  console.log(
    `\n${row(['1024 calls per iteration', 'sla-clock per call', 'floor per call', 'sla-clock ÷ floor'])}`,
  );
  console.log(row(['---', '--:', '--:', '--:']));
  for (const [benchName, b] of batched) {
    if (!benchName.startsWith('sla-clock ')) continue;
    const query = benchName.slice('sla-clock '.length);
    const floorBench = batched.get(`floor ${query}`);
    const slaMs = b.median / 1024;
    const floorMs = (floorBench?.median ?? Number.NaN) / 1024;
    console.log(row([query, duration(slaMs), duration(floorMs), `${(slaMs / floorMs).toFixed(1)}×`]));
  }
  const loop = batched.get('loop only: read 1024 inputs');
  if (loop) console.log(row(['(loop only: read an input)', duration(loop.median / 1024), '', '']));
}

for (const name of [
  'harness: timer overhead, and src/ through vitest',
  'cold start: compile a calendar (+ build one year)',
]) {
  const benches = groups.get(name);
  if (!benches) continue;
  console.log(`\n${row([name, 'median', 'mean', 'samples'])}`);
  console.log(row(['---', '--:', '--:', '--:']));
  for (const [benchName, b] of benches) {
    const per = benchName.includes('1024 calls') ? 1024 : 1;
    const label = per === 1 ? benchName : `${benchName} (÷ 1024)`;
    console.log(row([label, duration(b.median / per), duration(b.mean / per), String(b.sampleCount)]));
  }
}
