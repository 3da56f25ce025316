/**
 * `--calendars FILE` on every command that computes, and `report --group-by-key` (docs/cli.md):
 * host calendars reach goals whose calendar is `{ attribute, default }`, in the main thread and in
 * worker threads alike; owners get their own report rows.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, ndjson, parseLines, runCli, tempDir, writeFile } from './run.js';

const dir = tempDir();
afterAll(() => dir.remove());

const weekdays = (hours: [string, string]) => ({
  mon: [hours],
  tue: [hours],
  wed: [hours],
  thu: [hours],
  fri: [hours],
});
let policyPath = '';
let calendarsPath = '';
let ticketsPath = '';

beforeAll(() => {
  ensureBuilt();
  policyPath = writeFile(
    dir.path('policy.json'),
    JSON.stringify({
      calendars: { office: { timeZone: 'Europe/London', week: weekdays(['09:00', '17:00']) } },
      metrics: {
        resolution: {
          kind: 'resolution',
          goals: [{ target: '8h', calendar: { attribute: 'agent', default: 'office' } }],
        },
        group_time: { kind: 'ownership', goals: [{ target: '2h' }] },
      },
    }),
  );
  calendarsPath = writeFile(
    dir.path('calendars.json'),
    JSON.stringify({
      kenji: { timeZone: 'Asia/Tokyo', week: weekdays(['10:00', '19:00']) },
      ana: { timeZone: 'America/Sao_Paulo', week: weekdays(['08:00', '17:00']) },
    }),
  );
  // Monday 2026-03-02 12:00Z: Tokyo closed (21:00), Sao Paulo open (09:00), London open (12:00).
  const tickets = Array.from({ length: 600 }, (_, i) => ({
    id: `T-${i}`,
    events: [
      {
        type: 'created',
        at: '2026-03-02T12:00:00Z',
        attributes: { status: 'open', agent: ['kenji', 'ana', 'nobody'][i % 3], group: 'A' },
      },
      { type: 'updated', at: '2026-03-02T13:00:00Z', attributes: { group: i % 2 === 0 ? 'B' : 'A' } },
    ],
  }));
  ticketsPath = writeFile(dir.path('tickets.ndjson'), ndjson(tickets));
});

const now = '2026-03-02T16:00:00Z';

describe('--calendars', () => {
  test('compute: each agent on their own hours; an unknown name on the default', async () => {
    const run = await runCli([
      'compute',
      '--policy',
      policyPath,
      '--calendars',
      calendarsPath,
      '--now',
      now,
      ticketsPath,
    ]);
    expect(run.code).toBe(0);
    const states = parseLines(run.stdout) as {
      metrics: { resolution: { elapsed: number; goal: { calendar: string } } };
    }[];
    expect(
      states
        .slice(0, 3)
        .map((s) => [s.metrics.resolution.goal.calendar, s.metrics.resolution.elapsed / 3_600_000]),
    ).toEqual([
      ['kenji', 0], // Tokyo 21:00-01:00: closed
      ['ana', 4], // Sao Paulo 09:00-13:00
      ['office', 4], // London 12:00-16:00
    ]);
  });

  test('compute with worker threads gives the same bytes as without', async () => {
    const args = ['compute', '--policy', policyPath, '--calendars', calendarsPath, '--now', now, ticketsPath];
    const one = await runCli(args);
    const two = await runCli([...args, '--workers', '2']);
    expect(two.code).toBe(0);
    expect(two.stderr).toBe('');
    expect(two.stdout).toBe(one.stdout);
  });

  test('without --calendars, every agent falls back to the default', async () => {
    const run = await runCli(['compute', '--policy', policyPath, '--now', now, ticketsPath]);
    const states = parseLines(run.stdout) as { metrics: { resolution: { goal: { calendar: string } } } }[];
    expect(new Set(states.map((s) => s.metrics.resolution.goal.calendar))).toEqual(new Set(['office']));
  });

  test('explain and report take it too', async () => {
    const explain = await runCli([
      'explain',
      '--policy',
      policyPath,
      '--calendars',
      calendarsPath,
      '--ticket',
      'T-1',
      '--now',
      now,
      '--format',
      'json',
      ticketsPath,
    ]);
    expect(explain.code).toBe(0);
    const segments = (
      JSON.parse(explain.stdout) as { segments: { calendar: string; timeZone: string; counted: number }[] }
    ).segments;
    expect(segments.every((s) => s.calendar === 'ana' && s.timeZone === 'America/Sao_Paulo')).toBe(true);
    expect(segments.reduce((sum, s) => sum + s.counted, 0)).toBe(4 * 3_600_000);
    const report = await runCli([
      'report',
      '--policy',
      policyPath,
      '--calendars',
      calendarsPath,
      '--now',
      now,
      '--format',
      'json',
      ticketsPath,
    ]);
    expect(report.code).toBe(0);
  });

  test('a bad calendars file stops the run with exit code 2, naming the calendar', async () => {
    const bad = writeFile(
      dir.path('bad.json'),
      JSON.stringify({ kenji: { timeZone: 'Mars/Olympus', week: {} } }),
    );
    for (const args of [[], ['--workers', '2']]) {
      const run = await runCli([
        'compute',
        '--policy',
        policyPath,
        '--calendars',
        bad,
        '--now',
        now,
        ...args,
        ticketsPath,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/bad\.json: "kenji": calendar\.timeZone: expected an IANA time zone/);
      expect(run.stdout).toBe('');
    }
    const notObject = writeFile(dir.path('list.json'), '[]');
    const run = await runCli(['report', '--policy', policyPath, '--calendars', notObject, ticketsPath]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/expected a JSON object of calendars by name/);
  });
});

describe('report --group-by-key', () => {
  test('one row per owner: each stint in its own group', async () => {
    const run = await runCli([
      'report',
      '--policy',
      policyPath,
      '--now',
      now,
      '--group-by-key',
      '--format',
      'json',
      ticketsPath,
    ]);
    expect(run.code).toBe(0);
    const rows = (
      JSON.parse(run.stdout) as {
        groups: { key: unknown; metric: string; met: number; open: number; breached: number }[];
      }
    ).groups
      .filter((row) => row.metric === 'group_time')
      .map(({ key, met, open, breached }) => ({ key, met, open, breached }));
    // Every ticket starts with A for an hour (met: 2 h target); half move to B at 13:00 (open, 3 h: breached).
    expect(rows).toEqual([
      { key: 'A', met: 300, open: 300, breached: 0 },
      { key: 'B', met: 0, open: 300, breached: 0 },
    ]);
  });

  test('--group-by and --group-by-key exclude each other', async () => {
    const run = await runCli([
      'report',
      '--policy',
      policyPath,
      '--group-by',
      'group',
      '--group-by-key',
      ticketsPath,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/exclude each other/);
  });
});
