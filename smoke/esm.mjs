// Smoke test of the BUILT package through ESM, imported by its name as a user would import it.
// Run after `npm run build`: `node smoke/esm.mjs` (exits non-zero on the first failed assertion).
// `sla-clock` resolves through Node's package self-reference; see the comment in .ci/run.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as lib from 'sla-clock';

const require = createRequire(import.meta.url);
const HOUR_MS = 3_600_000;

// The name reaches the ESM build through the `exports` map, not src/.
assert.match(fileURLToPath(import.meta.resolve('sla-clock')), /[\\/]dist[\\/]index\.js$/);
const manifest = require('sla-clock/package.json');
// The library's files are free of side effects; only the global build's script has one.
assert.deepEqual(manifest.sideEffects, ['./dist/sla-clock.global.js']);
const typesUrl = new URL(manifest.exports['.'].import.types, import.meta.resolve('sla-clock/package.json'));
assert.ok(existsSync(typesUrl), 'the build wrote the ESM types');

const exported = new Map(Object.entries(lib));
for (const name of [
  'compileCalendar',
  'isOpen',
  'businessTimeBetween',
  'addBusinessTime',
  'nextOpen',
  'nextClose',
  'calendarTable',
  'isSlaValidationError',
  'SlaValidationError',
  'compilePolicy',
  'safeCompilePolicy',
  'computeSlaState',
  'computeSlaStates',
  'serializeSlaState',
  'summarizeSla',
  'explainSla',
  'holidaysFromIcs',
  'diffSlaStates',
  'compareSlaPolicies',
  'policyJsonSchema',
]) {
  assert.equal(typeof exported.get(name), 'function', `export ${name} is a function`);
}

const nineToFive = [['09:00', '17:00']];
const cal = lib.compileCalendar({
  timeZone: 'America/New_York',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
});
// Monday 09:00 EST to Tuesday 09:00 EST: one working day.
assert.equal(lib.businessTimeBetween(cal, '2026-03-02T14:00:00Z', '2026-03-03T14:00:00Z'), 8 * HOUR_MS);
// Monday 09:00 EST + 8 h lands on the close, Monday 17:00 EST.
assert.equal(
  lib.addBusinessTime(cal, Date.parse('2026-03-02T14:00:00Z'), 8 * HOUR_MS),
  Date.parse('2026-03-02T22:00:00Z'),
);

/** Returns what `compileCalendar` throws for a zone that does not exist. */
function badZoneError(copy) {
  try {
    copy.compileCalendar({ timeZone: 'Mars/Olympus', week: {} });
  } catch (error) {
    return error;
  }
  assert.fail('compileCalendar accepted the time zone Mars/Olympus');
}

const esmError = badZoneError(lib);
assert.ok(lib.isSlaValidationError(esmError), `isSlaValidationError(${esmError})`);
assert.ok(esmError instanceof lib.SlaValidationError);
assert.ok(esmError instanceof Error);
assert.equal(esmError.name, 'SlaValidationError');
assert.ok(Array.isArray(esmError.issues) && esmError.issues.length > 0, 'the error lists its issues');
assert.equal(lib.isSlaValidationError(new Error('plain')), false);

// The CJS build is a second, distinct copy, yet each copy recognises the other's errors.
assert.match(require.resolve('sla-clock'), /[\\/]dist[\\/]index\.cjs$/);
const cjs = require('sla-clock');
assert.notEqual(cjs.compileCalendar, lib.compileCalendar);
assert.notEqual(cjs.SlaValidationError, lib.SlaValidationError);
const cjsError = badZoneError(cjs);
assert.ok(lib.isSlaValidationError(cjsError), 'the ESM copy recognises an error thrown by the CJS copy');
assert.ok(cjs.isSlaValidationError(esmError), 'the CJS copy recognises an error thrown by the ESM copy');

// The SLA engine through the built package, and a policy compiled by the CJS copy used by the ESM one.
const policySpec = { metrics: { first_reply: { kind: 'first_response', goals: [{ target: '1h' }] } } };
const ticket = { id: 'T-1', events: [{ type: 'created', at: '2026-03-02T09:00:00Z' }] };
for (const policy of [lib.compilePolicy(policySpec), cjs.compilePolicy(policySpec)]) {
  const state = lib.computeSlaState(ticket, policy, { now: '2026-03-02T09:30:00Z' });
  assert.equal(state.metrics.first_reply.remaining, 30 * 60_000);
  assert.equal(lib.serializeSlaState(state).metrics.first_reply.deadline, '2026-03-02T10:00:00.000Z');
}
// The policy's JSON Schema ships as a file, the same as the function's answer.
const shipped = require('sla-clock/policy.schema.json');
assert.deepEqual(shipped, lib.policyJsonSchema());
// The library entry never pulls in the CLI, and the CLI is a separate file with its bin entry.
assert.equal(manifest.bin['sla-clock'], './dist/cli.js');
assert.ok(existsSync(new URL('../dist/cli.js', import.meta.url)));

// sla-clock/global: the self-contained script, through the `exports` map, with its types.
const globalUrl = import.meta.resolve('sla-clock/global');
assert.match(fileURLToPath(globalUrl), /[\\/]dist[\\/]sla-clock\.global\.js$/);
assert.ok(
  existsSync(new URL(manifest.exports['./global'].types, import.meta.resolve('sla-clock/package.json'))),
);
// In a bare V8 context (no require, process or timers), as a warehouse UDF runs it.
const bare = vm.createContext({});
vm.runInContext(readFileSync(new URL(globalUrl), 'utf8'), bare);
const fromGlobal = JSON.parse(
  vm.runInContext(
    `JSON.stringify(slaClock.serializeSlaState(slaClock.computeSlaState(${JSON.stringify(ticket)},
      slaClock.compilePolicy(${JSON.stringify(policySpec)}), { now: '2026-03-02T09:30:00Z' })))`,
    bare,
  ),
);
assert.equal(fromGlobal.metrics.first_reply.deadline, '2026-03-02T10:00:00.000Z');
// Imported for its effect, it defines globalThis.slaClock here too.
await import('sla-clock/global');
assert.equal(typeof globalThis.slaClock.computeSlaState, 'function');

console.log('smoke/esm.mjs: ok');
