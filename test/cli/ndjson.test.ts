import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BatchSplitter, linesOf, lineTooLong, type TextBatch } from '../../src/cli/ndjson.js';

/**
 * Feeds `bytes` to a splitter in chunks cut at `cuts`, flushing after each chunk as the readers
 * do (or every `perBatch` lines), and returns every numbered line; checks the batches' numbering.
 */
function split(
  bytes: Buffer,
  cuts: readonly number[],
  maxBytes?: number,
  perBatch = Number.POSITIVE_INFINITY,
): [number, string | symbol][] {
  const splitter = new BatchSplitter(perBatch, maxBytes);
  const batches: TextBatch[] = [];
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    splitter.push(bytes.subarray(start, cut), batches);
    if (perBatch === Number.POSITIVE_INFINITY) splitter.flush(batches);
    start = cut;
  }
  splitter.push(bytes.subarray(start), batches);
  splitter.end(batches);
  let next = 1;
  for (const batch of batches) {
    expect(batch.firstLine).toBe(next);
    expect(batch.lineCount).toBeLessThanOrEqual(perBatch);
    next += batch.lineCount;
  }
  return batches.flatMap((batch) =>
    linesOf(batch).map((line, i): [number, string | symbol] => [batch.firstLine + i, line]),
  );
}

describe('BatchSplitter and linesOf', () => {
  test('gives the same numbered lines however the input is cut into chunks (LF, CRLF, UTF-8, no final newline)', () => {
    const content = fc.string({ unit: 'grapheme', maxLength: 20 }).map((text) => text.replace(/[\r\n]/g, ''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(content, fc.constantFrom('\n', '\r\n', '')), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (parts, cutSeeds) => {
          const text = parts.map(([line, end]) => line + end).join('');
          // The reference: split on LF, drop one CR before each LF, no line after a final LF.
          const expected = text === '' ? [] : text.split('\n').map((line) => line.replace(/\r$/, ''));
          if (text.endsWith('\n')) expected.pop();
          const bytes = Buffer.from(text, 'utf8');
          const cuts = cutSeeds.map((seed) => seed % (bytes.length + 1));
          expect(split(bytes, cuts)).toEqual(expected.map((line, i) => [i + 1, line]));
        },
      ),
    );
  });

  test('a CR and its LF in two different chunks still end one line', () => {
    expect(split(Buffer.from('a\r\nb\r\n'), [2, 3])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  test('a line spanning many chunks is decoded whole, multi-byte characters included', () => {
    const text = `${'€'.repeat(10_000)}\nnext\n`;
    const bytes = Buffer.from(text);
    const cuts = Array.from({ length: 100 }, (_, i) => i * 301 + 1); // cuts inside 3-byte characters
    expect(split(bytes, cuts)).toEqual([
      [1, '€'.repeat(10_000)],
      [2, 'next'],
    ]);
  });

  test('a byte-order mark before the first line is dropped', () => {
    expect(split(Buffer.from('\uFEFF{"a":1}\n'), [1])).toEqual([[1, '{"a":1}']]);
  });

  test('a line longer than the limit becomes lineTooLong, and the lines after it are read as usual', () => {
    const bytes = Buffer.from(`short\n${'x'.repeat(100)}\n${'y'.repeat(100)}\nlast`);
    expect(split(bytes, [10, 50, 90, 130], 64)).toEqual([
      [1, 'short'],
      [2, lineTooLong],
      [3, lineTooLong],
      [4, 'last'],
    ]);
    expect(split(bytes, [], 64)).toEqual([
      [1, 'short'],
      [2, lineTooLong],
      [3, lineTooLong],
      [4, 'last'],
    ]);
  });
});

describe('BatchSplitter (compute --workers N): whole lines in batches, for workers to split', () => {
  test('batches of at most N lines give the same numbered lines, however the input is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 40 }).map((text) => text.replace(/[\r\n]/g, ' ')),
            fc.constant(''),
          ),
          { maxLength: 30 },
        ),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        (lines, crlf, trailingNewline, cutSeeds, perBatch) => {
          const text = lines.join(crlf ? '\r\n' : '\n') + (trailingNewline ? '\n' : '');
          const expected = text === '' ? [] : text.split('\n').map((line) => line.replace(/\r$/, ''));
          if (text.endsWith('\n')) expected.pop();
          const bytes = Buffer.from(text);
          const cuts = cutSeeds.map((seed) => seed % (bytes.length + 1));
          expect(split(bytes, cuts, undefined, perBatch)).toEqual(expected.map((line, i) => [i + 1, line]));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a line longer than the limit becomes lineTooLong, and the lines after it keep their numbers', () => {
    const splitter = new BatchSplitter(10, 8);
    const batches: TextBatch[] = [];
    splitter.push(Buffer.from('{"a":1}\n0123456789abc'), batches);
    splitter.push(Buffer.from('def\n{"b":2}\n'), batches);
    splitter.end(batches);
    expect(batches.flatMap((batch) => linesOf(batch))).toEqual(['{"a":1}', lineTooLong, '{"b":2}']);
  });
});
