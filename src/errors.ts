/**
 * The one error type that bad input produces, and its machine-readable issues.
 *
 * Shaped like zod's `ZodError`: a list of issues, each with a `code`, a `path` into the input
 * and a readable `message` (built in `messages.ts`) that names the path, the bad value and what
 * was expected.
 */
import * as expected from './expected.js';
import { expectedGot } from './messages.js';

/** What kind of problem an issue reports. Stable: hosts may switch on it. */
export type SlaIssueCode =
  | 'invalid_type'
  | 'invalid_instant'
  | 'invalid_duration'
  | 'out_of_range'
  | 'invalid_time_zone'
  | 'invalid_local_time'
  | 'invalid_local_date'
  | 'empty_interval'
  | 'unrecognized_key'
  | 'duplicate'
  | 'invalid_value'
  /** The incremental tracker (docs/tracker.md): an event earlier than the latest pushed. */
  | 'out_of_order'
  /** A second `created` pushed to a tracker. */
  | 'duplicate_created'
  /** A tracker's first push is not `created`. */
  | 'missing_created'
  /** `tracker.state(now)` with `now` before the latest pushed event. */
  | 'now_before_events'
  /** A snapshot restored with another policy than the one it was taken with. */
  | 'policy_mismatch'
  /** A snapshot of a format version this copy of the library does not read. */
  | 'snapshot_version'
  /** A snapshot whose checksum or contents are not what a tracker wrote. */
  | 'snapshot_invalid';

/** A path into the input: object keys and array indexes, outermost first. */
export type SlaPath = readonly (string | number)[];

/** One problem found in the input. */
export interface SlaIssue {
  readonly code: SlaIssueCode;
  readonly path: SlaPath;
  readonly message: string;
}

// A registered symbol survives two copies of the library (ESM and CJS) in one process,
// where `instanceof` does not.
const brand: unique symbol = Symbol.for('sla-clock.SlaValidationError') as never;

/**
 * Thrown for every malformed input: a calendar, an instant, a duration.
 *
 * @example
 * try { compileCalendar({ timeZone: 'Mars/Olympus', week: {} }) }
 * catch (e) { if (isSlaValidationError(e)) e.issues[0].path } //=> ['timeZone']
 */
export class SlaValidationError extends Error {
  override readonly name = 'SlaValidationError';
  readonly issues: readonly SlaIssue[];
  readonly [brand] = true;

  constructor(issues: readonly SlaIssue[]) {
    // Hosts may build one to report their own checks the same way: refuse what is not issues.
    const problem = issuesProblem(issues);
    if (problem !== undefined) throw new SlaValidationError([problem]);
    super(issues.map((issue) => issue.message).join('\n'));
    this.issues = Object.freeze([...issues]);
  }
}

/** The issue with `issues` when it is not an array of issues, else undefined. */
function issuesProblem(issues: unknown): SlaIssue | undefined {
  if (!Array.isArray(issues))
    return { code: 'invalid_type', path: [], message: expectedGot('issues', [], expected.issues, issues) };
  for (let i = 0; i < issues.length; i++) {
    const issue: unknown = issues[i];
    if (
      typeof issue !== 'object' ||
      issue === null ||
      typeof (issue as SlaIssue).code !== 'string' ||
      !Array.isArray((issue as SlaIssue).path) ||
      typeof (issue as SlaIssue).message !== 'string'
    )
      return { code: 'invalid_type', path: [i], message: expectedGot('issues', [i], expected.issues, issue) };
  }
  return undefined;
}

/**
 * Whether `value` is an `SlaValidationError`, from this copy of the library or another one.
 *
 * @example
 * isSlaValidationError(new Error('x')) //=> false
 */
export function isSlaValidationError(value: unknown): value is SlaValidationError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/** Builds and throws an error holding a single issue. */
export function fail(code: SlaIssueCode, path: SlaPath, message: string): never {
  throw new SlaValidationError([{ code, path, message }]);
}
