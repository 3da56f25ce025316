/**
 * The policies `sla-clock serve` answers with: `--policy [NAME=]FILE`, repeatable, each compiled
 * once, with its fingerprint. A set never changes; SIGHUP builds a new one from the files and the
 * server swaps it in with one assignment, so a request sees the old set or the new one, never a mix.
 */
import { basename, extname } from 'node:path';
import type { Policy } from '../index.js';
import { formatInstant } from '../time/instant.js';
import { CliError, ExitCode } from './exit.js';
import { fingerprint } from './fingerprint.js';
import { HttpError } from './httpError.js';
import type { PolicyLookup } from './jsonRequests.js';
import { cliMessage, serveMessage } from './messages.js';
import { compileLoaded, readPolicySpec } from './policy.js';

/** A `--policy` flag: the name requests use, and the file. */
export interface PolicyFile {
  readonly name: string;
  readonly path: string;
}

/** A policy as loaded from its file. */
export interface LoadedPolicy extends PolicyFile {
  /** The file's JSON, as worker threads compile it again. */
  readonly spec: unknown;
  readonly policy: Policy;
  /** SHA-256 (hex) of the file's canonical JSON: equal for files that differ only in layout. */
  readonly fingerprint: string;
  readonly loadedAtMs: number;
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * `NAME=FILE`, or `FILE` named after its base name without the extension (`policies/gold.json` is
 * `gold`). A `=` that does not follow a valid name is part of the path.
 *
 * @example
 * parsePolicyFlags(['default=policy.json', 'rules/gold.json'])
 * //=> [{ name: 'default', path: 'policy.json' }, { name: 'gold', path: 'rules/gold.json' }]
 */
export function parsePolicyFlags(flags: readonly string[]): PolicyFile[] {
  const files = flags.map((flag): PolicyFile => {
    const equals = flag.indexOf('=');
    if (equals > 0 && namePattern.test(flag.slice(0, equals)))
      return { name: flag.slice(0, equals), path: flag.slice(equals + 1) };
    return { name: basename(flag, extname(flag)), path: flag };
  });
  const seen = new Set<string>();
  for (const file of files) {
    if (file.name === '' || file.path === '')
      throw new CliError(cliMessage.policyFlag(file.path), ExitCode.Usage, true);
    if (seen.has(file.name)) throw new CliError(cliMessage.policyNameTwice(file.name), ExitCode.Usage, true);
    seen.add(file.name);
  }
  return files;
}

function loadOne(file: PolicyFile, nowMs: number): LoadedPolicy {
  const spec = readPolicySpec(file.path);
  const policy = compileLoaded(file.path, spec);
  return { ...file, spec, policy, fingerprint: fingerprint(spec), loadedAtMs: nowMs };
}

/**
 * A loaded policy as the primary process of `serve --workers N` sends it to its workers (over IPC,
 * as JSON): each worker compiles it again, and serves what the primary read, when it read it, with
 * the fingerprint the primary computed.
 */
export type SharedPolicy = Omit<LoadedPolicy, 'policy'>;

/** What a reload did, for the log. */
export interface Reload {
  readonly set: PolicySet;
  /** Names whose file changed and was loaded. */
  readonly changed: readonly string[];
  /** One message per file that could not be loaded: that policy stays as it was. */
  readonly kept: readonly string[];
}

export class PolicySet {
  /** The policy a request that names none gets: the only one, else the one named `default`. */
  readonly defaultName: string | null;
  private readonly byName: ReadonlyMap<string, LoadedPolicy>;

  private constructor(readonly policies: readonly LoadedPolicy[]) {
    this.byName = new Map(policies.map((loaded) => [loaded.name, loaded]));
    this.defaultName =
      policies.length === 1
        ? (policies[0] as LoadedPolicy).name
        : this.byName.has('default')
          ? 'default'
          : null;
  }

  /** Loads every file; any problem ends the start with exit code 2, as `compute` does. */
  static load(files: readonly PolicyFile[], nowMs: number): PolicySet {
    return new PolicySet(files.map((file) => loadOne(file, nowMs)));
  }

  /**
   * The set the primary process sent: compiled here (it validated every spec), each policy whose
   * file has not changed since `previous` kept as it was compiled.
   */
  static fromShared(shared: readonly SharedPolicy[], previous?: PolicySet): PolicySet {
    return new PolicySet(
      shared.map((one) => {
        const loaded = previous?.byName.get(one.name);
        if (
          loaded !== undefined &&
          loaded.fingerprint === one.fingerprint &&
          loaded.loadedAtMs === one.loadedAtMs
        )
          return loaded;
        return { ...one, policy: compileLoaded(one.path, one.spec) };
      }),
    );
  }

  /** What a worker process needs to build this set again (`fromShared`). */
  shared(): SharedPolicy[] {
    return this.policies.map((loaded) => ({
      name: loaded.name,
      path: loaded.path,
      spec: loaded.spec,
      fingerprint: loaded.fingerprint,
      loadedAtMs: loaded.loadedAtMs,
    }));
  }

  /**
   * Reads every file again. A file that cannot be read or is invalid keeps its loaded policy (and
   * says why); a file whose canonical JSON has not changed keeps its compiled policy.
   */
  reload(nowMs: number): Reload {
    const changed: string[] = [];
    const kept: string[] = [];
    const policies = this.policies.map((old) => {
      try {
        const loaded = loadOne(old, nowMs);
        if (loaded.fingerprint === old.fingerprint) return old;
        changed.push(old.name);
        return loaded;
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        kept.push(serveMessage.reloadKept(old.name, old.path, error.message));
        return old;
      }
    });
    return { set: changed.length === 0 ? this : new PolicySet(policies), changed, kept };
  }

  /** The loaded policy of that name, or the default one; a 400 or 404 otherwise. */
  find(name: string | undefined): LoadedPolicy {
    if (name === undefined) {
      if (this.defaultName === null)
        throw new HttpError(400, 'policy_required', serveMessage.policyRequired(this.names()));
      return this.byName.get(this.defaultName) as LoadedPolicy;
    }
    const loaded = this.byName.get(name);
    if (loaded === undefined)
      throw new HttpError(404, 'unknown_policy', serveMessage.unknownPolicy(name, this.names()));
    return loaded;
  }

  readonly lookup: PolicyLookup = (name) => this.find(name).policy;

  names(): string[] {
    return this.policies.map((loaded) => loaded.name);
  }

  /** `GET /v1/policies`: every policy's name, file, fingerprint, metrics and versions. */
  describe(): object {
    return {
      default: this.defaultName,
      policies: this.policies.map((loaded) => ({
        name: loaded.name,
        file: loaded.path,
        fingerprint: loaded.fingerprint,
        loadedAt: formatInstant(loaded.loadedAtMs),
        metrics: loaded.policy.metricNames,
        versions: (loaded.policy.versions ?? []).map((version, index) => ({
          index,
          from: formatInstant(version.from),
          metrics: version.policy.metricNames,
        })),
      })),
    };
  }
}
