/**
 * `options.calendars`: the host's own compiled calendars (one per agent or customer), which only
 * attribute references reach (docs/policy.md, "Host calendars"). A record is looked up by own key
 * and checked entry by entry as tickets need them; a resolver function is called as needed and
 * its exceptions propagate unchanged.
 */
import { type Calendar, timelineKey } from '../calendar/calendar.js';
import { fail } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import type { HostLookup } from '../policy/resolvedCalendar.js';

/** Host calendars as `computeSlaState`, `computeSlaStates` and `explainSla` take them. */
export type HostCalendars = Readonly<Record<string, Calendar>> | ((name: string) => Calendar | undefined);

/**
 * The lookup for `options.calendars`, or undefined when there are none. Refuses a value that is
 * neither a record nor a function at once; entries are checked when a ticket needs one.
 */
export function hostLookupOf(options: object): HostLookup | undefined {
  const calendars = (options as { calendars?: unknown }).calendars;
  if (calendars === undefined) return undefined;
  if (typeof calendars === 'function') {
    const resolver = calendars as (name: string) => unknown;
    return (name) => {
      const found = resolver(name);
      return found === undefined ? undefined : checked(found, name);
    };
  }
  if (calendars === null || typeof calendars !== 'object' || Array.isArray(calendars))
    fail(
      'invalid_type',
      ['calendars'],
      expectedGot('options', ['calendars'], expected.hostCalendars, calendars),
    );
  const record = calendars as Record<string, unknown>;
  // An own key holding `undefined` names nothing, as a resolver returning `undefined` does.
  return (name) => {
    const found = Object.hasOwn(record, name) ? record[name] : undefined;
    return found === undefined ? undefined : checked(found, name);
  };
}

/** A compiled calendar from either copy of the library (ESM or CJS), as a cycle uses it. */
function checked(value: unknown, name: string) {
  const timeline =
    value !== null && typeof value === 'object' ? (value as Partial<Calendar>)[timelineKey] : undefined;
  if (timeline === undefined) {
    // The path starts at `options`, as documented for host calendars.
    const path = ['options', 'calendars', name];
    fail('invalid_type', path, expectedGot('', path, expected.hostCalendar, value));
  }
  return { name, timeZone: (value as Calendar).timeZone, timeline };
}
