/**
 * A worker thread of `compute --workers N`: compiles the policy once, from the JSON the pool gave
 * it, then parses, classifies and computes batches of raw lines.
 */
import { Tinypool } from 'tinypool';
import { safeCompilePolicy } from '../index.js';
import { classifyLines, type LineJob, packBatch } from './batch.js';

/** What every worker is started with. */
export interface WorkerData {
  /**
   * The policy as read from its file. The main thread validates it at the same time and stops the
   * pool if it is invalid, so a worker only reports the problem if a task ever reaches it.
   */
  readonly policy: unknown;
  readonly nowMs: number;
}

const data = Tinypool.workerData as WorkerData;
const compiled = safeCompilePolicy(data.policy);

/**
 * The task function: raw lines in; computed tickets, event lines and errors out, in order, packed
 * into one buffer that is moved, not copied, to the main thread.
 */
export default function computeBatch(job: LineJob): unknown {
  if (!compiled.success) throw compiled.error;
  return Tinypool.move(packBatch(classifyLines(job, compiled.data, data.nowMs)));
}
