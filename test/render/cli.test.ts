/**
 * The pictures through the built CLI: `report --format html` holds the numbers of
 * `report --format json`, and `explain --format svg|html` one segment element per segment of
 * `explain --format json`, for every metric of a sample ticket.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, runCli } from '../cli/run.js';
import { asShown, tableRows } from './reportTable.js';
import { countOf, svgsOf, xmlProblem } from './xmlCheck.js';

const sample = ['--policy', 'examples/data/policy.json', '--now', '2026-04-01T00:00:00Z'];
const input = 'examples/data/tickets.ndjson';
const metrics = ['first_reply', 'next_reply', 'requester_wait', 'time_on_hold'];

beforeAll(() => ensureBuilt(), 120_000);

async function ok(args: readonly string[]): Promise<string> {
  const run = await runCli(args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

describe('report --format html', () => {
  test.each([
    [[], false],
    [['--group-by', 'tier'], true],
    [['--group-by-key'], true],
    [['--group-by', 'tier', '--period', 'month', '--period-zone', 'America/New_York'], true],
    [['--period', 'day', '--period-by', 'end'], false],
  ] as const)('the table equals report --format json %j', async (flags, grouped) => {
    const json = JSON.parse(await ok(['report', ...sample, ...flags, '--format', 'json', input])) as {
      groups: Record<string, unknown>[];
    };
    const html = await ok(['report', ...sample, ...flags, '--format', 'html', input]);
    expect(json.groups.length).toBeGreaterThan(0);
    expect(tableRows(html, 'summary')).toEqual(json.groups.map((group) => asShown(group, grouped)));
    for (const svg of svgsOf(html)) expect(xmlProblem(svg)).toBeNull();
    expect(countOf(html, 'data-chart="rates"')).toBe(metrics.length);
    expect(countOf(html, 'data-chart="elapsed"')).toBe(metrics.length);
  });
});

describe('explain --format svg|html', () => {
  async function segmentCounts(ticket: string): Promise<number[]> {
    return Promise.all(
      metrics.map(async (metric) => {
        const out = JSON.parse(
          await ok(['explain', ...sample, '--ticket', ticket, '--metric', metric, '--format', 'json', input]),
        ) as { segments: unknown[] };
        return out.segments.length;
      }),
    );
  }

  test.each(['T-001', 'T-003', 'T-017'])(
    '%s: one band per metric, one data-kind element per segment',
    async (ticket) => {
      const counts = await segmentCounts(ticket);
      const svg = await ok(['explain', ...sample, '--ticket', ticket, '--format', 'svg', input]);
      expect(
        svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'),
      ).toBe(true);
      expect(xmlProblem(svg)).toBeNull();
      expect(countOf(svg, 'data-kind="')).toBe(counts.reduce((a, b) => a + b, 0));
      for (const metric of metrics) expect(svg).toContain(`<g data-metric="${metric}">`);
      const html = await ok(['explain', ...sample, '--ticket', ticket, '--format', 'html', input]);
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(svgsOf(html)).toHaveLength(1);
      expect(countOf(html, 'data-kind="')).toBe(counts.reduce((a, b) => a + b, 0));
    },
  );

  test('--metric draws that metric only', async () => {
    const [count] = await segmentCounts('T-003');
    const svg = await ok([
      'explain',
      ...sample,
      '--ticket',
      'T-003',
      '--metric',
      'first_reply',
      '--format',
      'svg',
      input,
    ]);
    expect(countOf(svg, '<g data-metric="')).toBe(1);
    expect(countOf(svg, 'data-kind="')).toBe(count);
  });

  test('a --cycle that one of the metrics does not have is an error naming it', async () => {
    const run = await runCli([
      'explain',
      ...sample,
      '--ticket',
      'T-003',
      '--cycle',
      '1',
      '--format',
      'svg',
      input,
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('first_reply');
  });
});
