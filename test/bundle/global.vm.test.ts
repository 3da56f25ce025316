/**
 * `sla-clock/global` in a bare V8 context (SPEC.md 16.4): a `node:vm` context holds only what
 * ECMAScript defines (with Intl; V8 adds its own `console`), no `require`, `process`, timers,
 * `structuredClone` or `TextEncoder`, as in a warehouse's JavaScript UDF. The script must define
 * `globalThis.slaClock` and compute the same state as the library in Node.
 */
import vm from 'node:vm';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  compilePolicy,
  computeSlaState,
  type PolicySpec,
  serializeSlaState,
  type Ticket,
} from '../../src/index.js';
import { buildGlobalScript } from './buildGlobal.js';
import { computeWithGlobal, runtimeCase, runtimeExpected } from './fixture.js';

let script = '';
beforeAll(async () => {
  script = await buildGlobalScript();
}, 120_000);

/** The state computed in Node from the same case, serialized as the host returns it. */
function nodeState(): unknown {
  const { policy, ticket, now } = structuredClone(runtimeCase) as unknown as {
    policy: PolicySpec;
    ticket: Ticket;
    now: string;
  };
  return JSON.parse(
    JSON.stringify(serializeSlaState(computeSlaState(ticket, compilePolicy(policy), { now }))),
  );
}

/** Runs `code` in `context` and brings a JSON answer back into this realm. */
function runJson(context: vm.Context, code: string): unknown {
  return JSON.parse(vm.runInContext(code, context) as string);
}

describe('sla-clock/global in a bare V8 context (node:vm)', () => {
  test('the context really is bare: no require, process, timers or web APIs', () => {
    const context = vm.createContext({});
    const absent = [
      'require',
      'process',
      'module',
      'setTimeout',
      'setInterval',
      'setImmediate',
      'queueMicrotask',
      'structuredClone',
      'TextEncoder',
      'URL',
      'fetch',
      'crypto',
      'performance',
    ];
    for (const name of absent)
      expect(vm.runInContext(`typeof globalThis[${JSON.stringify(name)}]`, context), name).toBe('undefined');
  });

  test("defines globalThis.slaClock, beside zod's shared configuration, and nothing else", () => {
    const context = vm.createContext({});
    const before = new Set(vm.runInContext('Object.getOwnPropertyNames(globalThis)', context) as string[]);
    vm.runInContext(script, context, { filename: 'sla-clock.global.js' });
    const after = vm.runInContext('Object.getOwnPropertyNames(globalThis)', context) as string[];
    // zod keeps its configuration on globalThis, so that copies of zod in one realm share it.
    expect(after.filter((name) => !before.has(name)).sort()).toEqual(['__zod_globalConfig', 'slaClock']);
    expect(vm.runInContext('typeof slaClock.computeSlaState', context)).toBe('function');
    expect(vm.runInContext('Object.isFrozen(slaClock)', context)).toBe(true);
  });

  test('computes the same state as the library in Node, with the numbers worked out by hand', () => {
    const context = vm.createContext({});
    vm.runInContext(script, context, { filename: 'sla-clock.global.js' });
    // Input crosses as JSON text, as a warehouse hands a UDF its arguments.
    const input = JSON.stringify(runtimeCase);
    const state = runJson(
      context,
      `JSON.stringify((function (input) {${computeWithGlobal}})(JSON.parse(${JSON.stringify(input)})))`,
    ) as {
      metrics: Record<
        string,
        { status: string; elapsed: number; remaining: number | null; deadline: string | null }
      >;
    };
    expect(state).toEqual(nodeState());
    expect(state.metrics.first_reply).toMatchObject(runtimeExpected.firstReply);
    expect(state.metrics.resolution).toMatchObject(runtimeExpected.resolution);
  });

  test('works when a host wraps library and body in one function (as a Snowflake UDF body is)', () => {
    const context = vm.createContext({ INPUT: JSON.stringify(runtimeCase) });
    const body = `${script}\nconst input = JSON.parse(INPUT);\nreturn JSON.stringify((function () {${computeWithGlobal}})());`;
    const state = runJson(context, `(function () {${body}\n})()`);
    expect(state).toEqual(nodeState());
  });

  // The tests above reach the compute path; this guards every other path (tracker, reports, ICS):
  // the script may name no host API. Global names survive minification, so a scan finds them.
  test('the script names no host API (Intl.DateTimeFormat with IANA zones is the one it needs)', () => {
    const hostApis = [
      'structuredClone',
      'TextEncoder',
      'TextDecoder',
      'setTimeout',
      'setInterval',
      'queueMicrotask',
      'process',
      'require',
      'Buffer',
      'crypto',
      'performance',
      'window',
      'document',
      'navigator',
      'fetch',
      'URL',
    ];
    const named = hostApis.filter((name) => new RegExp(`(?<![.\\w$])${name}\\b`).test(script));
    expect(named).toEqual([]);
    expect(script).toMatch(/Intl\.DateTimeFormat/);
  });

  test('validation errors come through as SlaValidationError with their messages', () => {
    const context = vm.createContext({});
    vm.runInContext(script, context, { filename: 'sla-clock.global.js' });
    const answer = runJson(
      context,
      `(() => { try { slaClock.compilePolicy({ metrics: { m: { kind: 'resolution', goals: [{ target: '4 hours' }] } } }); return 'null'; }
        catch (error) { return JSON.stringify({ named: slaClock.isSlaValidationError(error), issues: error.issues }); } })()`,
    ) as { named: boolean; issues: { code: string; path: unknown[]; message: string }[] };
    expect(answer.named).toBe(true);
    expect(answer.issues).toEqual([
      {
        code: 'invalid_duration',
        path: ['metrics', 'm', 'goals', 0, 'target'],
        message: expect.stringContaining(
          'policy.metrics.m.goals[0].target: expected a duration such as "4h"',
        ),
      },
    ]);
  });
});
