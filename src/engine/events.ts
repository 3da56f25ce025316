/**
 * The event log at the edge (docs/policy.md, "The event log"): a fast hand-written validator
 * that turns a ticket into a time-ordered array of compact events, checking each field once.
 */
import { fail, type SlaPath } from '../errors.js';
import * as expected from '../expected.js';
import { expectedFound, expectedGot } from '../messages.js';
import type { Scalar } from '../policy/condition.js';
import { type Instant, instantMsOrNaN, isInstantInRange, toInstantMs } from '../time/instant.js';

/** Attribute values as events carry them; `null` removes the attribute. */
export type Attributes = Readonly<Record<string, Scalar>>;

/** One immutable entry of a ticket's log. */
export type TicketEvent =
  | { readonly type: 'created'; readonly at: Instant; readonly attributes?: Attributes }
  | { readonly type: 'updated'; readonly at: Instant; readonly attributes: Attributes }
  | {
      readonly type: 'message';
      readonly at: Instant;
      readonly author: 'customer' | 'agent' | 'system';
      /** Default true; an agent message with `public: false` is an internal note and answers nothing. */
      readonly public?: boolean;
      readonly attributes?: Attributes;
    };

/**
 * A ticket id as backends store them: a string, or a safe integer (a database's serial key).
 * It is reported as given: `1` and `"1"` are two different ids.
 */
export type TicketId = string | number;

/** A ticket: its id and its event log. */
export interface Ticket {
  readonly id: TicketId;
  readonly events: readonly TicketEvent[];
}

/** What an event means to the clocks. */
export const EventKind = {
  Created: 0,
  Updated: 1,
  CustomerMessage: 2,
  /** A public agent message: it answers the customer. */
  AgentMessage: 3,
  /** An internal note or a system message: attributes only. */
  Silent: 4,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** A validated event: its instant, meaning, and attribute changes as flat `[key, value, ...]`. */
export interface LogEvent {
  readonly atMs: number;
  readonly kind: EventKind;
  readonly changes: readonly (string | Scalar)[] | null;
}

/** A validated ticket: its id and its events in application order (`created` first). */
export interface Log {
  readonly ticketId: TicketId | null;
  readonly events: readonly LogEvent[];
}

/** A path into the log, built only when there is an error to report. */
function pathOf(base: SlaPath, index: number, ...rest: (string | number)[]): SlaPath {
  // -1: one event on its own, whose path starts at the event.
  return index < 0 ? [...base, ...rest] : [...base, index, ...rest];
}

function readChanges(value: unknown, root: string, base: SlaPath, index: number): (string | Scalar)[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const path = pathOf(base, index, 'attributes');
    fail('invalid_type', path, expectedGot(root, path, expected.attributes, value));
  }
  const changes: (string | Scalar)[] = [];
  // Own keys only: "__proto__" or "constructor" from JSON are ordinary attribute names.
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (
      item === null ||
      typeof item === 'string' ||
      typeof item === 'boolean' ||
      (typeof item === 'number' && Number.isFinite(item))
    ) {
      changes.push(key, item);
    } else {
      const path = pathOf(base, index, 'attributes', key);
      fail('invalid_type', path, expectedGot(root, path, expected.attributeValue, item));
    }
  }
  return changes;
}

function readEvent(value: unknown, root: string, base: SlaPath, index: number): LogEvent {
  if (value === null || typeof value !== 'object') {
    const path = pathOf(base, index);
    fail('invalid_type', path, expectedGot(root, path, expected.event, value));
  }
  const event = value as Record<string, unknown>;
  const atMs = instantMsOrNaN(event.at);
  // toInstantMs throws the right error, with the path built only now.
  if (!isInstantInRange(atMs)) toInstantMs(event.at, root, pathOf(base, index, 'at'));
  const attributes = event.attributes;
  let kind: EventKind;
  switch (event.type) {
    case 'created':
      kind = EventKind.Created;
      break;
    case 'updated':
      if (attributes === undefined) {
        const path = pathOf(base, index, 'attributes');
        fail('invalid_type', path, expectedGot(root, path, expected.attributes, attributes));
      }
      kind = EventKind.Updated;
      break;
    case 'message': {
      const isPublic = event.public;
      if (isPublic !== undefined && typeof isPublic !== 'boolean') {
        const path = pathOf(base, index, 'public');
        fail('invalid_type', path, expectedGot(root, path, expected.publicFlag, isPublic));
      }
      if (event.author === 'customer') kind = EventKind.CustomerMessage;
      else if (event.author === 'agent')
        kind = isPublic === false ? EventKind.Silent : EventKind.AgentMessage;
      else if (event.author === 'system') kind = EventKind.Silent;
      else {
        const path = pathOf(base, index, 'author');
        fail('invalid_value', path, expectedGot(root, path, expected.author, event.author));
      }
      break;
    }
    default: {
      const path = pathOf(base, index, 'type');
      fail('invalid_value', path, expectedGot(root, path, expected.eventType, event.type));
    }
  }
  const changes = attributes === undefined ? null : readChanges(attributes, root, base, index);
  return { atMs, kind, changes };
}

/**
 * Validates a ticket (or a bare array of events) and orders its log: `created` first, then the
 * other events by time, keeping log order for equal instants (a sort only when needed).
 * Unknown keys on tickets and events are ignored.
 */
export function readLog(ticket: unknown): Log {
  let ticketId: TicketId | null = null;
  let rawEvents: unknown;
  let root: string;
  let base: SlaPath;
  if (Array.isArray(ticket)) {
    rawEvents = ticket;
    root = 'events';
    base = [];
  } else if (ticket !== null && typeof ticket === 'object') {
    const { id, events } = ticket as { id?: unknown; events?: unknown };
    // Integers past 2^53 are refused: JSON readers in other languages would round them to
    // another ticket's id.
    if (id !== undefined && typeof id !== 'string' && !Number.isSafeInteger(id))
      fail('invalid_type', ['id'], expectedGot('ticket', ['id'], expected.ticketId, id));
    ticketId = (id as TicketId | undefined) ?? null;
    rawEvents = events;
    root = 'ticket';
    base = ['events'];
    if (!Array.isArray(rawEvents))
      fail('invalid_type', base, expectedGot(root, base, expected.events, rawEvents));
  } else {
    fail('invalid_type', [], expectedGot('ticket', [], expected.ticket, ticket));
  }

  const list = rawEvents as readonly unknown[];
  const events: LogEvent[] = [];
  const logIndexes: number[] = [];
  let created: LogEvent | undefined;
  let sorted = true;
  let previousMs = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < list.length; i++) {
    const event = readEvent(list[i], root, base, i);
    if (event.kind === EventKind.Created) {
      if (created !== undefined) {
        const path = pathOf(base, i, 'type');
        fail('invalid_value', path, expectedGot(root, path, expected.oneCreated, 'created'));
      }
      created = event;
      continue;
    }
    if (event.atMs < previousMs) sorted = false;
    previousMs = event.atMs;
    events.push(event);
    logIndexes.push(i);
  }
  if (created === undefined)
    fail('invalid_value', base, expectedFound(root, base, expected.oneCreated, 'none'));
  for (let j = 0; j < events.length; j++) {
    // The first event, in log order, that happens before `created`.
    if ((events[j] as LogEvent).atMs < created.atMs) {
      const i = logIndexes[j] as number;
      const path = pathOf(base, i, 'at');
      fail(
        'invalid_value',
        path,
        expectedGot(root, path, expected.createdFirst, (list[i] as { at: unknown }).at),
      );
    }
  }
  if (!sorted) events.sort((a, b) => a.atMs - b.atMs); // stable: equal instants keep log order
  events.unshift(created);
  return { ticketId, events };
}

/**
 * Validates one event on its own, as the incremental tracker receives them (paths such as
 * `event.at`); throws `SlaValidationError` before anything is applied.
 */
export function readOneEvent(value: unknown): LogEvent {
  return readEvent(value, 'event', [], -1);
}
