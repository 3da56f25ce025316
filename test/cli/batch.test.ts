/**
 * Computing a batch (src/cli/batch.ts), the unit of work of `compute` in the main thread and in
 * workers: a state too long to write is that ticket's problem, not the end of the run.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { computeItems, plainOutput } from '../../src/cli/batch.js';
import type { InputItem } from '../../src/cli/tickets.js';
import { compilePolicy, computeSlaState, serializeSlaState, type Ticket } from '../../src/index.js';

const policy = compilePolicy({ metrics: { resolution: { kind: 'resolution', goals: [{ target: '8h' }] } } });
const nowMs = Date.parse('2026-03-04T00:00:00Z');
const ticket = (id: string): Ticket => ({
  id,
  events: [{ type: 'created', at: '2026-03-02T14:00:00Z', attributes: { status: 'new' } }],
});
const item = (line: number, id: string): InputItem => ({
  kind: 'ticket',
  line,
  ticket: ticket(id),
  text: JSON.stringify(ticket(id)),
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('computeItems', () => {
  test('a state whose JSON is longer than a string can be is reported on its line; the others are written', () => {
    const join = Array.prototype.join;
    // What V8 throws past 2^29 - 24 characters; a real one needs a state of over 512 MiB. The
    // state's text is joined from its parts at the end (src/engine/stateJson.ts): fail there.
    vi.spyOn(Array.prototype, 'join').mockImplementation(function (this: unknown[], separator?: string) {
      if (typeof this[0] === 'string' && this[0].startsWith('{"ticketId":"HUGE"')) {
        throw new RangeError('Invalid string length');
      }
      return join.call(this, separator);
    });
    const result = computeItems(
      [item(1, 'A'), item(2, 'HUGE'), item(3, 'B')],
      policy,
      { now: nowMs },
      plainOutput,
    );
    vi.restoreAllMocks();
    const line = (id: string) =>
      `${JSON.stringify(serializeSlaState(computeSlaState(ticket(id), policy, { now: nowMs })))}\n`;
    expect(result.stdout.join('')).toBe(line('A') + line('B'));
    expect(result.problems).toEqual([
      {
        line: 2,
        code: 'state_too_long',
        message:
          "ticket not written: its state's JSON would be longer than the longest string Node can hold (about 512 MiB)",
      },
    ]);
    expect(result.computed).toBe(2);
  });
});
