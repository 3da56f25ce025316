/** The worker pool of `compute --workers N` (tinypool: a maintained fork of piscina). */
import { Tinypool } from 'tinypool';
import { type LineJob, unpackBatch, type WireBatch } from './batch.js';
import { CliError } from './exit.js';
import { cliMessage } from './messages.js';
import type { ClassifiedLine } from './tickets.js';
import type { WorkerData } from './worker.js';

/** Computes batches on `threads` worker threads. */
export class ComputePool {
  private readonly pool: Tinypool;

  constructor(policy: unknown, nowMs: number, threads: number) {
    const workerData: WorkerData = { policy, nowMs };
    this.pool = new Tinypool({
      // Built beside this file: dist/cli.js starts dist/cli-worker.js (see tsup.config.ts).
      filename: new URL('./cli-worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      workerData,
      // A worker holds one batch at a time: a small heap keeps N threads within the memory of one
      // (V8 otherwise lets every thread's heap grow far past what it uses).
      resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 96 },
    });
  }

  run(job: LineJob): Promise<ClassifiedLine[]> {
    return (this.pool.run(job) as Promise<WireBatch>).then(unpackBatch, (error: unknown) => {
      throw new CliError(cliMessage.workerFailed(error instanceof Error ? error.message : String(error)));
    });
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}
