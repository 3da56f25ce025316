/**
 * A worker thread of `compute --workers N`: compiles the policy and the host calendars once, as it
 * starts, from the JSON the pool was started with, then parses, classifies and computes batches of
 * raw lines.
 */
import { Tinypool } from 'tinypool';
import { type Calendar, compileCalendar, safeCompilePolicy } from '../index.js';
import { classifyLines, type LineOutput, packBatch } from './batch.js';
import type { TextBatch } from './ndjson.js';

/** What every worker is started with. */
export interface WorkerData {
  /**
   * The policy as read from its file. The main thread validates it at the same time and stops the
   * pool if it is invalid, so a worker only reports the problem if a batch ever reaches it.
   */
  readonly spec: unknown;
  /** `--calendars` as read from its file (validated by the main thread too), or undefined. */
  readonly calendars: unknown;
}

/** Raw lines to classify and compute. */
export interface LinesTask {
  readonly batch: TextBatch;
  readonly nowMs: number;
  readonly output: LineOutput;
}

const data = Tinypool.workerData as WorkerData;
const compiled = safeCompilePolicy(data.spec);
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

/**
 * The task function: computed tickets, event lines and errors out, in order, packed into one
 * buffer that is moved, not copied, to the main thread.
 */
export default function runTask(task: LinesTask): unknown {
  // The main thread validated the policy too: a batch that arrives anyway fails with why.
  if (!compiled.success) throw compiled.error;
  const at = calendars === undefined ? { now: task.nowMs } : { now: task.nowMs, calendars };
  return Tinypool.move(packBatch(classifyLines(task.batch, compiled.data, at, task.output)));
}
