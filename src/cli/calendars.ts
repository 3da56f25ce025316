/**
 * `--calendars FILE`: the host's calendars for a run (docs/cli.md, "Host calendars"), a JSON
 * object of `CalendarSpec`s by name, compiled once. Goals whose calendar is
 * `{ attribute, default }` reach them when the attribute names no policy calendar.
 */
import { type Calendar, type ComputeOptions, compileCalendar, isSlaValidationError } from '../index.js';
import { CliError } from './exit.js';
import { readJsonFile } from './jsonFile.js';
import { cliMessage } from './messages.js';

/** Reads and parses the file, without compiling it (exit code 2 if unreadable or not JSON). */
export function readCalendarsSpec(path: string): unknown {
  return readJsonFile('calendars file', path);
}

/**
 * Compiles every calendar of a parsed file (own keys, `"__proto__"` an ordinary name); every
 * problem is reported with its name, and the run ends with exit code 2.
 */
export function compileCalendars(path: string, spec: unknown): Readonly<Record<string, Calendar>> {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
    throw new CliError(cliMessage.calendarsFile(path));
  const compiled: [string, Calendar][] = [];
  const problems: string[] = [];
  for (const [name, calendarSpec] of Object.entries(spec)) {
    try {
      compiled.push([name, compileCalendar(calendarSpec)]);
    } catch (error) {
      if (!isSlaValidationError(error)) throw error;
      for (const issue of error.issues) problems.push(cliMessage.calendarInvalid(path, name, issue.message));
    }
  }
  if (problems.length > 0) throw new CliError(problems.join('\n'));
  // Object.fromEntries defines own properties: a calendar named "__proto__" stays a name.
  return Object.fromEntries(compiled);
}

/** The options every ticket of a run is computed with: `now`, and the host's calendars if any. */
export function computeOptionsOf(
  nowMs: number,
  calendars: Readonly<Record<string, Calendar>> | undefined,
): ComputeOptions {
  return calendars === undefined ? { now: nowMs } : { now: nowMs, calendars };
}

/** Loads `--calendars` for the main thread, or nothing without the flag. */
export function loadCalendars(path: string | undefined): Readonly<Record<string, Calendar>> | undefined {
  return path === undefined ? undefined : compileCalendars(path, readCalendarsSpec(path));
}
