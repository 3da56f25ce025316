/**
 * `sla-clock diff` end to end, through a real child process running the built dist/cli.js: the
 * three formats against the library's compareSlaPolicies, bad lines, flag and policy errors.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateTickets } from '../../bench/generate.js';
import policySample from '../../examples/data/policy.json' with { type: 'json' };
import { formatShift } from '../../src/cli/diff.js';
import { compareSlaPolicies, type PolicySpec, type Ticket } from '../../src/index.js';
import { ensureBuilt, ndjson, parseLines, runCli, tempDir, writeFile } from './run.js';

const workday = [['09:00', '17:00']] as const;
const calendars = {
  ny: {
    timeZone: 'America/New_York',
    week: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday },
  },
};
const policyOf = (goldTarget: string, otherTarget: string): PolicySpec => ({
  calendars,
  metrics: {
    first_reply: {
      kind: 'first_response',
      goals: [
        { when: { tier: 'gold' }, target: goldTarget },
        { target: otherTarget, calendar: 'ny' },
      ],
    },
    resolution: { kind: 'resolution', goals: [{ target: '8h', calendar: 'ny' }] },
  },
});
// The change under review: gold's first reply from 1 hour to 30 minutes.
const beforeSpec = policyOf('1h', '4h');
const afterSpec = policyOf('30m', '4h');
const now = '2026-03-04T20:00:00Z';

const created = (at: string, tier: string) => ({
  type: 'created' as const,
  at,
  attributes: { status: 'new', tier },
});
const tickets: Ticket[] = [
  // Replied in 45 minutes: met in an hour, breached in 30 minutes.
  {
    id: 'T-1',
    events: [
      created('2026-03-02T14:00:00Z', 'gold'),
      { type: 'message', at: '2026-03-02T14:45:00Z', author: 'agent' },
    ],
  },
  // Replied in 10 minutes: met either way.
  {
    id: 'T-2',
    events: [
      created('2026-03-02T15:00:00Z', 'gold'),
      { type: 'message', at: '2026-03-02T15:10:00Z', author: 'agent' },
    ],
  },
  // Silver: the change does not touch it.
  {
    id: 'T-3',
    events: [
      created('2026-03-03T14:00:00Z', 'silver'),
      { type: 'message', at: '2026-03-03T15:00:00Z', author: 'agent' },
    ],
  },
  // Gold, still waiting at --now: its deadline moves 30 minutes earlier.
  { id: 'T-4', events: [created('2026-03-04T19:50:00Z', 'gold')] },
];

let dir: ReturnType<typeof tempDir>;
let beforePath: string;
let afterPath: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  beforePath = writeFile(dir.path('before.json'), JSON.stringify(beforeSpec));
  afterPath = writeFile(dir.path('after.json'), JSON.stringify(afterSpec));
}, 120_000);
afterAll(() => dir.remove());

const diff = (input: string, ...flags: string[]) =>
  runCli(['diff', '--policy', beforePath, '--against', afterPath, '--now', now, ...flags], input);

/** The library's answer, as JSON would carry it. */
const library = (input: readonly Ticket[], groupBy?: string) =>
  compareSlaPolicies(input, beforeSpec, afterSpec, groupBy === undefined ? { now } : { now, groupBy });

describe.concurrent('diff', () => {
  test('--format json prints the comparison groups of compareSlaPolicies on one line', async () => {
    const run = await diff(ndjson(tickets), '--format', 'json', '--group-by', 'tier');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.split('\n')).toHaveLength(2);
    expect(JSON.parse(run.stdout)).toEqual({ groups: library(tickets, 'tier').groups });
    expect(JSON.parse(run.stdout).groups[0]).toEqual({
      key: 'gold',
      metric: 'first_reply',
      before: { cycles: 3, complianceRate: 1, breachRate: 0 },
      after: { cycles: 3, complianceRate: 0.5, breachRate: 1 / 3 },
      metToBreached: 1,
      breachedToMet: 0,
      medianDeadlineShift: -30 * 60_000,
    });
  });

  test('--format ndjson writes { ticketId, diff } per ticket that changes, in input order, instants as ISO', async () => {
    const run = await diff(ndjson(tickets), '--format', 'ndjson');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = parseLines(run.stdout) as {
      ticketId: string;
      diff: { metrics: Record<string, unknown> };
    }[];
    expect(lines.map((line) => line.ticketId)).toEqual(['T-1', 'T-4']);
    expect(lines[1]).toEqual({
      ticketId: 'T-4',
      diff: {
        ticketId: 'T-4',
        metrics: {
          first_reply: {
            before: {
              status: 'running',
              breached: false,
              deadline: '2026-03-04T20:50:00.000Z',
              cycles: 1,
              breachedCycles: 0,
            },
            after: {
              status: 'running',
              breached: false,
              deadline: '2026-03-04T20:20:00.000Z',
              cycles: 1,
              breachedCycles: 0,
            },
            deadlineShift: -30 * 60_000,
            flips: [],
          },
        },
      },
    });
    // The same diffs as the library's changes(), but for the instants' spelling.
    const expected = [...library(tickets).changes()];
    expect(lines.map((line) => Object.keys(line.diff.metrics))).toEqual(
      expected.map((change) => Object.keys(change.diff.metrics)),
    );
    expect(lines[0]?.diff).toEqual(JSON.parse(JSON.stringify(expected[0]?.diff)));
  });

  test('the table: a headline, rows by impact with before → after, a legend, within 100 columns', async () => {
    const run = await diff(ndjson(tickets), '--group-by', 'tier');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '4 tickets at 2026-03-04T20:00:00.000Z, by tier',
      `  --policy  ${beforePath}`,
      `  --against ${afterPath}`,
      '',
      '2 of 4 tickets would change; 1 cycle flips met → breached, 0 breached → met',
    ]);
    const header = lines[6] as string;
    expect(header).toMatch(
      /^tier\s+metric\s+cycles\s+compliance\s+breach rate\s+→breached\s+→met\s+deadline$/,
    );
    // Gold's first reply changed most, so it comes first; rows that did not change follow.
    expect(lines[7]).toMatch(
      /^gold\s+first_reply\s+3\s+100\.0% →\s+50\.0%\s+0\.0% →\s+33\.3%\s+1\s+0\s+-30m$/,
    );
    expect(lines.slice(8, 11)).toEqual([
      expect.stringMatching(/^gold\s+resolution\s+3\s+- →\s+-\s+66\.7% →\s+66\.7%\s+0\s+0\s+0$/),
      expect.stringMatching(/^silver\s+first_reply\s+1\s+100\.0% → 100\.0%\s+0\.0% →\s+0\.0%\s+0\s+0\s+-$/),
      expect.stringMatching(/^silver\s+resolution\s+/),
    ]);
    // The arrows of a column line up.
    const arrows = (line: string) => [...line.matchAll(/→/g)].map((match) => match.index);
    expect(new Set(lines.slice(7, 11).map((line) => arrows(line).join(' '))).size).toBe(1);
    expect(run.stdout).toContain('compliance    met / (met + breached)');
    expect(run.stdout).toContain('deadline      median shift of the deadline');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  test('a bad line is reported on stderr as "line N: ...", the rest compared, and the exit code is 1', async () => {
    const input = `${ndjson(tickets.slice(0, 2))}not json\n{"id":"T-9","events":[]}\n${ndjson(tickets.slice(2))}`;
    const run = await diff(input, '--format', 'json');
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toEqual([
      expect.stringMatching(/^line 3: invalid JSON: /),
      'line 4: ticket.events: expected exactly one "created" event, got none',
      '',
    ]);
    expect(JSON.parse(run.stdout)).toEqual({ groups: library(tickets).groups });
    const table = await diff(input);
    expect(table.code).toBe(1);
    expect(table.stdout.split('\n')[0]).toBe(
      '4 tickets at 2026-03-04T20:00:00.000Z; 2 input problems on stderr, those lines left out',
    );
    const lines = await diff(input, '--format', 'ndjson');
    expect(lines.code).toBe(1);
    expect((parseLines(lines.stdout) as { ticketId: string }[]).map((l) => l.ticketId)).toEqual([
      'T-1',
      'T-4',
    ]);
  });

  test("event-per-line input compares the same, and a bad event blames that event's own line", async () => {
    const eventLines = tickets.flatMap((ticket) =>
      ticket.events.map((event) => ({ ticket: ticket.id, ...event })),
    );
    const run = await diff(ndjson(eventLines), '--format', 'json');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe((await diff(ndjson(tickets), '--format', 'json')).stdout);
    const broken = eventLines.map((line, i) => (i === 1 ? { ...line, at: 'yesterday' } : line));
    const bad = await diff(ndjson(broken), '--format', 'json');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^line 2: ticket\.events\[1\]\.at: expected an instant/);
  });

  test('reads the tickets file named last, with host calendars from --calendars', async () => {
    const path = writeFile(dir.path('tickets.ndjson'), ndjson(tickets));
    const calendarsPath = writeFile(dir.path('calendars.json'), JSON.stringify({ spare: calendars.ny }));
    const run = await runCli([
      'diff',
      '--policy',
      beforePath,
      '--against',
      afterPath,
      '--now',
      now,
      '--calendars',
      calendarsPath,
      '--format',
      'json',
      path,
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ groups: library(tickets).groups });
  });

  test('on the sample policy and generated tickets, the JSON is the library’s', async () => {
    const generated = [...generateTickets({ count: 200, seed: 5 })];
    const stricter = structuredClone(policySample) as {
      metrics: { next_reply: { goals: { target: string }[] } };
    };
    stricter.metrics.next_reply.goals[0]!.target = '2h';
    const samplePath = writeFile(dir.path('sample.json'), JSON.stringify(policySample));
    const stricterPath = writeFile(dir.path('stricter.json'), JSON.stringify(stricter));
    const at = '2026-04-01T00:00:00Z';
    const run = await runCli(
      [
        'diff',
        '--policy',
        samplePath,
        '--against',
        stricterPath,
        '--now',
        at,
        '--group-by',
        'tier',
        '--format',
        'json',
      ],
      ndjson(generated),
    );
    expect(run.code).toBe(0);
    const expected = compareSlaPolicies(generated, policySample as never, stricter as never, {
      now: at,
      groupBy: 'tier',
    });
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify({ groups: expected.groups })));
    expect(expected.groups.some((g) => g.metToBreached > 0)).toBe(true);
  });

  test('an empty input says there is nothing to compare', async () => {
    const run = await diff('');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/nothing to compare\n$/);
    expect(await diff('', '--format', 'json')).toMatchObject({ code: 0, stdout: '{"groups":[]}\n' });
    expect(await diff('', '--format', 'ndjson')).toMatchObject({ code: 0, stdout: '' });
  });

  test('a missing --against, a bad --format or an invalid policy exits 2 and compares nothing', async () => {
    const missing = await runCli(['diff', '--policy', beforePath], ndjson(tickets));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^--against is required\n\nUsage: sla-clock diff /);
    const format = await diff(ndjson(tickets), '--format', 'csv');
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^--format: expected table or json or ndjson, got "csv"/);
    const invalidPath = writeFile(
      dir.path('invalid.json'),
      JSON.stringify({ metrics: { r: { kind: 'nope' } } }),
    );
    const invalid = await runCli(
      ['diff', '--policy', beforePath, '--against', invalidPath, '--now', now],
      ndjson(tickets),
    );
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toContain(`${invalidPath}: policy.metrics.r`);
  });

  test('diff --help prints its usage, and the command list names it', async () => {
    const help = await runCli(['diff', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: sla-clock diff --policy before\.json --against after\.json/);
    expect((await runCli(['--help'])).stdout).toMatch(/\n {2}diff {7}what a policy change would do/);
  });
});

describe('formatShift', () => {
  test('hours and minutes, signed, never days; seconds and milliseconds only when they are there', () => {
    expect(
      [-95_400_000, 72_000_000, -2_700_000, 90_500, 1500, -250, 0, null].map((ms) => formatShift(ms)),
    ).toEqual(['-26h 30m', '+20h', '-45m', '+1m 31s', '+2s', '-250ms', '0', '-']);
  });
});
