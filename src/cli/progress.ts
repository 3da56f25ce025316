/** Progress on stderr while a long run reads its input, only when stderr is a terminal. */
import { formatCount } from '../render/count.js';

/** The part of a stream progress needs (process.stderr, or a test's fake). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): boolean;
}

/** Quiet for the first second (short runs never flicker), then at most five updates a second. */
const firstShowMs = 1000;
const everyMs = 200;

const count = formatCount;

export class Progress {
  private readonly enabled: boolean;
  private readonly startMs: number;
  private lastMs: number;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream = process.stderr,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.enabled = stream.isTTY === true;
    this.startMs = clock();
    this.lastMs = this.startMs - everyMs;
  }

  /** Reports the lines read and tickets done so far (cheap to call after every chunk). */
  update(lines: number, tickets: number, problems: number): void {
    if (!this.enabled) return;
    const nowMs = this.clock();
    if (nowMs - this.startMs < firstShowMs || nowMs - this.lastMs < everyMs) return;
    this.lastMs = nowMs;
    const perSecond = Math.round((tickets * 1000) / (nowMs - this.startMs));
    const problemText = problems === 0 ? '' : `, ${count(problems)} invalid`;
    this.stream.write(
      `\r\x1b[Ksla-clock: ${count(lines)} lines, ${count(tickets)} tickets${problemText}, ${count(perSecond)} tickets/s`,
    );
    this.shown = true;
  }

  /** Erases the progress line, before another message or at the end. */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
