/**
 * A worker thread of `compute --workers N`: compiles the policy once, from the JSON the pool gave
 * it, then computes batches of raw ticket lines into NDJSON text.
 */
import { Tinypool } from 'tinypool';
import { compilePolicy, type PolicySpec } from '../index.js';
import { type BatchResult, computeJobs, type Job } from './batch.js';

/** What every worker is started with. */
export interface WorkerData {
  /** The policy as read from its file (already validated by the main thread). */
  readonly policy: unknown;
  readonly nowMs: number;
}

const data = Tinypool.workerData as WorkerData;
const policy = compilePolicy(data.policy as PolicySpec);

/** The task function: one batch in, its output text and line problems out. */
export default function computeBatch(jobs: readonly Job[]): BatchResult {
  return computeJobs(jobs, policy, data.nowMs);
}
