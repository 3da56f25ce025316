/** The worker pool of `compute --workers N` (tinypool: a maintained fork of piscina). */
import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
import { type LineOutput, unpackBatch, type WireBatch } from './batch.js';
import type { TextBatch } from './ndjson.js';
import type { ClassifiedLine } from './tickets.js';
import type { LinesTask, WorkerData } from './worker.js';

/** How long a thread started on demand waits for work before it stops (one starts again if needed). */
const idleThreadMs = 30_000;

/** Computes batches on up to `threads` worker threads. */
export class ComputePool {
  private readonly pool: Tinypool;
  /** Why the pool stopped taking batches, once it has: every later batch fails with it. */
  private failure: Error | null = null;

  constructor(
    workerData: WorkerData,
    readonly threads: number,
  ) {
    countWorkerPipes(threads);
    this.pool = new Tinypool({
      // Built beside this file: dist/cli.js starts dist/cli-worker.js (see tsup.config.ts).
      filename: new URL('./cli-worker.js', import.meta.url).href,
      // As many threads as can run at once start now, while the main thread validates the policy.
      // The others start only when batches wait for a thread: each costs about 0.1 s of CPU and
      // 20 MB, so `--workers 256` on a short input would otherwise spend seconds starting threads
      // that never get a batch.
      minThreads: Math.min(threads, availableParallelism()),
      maxThreads: threads,
      idleTimeout: idleThreadMs,
      workerData,
      // A worker holds one batch at a time: a small heap keeps N threads within the memory of one
      // (V8 otherwise lets every thread's heap grow far past what it uses). Lines too big for it
      // never come here (see dispatch.ts).
      resourceLimits: { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 96 },
    });
    // A thread that fails outside a task (while starting) is reported on the pool, which would end
    // the process if nobody listened, and tinypool may not replace it, leaving queued batches
    // waiting forever. Stop using the pool instead: its batches fail, and the caller computes them.
    this.pool.on('error', (error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
      // Rejects the queued batches; `destroy` below waits for the threads to end.
      this.pool.destroy().catch(() => {});
    });
  }

  /** The batch's lines, classified and computed by a worker; rejects if the worker failed. */
  async runLines(batch: TextBatch, nowMs: number, output: LineOutput): Promise<ClassifiedLine[]> {
    if (this.failure !== null) throw this.failure;
    const task: LinesTask = { batch, nowMs, output };
    return unpackBatch((await this.pool.run(task)) as WireBatch);
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
    countWorkerPipes(-this.threads);
  }
}

/**
 * Node pipes every worker thread's stdout and stderr into the process's own (tinypool has no way
 * to opt out), and each pipe keeps an 'error', a 'close', a 'finish' and an 'unpipe' listener on
 * process.stdout and process.stderr. Node adds them with the limit lifted, but they count: from 10
 * threads on, the next ordinary listener (Output's 'error' handler, or the 'close' one it adds
 * while stdout is full) printed a MaxListenersExceededWarning about a leak there is not. The
 * pool owns these listeners, so it adds them to the limit (as tinypool does for its child-process
 * workers), and a real leak elsewhere is still reported.
 */
function countWorkerPipes(threads: number): void {
  for (const stream of [process.stdout, process.stderr]) {
    const max = stream.getMaxListeners();
    // 0 and Infinity mean no limit: nothing to count against.
    if (max !== 0 && Number.isFinite(max)) stream.setMaxListeners(max + threads);
  }
}
