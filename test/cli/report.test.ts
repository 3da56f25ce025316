/**
 * `sla-clock report`'s text table and periods, through the built CLI: the table fits 100 columns
 * unless --wide, says what each rate is a share of, writes counted time in hours and minutes, and
 * --period adds rows per day, ISO week or month under a heading line each.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderSummary } from '../../src/cli/reportTable.js';
import {
  computeSlaState,
  type PolicySpec,
  type SlaGroupSummary,
  summarizeSla,
  type Ticket,
} from '../../src/index.js';
import { unescapeXml } from '../render/xmlCheck.js';
import { ensureBuilt, ndjson, root, runCli, tempDir, writeFile } from './run.js';

const workday = [['09:00', '17:00']] as const;
const policySpec: PolicySpec = {
  calendars: {
    ny: {
      timeZone: 'America/New_York',
      week: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday },
    },
  },
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target: '4h', calendar: 'ny' }] },
    resolution: { kind: 'resolution', goals: [{ target: '16h', calendar: 'ny' }] },
  },
};
const now = '2026-03-13T20:00:00Z';

/** A ticket created at `created`, answered `replyMinutes` later, solved `solveMinutes` after creation. */
function ticket(
  id: string,
  created: string,
  tier: string,
  replyMinutes: number,
  solveMinutes?: number,
): Ticket {
  const createdMs = Date.parse(created);
  const at = (minutes: number) => new Date(createdMs + minutes * 60_000).toISOString();
  return {
    id,
    events: [
      { type: 'created', at: created, attributes: { status: 'new', tier } },
      { type: 'message', at: at(replyMinutes), author: 'agent', attributes: { status: 'open' } },
      ...(solveMinutes === undefined
        ? []
        : [{ type: 'updated' as const, at: at(solveMinutes), attributes: { status: 'solved' } }]),
    ],
  };
}

// Monday 2026-03-02 and the next week; the last ticket is created Sunday 23:30 in New York,
// which is already Monday in UTC: its ISO week differs between the two zones.
const tickets: Ticket[] = [
  ticket('T-1', '2026-03-02T14:00:00Z', 'gold', 30, 24 * 60), // reply 30m; solved after 8h counted
  ticket('T-2', '2026-03-02T15:00:00Z', 'silver', 5 * 60, 26 * 60 + 30), // reply 5h: breached
  ticket('T-3', '2026-03-03T14:00:00Z', 'gold', 0.25), // reply after 15 s: "<1m", not "0m"
  ticket('T-4', '2026-03-09T14:00:00Z', 'silver', 90, 3 * 24 * 60 + 30), // solved Thursday: 24h 30m
  ticket('T-5', '2026-03-09T03:30:00Z', 'gold', 60), // Sunday 23:30 in New York (EDT)
];

let dir: ReturnType<typeof tempDir>;
let policyPath: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  policyPath = writeFile(dir.path('policy.json'), JSON.stringify(policySpec));
}, 120_000);
afterAll(() => dir.remove());

const report = (...flags: string[]) =>
  runCli(['report', '--policy', policyPath, '--now', now, ...flags], ndjson(tickets));

describe.concurrent('the report table', () => {
  test('fits 100 columns, with a legend saying what each rate is a share of', async ({ expect }) => {
    const run = await report('--group-by', 'tier');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatchInlineSnapshot(`
      "5 tickets at 2026-03-13T20:00:00.000Z, by tier

      tier    metric       cycles  met  breached  open  compliance  breach rate   median      p90
      gold    first_reply       3    3         0     0      100.0%         0.0%      <1m      30m
      gold    resolution        3    1         0     2      100.0%        66.7%       8h       8h
      silver  first_reply       2    1         1     0       50.0%        50.0%   1h 30m       5h
      silver  resolution        2    1         1     0       50.0%        50.0%  10h 30m  24h 30m

      compliance  = met / (met + breached): ended cycles with a goal; "-" when there are none
      breach rate = cycles past their target (open and cancelled ones too) / cycles with a goal
      median, p90 = counted business time of met and breached cycles, in hours and minutes
      "
    `);
  });

  test('--wide adds cancelled, stopped, open+breached and mean', async ({ expect }) => {
    const run = await report('--wide');
    expect(run.stdout).toMatchInlineSnapshot(`
      "5 tickets at 2026-03-13T20:00:00.000Z

      metric       cycles  met  breached  cancelled  stopped  open  open+breached  compliance  breach rate     mean   median      p90
      first_reply       5    4         1          0        0     0              0       80.0%        20.0%   1h 24m      30m       5h
      resolution        5    2         1          0        0     2              2       66.7%        60.0%  14h 20m  10h 30m  24h 30m

      compliance  = met / (met + breached): ended cycles with a goal; "-" when there are none
      breach rate = cycles past their target (open and cancelled ones too) / cycles with a goal
      mean, median, p90 = counted business time of met and breached cycles, in hours and minutes
      open+breached = open cycles already past their target
      "
    `);
  });

  test('--period week groups rows under a heading per ISO week, read in --period-zone', async ({
    expect,
  }) => {
    const ny = await report('--period', 'week', '--period-zone', 'America/New_York');
    expect(ny.stdout).toMatchInlineSnapshot(`
      "5 tickets at 2026-03-13T20:00:00.000Z
      per ISO week of each cycle's start, in America/New_York

      metric       cycles  met  breached  open  compliance  breach rate   median      p90
      2026-W10 (Mon 2026-03-02 to Sun 2026-03-08)
      first_reply       4    3         1     0       75.0%        25.0%      <1m       5h
      resolution        4    2         0     2      100.0%        50.0%       8h  10h 30m

      2026-W11 (Mon 2026-03-09 to Sun 2026-03-15)
      first_reply       1    1         0     0      100.0%         0.0%   1h 30m   1h 30m
      resolution        1    0         1     0        0.0%       100.0%  24h 30m  24h 30m

      compliance  = met / (met + breached): ended cycles with a goal; "-" when there are none
      breach rate = cycles past their target (open and cancelled ones too) / cycles with a goal
      median, p90 = counted business time of met and breached cycles, in hours and minutes
      "
    `);
    // In UTC, T-5 (Sunday 23:30 in New York) starts the week of March 9th instead.
    const utc = await report('--period', 'week', '--format', 'json');
    const weeks = (JSON.parse(utc.stdout) as { groups: SlaGroupSummary[] }).groups.map(
      (g) => `${g.period} ${g.metric} ${g.cycles}`,
    );
    expect(weeks).toEqual([
      '2026-W10 first_reply 3',
      '2026-W10 resolution 3',
      '2026-W11 first_reply 2',
      '2026-W11 resolution 2',
    ]);
  });

  test('--format json carries the period of each row, as summarizeSla gives it', async () => {
    const run = await report(
      '--period',
      'day',
      '--period-zone',
      'Asia/Tokyo',
      '--period-by',
      'end',
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    const states = tickets.map((t) => computeSlaState(t, policySpec, { now }));
    expect(JSON.parse(run.stdout)).toEqual(
      JSON.parse(
        JSON.stringify(summarizeSla(states, { period: { unit: 'day', timeZone: 'Asia/Tokyo', by: 'end' } })),
      ),
    );
  });

  test('the HTML report writes the durations the table writes, "<1m" included', async ({ expect }) => {
    const [table, html] = await Promise.all([
      report('--group-by', 'tier', '--wide'),
      report('--group-by', 'tier', '--format', 'html'),
    ]);
    expect(table.code).toBe(0);
    expect(html.code).toBe(0);
    // The table's rows, between its header line and the blank line before the legend: columns are
    // at least two spaces apart, and the last three are mean, median and p90.
    const lines = table.stdout.split('\n');
    const header = lines.findIndex((line) => line.startsWith('tier '));
    const rows = lines.slice(header + 1, lines.indexOf('', header));
    const fromTable = rows.map((line) => {
      const cells = line.split(/\s{2,}/);
      return [`${cells[0]} ${cells[1]}`, ...cells.slice(-3)];
    });
    // The page's summary rows: key, metric, and the text of the elapsed.* cells.
    const body = /<table id="summary">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html.stdout)?.[1] ?? '';
    const fromHtml = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row = '']) => {
      const text = (field: string) =>
        unescapeXml(new RegExp(`data-field="${field}"[^>]*>([^<]*)<`).exec(row)?.[1] ?? '?');
      return [
        `${text('key')} ${text('metric')}`,
        text('elapsed\\.mean'),
        text('elapsed\\.median'),
        text('elapsed\\.p90'),
      ];
    });
    expect(fromTable.length).toBe(4);
    expect(fromHtml).toEqual(fromTable);
    // T-3's 15-second reply makes gold's median first reply "<1m" in both.
    expect(fromTable[0]).toEqual(['gold first_reply', '10m', '<1m', '30m']);
  });

  test('bad period flags are usage errors naming the flag', async () => {
    expect(await report('--period', 'year')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^--period: expected day or week or month, got "year"\n/),
    });
    expect(await report('--period', 'week', '--period-zone', 'Mars/Olympus')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^--period-zone: expected an IANA time zone .*, got "Mars\/Olympus"\n/),
    });
    expect(await report('--period-zone', 'UTC')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^--period-zone needs --period day\|week\|month\n/),
    });
    expect(await report('--period', 'day', '--period-by', 'stop')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^--period-by: expected start or end, got "stop"\n/),
    });
  });
});

describe('the table fits 100 columns for long names', () => {
  const longMetric = 'time_to_first_public_reply_for_enterprise_customers_in_emea';
  const longTier = 'enterprise_plus_with_dedicated_technical_account_manager';
  const row = (key: string, metric: string, cycles: number): SlaGroupSummary => ({
    period: '2026-W53',
    key,
    metric,
    cycles,
    met: 123_456,
    breached: 7_890,
    cancelled: 12,
    stopped: 3,
    open: 45_678,
    openBreached: 1_234,
    complianceRate: 0.9399,
    breachRate: 0.0601,
    elapsed: { mean: 95_400_000, median: 3_600_000 * 1234 + 59 * 60_000, p90: 3_600_000 * 98_765 },
  });
  const summary = {
    groups: [row(longTier, longMetric, 1_234_567), row('gold', 'reply', 9), row(longTier, 'reply', 1)],
  };
  const context = {
    groupBy: 'customer_success_segment_of_the_account',
    tickets: 1_234_567,
    nowMs: Date.parse('2027-01-01T00:00:00Z'),
    period: { unit: 'week', timeZone: 'America/Argentina/ComodRivadavia', by: 'end' },
  } as const;

  test('group and metric names are cut with "…"; numbers never are; no line exceeds 100', () => {
    const text = renderSummary(summary, { ...context, wide: false });
    const lines = text.split('\n');
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(100);
    expect(text).toContain('…');
    for (const number of ['1234567', '123456', '7890', '45678', '94.0%', '6.0%', '1234h 59m', '98765h'])
      expect(text).toContain(number);
    expect(lines).toContain('2026-W53 (Mon 2026-12-28 to Sun 2027-01-03)');
  });

  test('a day is headed with its weekday, a month with its label alone', () => {
    const days = { groups: [{ ...row('gold', 'reply', 1), period: '2028-02-29' }] };
    expect(
      renderSummary(days, { ...context, period: { ...context.period, unit: 'day' }, wide: false }).split(
        '\n',
      ),
    ).toContain('2028-02-29 (Tue)');
    const months = { groups: [{ ...row('gold', 'reply', 1), period: '2028-02' }] };
    expect(
      renderSummary(months, { ...context, period: { ...context.period, unit: 'month' }, wide: false }).split(
        '\n',
      ),
    ).toContain('2028-02');
  });

  test('--wide cuts nothing', () => {
    const text = renderSummary(summary, { ...context, wide: true });
    expect(text).toContain(longMetric);
    expect(text).toContain(longTier);
    expect(text).not.toContain('…');
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeGreaterThan(100);
  });
});

describe('the demo', () => {
  test('the sample data tells a story: every median above zero, breaches and met cycles in every row', async () => {
    const run = await runCli([
      'report',
      '--policy',
      'examples/data/policy.json',
      '--now',
      '2026-04-01T00:00:00Z',
      '--group-by',
      'tier',
      '--format',
      'json',
      'examples/data/tickets.ndjson',
    ]);
    const groups = (JSON.parse(run.stdout) as { groups: SlaGroupSummary[] }).groups;
    expect(groups.length).toBe(12);
    for (const g of groups) {
      expect(g.met, `${g.key} ${g.metric}`).toBeGreaterThan(0);
      expect(g.breached, `${g.key} ${g.metric}`).toBeGreaterThan(0);
      expect(g.elapsed?.median, `${g.key} ${g.metric}`).toBeGreaterThan(60_000);
    }
    const table = await runCli([
      'report',
      '--policy',
      'examples/data/policy.json',
      '--now',
      '2026-04-01T00:00:00Z',
      '--group-by',
      'tier',
      'examples/data/tickets.ndjson',
    ]);
    for (const line of table.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(readFileSync(`${root}package.json`, 'utf8')).toContain(
      'report --policy examples/data/policy.json',
    );
  });
});
