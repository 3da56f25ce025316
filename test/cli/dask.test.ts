/**
 * A real distributed run (docs/scale.md): examples/dask/run.py cuts NDJSON tickets into partitions,
 * a Dask LocalCluster of two worker processes pipes each through `sla-clock compute`, and the
 * joined output must be the bytes of one single-process run with the same `--now`. The recipe's
 * report says which worker process ran each partition: both must have worked.
 *
 * Needs a Python with Dask distributed (Debian's python3-distributed, under /usr/bin/python3).
 * `.ci/run` installs it when missing; without it this file skips, saying why, except in CI
 * (CI=true), where it fails: there the install step was meant to provide it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, root, runCli, tempDir, writeFile } from './run.js';

const recipe = join(root, 'examples', 'dask', 'run.py');
const policy = join(root, 'examples', 'data', 'policy.json');
const sampleTickets = join(root, 'examples', 'data', 'tickets.ndjson');
const now = '2026-03-10T00:00:00Z';
// Dask starts a scheduler and two worker processes for each run: slow on a busy machine.
const recipeTimeoutMs = 240_000;

/** The first Python that can import Dask distributed (SLA_CLOCK_PYTHON first, if set). */
function findPython(): string | undefined {
  const candidates = [process.env.SLA_CLOCK_PYTHON, 'python3', '/usr/bin/python3'];
  return candidates.find((python): python is string => {
    if (python === undefined || python === '') return false;
    try {
      execFileSync(python, ['-c', 'import distributed'], { stdio: 'ignore', timeout: 60_000 });
      return true;
    } catch {
      return false;
    }
  });
}

const python = findPython();
const missing =
  'no Python that can `import distributed` (python3, /usr/bin/python3, nor SLA_CLOCK_PYTHON): install ' +
  "Debian's python3-distributed (`apt-get update && apt-get install -y python3-distributed`; .ci/run " +
  'does this when it can) to run the Dask test';

/** A shell word for `--command`, which the recipe splits with Python's shlex. */
const shellWord = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;
// This test's own Node and this checkout's build: the same CLI as the single-process run.
const command = `${shellWord(process.execPath)} ${shellWord(join(root, 'dist', 'cli.js'))}`;

interface Run {
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the recipe to completion; stdout is not used (the tests pass --output). */
function runRecipe(args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(python!, [recipe, '--command', command, ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: recipeTimeoutMs,
    });
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

interface Report {
  readonly now: string;
  readonly driverPid: number;
  readonly partitions: readonly { firstLine: number; lines: number; worker: string; pid: number }[];
  readonly states: number;
  readonly errorLines: number;
}

/**
 * The sample tickets as event lines (one event per line, with a `ticket` field), ids alternately
 * numbers and strings (`3` then `"3"`: two tickets), with broken and blank lines between tickets
 * and one broken line inside a ticket's run of event lines.
 */
function eventLines(): string {
  const tickets = readFileSync(sampleTickets, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { events: object[] });
  const lines: string[] = [];
  tickets.forEach((ticket, index) => {
    const id = index % 2 === 0 ? index / 2 : String((index - 1) / 2);
    const events = ticket.events.map((event) => JSON.stringify({ ticket: id, ...event }));
    if (index === 5 && events.length > 1) events.splice(1, 0, 'not json');
    lines.push(...events);
    if (index % 37 === 11) lines.push('oops');
    if (index % 53 === 7) lines.push('');
  });
  return `${lines.join('\n')}\n`;
}

/**
 * A running Dask cluster, as `--scheduler` expects one: a scheduler and two worker processes (one
 * thread each) on 127.0.0.1, started by Python; it stops when its stdin closes.
 */
const clusterScript = `
import sys
from distributed import Client, LocalCluster
if __name__ == "__main__":
    cluster = LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                           dashboard_address=None, local_directory=sys.argv[1])
    with Client(cluster) as client:
        client.wait_for_workers(2)
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()
    cluster.close()
`;

interface Cluster {
  readonly address: string;
  readonly stop: () => Promise<void>;
}

function startCluster(localDirectory: string): Promise<Cluster> {
  return new Promise((resolve, reject) => {
    const child = spawn(python!, ['-c', clusterScript, localDirectory], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((done) => child.on('close', () => done()));
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`the cluster exited with ${code}: ${stderr}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const address = /^(tcp:\/\/\S+)\n/.exec(stdout)?.[1];
      if (address === undefined) return;
      resolve({
        address,
        stop: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
  });
}

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
}, 120_000);
afterAll(() => dir?.remove());

const testTimeoutMs = recipeTimeoutMs + 60_000;

describe.runIf(python !== undefined)('examples/dask/run.py, starting its own LocalCluster', () => {
  test(
    'the sample tickets in 4 partitions on two worker processes: the bytes of one single-process run',
    async () => {
      const output = dir.path('states.ndjson');
      const reportPath = dir.path('report.json');
      const run = await runRecipe([
        ...['--policy', policy, '--now', now, '--partitions', '4', '--local-workers', '2'],
        ...['--output', output, '--report', reportPath, sampleTickets],
      ]);
      expect(run.stderr).toMatch(/^400 states, 0 error lines, from 4 partitions on 2 worker processes/);
      expect(run.code).toBe(0);

      const single = await runCli(['compute', '--policy', policy, '--now', now, sampleTickets]);
      expect(single.code).toBe(0);
      expect(single.stdout.split('\n')).toHaveLength(401);
      expect(readFileSync(output, 'utf8')).toBe(single.stdout);

      const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
      expect(report.now).toBe(now);
      expect(report.states).toBe(400);
      expect(report.partitions.map((part) => [part.firstLine, part.lines])).toEqual([
        [1, 100],
        [101, 100],
        [201, 100],
        [301, 100],
      ]);
      const pids = new Set(report.partitions.map((part) => part.pid));
      const workers = new Set(report.partitions.map((part) => part.worker));
      expect(pids.size).toBe(2);
      expect(workers.size).toBe(2);
      expect(pids.has(report.driverPid)).toBe(false);
      for (const worker of workers) expect(worker).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    },
    testTimeoutMs,
  );
});

describe.runIf(python !== undefined)('examples/dask/run.py --scheduler, on a running cluster', () => {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster(dir.path(''));
  }, recipeTimeoutMs);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);
  const onCluster = (args: readonly string[]) => runRecipe(['--scheduler', cluster!.address, ...args]);

  test(
    'event lines with bad lines, --errors inline --cycles latest: same bytes, errors numbered in the whole input',
    async () => {
      const input = writeFile(dir.path('events.ndjson'), eventLines());
      const flags = ['--policy', policy, '--now', now, '--errors', 'inline', '--cycles', 'latest'];
      const output = dir.path('states-inline.ndjson');
      const reportPath = dir.path('report-inline.json');
      const run = await onCluster([
        ...flags,
        ...['--partitions', '5', '--output', output, '--report', reportPath, input],
      ]);
      const single = await runCli(['compute', ...flags, input]);
      // Exit code 1 both ways: some lines were bad, each answered by an error line in its place.
      expect(single.code).toBe(1);
      expect(single.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(readFileSync(output, 'utf8')).toBe(single.stdout);

      const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
      expect(report.partitions).toHaveLength(5);
      expect(new Set(report.partitions.map((part) => part.pid)).size).toBe(2);
      const lastPart = report.partitions.at(-1)!;
      const errors = single.stdout
        .split('\n')
        .filter((line) => line.startsWith('{"error":'))
        .map((line) => JSON.parse(line) as { error: { line: number; code: string; message: string } });
      expect(report.errorLines).toBe(errors.length);
      expect(errors.map((error) => error.error.code)).toContain('ticket_not_computed');
      // A broken line in the last partition still carries its number in the whole input.
      expect(errors.some((error) => error.error.line >= lastPart.firstLine)).toBe(true);
      expect(report.states + report.errorLines).toBe(single.stdout.split('\n').length - 1);
    },
    testTimeoutMs,
  );

  test(
    'without --errors inline a bad line fails the run: nothing is written, the partition is named',
    async () => {
      const lines = readFileSync(sampleTickets, 'utf8').split('\n');
      // Line 301, where the third partition would have ended: no cut beside a broken line (it may
      // be one of a ticket's events), so the third partition runs to line 302.
      lines.splice(300, 0, 'oops');
      const input = writeFile(dir.path('withbad.ndjson'), lines.join('\n'));
      const output = dir.path('never-written.ndjson');
      const run = await onCluster([
        ...['--policy', policy, '--now', now, '--partitions', '4', '--output', output, input],
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(
        /^run\.py: partition 2 \(lines 201-302, worker tcp:\/\/127\.0\.0\.1:\d+\): /,
      );
      expect(run.stderr).toContain('sla-clock exited 1 with:\nline 301: invalid JSON');
      expect(() => readFileSync(output)).toThrow();
    },
    testTimeoutMs,
  );

  test(
    'a policy sla-clock refuses: exit code 2, nothing written, each partition names the file as given',
    async () => {
      const badPolicy = writeFile(dir.path('bad-policy.json'), '{"metrics":1}');
      const output = dir.path('never-written-either.ndjson');
      const run = await onCluster([
        ...['--policy', badPolicy, '--now', now, '--partitions', '2', '--output', output, sampleTickets],
      ]);
      expect(run.code).toBe(2);
      const named = run.stderr
        .split('\n')
        .filter((line) => line.startsWith(`${badPolicy}: policy.metrics: `));
      expect(named).toHaveLength(2);
      expect(run.stderr).toMatch(
        /^run\.py: partition 0 \(lines 1-200, worker tcp:.*\): sla-clock exited 2 with:\n/,
      );
      expect(run.stderr).toContain('\npartition 1 (lines 201-400, worker tcp:');
      expect(() => readFileSync(output)).toThrow();
    },
    testTimeoutMs,
  );
});

describe.runIf(python === undefined)('examples/dask/run.py', () => {
  test(`not run: ${missing}`, (context) => {
    // In CI the install step of .ci/run was meant to provide Dask: a skip there would hide that.
    if (process.env.CI === 'true') throw new Error(missing);
    console.warn(`test/cli/dask.test.ts: ${missing}`);
    context.skip();
  });
});
