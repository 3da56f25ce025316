/**
 * Lines become tickets (docs/cli.md, "Input: two line shapes"). A line is a ticket `{ id, events }`
 * when it has an `events` key, and an event of the ticket its `ticket` field names otherwise;
 * consecutive event lines with the same `ticket` (a string or a safe integer, compared strictly:
 * `1` and `"1"` are two tickets) form one ticket, so only the ticket being read is held in memory.
 */
import type { TicketId } from '../index.js';
import type { LineProblem } from './evaluate.js';
import { describeJson, lineCode, lineMessage } from './messages.js';
import { type LineBatch, lineTooLong, maxLineBytes } from './ndjson.js';

/** One ticket per line; `text` is the line itself, for a worker to parse again. */
export interface TicketLine {
  readonly kind: 'ticket';
  readonly line: number;
  readonly ticket: object;
  readonly text: string;
}

/**
 * A ticket made of event lines: `events[i]` was line `lines[i]`, its text `texts[i]`. Events
 * classified by a worker arrive unparsed (`events` is null): the texts are parsed when computed.
 */
export interface EventLines {
  readonly kind: 'events';
  readonly line: number;
  readonly id: TicketId;
  readonly events: readonly object[] | null;
  readonly texts: readonly string[];
  readonly lines: readonly number[];
}

/** A line that is no ticket at all, reported as `line N: message`. */
export interface LineError {
  readonly kind: 'error';
  readonly line: number;
  /** What is wrong, for `--errors inline` and the service (`invalid_json`, `invalid_instant`, ...). */
  readonly code: string;
  readonly message: string;
}

/**
 * A ticket line a worker has already computed: its output (the worker's UTF-8 bytes, as they
 * arrived) and problems, kept in input order.
 */
export interface ComputedLine {
  readonly kind: 'computed';
  readonly line: number;
  readonly stdout: string | Uint8Array;
  readonly problems: readonly LineProblem[];
  readonly computed: number;
}

export type InputItem = TicketLine | EventLines | LineError | ComputedLine;

/**
 * A line as a worker classified it (`compute --workers N`): a ticket it computed, an event line
 * of a ticket (grouped by the main thread, which alone sees lines in order), or an error.
 */
export type ClassifiedLine =
  | ComputedLine
  | { readonly kind: 'event'; readonly line: number; readonly id: TicketId; readonly text: string }
  | LineError;

interface OpenGroup {
  readonly id: TicketId;
  /** Null when the lines came classified by a worker, unparsed. */
  events: object[] | null;
  readonly texts: string[];
  readonly lines: number[];
  /** A line between two of this ticket's lines that could not be read. */
  brokenBy: number | null;
}

/** The first and last line of a finished event-line ticket. */
type LineSpan = readonly [first: number, last: number];

/**
 * Groups lines into tickets, keeping input order. Push lines with `push`, then call `end`; each
 * call appends the items it completed to `out`.
 */
export class TicketAssembler {
  private group: OpenGroup | null = null;
  /** A line that could not be read since the open group's last line. */
  private unreadLine: number | null = null;
  // Ids of finished event-line tickets, to report one that reappears. This is the one thing that
  // grows with the input: an id and two line numbers per event-line ticket, never its events.
  // Map keys compare like `===`: the ids 1 and "1" are two tickets.
  private readonly finished = new Map<TicketId, LineSpan>();

  pushBatch(batch: LineBatch, out: InputItem[]): void {
    for (let i = 0; i < batch.lines.length; i++) this.push(batch.firstLine + i, batch.lines[i]!, out);
  }

  /** Takes a line a worker has classified (blank lines never come: the worker drops them). */
  accept(classified: ClassifiedLine, out: InputItem[]): void {
    if (classified.kind === 'error') {
      out.push(classified);
      if (this.group !== null) this.unreadLine ??= classified.line;
    } else if (classified.kind === 'computed') {
      this.close(out);
      out.push(classified);
    } else {
      this.pushEvent(classified.line, classified.text, classified.id, null, out);
    }
  }

  push(line: number, text: string | typeof lineTooLong, out: InputItem[]): void {
    if (text !== lineTooLong && isBlank(text)) return;
    const read = readLine(text);
    if (read.kind === 'error') {
      out.push({ kind: 'error', line, code: read.code, message: read.message });
      if (this.group !== null) this.unreadLine ??= line;
    } else if (read.kind === 'ticket') {
      this.close(out);
      out.push({ kind: 'ticket', line, ticket: read.value, text: text as string });
    } else {
      this.pushEvent(line, text as string, read.id, read.value, out);
    }
  }

  private pushEvent(line: number, text: string, id: TicketId, event: object | null, out: InputItem[]): void {
    if (this.group?.id !== id) {
      this.close(out);
      const span = this.finished.get(id);
      if (span !== undefined) {
        out.push({
          kind: 'error',
          line,
          code: lineCode.reappears,
          message: lineMessage.reappears(id, span[0], span[1]),
        });
        return;
      }
      this.group = { id, events: event === null ? null : [], texts: [], lines: [], brokenBy: null };
    } else if (this.unreadLine !== null) {
      // The unreadable line sits between two lines of this ticket: it was probably one of its
      // events, so computing the others could give a wrong answer.
      this.group.brokenBy ??= this.unreadLine;
    }
    this.unreadLine = null;
    if (event !== null) this.group.events?.push(event);
    this.group.texts.push(text);
    this.group.lines.push(line);
  }

  /** The input ended: the last event-line ticket is complete. */
  end(out: InputItem[]): void {
    this.close(out);
  }

  private close(out: InputItem[]): void {
    const group = this.group;
    this.unreadLine = null;
    if (group === null) return;
    this.group = null;
    const first = group.lines[0]!;
    this.finished.set(group.id, [first, group.lines.at(-1)!]);
    if (group.brokenBy !== null) {
      out.push({
        kind: 'error',
        line: first,
        code: lineCode.brokenTicket,
        message: lineMessage.brokenTicket(group.id, group.brokenBy),
      });
      return;
    }
    out.push({
      kind: 'events',
      line: first,
      id: group.id,
      events: group.events,
      texts: group.texts,
      lines: group.lines,
    });
  }
}

/** The ticket an item stands for, as `computeSlaState` takes it (event texts parsed if need be). */
export function ticketOf(item: TicketLine | EventLines): object {
  return item.kind === 'ticket'
    ? item.ticket
    : { id: item.id, events: item.events ?? item.texts.map((text) => JSON.parse(text) as object) };
}

/** What one line is: a ticket, an event of the ticket it names, or an error. */
export type ReadLine =
  | { readonly kind: 'ticket'; readonly value: object }
  | { readonly kind: 'event'; readonly value: object; readonly id: TicketId }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

export function readLine(text: string | typeof lineTooLong): ReadLine {
  if (text === lineTooLong)
    return { kind: 'error', code: lineCode.tooLong, message: lineMessage.tooLong(maxLineBytes) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      kind: 'error',
      code: lineCode.invalidJson,
      message: lineMessage.invalidJson((error as Error).message),
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'error', code: lineCode.notTicket, message: lineMessage.notObject(describeJson(value)) };
  }
  if (Object.hasOwn(value, 'events')) return { kind: 'ticket', value };
  if (!Object.hasOwn(value, 'ticket'))
    return { kind: 'error', code: lineCode.notTicket, message: lineMessage.notTicketOrEvent() };
  const id = (value as { ticket: unknown }).ticket;
  if (typeof id !== 'string' && !Number.isSafeInteger(id))
    return { kind: 'error', code: lineCode.ticketField, message: lineMessage.ticketField(describeJson(id)) };
  return { kind: 'event', value, id: id as TicketId };
}

export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d) return false;
  }
  return true;
}
