/**
 * A worker thread of `compute --workers N`: compiles the policy once, from the JSON the pool gave
 * it, then parses, classifies and computes batches of raw lines.
 */
import { Tinypool } from 'tinypool';
import { type Calendar, type ComputeOptions, compileCalendar, safeCompilePolicy } from '../index.js';
import { classifyLines, type LineJob, packBatch } from './batch.js';

/** What every worker is started with. */
export interface WorkerData {
  /**
   * The policy as read from its file. The main thread validates it at the same time and stops the
   * pool if it is invalid, so a worker only reports the problem if a task ever reaches it.
   */
  readonly policy: unknown;
  /** `--calendars` as read from its file (validated by the main thread too), or undefined. */
  readonly calendars: unknown;
  readonly nowMs: number;
}

const data = Tinypool.workerData as WorkerData;
const compiled = safeCompilePolicy(data.policy);
const at = computeOptionsIn(data);

/** The run's options: `now`, and the host calendars compiled here (nothing when one is invalid). */
function computeOptionsIn({ calendars, nowMs }: WorkerData): ComputeOptions {
  if (calendars === undefined || calendars === null || typeof calendars !== 'object') return { now: nowMs };
  try {
    const compiledCalendars: Record<string, Calendar> = Object.fromEntries(
      Object.entries(calendars).map(([name, spec]) => [name, compileCalendar(spec)]),
    );
    return { now: nowMs, calendars: compiledCalendars };
  } catch {
    // The main thread reports the problem and stops the pool before any batch arrives.
    return { now: nowMs };
  }
}

/**
 * The task function: raw lines in; computed tickets, event lines and errors out, in order, packed
 * into one buffer that is moved, not copied, to the main thread.
 */
export default function computeBatch(job: LineJob): unknown {
  if (!compiled.success) throw compiled.error;
  return Tinypool.move(packBatch(classifyLines(job, compiled.data, at)));
}
