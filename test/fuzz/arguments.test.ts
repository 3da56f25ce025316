/**
 * Wrong top-level arguments, for every export of the package: each call gives a value or an
 * `SlaValidationError` whose message starts with the argument's name (issue 7, D4). Never a
 * TypeError, never another exception.
 *
 * One exception is allowed to pass through unchanged: the caller's own, thrown by a getter, a
 * proxy trap, an iterator or a `groupBy` function that the library had every right to call
 * (`CallerError` below). Converting it would hide the host's bug behind ours. What the library
 * must never do is coerce a value to a string or a number on its own (`CoercionError`), read a
 * property of `null`, or iterate a non-iterable.
 *
 * Out of scope, as for any JavaScript library: objects that break the language's protocols
 * (a revoked proxy, an iterator whose `next()` returns a non-object, which the language itself
 * refuses with a TypeError) and objects that forge the library's registered brand symbols.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import * as api from '../../src/index.js';

const {
  compileCalendar,
  compilePolicy,
  computeSlaState,
  computeSlaStates,
  isSlaValidationError,
  SlaValidationError,
} = api;

/** Thrown by the caller's own code that the library may legitimately run: passes through. */
class CallerError extends Error {}
/** Thrown by toString, valueOf, Symbol.toPrimitive and toJSON: the library must never let it out. */
class CoercionError extends Error {}

const throwCaller = (): never => {
  throw new CallerError('thrown by the caller');
};
const throwCoercion = (): never => {
  throw new CoercionError('the library coerced a value');
};

// ---------------------------------------------------------------------------------------------
// Valid arguments, one factory per argument, so that every call gets fresh objects.

const nineToFiveSpec = {
  timeZone: 'America/New_York',
  week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
} as const;
const policySpec = {
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target: '1h' }], warnings: ['50%'] },
    resolution: { kind: 'resolution', pauseWhen: { status: 'pending' }, goals: [{ target: '8h' }] },
  },
} as const;
const ticket = () => ({
  id: 'T-1',
  events: [
    { type: 'created', at: '2026-03-02T14:00:00Z', attributes: { status: 'new', tier: 'gold' } },
    { type: 'updated', at: '2026-03-02T14:30:00Z', attributes: { status: 'pending' } },
    { type: 'message', at: '2026-03-02T15:00:00Z', author: 'agent' },
  ],
});
const now = '2026-03-02T16:00:00Z';
const policy = compilePolicy(policySpec as never);
const state = () => computeSlaState(ticket() as never, policy, { now });
/** A snapshot of a tracker that has seen the test ticket. */
const trackedSnapshot = () => {
  const tracker = api.createSlaTracker(policy);
  for (const event of (ticket() as unknown as { events: never[] }).events) tracker.push(event);
  return JSON.parse(JSON.stringify(tracker.snapshot()));
};

interface Argument {
  /** Names an error about this argument may start with. */
  readonly roots: readonly string[];
  readonly valid: () => unknown;
  /** May be left out (default parameters do not count in `Function.length`). */
  readonly optional?: true;
}
interface Export {
  readonly kind: 'function' | 'class';
  readonly args: readonly Argument[];
  /** Consumes a lazy result, so that checks made on iteration run too. */
  readonly consume?: (result: unknown) => unknown;
}

const cal: Argument = { roots: ['cal'], valid: () => compileCalendar(nineToFiveSpec as never) };
const instant = (name: string): Argument => ({ roots: [name], valid: () => '2026-03-02T15:00:00Z' });
const ticketArg: Argument = { roots: ['ticket', 'events'], valid: ticket };
const policyArg: Argument = { roots: ['policy'], valid: () => policy };
const spread = (result: unknown) => [...(result as Iterable<unknown>)];

/**
 * Every function exported by src/index.ts, with its arguments in order. A new export must be
 * added here (the first test fails until it is), and so gets fuzzed like the others.
 */
const table: Record<string, Export> = {
  compileCalendar: { kind: 'function', args: [{ roots: ['calendar'], valid: () => nineToFiveSpec }] },
  holidaysFromIcs: {
    kind: 'function',
    args: [
      { roots: ['text'], valid: () => 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
      { roots: ['options'], valid: () => ({ from: '2026-01-01', to: '2026-12-31' }) },
    ],
  },
  isOpen: { kind: 'function', args: [cal, instant('at')] },
  businessTimeBetween: { kind: 'function', args: [cal, instant('from'), instant('to')] },
  addBusinessTime: {
    kind: 'function',
    args: [cal, instant('from'), { roots: ['ms'], valid: () => 3600000 }],
  },
  nextOpen: { kind: 'function', args: [cal, instant('at')] },
  nextClose: { kind: 'function', args: [cal, instant('at')] },
  calendarTable: {
    kind: 'function',
    args: [cal, { roots: ['options'], valid: () => ({ from: now, to: '2026-03-09T16:00:00Z' }) }],
  },
  computeSlaState: {
    kind: 'function',
    args: [ticketArg, policyArg, { roots: ['options'], valid: () => ({ now }) }],
  },
  computeSlaStates: {
    kind: 'function',
    // An item of `tickets` that is not a ticket is reported as computeSlaState reports it.
    args: [
      { roots: ['tickets', 'ticket', 'events'], valid: () => [ticket()] },
      policyArg,
      { roots: ['options'], valid: () => ({ now }) },
    ],
    consume: spread,
  },
  serializeSlaState: { kind: 'function', args: [{ roots: ['state'], valid: state }] },
  stringifySlaState: {
    kind: 'function',
    args: [
      { roots: ['state'], valid: state },
      { roots: ['options'], valid: () => ({ cycles: 'latest' }), optional: true },
    ],
  },
  compilePolicy: { kind: 'function', args: [{ roots: ['policy'], valid: () => policySpec }] },
  safeCompilePolicy: { kind: 'function', args: [{ roots: ['policy'], valid: () => policySpec }] },
  policyJsonSchema: { kind: 'function', args: [] },
  summarizeSla: {
    kind: 'function',
    args: [
      { roots: ['states'], valid: () => [state()] },
      {
        roots: ['options'],
        valid: () => ({ groupBy: 'tier', period: { unit: 'week', timeZone: 'Europe/Berlin', by: 'end' } }),
        optional: true,
      },
    ],
  },
  diffSlaStates: {
    kind: 'function',
    args: [
      { roots: ['before'], valid: state },
      { roots: ['after'], valid: state },
    ],
  },
  createSlaTracker: {
    kind: 'function',
    args: [
      { roots: ['policy'], valid: () => policy },
      { roots: ['options'], valid: () => ({ ticketId: 'T-1' }), optional: true },
    ],
  },
  restoreSlaTracker: {
    kind: 'function',
    args: [
      { roots: ['policy'], valid: () => policy },
      { roots: ['snapshot'], valid: () => trackedSnapshot() },
      { roots: ['options'], valid: () => ({}), optional: true },
    ],
  },
  compareSlaPolicies: {
    kind: 'function',
    // A raw spec's problems are named under the argument (`before.metrics...`), not `policy`.
    args: [
      { roots: ['tickets', 'ticket', 'events'], valid: () => [ticket()] },
      { roots: ['before'], valid: () => policy },
      { roots: ['after'], valid: () => policy },
      { roots: ['options'], valid: () => ({ now, groupBy: 'tier' }) },
    ],
    // changes() iterates the tickets again, and throws for a one-shot iterator.
    consume: (result) => [...(result as { changes(): Iterable<unknown> }).changes()],
  },
  explainSla: {
    kind: 'function',
    args: [ticketArg, policyArg, { roots: ['options'], valid: () => ({ now, metric: 'resolution' }) }],
  },
  isSlaValidationError: { kind: 'function', args: [{ roots: ['value'], valid: () => new Error('x') }] },
  SlaValidationError: {
    kind: 'class',
    args: [{ roots: ['issues'], valid: () => [{ code: 'invalid_value', path: [], message: 'x: bad' }] }],
  },
};

// ---------------------------------------------------------------------------------------------
// Wrong values. Factories, so that a value one call consumed (an iterator) is fresh for the next.

/** An object whose every conversion to a primitive throws. */
const coercionTrap = () => ({
  toString: throwCoercion,
  valueOf: throwCoercion,
  toJSON: throwCoercion,
  [Symbol.toPrimitive]: throwCoercion,
});

/** Plausible property names of every argument, each a getter that throws. */
const throwingGetters = () => {
  const target: Record<PropertyKey, unknown> = {};
  const keys: PropertyKey[] = [
    'now',
    'metric',
    'cycle',
    'groupBy',
    'period',
    'unit',
    'by',
    'id',
    'events',
    'metrics',
    'attributes',
    'calendars',
    'timeZone',
    'week',
    'length',
    'then',
    'ticketId',
    'spec',
    Symbol.iterator,
  ];
  for (const key of keys) Object.defineProperty(target, key, { get: throwCaller, enumerable: true });
  return target;
};

const throwingHandler: ProxyHandler<object> = {
  get: throwCaller,
  has: throwCaller,
  ownKeys: throwCaller,
  getOwnPropertyDescriptor: throwCaller,
  getPrototypeOf: throwCaller,
  apply: throwCaller,
};

const wrongValues: Record<string, () => unknown> = {
  undefined: () => undefined,
  null: () => null,
  zero: () => 0,
  'negative zero': () => -0,
  fraction: () => 1.5,
  NaN: () => Number.NaN,
  Infinity: () => Number.POSITIVE_INFINITY,
  'huge number': () => 2 ** 60,
  'empty string': () => '',
  string: () => 'tier',
  'instant string': () => '2026-03-02T09:00:00Z',
  '"24/7"': () => '24/7',
  true: () => true,
  bigint: () => 10n,
  symbol: () => Symbol('s'),
  'well-known symbol': () => Symbol.iterator,
  Date: () => new Date(0),
  'invalid Date': () => new Date(Number.NaN),
  'object with Date prototype': () => Object.create(Date.prototype),
  'proxy of a Date': () => new Proxy(new Date(0), {}),
  'empty array': () => [],
  'array of garbage': () => [1, 'a', null, undefined, Object.create(null), [], coercionTrap()],
  'sparse array': () => new Array(3),
  'empty object': () => ({}),
  'null-prototype object': () => Object.create(null),
  'null-prototype object with keys': () =>
    Object.assign(Object.create(null), { now: Object.create(null), groupBy: Object.create(null) }),
  'object of null-prototype values': () => ({
    now: Object.create(null),
    metric: Object.create(null),
    cycle: Object.create(null),
    groupBy: Object.create(null),
    id: Object.create(null),
    events: Object.create(null),
    metrics: Object.create(null),
    attributes: Object.create(null),
  }),
  'object of symbols': () => ({ now: Symbol('now'), metric: Symbol('m'), groupBy: Symbol('g'), events: [] }),
  'object of bigints': () => ({ now: 1n, metric: 1n, cycle: 1n, groupBy: 1n, events: 1n, metrics: 1n }),
  // Options that are right but for one key, so that the checks past `now` run too.
  'options with a null-prototype metric': () => ({ now, metric: Object.create(null) }),
  'options with a coercion-trap cycle': () => ({ now, metric: 'resolution', cycle: coercionTrap() }),
  'options with a bigint cycle': () => ({ now, metric: 'resolution', cycle: 1n }),
  'options with a number groupBy': () => ({ now, groupBy: 5 }),
  'options with a bad period unit': () => ({ period: { unit: 'year', timeZone: 'UTC' } }),
  'options with a period of coercion traps': () => ({
    period: { unit: coercionTrap(), timeZone: coercionTrap(), by: coercionTrap() },
  }),
  'options with a period zone that is an offset': () => ({ period: { unit: 'day', timeZone: '+05:30' } }),
  'options with a period of throwing getters': () => ({ period: throwingGetters() }),
  'options with calendars that are a number': () => ({ now, metric: 'resolution', calendars: 42 }),
  'options with a calendars resolver returning garbage': () => ({
    now,
    metric: 'resolution',
    calendars: () => Object.create(null),
  }),
  'options with a null-prototype from and to': () => ({ from: Object.create(null), to: Object.create(null) }),
  'coercion trap': coercionTrap,
  'object of coercion traps': () => ({
    now: coercionTrap(),
    metric: coercionTrap(),
    cycle: coercionTrap(),
    groupBy: coercionTrap(),
    events: coercionTrap(),
    metrics: coercionTrap(),
    attributes: coercionTrap(),
    id: coercionTrap(),
  }),
  'throwing getters': throwingGetters,
  function: () => () => 1,
  'generator function': () =>
    function* () {
      yield 1;
    },
  class: () => class {},
  'proxy with throwing traps': () => new Proxy({}, throwingHandler),
  'proxy of a function with throwing traps': () => new Proxy(() => 1, throwingHandler),
  'transparent proxy of an array': () => new Proxy([1, 2], {}),
  'transparent proxy of a null-prototype object': () => new Proxy(Object.create(null), {}),
  'iterable that throws': () => ({ [Symbol.iterator]: throwCaller }),
  'iterator whose next throws': () => ({ [Symbol.iterator]: () => ({ next: throwCaller }) }),
  'non-function Symbol.iterator': () => ({ [Symbol.iterator]: 42 }),
  'generator of garbage': () =>
    (function* () {
      yield null;
      yield 42;
      yield Object.create(null);
      yield coercionTrap();
    })(),
  'Set of numbers': () => new Set([1, 2]),
  'Map of strings': () => new Map([['a', 'b']]),
  'typed array': () => new Uint8Array(4),
  'boxed string': () => new String('abc'),
  'boxed number': () => new Number(5),
  Error: () => new Error('not an issue list'),
  RegExp: () => /x/,
  Promise: () => Promise.resolve(1),
  WeakMap: () => new WeakMap(),
};

/** Whether a message is about one of `roots`: it starts with the name, then a path or a colon. */
function namesOneOf(message: string, roots: readonly string[]): boolean {
  return roots.some(
    (root) =>
      message.startsWith(`${root}:`) || message.startsWith(`${root}.`) || message.startsWith(`${root}[`),
  );
}

/**
 * Calls an export with `value` at `position` and the valid arguments elsewhere; returns a
 * description of a wrong outcome, or undefined when the outcome is right.
 */
function wrongOutcome(name: string, position: number, value: unknown): string | undefined {
  const entry = table[name] as Export;
  const args = entry.args.map((argument, i) => (i === position ? value : argument.valid()));
  const roots = (entry.args[position] as Argument).roots;
  const fn = (api as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
  try {
    const result =
      entry.kind === 'class'
        ? new (fn as unknown as new (...args: unknown[]) => unknown)(...args)
        : fn(...args);
    if (entry.consume) entry.consume(result);
    if (name === 'safeCompilePolicy') {
      const outcome = result as { success: boolean; error?: unknown };
      if (!outcome.success) {
        const error = outcome.error;
        if (!isSlaValidationError(error)) return `returned a failure without an SlaValidationError: ${error}`;
        if (!namesOneOf(error.message, roots))
          return `returned an error not naming ${roots}: ${error.message}`;
      }
    }
    return undefined;
  } catch (error) {
    if (error instanceof CallerError) return undefined;
    if (!isSlaValidationError(error)) return `threw ${(error as Error)?.name}: ${(error as Error)?.message}`;
    if (error.issues.length === 0) return 'threw an SlaValidationError without issues';
    if (!namesOneOf(error.message, roots))
      return `threw an error not naming ${roots.join(' or ')}: ${error.message}`;
    return undefined;
  }
}

const exportedFunctions = Object.keys(api)
  .filter((name) => typeof (api as Record<string, unknown>)[name] === 'function')
  .sort();

describe('every export checks its top-level arguments', () => {
  test('the table lists exactly the exported functions, with their arity', () => {
    expect(exportedFunctions).toEqual(Object.keys(table).sort());
    for (const name of exportedFunctions) {
      const entry = table[name] as Export;
      const fn = (api as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      const required = entry.args.filter((argument) => argument.optional !== true).length;
      expect({ name, length: fn.length }).toEqual({ name, length: required });
    }
  });

  test('the valid arguments of the table are valid', () => {
    for (const name of exportedFunctions) {
      const entry = table[name] as Export;
      for (let position = 0; position < entry.args.length; position++) {
        const argument = entry.args[position] as Argument;
        const outcome = wrongOutcome(name, position, argument.valid());
        expect(outcome, name).toBeUndefined();
      }
    }
  });

  test.each(exportedFunctions)('%s: each wrong value in each position', (name) => {
    const entry = table[name] as Export;
    const wrong: string[] = [];
    for (let position = 0; position < entry.args.length; position++) {
      for (const [label, make] of Object.entries(wrongValues)) {
        const outcome = wrongOutcome(name, position, make());
        if (outcome !== undefined) wrong.push(`argument ${position + 1}, ${label}: ${outcome}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  const anything = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withObjectString: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
  });
  // Hostile values are made inside the property, from their label: fast-check itself reads
  // properties of the values it generates, and would trip over a throwing proxy.
  const wrongValue = fc.oneof(
    anything.map((value) => ({ make: () => value })),
    fc
      .constantFrom(...Object.keys(wrongValues))
      .map((label) => ({ label, make: wrongValues[label] as () => unknown })),
    // Iterables yielding arbitrary garbage, eagerly and lazily.
    fc.array(anything, { maxLength: 4 }).map((items) => ({ make: () => items })),
    fc.array(anything, { maxLength: 4 }).map((items) => ({
      generatorOf: items,
      make: () =>
        (function* () {
          yield* items;
        })(),
    })),
  );

  test.each(exportedFunctions.filter((name) => (table[name] as Export).args.length > 0))(
    '%s: generated wrong values in a random position',
    (name) => {
      const arity = (table[name] as Export).args.length;
      fc.assert(
        fc.property(fc.nat({ max: arity - 1 }), wrongValue, (position, { make }) => {
          expect(wrongOutcome(name, position, make())).toBeUndefined();
        }),
        { numRuns: 300 },
      );
    },
  );
});

describe('computeSlaStates checks its arguments when called, not when iterated', () => {
  test.each([
    ['tickets', () => computeSlaStates(new Date(0) as never, policy, { now })],
    ['tickets', () => computeSlaStates(undefined as never, policy, { now })],
    ['tickets', () => computeSlaStates('T-1' as never, policy, { now })],
    ['policy', () => computeSlaStates([], { metrics: 42 } as never, { now })],
    ['options', () => computeSlaStates([], policy, null as never)],
    ['options', () => computeSlaStates([], policy, { now: 'tomorrow' } as never)],
  ])('a wrong %s throws at the call', (root, call) => {
    expect(call).toThrow(SlaValidationError);
    expect(call).toThrow(new RegExp(`^${root}[.:]`));
  });

  test('a bad ticket still throws from the iteration that reaches it, after the good ones', () => {
    const states = computeSlaStates([ticket(), 42] as never, policy, { now });
    const first = states.next();
    expect(first.done).toBe(false);
    expect(() => states.next()).toThrow(/^ticket: expected a ticket/);
  });
});

describe('states that are not states', () => {
  const real = state();
  /** Replaces the value at a path of a copy of `root` (`choices` pick the keys). */
  function mutate(root: unknown, choices: readonly number[], replacement: unknown): unknown {
    const copy = structuredClone(root);
    let parent: Record<PropertyKey, unknown> | null = null;
    let key: string | null = null;
    let node: unknown = copy;
    for (const choice of choices) {
      if (node === null || typeof node !== 'object') break;
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      parent = node as Record<PropertyKey, unknown>;
      key = keys[choice % keys.length] as string;
      node = parent[key];
    }
    if (parent === null || key === null) return replacement;
    parent[key] = replacement;
    return copy;
  }
  const replacement = fc.oneof(
    fc.anything({ withBigInt: true, withDate: true, withNullPrototype: true }).map((value) => ({
      make: () => value,
    })),
    fc
      .constantFrom(...Object.keys(wrongValues))
      .map((label) => ({ label, make: wrongValues[label] as () => unknown })),
  );

  test('serializeSlaState and summarizeSla on a real state with one part replaced', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 7 }), replacement, (choices, { make }) => {
        const broken = mutate(real, choices, make());
        expect(wrongOutcome('serializeSlaState', 0, broken)).toBeUndefined();
        expect(wrongOutcome('summarizeSla', 0, [real, broken])).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});

describe('explainSla names what its options must hold', () => {
  test.each([null, 'resolution', ['resolution']])('options %j', (options) => {
    expect(() => api.explainSla(ticket() as never, policy, options as never)).toThrow(
      `options: expected options { now, metric, cycle? }, got ${JSON.stringify(options)}`,
    );
  });
});
