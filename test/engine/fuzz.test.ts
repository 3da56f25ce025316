/**
 * Arbitrary input yields a state or an SlaValidationError: never another exception, never a hang
 * (a hang would hit the test timeout).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compilePolicy, computeSlaState, isSlaValidationError, type PolicySpec } from '../../src/index.js';

const validPolicy: PolicySpec = {
  calendars: {
    ny: {
      timeZone: 'America/New_York',
      week: { mon: [['09:00', '17:00']], fri: [['22:00', '06:00']] },
      holidays: ['2026-12-25'],
      overrides: [{ date: '2026-12-24', hours: [['09:00', '12:00']] }],
    },
  },
  resolvedWhen: { status: ['solved', 'closed'] },
  metrics: {
    first_reply: {
      kind: 'first_response',
      goals: [{ when: { priority: 'urgent' }, target: '30m', calendar: 'ny' }, { target: '4h' }],
      warnings: ['75%', '-5m'],
    },
    resolution: {
      kind: 'resolution',
      pauseWhen: { any: [{ status: 'pending' }, { not: { tier: { exists: true } } }] },
      goals: [{ target: '2d' }],
    },
    triage: {
      kind: 'custom',
      start: { on: 'created' },
      stop: [{ when: { assignee: { exists: true } } }],
      cancel: { when: { spam: true } },
      restart: 'resume',
      goals: [{ target: 'PT1H' }],
      warnings: ['+1h'],
    },
  },
};
const validTicket = {
  id: 'T-1',
  events: [
    { type: 'created', at: '2026-03-02T10:00:00Z', attributes: { status: 'new', priority: 'urgent' } },
    { type: 'message', at: '2026-03-02T10:20:00Z', author: 'agent', attributes: { status: 'pending' } },
    { type: 'updated', at: '2026-03-02T11:00:00Z', attributes: { assignee: 'ada', tier: 'gold' } },
    { type: 'message', at: '2026-03-02T12:00:00Z', author: 'customer', public: true },
    { type: 'updated', at: '2026-03-02T13:00:00Z', attributes: { status: 'solved' } },
  ],
};

/** Replaces the value at a random path of `root` (chosen by `choices`) with `replacement`. */
function mutate(root: unknown, choices: readonly number[], replacement: unknown): unknown {
  const copy = structuredClone(root);
  let parent: unknown = null;
  let key: string | number | null = null;
  let node: unknown = copy;
  for (const choice of choices) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    parent = node;
    key = keys[choice % keys.length] as string;
    node = (node as Record<string, unknown>)[key];
  }
  if (parent === null || key === null) return replacement;
  (parent as Record<string | number, unknown>)[key] = replacement;
  return copy;
}

function stateOrValidationError(run: () => unknown): void {
  try {
    const state = run();
    expect(state).toBeTypeOf('object');
  } catch (error) {
    if (!isSlaValidationError(error)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
  }
}

const anyJson = fc.oneof(
  fc.jsonValue(),
  fc.anything({ withDate: true, withBigInt: true, withNullPrototype: true }),
);
const choices = fc.array(fc.nat(), { maxLength: 8 });

describe('fuzzing: any input gives a state or an SlaValidationError', () => {
  test('compilePolicy on arbitrary values', () => {
    fc.assert(
      fc.property(anyJson, (spec) => stateOrValidationError(() => compilePolicy(spec as PolicySpec))),
      { numRuns: 500 },
    );
  });

  test('compilePolicy on a valid policy with one part replaced', () => {
    fc.assert(
      fc.property(choices, anyJson, (path, replacement) =>
        stateOrValidationError(() => compilePolicy(mutate(validPolicy, path, replacement) as PolicySpec)),
      ),
      { numRuns: 1000 },
    );
  });

  test('computeSlaState on a valid ticket with one part replaced, through a compiled and a raw policy', () => {
    const compiled = compilePolicy(validPolicy);
    fc.assert(
      fc.property(choices, anyJson, fc.boolean(), (path, replacement, raw) =>
        stateOrValidationError(() =>
          computeSlaState(mutate(validTicket, path, replacement) as never, raw ? validPolicy : compiled, {
            now: '2026-03-03T00:00:00Z',
          }),
        ),
      ),
      { numRuns: 1000 },
    );
  });

  test('computeSlaState on arbitrary tickets, policies and options', () => {
    fc.assert(
      fc.property(anyJson, anyJson, anyJson, (ticket, policy, options) =>
        stateOrValidationError(() => computeSlaState(ticket as never, policy as never, options as never)),
      ),
      { numRuns: 500 },
    );
  });

  test('a condition nested a hundred thousand levels deep is refused, not a stack overflow', () => {
    let condition: unknown = { status: 'pending' };
    for (let i = 0; i < 100_000; i++) condition = { not: condition };
    const spec = { metrics: { m: { kind: 'resolution', pauseWhen: condition, goals: [{ target: '1h' }] } } };
    expect(() => compilePolicy(spec as PolicySpec)).toThrow(/at most 64 levels of nesting/);
  });

  test('a huge log is answered in bounded time', () => {
    const events = [
      validTicket.events[0],
      ...Array.from({ length: 20_000 }, (_, i) => ({
        type: 'message',
        at: 1772445600000 + i * 1000,
        author: i % 2 ? 'agent' : 'customer',
      })),
    ];
    const state = computeSlaState(events as never, validPolicy, { now: '2026-03-04T00:00:00Z' });
    expect(state.metrics.first_reply?.status).toBe('met');
  });
});
