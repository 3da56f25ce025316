/** The policy file: read, parsed and compiled once per run; any problem ends the run with exit code 2. */
import { type Policy, safeCompilePolicy } from '../index.js';
import { CliError } from './exit.js';
import { readJsonFile } from './jsonFile.js';
import { cliMessage } from './messages.js';

export interface LoadedPolicy {
  /** The policy as parsed from its file: what worker threads compile again. */
  readonly spec: unknown;
  readonly policy: Policy;
}

/** Reads and parses the policy file, without validating it (exit code 2 if unreadable). */
export function readPolicySpec(path: string): unknown {
  return readJsonFile('policy file', path);
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
