/**
 * Which version of a versioned policy computes a ticket (docs/policy.md, "Policy versions"): with
 * `select: "created"` the latest version in force when the ticket was created, with `"now"` the
 * one in force at `now`; the first version for instants before every `from`. A ticket is computed
 * entirely with one version.
 */
import type { PolicyInternals } from '../policy/policy.js';
import type { Log } from './events.js';

/** The version's compiled internals and its index (null for a policy without versions). */
export function versionFor(
  policy: PolicyInternals,
  log: Log,
  nowMs: number,
): { readonly internals: PolicyInternals; readonly version: number | null } {
  const versions = policy.versions;
  if (versions === null) return { internals: policy, version: null };
  // `created` is always the log's first event.
  const atMs = policy.select === 'now' ? nowMs : (log.events[0]?.atMs ?? nowMs);
  let index = 0;
  while (index + 1 < versions.length && (versions[index + 1]?.fromMs as number) <= atMs) index++;
  return { internals: (versions[index] as (typeof versions)[number]).internals, version: index };
}
