import { describe, expect, test } from 'vitest';
import { compilePolicy, computeSlaState, isSlaValidationError, type SlaIssue } from '../../src/index.js';
import { created, update } from './fixtures.js';

const policy = compilePolicy({ metrics: { resolution: { kind: 'resolution', goals: [{ target: '1h' }] } } });
const now = { now: '2026-03-02T12:00:00Z' };

function issuesOf(ticket: unknown, options: unknown = now): SlaIssue[] {
  try {
    computeSlaState(ticket as never, policy, options as never);
  } catch (error) {
    if (isSlaValidationError(error)) return [...error.issues];
    throw error;
  }
  throw new Error('expected the ticket to be refused');
}

describe('the event log is validated at the edge, each problem with its path', () => {
  test.each([
    [
      'an instant without an offset',
      { id: 'T-1', events: [{ type: 'created', at: '2026-03-02T10:00:00' }] },
      'invalid_instant',
      ['events', 0, 'at'],
      'ticket.events[0].at: expected an instant: an integer epoch-ms number, a valid Date, or an RFC 3339 string with an offset such as "2026-03-02T09:00:00Z", got "2026-03-02T10:00:00"',
    ],
    [
      'an unknown event type',
      {
        id: 'T-1',
        events: [created('2026-03-02T10:00:00Z'), { type: 'commented', at: '2026-03-02T10:00:00Z' }],
      },
      'invalid_value',
      ['events', 1, 'type'],
      'ticket.events[1].type: expected "created", "updated" or "message", got "commented"',
    ],
    [
      'a message without a known author',
      [created('2026-03-02T10:00:00Z'), { type: 'message', at: '2026-03-02T10:00:00Z', author: 'bot' }],
      'invalid_value',
      [1, 'author'],
      'events[1].author: expected "customer", "agent" or "system", got "bot"',
    ],
    [
      'an update without attributes',
      [created('2026-03-02T10:00:00Z'), { type: 'updated', at: '2026-03-02T10:00:00Z' }],
      'invalid_type',
      [1, 'attributes'],
      undefined,
    ],
    [
      'an attribute value that is an object',
      [created('2026-03-02T10:00:00Z', { status: 'new', tags: ['a'] } as never)],
      'invalid_type',
      [0, 'attributes', 'tags'],
      'events[0].attributes.tags: expected a string, a finite number, a boolean or null, got ["a"]',
    ],
    [
      'two created events',
      [created('2026-03-02T10:00:00Z'), created('2026-03-02T11:00:00Z')],
      'invalid_value',
      [1, 'type'],
      'events[1].type: expected exactly one "created" event, got "created"',
    ],
    [
      'no created event',
      [update('2026-03-02T10:00:00Z', { status: 'open' })],
      'invalid_value',
      [],
      undefined,
    ],
    [
      'an event before created',
      [created('2026-03-02T10:00:00Z'), update('2026-03-02T09:59:59Z', { status: 'open' })],
      'invalid_value',
      [1, 'at'],
      'events[1].at: expected an instant at or after the "created" event, got "2026-03-02T09:59:59Z"',
    ],
    [
      'a non-boolean public flag',
      [
        created('2026-03-02T10:00:00Z'),
        { type: 'message', at: '2026-03-02T10:00:00Z', author: 'agent', public: 'no' },
      ],
      'invalid_type',
      [1, 'public'],
      undefined,
    ],
    [
      'an id that is not a safe integer',
      { id: 2 ** 53, events: [] },
      'invalid_type',
      ['id'],
      'ticket.id: expected a string or a safe integer id, got 9007199254740992',
    ],
    [
      'a fractional id',
      { id: 1.5, events: [] },
      'invalid_type',
      ['id'],
      'ticket.id: expected a string or a safe integer id, got 1.5',
    ],
    ['events that are not an array', { id: 'T-1', events: {} }, 'invalid_type', ['events'], undefined],
    [
      'a ticket that is a string',
      'T-1',
      'invalid_type',
      [],
      'ticket: expected a ticket { id, events } or an array of events, got "T-1"',
    ],
  ])('%s', (_name, ticket, code, path, message) => {
    const [issue] = issuesOf(ticket);
    expect(issue?.code).toBe(code);
    expect(issue?.path).toEqual(path);
    if (message !== undefined) expect(issue?.message).toBe(message);
  });

  test('events after now are validated too', () => {
    const [issue] = issuesOf([
      created('2026-03-02T10:00:00Z'),
      update('2026-03-09T10:00:00Z', { status: { bad: 1 } } as never),
    ]);
    expect(issue?.path).toEqual([1, 'attributes', 'status']);
  });

  test('options: now is required and validated like any instant', () => {
    expect(issuesOf([created('2026-03-02T10:00:00Z')], {})[0]?.message).toContain(
      'options.now: expected an instant',
    );
    expect(issuesOf([created('2026-03-02T10:00:00Z')], null)[0]?.message).toBe(
      'options: expected options { now }, got null',
    );
  });

  test('unknown keys on tickets and events are ignored', () => {
    const state = computeSlaState(
      {
        id: 'T-1',
        channel: 'email',
        events: [{ ...created('2026-03-02T10:00:00Z'), source: 'import' }],
      } as never,
      policy,
      now,
    );
    expect(state.ticketId).toBe('T-1');
  });

  test('instants may be numbers, Dates or RFC 3339 strings, and mean the same', () => {
    const at = Date.parse('2026-03-02T10:00:00Z');
    const forms = [at, new Date(at), '2026-03-02T10:00:00Z', '2026-03-02T11:00:00+01:00'];
    const states = forms.map((form) =>
      computeSlaState([{ type: 'created', at: form }], policy, { now: at + 60_000 }),
    );
    for (const state of states) expect(state).toEqual(states[0]);
  });
});
