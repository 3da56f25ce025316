/**
 * A batch of tickets computed into output text: the unit of work of `compute`, in the main thread
 * (`--workers 1`) or in a worker. Both paths run `evaluate` and `JSON.stringify` on equal values,
 * so their output is byte for byte the same.
 */
import { slaStateJson } from '../engine/stateJson.js';
import type { ComputeOptions, Policy, SlaState } from '../index.js';
import { evaluate, type LineProblem } from './evaluate.js';
import { lineCode, lineMessage } from './messages.js';
import { linesOf, lineTooLong, type TextBatch } from './ndjson.js';
import {
  type ClassifiedLine,
  type ComputedLine,
  type EventLines,
  type InputItem,
  isBlank,
  readLine,
  type TicketLine,
  ticketOf,
} from './tickets.js';

/**
 * What a batch produced: NDJSON for stdout (each line ending in `\n`, as text or as the bytes a
 * worker encoded) and problems for stderr.
 */
export interface BatchResult {
  readonly stdout: readonly (string | Uint8Array)[];
  readonly problems: readonly LineProblem[];
  readonly computed: number;
}

/**
 * How a run writes its lines (the co-process flags of `compute`, the query of `/v1/states`):
 * fixed for a CLI run, per request in the service.
 */
export interface LineOutput {
  /** `--now live`: each ticket is computed at the clock's time when its turn comes, not at `at.now`. */
  readonly liveNow: boolean;
  /** `--cycles latest`: each metric without its `cycles` array. */
  readonly latestOnly: boolean;
  /**
   * `--errors inline`: each bad line (or ticket) gets one output line in its place,
   * `{"error":{"line","code","message"}}`, instead of a `line N: ...` on stderr, so a caller that
   * writes a line and reads a line never waits forever.
   */
  readonly inlineErrors: boolean;
}

/** `compute` without the co-process flags. */
export const plainOutput: LineOutput = { liveNow: false, latestOnly: false, inlineErrors: false };

/** Computes one ticket (or event-line ticket) into its output line or its problems. */
function computeOne(
  item: TicketLine | EventLines,
  policy: Policy,
  at: ComputeOptions,
  output: LineOutput,
): BatchResult {
  // The clock is read here, once per ticket, and only with `--now live` (`now=live` elsewhere).
  const atNow = output.liveNow ? { ...at, now: Date.now() } : at;
  const result = evaluate(
    ticketOf(item),
    item.line,
    item.kind === 'events' ? item.lines : null,
    policy,
    atNow,
  );
  if (!result.ok) return failed(result.problems, output);
  const text = stateLine(result.state, output.latestOnly);
  return text === null
    ? failed([{ line: item.line, code: lineCode.stateTooLong, message: lineMessage.stateTooLong() }], output)
    : { stdout: [text], problems: [], computed: 1 };
}

/** A bad line or ticket: its problems, and with inline errors its error line in its place. */
function failed(problems: readonly LineProblem[], output: LineOutput): BatchResult {
  return { stdout: output.inlineErrors ? [errorLine(problems)] : [], problems, computed: 0 };
}

/**
 * The error line of a bad input line or ticket, `{"error":{"line":N,"code":"...","message":"..."}}`
 * and a newline: its first problem, and every problem under `issues` when there are several
 * (a ticket of event lines can have one per line).
 *
 * @example
 * errorLine([{ line: 3, code: 'invalid_json', message: 'invalid JSON: ...' }])
 * //=> '{"error":{"line":3,"code":"invalid_json","message":"invalid JSON: ..."}}\n'
 */
export function errorLine(problems: readonly LineProblem[]): string {
  const first = problems[0] as LineProblem;
  const error: Record<string, unknown> = { line: first.line, code: first.code, message: first.message };
  if (problems.length > 1)
    error.issues = problems.map(({ line, code, message }) => ({ line, code, message }));
  return `${JSON.stringify({ error })}\n`;
}

/**
 * A state as its output line, or null when its JSON is longer than a string can be (2^29 - 24
 * characters in V8). A line well within the size limit can get there when a policy of many metrics
 * gives the ticket thousands of cycles in each (seen: a 12 MB line of reopenings and a policy of 160
 * metrics). That ticket is reported as its line's problem, and the run goes on.
 */
function stateLine(state: SlaState, latestOnly: boolean): string | null {
  try {
    return `${slaStateJson(state, latestOnly)}\n`;
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Computes items in order into one result. */
export function computeItems(
  items: readonly InputItem[],
  policy: Policy,
  at: ComputeOptions,
  output: LineOutput,
): BatchResult {
  const stdout = new Chunks();
  const problems: LineProblem[] = [];
  let computed = 0;
  for (const item of items) {
    if (item.kind === 'error') {
      const problem = { line: item.line, code: item.code, message: item.message };
      problems.push(problem);
      if (output.inlineErrors) stdout.add(errorLine([problem]));
      continue;
    }
    if (item.kind === 'computed') {
      stdout.add(item.stdout);
      problems.push(...item.problems);
      computed += item.computed;
      continue;
    }
    const result = computeOne(item, policy, at, output);
    for (const chunk of result.stdout) stdout.add(chunk);
    problems.push(...result.problems);
    computed += result.computed;
  }
  return { stdout: stdout.list, problems, computed };
}

/** Output pieces, joined as they come: text to text, adjacent slices of one buffer to one slice. */
class Chunks {
  readonly list: (string | Uint8Array)[] = [];

  add(chunk: string | Uint8Array): void {
    if (chunk.length === 0) return;
    const last = this.list.length - 1;
    const previous = this.list[last];
    if (typeof chunk === 'string' && typeof previous === 'string') {
      this.list[last] = previous + chunk;
    } else if (
      typeof chunk !== 'string' &&
      previous instanceof Uint8Array &&
      previous.buffer === chunk.buffer &&
      previous.byteOffset + previous.byteLength === chunk.byteOffset
    ) {
      this.list[last] = new Uint8Array(
        chunk.buffer,
        previous.byteOffset,
        previous.byteLength + chunk.byteLength,
      );
    } else {
      this.list.push(chunk);
    }
  }
}

/** A worker's answer for one batch, as one transferable buffer: a JSON header line, then stdout. */
export type WireBatch = Uint8Array;

/** A classified line as the header describes it: a computed line's output is a byte count. */
type WireLine =
  | Exclude<ClassifiedLine, ComputedLine>
  | {
      readonly kind: 'computed';
      readonly line: number;
      readonly stdout: number;
      readonly problems: readonly LineProblem[];
      readonly computed: number;
    };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Packs a worker's classified lines into one buffer the pool moves to the main thread without a
 * copy: the main thread then writes the outputs' bytes as they are, never decoding or re-encoding
 * them (serialized states are three times the size of the input).
 */
export function packBatch(lines: readonly ClassifiedLine[]): WireBatch {
  let stdout = '';
  const header = lines.map((line): WireLine => {
    if (line.kind !== 'computed') return line;
    const text = line.stdout as string;
    stdout += text;
    return {
      kind: 'computed',
      line: line.line,
      stdout: Buffer.byteLength(text),
      problems: line.problems,
      computed: line.computed,
    };
  });
  return encoder.encode(`${JSON.stringify(header)}\n${stdout}`);
}

/** The classified lines of a packed batch; computed outputs are slices of its buffer. */
export function unpackBatch(packed: WireBatch): ClassifiedLine[] {
  const bytes = packed instanceof Uint8Array ? packed : new Uint8Array(packed);
  const headerEnd = bytes.indexOf(0x0a);
  const header = JSON.parse(decoder.decode(bytes.subarray(0, headerEnd))) as WireLine[];
  let offset = headerEnd + 1;
  return header.map((line): ClassifiedLine => {
    if (line.kind !== 'computed') return line;
    const slice = bytes.subarray(offset, offset + line.stdout);
    offset += line.stdout;
    return {
      kind: 'computed',
      line: line.line,
      stdout: slice,
      problems: line.problems,
      computed: line.computed,
    };
  });
}

/**
 * What a worker does with raw lines: parse and classify each (the main thread never parses in
 * this mode, so it is not the bottleneck), compute every ticket line, and hand event lines back
 * for the main thread to group, since only it sees the input in order.
 */
export function classifyLines(
  job: TextBatch,
  policy: Policy,
  at: ComputeOptions,
  output: LineOutput,
): ClassifiedLine[] {
  const out: ClassifiedLine[] = [];
  const lines = linesOf(job);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string | typeof lineTooLong;
    const line = job.firstLine + i;
    if (text !== lineTooLong && isBlank(text)) continue;
    const read = readLine(text);
    if (read.kind === 'error') out.push({ kind: 'error', line, code: read.code, message: read.message });
    else if (read.kind === 'event') out.push({ kind: 'event', line, id: read.id, text: text as string });
    else {
      const result = computeOne(
        { kind: 'ticket', line, ticket: read.value, text: text as string },
        policy,
        at,
        output,
      );
      out.push({
        kind: 'computed',
        line,
        stdout: result.stdout.join(''),
        problems: result.problems,
        computed: result.computed,
      });
    }
  }
  return out;
}
