/** Flag values checked once, at the edge: each bad value ends the run with exit code 2. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isSlaValidationError } from '../index.js';
import { compilePeriod, type PeriodOptions } from '../report/period.js';
import { parseDurationText } from '../time/duration.js';
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

/** `compute --now`: an instant, or `live` (null: read the clock for each ticket). */
export function parseNowOrLive(text: string | undefined): number | null {
  if (text === 'live') return null;
  if (text === undefined) return Date.now();
  const ms = parseRfc3339(text);
  if (ms === undefined) throw new CliError(cliMessage.nowLive(text), 2, true);
  if (ms < minInstantMs || ms > maxInstantMs) throw new CliError(cliMessage.nowRange(text));
  return ms;
}

/** A flag with a few allowed words (`--errors stderr|inline`), the first by default. */
export function parseChoice<C extends string>(
  flag: string,
  text: string | undefined,
  allowed: readonly [C, ...C[]],
): C {
  if (text === undefined) return allowed[0];
  if ((allowed as readonly string[]).includes(text)) return text as C;
  throw new CliError(cliMessage.choice(flag, allowed, text), 2, true);
}

export const parsePort = (text: string | undefined): number =>
  text === undefined ? 8080 : parseWhole(text, 0, 65_535, cliMessage.port);

/** `--host`: an IP address or a name, passed to `listen` as it is (it reports what cannot be bound). */
export function parseHost(text: string | undefined): string {
  if (text === undefined) return '127.0.0.1';
  if (!/^[A-Za-z0-9.:%_-]{1,253}$/.test(text)) throw new CliError(cliMessage.host(text), 2, true);
  return text;
}

export const parseMaxConnections = (text: string | undefined): number =>
  text === undefined ? 1024 : parseWhole(text, 1, 1_000_000, cliMessage.maxConnections);

const sizeUnits: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};
/** The largest `--max-body`: `/v1/report` holds a whole body as text. */
const maxBodyLimit = 256 * 1024 ** 2;

/**
 * `--max-body`: bytes, or a size with a unit (`10mb`, `512kb`, `1.5mb`); units are powers of 1024,
 * as in Express's `limit`.
 *
 * @example
 * parseMaxBody('10mb') //=> 10485760
 */
export function parseMaxBody(text: string | undefined): number {
  if (text === undefined) return 10 * 1024 ** 2;
  const match = /^(\d{1,12}(?:\.\d{1,6})?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match === null ? undefined : sizeUnits[(match[2] as string).toLowerCase()];
  const bytes = match === null || unit === undefined ? Number.NaN : Math.floor(Number(match[1]) * unit);
  if (!(bytes >= 1 && bytes <= maxBodyLimit)) throw new CliError(cliMessage.maxBody(text), 2, true);
  return bytes;
}

/** `--request-timeout`: a duration as policies write them (`2m`, `30s`, `PT5M`), 100 ms to a day. */
export function parseRequestTimeout(text: string | undefined): number {
  if (text === undefined) return 120_000;
  const ms = /^\d{1,9}$/.test(text) ? Number(text) : parseDurationText(text);
  if (ms === undefined || ms < 100 || ms > 86_400_000)
    throw new CliError(cliMessage.requestTimeout(text), 2, true);
  return ms;
}

/** A flag as `node:util` `parseArgs` declares it. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
}

/**
 * Edit distance between two words (insertions, deletions, substitutions, and swaps of two
 * neighbours, which is the commonest slip: `--polciy`).
 *
 * @example
 * editDistance('polcy', 'policy') //=> 1
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The known word nearest to `word`, if it is near enough to be what was meant: at most 2 edits
 * (1 for words of up to 4 letters), or a known word that starts with it (`--group` for
 * `--group-by`). Ties go to the first in `known`.
 *
 * @example
 * closestWord('polcy', ['policy', 'now']) //=> 'policy'
 */
export function closestWord(word: string, known: readonly string[]): string | undefined {
  const allowed = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of known) {
    const distance = editDistance(word.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ?? (word.length >= 3 ? known.find((candidate) => candidate.startsWith(word)) : undefined);
}

/**
 * Reads a command's arguments, refusing in one clean line each what `parseArgs`' strict mode
 * refuses in longer sentences: an unknown flag (with the nearest known one), a flag missing its
 * value, a switch given one. A flag's value never starts with "-" unless it is written
 * `--flag=-x`: `--policy --now X` is `--policy` without its value, never a policy file named
 * "--now". What it returns is then what a strict `parseArgs` returns, which the caller may type so.
 *
 * @example
 * checkFlags('report', ['--now', 'X', 'a.ndjson'], { now: { type: 'string' } })
 * //=> { values: { now: 'X' }, positionals: ['a.ndjson'] }
 */
export function checkFlags(
  command: string,
  args: readonly string[],
  flags: Readonly<Record<string, FlagSpec>>,
): { values: Readonly<Record<string, unknown>>; positionals: string[] } {
  const { values, positionals, tokens } = parseArgs({
    args: [...args],
    options: flags as ParseArgsConfig['options'],
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const names = Object.keys(flags);
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const flag = flags[token.name];
    if (flag === undefined || !Object.hasOwn(flags, token.name)) {
      const isLong = token.rawName.startsWith('--');
      const suggestion = isLong ? closestWord(token.name, names) : undefined;
      throw new CliError(cliMessage.unknownFlag(command, token.rawName, suggestion), 2);
    }
    const rawName =
      flag.short === undefined || token.rawName.startsWith('--') ? `--${token.name}` : token.rawName;
    if (flag.type === 'boolean') {
      if (token.value !== undefined) throw new CliError(cliMessage.flagTakesNoValue(command, rawName), 2);
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('-') && value !== '-'))
      throw new CliError(
        cliMessage.flagNeedsValue(command, rawName, token.inlineValue ? undefined : value),
        2,
      );
  }
  return { values, positionals };
}

/**
 * `report --period day|week|month [--period-zone ZONE] [--period-by start|end]`: the zone is UTC
 * unless given, the instant the cycle's start unless `end` (docs/reports.md, "Periods").
 * `--period-zone` and `--period-by` without `--period` are refused rather than ignored.
 */
export function parsePeriod(
  unit: string | undefined,
  zone: string | undefined,
  by: string | undefined,
): PeriodOptions | undefined {
  if (unit === undefined) {
    if (zone !== undefined) throw new CliError(cliMessage.periodFlagAlone('period-zone'), 2, true);
    if (by !== undefined) throw new CliError(cliMessage.periodFlagAlone('period-by'), 2, true);
    return undefined;
  }
  const period = { unit, timeZone: zone ?? 'UTC', by: by ?? 'start' };
  // The library checks the period as summarizeSla will: ask it now, before any input is read.
  try {
    compilePeriod(period);
  } catch (error) {
    if (!isSlaValidationError(error)) throw error;
    // The library names `options.period.unit`, `.timeZone` or `.by`: here, the flag.
    const key = error.issues[0]?.path[1];
    const message =
      key === 'unit'
        ? cliMessage.choice('period', ['day', 'week', 'month'], unit)
        : key === 'by'
          ? cliMessage.choice('period-by', ['start', 'end'], period.by)
          : cliMessage.periodZone(period.timeZone);
    throw new CliError(message, 2, true);
  }
  return period as PeriodOptions;
}
