/**
 * `sla-clock report`: compliance by metric and group. The input is read synchronously and fed to
 * `summarizeSla` as a lazy generator of states, so no state outlives its own summing.
 */
import { type ComputeOptions, type Policy, type SlaState, type SlaSummary, summarizeSla } from '../index.js';
import { computeOptionsOf, loadCalendars } from './calendars.js';
import { evaluate } from './evaluate.js';
import { ExitCode } from './exit.js';
import { formatRate, formatSeconds, renderTable } from './format.js';
import { type InputPath, readLineBatchesSync } from './ndjson.js';
import { Problems } from './output.js';
import { loadPolicy } from './policy.js';
import { Progress } from './progress.js';
import { type InputItem, TicketAssembler, ticketOf } from './tickets.js';

export interface ReportOptions {
  readonly policyPath: string;
  readonly nowMs: number;
  readonly calendarsPath: string | undefined;
  readonly groupBy: string | undefined;
  /** Rows by each cycle's own key (`keyBy`, ownership) instead of by ticket. */
  readonly groupByKey: boolean;
  readonly format: 'table' | 'json';
  readonly input: InputPath;
}

/** Counters of a run, filled while `summarizeSla` pulls states. */
interface Tally {
  tickets: number;
}

function* statesOf(
  items: readonly InputItem[],
  policy: Policy,
  at: ComputeOptions,
  problems: Problems,
  tally: Tally,
): Generator<SlaState, void, undefined> {
  for (const item of items) {
    if (item.kind === 'error') {
      problems.report([item]);
      continue;
    }
    // Report reads in this thread: nothing arrives computed by a worker.
    if (item.kind === 'computed') continue;
    const result = evaluate(
      ticketOf(item),
      item.line,
      item.kind === 'events' ? item.lines : null,
      policy,
      at,
    );
    if (result.ok) {
      tally.tickets++;
      yield result.state;
    } else {
      problems.report(result.problems);
    }
  }
}

function* inputStates(
  options: ReportOptions,
  policy: Policy,
  at: ComputeOptions,
  problems: Problems,
  progress: Progress,
  tally: Tally,
): Generator<SlaState, void, undefined> {
  const assembler = new TicketAssembler();
  const items: InputItem[] = [];
  for (const batch of readLineBatchesSync(options.input)) {
    items.length = 0;
    assembler.pushBatch(batch, items);
    yield* statesOf(items, policy, at, problems, tally);
    progress.update(batch.firstLine + batch.lines.length - 1, tally.tickets, problems.count);
  }
  items.length = 0;
  assembler.end(items);
  yield* statesOf(items, policy, at, problems, tally);
}

export function runReport(options: ReportOptions): ExitCode {
  const { policy } = loadPolicy(options.policyPath);
  const at = computeOptionsOf(options.nowMs, loadCalendars(options.calendarsPath));
  const progress = new Progress();
  const problems = new Problems(progress);
  const tally: Tally = { tickets: 0 };
  const states = inputStates(options, policy, at, problems, progress, tally);
  const summary = summarizeSla(
    states,
    options.groupByKey
      ? { groupBy: { cycleKey: true } }
      : options.groupBy === undefined
        ? {}
        : { groupBy: options.groupBy },
  );
  progress.clear();
  process.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify(summary)}\n`
      : renderSummary(
          summary,
          options.groupByKey ? 'cycle key' : options.groupBy,
          tally.tickets,
          options.nowMs,
        ),
  );
  return problems.count > 0 ? ExitCode.InvalidInput : ExitCode.Ok;
}

/** The summary as a table: one row per (group, metric), counts, rates and elapsed quantiles. */
export function renderSummary(
  summary: SlaSummary,
  groupBy: string | undefined,
  tickets: number,
  nowMs: number,
): string {
  const title =
    `${tickets.toLocaleString('en-US')} ${tickets === 1 ? 'ticket' : 'tickets'} at ${new Date(nowMs).toISOString()}` +
    (groupBy === undefined ? '' : `, by ${groupBy}`);
  if (summary.groups.length === 0) return `${title}: nothing to report\n`;
  const header = [
    'metric',
    'cycles',
    'met',
    'breached',
    'cancelled',
    'stopped',
    'open',
    'open+breached',
    'compliance',
    'breach rate',
    'mean',
    'median',
    'p90',
  ];
  const rows = summary.groups.map((group) => [
    group.metric,
    String(group.cycles),
    String(group.met),
    String(group.breached),
    String(group.cancelled),
    String(group.stopped),
    String(group.open),
    String(group.openBreached),
    formatRate(group.complianceRate),
    formatRate(group.breachRate),
    group.elapsed === null ? '-' : formatSeconds(group.elapsed.mean),
    group.elapsed === null ? '-' : formatSeconds(group.elapsed.median),
    group.elapsed === null ? '-' : formatSeconds(group.elapsed.p90),
  ]);
  const align = header.map((_, column) => (column === 0 ? 'left' : 'right') as 'left' | 'right');
  if (groupBy !== undefined) {
    header.unshift(groupBy);
    align.unshift('left');
    summary.groups.forEach((group, index) => {
      rows[index]!.unshift(group.key === null ? '(none)' : String(group.key));
    });
  }
  return `${title}\n\n${renderTable(header, rows, align)}\nmean, median and p90: counted time of met and breached cycles\n`;
}
