/**
 * `POST /v1/report` and `POST /v1/diff` of `sla-clock serve`: NDJSON tickets in, one JSON answer
 * out, with the lines that could not be used listed beside it (the CLI reports them on stderr).
 */
import type { IncomingMessage } from 'node:http';
import {
  type Calendar,
  type ComputeOptions,
  type PeriodOptions,
  type SlaComparisonGroup,
  type SlaGroupSummary,
  type SlaState,
  summarizeSla,
} from '../index.js';
import { PolicyComparison } from '../report/compare.js';
import { diffStates } from '../report/diff.js';
import { pairOf } from './diff.js';
import { evaluate, type LineProblem } from './evaluate.js';
import { bodyChunks } from './httpRequest.js';
import { BatchSplitter, lineBatchOf, type TextBatch } from './ndjson.js';
import type { LoadedPolicy } from './policySet.js';
import { type InputItem, TicketAssembler, ticketOf } from './tickets.js';

/** A request over NDJSON tickets: its policy and `now`, resolved from the query. */
export interface NdjsonRun {
  readonly loaded: LoadedPolicy;
  /** `now=live` (`/v1/states` only): each ticket at the clock's time. */
  readonly live: boolean;
  readonly nowMs: number;
  readonly at: ComputeOptions;
  readonly calendars: Readonly<Record<string, Calendar>> | undefined;
  readonly maxBodyBytes: number;
}

/** Errors listed in an answer, at most; `invalid` counts them all. */
const maxListedErrors = 100;

/** The lines that could not be used: counted, and the first hundred listed. */
class LineErrors {
  invalid = 0;
  readonly errors: LineProblem[] = [];

  add(problems: readonly LineProblem[]): void {
    // Several problems of one ticket are one invalid ticket, listed under its first line.
    if (problems.length === 0) return;
    this.invalid++;
    if (this.errors.length < maxListedErrors) {
      const { line, code, message } = problems[0] as LineProblem;
      this.errors.push({ line, code, message });
    }
  }
}

/**
 * The body's lines in batches as they arrive (at most `--max-body`): each chunk's complete lines,
 * then the last line. The array yielded is reused: read it before asking for the next.
 *
 * @example
 * for await (const batches of batchesOf(request, 1024)) for (const batch of batches) take(batch)
 */
export async function* batchesOf(
  request: IncomingMessage,
  maxBodyBytes: number,
): AsyncGenerator<TextBatch[]> {
  const splitter = new BatchSplitter(Number.POSITIVE_INFINITY);
  const out: TextBatch[] = [];
  for await (const chunk of bodyChunks(request, maxBodyBytes)) {
    splitter.push(chunk, out);
    splitter.flush(out);
    yield out;
    out.length = 0;
  }
  splitter.end(out);
  yield out;
}

/** The tickets of a batch of lines, in order; errors to `errors`. */
function itemsOf(batch: TextBatch, assembler: TicketAssembler): InputItem[] {
  const items: InputItem[] = [];
  assembler.pushBatch(lineBatchOf(batch), items);
  return items;
}

/**
 * `/v1/report`: `{ groups, tickets, invalid, errors }`, the `SlaSummary` of the valid tickets with
 * their count, and the invalid ones (`errors`: the first 100, each `{ line, code, message }`).
 * `summarizeSla` pulls states synchronously, so the body is read whole first (it is at most
 * `--max-body`); each state lives only while it is counted.
 */
export async function reportOf(
  request: IncomingMessage,
  run: NdjsonRun,
  groupBy: string | undefined,
  period?: PeriodOptions,
): Promise<object> {
  const batches: TextBatch[] = [];
  for await (const out of batchesOf(request, run.maxBodyBytes)) batches.push(...out);
  const errors = new LineErrors();
  let tickets = 0;
  const policy = run.loaded.policy;
  function* states(): Generator<SlaState> {
    const assembler = new TicketAssembler();
    const items: InputItem[] = [];
    for (let i = 0; i <= batches.length; i++) {
      const batch = batches[i];
      items.length = 0;
      if (batch === undefined) assembler.end(items);
      else items.push(...itemsOf(batch, assembler));
      for (const item of items) {
        if (item.kind === 'error') errors.add([item]);
        else if (item.kind !== 'computed') {
          const result = evaluate(
            ticketOf(item),
            item.line,
            item.kind === 'events' ? item.lines : null,
            policy,
            run.at,
          );
          if (!result.ok) errors.add(result.problems);
          else {
            tickets++;
            yield result.state;
          }
        }
      }
      // The batch is done: let its text go.
      if (batch !== undefined) batches[i] = undefined as never;
    }
  }
  const summary = summarizeSla(states(), {
    ...(groupBy === undefined ? {} : { groupBy }),
    ...(period === undefined ? {} : { period }),
  });
  const groups: readonly SlaGroupSummary[] = summary.groups;
  return { groups, tickets, invalid: errors.invalid, errors: errors.errors };
}

/**
 * `/v1/diff`: `{ groups, tickets, changed, invalid, errors }`, the comparison's rows (as
 * `compareSlaPolicies` gives them, without `changes`) over the valid tickets, read as they arrive.
 */
export async function diffOf(
  request: IncomingMessage,
  run: NdjsonRun,
  before: LoadedPolicy,
  groupBy: string | undefined,
): Promise<object> {
  const comparison = PolicyComparison.of(before.policy, run.loaded.policy, {
    ...run.at,
    ...(groupBy === undefined ? {} : { groupBy }),
  });
  const errors = new LineErrors();
  let tickets = 0;
  let changed = 0;
  const take = (items: readonly InputItem[]) => {
    for (const item of items) {
      if (item.kind === 'error') errors.add([item]);
      else if (item.kind !== 'computed') {
        const pair = pairOf(comparison, item);
        if (!pair.ok) errors.add(pair.problems);
        else {
          tickets++;
          if (diffStates(pair.before, pair.after, false) !== null) changed++;
        }
      }
    }
  };
  const assembler = new TicketAssembler();
  for await (const out of batchesOf(request, run.maxBodyBytes)) {
    for (const batch of out) take(itemsOf(batch, assembler));
  }
  const last: InputItem[] = [];
  assembler.end(last);
  take(last);
  const groups: readonly SlaComparisonGroup[] = comparison.groups();
  return { groups, tickets, changed, invalid: errors.invalid, errors: errors.errors };
}
