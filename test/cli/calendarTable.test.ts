/**
 * `sla-clock calendar-table` (docs/cli.md, "calendar-table"): the rows of calendarTable as CSV or
 * NDJSON, with `--from`/`--to` as instants or local dates (midnight in the calendar's zone).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatTableRows, loadCalendar, parseTableBound } from '../../src/cli/calendarTable.js';
import { calendarTable, compileCalendar } from '../../src/index.js';
import { ms } from '../calendar/fixtures.js';
import { ensureBuilt, runCli, tempDir, writeFile } from './run.js';

const nineToFiveSpec = {
  timeZone: 'America/New_York',
  week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, [['09:00', '17:00']]])),
};
const allDay = (timeZone: string) =>
  compileCalendar({
    timeZone,
    week: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]),
    ),
  });

describe('--from and --to', () => {
  const ny = compileCalendar(nineToFiveSpec as never);

  test('an RFC 3339 instant is that instant', () => {
    expect(parseTableBound('from', '2026-03-02T10:00:00+01:00', ny)).toBe(ms('2026-03-02T09:00:00Z'));
  });

  test("a local date is its midnight in the calendar's zone (EST, then EDT)", () => {
    expect(parseTableBound('from', '2026-03-06', ny)).toBe(ms('2026-03-06T05:00:00Z'));
    expect(parseTableBound('to', '2026-03-10', ny)).toBe(ms('2026-03-10T04:00:00Z'));
  });

  test('for "24/7", a local date is midnight UTC', () => {
    expect(parseTableBound('from', '2026-03-06', compileCalendar('24/7'))).toBe(ms('2026-03-06T00:00:00Z'));
  });

  test('where the zone skips midnight, the date starts at the jump (Santiago, 2026-09-06 00:00 -> 01:00)', () => {
    expect(parseTableBound('from', '2026-09-06', allDay('America/Santiago'))).toBe(
      ms('2026-09-06T04:00:00Z'),
    );
  });

  test('where the midnight hour is repeated, the date starts at its first pass (Havana, 2026-11-01 01:00 -> 00:00)', () => {
    // Cuba falls back from 01:00 CDT to 00:00 CST: local 00:00 is met at 04:00Z and again at 05:00Z.
    expect(parseTableBound('from', '2026-11-01', allDay('America/Havana'))).toBe(ms('2026-11-01T04:00:00Z'));
  });

  test('a date that never happened starts where the next one does (Apia, 2011-12-30)', () => {
    expect(parseTableBound('from', '2011-12-30', allDay('Pacific/Apia'))).toBe(ms('2011-12-30T10:00:00Z'));
    expect(parseTableBound('from', '2011-12-31', allDay('Pacific/Apia'))).toBe(ms('2011-12-30T10:00:00Z'));
  });

  test('anything else is refused with the flag named', () => {
    expect(() => parseTableBound('from', '2026-02-30', ny)).toThrow(/^--from: expected an RFC 3339 instant/);
    expect(() => parseTableBound('to', '2026-03-02T10:00:00', ny)).toThrow(
      /^--to: expected an RFC 3339 instant/,
    );
    expect(() => parseTableBound('to', '1899-12-31T00:00:00Z', ny)).toThrow(
      /^--to: expected an instant from 1900/,
    );
  });
});

describe('formatTableRows', () => {
  const rows = [
    { openFrom: 1772816400000, openTo: 1772834400000, openBefore: 0 },
    { openFrom: 1773061200000, openTo: 1773090000000, openBefore: 18000000 },
  ];

  test('CSV: a header, then the epoch-ms columns of the SQL table', () => {
    expect(formatTableRows(rows, 'csv')).toBe(
      'open_from,open_to,open_before\n1772816400000,1772834400000,0\n1773061200000,1773090000000,18000000\n',
    );
  });

  test('NDJSON: one object per line, the same names', () => {
    const lines = formatTableRows(rows, 'ndjson')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual(
      rows.map((row) => ({ open_from: row.openFrom, open_to: row.openTo, open_before: row.openBefore })),
    );
  });
});

describe('sla-clock calendar-table', () => {
  const dir = tempDir();
  let nyPath: string;
  beforeAll(() => {
    ensureBuilt();
    nyPath = writeFile(dir.path('ny.json'), JSON.stringify(nineToFiveSpec));
  }, 120_000);
  afterAll(() => dir.remove());

  test('writes the rows of calendarTable for the local dates, as CSV by default', async () => {
    const run = await runCli([
      'calendar-table',
      '--calendar',
      nyPath,
      '--from',
      '2026-03-01',
      '--to',
      '2026-04-01',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const expected = calendarTable(loadCalendar(nyPath), {
      from: '2026-03-01T05:00:00Z',
      to: '2026-04-01T04:00:00Z',
    });
    expect(expected.length).toBe(22); // the weekdays of March 2026
    expect(run.stdout).toBe(formatTableRows(expected, 'csv'));
  });

  test('--format ndjson, and "24/7" as the calendar file: one row', async () => {
    const path = writeFile(dir.path('always.json'), '"24/7"');
    const run = await runCli([
      'calendar-table',
      '--calendar',
      path,
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-02T00:00:00Z',
      '--format',
      'ndjson',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `{"open_from":${ms('2026-01-01T00:00:00Z')},"open_to":${ms('2026-01-02T00:00:00Z')},"open_before":0}\n`,
    );
  });

  test('an empty range writes the header only', async () => {
    const run = await runCli([
      'calendar-table',
      '--calendar',
      nyPath,
      '--from',
      '2026-03-07',
      '--to',
      '2026-03-08',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('open_from,open_to,open_before\n');
  });

  test('usage errors exit 2 and name the flag or the file', async () => {
    const missing = await runCli(['calendar-table', '--calendar', nyPath, '--from', '2026-03-01']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^--to is required/);

    const reversed = await runCli([
      'calendar-table',
      '--calendar',
      nyPath,
      '--from',
      '2026-03-02',
      '--to',
      '2026-03-01',
    ]);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toBe('--to "2026-03-01" is before --from "2026-03-02"\n');

    const badFormat = await runCli([
      'calendar-table',
      '--calendar',
      nyPath,
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-02',
      '--format',
      'xlsx',
    ]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/^--format: expected csv or ndjson, got "xlsx"/);

    const badCalendar = writeFile(
      dir.path('bad.json'),
      JSON.stringify({ timeZone: 'Mars/Olympus', week: {} }),
    );
    const invalid = await runCli([
      'calendar-table',
      '--calendar',
      badCalendar,
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-02',
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(`${badCalendar}: calendar.timeZone: expected an IANA time zone`);
  });

  test('a range of more than 1,000,000 rows is refused with --from and --to as they were typed', async () => {
    // Open one minute in two, all week: 720 rows a day, so four years are about 1,050,000 rows.
    const clock = (minute: number) =>
      `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    const hours = Array.from({ length: 720 }, (_, i) => [clock(2 * i), clock(2 * i + 1)]);
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    const path = writeFile(
      dir.path('minutes.json'),
      JSON.stringify({ timeZone: 'UTC', week: Object.fromEntries(days.map((day) => [day, hours])) }),
    );
    const run = await runCli([
      'calendar-table',
      '--calendar',
      path,
      '--from',
      '2026-01-01',
      '--to',
      '2030-01-01',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      '--to "2030-01-01": the calendar has more than 1000000 open stretches (rows) from --from "2026-01-01" to it: ask for a shorter range\n',
    );
  });

  test('the command is listed in the usage', async () => {
    const run = await runCli(['--help']);
    expect(run.stdout).toContain('calendar-table');
    const own = await runCli(['calendar-table', '--help']);
    expect(own.stdout).toMatch(/^Usage: sla-clock calendar-table --calendar FILE/);
  });
});
