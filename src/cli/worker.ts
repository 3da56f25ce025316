/**
 * A worker thread of `compute --workers N`: compiles each policy the first time a task names it,
 * from the JSON the pool was started with, then parses, classifies and computes batches of raw
 * lines.
 */
import { Tinypool } from 'tinypool';
import { type Calendar, compileCalendar, type Policy, safeCompilePolicy } from '../index.js';
import { classifyLines, type LineOutput, packBatch } from './batch.js';
import type { TextBatch } from './ndjson.js';

/** What every worker is started with. */
export interface WorkerData {
  /**
   * The policies as read from their files, by name. The main thread validates them at the same
   * time and stops the pool if one is invalid, so a worker only reports the problem if a task ever
   * reaches it.
   */
  readonly policies: readonly { readonly name: string; readonly spec: unknown }[];
  /** `--calendars` as read from its file (validated by the main thread too), or undefined. */
  readonly calendars: unknown;
}

/** Raw lines to classify and compute through one policy. */
export interface LinesTask {
  readonly kind: 'lines';
  readonly batch: TextBatch;
  readonly policy: string;
  readonly nowMs: number;
  readonly output: LineOutput;
}

export type WorkerTask = LinesTask;

const data = Tinypool.workerData as WorkerData;
const specs = new Map(data.policies.map(({ name, spec }) => [name, spec]));
const compiled = new Map<string, Policy>();
const calendars = calendarsIn(data.calendars);

/** The host calendars compiled here (none when one is invalid: the main thread reports that). */
function calendarsIn(spec: unknown): Readonly<Record<string, Calendar>> | undefined {
  if (spec === undefined || spec === null || typeof spec !== 'object') return undefined;
  try {
    return Object.fromEntries(Object.entries(spec).map(([name, one]) => [name, compileCalendar(one)]));
  } catch {
    return undefined;
  }
}

/** The policy of that name, compiled on first use (the main thread validated it). */
function policyNamed(name: string): Policy {
  let policy = compiled.get(name);
  if (policy === undefined) {
    if (!specs.has(name)) throw new Error(`no policy ${JSON.stringify(name)} in this worker`);
    const result = safeCompilePolicy(specs.get(name));
    if (!result.success) throw result.error;
    policy = result.data;
    compiled.set(name, policy);
  }
  return policy;
}

/**
 * The task function: computed tickets, event lines and errors out, in order, packed into one
 * buffer that is moved, not copied, to the main thread.
 */
export default function runTask(task: WorkerTask): unknown {
  const policy = policyNamed(task.policy);
  const at = calendars === undefined ? { now: task.nowMs } : { now: task.nowMs, calendars };
  return Tinypool.move(packBatch(classifyLines(task.batch, policy, at, task.output)));
}
