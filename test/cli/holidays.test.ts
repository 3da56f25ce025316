/**
 * `sla-clock holidays` (docs/cli.md, "holidays"): a country's holidays from the date-holidays
 * package, as local dates for a calendar, checked against dates anyone can verify.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { compileCalendar, isOpen } from '../../src/index.js';
import { ensureBuilt, root, runCli } from './run.js';

beforeAll(() => ensureBuilt());

describe('sla-clock holidays', () => {
  test('US federal holidays 2026-2027: sorted, unique dates, observed days included', async () => {
    const run = await runCli(['holidays', '--country', 'US', '--from', '2026', '--to', '2027']);
    expect(run.code).toBe(0);
    const dates = JSON.parse(run.stdout) as string[];
    expect(dates).toEqual([...new Set(dates)].sort());
    // New Year, Thanksgiving (fourth Thursday of November), Christmas; Independence Day 2026 is a
    // Saturday, observed on Friday 07-03; New Year's Day 2028 is observed on Friday 2027-12-31.
    for (const date of ['2026-01-01', '2026-11-26', '2026-12-25', '2026-07-03', '2026-07-04', '2027-12-31'])
      expect(dates, date).toContain(date);
    expect(dates.every((date) => /^202[67]-\d\d-\d\d$/.test(date))).toBe(true);
    // Observances such as Valentine's Day are not public holidays.
    expect(dates).not.toContain('2026-02-14');
  });

  test('a region adds its own; --types widens the kinds', async () => {
    const bavaria = JSON.parse(
      (await runCli(['holidays', '--country', 'DE', '--region', 'BY', '--from', '2026'])).stdout,
    );
    const germany = JSON.parse((await runCli(['holidays', '--country', 'DE', '--from', '2026'])).stdout);
    expect(bavaria).toContain('2026-01-06'); // Epiphany, in Bavaria only
    expect(germany).not.toContain('2026-01-06');
    const withOptional = JSON.parse(
      (await runCli(['holidays', '--country', 'US', '--from', '2026', '--types', 'public,optional'])).stdout,
    );
    expect(withOptional).toContain('2026-12-24');
  });

  test("the output is a calendar's holidays as it is", async () => {
    const dates = JSON.parse(
      (await runCli(['holidays', '--country', 'GB', '--region', 'ENG', '--from', '2026'])).stdout,
    );
    const cal = compileCalendar({
      timeZone: 'Europe/London',
      week: { fri: [['09:00', '17:00']] },
      holidays: dates,
    });
    expect(isOpen(cal, '2026-04-03T10:00:00+01:00')).toBe(false); // Good Friday
    expect(isOpen(cal, '2026-04-10T10:00:00+01:00')).toBe(true);
  });

  test('the library entry never loads date-holidays; only the CLI names it', () => {
    for (const file of ['dist/index.js', 'dist/index.cjs'])
      expect(readFileSync(`${root}${file}`, 'utf8'), file).not.toContain('date-holidays');
    expect(readFileSync(`${root}dist/cli.js`, 'utf8')).toMatch(/import\(\s*["']date-holidays["']\s*\)/);
  });

  test.each([
    [['--country', 'XX', '--from', '2026'], /knows no country "XX"/],
    [['--country', 'DE', '--region', 'ZZ', '--from', '2026'], /no region "ZZ" of DE; its regions are .*BY/],
    [['--country', 'US', '--from', '26'], /--from: expected a year/],
    [['--country', 'US', '--from', '2027', '--to', '2026'], /--to 2026 is before --from 2027/],
    [['--country', 'US', '--from', '2026', '--types', 'holy'], /--types: expected a comma list/],
    [['--from', '2026'], /--country is required/],
  ])('%j is refused with exit code 2', async (args, message) => {
    const run = await runCli(['holidays', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
