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
