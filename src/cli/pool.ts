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
