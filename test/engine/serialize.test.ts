/** `serializeSlaState` on what is not a state: the first thing wrong, by path (issue 7, D4). */
import { describe, expect, test } from 'vitest';
import { compilePolicy, computeSlaState, type SlaState, serializeSlaState } from '../../src/index.js';

const policy = compilePolicy({
  metrics: { first_reply: { kind: 'first_response', goals: [{ target: '1h' }], warnings: ['50%'] } },
});
const state = computeSlaState([{ type: 'created', at: '2026-03-02T10:00:00Z' }], policy, {
  now: '2026-03-02T10:30:00Z',
});

type Node = Record<string | number, unknown>;

/** A copy of the state with the value at `path` replaced. */
function broken(path: readonly (string | number)[], value: unknown): SlaState {
  const copy = structuredClone(state) as unknown as Node;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Node;
  node[path.at(-1) as string | number] = value;
  return copy as unknown as SlaState;
}

describe('serializeSlaState refuses what is not a state', () => {
  const cases: [unknown, string][] = [
    [null, 'state: expected a state returned by computeSlaState, got null'],
    [undefined, 'state: expected a state returned by computeSlaState, got undefined'],
    ['T-1', 'state: expected a state returned by computeSlaState, got "T-1"'],
    [
      broken(['metrics'], undefined),
      'state.metrics: expected an object of metric states { name: metric state }, got undefined',
    ],
    [
      broken(['attributes'], null),
      'state.attributes: expected an object of attributes { name: string | number | boolean | null }, got null',
    ],
    [
      broken(['now'], '2026-03-02T10:30:00Z'),
      'state.now: expected an integer epoch-ms number, got "2026-03-02T10:30:00Z"',
    ],
    [
      broken(['metrics', 'first_reply', 'deadline'], 'soon'),
      'state.metrics.first_reply.deadline: expected an integer epoch-ms number or null, got "soon"',
    ],
    [
      broken(['metrics', 'first_reply', 'cycles'], null),
      'state.metrics.first_reply.cycles: expected an array of cycle states, got null',
    ],
    [
      broken(['metrics', 'first_reply', 'cycles', 0, 'warnings', 0, 'at'], Number.NaN),
      'state.metrics.first_reply.cycles[0].warnings[0].at: expected an integer epoch-ms number or null, got NaN',
    ],
  ];
  test.each(cases.map(([value, message]) => [message, value]))('%s', (message, value) => {
    expect(() => serializeSlaState(value as never)).toThrow(message as string);
  });

  test('a real state is written as before', () => {
    expect(serializeSlaState(state)).toMatchObject({
      ticketId: null,
      now: '2026-03-02T10:30:00.000Z',
      metrics: { first_reply: { status: 'running', deadline: '2026-03-02T11:00:00.000Z' } },
    });
  });
});
