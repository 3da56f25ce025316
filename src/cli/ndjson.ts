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
 * Cuts chunks of bytes into batches of whole lines without looking inside them: it only finds
 * newlines and decodes each batch once (splitting bytes at `\n` is safe for UTF-8: no multi-byte
 * sequence contains 0x0a), so memory holds one chunk and the line being read, never the input.
 * `compute --workers N` sends the batches to workers as they are; the other readers split them
 * with `linesOf`. Lines longer than `maxBytes` (not counting their `\r\n`) are dropped and
 * marked in `tooLong`.
 */
export class BatchSplitter {
  private pieces: Buffer[] = [];
  private pendingBytes = 0;
  private skipping = false;
  private nextLine = 1;
  private parts: string[] = [];
  private partLines = 0;
  private tooLong: number[] = [];

  /** `maxBytes`: longer lines become `lineTooLong` (a parameter for tests). */
  constructor(
    private readonly linesPerBatch: number,
    private readonly maxBytes = maxLineBytes,
  ) {}

  /** Adds a chunk; batches it completes (`linesPerBatch` lines each) go to `out`. */
  push(chunk: Buffer, out: TextBatch[]): void {
    let index = 0;
    if (this.pieces.length > 0 || this.skipping) {
      const newlineIndex = chunk.indexOf(newline);
      if (newlineIndex < 0) {
        this.keep(chunk, true);
        return;
      }
      this.keep(chunk.subarray(0, newlineIndex + 1), false);
      this.finishPending(out);
      index = newlineIndex + 1;
    }
    // Whole lines inside the chunk: cut every `linesPerBatch` lines, decode each cut once.
    let cutStart = index;
    for (;;) {
      const newlineIndex = chunk.indexOf(newline, index);
      if (newlineIndex < 0) break;
      let endIndex = newlineIndex;
      if (endIndex > index && chunk[endIndex - 1] === carriageReturn) endIndex--;
      if (endIndex - index > this.maxBytes) {
        if (index > cutStart) this.parts.push(chunk.toString('utf8', cutStart, index));
        this.tooLong.push(this.partLines);
        this.parts.push('\n');
        cutStart = newlineIndex + 1;
      }
      index = newlineIndex + 1;
      if (++this.partLines === this.linesPerBatch) {
        if (index > cutStart) this.parts.push(chunk.toString('utf8', cutStart, index));
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
      this.keep(Buffer.from('\n'), false);
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

  /** Keeps part of an unfinished line; `copy` when the reader may reuse the chunk's buffer. */
  private keep(part: Buffer, copy: boolean): void {
    if (this.skipping) return;
    this.pendingBytes += part.length;
    // Past the limit even with a CRLF to come off: drop its bytes until its newline.
    if (this.pendingBytes > this.maxBytes + 2) {
      this.skipping = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(copy ? Buffer.from(part) : part);
  }

  /** A line that spanned chunks is complete (its pieces end with its newline). */
  private finishPending(out: TextBatch[]): void {
    const whole = this.skipping ? null : Buffer.concat(this.pieces, this.pendingBytes);
    let length = whole === null ? 0 : whole.length - 1;
    if (whole !== null && length > 0 && whole[length - 1] === carriageReturn) length--;
    if (whole === null || length > this.maxBytes) {
      this.tooLong.push(this.partLines);
      this.parts.push('\n');
    } else {
      this.parts.push(whole.toString('utf8'));
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

/** A batch's lines, numbered, for the readers that work line by line. */
export function lineBatchOf(batch: TextBatch): LineBatch {
  return { firstLine: batch.firstLine, lines: linesOf(batch) };
}

/**
 * The input in batches of whole lines, read asynchronously, for `compute --workers N`.
 */
export async function* readTextBatches(
  path: InputPath,
  linesPerBatch: number,
): AsyncGenerator<TextBatch, void, undefined> {
  if (isStdin(path)) noteTerminalStdin();
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

let notedStdin = false;

/**
 * Says on stderr, once, that tickets are read from stdin, when stdin is a terminal: a command run
 * without a tickets file would otherwise wait for typing in silence, looking hung.
 */
function noteTerminalStdin(): void {
  if (process.stdin.isTTY !== true || notedStdin) return;
  notedStdin = true;
  process.stderr.write(`${cliMessage.readingStdin()}\n`);
}

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
  if (isStdin(path)) noteTerminalStdin();
  const stream: Readable = isStdin(path)
    ? process.stdin
    : createReadStream('', { fd: openInputFile(path), highWaterMark: chunkBytes });
  const splitter = new BatchSplitter(Number.POSITIVE_INFINITY);
  const out: TextBatch[] = [];
  try {
    for await (const chunk of stream) {
      splitter.push(chunk as Buffer, out);
      splitter.flush(out);
      yield* out.map(lineBatchOf);
      out.length = 0;
    }
  } catch (error) {
    throw new CliError(cliMessage.unreadable('tickets', path ?? '-', (error as Error).message));
  } finally {
    // Stopping early (explain found its ticket, stdout closed): release stdin or the file.
    if (isStdin(path)) process.stdin.pause();
    else stream.destroy();
  }
  splitter.end(out);
  yield* out.map(lineBatchOf);
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
  if (isStdin(path)) noteTerminalStdin();
  const fd = isStdin(path) ? 0 : openInputFile(path);
  const buffer = Buffer.allocUnsafe(chunkBytes);
  const splitter = new BatchSplitter(Number.POSITIVE_INFINITY);
  const out: TextBatch[] = [];
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
      splitter.push(buffer.subarray(0, bytesRead), out);
      splitter.flush(out);
      yield* out.map(lineBatchOf);
      out.length = 0;
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  splitter.end(out);
  yield* out.map(lineBatchOf);
}
