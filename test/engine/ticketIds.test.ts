/**
 * Ticket ids as backends store them (docs/policy.md, "The event log"): a string or a safe integer,
 * reported as given, so that `1` and `"1"` stay two tickets everywhere downstream.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compilePolicy,
  computeSlaState,
  computeSlaStates,
  isSlaValidationError,
  serializeSlaState,
  summarizeSla,
  type Ticket,
} from '../../src/index.js';

const policy = compilePolicy({ metrics: { reply: { kind: 'first_response', goals: [{ target: '1h' }] } } });
const now = '2026-03-02T12:00:00Z';
const ticket = (id: string | number): Ticket => ({
  id,
  events: [{ type: 'created', at: '2026-03-02T10:00:00Z', attributes: { status: 'new' } }],
});

describe('ticket ids', () => {
  test('any string or safe integer id is reported as given, through serializeSlaState and JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.maxSafeInteger(), fc.integer()), (id) => {
        const state = computeSlaState(ticket(id), policy, { now });
        expect(state.ticketId).toBe(id);
        const serialized = serializeSlaState(state);
        expect(serialized.ticketId).toBe(id);
        expect(JSON.parse(JSON.stringify(serialized)).ticketId).toBe(id);
      }),
    );
  });

  test('integers past 2^53, fractions and other types are refused naming the id', () => {
    for (const id of [
      2 ** 53,
      -(2 ** 53),
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      true,
      null,
      ['T-1'],
      { id: 1 },
    ]) {
      let caught: unknown;
      try {
        computeSlaState(ticket(id as never), policy, { now });
      } catch (error) {
        caught = error;
      }
      expect(isSlaValidationError(caught), String(id)).toBe(true);
      if (!isSlaValidationError(caught)) continue;
      expect(caught.issues[0]).toMatchObject({ code: 'invalid_type', path: ['id'] });
      expect(caught.issues[0]?.message).toMatch(/^ticket\.id: expected a string or a safe integer id, got /);
    }
  });

  test('a ticket without an id, or a bare array of events, has ticketId null', () => {
    expect(computeSlaState({ events: ticket(1).events } as Ticket, policy, { now }).ticketId).toBeNull();
    expect(computeSlaState(ticket(1).events, policy, { now }).ticketId).toBeNull();
  });

  test('1 and "1" are two tickets: two states, and two groups when grouped by id', () => {
    const states = [...computeSlaStates([ticket(1), ticket('1')], policy, { now })];
    expect(states.map((state) => state.ticketId)).toEqual([1, '1']);
    const summary = summarizeSla(states, { groupBy: (state) => state.ticketId });
    expect(summary.groups.map((group) => group.key)).toEqual([1, '1']);
  });
});
