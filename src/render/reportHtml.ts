/**
 * `sla-clock report --format html` (docs/reports.md, "The HTML report"): the summary table,
 * compliance and breach rate per period as line charts, the distribution of elapsed time against
 * the target per metric, and the open cycles longest in breach, in one self-contained page.
 */

import type { PeriodUnit } from '../report/period.js';
import type { SlaGroupSummary, SlaSummary } from '../report/summarize.js';
import { formatInstant } from '../time/instant.js';
import { formatCount } from './count.js';
import { formatHoursMinutes, formatRate, formatWallDuration } from './duration.js';
import { renderHistogram } from './histogram.js';
import { renderLineChart } from './lineChart.js';
import { renderPage } from './page.js';
import { colors } from './palette.js';
import { periodAxis } from './periods.js';
import type { ReportExtras } from './reportData.js';
import { escapeXml, htmlElement } from './xml.js';
import { formatZonedTime } from './zonedTime.js';

/** The per-period summary behind the line charts. */
export interface ReportPeriods {
  readonly unit: PeriodUnit;
  readonly timeZone: string;
  readonly by: 'start' | 'end';
  /** Whether the period was asked for (`--period`) or is the report's default. */
  readonly chosen: boolean;
  /** `summarizeSla` with this period and no grouping: rows by (period, metric). */
  readonly summary: SlaSummary;
}

export interface ReportHtmlData {
  readonly nowMs: number;
  readonly tickets: number;
  /** Input lines that could not be read or computed (reported on stderr). */
  readonly problems: number;
  /** What the table's rows are grouped by, in words (`tier`, `cycle key`); undefined when not grouped. */
  readonly groupBy: string | undefined;
  /** Exactly what `report --format json` writes with the same flags. */
  readonly summary: SlaSummary;
  readonly periods: ReportPeriods;
  readonly extras: ReportExtras;
}

const unitWords: Readonly<Record<PeriodUnit, string>> = { day: 'day', week: 'ISO week', month: 'month' };

const cell = (field: string, value: unknown, text: string) =>
  htmlElement(
    'td',
    { class: 'num', 'data-field': field, 'data-value': JSON.stringify(value) },
    escapeXml(text),
  );

const keyText = (key: SlaGroupSummary['key']) => (key === null ? '(none)' : String(key));

function summaryRow(group: SlaGroupSummary, grouped: boolean): string {
  const cells: string[] = [];
  if (group.period !== undefined)
    cells.push(
      htmlElement(
        'td',
        { 'data-field': 'period', 'data-value': JSON.stringify(group.period) },
        escapeXml(group.period),
      ),
    );
  if (grouped)
    cells.push(
      htmlElement(
        'td',
        { 'data-field': 'key', 'data-value': JSON.stringify(group.key) },
        escapeXml(keyText(group.key)),
      ),
    );
  cells.push(
    htmlElement(
      'th',
      { scope: 'row', 'data-field': 'metric', 'data-value': JSON.stringify(group.metric) },
      escapeXml(group.metric),
    ),
  );
  for (const field of ['cycles', 'met', 'breached', 'cancelled', 'stopped', 'open', 'openBreached'] as const)
    cells.push(cell(field, group[field], formatCount(group[field])));
  cells.push(cell('complianceRate', group.complianceRate, formatRate(group.complianceRate)));
  cells.push(cell('breachRate', group.breachRate, formatRate(group.breachRate)));
  for (const quantile of ['mean', 'median', 'p90'] as const) {
    const ms = group.elapsed === null ? null : group.elapsed[quantile];
    cells.push(cell(`elapsed.${quantile}`, ms, ms === null ? '-' : formatHoursMinutes(ms)));
  }
  return `<tr>${cells.join('')}</tr>`;
}

function summaryTable(data: ReportHtmlData): string {
  const groups = data.summary.groups;
  const grouped = data.groupBy !== undefined;
  const withPeriod = groups.some((group) => group.period !== undefined);
  const headers = [
    ...(withPeriod ? ['period'] : []),
    ...(grouped ? [data.groupBy as string] : []),
    'metric',
    'cycles',
    'met',
    'breached',
    'cancelled',
    'stopped',
    'open',
    'open, breached',
    'compliance',
    'breach rate',
    'mean',
    'median',
    'p90',
  ];
  const head = headers.map((header) => htmlElement('th', { scope: 'col' }, escapeXml(header))).join('');
  const caption = `Cycles and compliance by metric${grouped ? ` and ${data.groupBy}` : ''}${withPeriod ? ` per ${data.periods.unit}` : ''}`;
  const body =
    groups.length === 0
      ? `<tr><td colspan="${headers.length}">nothing to report</td></tr>`
      : groups.map((group) => summaryRow(group, grouped)).join('\n');
  return `<div class="scroll"><table id="summary"><caption>${escapeXml(caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table></div>
<p class="note">Every cycle of every ticket counts, not only the latest. <b>compliance</b> = met / (met + breached): ended cycles with a goal.
<b>breach rate</b> = cycles that ever breached (open ones included) / cycles with a goal.
<b>mean, median, p90</b>: counted (business) time of met and breached cycles, in hours and minutes; median and p90 are nearest-rank.</p>`;
}

/** The metrics in order of first appearance in the rows. */
const metricsOf = (summary: SlaSummary) => [...new Set(summary.groups.map((group) => group.metric))];

function periodCharts(data: ReportHtmlData): string {
  const { periods } = data;
  const rows = periods.summary.groups;
  const axis = periodAxis(
    rows.map((row) => row.period ?? ''),
    periods.unit,
  );
  const where = `${unitWords[periods.unit]}s in ${periods.timeZone}, each cycle in the ${periods.unit} of its ${periods.by === 'start' ? 'start' : 'end (open cycles: their start)'}`;
  const figures = metricsOf(periods.summary).map((metric, index) => {
    const byPeriod = new Map(rows.filter((row) => row.metric === metric).map((row) => [row.period, row]));
    const compliance = axis.map((period) => byPeriod.get(period)?.complianceRate ?? null);
    const breachRate = axis.map((period) => byPeriod.get(period)?.breachRate ?? null);
    const titleOf = (what: string, rate: keyof Pick<SlaGroupSummary, 'complianceRate' | 'breachRate'>) =>
      axis.map((period) => {
        const row = byPeriod.get(period);
        return `${metric}, ${period}: ${what} ${formatRate(row?.[rate] ?? null)} (${row?.met ?? 0} met, ${row?.breached ?? 0} breached, ${row?.cycles ?? 0} cycles)`;
      });
    const decided = axis.filter((_, i) => compliance[i] !== null).length;
    const svg = renderLineChart({
      id: `rate-${index}`,
      title: `${metric}: compliance and breach rate per ${periods.unit}`,
      description: `Line chart over ${axis.length} ${unitWords[periods.unit]}s from ${axis[0] ?? '-'} to ${axis[axis.length - 1] ?? '-'}; compliance known in ${decided} of them. The same numbers are in the table below the charts.`,
      categories: axis,
      series: [
        {
          name: 'compliance',
          values: compliance,
          color: colors.compliance,
          marker: 'circle',
          pointTitles: titleOf('compliance', 'complianceRate'),
        },
        {
          name: 'breach rate',
          values: breachRate,
          color: colors.breachRate,
          dash: '6 4',
          marker: 'square',
          pointTitles: titleOf('breach rate', 'breachRate'),
        },
      ],
    });
    return `<figure data-chart="rates" data-metric="${escapeXml(metric)}"><figcaption>${escapeXml(metric)}</figcaption>${svg}</figure>`;
  });
  const tableRows = rows
    .map(
      (row) =>
        `<tr>${htmlElement('td', {}, escapeXml(row.period ?? ''))}${htmlElement('th', { scope: 'row' }, escapeXml(row.metric))}${cell('cycles', row.cycles, String(row.cycles))}${cell('met', row.met, String(row.met))}${cell('breached', row.breached, String(row.breached))}${cell('complianceRate', row.complianceRate, formatRate(row.complianceRate))}${cell('breachRate', row.breachRate, formatRate(row.breachRate))}</tr>`,
    )
    .join('\n');
  const how = periods.chosen
    ? ''
    : ` (the default; choose with <code>--period day|week|month</code> and <code>--period-zone</code>)`;
  return `<p class="note">Per ${escapeXml(where)}${how}. A gap in a line is a ${periods.unit} with nothing to count.</p>
<div class="charts">${figures.join('\n') || '<p>No cycles.</p>'}</div>
<details><summary>The numbers behind the charts</summary>
<div class="scroll"><table id="periods"><caption>Compliance and breach rate per ${escapeXml(periods.unit)}</caption>
<thead><tr><th scope="col">${escapeXml(periods.unit)}</th><th scope="col">metric</th><th scope="col">cycles</th><th scope="col">met</th><th scope="col">breached</th><th scope="col">compliance</th><th scope="col">breach rate</th></tr></thead>
<tbody>
${tableRows}
</tbody></table></div></details>`;
}

function distributionCharts(data: ReportHtmlData): string {
  const figures = data.extras.distributions.map((distribution, index) => {
    const within =
      distribution.decided === 0
        ? 'no ended cycle with a goal'
        : `${formatCount(distribution.decided)} ended cycles with a goal, ${formatRate(distribution.withinTarget / distribution.decided)} within the target`;
    const svg = renderHistogram({
      id: `elapsed-${index}`,
      title: `${distribution.metric}: elapsed time as a share of the target`,
      description: `Histogram of met and breached cycles by counted time over their goal's target, in bars of 10% up to twice the target and one bar beyond; ${within}.`,
      counts: distribution.counts,
    });
    return `<figure data-chart="elapsed" data-metric="${escapeXml(distribution.metric)}"><figcaption>${escapeXml(distribution.metric)} <span class="meta">(${escapeXml(within)})</span></figcaption>${svg}</figure>`;
  });
  return `<p class="note">Each ended cycle with a goal, by its counted time as a share of its own goal's target (targets differ by goal).
Left of the dashed line: on time; right of it: late.</p>
<div class="charts">${figures.join('\n') || '<p>No cycles.</p>'}</div>`;
}

function openBreachesTable(data: ReportHtmlData): string {
  const { openBreaches, openBreachedTotal } = data.extras;
  if (openBreaches.length === 0) return '<p>No open cycle is past its target.</p>';
  const zone = data.periods.timeZone;
  const rows = openBreaches.map((breach) => {
    const cells = [
      htmlElement(
        'td',
        { 'data-field': 'ticketId' },
        escapeXml(breach.ticketId === null ? '(no id)' : String(breach.ticketId)),
      ),
      htmlElement('th', { scope: 'row', 'data-field': 'metric' }, escapeXml(breach.metric)),
      htmlElement('td', {}, escapeXml(`${breach.status}, cycle ${breach.cycle}`)),
      htmlElement('td', {}, escapeXml(formatZonedTime(breach.breachedAtMs, zone))),
      cell(
        'inBreach',
        data.nowMs - breach.breachedAtMs,
        formatWallDuration(data.nowMs - breach.breachedAtMs),
      ),
      cell('overdue', breach.overdueMs, formatHoursMinutes(breach.overdueMs)),
      cell('target', breach.targetMs, formatHoursMinutes(breach.targetMs)),
      htmlElement('td', {}, escapeXml(breach.calendar)),
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table id="open-breaches"><caption>Open cycles longest in breach: ${openBreaches.length} of ${formatCount(openBreachedTotal)}</caption>
<thead><tr><th scope="col">ticket</th><th scope="col">metric</th><th scope="col">status</th><th scope="col">breached at (${escapeXml(zone)})</th><th scope="col">in breach for</th><th scope="col">overdue (counted)</th><th scope="col">target</th><th scope="col">calendar</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>
<p class="note"><b>in breach for</b>: wall-clock time since the breach; <b>overdue</b>: counted (business) time past the target.</p>`;
}

/**
 * The report as one HTML page, with nothing to fetch: style inline, charts inline SVG.
 *
 * @example
 * renderReportHtml({ nowMs, tickets: 400, problems: 0, groupBy: undefined, summary, periods, extras })
 * //=> '<!doctype html>\n<html lang="en">...'
 */
export function renderReportHtml(data: ReportHtmlData): string {
  const at = formatInstant(data.nowMs);
  const meta =
    `${formatCount(data.tickets)} ${data.tickets === 1 ? 'ticket' : 'tickets'} at ${at}` +
    (data.groupBy === undefined ? '' : `, by ${data.groupBy}`) +
    (data.problems === 0
      ? ''
      : `; ${formatCount(data.problems)} input ${data.problems === 1 ? 'line' : 'lines'} skipped (see the command's errors)`);
  const body = `<header><h1>SLA report</h1><p class="meta">${escapeXml(meta)}</p></header>
<main>
<section aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>
${summaryTable(data)}
</section>
<section aria-labelledby="h-rates"><h2 id="h-rates">Compliance and breach rate per ${escapeXml(data.periods.unit)}</h2>
${periodCharts(data)}
</section>
<section aria-labelledby="h-elapsed"><h2 id="h-elapsed">Elapsed time against the target</h2>
${distributionCharts(data)}
</section>
<section aria-labelledby="h-open"><h2 id="h-open">Longest open breaches</h2>
${openBreachesTable(data)}
</section>
</main>
<footer><p class="note">Made by sla-clock report --format html. Times in ${escapeXml(data.periods.timeZone)} unless marked.</p></footer>`;
  return renderPage(`SLA report at ${at}`, body);
}
