// Smoke test of the BUILT package through CommonJS, required by its name as a user would.
// Run after `npm run build`: `node smoke/cjs.cjs` (exits non-zero on the first failed assertion).
// `sla-clock` resolves through Node's package self-reference; see the comment in .ci/run.
const assert = require('node:assert/strict');
const { existsSync } = require('node:fs');
const path = require('node:path');
const lib = require('sla-clock');

const HOUR_MS = 3_600_000;

// The name reaches the CJS build through the `exports` map, not src/.
assert.match(require.resolve('sla-clock'), /[\\/]dist[\\/]index\.cjs$/);
const manifest = require('sla-clock/package.json');
// The library's files are free of side effects; only the global build's script has one.
assert.deepEqual(manifest.sideEffects, ['./dist/sla-clock.global.js']);
const root = path.dirname(require.resolve('sla-clock/package.json'));
assert.ok(existsSync(path.join(root, manifest.exports['.'].require.types)), 'the build wrote the CJS types');

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
]) {
  assert.equal(typeof lib[name], 'function', `export ${name} is a function`);
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

assert.throws(
  () => lib.compileCalendar({ timeZone: 'Mars/Olympus', week: {} }),
  (error) =>
    lib.isSlaValidationError(error) &&
    error instanceof lib.SlaValidationError &&
    error instanceof Error &&
    error.name === 'SlaValidationError' &&
    Array.isArray(error.issues) &&
    error.issues.length > 0,
  'compileCalendar rejects the time zone Mars/Olympus with an SlaValidationError',
);
assert.equal(lib.isSlaValidationError(new Error('plain')), false);

console.log('smoke/cjs.cjs: ok');
