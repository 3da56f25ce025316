/**
 * The CLI and the HTTP service write a state's JSON text directly (src/engine/stateJson.ts); it
 * must be byte for byte `JSON.stringify(serializeSlaState(state))`, and with `latestOnly` that of
 * `serializeLatestState`, on every generator of the engine's tests and on hostile names.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { serializeLatestState } from '../../src/engine/serialize.js';
import { slaStateJson } from '../../src/engine/stateJson.js';
import {
  type Calendar,
  type CalendarSpec,
  compileCalendar,
  compilePolicy,
  computeSlaState,
  type PolicySpec,
  type SlaState,
  serializeSlaState,
  stringifySlaState,
  type Ticket,
} from '../../src/index.js';
import { runParams } from '../oracle/arbitraries.js';
import { section10CaseArb } from '../oracle/section10Arbitraries.js';
import { section11CaseArb } from '../oracle/section11Arbitraries.js';
import { slaCaseArb } from '../oracle/ticketArbitraries.js';

interface Case {
  readonly policy: unknown;
  readonly ticket: unknown;
  readonly nowMs: number;
  readonly host?: Record<string, unknown> | undefined;
}

function stateOf(c: Case): SlaState {
  const calendars: Record<string, Calendar> | undefined =
    c.host === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(c.host).map(([name, spec]) => [name, compileCalendar(spec as CalendarSpec)]),
        );
  return computeSlaState(c.ticket as Ticket, compilePolicy(c.policy as PolicySpec), {
    now: c.nowMs,
    ...(calendars === undefined ? {} : { calendars }),
  });
}

function expectSameText(state: SlaState): void {
  const all = JSON.stringify(serializeSlaState(state));
  const latest = JSON.stringify(serializeLatestState(state));
  expect(stringifySlaState(state)).toBe(all);
  expect(stringifySlaState(state, { cycles: 'all' })).toBe(all);
  expect(stringifySlaState(state, { cycles: 'latest' })).toBe(latest);
  expect(slaStateJson(state, false)).toBe(all);
  expect(slaStateJson(state, true)).toBe(latest);
}

/** What a call gives: its text, or the message it throws. */
function outcome(write: () => string): string {
  try {
    return write();
  } catch (error) {
    return `threw ${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe('stringifySlaState writes the text of JSON.stringify(serializeSlaState(state))', () => {
  test('on the engine’s random policies and logs', () => {
    fc.assert(
      fc.property(slaCaseArb, (c) => expectSameText(stateOf(c as Case))),
      runParams(300),
    );
  });

  test('with calendars chosen from the ticket, templates and host calendars', () => {
    fc.assert(
      fc.property(section10CaseArb, (c) => expectSameText(stateOf(c as unknown as Case))),
      runParams(150),
    );
  });

  test('with targets beyond durations, ownership clocks and preset kinds', () => {
    fc.assert(
      fc.property(section11CaseArb, (c) => expectSameText(stateOf(c as unknown as Case))),
      runParams(150),
    );
  });

  test('with names and values that need escaping, numeric ids and integer-like keys', () => {
    const nameArb = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('__proto__', 'constructor', '0', '12', 'a"b', 'line\nbreak', '\u2028', 'é', '\ud800'),
    );
    const scalarArb = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -1e15, max: 1e15 })),
        fc.dictionary(nameArb, scalarArb, { maxKeys: 5 }),
        // Metric names that are integer-like are refused by the policy (they would reorder the output).
        nameArb.filter((name) => name !== '' && !/^-?\d+$/.test(name)),
        (id, attributes, metric) => {
          const policy = compilePolicy({
            calendars: {},
            metrics: {
              [metric]: {
                kind: 'resolution',
                keyBy: Object.keys(attributes)[0] ?? 'tier',
                goals: [{ target: '4h', calendar: '24/7' }],
                warnings: ['50%', '-1h'],
              },
            },
          } as PolicySpec);
          const state = computeSlaState(
            { id, events: [{ type: 'created', at: 1_772_442_000_000, attributes }] } as Ticket,
            policy,
            { now: 1_772_449_200_000 },
          );
          expectSameText(state);
        },
      ),
      runParams(300),
    );
  });

  test('a state with any one value replaced is written, or refused, as serializeSlaState does', () => {
    const base = computeSlaState(
      {
        id: 'T-1',
        events: [
          { type: 'created', at: '2026-03-02T09:00:00Z', attributes: { tier: 'gold' } },
          { type: 'message', at: '2026-03-02T10:00:00Z', author: 'agent' },
          { type: 'updated', at: '2026-03-02T11:00:00Z', attributes: { status: 'pending' } },
        ],
      } as Ticket,
      compilePolicy({
        calendars: {},
        metrics: {
          reply: { kind: 'first_response', goals: [{ target: '4h', calendar: '24/7' }], warnings: ['50%'] },
        },
      } as PolicySpec),
      { now: '2026-03-02T12:00:00Z' },
    );
    // Every path to a value in the state, and what to put there.
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]): void => {
      paths.push(path);
      if (typeof value === 'object' && value !== null)
        for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key], [...path, key]);
    };
    walk(base, []);
    const replacement = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom(
        undefined,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        -0,
        1.5,
        10n,
        new Date(0),
        Symbol('s'),
      ),
      fc.constantFrom({ toJSON: () => 'custom' }, Object.freeze({ index: 0 }), [1, 2]),
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), replacement, fc.boolean(), (path, value, latest) => {
        const holder: Record<string | number, unknown> = { root: structuredClone(base) };
        let target: unknown = holder;
        const full = ['root', ...path];
        for (const key of full.slice(0, -1)) target = (target as Record<string | number, unknown>)[key];
        (target as Record<string | number, unknown>)[full[full.length - 1] as string] = value;
        const broken = holder.root;
        const written = outcome(() =>
          stringifySlaState(broken as SlaState, latest ? { cycles: 'latest' } : undefined),
        );
        const reference = outcome(() =>
          JSON.stringify(
            latest ? serializeLatestState(broken as SlaState) : serializeSlaState(broken as SlaState),
          ),
        );
        expect(written).toBe(reference);
      }),
      runParams(1000),
    );
  });

  test("a host's frozen goal that can still change is written as it is now, never from an earlier text", () => {
    const state = computeSlaState(
      { id: 'T-1', events: [{ type: 'created', at: '2026-03-02T09:00:00Z' }] },
      compilePolicy({
        calendars: {},
        metrics: { reply: { kind: 'first_response', goals: [{ target: '1h' }] } },
      } as unknown as PolicySpec),
      { now: '2026-03-02T12:00:00Z' },
    );
    const hosted = (goal: object): SlaState => {
      const metric = { ...state.metrics.reply, goal } as never;
      return {
        ...state,
        metrics: { reply: { ...(metric as object), cycles: [metric] } },
      } as unknown as SlaState;
    };
    // Freezing is shallow: the nested object changes.
    const inner = { x: 1 };
    const nested = hosted(Object.freeze({ index: 0, nested: inner }));
    const before = stringifySlaState(nested);
    expect(before).toBe(JSON.stringify(serializeSlaState(nested)));
    inner.x = 2;
    const after = stringifySlaState(nested);
    expect(after).toBe(JSON.stringify(serializeSlaState(nested)));
    expect(after).not.toBe(before);
    // A getter answers differently each time it is read: each call reads it again.
    let reads = 0;
    const counting = hosted(
      Object.freeze(Object.defineProperty({ index: 0 }, 'reads', { enumerable: true, get: () => ++reads })),
    );
    const once = stringifySlaState(counting);
    expect(stringifySlaState(counting)).not.toBe(once);
  });

  test('refuses options other than { cycles: "all" | "latest" }', () => {
    const state = computeSlaState(
      { id: 'T-1', events: [{ type: 'created', at: '2026-03-02T09:00:00Z' }] },
      compilePolicy({ calendars: {}, metrics: {} } as unknown as PolicySpec),
      { now: '2026-03-02T12:00:00Z' },
    );
    expect(() => stringifySlaState(state, { cycles: 'newest' } as never)).toThrow(
      'options.cycles: expected "all" or "latest", got "newest"',
    );
    expect(() => stringifySlaState(state, 'latest' as never)).toThrow(
      'options: expected options { cycles?: "all" | "latest" }, got "latest"',
    );
  });
});
