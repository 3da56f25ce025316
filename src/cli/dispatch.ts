/**
 * Where each batch of `compute --workers N` is computed, and the order its results come out in.
 * A batch goes to a worker thread unless it holds a line too big for a worker's heap; a batch whose
 * worker failed, for whatever reason, is computed again in this thread. Results are delivered in
 * the order the batches were added, so the output is `--workers 1`'s, byte for byte.
 */
import type { TextBatch } from './ndjson.js';
import type { ClassifiedLine } from './tickets.js';

/**
 * Batches longer than this (in UTF-16 code units) are computed in the main thread. A batch holds
 * whole lines of one chunk of input (1 MiB from a file, less from a pipe) and at most one line
 * that began in earlier chunks, so a longer batch holds a line of more than 1 MiB (a ticket of
 * some 10,000 events). Parsed and computed, a line takes up to about 20 times its size (`[{},{}]`
 * is 3 bytes an object; events take about 10): 40 MB at most here, well within a worker's 96 MB
 * old generation. Past that limit a worker is stopped ("reached memory limit"), and Node 20 may
 * even abort the whole process while tearing that worker down, so big lines must never get there:
 * the main thread has the process's full heap, as with `--workers 1`. (States many times larger
 * than their line, from a policy of very many metrics, can still exhaust a worker on a smaller
 * batch: that batch is then computed again here.)
 */
export const maxWorkerBatchChars = 2 * 1024 * 1024;

/** Something that computes batches elsewhere (the worker pool); rejects when it could not. */
export interface BatchRunner {
  run(batch: TextBatch): Promise<readonly ClassifiedLine[]>;
}

/** Sends batches to the pool or computes them here, and delivers their lines in input order. */
export class Dispatcher {
  private readonly inOrder: InOrder<readonly ClassifiedLine[]>;
  private stopped = false;

  /**
   * `here` computes a batch in this thread (what a worker does: `classifyLines`); `deliver` gets
   * each batch's lines, in the order the batches were added.
   */
  constructor(
    private readonly pool: BatchRunner,
    private readonly here: (batch: TextBatch) => readonly ClassifiedLine[],
    deliver: (lines: readonly ClassifiedLine[]) => void,
  ) {
    this.inOrder = new InOrder(deliver);
  }

  /** Starts computing a batch (a big one is computed before this returns). */
  add(batch: TextBatch): void {
    this.inOrder.add(this.classify(batch));
  }

  /** Waits until fewer than `count` batches are pending; rethrows a batch's failure. */
  waitUntilFewer(count: number): Promise<void> {
    return this.inOrder.waitUntilFewer(count);
  }

  /**
   * The run is over (all delivered, stdout closed, or a failure): batches that fail from now on,
   * as the pool is being stopped, are not computed again.
   */
  stop(): void {
    this.stopped = true;
  }

  private async classify(batch: TextBatch): Promise<readonly ClassifiedLine[]> {
    if (batch.text.length > maxWorkerBatchChars) return this.here(batch);
    try {
      return await this.pool.run(batch);
    } catch (error) {
      // Whatever stopped the worker (its heap limit, a thread that could not start), the batch's
      // lines are not lost: they are computed here, in their place. Nothing is printed, so stderr
      // stays `--workers 1`'s; if this thread fails too, the run ends with that error.
      if (this.stopped) throw error;
      return this.here(batch);
    }
  }
}

/**
 * Results of batches delivered in the order the batches were added, each as soon as it and every
 * batch before it are done (whatever the main loop is waiting for at the time).
 */
class InOrder<T> {
  private readonly slots: { result: T | undefined }[] = [];
  private failure: { error: unknown } | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly deliver: (result: T) => void) {}

  add(promise: Promise<T>): void {
    const slot: { result: T | undefined } = { result: undefined };
    this.slots.push(slot);
    promise.then(
      (result) => {
        slot.result = result;
        while (this.slots[0]?.result !== undefined) this.deliver(this.slots.shift()!.result!);
        this.notify();
      },
      (error: unknown) => {
        this.failure ??= { error };
        this.notify();
      },
    );
  }

  /** Waits until fewer than `count` batches are pending; rethrows a batch's failure. */
  async waitUntilFewer(count: number): Promise<void> {
    while (this.failure === null && this.slots.length >= count) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    if (this.failure !== null) throw this.failure.error;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
