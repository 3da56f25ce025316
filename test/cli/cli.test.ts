/**
 * The `sla-clock` command end to end (SPEC.md section 9), through a real child process running
 * the built dist/cli.js: input shapes, line errors, exit codes, workers, report, explain, validate.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateTickets } from '../../bench/generate.js';
import {
  computeSlaState,
  explainSla,
  type PolicySpec,
  serializeSlaState,
  summarizeSla,
  type Ticket,
  type TicketEvent,
} from '../../src/index.js';
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
    first_reply: {
      kind: 'first_response',
      goals: [
        { when: { tier: 'gold' }, target: '1h' },
        { target: '4h', calendar: 'ny' },
      ],
      warnings: ['75%'],
    },
    resolution: {
      kind: 'resolution',
      pauseWhen: { status: 'pending' },
      goals: [{ target: '8h', calendar: 'ny' }],
    },
  },
};
const now = '2026-03-04T20:00:00Z';

const tickets: Ticket[] = [
  {
    id: 'T-1',
    events: [
      { type: 'created', at: '2026-03-02T14:00:00Z', attributes: { status: 'new', tier: 'gold' } }, // Mon 09:00 NY
      { type: 'message', at: '2026-03-02T14:30:00Z', author: 'agent', attributes: { status: 'pending' } },
      { type: 'message', at: '2026-03-03T15:00:00Z', author: 'customer', attributes: { status: 'open' } },
      { type: 'updated', at: '2026-03-03T17:00:00Z', attributes: { status: 'solved' } },
    ],
  },
  {
    id: 'T-2',
    events: [
      { type: 'created', at: '2026-03-02T21:00:00Z', attributes: { status: 'new', tier: 'silver' } }, // Mon 16:00 NY
      { type: 'message', at: '2026-03-03T18:00:00Z', author: 'agent', attributes: { status: 'open' } },
    ],
  },
  {
    id: 'T-3',
    events: [{ type: 'created', at: '2026-03-04T14:00:00Z', attributes: { status: 'new', tier: 'silver' } }],
  },
];

/** What the CLI must print for a ticket: the library's own serialized state. */
const stateLine = (ticket: Ticket, at = now) =>
  JSON.stringify(serializeSlaState(computeSlaState(ticket, policySpec, { now: at })));

/** A ticket as event lines, each with its `ticket` field. */
const eventLines = (ticket: Ticket): unknown[] =>
  ticket.events.map((event) => ({ ticket: ticket.id, ...event }));

let dir: ReturnType<typeof tempDir>;
let policyPath: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  policyPath = writeFile(dir.path('policy.json'), JSON.stringify(policySpec));
}, 120_000);
afterAll(() => dir.remove());

const compute = (input: string, ...flags: string[]) =>
  runCli(['compute', '--policy', policyPath, '--now', now, ...flags], input);

describe.concurrent('compute', () => {
  test('writes one serializeSlaState line per ticket, in input order, and exits 0', async () => {
    const run = await compute(ndjson(tickets));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(tickets.map((ticket) => `${stateLine(ticket)}\n`).join(''));
  });

  test('reads the tickets file named last, and "-" as stdin', async () => {
    const file = writeFile(dir.path('tickets.ndjson'), ndjson(tickets));
    const expected = (await compute(ndjson(tickets))).stdout;
    expect((await compute('', file)).stdout).toBe(expected);
    expect((await compute(ndjson(tickets), '-')).stdout).toBe(expected);
  });

  test('reports each bad line as "line N: message" on stderr, computes the others, and exits 1', async () => {
    const input = [
      JSON.stringify(tickets[0]),
      '{"id": "T-bad", "events": [{"type": "created", "at": "yesterday"}]}',
      'not json',
      '',
      '[1, 2]',
      '{"name": "neither a ticket nor an event"}',
      JSON.stringify(tickets[1]),
    ].join('\n');
    const run = await compute(`${input}\n`);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`${stateLine(tickets[0]!)}\n${stateLine(tickets[1]!)}\n`);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^line 2: ticket\.events\[0\]\.at: expected an instant.*got "yesterday"$/),
      expect.stringMatching(/^line 3: invalid JSON: /),
      expect.stringMatching(/^line 5: expected a ticket .* got an array$/),
      expect.stringMatching(/^line 6: expected a ticket .* neither "events" nor "ticket"$/),
    ]);
  });

  test('empty input, or only blank lines, writes nothing and exits 0', async () => {
    for (const input of ['', '\n\n', '  \r\n\t\n']) {
      const run = await compute(input);
      expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });

  test('CRLF line endings, a byte-order mark and a missing final newline read like plain LF', async () => {
    const lines = tickets.map((ticket) => JSON.stringify(ticket));
    const run = await compute(`\uFEFF${lines.join('\r\n')}`);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe((await compute(ndjson(tickets))).stdout);
  });

  test('a ticket of 50,000 events on one 5 MB line is read and computed', async () => {
    const events: TicketEvent[] = [
      { type: 'created', at: '2026-03-02T14:00:00Z', attributes: { status: 'new', tier: 'silver' } },
    ];
    let atMs = Date.parse('2026-03-02T14:00:00Z');
    for (let i = 1; i < 50_000; i++) {
      atMs += 60_000;
      const at = new Date(atMs).toISOString();
      events.push(
        i % 2 === 1
          ? { type: 'message', at, author: 'agent', attributes: { status: 'pending' } }
          : { type: 'message', at, author: 'customer', attributes: { status: 'open' } },
      );
    }
    const huge: Ticket = { id: 'HUGE', events };
    const line = JSON.stringify(huge);
    expect(line.length).toBeGreaterThan(4_000_000);
    const run = await compute(`${line}\n${JSON.stringify(tickets[2])}\n`, '--now', '2026-04-01T00:00:00Z');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `${stateLine(huge, '2026-04-01T00:00:00Z')}\n${stateLine(tickets[2]!, '2026-04-01T00:00:00Z')}\n`,
    );
  });

  test('event-per-line input gives the same states as ticket-per-line input', async () => {
    const run = await compute(ndjson(tickets.flatMap(eventLines)));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe((await compute(ndjson(tickets))).stdout);
  });

  test('ticket lines and event lines may be mixed in one input', async () => {
    const run = await compute(ndjson([tickets[0], ...eventLines(tickets[1]!), tickets[2]]));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe((await compute(ndjson(tickets))).stdout);
  });

  test('a ticket whose event lines are not contiguous is an error on each line where it reappears', async () => {
    const [a1, a2, a3] = eventLines(tickets[0]!);
    const b = eventLines(tickets[1]!);
    // Lines: 1-2 T-1, 3-4 T-2, 5 T-1 again.
    const run = await compute(ndjson([a1, a2, ...b, a3]));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'line 5: ticket "T-1" reappears: its event lines must be contiguous (they were lines 1-2)\n',
    );
    // T-1 as its first two lines tell it, then T-2.
    const first = computeSlaState({ id: 'T-1', events: tickets[0]!.events.slice(0, 2) }, policySpec, { now });
    expect(run.stdout).toBe(`${JSON.stringify(serializeSlaState(first))}\n${stateLine(tickets[1]!)}\n`);
  });

  test("an invalid event blames that event's own line, not the ticket's first line", async () => {
    const lines = eventLines(tickets[0]!);
    lines[2] = { ticket: 'T-1', type: 'message', at: '2026-03-03T15:00:00Z', author: 'robot' };
    const run = await compute(ndjson([...eventLines(tickets[1]!), ...lines]));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^line 5: ticket\.events\[2\]\.author: expected "customer", "agent" or "system", got "robot"\n$/,
    );
    expect(run.stdout).toBe(`${stateLine(tickets[1]!)}\n`);
  });

  test('an unreadable line between two event lines of a ticket keeps that ticket from being computed', async () => {
    const [a1, a2, a3] = eventLines(tickets[0]!);
    const input = `${ndjson([a1, a2])}{"ticket": "T-1", oops\n${ndjson([a3, ...eventLines(tickets[1]!)])}`;
    const run = await compute(input);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^line 3: invalid JSON: /),
      'line 1: ticket "T-1" not computed: line 3, between its event lines, could not be read',
    ]);
    expect(run.stdout).toBe(`${stateLine(tickets[1]!)}\n`);
  });

  test('an event line whose "ticket" is not a string or a safe integer is an error on that line', async () => {
    const run = await compute(
      ndjson([
        { ticket: 4.5, type: 'created', at: '2026-03-02T14:00:00Z' },
        { ticket: true, type: 'created', at: '2026-03-02T14:00:00Z' },
        tickets[2],
      ]),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'line 1: ticket: expected a ticket id (a string or a safe integer), got 4.5\n' +
        'line 2: ticket: expected a ticket id (a string or a safe integer), got true\n',
    );
    expect(run.stdout).toBe(`${stateLine(tickets[2]!)}\n`);
  });

  test('--workers 2 writes byte for byte what --workers 1 writes, bad lines included, for thousands of tickets', async () => {
    const generated = [...generateTickets({ count: 3000, seed: 11 })].map((ticket) => JSON.stringify(ticket));
    // Bad lines scattered through the batches, and a run of event lines in the middle.
    generated.splice(10, 0, 'not json');
    generated.splice(700, 0, '{"id": "X", "events": []}');
    generated.splice(1500, 0, ...eventLines(tickets[0]!).map((line) => JSON.stringify(line)));
    generated.splice(2900, 0, '{"id": "Y", "events": [{"type": "created", "at": "2026-03-02T14:00:00"}]}');
    const file = writeFile(dir.path('generated.ndjson'), `${generated.join('\n')}\n`);
    const args = ['compute', '--policy', 'examples/data/policy.json', '--now', '2026-04-01T00:00:00Z', file];
    const single = await runCli(args);
    const pooled = await runCli([...args, '--workers', '2']);
    expect(single.code).toBe(1);
    expect(pooled.code).toBe(1);
    expect(parseLines(single.stdout)).toHaveLength(3001);
    expect(
      single.stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(':')[0]),
    ).toEqual(['line 11', 'line 701', 'line 2901']);
    expect(pooled.stderr).toBe(single.stderr);
    expect(pooled.stdout === single.stdout).toBe(true);
  });

  test('stops quietly, exit 0 and nothing on stderr, when the reader of stdout goes away (EPIPE)', async () => {
    const file = writeFile(dir.path('many.ndjson'), ndjson([...generateTickets({ count: 2000, seed: 3 })]));
    const script = `"${process.execPath}" dist/cli.js compute --policy examples/data/policy.json "${file}" | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const piped = spawnSync('bash', ['-c', script], { cwd: root, encoding: 'utf8' });
    expect(piped.stderr).toBe('');
    expect(piped.stdout.trim()).toBe('0');
  });
});

describe.concurrent('policy and flag errors', () => {
  test('a policy that does not validate exits 2 with each issue on stderr and computes nothing', async () => {
    const bad = writeFile(
      dir.path('bad-policy.json'),
      JSON.stringify({ metrics: { reply: { kind: 'first_response', goals: [{ target: '4 hours' }] } } }),
    );
    for (const workers of ['1', '2']) {
      // With workers, they start while the policy is validated, and are stopped when it is not valid.
      const run = await runCli(
        ['compute', '--policy', bad, '--now', now, '--workers', workers],
        ndjson(tickets),
      );
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /bad-policy\.json: policy\.metrics\.reply\.goals\[0\]\.target: expected a duration/,
      );
    }
  });

  test('an unreadable policy, a policy that is not JSON, or a missing tickets file exits 2', async () => {
    const notJson = writeFile(dir.path('not-json.json'), '{ metrics: ');
    expect(await runCli(['compute', '--policy', dir.path('missing.json'), '--now', now])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^cannot read policy file ".*missing\.json": ENOENT/),
    });
    expect(await runCli(['compute', '--policy', notJson, '--now', now])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/not-json\.json: invalid JSON: /),
    });
    expect(await compute('', dir.path('no-tickets.ndjson'))).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^cannot read tickets file ".*no-tickets\.ndjson": ENOENT/),
    });
  });

  test('--now without an offset, or a bad --workers, is a usage error (exit 2)', async () => {
    const noOffset = await runCli(['compute', '--policy', policyPath, '--now', '2026-03-02T12:00:00']);
    expect(noOffset.code).toBe(2);
    expect(noOffset.stderr).toMatch(/^--now: expected an RFC 3339 instant with an offset/);
    expect(noOffset.stderr).toContain('Usage: sla-clock compute');
    expect(await compute('', '--workers', '0')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^--workers: /),
    });
  });

  test('--now accepts an RFC 3339 offset other than Z', async () => {
    const run = await runCli(
      ['compute', '--policy', policyPath, '--now', '2026-03-04T15:00:00-05:00'],
      ndjson(tickets),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe((await compute(ndjson(tickets))).stdout);
  });

  test('an unknown command, or a missing --policy, exits 2 with the usage', async () => {
    const unknown = await runCli(['compile']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^unknown command "compile" \(did you mean compute\?\)\n\nUsage: sla-clock <command>/,
    );
    const noPolicy = await runCli(['compute'], ndjson(tickets));
    expect(noPolicy.code).toBe(2);
    expect(noPolicy.stderr).toMatch(/^--policy is required\n\nUsage: sla-clock compute --policy/);
    const unknownFlag = await runCli(['report', '--policy', policyPath, '--colour']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toBe('unknown flag --colour; sla-clock report --help lists its flags\n');
    expect((await runCli([])).code).toBe(2);
  });

  test('--help prints the usage on stdout and exits 0', async () => {
    expect(await runCli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Commands:') });
    expect(await runCli(['explain', '--help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('--ticket ID'),
    });
  });

  test('--version prints the package version and the time-zone database version', async () => {
    const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string };
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`sla-clock ${version} (tz ${process.versions.tz})\n`);
  });
});

describe.concurrent('report', () => {
  const report = (input: string, ...flags: string[]) =>
    runCli(['report', '--policy', policyPath, '--now', now, ...flags], input);

  test('prints a table with aligned columns, percentages and durations such as "1h 30m"', async () => {
    const run = await report(ndjson(tickets), '--group-by', 'tier');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('3 tickets at 2026-03-04T20:00:00.000Z, by tier');
    const table = lines.slice(2, 7);
    // The columns that fit 100 columns (--wide adds cancelled, stopped, open+breached, mean).
    expect(table[0]).toMatch(
      /^tier\s+metric\s+cycles\s+met\s+breached\s+open\s+compliance\s+breach rate\s+median\s+p90$/,
    );
    expect(table.slice(1)).toEqual([
      expect.stringMatching(/^gold\s+first_reply\s+1\s+1\s+0\s+0\s+100\.0%\s+0\.0%\s+30m\s+30m$/),
      expect.stringMatching(/^gold\s+resolution\s+1\s+1\s+0\s+0\s+100\.0%\s+0\.0%\s+2h 30m\s+2h 30m$/),
      // T-2 waited 1h on Monday and 4h on Tuesday for its first reply: breached (4h goal).
      expect.stringMatching(/^silver\s+first_reply\s+2\s+0\s+1\s+1\s+0\.0%\s+100\.0%\s+5h\s+5h$/),
      expect.stringMatching(/^silver\s+resolution\s+2\s+0\s+0\s+2\s+-\s+50\.0%\s+-\s+-$/),
    ]);
    // Aligned: every row of the table is as wide as its header's column positions say.
    const columnStart = table[0]!.indexOf('cycles') + 'cycles'.length;
    for (const row of table) expect(row[columnStart - 1]).toMatch(/\S/);
  });

  test('--format json prints the summarizeSla summary of the valid tickets', async () => {
    const run = await report(`${ndjson(tickets)}not json\n`, '--format', 'json', '--group-by', 'tier');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^line 4: invalid JSON: /);
    const states = tickets.map((ticket) => computeSlaState(ticket, policySpec, { now }));
    expect(JSON.parse(run.stdout)).toEqual(
      JSON.parse(JSON.stringify(summarizeSla(states, { groupBy: 'tier' }))),
    );
  });

  test('reads event-per-line input too', async () => {
    const run = await report(ndjson(tickets.flatMap(eventLines)), '--format', 'json');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe((await report(ndjson(tickets), '--format', 'json')).stdout);
  });

  test('an empty input says there is nothing to report', async () => {
    expect(await report('')).toEqual({
      code: 0,
      stdout: '0 tickets at 2026-03-04T20:00:00.000Z: nothing to report\n',
      stderr: '',
    });
  });
});

describe.concurrent('explain', () => {
  const explain = (input: string, ...flags: string[]) =>
    runCli(['explain', '--policy', policyPath, '--now', now, ...flags], input);

  test("prints one line per segment, in the goal calendar's zone, and a total equal to elapsed", async () => {
    const run = await explain(ndjson(tickets), '--ticket', 'T-1', '--metric', 'resolution');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'ticket T-1, metric resolution, at 2026-03-04T20:00:00.000Z',
        'cycle 0 (1 in all, 0 = oldest): met; goal 0: 8h on calendar "ny"',
        'elapsed 2h 30m (31.3%), remaining 5h 30m, paused for 1d 30m',
        'times in America/New_York',
        '',
        'from                            to                              kind      counted  reason',
        'Mon 2026-03-02 09:00:00 -05:00  Mon 2026-03-02 09:30:00 -05:00  counting      30m  calendar "ny" open',
        'Mon 2026-03-02 09:30:00 -05:00  Tue 2026-03-03 10:00:00 -05:00  paused          -  status = "pending" (pauseWhen)',
        'Tue 2026-03-03 10:00:00 -05:00  Tue 2026-03-03 12:00:00 -05:00  counting       2h  calendar "ny" open',
        'total counted 2h 30m (9000000 ms) = elapsed',
        '',
      ].join('\n'),
    );
  });

  test("the counted times of the segments sum to the state's elapsed (--format json)", async () => {
    for (const ticket of tickets) {
      for (const metric of ['first_reply', 'resolution']) {
        const run = await explain(
          ndjson(tickets),
          '--ticket',
          String(ticket.id),
          '--metric',
          metric,
          '--format',
          'json',
        );
        expect(run.code).toBe(0);
        const explained = JSON.parse(run.stdout) as { elapsed: number; segments: { counted: number }[] };
        const state = computeSlaState(ticket, policySpec, { now }).metrics[metric]!;
        expect(explained.elapsed).toBe(state.elapsed);
        expect(explained.segments.reduce((sum, segment) => sum + segment.counted, 0)).toBe(state.elapsed);
        expect(explained.segments).toHaveLength(explainSla(ticket, policySpec, { now, metric }).length);
      }
    }
  });

  test("defaults to the policy's first metric and reads event lines", async () => {
    const run = await explain(ndjson(tickets.flatMap(eventLines)), '--ticket', 'T-2');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ticket T-2, metric first_reply, /);
  });

  test('a ticket that is not in the input exits 1; an unknown --metric or --cycle exits 2', async () => {
    expect(await explain(ndjson(tickets), '--ticket', 'T-9')).toMatchObject({
      code: 1,
      stderr: 'ticket "T-9" not found in the input\n',
    });
    expect(await explain(ndjson(tickets), '--ticket', 'T-1', '--metric', 'nope')).toMatchObject({
      code: 2,
      stderr: '--metric: the policy has no metric "nope"; its metrics are first_reply, resolution\n',
    });
    expect(await explain(ndjson(tickets), '--ticket', 'T-1', '--cycle', '3')).toMatchObject({
      code: 2,
      stderr: '--cycle 3: metric "first_reply" of ticket "T-1" has cycles 0 to 0\n',
    });
    expect(await explain(ndjson(tickets), '--metric', 'resolution')).toMatchObject({ code: 2 });
  });
});

describe.concurrent('validate', () => {
  test('a valid policy prints "ok: N metrics (...)" and exits 0', async () => {
    expect(await runCli(['validate', policyPath])).toEqual({
      code: 0,
      stdout: 'ok: 2 metrics (first_reply, resolution)\n',
      stderr: '',
    });
  });

  test('an invalid policy prints each issue with its path and exits 2', async () => {
    const bad = writeFile(
      dir.path('two-issues.json'),
      JSON.stringify({
        metrics: {
          reply: { kind: 'first_response', goals: [{ target: '4 hours' }], warnings: ['75%', '75.0%'] },
        },
      }),
    );
    const run = await runCli(['validate', bad]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const line of lines) expect(line).toMatch(/two-issues\.json: policy\.metrics\.reply\./);
  });

  test('validate without exactly one policy file is a usage error', async () => {
    expect((await runCli(['validate'])).code).toBe(2);
  });
});
