/** Exit codes of the CLI (docs/cli.md, "Errors and exit codes") and the error that ends a run with one. */

export const ExitCode = {
  /** Every ticket was computed. */
  Ok: 0,
  /** Some input lines or tickets were invalid; the others were computed. */
  InvalidInput: 1,
  /** Bad flags, an unreadable or invalid policy: nothing was computed. */
  Usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Ends the run: `message` goes to stderr, the process exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: ExitCode;
  /** Whether to print the command's usage after the message. */
  readonly showUsage: boolean;

  constructor(message: string, exitCode: ExitCode = ExitCode.Usage, showUsage = false) {
    super(message);
    this.exitCode = exitCode;
    this.showUsage = showUsage;
  }
}

/**
 * An unexpected error as a log line shows it: its stack (which starts with its message), or what
 * was thrown if it is not an `Error`.
 *
 * @example
 * errorText('disk full') //=> 'disk full'
 */
export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
