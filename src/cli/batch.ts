/**
 * A batch of tickets computed into output text: the unit of work of `compute`, in the main thread
 * (`--workers 1`) or in a worker. Both paths run `evaluate` and `JSON.stringify` on equal values,
 * so their output is byte for byte the same.
 */
import { type Policy, serializeSlaState } from '../index.js';
import { evaluate, type LineProblem } from './evaluate.js';
import type { InputItem } from './tickets.js';

/**
 * A ticket as sent to a worker: the raw text of its line or lines (a string is copied to a thread
 * far faster than the parsed object), or a line error passed through to keep stderr in order.
 */
export type Job =
  | { readonly kind: 'ticket'; readonly line: number; readonly text: string }
  | {
      readonly kind: 'events';
      readonly line: number;
      readonly id: string;
      readonly texts: readonly string[];
      readonly lines: readonly number[];
    }
  | { readonly kind: 'error'; readonly line: number; readonly message: string };

/** What a batch produced: NDJSON for stdout (each line ending in `\n`) and problems for stderr. */
export interface BatchResult {
  readonly stdout: string;
  readonly problems: readonly LineProblem[];
  readonly computed: number;
}

/** The job that carries an input item to a worker. */
export function jobOf(item: InputItem): Job {
  switch (item.kind) {
    case 'ticket':
      return { kind: 'ticket', line: item.line, text: item.text };
    case 'events':
      return { kind: 'events', line: item.line, id: item.id, texts: item.texts, lines: item.lines };
    case 'error':
      return item;
  }
}

/** The input item a job stands for, parsed again (the main thread parsed it once to group lines). */
function itemOf(job: Job): InputItem {
  switch (job.kind) {
    case 'ticket':
      return { kind: 'ticket', line: job.line, ticket: JSON.parse(job.text) as object, text: job.text };
    case 'events':
      return {
        kind: 'events',
        line: job.line,
        id: job.id,
        events: job.texts.map((text) => JSON.parse(text) as object),
        texts: job.texts,
        lines: job.lines,
      };
    case 'error':
      return job;
  }
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
    const result =
      item.kind === 'ticket'
        ? evaluate(item.ticket, item.line, null, policy, nowMs)
        : evaluate({ id: item.id, events: item.events }, item.line, item.lines, policy, nowMs);
    if (result.ok) {
      stdout += `${JSON.stringify(serializeSlaState(result.state))}\n`;
      computed++;
    } else {
      problems.push(...result.problems);
    }
  }
  return { stdout, problems, computed };
}

/** Computes a batch of jobs, as a worker does. */
export function computeJobs(jobs: readonly Job[], policy: Policy, nowMs: number): BatchResult {
  return computeItems(jobs.map(itemOf), policy, nowMs);
}
