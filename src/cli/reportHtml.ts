/**
 * `sla-clock report --format html` (docs/reports.md, "The HTML report"): the table is
 * `summarizeSla` with the options `--format json` uses, so its numbers are the JSON's; the line
 * charts are a second summary by period over the same cycles, built in the same pass; the
 * histograms and the open breaches are gathered while the states stream past. No state is kept.
 */
import type { SlaState, SummarizeOptions } from '../index.js';
import { ReportCollector } from '../render/reportData.js';
import { type ReportPeriods, renderReportHtml } from '../render/reportHtml.js';
import type { PeriodOptions } from '../report/period.js';
import { SummaryBuilder } from '../report/summarize.js';

/** The charts' period when `--period` is not given: ISO weeks in UTC, by each cycle's start. */
const defaultChartPeriod: PeriodOptions = { unit: 'week', timeZone: 'UTC' };

/** How many open breaches the report lists. */
const openBreachLimit = 20;

export interface HtmlReportContext {
  readonly nowMs: number;
  /** What the rows are grouped by, in words; undefined when not grouped. */
  readonly groupBy: string | undefined;
  /** Read after the states are consumed. */
  readonly tickets: () => number;
  readonly problems: () => number;
}

/**
 * Consumes `states` once and returns the whole HTML page.
 *
 * @example
 * htmlReport(states, { groupBy: 'tier' }, { nowMs, groupBy: 'tier', tickets: () => 400, problems: () => 0 })
 * //=> '<!doctype html>...'
 */
export function htmlReport(
  states: Iterable<SlaState>,
  options: SummarizeOptions,
  context: HtmlReportContext,
): string {
  const collector = new ReportCollector(openBreachLimit);
  const table = new SummaryBuilder(options);
  const period = options.period ?? defaultChartPeriod;
  const charts = new SummaryBuilder({ period });
  // One pass, nothing kept per state: each state is counted by both summaries and looked at for
  // the histograms and the open breaches, then dropped.
  for (const state of states) {
    table.add(state);
    charts.add(state);
    collector.add(state);
  }
  const summary = table.result();
  const periods: ReportPeriods = {
    unit: period.unit,
    timeZone: period.timeZone,
    by: period.by ?? 'start',
    chosen: options.period !== undefined,
    summary: charts.result(),
  };
  return renderReportHtml({
    nowMs: context.nowMs,
    tickets: context.tickets(),
    problems: context.problems(),
    groupBy: context.groupBy,
    summary,
    periods,
    extras: collector.result(),
  });
}
