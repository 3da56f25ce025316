/**
 * The text table of `sla-clock report` (docs/reports.md, "The report table"): fits 100 columns
 * unless `--wide`, says what each rate is a share of, writes counted time in hours and minutes,
 * and with `--period` shows each period's rows under a heading line.
 */
import type { SlaGroupSummary, SlaSummary } from '../index.js';
import { formatCount } from '../render/count.js';
import { periodId } from '../render/periods.js';
import type { PeriodOptions, PeriodUnit } from '../report/summarize.js';
import { civilFromDays, weekdayOfDay } from '../time/civil.js';
import { type Align, formatHoursMinutes, formatRate, truncate } from './format.js';

/** What the table says about its rows, beside the summary itself. */
export interface TableContext {
  /** The group column's title (the `--group-by` attribute, or "cycle key"); none when ungrouped. */
  readonly groupBy: string | undefined;
  readonly tickets: number;
  readonly nowMs: number;
  readonly period: PeriodOptions | undefined;
  /** Every column, at its natural width (`--wide`); otherwise the table fits `maxWidth`. */
  readonly wide: boolean;
}

/** The width the table fits by default: a terminal of 100 columns. */
const maxTableWidth = 100;

/** Group and metric names are cut (with "…") no shorter than this to make the table fit. */
const minTextWidth = 6;

interface Column {
  readonly title: string;
  readonly align: Align;
  /** Text that may be cut with "…" to fit; numbers never are. */
  readonly cuttable: boolean;
  readonly cell: (row: SlaGroupSummary) => string;
  /** Shown without `--wide`. */
  readonly compact: boolean;
}

const count = (title: string, field: keyof SlaGroupSummary, compact: boolean): Column => ({
  title,
  align: 'right',
  cuttable: false,
  cell: (row) => String(row[field]),
  compact,
});

const elapsed = (title: string, field: 'mean' | 'median' | 'p90', compact: boolean): Column => ({
  title,
  align: 'right',
  cuttable: false,
  cell: (row) => (row.elapsed === null ? '-' : formatHoursMinutes(row.elapsed[field])),
  compact,
});

const columns: readonly Column[] = [
  { title: 'metric', align: 'left', cuttable: true, cell: (row) => row.metric, compact: true },
  count('cycles', 'cycles', true),
  count('met', 'met', true),
  count('breached', 'breached', true),
  count('cancelled', 'cancelled', false),
  count('stopped', 'stopped', false),
  count('open', 'open', true),
  count('open+breached', 'openBreached', false),
  {
    title: 'compliance',
    align: 'right',
    cuttable: false,
    cell: (r) => formatRate(r.complianceRate),
    compact: true,
  },
  {
    title: 'breach rate',
    align: 'right',
    cuttable: false,
    cell: (r) => formatRate(r.breachRate),
    compact: true,
  },
  elapsed('mean', 'mean', false),
  elapsed('median', 'median', true),
  elapsed('p90', 'p90', true),
];

/** Length in code points, as a terminal counts most characters. */
const widthOf = (text: string): number => [...text].length;

/** `text` padded with spaces to `width`, on the side `align` leaves open. */
function pad(text: string, width: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, width - widthOf(text)));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * Column widths: each column's widest cell, then, while the table is wider than `maxWidth`,
 * the widest cuttable column one narrower, down to `minTextWidth`. Numbers are never cut, so a
 * table whose numbers alone need more than `maxWidth` stays wider.
 */
function fitWidths(
  natural: readonly number[],
  cuttable: readonly boolean[],
  maxWidth: number | null,
): number[] {
  const widths = [...natural];
  if (maxWidth === null) return widths;
  let total = widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  while (total > maxWidth) {
    let widest = -1;
    for (let c = 0; c < widths.length; c++) {
      if (
        cuttable[c] &&
        (widths[c] as number) > minTextWidth &&
        (widest < 0 || (widths[c] as number) > (widths[widest] as number))
      )
        widest = c;
    }
    if (widest < 0) break;
    widths[widest] = (widths[widest] as number) - 1;
    total--;
  }
  return widths;
}

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Day number `day` (days since 1970-01-01) with its weekday: `Mon 2026-03-02`. */
function dayText(day: number): string {
  const { year, month, day: dayOfMonth } = civilFromDays(day);
  return `${weekdays[weekdayOfDay(day)]} ${year}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

/**
 * A period's heading line: the label, with the weekday of a day (`2026-03-02 (Mon)`) and the
 * dates of an ISO week (`2026-W10 (Mon 2026-03-02 to Sun 2026-03-08)`), so that nobody has to
 * count weeks.
 *
 * @example
 * periodHeading('2026-W53', 'week') //=> '2026-W53 (Mon 2026-12-28 to Sun 2027-01-03)'
 */
function periodHeading(label: string, unit: PeriodUnit): string {
  // A day's id is its day number, a week's the day number of its Monday.
  const id = periodId(label, unit);
  if (id === undefined || unit === 'month') return label;
  if (unit === 'day') return `${label} (${weekdays[weekdayOfDay(id)]})`;
  return `${label} (${dayText(id)} to ${dayText(id + 6)})`;
}

const unitNames = { day: 'day', week: 'ISO week', month: 'month' } as const;

/** The lines under the table: what each rate is a share of, and what the times are. */
function legend(wide: boolean): string[] {
  return [
    'compliance  = met / (met + breached): ended cycles with a goal; "-" when there are none',
    'breach rate = cycles past their target (open and cancelled ones too) / cycles with a goal',
    `${wide ? 'mean, median, p90' : 'median, p90'} = counted business time of met and breached cycles, in hours and minutes`,
    ...(wide ? ['open+breached = open cycles already past their target'] : []),
  ];
}

/**
 * The summary as a table: one row per (group, metric), or per (period, group, metric) under a
 * heading line per period, then the legend.
 */
export function renderSummary(summary: SlaSummary, context: TableContext): string {
  const maxWidth = context.wide ? null : maxTableWidth;
  const fitLine = (line: string) => (maxWidth === null ? line : truncate(line, maxWidth));
  const { tickets, groupBy, period } = context;
  const title = [
    fitLine(
      `${formatCount(tickets)} ${tickets === 1 ? 'ticket' : 'tickets'} at ${new Date(context.nowMs).toISOString()}` +
        (groupBy === undefined ? '' : `, by ${groupBy}`),
    ),
  ];
  if (period !== undefined)
    title.push(
      fitLine(
        `per ${unitNames[period.unit]} of each cycle's ${period.by === 'end' ? 'end (open cycles: start)' : 'start'}, in ${period.timeZone}`,
      ),
    );
  if (summary.groups.length === 0) return `${title.join('\n')}: nothing to report\n`;

  const shown = columns.filter((column) => context.wide || column.compact);
  const all: Column[] =
    groupBy === undefined
      ? shown
      : [
          {
            title: groupBy,
            align: 'left',
            cuttable: true,
            cell: (row) => (row.key === null ? '(none)' : String(row.key)),
            compact: true,
          },
          ...shown,
        ];
  const cells = summary.groups.map((row) => all.map((column) => column.cell(row)));
  const natural = all.map((column, c) =>
    Math.max(widthOf(column.title), ...cells.map((row) => widthOf(row[c] as string))),
  );
  const widths = fitWidths(
    natural,
    all.map((column) => column.cuttable),
    maxWidth,
  );
  const line = (texts: readonly string[]) =>
    texts
      .map((text, c) => {
        const width = widths[c] as number;
        return pad(truncate(text, width), width, (all[c] as Column).align);
      })
      .join('  ')
      .trimEnd();

  const body: string[] = [line(all.map((column) => column.title))];
  let current: string | undefined;
  summary.groups.forEach((row, index) => {
    if (period !== undefined && row.period !== current) {
      if (current !== undefined) body.push('');
      current = row.period;
      body.push(fitLine(periodHeading(row.period ?? '', period.unit)));
    }
    body.push(line(cells[index] as string[]));
  });
  return `${title.join('\n')}\n\n${body.join('\n')}\n\n${legend(context.wide).join('\n')}\n`;
}
