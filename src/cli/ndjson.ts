/**
 * NDJSON input, streamed: bytes from a file or stdin become numbered lines, one chunk at a time,
 * so memory holds one chunk and the line being read, never the input. Handles CRLF, a UTF-8 BOM,
 * a last line without a newline, and lines far longer than a chunk (a ticket with 50,000 events).
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { CliError } from './exit.js';
import { cliMessage } from './messages.js';

/** Longer lines are reported and skipped: V8 cannot hold a string much past 512 MiB. */
export const maxLineBytes = 256 * 1024 * 1024;

/** Stands for a line that was longer than `maxLineBytes` (its bytes were dropped). */
export const lineTooLong: unique symbol = Symbol('lineTooLong');

/** The lines completed by one chunk of input; `lines[i]` is line `firstLine + i` (1-based). */
export interface LineBatch {
  readonly firstLine: number;
  readonly lines: readonly (string | typeof lineTooLong)[];
}

const newline = 0x0a;
const carriageReturn = 0x0d;

/**
 * Splits chunks of bytes into lines. Splitting bytes at `\n` is safe for UTF-8 (no multi-byte
 * sequence contains 0x0a), so each line is decoded once, whole.
 */
export class LineSplitter {
  /** The start of a line that a later chunk completes. */
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  /** The current line passed `maxLineBytes`: drop its bytes until its newline. */
  private skipping = false;
  private nextLine = 1;

  /** `maxBytes`: longer lines become `lineTooLong` (a parameter for tests). */
  constructor(private readonly maxBytes = maxLineBytes) {}

  push(chunk: Buffer): LineBatch {
    const firstLine = this.nextLine;
    const lines: (string | typeof lineTooLong)[] = [];
    let startIndex = 0;
    for (;;) {
      const newlineIndex = chunk.indexOf(newline, startIndex);
      if (newlineIndex < 0) break;
      if (this.pieces.length === 0 && !this.skipping) {
        let endIndex = newlineIndex;
        if (endIndex > startIndex && chunk[endIndex - 1] === carriageReturn) endIndex--;
        lines.push(
          endIndex - startIndex > this.maxBytes ? lineTooLong : this.decode(chunk, startIndex, endIndex),
        );
      } else {
        this.keep(chunk.subarray(startIndex, newlineIndex), false);
        lines.push(this.finishLine());
      }
      this.nextLine++;
      startIndex = newlineIndex + 1;
    }
    if (startIndex < chunk.length) this.keep(chunk.subarray(startIndex), true);
    return { firstLine, lines };
  }

  /** The last line, when the input does not end with a newline. */
  end(): LineBatch {
    const firstLine = this.nextLine;
    if (this.pieces.length === 0 && !this.skipping) return { firstLine, lines: [] };
    const line = this.finishLine();
    this.nextLine++;
    return { firstLine, lines: [line] };
  }

  /** Keeps part of an unfinished line; `copy` when the reader may reuse the chunk's buffer. */
  private keep(part: Buffer, copy: boolean): void {
    if (this.skipping) return;
    this.pendingBytes += part.length;
    if (this.pendingBytes > this.maxBytes) {
      this.skipping = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(copy ? Buffer.from(part) : part);
  }

  private finishLine(): string | typeof lineTooLong {
    const whole = this.skipping ? null : Buffer.concat(this.pieces, this.pendingBytes);
    this.pieces = [];
    this.pendingBytes = 0;
    this.skipping = false;
    if (whole === null) return lineTooLong;
    let endIndex = whole.length;
    if (endIndex > 0 && whole[endIndex - 1] === carriageReturn) endIndex--;
    return this.decode(whole, 0, endIndex);
  }

  private decode(bytes: Buffer, startIndex: number, endIndex: number): string {
    const text = bytes.toString('utf8', startIndex, endIndex);
    // A byte-order mark some Windows tools write before the first line.
    return this.nextLine === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}

/**
 * Complete lines as one text, for a worker to split (`compute --workers N`): `lineCount` lines,
 * each ending in `\n`, the first being line `firstLine`; `tooLong` lists the indexes (from 0) of
 * lines longer than `maxLineBytes`, whose text is empty.
 */
export interface TextBatch {
  readonly firstLine: number;
  readonly lineCount: number;
  readonly text: string;
  readonly tooLong: readonly number[];
}

/**
 * Cuts chunks of bytes into batches of whole lines without looking inside them: the main thread
 * of `compute --workers N` only finds newlines and decodes each batch once, so it never becomes
 * the bottleneck; the workers split, parse and compute.
 */
export class BatchSplitter {
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  private skipping = false;
  private nextLine = 1;
  private parts: string[] = [];
  private partLines = 0;
  private tooLong: number[] = [];

  constructor(
    private readonly linesPerBatch: number,
    private readonly maxBytes = maxLineBytes,
  ) {}

  push(chunk: Buffer, out: TextBatch[]): void {
    let start = 0;
    if (this.pieces.length > 0 || this.skipping) {
      const newlineIndex = chunk.indexOf(newline);
      if (newlineIndex < 0) {
        this.keep(chunk, true);
        return;
      }
      this.keep(chunk.subarray(0, newlineIndex + 1), false);
      this.finishPending(out);
      start = newlineIndex + 1;
    }
    // Whole lines inside the chunk: cut every `linesPerBatch` newlines, decode each cut once.
    let cutStart = start;
    let index = start;
    for (;;) {
      const newlineIndex = chunk.indexOf(newline, index);
      if (newlineIndex < 0) break;
      index = newlineIndex + 1;
      if (++this.partLines === this.linesPerBatch) {
        this.parts.push(chunk.toString('utf8', cutStart, index));
        cutStart = index;
        this.flush(out);
      }
    }
    if (index > cutStart) this.parts.push(chunk.toString('utf8', cutStart, index));
    if (index < chunk.length) this.keep(chunk.subarray(index), true);
  }

  /** The input ended: a last line without a newline, and whatever batch is open. */
  end(out: TextBatch[]): void {
    if (this.pieces.length > 0 || this.skipping) {
      this.pieces.push(Buffer.from('\n'));
      this.pendingBytes++;
      this.finishPending(out);
    }
    this.flush(out);
  }

  /** Sends the open batch, even if short: input may pause here (a client waiting for answers). */
  flush(out: TextBatch[]): void {
    if (this.partLines === 0) return;
    out.push({
      firstLine: this.nextLine,
      lineCount: this.partLines,
      text: this.parts.join(''),
      tooLong: this.tooLong,
    });
    this.nextLine += this.partLines;
    this.parts = [];
    this.partLines = 0;
    this.tooLong = [];
  }

  private keep(part: Buffer, copy: boolean): void {
    if (this.skipping) return;
    this.pendingBytes += part.length;
    // The newline itself does not count toward the line's length.
    if (this.pendingBytes - (part[part.length - 1] === newline ? 1 : 0) > this.maxBytes) {
      this.skipping = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(copy ? Buffer.from(part) : part);
  }

  /** A line that spanned chunks is complete (its pieces end with its newline). */
  private finishPending(out: TextBatch[]): void {
    if (this.skipping) {
      this.tooLong.push(this.partLines);
      this.parts.push('\n');
    } else {
      this.parts.push(Buffer.concat(this.pieces, this.pendingBytes).toString('utf8'));
    }
    this.pieces = [];
    this.pendingBytes = 0;
    this.skipping = false;
    if (++this.partLines === this.linesPerBatch) this.flush(out);
  }
}

/**
 * The lines of a `TextBatch`, as the line reader gives them: without `\r\n`, without a leading
 * byte-order mark on line 1, and `lineTooLong` for the lines too long to read.
 */
export function linesOf(batch: TextBatch): (string | typeof lineTooLong)[] {
  const lines: (string | typeof lineTooLong)[] = batch.text.split('\n');
  lines.length = batch.lineCount;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.charCodeAt(line.length - 1) === carriageReturn) lines[i] = line.slice(0, -1);
  }
  if (batch.firstLine === 1 && (lines[0] as string).charCodeAt(0) === 0xfeff)
    lines[0] = (lines[0] as string).slice(1);
  for (const index of batch.tooLong) lines[index] = lineTooLong;
  return lines;
}

/**
 * The input in batches of whole lines, read asynchronously, for `compute --workers N`.
 */
export async function* readTextBatches(
  path: InputPath,
  linesPerBatch: number,
): AsyncGenerator<TextBatch, void, undefined> {
  const stream: Readable = isStdin(path)
    ? process.stdin
    : createReadStream('', { fd: openInputFile(path), highWaterMark: chunkBytes });
  const splitter = new BatchSplitter(linesPerBatch);
  const out: TextBatch[] = [];
  try {
    for await (const chunk of stream) {
      splitter.push(chunk as Buffer, out);
      splitter.flush(out);
      yield* out;
      out.length = 0;
    }
  } catch (error) {
    throw new CliError(cliMessage.unreadable('tickets', path ?? '-', (error as Error).message));
  } finally {
    if (isStdin(path)) process.stdin.pause();
    else stream.destroy();
  }
  splitter.end(out);
  yield* out;
}

/** Where tickets come from: a file path, or stdin for `undefined` and `"-"`. */
export type InputPath = string | undefined;

const isStdin = (path: InputPath): path is undefined | '-' => path === undefined || path === '-';

function openInputFile(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (error) {
    throw new CliError(cliMessage.unreadable('tickets file', path, (error as Error).message));
  }
}

/** Chunk size of file reads: large enough that a line of a few KB rarely spans two chunks. */
const chunkBytes = 1024 * 1024;

/**
 * The input's lines, chunk by chunk, read asynchronously: the stream's own backpressure keeps at
 * most one chunk waiting, and other work (writing output, worker replies) runs between chunks.
 */
export async function* readLineBatches(path: InputPath): AsyncGenerator<LineBatch, void, undefined> {
  const stream: Readable = isStdin(path)
    ? process.stdin
    : createReadStream('', { fd: openInputFile(path), highWaterMark: chunkBytes });
  const splitter = new LineSplitter();
  try {
    for await (const chunk of stream) {
      const batch = splitter.push(chunk as Buffer);
      if (batch.lines.length > 0) yield batch;
    }
  } catch (error) {
    throw new CliError(cliMessage.unreadable('tickets', path ?? '-', (error as Error).message));
  } finally {
    // Stopping early (explain found its ticket, stdout closed): release stdin or the file.
    if (isStdin(path)) process.stdin.pause();
    else stream.destroy();
  }
  const last = splitter.end();
  if (last.lines.length > 0) yield last;
}

/** Sleeps without an event loop, while a non-blocking stdin has nothing to read. */
function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The input's lines, chunk by chunk, read synchronously: for `report` and `explain`, whose
 * consumers (`summarizeSla`) pull a synchronous iterable. Memory is the same as the async reader.
 */
export function* readLineBatchesSync(path: InputPath): Generator<LineBatch, void, undefined> {
  const fd = isStdin(path) ? 0 : openInputFile(path);
  const buffer = Buffer.allocUnsafe(chunkBytes);
  const splitter = new LineSplitter();
  try {
    for (;;) {
      let bytesRead: number;
      try {
        bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A stdin shared with a parent that made it non-blocking: wait for data.
        if (code === 'EAGAIN') {
          sleepMs(5);
          continue;
        }
        if (code === 'EOF') break; // Windows: a closed pipe
        throw new CliError(cliMessage.unreadable('tickets', path ?? '-', (error as Error).message));
      }
      if (bytesRead === 0) break;
      const batch = splitter.push(buffer.subarray(0, bytesRead));
      if (batch.lines.length > 0) yield batch;
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  const last = splitter.end();
  if (last.lines.length > 0) yield last;
}
