/**
 * `compute --workers N` end to end (docs/cli.md, "Workers"), through the built dist/cli.js: a line
 * too big for a worker's heap, the most threads the flag allows, a line past the size limit. In
 * every case the output is `--workers 1`'s, in input order, and the run goes on.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateTickets } from '../../bench/generate.js';
import { ensureBuilt, ndjson, parseLines, runCli, tempDir, writeFile } from './run.js';

const now = '2026-04-01T00:00:00Z';
const compute = (file: string, workers: number) =>
  runCli([
    'compute',
    '--policy',
    'examples/data/policy.json',
    '--now',
    now,
    '--workers',
    String(workers),
    file,
  ]);

/**
 * One ticket on one line of at least `bytes` bytes: an agent and a customer taking turns every
 * minute, the ticket pending between them (a long conversation, every event valid).
 */
function longTicketLine(id: string, bytes: number): string {
  const parts = [`{"id":${JSON.stringify(id)},"events":[`];
  parts.push('{"type":"created","at":"2026-03-02T14:00:00Z","attributes":{"status":"new","tier":"silver"}}');
  let length = parts[0]!.length + parts[1]!.length;
  let atMs = Date.parse('2026-03-02T14:00:00Z');
  for (let i = 1; length < bytes; i++) {
    atMs += 60_000;
    const at = new Date(atMs).toISOString();
    const event =
      i % 2 === 1
        ? `,{"type":"message","at":"${at}","author":"agent","attributes":{"status":"pending"}}`
        : `,{"type":"message","at":"${at}","author":"customer","attributes":{"status":"open"}}`;
    parts.push(event);
    length += event.length;
  }
  parts.push(']}');
  return parts.join('');
}

const idsOf = (stdout: string) =>
  parseLines(stdout).map((state) => (state as { ticketId: unknown }).ticketId);

let dir: ReturnType<typeof tempDir>;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
}, 120_000);
afterAll(() => dir.remove());

describe('compute --workers N', () => {
  test('a 30 MB ticket line between small ones is computed, in order, byte for byte as with --workers 1', async () => {
    const small = [...generateTickets({ count: 600, seed: 7 })];
    const long = longTicketLine('LONG', 30_000_000);
    expect(long.length).toBeGreaterThan(30_000_000);
    // The long line in the middle of a batch of small ones, more small batches after it.
    const lines = small.map((ticket) => JSON.stringify(ticket));
    lines.splice(300, 0, long);
    const file = writeFile(dir.path('long-line.ndjson'), `${lines.join('\n')}\n`);
    const [single, pooled] = await Promise.all([compute(file, 1), compute(file, 2)]);
    expect(single.stderr).toBe('');
    expect(single.code).toBe(0);
    expect(pooled.stderr).toBe('');
    expect(pooled.code).toBe(0);
    const ids = small.map((ticket) => ticket.id);
    ids.splice(300, 0, 'LONG');
    expect(idsOf(pooled.stdout)).toEqual(ids);
    expect(pooled.stdout === single.stdout).toBe(true);
  });

  test('--workers 256, the most, answers a small input as --workers 1 does, with nothing on stderr', async () => {
    const file = writeFile(dir.path('small.ndjson'), ndjson([...generateTickets({ count: 20, seed: 8 })]));
    const [single, pooled] = await Promise.all([compute(file, 1), compute(file, 256)]);
    expect(pooled.stderr).toBe('');
    expect(pooled.code).toBe(0);
    expect(parseLines(pooled.stdout)).toHaveLength(20);
    expect(pooled.stdout === single.stdout).toBe(true);
  });

  test('more threads than the 10 listeners Node allows before warning, and a full stdout pipe: no warning', async () => {
    // Every thread's stdout and stderr are piped into the CLI's; with 12 threads started (14
    // batches wait for one) and stdout filling up, the CLI's own listeners come on top of theirs.
    const file = writeFile(dir.path('many.ndjson'), ndjson([...generateTickets({ count: 3000, seed: 10 })]));
    const [single, pooled] = await Promise.all([compute(file, 1), compute(file, 12)]);
    expect(pooled.stderr).toBe('');
    expect(pooled.code).toBe(0);
    expect(parseLines(pooled.stdout)).toHaveLength(3000);
    expect(pooled.stdout === single.stdout).toBe(true);
  });

  test('a line longer than 256 MiB is reported as that one bad line, and the tickets around it are computed', async () => {
    // Written a MiB at a time: the test never holds the line in memory, nor does the CLI.
    const path = dir.path('over-limit.ndjson');
    const [before, after] = [...generateTickets({ count: 2, seed: 9 })];
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, `${JSON.stringify(before)}\n{"id":"OVER","events":[],"pad":"`);
      const mib = Buffer.alloc(1024 * 1024, 'a');
      for (let i = 0; i < 256; i++) writeSync(fd, mib);
      writeSync(fd, `"}\n${JSON.stringify(after)}\n`);
    } finally {
      closeSync(fd);
    }
    const [single, pooled] = await Promise.all([compute(path, 1), compute(path, 2)]);
    expect(pooled.code).toBe(1);
    expect(pooled.stderr).toBe(
      "line 2: line longer than 256 MiB; split the ticket's events over event lines\n",
    );
    expect(idsOf(pooled.stdout)).toEqual([before!.id, after!.id]);
    expect(pooled.stdout === single.stdout).toBe(true);
    expect(pooled.stderr).toBe(single.stderr);
  });
});
