/**
 * Checks of a public function's top-level arguments (issue 7, D4): a `typeof` or two, once per
 * call and before any work, so that a wrong argument is an `SlaValidationError` naming it
 * (`tickets: expected an iterable of tickets ..., got 5`), never a TypeError from deep inside.
 * What an argument contains is checked by the readers made for it (the policy schema, the
 * event reader), not here.
 */
import { fail } from './errors.js';
import { expectedGot } from './messages.js';

/**
 * Refuses anything but a non-null object that is not an array (an array passed as options or as
 * a policy is a slip, not a container to read keys from): `root` names the argument, `what` says
 * what was expected.
 *
 * @example
 * checkObject(null, 'options', expected.options) // throws "options: expected options { now }, got null"
 */
export function checkObject(value: unknown, root: string, what: string): asserts value is object {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    fail('invalid_type', [], expectedGot(root, [], what, value));
}

/**
 * Refuses anything that `for...of` cannot iterate, and strings: a string is iterable, but its
 * characters are never tickets or states. Functions are refused too, which catches the common
 * slip of passing a generator function instead of calling it.
 *
 * @example
 * checkIterable(new Date(0), 'tickets', expected.tickets) // throws "tickets: expected an iterable of tickets ..., got a Date"
 */
export function checkIterable(
  value: unknown,
  root: string,
  what: string,
): asserts value is Iterable<unknown> {
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  ) {
    fail('invalid_type', [], expectedGot(root, [], what, value));
  }
}
