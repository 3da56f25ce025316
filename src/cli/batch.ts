/**
 * A batch of tickets computed into output text: the unit of work of `compute`, in the main thread
 * (`--workers 1`) or in a worker. Both paths run `evaluate` and `JSON.stringify` on equal values,
 * so their output is byte for byte the same.
 */
import { type Policy, serializeSlaState } from '../index.js';
import { evaluate, type LineProblem } from './evaluate.js';
import { lineTooLong } from './ndjson.js';
import {
  type ClassifiedLine,
  type EventLines,
  type InputItem,
  isBlank,
  readLine,
  type TicketLine,
  ticketOf,
} from './tickets.js';

/** What a batch produced: NDJSON for stdout (each line ending in `\n`) and problems for stderr. */
export interface BatchResult {
  readonly stdout: string;
  readonly problems: readonly LineProblem[];
  readonly computed: number;
}

/** Raw lines as sent to a worker: `null` stands for a line too long to read. */
export interface LineJob {
  readonly firstLine: number;
  readonly lines: readonly (string | null)[];
}

/** Computes one ticket (or event-line ticket) into its output line or its problems. */
function computeOne(item: TicketLine | EventLines, policy: Policy, nowMs: number): BatchResult {
  const result = evaluate(
    ticketOf(item),
    item.line,
    item.kind === 'events' ? item.lines : null,
    policy,
    nowMs,
  );
  return result.ok
    ? { stdout: `${JSON.stringify(serializeSlaState(result.state))}\n`, problems: [], computed: 1 }
    : { stdout: '', problems: result.problems, computed: 0 };
}

/** Computes items in order into one result. */
export function computeItems(items: readonly InputItem[], policy: Policy, nowMs: number): BatchResult {
  let stdout = '';
  const problems: LineProblem[] = [];
  let computed = 0;
  for (const item of items) {
    if (item.kind === 'error') {
      problems.push({ line: item.line, message: item.message });
      continue;
    }
    const result = item.kind === 'computed' ? item : computeOne(item, policy, nowMs);
    stdout += result.stdout;
    problems.push(...result.problems);
    computed += result.computed;
  }
  return { stdout, problems, computed };
}

/**
 * What a worker does with raw lines: parse and classify each (the main thread never parses in
 * this mode, so it is not the bottleneck), compute every ticket line, and hand event lines back
 * for the main thread to group, since only it sees the input in order.
 */
export function classifyLines(job: LineJob, policy: Policy, nowMs: number): ClassifiedLine[] {
  const out: ClassifiedLine[] = [];
  for (let i = 0; i < job.lines.length; i++) {
    const text = job.lines[i] as string | null;
    const line = job.firstLine + i;
    if (text !== null && isBlank(text)) continue;
    const read = readLine(text ?? lineTooLong);
    if (read.kind === 'error') out.push({ kind: 'error', line, message: read.message });
    else if (read.kind === 'event') out.push({ kind: 'event', line, id: read.id, text: text as string });
    else
      out.push({
        kind: 'computed',
        line,
        ...computeOne({ kind: 'ticket', line, ticket: read.value, text: text as string }, policy, nowMs),
      });
  }
  return out;
}
