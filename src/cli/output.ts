/**
 * Where results go: stdout with backpressure (a slow reader slows the run instead of filling
 * memory) and a quiet stop when the reader goes away (EPIPE, as in `sla-clock compute | head`);
 * line problems to stderr, counted for the exit code.
 */
import type { LineProblem } from './evaluate.js';
import { formatLineError } from './messages.js';
import type { Progress } from './progress.js';

export class Output {
  /** The reader closed stdout: stop working, there is nobody to write to. */
  closed = false;
  private waiting: Promise<void> | null = null;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else throw error;
    });
  }

  write(chunk: string | Uint8Array): void {
    if (this.closed || chunk.length === 0) return;
    if (!this.stream.write(chunk) && this.waiting === null) {
      this.waiting = new Promise((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.waiting = null;
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
    }
  }

  /** Resolves when stdout can take more (at once unless a write filled its buffer). */
  ready(): Promise<void> {
    return this.waiting ?? Promise.resolve();
  }
}

/** Line problems, printed as `line N: message` on stderr as they are found. */
export class Problems {
  count = 0;

  constructor(
    private readonly progress: Progress,
    private readonly stream: { write(text: string): boolean } = process.stderr,
  ) {}

  report(problems: readonly LineProblem[]): void {
    if (problems.length === 0) return;
    this.progress.clear();
    let text = '';
    for (const problem of problems) {
      text += `${formatLineError(problem.line, problem.message)}\n`;
      this.count++;
    }
    this.stream.write(text);
  }
}
