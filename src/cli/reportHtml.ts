/**
 * `sla-clock report --format html` (docs/reports.md, "The HTML report"): the table is
 * `summarizeSla` with the options `--format json` uses, so its numbers are the JSON's; the line
 * charts are a second `summarizeSla` by period over the same cycles; the histograms and the open
 * breaches are gathered while the states stream past.
 */
import type { CycleState, SlaState, SummarizeOptions } from '../index.js';
import { summarizeSla } from '../index.js';
import { ReportCollector } from '../render/reportData.js';
import { type ReportPeriods, renderReportHtml } from '../render/reportHtml.js';
import type { PeriodOptions } from '../report/period.js';

/** The charts' period when `--period` is not given: ISO weeks in UTC, by each cycle's start. */
export const defaultChartPeriod: PeriodOptions = { unit: 'week', timeZone: 'UTC' };

/** How many open breaches the report lists. */
const openBreachLimit = 20;

/**
 * A state cut down to what an ungrouped `summarizeSla` by period reads (per cycle its status,
 * goal, breach, elapsed and instants), so that the second summary can run after the first
 * without keeping whole states (docs/reports.md: 100,000 tickets, about 150 MB more than json).
 */
function slimState(state: SlaState, someGoal: CycleState['goal']): SlaState {
  const metrics: Record<string, { cycles: CycleState[] }> = {};
  for (const [name, metric] of Object.entries(state.metrics)) {
    metrics[name] = {
      cycles: metric.cycles.map(
        (cycle) =>
          ({
            status: cycle.status,
            breached: cycle.breached,
            // Summing asks only whether a cycle has a goal: one shared object stands for any.
            goal: cycle.goal === null ? null : someGoal,
            elapsed: cycle.elapsed,
            startedAt: cycle.startedAt,
            stoppedAt: cycle.stoppedAt,
          }) as CycleState,
      ),
    };
  }
  return { attributes: {}, metrics } as unknown as SlaState;
}

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
  const kept: SlaState[] = [];
  const anyGoal: CycleState['goal'] = {
    index: 0,
    target: 0,
    calendar: '24/7',
    timeZone: null,
    form: 'duration',
  };
  function* observed(): Generator<SlaState, void, undefined> {
    for (const state of states) {
      collector.add(state);
      kept.push(slimState(state, anyGoal));
      yield state;
    }
  }
  const summary = summarizeSla(observed(), options);
  const period = options.period ?? defaultChartPeriod;
  const periods: ReportPeriods = {
    unit: period.unit,
    timeZone: period.timeZone,
    by: period.by ?? 'start',
    chosen: options.period !== undefined,
    summary: summarizeSla(kept, { period }),
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
