/**
 * The errors of `sla-clock serve` (docs/service.md, "Errors"): a status, a stable `code` a client
 * may switch on, a message naming what was wrong, and for bad input the validation issues. Every
 * error answer is this JSON, `{ "error": { "code", "message", "issues"? } }`; none carries a stack.
 */
import type { SlaIssue } from '../index.js';

/** One problem of a request body: the library's issue, its path from the body's root. */
export interface HttpIssue {
  readonly code: string;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** An answer other than 2xx, thrown by whatever handles a request and written by the server. */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly HttpIssue[],
    /** Extra response headers: `Allow` for 405. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

/** The JSON body of an error answer. */
export function errorBody(code: string, message: string, issues?: readonly HttpIssue[]): string {
  return JSON.stringify({ error: issues === undefined ? { code, message } : { code, message, issues } });
}

/**
 * A 400 for a value the library refused: its first issue's message, and every issue with its path
 * prefixed by the body field it came from (`['ticket', 'events', 0, 'at']`).
 */
export function invalidInput(code: string, field: string | null, issues: readonly SlaIssue[]): HttpError {
  const mapped = issues.map((issue) => ({
    code: issue.code,
    path: field === null ? issue.path : [field, ...issue.path],
    message: issue.message,
  }));
  return new HttpError(400, code, mapped[0]?.message ?? code, mapped);
}
