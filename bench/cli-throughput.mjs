#!/usr/bin/env node
// The CLI end to end on generated data, against the floor measured in the same run: a Node
// process that reads the same NDJSON, JSON.parses every line and JSON.stringifies an object of the
// output's size. Also `--workers 2` against `--workers 1`, and the peak memory (max RSS) of each.
// Needs `npm run build`. Usage: node bench/cli-throughput.mjs [tickets] [runs]
//   (default 50,000 ten-event tickets, 3 runs; the median run is reported)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const count = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 3);
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sla-clock-cli-bench-'));
const input = join(dir, 'tickets.ndjson');
const policy = join(root, 'examples/data/policy.json');
const now = '2026-04-01T00:00:00Z';

execFileSync(
  'sh',
  [
    '-c',
    `node scripts/generate-tickets.mjs --count ${count} --seed 2026 --min-events 10 --max-events 10 > ${input}`,
  ],
  { cwd: root },
);
// One output line, to give the floor an object of the output's size.
const sample = execFileSync(
  'sh',
  ['-c', `head -n 1 ${input} | node dist/cli.js compute --policy ${policy} --now ${now}`],
  { cwd: root },
).toString();
const floorScript = join(dir, 'floor.mjs');
writeFileSync(
  floorScript,
  `import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
const output = ${sample.trim()};
let bytes = 0;
for await (const line of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) {
  if (line === '') continue;
  bytes += JSON.parse(line).events.length;
  process.stdout.write(JSON.stringify(output) + '\\n');
}
`,
);

/**
 * Runs a command with stdout to /dev/null; wall seconds, max RSS (KB) and CPU seconds (user +
 * system, every thread) from GNU time.
 */
function measure(args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const [seconds, kb, user, system] = result.stderr
    .toString()
    .trim()
    .split('\n')
    .at(-1)
    .split(' ')
    .map(Number);
  return { seconds, kb, cpu: user + system };
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const rows = [
  ['floor (read + JSON.parse + JSON.stringify)', ['node', floorScript, input]],
  [
    'sla-clock compute --workers 1',
    ['node', 'dist/cli.js', 'compute', '--policy', policy, '--now', now, '--workers', '1', input],
  ],
  [
    'sla-clock compute --workers 2',
    ['node', 'dist/cli.js', 'compute', '--policy', policy, '--now', now, '--workers', '2', input],
  ],
];
// The commands take turns, run by run, so that a change in the machine's load falls on all alike.
const samples = rows.map(() => []);
for (let run = 0; run < runs; run++) {
  for (const [i, [, args]] of rows.entries()) samples[i].push(measure(args));
}
const results = rows.map(([label], i) => ({
  label,
  seconds: median(samples[i].map((s) => s.seconds)),
  kb: Math.max(...samples[i].map((s) => s.kb)),
  cpu: median(samples[i].map((s) => s.cpu)),
}));
const [floor, one, two] = results;
console.log(`${count} ten-event tickets, median of ${runs} runs, node ${process.version}\n`);
console.log('| run | wall | tickets/s | vs floor | max RSS | CPU (user + system) | CPUs busy |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(
    `| ${r.label} | ${r.seconds.toFixed(2)} s | ${Math.round(count / r.seconds).toLocaleString('en-US')} | ${(r.seconds / floor.seconds).toFixed(2)}× | ${Math.round(r.kb / 1024)} MB | ${r.cpu.toFixed(2)} s | ${(r.cpu / r.seconds).toFixed(2)} |`,
  );
}
console.log(`\n--workers 2 is ${(one.seconds / two.seconds).toFixed(2)}× faster than --workers 1`);
// Two CPUs doing the CPU time of --workers 1 with no idle moment and no cost of their own: the
// speed-up no number of workers can beat on this machine.
console.log(
  `with ${cpus().length} CPUs, the CPU time of --workers 1 allows at most ${Math.min(cpus().length, one.seconds / (one.cpu / cpus().length)).toFixed(2)}×`,
);
rmSync(dir, { recursive: true, force: true });
