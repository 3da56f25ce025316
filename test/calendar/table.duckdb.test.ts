/**
 * The SQL of docs/warehouse.md, run in DuckDB (in memory) exactly as the page prints it: each
 * ```sql block whose first line is `-- DuckDB: ...` or `-- PostgreSQL: business time ...` is read
 * out of the page (only the CSV file names are pointed at this test's files), so the docs cannot
 * drift from what is checked. The tables are the CSV that `sla-clock calendar-table` writes
 * (formatTableRows), and every span's business time must equal businessTimeBetween, on two years
 * of a New York office calendar (two DST changes a year, a holiday, a short day) and of a Berlin
 * night shift 22:00-06:00 (nights of 7 and 9 real hours).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatTableRows } from '../../src/cli/calendarTable.js';
import { businessTimeBetween, type Calendar, calendarTable, compileCalendar } from '../../src/index.js';
import { root, tempDir } from '../cli/run.js';
import { transitionsOf } from '../oracle/arbitraries.js';
import { ms, msPerHour, weekdaysSpec } from './fixtures.js';

const docs = readFileSync(`${root}docs/warehouse.md`, 'utf8');

/** The ```sql block of docs/warehouse.md whose first line is `-- <title>`. */
function sqlBlock(title: string): string {
  const blocks = [...docs.matchAll(/^```sql\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
  const found = blocks.filter((block) => block.startsWith(`-- ${title}\n`));
  if (found.length !== 1) throw new Error(`docs/warehouse.md: ${found.length} sql blocks titled "${title}"`);
  return found[0] as string;
}

const fromMs = ms('2026-01-01T00:00:00Z');
const toMs = ms('2028-01-01T00:00:00Z');

const calendars: Record<string, Calendar> = {
  new_york: compileCalendar({
    ...weekdaysSpec('America/New_York'),
    holidays: ['2026-12-25', '2027-07-05'],
    overrides: [{ date: '2026-11-27', hours: [['09:00', '13:00']] }],
  }),
  berlin_nights: compileCalendar({
    timeZone: 'Europe/Berlin',
    week: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['22:00', '06:00']]]),
    ),
    holidays: ['2026-12-24'],
  }),
};
const zoneOf: Record<string, string> = { new_york: 'America/New_York', berlin_nights: 'Europe/Berlin' };

interface Span {
  readonly spanId: number;
  readonly calendar: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * 2,000 spans per calendar in [from, to]: uniform ones, ones starting or ending within an hour or
 * two of a DST change, ones touching the range's ends, and some reversed (end before start).
 */
function spansFor(calendar: string, firstId: number, seed: number): Span[] {
  const transitions = transitionsOf(zoneOf[calendar] as string).filter((t) => t > fromMs && t < toMs);
  const uniform = fc.integer({ min: fromMs, max: toMs });
  const nearTransition = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * msPerHour, max: 3 * msPerHour }))
    .map(([t, d]) => t + d);
  const instant = fc.oneof(
    { arbitrary: uniform, weight: 4 },
    { arbitrary: nearTransition, weight: 3 },
    { arbitrary: fc.constantFrom(fromMs, toMs), weight: 1 },
  );
  const pairs = fc.sample(fc.tuple(instant, instant, fc.nat(9)), { numRuns: 2000, seed });
  return pairs.map(([a, b, roll], i) => ({
    spanId: firstId + i,
    calendar,
    // Mostly start <= end, as tickets are; one in ten reversed.
    startMs: roll === 0 ? Math.max(a, b) : Math.min(a, b),
    endMs: roll === 0 ? Math.min(a, b) : Math.max(a, b),
  }));
}

const spans = [...spansFor('new_york', 0, 1), ...spansFor('berlin_nights', 2000, 2)];

const dir = tempDir();
let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  for (const [name, cal] of Object.entries(calendars))
    writeFileSync(
      dir.path(`${name}.csv`),
      formatTableRows(calendarTable(cal, { from: fromMs, to: toMs }), 'csv'),
    );
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  await db.run('CREATE TABLE spans (span_id INTEGER, calendar VARCHAR, start_ms BIGINT, end_ms BIGINT)');
  const appender = await db.createAppender('spans');
  for (const span of spans) {
    appender.appendInteger(span.spanId);
    appender.appendVarchar(span.calendar);
    appender.appendBigInt(BigInt(span.startMs));
    appender.appendBigInt(BigInt(span.endMs));
    appender.endRow();
  }
  appender.closeSync();
});

afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
  dir.remove();
});

/** Runs the docs' statements (`;`-separated), with `name.csv` pointed at this test's file. */
async function runDocs(sql: string): Promise<void> {
  const pointed = sql.replace(/'(\w+)\.csv'/g, (_, name: string) => `'${dir.path(`${name}.csv`)}'`);
  for (const statement of pointed.split(/;\s*$/m).filter((text) => text.trim() !== ''))
    await db.run(statement);
}

/** `{ spanId: businessMs }` of a query's rows `(span_id, business_ms)`. */
async function businessMsBySpan(sql: string): Promise<Map<number, number>> {
  const rows = (await db.runAndReadAll(sql)).getRows();
  return new Map(rows.map(([id, businessMs]) => [Number(id), Number(businessMs as bigint)]));
}

/** The spans whose SQL answer differs from businessTimeBetween, described. */
function mismatches(answers: Map<number, number>, of: readonly Span[]): string[] {
  const wrong: string[] = [];
  for (const span of of) {
    const expected = businessTimeBetween(calendars[span.calendar] as Calendar, span.startMs, span.endMs);
    const got = answers.get(span.spanId);
    if (got !== expected)
      wrong.push(`${span.calendar} ${span.startMs}..${span.endMs}: SQL ${got}, library ${expected}`);
  }
  return wrong;
}

describe('docs/warehouse.md in DuckDB', () => {
  for (const name of Object.keys(calendars)) {
    const own = spans.filter((span) => span.calendar === name);

    test(`the DuckDB query equals businessTimeBetween on 2,000 spans of ${name}`, async () => {
      await db.run('DROP TABLE IF EXISTS calendar_table');
      await runDocs(sqlBlock('DuckDB: the table').replace("'calendar_table.csv'", `'${name}.csv'`));
      const answers = await businessMsBySpan(
        `WITH spans AS (SELECT * FROM main.spans WHERE calendar = '${name}') ${sqlBlock('DuckDB: business time of each span')}`.replace(
          /;\s*$/,
          '',
        ),
      );
      expect(answers.size).toBe(own.length);
      expect(mismatches(answers, own)).toEqual([]);
      // The spans do cross DST changes and closed time, or the check above proves little.
      expect(
        own.filter((span) => businessTimeBetween(calendars[name] as Calendar, span.startMs, span.endMs) === 0)
          .length,
      ).toBeLessThan(own.length / 2);
    });

    test(`the PostgreSQL query, run on DuckDB, equals businessTimeBetween on ${name}`, async () => {
      await db.run('DROP TABLE IF EXISTS calendar_table');
      await runDocs(sqlBlock('DuckDB: the table').replace("'calendar_table.csv'", `'${name}.csv'`));
      const answers = await businessMsBySpan(
        `WITH spans AS (SELECT * FROM main.spans WHERE calendar = '${name}') ${sqlBlock('PostgreSQL: business time of each span')}`.replace(
          /;\s*$/,
          '',
        ),
      );
      expect(answers.size).toBe(own.length);
      expect(mismatches(answers, own)).toEqual([]);
    });
  }

  test('several calendars in one table: each span on its own calendar', async () => {
    await runDocs(sqlBlock('DuckDB: several calendars in one table'));
    const answers = await businessMsBySpan(
      sqlBlock('DuckDB: business time of each span, on its own calendar').replace(/;\s*$/, ''),
    );
    expect(answers.size).toBe(spans.length);
    expect(mismatches(answers, spans)).toEqual([]);
    // read_csv took the CLI's CSV as it is: its header, its integers as BIGINT.
    const types = (
      await db.runAndReadAll(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'calendar_tables' ORDER BY ordinal_position",
      )
    ).getRows();
    expect(types).toEqual([
      ['calendar', 'VARCHAR'],
      ['open_from', 'BIGINT'],
      ['open_to', 'BIGINT'],
      ['open_before', 'BIGINT'],
    ]);
  });
});
