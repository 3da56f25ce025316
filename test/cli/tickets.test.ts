import { describe, expect, test } from 'vitest';
import { type InputItem, TicketAssembler } from '../../src/cli/tickets.js';

/** Assembles `lines` (1-based line numbers) and returns the items, minus the raw texts. */
function assemble(lines: readonly string[]): unknown[] {
  const assembler = new TicketAssembler();
  const out: InputItem[] = [];
  for (const [i, text] of lines.entries()) assembler.push(i + 1, text, out);
  assembler.end(out);
  return out.map((item) => {
    if (item.kind === 'ticket') return { kind: item.kind, line: item.line, ticket: item.ticket };
    if (item.kind === 'events') return { kind: item.kind, line: item.line, id: item.id, lines: item.lines };
    return item;
  });
}

const event = (ticket: unknown, at = '2026-03-02T09:00:00Z') =>
  JSON.stringify({ ticket, type: 'created', at });

describe('TicketAssembler', () => {
  test('a line with an "events" key is a ticket, whatever else it holds', () => {
    expect(assemble(['{"id":"A","events":[],"ticket":"B"}', '{"events":"not an array"}'])).toEqual([
      { kind: 'ticket', line: 1, ticket: { id: 'A', events: [], ticket: 'B' } },
      { kind: 'ticket', line: 2, ticket: { events: 'not an array' } },
    ]);
  });

  test('consecutive event lines with the same "ticket" form one ticket, closed by the next ticket or the end', () => {
    expect(assemble([event('A'), event('A'), event('B'), '{"id":"C","events":[]}', event('D')])).toEqual([
      { kind: 'events', line: 1, id: 'A', lines: [1, 2] },
      { kind: 'events', line: 3, id: 'B', lines: [3] },
      { kind: 'ticket', line: 4, ticket: { id: 'C', events: [] } },
      { kind: 'events', line: 5, id: 'D', lines: [5] },
    ]);
  });

  test('blank lines are skipped but counted', () => {
    expect(assemble(['', event('A'), '   ', event('A')])).toEqual([
      { kind: 'events', line: 2, id: 'A', lines: [2, 4] },
    ]);
  });

  test('a ticket id that comes back after another ticket is an error on each line where it does', () => {
    expect(assemble([event('A'), event('B'), event('A'), event('A')])).toEqual([
      { kind: 'events', line: 1, id: 'A', lines: [1] },
      { kind: 'events', line: 2, id: 'B', lines: [2] },
      expect.objectContaining({ kind: 'error', line: 3, message: expect.stringContaining('"A" reappears') }),
      expect.objectContaining({ kind: 'error', line: 4, message: expect.stringContaining('"A" reappears') }),
    ]);
  });

  test('an unreadable line at the boundary of two tickets breaks neither', () => {
    expect(assemble([event('A'), '{oops', event('B')])).toEqual([
      expect.objectContaining({ kind: 'error', line: 2 }),
      { kind: 'events', line: 1, id: 'A', lines: [1] },
      { kind: 'events', line: 3, id: 'B', lines: [3] },
    ]);
  });

  test('JSON that is not an object, or an object that is neither shape, is an error on its line', () => {
    expect(assemble(['42', 'null', '"text"', '{"id":"A"}', event(7.5), event(7)])).toEqual([
      expect.objectContaining({ kind: 'error', line: 1, message: expect.stringMatching(/got 42$/) }),
      expect.objectContaining({ kind: 'error', line: 2, message: expect.stringMatching(/got null$/) }),
      expect.objectContaining({ kind: 'error', line: 3, message: expect.stringMatching(/got "text"$/) }),
      expect.objectContaining({
        kind: 'error',
        line: 4,
        message: expect.stringMatching(/neither "events" nor "ticket"$/),
      }),
      {
        kind: 'error',
        line: 5,
        code: 'invalid_ticket_id',
        message: 'ticket: expected a ticket id (a string or a safe integer), got 7.5',
      },
      // A safe integer is a ticket id, distinct from the string "7".
      { kind: 'events', line: 6, id: 7, lines: [6] },
    ]);
  });

  test('"__proto__" as a ticket id or a key is an ordinary string', () => {
    expect(assemble([event('__proto__'), event('__proto__')])).toEqual([
      { kind: 'events', line: 1, id: '__proto__', lines: [1, 2] },
    ]);
  });
});
