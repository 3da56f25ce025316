#!/usr/bin/env node
// `sla-clock serve` under load, measured with autocannon against a bare node:http server in the
// same run: POST /v1/state of the 10-event benchmark ticket at 1, 16 and 64 connections.
//
// The bare server is the floor: it reads the same body, JSON.parses it and answers a constant of
// the size of sla-clock's answer (the same bytes), so the difference is what sla-clock adds:
// routing, checks, computing and serializing the state. The ceiling server is the bare one that
// also computes and writes the state (computeSlaState + stringifySlaState, nothing else): no
// sla-clock server can beat it, so it shows how much of the gap is the engine and how much the
// service. CPU per request (the server process's user + system time over its requests) is the
// steadier measure on a machine whose two CPUs autocannon shares.
//
// Then /v1/states of 20,000 tickets in one request, with --workers 1 and 2: one request is computed
// by the one process that receives it, so the two should take the same time.
//
// Needs `npm run build`. Usage: node bench/serve-throughput.mjs [seconds] [connections,...] [rounds]
//   (default 5 s per run, connections 1,16,64, 3 rounds; the median round is reported). Loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const seconds = Number(process.argv[2] ?? 5);
const levels = (process.argv[3] ?? '1,16,64').split(',').map(Number);
const rounds = Number(process.argv[4] ?? 3);
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sla-clock-serve-bench-'));
const policy = join(root, 'examples/data/policy.json');
const now = '2026-04-01T00:00:00Z';

// The benchmark ticket: the generator's first 10-event ticket, as bench/cli-throughput.mjs uses.
const ticket = JSON.parse(
  execFileSync(
    'node',
    [
      'scripts/generate-tickets.mjs',
      '--count',
      '1',
      '--seed',
      '2026',
      '--min-events',
      '10',
      '--max-events',
      '10',
    ],
    { cwd: root },
  )
    .toString()
    .trim(),
);
const body = JSON.stringify({ ticket, now });

/** Starts a server process, resolves with its port once it says where it listens. */
function start(args) {
  const child = spawn('node', args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
}

function post(port) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/state',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString()));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const bulkCount = 20_000;
const bulkBody = execFileSync(
  'node',
  [
    'scripts/generate-tickets.mjs',
    '--count',
    String(bulkCount),
    '--seed',
    '7',
    '--min-events',
    '10',
    '--max-events',
    '10',
  ],
  { cwd: root, maxBuffer: 1e9 },
);

/** `/v1/states` of many tickets in one request: the median wall time of 3, the answer read whole. */
async function bulkStates(port) {
  const times = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const lines = await new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/v1/states?now=${now}`,
          headers: { 'content-type': 'application/x-ndjson' },
        },
        (res) => {
          let count = 0;
          res.on('data', (chunk) => {
            for (const byte of chunk) if (byte === 10) count++;
          });
          res.on('end', () =>
            res.statusCode === 200 ? resolve(count) : reject(new Error(`status ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(bulkBody);
    });
    if (lines !== bulkCount) throw new Error(`${lines} lines for ${bulkCount} tickets`);
    times.push(performance.now() - started);
  }
  return { ms: times.sort((a, b) => a - b)[1] };
}

/** A process's `/proc/PID/stat` fields after its name (Linux only). */
function statOf(pid) {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
}

/**
 * CPU time a server has used, in ms: user + system of its process and of the processes it forked
 * (`--workers 2`'s two servers), from /proc in clock ticks of 10 ms.
 */
function cpuMs(pid) {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fields;
    try {
      fields = statOf(entry);
    } catch {
      continue; // ended meanwhile
    }
    if (Number(entry) === pid || Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}

/** One autocannon run; its requests/s and latency percentiles. */
function load(port, connections, duration) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}/v1/state`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections,
        duration,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const servers = [];
try {
  // sla-clock's answer for this ticket: the bare server answers these very bytes.
  const probe = await start(['dist/cli.js', 'serve', '--policy', policy, '--port', '0']);
  const answer = await post(probe.port);
  probe.child.kill('SIGTERM');
  if (!answer.startsWith('{"ticketId"')) throw new Error(`unexpected answer: ${answer.slice(0, 200)}`);
  const bareScript = join(dir, 'bare.mjs');
  writeFileSync(
    bareScript,
    `import { createServer } from 'node:http';
const answer = ${JSON.stringify(answer)};
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => process.stderr.write('listening on http://127.0.0.1:' + server.address().port + '\\n'));
`,
  );
  // The ceiling of any sla-clock server: the bare server computing and writing the state, with no
  // routing, no checks and no error handling. What `serve` adds to it is the service itself.
  const ceilingScript = join(dir, 'ceiling.mjs');
  writeFileSync(
    ceilingScript,
    `import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { compilePolicy, computeSlaState, stringifySlaState } from ${JSON.stringify(join(root, 'dist/index.js'))};
const policy = compilePolicy(JSON.parse(readFileSync(${JSON.stringify(policy)}, 'utf8')));
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const answer = stringifySlaState(computeSlaState(body.ticket, policy, { now: body.now }));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => process.stderr.write('listening on http://127.0.0.1:' + server.address().port + '\\n'));
`,
  );
  const targets = [
    ['bare node:http (JSON.parse, constant answer)', [bareScript]],
    ['ceiling: bare node:http + computeSlaState + stringifySlaState', [ceilingScript]],
    [
      'sla-clock serve --workers 1',
      ['dist/cli.js', 'serve', '--policy', policy, '--port', '0', '--max-body', '64mb'],
    ],
    [
      'sla-clock serve --workers 2',
      ['dist/cli.js', 'serve', '--policy', policy, '--port', '0', '--workers', '2', '--max-body', '64mb'],
    ],
  ];
  // All three servers run at once (an idle one costs nothing) and take turns, round by round, so
  // that a change in the machine's load (other processes) falls on all of them alike; each row is
  // the median of the rounds.
  for (const [label, args] of targets) servers.push({ label, ...(await start(args)) });
  const bulk = [];
  for (const server of servers.filter((s) => s.label.startsWith('sla-clock')))
    bulk.push({ label: server.label, ...(await bulkStates(server.port)) });
  const rows = [];
  for (const connections of levels) {
    const samples = new Map(servers.map((server) => [server.label, []]));
    for (let round = 0; round < rounds; round++) {
      for (const server of servers) {
        await load(server.port, connections, 1); // warm-up: JIT (in every server process), keep-alive sockets
        const cpuBeforeMs = cpuMs(server.child.pid);
        const result = await load(server.port, connections, seconds);
        result.cpuPerRequestUs = ((cpuMs(server.child.pid) - cpuBeforeMs) * 1000) / result.requests.total;
        samples.get(server.label).push(result);
      }
    }
    for (const server of servers) {
      const runs = samples.get(server.label).sort((a, b) => a.requests.average - b.requests.average);
      const middle = runs[Math.floor(runs.length / 2)];
      rows.push({
        label: server.label,
        connections,
        rps: middle.requests.average,
        spread: runs.map((run) => Math.round(run.requests.average)),
        p50: middle.latency.p50,
        p99: middle.latency.p99,
        cpuUs: middle.cpuPerRequestUs,
        errors: runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0),
      });
    }
  }
  console.log(
    `POST /v1/state, one ${Buffer.byteLength(body)}-byte body (a 10-event ticket), ${Buffer.byteLength(answer)}-byte answer; ` +
      `the median of ${rounds} rounds of ${seconds} s (after 1 s of warm-up each), servers taking turns; ` +
      `node ${process.version}, ${cpus().length} CPUs (autocannon shares them)\n`,
  );
  console.log(
    '| server | connections | requests/s | vs bare | p50 | p99 | rounds (requests/s) | errors | CPU per request | vs bare |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |');
  for (const row of rows) {
    const bare = rows.find((r) => r.label.startsWith('bare') && r.connections === row.connections);
    console.log(
      `| ${row.label} | ${row.connections} | ${Math.round(row.rps).toLocaleString('en-US')} | ${Math.round((row.rps / bare.rps) * 100)}% | ${row.p50} ms | ${row.p99} ms | ${row.spread.join(', ')} | ${row.errors} | ${row.cpuUs.toFixed(1)} µs | ${Math.round((bare.cpuUs / row.cpuUs) * 100)}% |`,
    );
  }
  console.log(
    `\nPOST /v1/states?now=${now}, one request of ${bulkCount.toLocaleString('en-US')} generated 10-event tickets (${Math.round(bulkBody.length / 1e6)} MB), the median of 3:\n`,
  );
  console.log('| server | wall | tickets/s |');
  console.log('| --- | ---: | ---: |');
  for (const row of bulk)
    console.log(
      `| ${row.label} | ${(row.ms / 1000).toFixed(2)} s | ${Math.round(bulkCount / (row.ms / 1000)).toLocaleString('en-US')} |`,
    );
} finally {
  for (const server of servers) server.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
