#!/usr/bin/env node
// Writes generated ticket logs as NDJSON (one ticket per line) to stdout, from bench/generate.ts,
// which it bundles on the fly with esbuild (a devDependency): the same seeded generator the
// benchmarks, the demo data and the tests use.
//   node scripts/generate-tickets.mjs --count 400 --seed 7 --staffed-hours > examples/data/tickets.ndjson
// --staffed-hours: agents act in their region's working hours (see GenerateOptions.staffedHours).
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    'min-events': { type: 'string', default: '3' },
    'max-events': { type: 'string', default: '30' },
    'staffed-hours': { type: 'boolean', default: false },
  },
});
const bundle = await build({
  entryPoints: [new URL('../bench/generate.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'error',
});
const source = bundle.outputFiles[0].text;
const { generateTickets } = await import(
  `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`
);
for (const ticket of generateTickets({
  count: Number(values.count),
  seed: Number(values.seed),
  minEvents: Number(values['min-events']),
  maxEvents: Number(values['max-events']),
  staffedHours: values['staffed-hours'],
})) {
  if (!process.stdout.write(`${JSON.stringify(ticket)}\n`)) await once(process.stdout, 'drain');
}
