/**
 * A worker thread of `compute --workers N`: compiles the policy once, from the JSON the pool gave
 * it, then parses, classifies and computes batches of raw lines.
 */
import { Tinypool } from 'tinypool';
import { compilePolicy, type PolicySpec } from '../index.js';
import { classifyLines, type LineJob, packBatch } from './batch.js';

/** What every worker is started with. */
export interface WorkerData {
  /** The policy as read from its file (already validated by the main thread). */
  readonly policy: unknown;
  readonly nowMs: number;
}

const data = Tinypool.workerData as WorkerData;
const policy = compilePolicy(data.policy as PolicySpec);

/**
 * The task function: raw lines in; computed tickets, event lines and errors out, in order, packed
 * into one buffer that is moved, not copied, to the main thread.
 */
export default function computeBatch(job: LineJob): unknown {
  return Tinypool.move(packBatch(classifyLines(job, policy, data.nowMs)));
}
