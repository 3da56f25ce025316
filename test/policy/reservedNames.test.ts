/**
 * Names that look like `Object.prototype` members (`"__proto__"`, `"constructor"`, ...) are
 * ordinary names in every record of a policy: metric names, calendar names and condition fields
 * (docs/policy.md, "Reserved-looking names"). Each is validated like any other key and, when
 * valid, works end to end. Every policy here goes through `JSON.parse`, which is how such keys
 * reach the library (an object literal `{ __proto__: x }` sets the prototype instead).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compileCalendar,
  compilePolicy,
  computeSlaState,
  isSlaValidationError,
  type PolicySpec,
  type SlaState,
  type Ticket,
} from '../../src/index.js';
import { type SlaCase, slaCaseArb } from '../oracle/ticketArbitraries.js';

const reservedNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;
const reservedArb = fc.constantFrom(...reservedNames);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An object with these own keys in this order (`__proto__` included), as `JSON.parse` makes it. */
function ownObject(entries: readonly (readonly [string, Json])[]): { [key: string]: Json } {
  return Object.fromEntries(entries) as { [key: string]: Json };
}

/** `value` as it arrives from another backend: through JSON text. */
function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function renameKey(record: { [key: string]: Json }, from: string, to: string): { [key: string]: Json } {
  return ownObject(Object.entries(record).map(([key, value]) => [key === from ? to : key, value]));
}

/** Renames a field in a condition, at any depth. */
function renameField(condition: Json, from: string, to: string): Json {
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return condition;
  const keys = Object.keys(condition);
  if (keys.length === 1 && (keys[0] === 'all' || keys[0] === 'any')) {
    const key = keys[0];
    return ownObject([[key, (condition[key] as Json[]).map((part) => renameField(part, from, to))]]);
  }
  if (keys.length === 1 && keys[0] === 'not') return { not: renameField(condition.not as Json, from, to) };
  return renameKey(condition, from, to);
}

type Metric = { [key: string]: Json };

/** Applies `f` to every condition of a metric (pauseWhen, goals' when, when-triggers). */
function mapMetricConditions(metric: Metric, f: (condition: Json) => Json): Metric {
  const trigger = (t: Json): Json =>
    t !== null && typeof t === 'object' && !Array.isArray(t) && 'when' in t ? { when: f(t.when as Json) } : t;
  const triggers = (ts: Json): Json => (Array.isArray(ts) ? ts.map(trigger) : trigger(ts));
  const out: Metric = { ...metric };
  if (metric.pauseWhen !== undefined) out.pauseWhen = f(metric.pauseWhen);
  for (const key of ['start', 'stop', 'cancel'] as const) {
    if (metric[key] !== undefined) out[key] = triggers(metric[key] as Json);
  }
  out.goals = (metric.goals as { [key: string]: Json }[]).map((goal) =>
    goal.when === undefined ? goal : { ...goal, when: f(goal.when) },
  );
  return out;
}

function stateOf(c: SlaCase, policy: unknown, ticket: Ticket = c.ticket as never): SlaState {
  return computeSlaState(ticket, compilePolicy(viaJson(policy) as PolicySpec), { now: c.nowMs });
}

const policyJsonOf = (c: SlaCase) => viaJson(c.policy) as unknown as { [key: string]: Json };

describe('reserved-looking names work end to end', () => {
  test('a metric renamed to a reserved name computes exactly as under its own name', () => {
    fc.assert(
      fc.property(slaCaseArb, reservedArb, fc.nat(), (c, reserved, pick) => {
        const policy = policyJsonOf(c);
        const metrics = policy.metrics as { [key: string]: Json };
        const names = Object.keys(metrics);
        const from = names[pick % names.length] as string;
        const renamed = { ...policy, metrics: renameKey(metrics, from, reserved) };
        const before = stateOf(c, policy);
        const after = stateOf(c, renamed);
        expect(Object.keys(after.metrics)).toEqual(names.map((name) => (name === from ? reserved : name)));
        expect(Object.hasOwn(after.metrics, reserved)).toBe(true);
        expect(after.metrics[reserved]).toEqual(before.metrics[from]);
        expect(after.nextChangeAt).toBe(before.nextChangeAt);
        expect(after.breached).toBe(before.breached);
      }),
      { numRuns: 150 },
    );
  });

  test('a calendar renamed to a reserved name (and every goal naming it) counts the same hours', () => {
    let renamedSome = 0;
    fc.assert(
      fc.property(slaCaseArb, reservedArb, (c, reserved) => {
        const policy = policyJsonOf(c);
        const calendars = policy.calendars as { [key: string]: Json } | undefined;
        if (calendars === undefined) return;
        renamedSome++;
        const from = Object.keys(calendars)[0] as string;
        const metrics = policy.metrics as { [key: string]: Metric };
        const renamed = {
          ...policy,
          calendars: renameKey(calendars, from, reserved),
          metrics: ownObject(
            Object.entries(metrics).map(([name, metric]) => [
              name,
              {
                ...metric,
                goals: (metric.goals as { [key: string]: Json }[]).map((goal) =>
                  goal.calendar === from ? { ...goal, calendar: reserved } : goal,
                ),
              },
            ]),
          ),
        };
        const before = JSON.stringify(stateOf(c, policy));
        const after = JSON.stringify(stateOf(c, renamed));
        expect(after).toBe(before.replaceAll(`"calendar":"${from}"`, `"calendar":"${reserved}"`));
      }),
      { numRuns: 150 },
    );
    expect(renamedSome).toBeGreaterThan(30);
  });

  test('a condition field renamed to a reserved name, in the policy and the ticket, decides the same', () => {
    fc.assert(
      fc.property(
        slaCaseArb,
        reservedArb,
        fc.constantFrom('status', 'priority', 'tier'),
        (c, reserved, field) => {
          const policy = policyJsonOf(c);
          // The default resolvedWhen names `status`: write it out so that it is renamed too.
          policy.resolvedWhen ??= { status: ['solved', 'closed'] };
          const rename = (condition: Json) => renameField(condition, field, reserved);
          const metrics = policy.metrics as { [key: string]: Metric };
          const renamedPolicy = {
            ...policy,
            resolvedWhen: rename(policy.resolvedWhen),
            metrics: ownObject(
              Object.entries(metrics).map(([name, metric]) => [name, mapMetricConditions(metric, rename)]),
            ),
          };
          const ticket = viaJson(c.ticket) as unknown as { id: string; events: { [key: string]: Json }[] };
          // The generated tickets use reserved names as attributes of their own now and then.
          fc.pre(
            ticket.events.every((event) => !Object.hasOwn((event.attributes ?? {}) as object, reserved)),
          );
          const renamedTicket = viaJson({
            ...ticket,
            events: ticket.events.map((event) =>
              event.attributes === undefined
                ? event
                : {
                    ...event,
                    attributes: renameKey(event.attributes as { [key: string]: Json }, field, reserved),
                  },
            ),
          });
          const before = stateOf(c, policy, ticket as never);
          const after = stateOf(c, renamedPolicy, renamedTicket as never);
          expect(after.metrics).toEqual(before.metrics);
          expect(after.attributes).toEqual(renameKey(before.attributes as never, field, reserved));
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** A small valid policy with one metric `m` on calendar `biz`, to put bad values into. */
const basePolicy = (): { [key: string]: Json } => ({
  calendars: { biz: { timeZone: 'America/New_York', week: { mon: [['09:00', '17:00']] } } },
  metrics: {
    m: {
      kind: 'custom',
      start: { when: { status: 'open' } },
      stop: [{ on: 'agent_message' }],
      pauseWhen: { status: 'pending' },
      goals: [{ when: { priority: 'high' }, target: '1h', calendar: 'biz' }, { target: '4h' }],
    },
  },
});

const badMetrics: Json[] = [
  {},
  null,
  42,
  { kind: 'resolution', goals: [{ target: '4 hours' }] },
  { kind: 'resolution', pauseWhne: { status: 'pending' }, goals: [{ target: '1h' }] },
  { kind: 'resolution', goals: [] },
  { kind: 'resolution', goals: [{ target: '1h', calendar: 'nowhere' }] },
  { kind: 'custom', goals: [{ target: '1h' }] },
];
const badCalendars: Json[] = [
  { timeZone: 'Mars/Olympus', week: {} },
  { timeZone: 'UTC', week: { mon: [['09:00', '09:00']] } },
  { timeZone: 'UTC' },
  { timeZone: 'UTC', week: { mon: [['09:00', '17:00']] }, holidays: ['2026-02-30'] },
  '24/8',
  null,
  { timeZone: { attribute: 'tz', default: 'Mars/Olympus' }, week: {} },
  { timeZone: 'UTC', week: {}, holidaySets: ['nowhere'] },
];
const badHolidaySets: Json[] = [['--02-30'], ['2026-12-31/2026-12-24'], 'x', [1], null];
const badMatchers: Json[] = [{ not: { x: 1 } }, { exists: 'yes' }, {}, [{}], { foo: 1 }, { not: [[1]] }];

/** Where a record of the policy is, and how to put `value` under `key` in it. */
const recordPositions: {
  name: string;
  bad: Json[];
  // biome-ignore lint/suspicious/noExplicitAny: the fixture policy is edited in place at known paths
  put: (p: any, key: string, value: Json) => (string | number)[];
}[] = [
  {
    name: 'metrics',
    bad: badMetrics,
    put: (p, key, value) => {
      p.metrics = ownObject([...Object.entries(p.metrics as object), [key, value]]);
      return ['metrics', key];
    },
  },
  {
    name: 'calendars',
    bad: badCalendars,
    put: (p, key, value) => {
      p.calendars = ownObject([[key, value], ...Object.entries(p.calendars as object)]);
      return ['calendars', key];
    },
  },
  {
    name: 'holidaySets',
    bad: badHolidaySets,
    put: (p, key, value) => {
      p.holidaySets = ownObject([
        ['us', ['--07-04']],
        [key, value],
      ]);
      return ['holidaySets', key];
    },
  },
  {
    name: 'resolvedWhen',
    bad: badMatchers,
    put: (p, key, value) => {
      p.resolvedWhen = ownObject([
        ['status', 'solved'],
        [key, value],
      ]);
      return ['resolvedWhen', key];
    },
  },
  {
    name: 'pauseWhen',
    bad: badMatchers,
    put: (p, key, value) => {
      p.metrics.m.pauseWhen = { any: [{ status: 'pending' }, ownObject([[key, value]])] };
      return ['metrics', 'm', 'pauseWhen', 'any', 1, key];
    },
  },
  {
    name: 'a goal condition',
    bad: badMatchers,
    put: (p, key, value) => {
      p.metrics.m.goals[0].when = ownObject([[key, value]]);
      return ['metrics', 'm', 'goals', 0, 'when', key];
    },
  },
  {
    name: 'a trigger condition',
    bad: badMatchers,
    put: (p, key, value) => {
      p.metrics.m.start = { when: { not: ownObject([[key, value]]) } };
      return ['metrics', 'm', 'start', 'when', 'not', key];
    },
  },
];

/** Sets an own key, `__proto__` included (plain assignment would set the prototype). */
function setOwnKey(target: object, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Objects whose keys are fixed: a reserved name there is an unknown key. */
const strictPositions: { name: string; path: (string | number)[] }[] = [
  { name: 'the policy', path: [] },
  { name: 'a metric', path: ['metrics', 'm'] },
  { name: 'a goal', path: ['metrics', 'm', 'goals', 1] },
  { name: 'a trigger', path: ['metrics', 'm', 'stop', 0] },
  { name: 'a calendar', path: ['calendars', 'biz'] },
  { name: 'a week', path: ['calendars', 'biz', 'week'] },
];

function validationIssues(
  spec: unknown,
): { code: string; path: readonly (string | number)[]; message: string }[] {
  try {
    compilePolicy(spec as PolicySpec);
  } catch (error) {
    if (!isSlaValidationError(error)) throw error;
    return [...error.issues];
  }
  throw new Error(`accepted: ${JSON.stringify(spec)}`);
}

describe('reserved-looking names are validated like any other name', () => {
  test('a bad value under a reserved name in any record is an SlaValidationError at its path', () => {
    const cases = recordPositions.flatMap((position) => position.bad.map((bad) => ({ position, bad })));
    fc.assert(
      fc.property(fc.constantFrom(...cases), reservedArb, ({ position, bad }, reserved) => {
        const policy = basePolicy();
        const path = position.put(policy, reserved, bad);
        const issues = validationIssues(viaJson(policy));
        const under = issues.filter((issue) => path.every((segment, i) => issue.path[i] === segment));
        expect(
          under.length,
          `${position.name} ${JSON.stringify(bad)}: ${issues.map((i) => i.message)}`,
        ).toBeGreaterThan(0);
        for (const issue of under) expect(issue.message).toContain(reserved);
      }),
      { numRuns: 400 },
    );
  });

  test('the same bad values under an ordinary name give the same issues, renamed', () => {
    for (const position of recordPositions) {
      for (const bad of position.bad) {
        for (const reserved of reservedNames) {
          const ordinary = basePolicy();
          position.put(ordinary, 'plain', bad);
          const special = basePolicy();
          position.put(special, reserved, bad);
          const expectedIssues = validationIssues(viaJson(ordinary)).map((issue) => ({
            code: issue.code,
            path: issue.path.map((segment) => (segment === 'plain' ? reserved : segment)),
          }));
          const issues = validationIssues(viaJson(special)).map(({ code, path }) => ({ code, path }));
          expect(issues, `${position.name} ${JSON.stringify(bad)} as ${reserved}`).toEqual(expectedIssues);
        }
      }
    }
  });

  test('a reserved name in an object with fixed keys is an unknown key', () => {
    for (const position of strictPositions) {
      for (const reserved of reservedNames) {
        const policy = basePolicy();
        const parent = position.path.reduce<object>(
          (node, segment) => (node as Record<string | number, object>)[segment] as object,
          policy,
        );
        setOwnKey(parent, reserved, 1);
        const issues = validationIssues(viaJson(policy));
        expect(issues, `${position.name} with ${reserved}`).toEqual([
          expect.objectContaining({ code: 'unrecognized_key', path: [...position.path, reserved] }),
        ]);
      }
    }
  });

  test('the cases of the report: a bad target, an empty metric, a calendar in no zone', () => {
    expect(
      validationIssues(
        JSON.parse('{"metrics":{"__proto__":{"kind":"resolution","goals":[{"target":"4 hours"}]}}}'),
      ),
    ).toEqual([
      expect.objectContaining({
        code: 'invalid_duration',
        path: ['metrics', '__proto__', 'goals', 0, 'target'],
        message: expect.stringMatching(
          /^policy\.metrics\.__proto__\.goals\[0\]\.target: expected a duration/,
        ),
      }),
    ]);
    // An object literal with a computed key makes an own "__proto__" too.
    const issues = validationIssues({ metrics: { ['__proto__']: {} } });
    expect(issues.map((issue) => issue.path)).toEqual([
      ['metrics', '__proto__', 'kind'],
      ['metrics', '__proto__', 'goals'],
    ]);
    expect(
      validationIssues(
        JSON.parse(
          '{"calendars":{"__proto__":{"timeZone":"Mars/Olympus","week":{}}},"metrics":{"m":{"kind":"resolution","goals":[{"target":"1h"}]}}}',
        ),
      ),
    ).toEqual([
      expect.objectContaining({ code: 'invalid_time_zone', path: ['calendars', '__proto__', 'timeZone'] }),
    ]);
  });

  test('a goal may name a calendar "__proto__" only when the policy defines one', () => {
    const refersTo =
      '{"metrics":{"m":{"kind":"resolution","goals":[{"target":"1h","calendar":"__proto__"}]}}}';
    expect(validationIssues(JSON.parse(refersTo))).toEqual([
      expect.objectContaining({ code: 'invalid_value', path: ['metrics', 'm', 'goals', 0, 'calendar'] }),
    ]);
    const defined = JSON.parse(
      '{"calendars":{"__proto__":{"timeZone":"UTC","week":{"mon":[["09:00","17:00"]]}}},' +
        '"metrics":{"m":{"kind":"resolution","goals":[{"target":"1h","calendar":"__proto__"}]}}}',
    );
    const state = computeSlaState([{ type: 'created', at: '2026-03-02T16:30:00Z' }], compilePolicy(defined), {
      now: '2026-03-09T09:15:00Z',
    });
    // 16:30-17:00 Monday, then 09:00-09:15 the next Monday: 45 minutes on the Monday calendar.
    expect(state.metrics.m?.elapsed).toBe(45 * 60_000);
    expect(state.metrics.m?.goal?.calendar).toBe('__proto__');
  });

  test('a holiday set named "__proto__" closes its dates; naming it undefined is an error', () => {
    const spec = (withSet: boolean) =>
      JSON.parse(
        `{${withSet ? '"holidaySets":{"__proto__":["2026-03-03"]},' : ''}` +
          '"calendars":{"office":{"timeZone":"UTC","week":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]]},"holidaySets":["__proto__"]}},' +
          '"metrics":{"m":{"kind":"resolution","goals":[{"target":"100h","calendar":"office"}]}}}',
      );
    const state = computeSlaState(
      [{ type: 'created', at: '2026-03-02T09:00:00Z' }],
      compilePolicy(spec(true)),
      {
        now: '2026-03-04T00:00:00Z',
      },
    );
    // Monday 09:00-17:00 counts; Tuesday is the set's holiday.
    expect(state.metrics.m?.elapsed).toBe(8 * 3_600_000);
    expect(validationIssues(spec(false)).map((issue) => issue.path)).toEqual([
      ['calendars', 'office', 'holidaySets', 0],
    ]);
  });

  test('an attribute naming "__proto__" or "constructor" finds only a calendar of that own name', () => {
    const policy = compilePolicy(
      JSON.parse(
        '{"calendars":{"office":{"timeZone":"UTC","week":{"mon":[["09:00","17:00"]]}}},' +
          '"metrics":{"m":{"kind":"resolution","goals":[{"target":"100h","calendar":{"attribute":"cal","default":"office"}}]}}}',
      ),
    );
    // The host has an own "__proto__" calendar (open on Tuesdays) and nothing else.
    const host: Record<string, unknown> = {};
    Object.defineProperty(host, '__proto__', {
      value: compileCalendar({ timeZone: 'UTC', week: { tue: [['00:00', '24:00']] } }),
      enumerable: true,
    });
    for (const cal of reservedNames) {
      const state = computeSlaState(
        [{ type: 'created', at: '2026-03-02T09:00:00Z', attributes: JSON.parse(`{"cal":"${cal}"}`) }],
        policy,
        { now: '2026-03-03T09:00:00Z', calendars: host as never },
      );
      const expected =
        cal === '__proto__' ? { calendar: '__proto__', elapsed: 9 } : { calendar: 'office', elapsed: 8 };
      expect(state.metrics.m?.goal?.calendar, cal).toBe(expected.calendar);
      expect(state.metrics.m?.elapsed, cal).toBe(expected.elapsed * 3_600_000);
    }
  });

  test('compileCalendar refuses a reserved name among weekdays and calendar keys', () => {
    for (const text of [
      '{"timeZone":"UTC","week":{"__proto__":[["09:00","17:00"]]}}',
      '{"timeZone":"UTC","week":{},"__proto__":{}}',
      '{"timeZone":"UTC","week":{},"overrides":[{"date":"2026-01-01","hours":[],"__proto__":1}]}',
    ]) {
      expect(() => compileCalendar(JSON.parse(text)), text).toThrow(/unknown key "__proto__"/);
    }
  });

  test('an input that already uses the escape sentinel as a name keeps both names apart', () => {
    const spec = JSON.parse(
      '{"metrics":{"\\u0000__proto__":{"kind":"resolution","goals":[{"target":"1h"}]},' +
        '"__proto__":{"kind":"resolution","goals":[{"target":"2h"}]}}}',
    );
    const state = computeSlaState([{ type: 'created', at: 0 }], compilePolicy(spec), { now: 1000 });
    expect(Object.keys(state.metrics)).toEqual(['\u0000__proto__', '__proto__']);
    const protoMetric = Object.entries(state.metrics).find(([name]) => name === '__proto__')?.[1];
    expect(protoMetric?.goal?.target).toBe(7_200_000);
    const broken = JSON.parse(
      '{"metrics":{"\\u0000__proto__":{"kind":"resolution","goals":[{"target":"1h"}]},' +
        '"__proto__":{"kind":"resolution","goals":[{"target":"2 hours"}]}}}',
    );
    expect(validationIssues(broken).map((issue) => issue.path)).toEqual([
      ['metrics', '__proto__', 'goals', 0, 'target'],
    ]);
  });
});
