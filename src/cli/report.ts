/**
 * `sla-clock report`: compliance by metric and group. The input is read synchronously and fed to
 * `summarizeSla` as a lazy generator of states, so no state outlives its own summing.
 */
import {
  type ComputeOptions,
  type Policy,
  type SlaState,
  type SummarizeOptions,
  summarizeSla,
} from '../index.js';
import type { PeriodOptions } from '../report/summarize.js';
import { computeOptionsOf, loadCalendars } from './calendars.js';
import { evaluate } from './evaluate.js';
import { ExitCode } from './exit.js';
import { type InputPath, readLineBatchesSync } from './ndjson.js';
import { Problems } from './output.js';
import { loadPolicy } from './policy.js';
import { Progress } from './progress.js';
import { htmlReport } from './reportHtml.js';
import { renderSummary } from './reportTable.js';
import { type InputItem, TicketAssembler, ticketOf } from './tickets.js';

export interface ReportOptions {
  readonly policyPath: string;
  readonly nowMs: number;
  readonly calendarsPath: string | undefined;
  readonly groupBy: string | undefined;
  /** Rows by each cycle's own key (`keyBy`, ownership) instead of by ticket. */
  readonly groupByKey: boolean;
  /** html: one self-contained page with charts (docs/reports.md, "The HTML report"). */
  readonly format: 'table' | 'json' | 'html';
  /** Rows per day, ISO week or month as well (docs/reports.md, "Periods"). */
  readonly period: PeriodOptions | undefined;
  /** table: every column, not only those that fit 100 columns. */
  readonly wide: boolean;
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
  let summarizeOptions: SummarizeOptions = options.groupByKey
    ? { groupBy: { cycleKey: true } }
    : options.groupBy === undefined
      ? {}
      : { groupBy: options.groupBy };
  if (options.period !== undefined) summarizeOptions = { ...summarizeOptions, period: options.period };
  if (options.format === 'html') {
    // The same summary as json, plus the pictures: see reportHtml.ts.
    const page = htmlReport(states, summarizeOptions, {
      nowMs: options.nowMs,
      groupBy: options.groupByKey ? 'cycle key' : options.groupBy,
      tickets: () => tally.tickets,
      problems: () => problems.count,
    });
    progress.clear();
    process.stdout.write(page);
    return problems.count > 0 ? ExitCode.InvalidInput : ExitCode.Ok;
  }
  const summary = summarizeSla(states, summarizeOptions);
  progress.clear();
  process.stdout.write(
    options.format === 'json'
      ? `${JSON.stringify(summary)}\n`
      : renderSummary(summary, {
          groupBy: options.groupByKey ? 'cycle key' : options.groupBy,
          tickets: tally.tickets,
          nowMs: options.nowMs,
          period: options.period,
          wide: options.wide,
        }),
  );
  return problems.count > 0 ? ExitCode.InvalidInput : ExitCode.Ok;
}
