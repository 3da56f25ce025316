/** One ticket's state, or the lines to blame when it is invalid. Shared by the main thread and workers. */
import {
  type ComputeOptions,
  computeSlaState,
  isSlaValidationError,
  type Policy,
  type SlaState,
  type Ticket,
} from '../index.js';
import { cliMessage, lineCode } from './messages.js';

/** A problem to print as `line N: message` (or, inline, as `{"error":{"line","code","message"}}`). */
export interface LineProblem {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export type Evaluation =
  | { readonly ok: true; readonly state: SlaState }
  | { readonly ok: false; readonly problems: readonly LineProblem[] };

/**
 * Computes a ticket read from the input. `line` is the ticket's first line; `eventLines[i]`, for a
 * ticket made of event lines, the line of its event `i`, which an issue about that event blames.
 * `at` is the run's `now` and host calendars (`--calendars`).
 */
export function evaluate(
  ticket: object,
  line: number,
  eventLines: readonly number[] | null,
  policy: Policy,
  at: ComputeOptions,
): Evaluation {
  try {
    return { ok: true, state: computeSlaState(ticket as Ticket, policy, at) };
  } catch (error) {
    if (!isSlaValidationError(error)) {
      return {
        ok: false,
        problems: [{ line, code: lineCode.internal, message: cliMessage.internal(String(error)) }],
      };
    }
    const problems = error.issues.map((issue) => {
      const eventIndex = issue.path[0] === 'events' ? issue.path[1] : undefined;
      const eventLine =
        eventLines !== null && typeof eventIndex === 'number' ? eventLines[eventIndex] : undefined;
      return { line: eventLine ?? line, code: issue.code, message: issue.message };
    });
    return { ok: false, problems };
  }
}
