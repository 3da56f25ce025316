/**
 * The dispatcher of `compute --workers N` with a pool whose batches finish, fail or hang as each
 * test says: whatever the workers do, every batch is delivered once, in input order.
 */
import { describe, expect, test } from 'vitest';
import { type BatchRunner, Dispatcher, maxWorkerBatchChars } from '../../src/cli/dispatch.js';
import type { TextBatch } from '../../src/cli/ndjson.js';
import type { ClassifiedLine } from '../../src/cli/tickets.js';

const batchAt = (firstLine: number, chars = 10): TextBatch => ({
  firstLine,
  lineCount: 1,
  text: `${'x'.repeat(chars - 1)}\n`,
  tooLong: [],
});

/** What a batch became, and where: one error line naming the computer. */
const done = (batch: TextBatch, by: string): ClassifiedLine[] => [
  { kind: 'error', line: batch.firstLine, code: 'test', message: by },
];

/** A pool whose batches settle when the test says, in any order. */
class ManualPool implements BatchRunner {
  readonly started: number[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (lines: ClassifiedLine[]) => void; reject: (error: Error) => void; batch: TextBatch }
  >();

  run(batch: TextBatch): Promise<readonly ClassifiedLine[]> {
    this.started.push(batch.firstLine);
    return new Promise((resolve, reject) => this.pending.set(batch.firstLine, { resolve, reject, batch }));
  }

  finish(firstLine: number): void {
    const task = this.pending.get(firstLine)!;
    task.resolve(done(task.batch, 'worker'));
  }

  fail(firstLine: number, message: string): void {
    this.pending.get(firstLine)!.reject(new Error(message));
  }
}

/** A dispatcher over `pool`, recording what was delivered and what was computed in this thread. */
function dispatcherOver(pool: BatchRunner) {
  const delivered: ClassifiedLine[] = [];
  const computedHere: number[] = [];
  const dispatcher = new Dispatcher(
    pool,
    (batch) => {
      computedHere.push(batch.firstLine);
      return done(batch, 'here');
    },
    (lines) => delivered.push(...lines),
  );
  return { dispatcher, delivered, computedHere };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Dispatcher', () => {
  test('results are delivered in the order batches were added, whatever order the workers finish in', async () => {
    const pool = new ManualPool();
    const { dispatcher, delivered } = dispatcherOver(pool);
    for (const line of [1, 2, 3]) dispatcher.add(batchAt(line));
    pool.finish(3);
    pool.finish(2);
    await settle();
    expect(delivered).toEqual([]);
    pool.finish(1);
    await dispatcher.waitUntilFewer(1);
    expect(delivered.map((line) => line.line)).toEqual([1, 2, 3]);
  });

  test('a batch whose worker failed is computed in this thread, in its place, and nothing is lost', async () => {
    const pool = new ManualPool();
    const { dispatcher, delivered, computedHere } = dispatcherOver(pool);
    for (const line of [1, 2, 3]) dispatcher.add(batchAt(line));
    pool.finish(3);
    pool.fail(2, 'Worker terminated due to reaching memory limit: JS heap out of memory');
    pool.finish(1);
    await dispatcher.waitUntilFewer(1);
    expect(computedHere).toEqual([2]);
    expect(delivered).toEqual([
      { kind: 'error', line: 1, code: 'test', message: 'worker' },
      { kind: 'error', line: 2, code: 'test', message: 'here' },
      { kind: 'error', line: 3, code: 'test', message: 'worker' },
    ]);
  });

  test('a pool that throws instead of rejecting loses nothing either', async () => {
    const throwing: BatchRunner = {
      run: () => {
        throw new Error('cannot start a thread');
      },
    };
    const { dispatcher, delivered, computedHere } = dispatcherOver(throwing);
    dispatcher.add(batchAt(1));
    dispatcher.add(batchAt(2));
    await dispatcher.waitUntilFewer(1);
    expect(computedHere).toEqual([1, 2]);
    expect(delivered.map((line) => line.line)).toEqual([1, 2]);
  });

  test('a batch too big for a worker heap never reaches the pool: it is computed at once, in its place', async () => {
    const pool = new ManualPool();
    const { dispatcher, delivered, computedHere } = dispatcherOver(pool);
    dispatcher.add(batchAt(1));
    dispatcher.add(batchAt(2, maxWorkerBatchChars + 1));
    dispatcher.add(batchAt(3, maxWorkerBatchChars));
    expect(pool.started).toEqual([1, 3]);
    expect(computedHere).toEqual([2]);
    await settle();
    expect(delivered).toEqual([]);
    pool.finish(1);
    pool.finish(3);
    await dispatcher.waitUntilFewer(1);
    expect(delivered.map((line) => `${line.line} ${(line as { message: string }).message}`)).toEqual([
      '1 worker',
      '2 here',
      '3 worker',
    ]);
  });

  test('once stopped, a failing batch is not computed again and its error is what the run ends with', async () => {
    const pool = new ManualPool();
    const { dispatcher, computedHere } = dispatcherOver(pool);
    dispatcher.add(batchAt(1));
    dispatcher.stop();
    pool.fail(1, 'Terminating worker thread');
    await expect(dispatcher.waitUntilFewer(1)).rejects.toThrow('Terminating worker thread');
    expect(computedHere).toEqual([]);
  });

  test('when this thread fails too, the run ends with that error instead of skipping the batch', async () => {
    const pool = new ManualPool();
    const dispatcher = new Dispatcher(
      pool,
      () => {
        throw new RangeError('Invalid string length');
      },
      () => {},
    );
    dispatcher.add(batchAt(1));
    pool.fail(1, 'Worker terminated due to reaching memory limit');
    await expect(dispatcher.waitUntilFewer(1)).rejects.toThrow('Invalid string length');
  });
});
