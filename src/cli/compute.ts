/**
 * `sla-clock compute`: one state per ticket, NDJSON in and out, streamed. With `--workers N` the
 * tickets go to worker threads in batches, a bounded number in flight, and results are written
 * strictly in input order. The co-process flags (`--now live`, `--errors inline`, `--cycles
 * latest`; docs/cli.md, "As a co-process") change what each line holds, never the order.
 */
import type { Policy } from '../index.js';
import { type BatchResult, classifyLines, computeItems, type LineOutput } from './batch.js';
import { compileCalendars, computeOptionsOf, readCalendarsSpec } from './calendars.js';
import { Dispatcher } from './dispatch.js';
import { ExitCode } from './exit.js';
import { type InputPath, readLineBatches, readTextBatches } from './ndjson.js';
import { Output, Problems } from './output.js';
import { compileLoaded, readPolicySpec } from './policy.js';
import { ComputePool } from './pool.js';
import { Progress } from './progress.js';
import { type InputItem, TicketAssembler } from './tickets.js';

export interface ComputeOptions {
  readonly policyPath: string;
  /** `--now`, read once at the start; with `--now live`, `output.liveNow` and the start's clock. */
  readonly nowMs: number;
  readonly calendarsPath: string | undefined;
  readonly workers: number;
  readonly input: InputPath;
  readonly output: LineOutput;
}

/** Lines per batch sent to a worker: large enough to make a message's cost negligible. */
const batchSize = 256;
/** Batches queued or computing per worker: keeps workers busy, and memory flat. */
const batchesPerWorker = 3;

/** Where a run's results go, with its counters. */
class Sink {
  readonly progress = new Progress();
  readonly output = new Output();
  readonly problems = new Problems(this.progress);
  linesRead = 0;
  computed = 0;

  /** `inline`: error lines are already in `stdout`; problems are only counted, for the exit code. */
  constructor(private readonly inline: boolean) {}

  deliver(result: BatchResult): void {
    for (const chunk of result.stdout) this.output.write(chunk);
    if (this.inline) this.problems.count += result.problems.length;
    else this.problems.report(result.problems);
    this.computed += result.computed;
    this.progress.update(this.linesRead, this.computed, this.problems.count);
  }

  exitCode(): ExitCode {
    this.progress.clear();
    return this.problems.count > 0 ? ExitCode.InvalidInput : ExitCode.Ok;
  }
}

export async function runCompute(options: ComputeOptions): Promise<ExitCode> {
  const spec = readPolicySpec(options.policyPath);
  const calendarsPath = options.calendarsPath;
  const calendarsSpec = calendarsPath === undefined ? undefined : readCalendarsSpec(calendarsPath);
  // Workers take a moment to start (each loads the library and compiles the policy and the host
  // calendars): start them while this thread validates both, and stop them if either is invalid.
  const pool =
    options.workers > 1 ? new ComputePool({ spec, calendars: calendarsSpec }, options.workers) : null;
  let policy: Policy;
  let at: ReturnType<typeof computeOptionsOf>;
  try {
    policy = compileLoaded(options.policyPath, spec);
    at = computeOptionsOf(
      options.nowMs,
      calendarsPath === undefined ? undefined : compileCalendars(calendarsPath, calendarsSpec),
    );
  } catch (error) {
    await pool?.destroy();
    throw error;
  }
  const output = options.output;
  const sink = new Sink(output.inlineErrors);
  const assembler = new TicketAssembler();
  const items: InputItem[] = [];

  if (pool === null) {
    for await (const batch of readLineBatches(options.input)) {
      items.length = 0;
      assembler.pushBatch(batch, items);
      sink.linesRead = batch.firstLine + batch.lines.length - 1;
      // Everything a chunk completed is written before the next chunk is awaited, so a client
      // that sends a ticket and waits for its state gets it.
      sink.deliver(computeItems(items, policy, at, output));
      await sink.output.ready();
      if (sink.output.closed) return sink.exitCode();
    }
    items.length = 0;
    assembler.end(items);
    sink.deliver(computeItems(items, policy, at, output));
    return sink.exitCode();
  }

  // Workers parse, classify and compute raw lines; this thread splits lines, groups event lines
  // (only it sees them in order), computes what a worker could not, and writes results in input
  // order.
  const dispatcher = new Dispatcher(
    { run: (batch) => pool.runLines(batch, options.nowMs, output) },
    (batch) => classifyLines(batch, policy, at, output),
    (classified) => {
      items.length = 0;
      for (const line of classified) assembler.accept(line, items);
      sink.deliver(computeItems(items, policy, at, output));
    },
  );
  const maxInFlight = options.workers * batchesPerWorker;
  try {
    for await (const batch of readTextBatches(options.input, batchSize)) {
      sink.linesRead = batch.firstLine + batch.lineCount - 1;
      dispatcher.add(batch);
      await dispatcher.waitUntilFewer(maxInFlight);
      await sink.output.ready();
      if (sink.output.closed) return sink.exitCode();
    }
    await dispatcher.waitUntilFewer(1);
    items.length = 0;
    assembler.end(items);
    sink.deliver(computeItems(items, policy, at, output));
    return sink.exitCode();
  } finally {
    dispatcher.stop();
    await pool.destroy();
  }
}
