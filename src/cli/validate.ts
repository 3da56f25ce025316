/** `sla-clock validate policy.json`: a policy's problems, each with its path, or `ok`. */
import { ExitCode } from './exit.js';
import { cliMessage } from './messages.js';
import { loadPolicy } from './policy.js';

/** Prints `ok: N metrics (...)`; a bad policy throws the `CliError` that prints its issues (exit 2). */
export function runValidate(policyPath: string): ExitCode {
  const { policy } = loadPolicy(policyPath);
  process.stdout.write(`${cliMessage.policyOk(policy.metricNames)}\n`);
  // A versioned policy: each version's metrics, from when.
  for (const [index, version] of (policy.versions ?? []).entries()) {
    const fromIso = new Date(version.from).toISOString();
    process.stdout.write(`${cliMessage.versionOk(index, fromIso, version.policy.metricNames)}\n`);
  }
  return ExitCode.Ok;
}
