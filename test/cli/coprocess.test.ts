/**
 * `sla-clock compute` as a long-lived co-process (docs/cli.md, "As a co-process"): `--now live`,
 * `--errors inline` and `--cycles latest`, driven one line at a time as a backend in another
 * language drives it; and instants and ids as backends write them, end to end.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { computeSlaState, type PolicySpec, serializeSlaState, type Ticket } from '../../src/index.js';
import { ensureBuilt, ndjson, parseLines, root, runCli, tempDir, writeFile } from './run.js';

const workday = [['09:00', '17:00']] as const;
const policySpec: PolicySpec = {
  calendars: {
    ny: {
      timeZone: 'America/New_York',
      week: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday },
    },
  },
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target: '4h', calendar: 'ny' }], warnings: ['75%'] },
    resolution: {
      kind: 'resolution',
      pauseWhen: { status: 'pending' },
      goals: [{ target: '8h', calendar: 'ny' }],
    },
  },
};
const now = '2026-03-04T20:00:00Z';
const ticket = (id: string | number, at = '2026-03-02T14:00:00Z'): Ticket => ({
  id,
  events: [
    { type: 'created', at, attributes: { status: 'new' } },
    { type: 'message', at: '2026-03-02T15:00:00Z', author: 'agent', attributes: { status: 'pending' } },
    { type: 'message', at: '2026-03-03T15:00:00Z', author: 'customer', attributes: { status: 'open' } },
  ],
});

let dir: ReturnType<typeof tempDir>;
let policyPath: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  policyPath = writeFile(dir.path('policy.json'), JSON.stringify(policySpec));
}, 120_000);
afterAll(() => dir.remove());

/** A running `sla-clock compute`, written to and read from one line at a time. */
class CoProcess {
  readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiting: ((line: string) => void) | null = null;
  readonly exited: Promise<number | null>;
  stderr = '';

  constructor(args: readonly string[]) {
    this.child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'compute', ...args], { cwd: root });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const waiting = this.waiting;
      this.waiting = null;
      if (waiting === null) this.lines.push(line);
      else waiting(line);
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Writes one line and waits for the one line it answers with (never forever: the test's timeout). */
  ask(line: string): Promise<string> {
    this.child.stdin.write(`${line}\n`);
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  close(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }
}

describe('compute as a co-process', () => {
  test('--now live --errors inline: every line written gets exactly one line back, bad ones included; exit 1', async () => {
    const co = new CoProcess(['--policy', policyPath, '--now', 'live', '--errors', 'inline']);
    const beforeMs = Date.now();
    const first = JSON.parse(await co.ask(JSON.stringify(ticket('T-1'))));
    expect(first.ticketId).toBe('T-1');
    const second = JSON.parse(await co.ask('{"id": "T-2", "events": [oops'));
    expect(second).toEqual({
      error: { line: 2, code: 'invalid_json', message: expect.stringMatching(/^invalid JSON: /) },
    });
    const third = JSON.parse(await co.ask(JSON.stringify(ticket(3, '2026-03-02T14:00:00'))));
    expect(third).toEqual({
      error: {
        line: 3,
        code: 'invalid_instant',
        message:
          'ticket.events[0].at: expected an instant: an integer epoch-ms number, a valid Date, or an RFC 3339 string with an offset such as "2026-03-02T09:00:00Z", got "2026-03-02T14:00:00"',
      },
    });
    const fourth = JSON.parse(await co.ask(JSON.stringify(ticket(4, '2026-03-02 09:00:00-05'))));
    expect(fourth.ticketId).toBe(4);
    expect(fourth.metrics.first_reply.startedAt).toBe('2026-03-02T14:00:00.000Z');
    const afterMs = Date.now();
    for (const state of [first, fourth]) {
      const nowMs = Date.parse(state.now);
      expect(nowMs).toBeGreaterThanOrEqual(beforeMs);
      expect(nowMs).toBeLessThanOrEqual(afterMs);
    }
    expect(await co.close()).toBe(1);
    expect(co.stderr).toBe('');
  });

  test('--now live reads the clock for each ticket, not once at the start', async () => {
    const co = new CoProcess(['--policy', policyPath, '--now', 'live']);
    const nows: number[] = [];
    for (let i = 0; i < 3; i++) {
      const sentMs = Date.now();
      const state = JSON.parse(await co.ask(JSON.stringify(ticket(`T-${i}`))));
      nows.push(Date.parse(state.now));
      expect(Date.parse(state.now)).toBeGreaterThanOrEqual(sentMs);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect(nows[1]! - nows[0]!).toBeGreaterThanOrEqual(40);
    expect(nows[2]! - nows[1]!).toBeGreaterThanOrEqual(40);
    expect(await co.close()).toBe(0);
  });

  test('--errors inline puts each error line in its place, stderr stays empty, and the exit code is 1', async () => {
    const input = [
      JSON.stringify(ticket('A')),
      'not json',
      '',
      '[1, 2]',
      '{"name": "neither"}',
      JSON.stringify({ ticket: 4.5, type: 'created', at: now }),
      JSON.stringify(ticket('B')),
    ].join('\n');
    const run = await runCli(
      ['compute', '--policy', policyPath, '--now', now, '--errors', 'inline'],
      `${input}\n`,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const out = parseLines(run.stdout) as { error?: { line: number; code: string } }[];
    expect(out.map((line) => line.error?.code ?? 'state')).toEqual([
      'state',
      'invalid_json',
      'not_a_ticket',
      'not_a_ticket',
      'invalid_ticket_id',
      'state',
    ]);
    expect(out.map((line) => line.error?.line)).toEqual([undefined, 2, 4, 5, 6, undefined]);
    expect(run.stdout.split('\n')[0]).toBe(
      JSON.stringify(serializeSlaState(computeSlaState(ticket('A'), policySpec, { now }))),
    );
  });

  test('--errors inline for event lines: one error line per ticket that is not computed, blaming its line', async () => {
    const events = (id: string | number, at: string) =>
      ticket(id, at).events.map((event) => ({ ticket: id, ...event }));
    const lines = [
      ...events('E-1', '2026-03-02T14:00:00Z').map((e) => JSON.stringify(e)), // 1-3
      ...events('E-2', 'soon').map((e) => JSON.stringify(e)), // 4-6: line 4 is bad
      JSON.stringify(events('E-1', '2026-03-02T14:00:00Z')[0]), // 7: E-1 reappears
    ];
    const run = await runCli(
      ['compute', '--policy', policyPath, '--now', now, '--errors', 'inline'],
      `${lines.join('\n')}\n`,
    );
    expect(run.code).toBe(1);
    const out = parseLines(run.stdout) as { ticketId?: string; error?: { line: number; code: string } }[];
    expect(out).toEqual([
      expect.objectContaining({ ticketId: 'E-1' }),
      { error: expect.objectContaining({ line: 4, code: 'invalid_instant' }) },
      { error: expect.objectContaining({ line: 7, code: 'ticket_reappears' }) },
    ]);
  });

  test("--cycles latest leaves out each metric's cycles and nothing else", async () => {
    const run = await runCli(
      ['compute', '--policy', policyPath, '--now', now, '--cycles', 'latest'],
      ndjson([ticket('T-1')]),
    );
    expect(run.code).toBe(0);
    const full = serializeSlaState(computeSlaState(ticket('T-1'), policySpec, { now }));
    const metrics = Object.fromEntries(
      Object.entries(full.metrics).map(([name, { cycles: _cycles, ...rest }]) => [name, rest]),
    );
    expect(run.stdout).toBe(`${JSON.stringify({ ...full, metrics })}\n`);
    expect(run.stdout).not.toContain('"cycles"');
  });

  test('--workers 2 with the co-process flags writes what --workers 1 writes', async () => {
    const input = Array.from({ length: 600 }, (_, i) =>
      i % 97 === 5 ? 'oops' : JSON.stringify(ticket(i % 2 === 0 ? i : `T-${i}`)),
    ).join('\n');
    const flags = [
      'compute',
      '--policy',
      policyPath,
      '--now',
      now,
      '--errors',
      'inline',
      '--cycles',
      'latest',
    ];
    const [one, two] = await Promise.all([
      runCli([...flags, '--workers', '1'], input),
      runCli([...flags, '--workers', '2'], input),
    ]);
    expect(one.code).toBe(1);
    expect(two).toEqual(one);
    expect(parseLines(one.stdout)).toHaveLength(600);
  });

  test('bad co-process flags are usage errors (exit 2); --now live is for compute only', async () => {
    for (const flags of [
      ['--errors', 'stdout'],
      ['--cycles', 'first'],
      ['--now', 'later'],
    ]) {
      const run = await runCli(['compute', '--policy', policyPath, ...flags], '');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^${flags[0]}: expected `));
    }
    const report = await runCli(['report', '--policy', policyPath, '--now', 'live'], '');
    expect(report.code).toBe(2);
  });
});

describe('instants and ids as backends write them', () => {
  test('a space for T, and offsets ±HH and ±HHMM, in events and in --now', async () => {
    const forms = [
      '2026-03-02T14:00:00Z',
      '2026-03-02 14:00:00+00:00', // Python's str(datetime)
      '2026-03-02 09:00:00-05', // PostgreSQL's timestamptz output
      '2026-03-02T15:00:00+0100', // ISO 8601 basic offset
      '2026-03-02 14:00:00.000000+00:00', // microseconds, truncated
    ];
    const runs = await Promise.all(
      forms.map((form, i) =>
        runCli(
          [
            'compute',
            '--policy',
            policyPath,
            '--now',
            ['2026-03-04 20:00:00+00', '2026-03-04T15:00:00-0500'][i % 2]!,
          ],
          ndjson([ticket('T-1', form)]),
        ),
      ),
    );
    const expected = `${JSON.stringify(serializeSlaState(computeSlaState(ticket('T-1'), policySpec, { now })))}\n`;
    for (const run of runs) expect(run).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  test('a string without an offset is refused with the same message as before, in events and in --now', async () => {
    const run = await runCli(
      ['compute', '--policy', policyPath, '--now', now],
      ndjson([ticket('T-1', '2026-03-02 14:00:00')]),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'line 1: ticket.events[0].at: expected an instant: an integer epoch-ms number, a valid Date, or an RFC 3339 string with an offset such as "2026-03-02T09:00:00Z", got "2026-03-02 14:00:00"\n',
    );
    const flag = await runCli(['compute', '--policy', policyPath, '--now', '2026-03-04 20:00:00'], '');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^--now: expected an RFC 3339 instant with an offset/);
  });

  test('ids may be safe integers, reported as given; {"ticket": 1} and {"ticket": "1"} are two tickets', async () => {
    const lines = [
      ...ticket(1).events.map((event) => ({ ticket: 1, ...event })),
      ...ticket('1').events.map((event) => ({ ticket: '1', ...event })),
      ticket(0),
      ticket(-7),
    ];
    const run = await runCli(['compute', '--policy', policyPath, '--now', now], ndjson(lines));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const ids = parseLines(run.stdout).map((state) => (state as { ticketId: unknown }).ticketId);
    expect(ids).toEqual([1, '1', 0, -7]);
    expect(run.stdout.split('\n')[0]).toBe(
      JSON.stringify(serializeSlaState(computeSlaState(ticket(1), policySpec, { now }))),
    );
  });

  test('a numeric ticket id reappearing after the string one is the same ticket only if strictly equal', async () => {
    const line = (id: string | number) => ({ ticket: id, type: 'created', at: '2026-03-02T14:00:00Z' });
    const run = await runCli(
      ['compute', '--policy', policyPath, '--now', now],
      ndjson([line(1), line('1'), line(1)]),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'line 3: ticket 1 reappears: its event lines must be contiguous (they were lines 1-1)\n',
    );
    expect(parseLines(run.stdout).map((state) => (state as { ticketId: unknown }).ticketId)).toEqual([
      1,
      '1',
    ]);
  });

  test('ids past 2^53 are refused: another language would read them as another number', async () => {
    const run = await runCli(
      ['compute', '--policy', policyPath, '--now', now, '--errors', 'inline'],
      '{"id": 9007199254740993, "events": [{"type": "created", "at": "2026-03-02T14:00:00Z"}]}\n' +
        '{"ticket": 9007199254740993, "type": "created", "at": "2026-03-02T14:00:00Z"}\n',
    );
    expect(run.code).toBe(1);
    expect(parseLines(run.stdout)).toEqual([
      {
        error: {
          line: 1,
          code: 'invalid_type',
          message: expect.stringMatching(/^ticket\.id: expected a string or a safe integer id/),
        },
      },
      {
        error: {
          line: 2,
          code: 'invalid_ticket_id',
          message: expect.stringMatching(/^ticket: expected a ticket id/),
        },
      },
    ]);
  });

  test('explain --ticket 7 finds a ticket whose id is the number 7', async () => {
    const run = await runCli(
      ['explain', '--policy', policyPath, '--now', now, '--ticket', '7', '--format', 'json'],
      ndjson([ticket('8'), ticket(7)]),
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).ticketId).toBe(7);
  });
});
