/**
 * `sla-clock calendar-table --calendar FILE --from D --to D [--format csv|ndjson]`: a calendar's
 * open stretches as rows for a warehouse (docs/warehouse.md, docs/cli.md "calendar-table"). The
 * rows are `calendarTable`'s; this file reads the flags, the calendar file, and writes CSV or NDJSON.
 */
import { maxCalendarTableRows } from '../calendar/table.js';
import {
  type Calendar,
  type CalendarTableRow,
  calendarTable,
  compileCalendar,
  isSlaValidationError,
  nextOpen,
} from '../index.js';
import { parseRfc3339 } from '../time/instant.js';
import { parseLocalDate } from '../time/localDate.js';
import { maxInstantMs, minInstantMs } from '../time/range.js';
import { msPerDay } from '../time/units.js';
import { CliError, ExitCode } from './exit.js';
import { readJsonFile } from './jsonFile.js';
import { cliMessage } from './messages.js';
import { Output } from './output.js';

export type TableFormat = 'csv' | 'ndjson';

export interface CalendarTableRequest {
  readonly calendarPath: string;
  readonly from: string;
  readonly to: string;
  readonly format: TableFormat;
}

/** The CSV header: the columns of docs/warehouse.md's table, epoch ms. */
export const csvHeader = 'open_from,open_to,open_before\n';

/**
 * The rows as CSV (with the header) or NDJSON: snake_case names in both, as SQL columns are
 * written, and integers of epoch ms, so that a loader needs no date parsing or time zone.
 *
 * @example
 * formatTableRows([{ openFrom: 0, openTo: 60000, openBefore: 0 }], 'csv') //=> 'open_from,open_to,open_before\n0,60000,0\n'
 */
export function formatTableRows(
  rows: readonly CalendarTableRow[],
  format: TableFormat,
  header = true,
): string {
  let text = format === 'csv' && header ? csvHeader : '';
  for (const { openFrom, openTo, openBefore } of rows) {
    text +=
      format === 'csv'
        ? `${openFrom},${openTo},${openBefore}\n`
        : `{"open_from":${openFrom},"open_to":${openTo},"open_before":${openBefore}}\n`;
  }
  return text;
}

/** Reads and compiles the calendar file: one calendar spec, an object or `"24/7"` (exit code 2 if bad). */
export function loadCalendar(path: string): Calendar {
  const spec = readJsonFile('calendar file', path);
  try {
    return compileCalendar(spec as never);
  } catch (error) {
    if (!isSlaValidationError(error)) throw error;
    throw new CliError(error.issues.map((issue) => cliMessage.policyInvalid(path, issue.message)).join('\n'));
  }
}

/**
 * `--from` / `--to`: an RFC 3339 instant, or a local date `YYYY-MM-DD`, which means the first
 * instant of that date in the calendar's zone (its midnight; where a zone skips midnight, the
 * first instant after the jump; for a date that never happened, the next date's first instant),
 * or in UTC for `"24/7"`.
 */
export function parseTableBound(flag: 'from' | 'to', text: string, cal: Calendar): number {
  const instantMs = parseRfc3339(text);
  if (instantMs !== undefined) {
    if (instantMs < minInstantMs || instantMs > maxInstantMs)
      throw new CliError(cliMessage.tableBoundRange(flag, text));
    return instantMs;
  }
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseLocalDate(text) : undefined;
  if (day === undefined) throw new CliError(cliMessage.tableBound(flag, text), ExitCode.Usage, true);
  return cal.timeZone === null ? day * msPerDay : firstInstantOf(cal.timeZone, text, day);
}

/**
 * The first instant of local date `date` in `timeZone`, read by the calendar rules themselves: the
 * first open instant of a calendar open all day on that date (and the next, for a date that
 * never happened), so that "midnight" means here exactly what `["00:00", ...]` means in a calendar.
 */
function firstInstantOf(timeZone: string, date: string, day: number): number {
  const allDay = [['00:00', '24:00']] as const;
  const nextDate = new Date((day + 1) * msPerDay).toISOString().slice(0, 10);
  const overrides = [{ date, hours: allDay }];
  if (parseLocalDate(nextDate) !== undefined) overrides.push({ date: nextDate, hours: allDay });
  const helper = compileCalendar({ timeZone, week: {}, overrides });
  // Zone offsets are under a day, so the date's first instant is after its UTC midnight minus a day.
  return nextOpen(helper, Math.max(minInstantMs, (day - 1) * msPerDay)) ?? day * msPerDay;
}

/** Writes the table; a range of more rows than `calendarTable` returns is refused as typed, exit code 2. */
export async function runCalendarTable(request: CalendarTableRequest): Promise<ExitCode> {
  const cal = loadCalendar(request.calendarPath);
  const fromMs = parseTableBound('from', request.from, cal);
  const toMs = parseTableBound('to', request.to, cal);
  if (toMs < fromMs)
    throw new CliError(cliMessage.tableToBeforeFrom(request.from, request.to), ExitCode.Usage);
  let rows: CalendarTableRow[];
  try {
    rows = calendarTable(cal, { from: fromMs, to: toMs });
  } catch (error) {
    // The bounds are checked above: what the library can still refuse is the row limit.
    if (!isSlaValidationError(error) || error.issues[0]?.code !== 'out_of_range') throw error;
    throw new CliError(cliMessage.tableRows(request.from, request.to, maxCalendarTableRows));
  }
  const output = new Output();
  if (request.format === 'csv') output.write(csvHeader);
  // A few thousand rows per write: a million rows never become one string.
  const rowsPerWrite = 4096;
  for (let i = 0; i < rows.length && !output.closed; i += rowsPerWrite) {
    output.write(formatTableRows(rows.slice(i, i + rowsPerWrite), request.format, false));
    await output.ready();
  }
  return ExitCode.Ok;
}
