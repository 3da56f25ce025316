#!/usr/bin/env node
// Does compareSlaPolicies stream? It runs over lazily generated ten-event tickets (1,000,000 by
// default) and records, every 100,000 tickets, the heap after a full collection and the resident
// set size. Only the deadline shifts of open, running cycles are kept (a Float64Array per row,
// doubled when full), so the live heap should stay flat but for them; a second pass, with two
// computeSlaStates runs, counts those cycles so that the growth can be set against 8 bytes each.
// Results: docs/benchmarks.md. Usage: node --expose-gc bench/compare-memory.mjs [tickets]
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc bench/compare-memory.mjs');
  process.exit(2);
}
const count = Number(process.argv[2] ?? 1_000_000);
const every = 100_000;

// src/ and the ticket generator bundled into one module, as bench/slaClockBuild.ts does.
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}node_modules/.cache/sla-clock-bench/`;
mkdirSync(outDir, { recursive: true });
const outfile = `${outDir}compare-memory.mjs`;
await build({
  stdin: {
    contents: "export * from './src/index.ts'; export { generateTickets } from './bench/generate.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const { compareSlaPolicies, compilePolicy, computeSlaStates, generateTickets } = await import(
  `${pathToFileURL(outfile).href}?t=${Date.now()}`
);

const read = (name) => JSON.parse(readFileSync(`${root}examples/data/${name}`, 'utf8'));
// The sample policy against faster enterprise replies (first 15 min / 1 h, next 2 h).
const spec = read('policy.json');
const faster = read('policy-faster-enterprise.json');
const before = compilePolicy(spec);
const after = compilePolicy(faster);
const now = Date.UTC(2026, 3, 1);

const mb = (bytes) => (bytes / 1e6).toFixed(1);
const rows = [];
function sample(tickets) {
  globalThis.gc();
  // Typed arrays' contents live outside the V8 heap: `arrayBuffers` counts them.
  // `heapTotal` is what V8 has reserved for its heap, live or not.
  const { heapUsed, heapTotal, arrayBuffers, rss } = process.memoryUsage();
  rows.push({ tickets, heapUsed, heapTotal, arrayBuffers, rss });
}

/** The generated tickets, with a sample of memory every `every` tickets (between two tickets). */
function* sampled() {
  let n = 0;
  // Created from January to late March 2026: at `now` (April 1st) most tickets are solved, and
  // the open ones are what the medians keep.
  for (const ticket of generateTickets({ count, seed: 2026, minEvents: 10, maxEvents: 10 })) {
    yield ticket;
    if (++n % every === 0) sample(n);
  }
}

const startMs = performance.now();
sample(0);
const { groups } = compareSlaPolicies(sampled(), before, after, { now, groupBy: 'tier' });
const seconds = (performance.now() - startMs) / 1000;

console.log(
  `${count.toLocaleString('en-US')} tickets compared in ${seconds.toFixed(1)} s; ${groups.length} rows`,
);
console.log('  tickets  heap after gc (MB)  heap total (MB)  array buffers (MB)  rss (MB)');
for (const row of rows)
  console.log(
    `${row.tickets.toLocaleString('en-US').padStart(9)}  ${mb(row.heapUsed).padStart(18)}  ${mb(row.heapTotal).padStart(15)}  ${mb(row.arrayBuffers).padStart(18)}  ${mb(row.rss).padStart(8)}`,
  );
const first = rows.find((row) => row.tickets === every);
const last = rows.at(-1);
if (first !== undefined && last !== undefined && last !== first) {
  console.log(
    `heap growth from ${every.toLocaleString('en-US')} to ${last.tickets.toLocaleString('en-US')} tickets: ` +
      `${mb(last.heapUsed - first.heapUsed)} MB of heap, ${mb(last.arrayBuffers - first.arrayBuffers)} MB of array buffers, ` +
      `${mb(last.rss - first.rss)} MB of RSS`,
  );
}
for (const group of groups)
  console.log(
    `${String(group.key).padEnd(10)} ${group.metric.padEnd(15)} cycles ${String(group.after.cycles).padStart(8)}  median shift ${group.medianDeadlineShift}`,
  );

// The second pass: how many shifts the rows hold (latest cycles running with a deadline on both
// sides), and so how many bytes their arrays need at least.
const tickets = () => generateTickets({ count, seed: 2026, minEvents: 10, maxEvents: 10 });
const afterStates = computeSlaStates(tickets(), after, { now });
let shifts = 0;
for (const b of computeSlaStates(tickets(), before, { now })) {
  const a = afterStates.next().value;
  for (const name of Object.keys(a.metrics)) {
    const am = a.metrics[name];
    const bm = b.metrics[name];
    if (
      bm &&
      am.status === 'running' &&
      bm.status === 'running' &&
      am.deadline !== null &&
      bm.deadline !== null
    )
      shifts++;
  }
}
console.log(
  `deadline shifts kept: ${shifts.toLocaleString('en-US')} (${mb(shifts * 8)} MB as float64, up to twice that in doubled arrays)`,
);
