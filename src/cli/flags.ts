/** Flag values checked once, at the edge: each bad value ends the run with exit code 2. */
import { parseRfc3339 } from '../time/instant.js';
import { maxInstantMs, minInstantMs } from '../time/range.js';
import { CliError } from './exit.js';
import { cliMessage } from './messages.js';

/** `--now`, default the current time: the only clock read of sla-clock. */
export function parseNow(text: string | undefined): number {
  if (text === undefined) return Date.now();
  const ms = parseRfc3339(text);
  if (ms === undefined) throw new CliError(cliMessage.now(text), 2, true);
  if (ms < minInstantMs || ms > maxInstantMs) throw new CliError(cliMessage.nowRange(text));
  return ms;
}

/** A whole number flag such as `--workers 4` or `--cycle 0`, within bounds. */
function parseWhole(text: string, min: number, max: number, message: (text: string) => string): number {
  if (!/^\d{1,9}$/.test(text)) throw new CliError(message(text), 2, true);
  const value = Number(text);
  if (value < min || value > max) throw new CliError(message(text), 2, true);
  return value;
}

export const parseWorkers = (text: string | undefined): number =>
  text === undefined ? 1 : parseWhole(text, 1, 256, cliMessage.workers);

export const parseCycle = (text: string | undefined): number | undefined =>
  text === undefined ? undefined : parseWhole(text, 0, Number.MAX_SAFE_INTEGER, cliMessage.cycle);

/** `--format`: one of `allowed`, the first by default. */
export function parseFormat<F extends string>(text: string | undefined, allowed: readonly [F, ...F[]]): F {
  if (text === undefined) return allowed[0];
  if ((allowed as readonly string[]).includes(text)) return text as F;
  throw new CliError(cliMessage.format(allowed, text), 2, true);
}
