#!/usr/bin/env node
/**
 * The `sla-clock` command (docs/cli.md): arguments, dispatch, exit codes. Its own entry
 * point (dist/cli.js); the library never imports anything from src/cli.
 */
import type { ParseArgsConfig, parseArgs } from 'node:util';
import { runCalendarTable } from './calendarTable.js';
import { runCompute } from './compute.js';
import { runDiff } from './diff.js';
import { CliError, ExitCode, errorText } from './exit.js';
import { runExplain } from './explain.js';
import {
  checkFlags,
  closestWord,
  parseChoice,
  parseCycle,
  parseFormat,
  parseHost,
  parseMaxBody,
  parseMaxConnections,
  parseNow,
  parseNowOrLive,
  parsePeriod,
  parsePort,
  parseRequestTimeout,
  parseWorkers,
} from './flags.js';
import { parseHolidaysRequest, runHolidays } from './holidays.js';
import { type CommandName, cliMessage, usage } from './messages.js';
import { parsePolicyFlags } from './policySet.js';
import { runReport } from './report.js';
import { runServeCommand } from './serveCluster.js';
import { runValidate } from './validate.js';
import { packageVersion, tzVersion } from './version.js';

type Options = NonNullable<ParseArgsConfig['options']>;

const help = { type: 'boolean', short: 'h' } as const;
const policy = { type: 'string' } as const;
const now = { type: 'string' } as const;
const calendars = { type: 'string' } as const;

const commandOptions = {
  compute: {
    policy,
    now,
    calendars,
    workers: { type: 'string' },
    errors: { type: 'string' },
    cycles: { type: 'string' },
    help,
  },
  report: {
    policy,
    now,
    calendars,
    'group-by': { type: 'string' },
    'group-by-key': { type: 'boolean' },
    format: { type: 'string' },
    period: { type: 'string' },
    'period-zone': { type: 'string' },
    'period-by': { type: 'string' },
    wide: { type: 'boolean' },
    help,
  },
  explain: {
    policy,
    now,
    calendars,
    ticket: { type: 'string' },
    metric: { type: 'string' },
    cycle: { type: 'string' },
    format: { type: 'string' },
    help,
  },
  diff: {
    policy,
    against: { type: 'string' },
    now,
    calendars,
    'group-by': { type: 'string' },
    format: { type: 'string' },
    help,
  },
  validate: { help },
  serve: {
    policy: { type: 'string', multiple: true },
    calendars,
    port: { type: 'string' },
    host: { type: 'string' },
    workers: { type: 'string' },
    'max-body': { type: 'string' },
    'max-connections': { type: 'string' },
    'request-timeout': { type: 'string' },
    help,
  },
  holidays: {
    country: { type: 'string' },
    region: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    types: { type: 'string' },
    help,
  },
  'calendar-table': {
    calendar: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    help,
  },
} as const satisfies Record<CommandName, Options>;

const isCommand = (name: string): name is CommandName => Object.hasOwn(commandOptions, name);

/** `sla-clock 0.2.0 (tz 2025c)`. */
function version(): string {
  return `sla-clock ${packageVersion()} (tz ${tzVersion()})`;
}

/** What a strict `parseArgs` returns for the command's flags. */
type Parsed<C extends CommandName> = ReturnType<
  typeof parseArgs<{ options: (typeof commandOptions)[C]; allowPositionals: true; strict: true }>
>;

function parse<C extends CommandName>(command: C, args: readonly string[]): Parsed<C> {
  // checkFlags refuses, in one line each, every argument strict mode would: what it returns is the
  // strict result.
  return checkFlags(command, args, commandOptions[command]) as Parsed<C>;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined) throw new CliError(cliMessage.requiredFlag(flag), ExitCode.Usage, true);
  return value;
}

/** `--group-by-key` groups by each cycle's key; it and `--group-by` exclude each other. */
function groupByKeyOf(byKey: boolean | undefined, groupBy: string | undefined): boolean {
  if (byKey === true && groupBy !== undefined)
    throw new CliError(cliMessage.groupByBoth(), ExitCode.Usage, true);
  return byKey === true;
}

/** Commands that read no file (`serve`, `calendar-table`): any positional argument is a slip. */
function noPositionals(positionals: readonly string[]): void {
  if (positionals.length > 0)
    throw new CliError(
      cliMessage.badFlags(`unexpected argument ${JSON.stringify(positionals[0])}`),
      ExitCode.Usage,
      true,
    );
}

/** At most one tickets file; none, or "-", is stdin. */
function inputOf(positionals: readonly string[]): string | undefined {
  if (positionals.length > 1) throw new CliError(cliMessage.oneInput(positionals), ExitCode.Usage, true);
  return positionals[0];
}

async function run(command: CommandName, args: readonly string[]): Promise<ExitCode> {
  switch (command) {
    case 'compute': {
      const { values, positionals } = parse('compute', args);
      if (values.help) return printUsage(command);
      const policyPath = required(values.policy, 'policy');
      const nowMs = parseNowOrLive(values.now);
      return runCompute({
        policyPath,
        nowMs: nowMs ?? Date.now(),
        calendarsPath: values.calendars,
        workers: parseWorkers(values.workers),
        input: inputOf(positionals),
        output: {
          liveNow: nowMs === null,
          inlineErrors: parseChoice('errors', values.errors, ['stderr', 'inline']) === 'inline',
          latestOnly: parseChoice('cycles', values.cycles, ['all', 'latest']) === 'latest',
        },
      });
    }
    case 'report': {
      const { values, positionals } = parse('report', args);
      if (values.help) return printUsage(command);
      return runReport({
        policyPath: required(values.policy, 'policy'),
        nowMs: parseNow(values.now),
        calendarsPath: values.calendars,
        groupBy: values['group-by'],
        groupByKey: groupByKeyOf(values['group-by-key'], values['group-by']),
        format: parseFormat(values.format, ['table', 'json', 'html']),
        period: parsePeriod(values.period, values['period-zone'], values['period-by']),
        wide: values.wide === true,
        input: inputOf(positionals),
      });
    }
    case 'explain': {
      const { values, positionals } = parse('explain', args);
      if (values.help) return printUsage(command);
      return runExplain({
        policyPath: required(values.policy, 'policy'),
        nowMs: parseNow(values.now),
        calendarsPath: values.calendars,
        ticketId: required(values.ticket, 'ticket'),
        metric: values.metric,
        cycle: parseCycle(values.cycle),
        format: parseFormat(values.format, ['text', 'json', 'svg', 'html']),
        input: inputOf(positionals),
      });
    }
    case 'diff': {
      const { values, positionals } = parse('diff', args);
      if (values.help) return printUsage(command);
      return runDiff({
        policyPath: required(values.policy, 'policy'),
        againstPath: required(values.against, 'against'),
        nowMs: parseNow(values.now),
        calendarsPath: values.calendars,
        groupBy: values['group-by'],
        format: parseFormat(values.format, ['table', 'json', 'ndjson']),
        input: inputOf(positionals),
      });
    }
    case 'validate': {
      const { values, positionals } = parse('validate', args);
      if (values.help) return printUsage(command);
      if (positionals.length !== 1) throw new CliError(cliMessage.onePolicyFile(), ExitCode.Usage, true);
      return runValidate(positionals[0]!);
    }
    case 'serve': {
      const { values, positionals } = parse('serve', args);
      if (values.help) return printUsage(command);
      noPositionals(positionals);
      if (values.policy === undefined)
        throw new CliError(cliMessage.requiredFlag('policy'), ExitCode.Usage, true);
      return runServeCommand({
        policies: parsePolicyFlags(values.policy),
        calendarsPath: values.calendars,
        host: parseHost(values.host),
        port: parsePort(values.port),
        workers: parseWorkers(values.workers),
        maxBodyBytes: parseMaxBody(values['max-body']),
        maxConnections: parseMaxConnections(values['max-connections']),
        requestTimeoutMs: parseRequestTimeout(values['request-timeout']),
      });
    }
    case 'holidays': {
      const { values, positionals } = parse('holidays', args);
      if (values.help) return printUsage(command);
      if (positionals.length > 0) throw new CliError(cliMessage.oneInput(positionals), ExitCode.Usage, true);
      return runHolidays(
        parseHolidaysRequest({
          country: required(values.country, 'country'),
          region: values.region,
          from: required(values.from, 'from'),
          to: values.to,
          types: values.types,
        }),
      );
    }
    case 'calendar-table': {
      const { values, positionals } = parse('calendar-table', args);
      if (values.help) return printUsage(command);
      noPositionals(positionals);
      return runCalendarTable({
        calendarPath: required(values.calendar, 'calendar'),
        from: required(values.from, 'from'),
        to: required(values.to, 'to'),
        format: parseFormat(values.format, ['csv', 'ndjson']),
      });
    }
  }
}

function printUsage(command?: CommandName): ExitCode {
  process.stdout.write(usage(command));
  return ExitCode.Ok;
}

async function main(args: readonly string[]): Promise<ExitCode> {
  const [first, ...rest] = args;
  let command: CommandName | undefined;
  try {
    if (first === '--version' || first === '-v') {
      process.stdout.write(`${version()}\n`);
      return ExitCode.Ok;
    }
    if (first === 'help' && rest[0] !== undefined && isCommand(rest[0])) return printUsage(rest[0]);
    if (first === '--help' || first === '-h' || first === 'help') return printUsage();
    if (first === undefined) throw new CliError(cliMessage.noCommand(), ExitCode.Usage, true);
    if (!isCommand(first))
      throw new CliError(
        cliMessage.unknownCommand(first, closestWord(first, Object.keys(commandOptions))),
        ExitCode.Usage,
        true,
      );
    command = first;
    return await run(command, rest);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n${error.showUsage ? `\n${usage(command)}` : ''}`);
      return error.exitCode;
    }
    process.stderr.write(`${cliMessage.internal(errorText(error))}\n`);
    return ExitCode.Usage;
  }
}

// Set the code and let the process end by itself: pending writes to stdout still get flushed.
process.exitCode = await main(process.argv.slice(2));
