/**
 * Runs the built CLI (`node dist/cli.js`) as a real child process, building it first when dist/
 * is missing or older than the sources (`.ci/run` builds before the tests, so CI never waits).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const cliPath = join(root, 'dist', 'cli.js');
const workerPath = join(root, 'dist', 'cli-worker.js');

function newestMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMs(join(path, entry)));
  return newest;
}

function builtMs(): number {
  try {
    return Math.min(statSync(cliPath).mtimeMs, statSync(workerPath).mtimeMs);
  } catch {
    return -1;
  }
}

/** Builds dist/ with `npm run build` unless it is newer than src/, tsup.config.ts and package.json. */
export function ensureBuilt(): void {
  const sourcesMs = Math.max(
    newestMs(join(root, 'src')),
    newestMs(join(root, 'tsup.config.ts')),
    newestMs(join(root, 'package.json')),
  );
  if (builtMs() >= sourcesMs) return;
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `sla-clock ...args`, with `input` on stdin (stdin is empty otherwise). */
export function runCli(args: readonly string[], input = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: root, timeout: 60_000 });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
    // The CLI may exit before reading all of stdin (a usage error): that is not the test's failure.
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

/** A temporary directory for input files, removed by the returned function. */
export function tempDir(): { readonly path: (name: string) => string; readonly remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sla-clock-cli-'));
  return { path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `text` to `path` and returns the path. */
export function writeFile(path: string, text: string): string {
  writeFileSync(path, text);
  return path;
}

/** NDJSON: one JSON value per line. */
export const ndjson = (values: readonly unknown[]): string =>
  values.map((value) => `${JSON.stringify(value)}\n`).join('');

/** The JSON values of NDJSON output. */
export const parseLines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
