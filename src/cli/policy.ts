/** The policy file: read, parsed and compiled once per run; any problem ends the run with exit code 2. */
import { readFileSync } from 'node:fs';
import { type Policy, safeCompilePolicy } from '../index.js';
import { CliError } from './exit.js';
import { cliMessage } from './messages.js';

export interface LoadedPolicy {
  /** The policy as parsed from its file: what worker threads compile again. */
  readonly spec: unknown;
  readonly policy: Policy;
}

/** Reads and parses the policy file, without validating it (exit code 2 if unreadable). */
export function readPolicySpec(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(cliMessage.unreadable('policy file', path, (error as Error).message));
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new CliError(cliMessage.policyJson(path, (error as Error).message));
  }
}

/** Validates and compiles a policy read from `path` (exit code 2 with every issue if invalid). */
export function compileLoaded(path: string, spec: unknown): Policy {
  const result = safeCompilePolicy(spec);
  if (!result.success) {
    throw new CliError(
      result.error.issues.map((issue) => cliMessage.policyInvalid(path, issue.message)).join('\n'),
    );
  }
  return result.data;
}

export function loadPolicy(path: string): LoadedPolicy {
  const spec = readPolicySpec(path);
  return { spec, policy: compileLoaded(path, spec) };
}
