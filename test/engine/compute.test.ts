/**
 * `computeSlaState` and `computeSlaStates` at their edges: wrong top-level arguments are
 * `SlaValidationError`s naming the argument (issue 7, D4). The rules themselves are pinned in
 * rules.test.ts.
 */
import { describe, expect, test } from 'vitest';
import {
  compilePolicy,
  computeSlaState,
  computeSlaStates,
  isSlaValidationError,
  type SlaValidationError,
} from '../../src/index.js';

const policy = compilePolicy({
  metrics: { first_reply: { kind: 'first_response', goals: [{ target: '1h' }] } },
});
const now = '2026-03-02T10:30:00Z';
const ticket = { id: 'T-1', events: [{ type: 'created', at: '2026-03-02T10:00:00Z' }] } as const;

function errorOf(run: () => unknown): SlaValidationError {
  try {
    run();
  } catch (error) {
    if (isSlaValidationError(error)) return error;
    throw error;
  }
  throw new Error('expected an SlaValidationError');
}

describe('computeSlaStates checks its arguments when it is called', () => {
  test('tickets that are a Date, not an iterable, is an SlaValidationError, not "tickets is not iterable"', () => {
    const error = errorOf(() => [...computeSlaStates(new Date(0) as never, policy, { now })]);
    expect(error.issues).toEqual([
      {
        code: 'invalid_type',
        path: [],
        message:
          'tickets: expected an iterable of tickets, such as an array or a generator (not a string), got a Date',
      },
    ]);
  });

  test('the error comes from the call itself, before anything is iterated', () => {
    expect(() => computeSlaStates(new Date(0) as never, policy, { now })).toThrow(/^tickets: expected/);
    expect(() => computeSlaStates([ticket], policy, {} as never)).toThrow(
      /^options\.now: expected an instant/,
    );
    expect(() => computeSlaStates([ticket], { metrics: {}, pauseWhne: 1 } as never, { now })).toThrow(
      /^policy/,
    );
  });

  test('a generator function passed instead of a generator is named as such', () => {
    function* tickets() {
      yield ticket;
    }
    expect(() => computeSlaStates(tickets as never, policy, { now })).toThrow(
      'tickets: expected an iterable of tickets, such as an array or a generator (not a string), got a function',
    );
    expect([...computeSlaStates(tickets(), policy, { now })]).toHaveLength(1);
  });

  test('a string is iterable, but never a list of tickets', () => {
    expect(() => computeSlaStates('T-1' as never, policy, { now })).toThrow(
      /^tickets: expected .*got "T-1"$/,
    );
  });

  test('a policy that is an array, or options that are an array, are refused by name', () => {
    expect(() => computeSlaStates([ticket], [] as never, { now })).toThrow(
      'policy: expected a policy spec or a policy returned by compilePolicy(spec), got []',
    );
    expect(() => computeSlaState(ticket, policy, [now] as never)).toThrow(
      'options: expected options { now }, got ["2026-03-02T10:30:00Z"]',
    );
  });

  test('any iterable works: a Set, a generator, an array', () => {
    expect([...computeSlaStates(new Set([ticket]), policy, { now })]).toHaveLength(1);
    expect([...computeSlaStates([ticket, ticket], policy, { now })]).toHaveLength(2);
  });

  test('options.now that is a proxy of a Date is not mistaken for one', () => {
    expect(() => computeSlaState(ticket, policy, { now: new Proxy(new Date(0), {}) })).toThrow(
      /^options\.now: expected an instant: .*, got an object$/,
    );
  });
});
