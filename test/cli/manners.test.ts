/**
 * How the CLI treats a person at a terminal: one clean line for an unknown flag (with the flag
 * that was probably meant), a flag missing its value never swallows the next flag, -h/--help on
 * every command, -v as well as --version, and a note when it waits for tickets on a terminal.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkFlags, closestWord, editDistance } from '../../src/cli/flags.js';
import { ensureBuilt, root, runCli } from './run.js';

beforeAll(() => ensureBuilt(), 120_000);

const policyPath = 'examples/data/policy.json';
const commands = ['compute', 'report', 'explain', 'diff', 'validate', 'serve', 'holidays', 'calendar-table'];

describe('suggestions', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('polcy', 'policy')).toBe(1);
    expect(editDistance('polciy', 'policy')).toBe(1);
    expect(editDistance('', 'now')).toBe(3);
    expect(editDistance('format', 'format')).toBe(0);
  });

  test('the nearest flag within two edits, or one the word starts', () => {
    const flags = [
      'policy',
      'now',
      'calendars',
      'group-by',
      'group-by-key',
      'format',
      'period',
      'period-zone',
    ];
    expect(closestWord('polcy', flags)).toBe('policy');
    expect(closestWord('grup-by', flags)).toBe('group-by');
    expect(closestWord('group', flags)).toBe('group-by');
    expect(closestWord('periodzone', flags)).toBe('period-zone');
    expect(closestWord('colour', flags)).toBeUndefined();
    expect(closestWord('x', flags)).toBeUndefined();
  });
});

describe('checkFlags', () => {
  const help = { type: 'boolean', short: 'h' } as const;
  const flagSets = [
    { policy: { type: 'string' }, now: { type: 'string' }, wide: { type: 'boolean' }, help },
    { policy: { type: 'string', multiple: true }, port: { type: 'string' }, help },
  ] as const;
  const words = [
    ...['--policy', '--policy=-x', '--policy=a=b', '--now', '--now=', '--port', '--po', '-p'],
    ...['--wide', '--wide=x', '--no-wide', '--help', '-h', '-hh', '-hp', '--__proto__'],
    ...['-', '--', '---', '-x', '--=x', 'a', '__proto__'],
  ];

  test('what it lets through, it reads as a strict parseArgs does (the CLI parses once)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...flagSets),
        fc.array(fc.constantFrom(...words), { maxLength: 6 }),
        (flags, args) => {
          let checked: ReturnType<typeof checkFlags>;
          try {
            checked = checkFlags('compute', args, flags);
          } catch {
            return;
          }
          accepted++;
          const strict = parseArgs({ args, options: flags, allowPositionals: true, strict: true });
          expect(checked).toEqual({ values: strict.values, positionals: strict.positionals });
        },
      ),
      { numRuns: 2000 },
    );
    // Not vacuous: a good share of the argument lists are accepted.
    expect(accepted).toBeGreaterThan(200);
  });
});

describe.concurrent('flags', () => {
  test('an unknown flag is one line with the flag probably meant, exit 2', async () => {
    expect(await runCli(['report', '--polcy', policyPath])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'unknown flag --polcy (did you mean --policy?); sla-clock report --help lists its flags\n',
    });
    expect(await runCli(['compute', '--worker', '2'])).toMatchObject({
      code: 2,
      stderr: 'unknown flag --worker (did you mean --workers?); sla-clock compute --help lists its flags\n',
    });
    expect(await runCli(['explain', '-x'])).toMatchObject({
      code: 2,
      stderr: 'unknown flag -x; sla-clock explain --help lists its flags\n',
    });
  });

  test('a flag missing its value never takes the next flag as its value', async () => {
    const run = await runCli([
      'report',
      '--policy',
      '--now',
      '2026-04-01T00:00:00Z',
      'examples/data/tickets.ndjson',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      '--policy needs a value, but the argument after it, "--now", is a flag (a value that starts with "-" is written --policy=VALUE)\n',
    );
    expect(await runCli(['compute', '--policy', policyPath, '--now'])).toMatchObject({
      code: 2,
      stderr: '--now needs a value; sla-clock compute --help lists its flags\n',
    });
    // "-" alone is stdin, a value like any other.
    expect((await runCli(['compute', '--policy', '-'])).stderr).toMatch(/^cannot read policy file "-"/);
  });

  test('a switch given a value is refused', async () => {
    expect(await runCli(['report', '--wide=yes', '--policy', policyPath])).toMatchObject({
      code: 2,
      stderr: '--wide takes no value; sla-clock report --help lists its flags\n',
    });
  });

  test.each(commands)('%s: -h and --help print its usage on stdout and exit 0', async (command) => {
    for (const flag of ['-h', '--help']) {
      const run = await runCli([command, flag]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout.startsWith(`Usage: sla-clock ${command} `)).toBe(true);
    }
    expect((await runCli(['help', command])).stdout).toBe((await runCli([command, '--help'])).stdout);
  });

  test('-v is --version', async () => {
    const short = await runCli(['-v']);
    expect(short.code).toBe(0);
    expect(short.stdout).toMatch(/^sla-clock \d+\.\d+\.\d+ \(tz \w+\)\n$/);
    expect(short).toEqual(await runCli(['--version']));
  });

  test('an unknown command suggests the nearest one', async () => {
    const run = await runCli(['reprot']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('unknown command "reprot" (did you mean report?)');
  });
});

// `script` (util-linux) runs the CLI with a terminal as its stdin, and ends that terminal's input
// (Ctrl-D) when its own stdin ends.
const hasScript = existsSync('/usr/bin/script');

describe.skipIf(!hasScript)('reading tickets from a terminal', () => {
  const onTerminal = (args: readonly string[]) => {
    const command = [process.execPath, join(root, 'dist', 'cli.js'), ...args]
      .map((word) => `'${word.replaceAll("'", "'\\''")}'`)
      .join(' ');
    return spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: root,
      input: '',
      encoding: 'utf8',
      timeout: 30_000,
    });
  };

  test('compute with no tickets file says it reads stdin, and how to end it', () => {
    const run = onTerminal(['compute', '--policy', policyPath, '--now', '2026-04-01T00:00:00Z']);
    expect(run.status).toBe(0);
    // The terminal merges stdout and stderr; the note is one line.
    expect(run.stdout).toContain('sla-clock: reading tickets from stdin, one JSON per line (end with Ctrl-D');
    expect(run.stdout.split('\n').filter((line) => line.includes('reading tickets'))).toHaveLength(1);
  });

  test('no note with a tickets file, nor when stdin is a pipe', async () => {
    const withFile = onTerminal([
      'report',
      '--policy',
      policyPath,
      '--now',
      '2026-04-01T00:00:00Z',
      'examples/data/tickets.ndjson',
    ]);
    expect(withFile.stdout).not.toContain('reading tickets');
    expect(withFile.stdout).toContain('400 tickets at');
    const piped = await runCli(['compute', '--policy', policyPath, '--now', '2026-04-01T00:00:00Z']);
    expect(piped).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
