/**
 * Tracker snapshots (docs/tracker.md): plain JSON with a format version, the policy's fingerprint
 * and a checksum of the content, so that a snapshot restored with another policy, from another
 * format, or altered in storage is refused rather than resumed in a wrong state. The checksum
 * guards against accidents (truncation, a hand edit, a mixed-up row), not against an adversary.
 */
import { fail } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import type { AttributeValues, Scalar } from '../policy/condition.js';
import type { CompiledMetric, Policy, PolicyInternals } from '../policy/policy.js';
import { alwaysOpenCalendar, type HostLookup } from '../policy/resolvedCalendar.js';
import { type CycleEnding, type CycleRecord, Replayer, settle } from './replay.js';

/** The format this copy writes and reads. */
export const snapshotFormat = 'sla-clock/tracker';
export const snapshotVersion = 1;

/**
 * cyrb53: a fast 53-bit string hash with good spread (public domain, bryc), as 14 hex digits.
 * Enough to tell two policies or an altered snapshot apart by accident.
 */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The fingerprint of a compiled policy: a hash of its spec as JSON (key order as written). */
export function policyFingerprint(policy: Policy): string {
  return hash53(JSON.stringify(policy.spec));
}

/** A replayer's state as JSON values (`undefined` attribute slots and `NaN` instants as null). */
export interface EncodedReplayer {
  readonly attributes: [string, Scalar][];
  readonly values: Scalar[];
  readonly held: number[];
  readonly answered: boolean;
  readonly cycles: EncodedCycle[][];
}

interface EncodedCycle {
  readonly startedAtMs: number;
  readonly endedAtMs: number | null;
  readonly ending: CycleEnding;
  readonly goalIndex: number;
  readonly key: Scalar;
  readonly stretches: number[];
  readonly stretchFromMs: number;
  readonly paused: boolean;
  readonly startValues: Scalar[] | null;
  readonly pieceValues: (number | Scalar[])[] | null;
  readonly judgingValues: Scalar[] | null;
}

export interface SnapshotContent {
  readonly ticketId: string | number | null;
  readonly lastMs: number | null;
  readonly createdMs: number | null;
  readonly tracks: { readonly version: number | null; readonly replayer: EncodedReplayer }[];
}

const valuesOut = (values: AttributeValues): Scalar[] => values.map((value) => value ?? null);

export function encodeReplayer(replayer: Replayer): EncodedReplayer {
  return {
    attributes: [...replayer.attributes],
    values: valuesOut(replayer.values),
    held: [...replayer.held],
    answered: replayer.facts.answered,
    cycles: replayer.cycles.map((list) =>
      list.map((cycle) => ({
        startedAtMs: cycle.startedAtMs,
        endedAtMs: Number.isNaN(cycle.endedAtMs) ? null : cycle.endedAtMs,
        ending: cycle.ending,
        goalIndex: cycle.goalIndex,
        key: cycle.key,
        stretches: [...cycle.stretches],
        stretchFromMs: cycle.stretchFromMs,
        paused: cycle.paused,
        startValues: cycle.startValues === null ? null : valuesOut(cycle.startValues),
        pieceValues:
          cycle.pieceValues === null
            ? null
            : cycle.pieceValues.map((item) => (typeof item === 'number' ? item : valuesOut(item))),
        judgingValues: cycle.judgingValues === null ? null : valuesOut(cycle.judgingValues),
      })),
    ),
  };
}

/** Wraps content with the format, the policy's fingerprint and the content's checksum. */
export function sealSnapshot(fingerprint: string, content: SnapshotContent): unknown {
  return {
    format: snapshotFormat,
    version: snapshotVersion,
    policy: fingerprint,
    checksum: hash53(JSON.stringify(content)),
    content,
  };
}

/** Throws `snapshot_invalid` for what is wrong at `path` of a snapshot. */
function invalid(path: (string | number)[], what: string, value: unknown): never {
  return fail('snapshot_invalid', path, expectedGot('snapshot', path, what, value));
}

/** Checks the envelope (format, version, policy, checksum) and returns the content, still to be read. */
export function unsealSnapshot(snapshot: unknown, fingerprint: string): SnapshotContent {
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot))
    invalid([], expected.snapshot, snapshot);
  const { format, version, policy, checksum, content } = snapshot as Record<string, unknown>;
  if (format !== snapshotFormat) invalid(['format'], JSON.stringify(snapshotFormat), format);
  if (version !== snapshotVersion)
    fail(
      'snapshot_version',
      ['version'],
      expectedGot('snapshot', ['version'], expected.snapshotVersion(snapshotVersion), version),
    );
  if (policy !== fingerprint)
    fail(
      'policy_mismatch',
      ['policy'],
      expectedGot('snapshot', ['policy'], expected.samePolicy(fingerprint), policy),
    );
  if (content === null || typeof content !== 'object' || Array.isArray(content))
    invalid(['content'], expected.snapshot, content);
  if (typeof checksum !== 'string' || checksum !== hash53(JSON.stringify(content)))
    invalid(['checksum'], expected.snapshotChecksum, checksum);
  const { ticketId, lastMs, createdMs, tracks } = content as Record<string, unknown>;
  if (
    !(
      ticketId === null ||
      typeof ticketId === 'string' ||
      (typeof ticketId === 'number' && Number.isSafeInteger(ticketId))
    )
  )
    invalid(['content', 'ticketId'], expected.trackerTicketId, ticketId);
  if (!(lastMs === null || isInstant(lastMs))) invalid(['content', 'lastMs'], expected.stateInstant, lastMs);
  if (!(createdMs === null || isInstant(createdMs)))
    invalid(['content', 'createdMs'], expected.stateInstant, createdMs);
  if (!Array.isArray(tracks) || (lastMs === null) !== (tracks.length === 0))
    invalid(['content', 'tracks'], expected.snapshot, tracks);
  for (const [i, track] of tracks.entries()) {
    const version = (track as { version?: unknown } | null)?.version;
    if (
      track === null ||
      typeof track !== 'object' ||
      !(version === null || (Number.isInteger(version) && (version as number) >= 0))
    )
      invalid(['content', 'tracks', i], expected.snapshot, track);
  }
  return content as SnapshotContent;
}

// Readers that refuse anything a tracker did not write, so that a restored tracker never runs on
// malformed state (a wrong type would surface later as a TypeError, or worse, a wrong number).

const isScalar = (value: unknown): value is Scalar =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));
const isInstant = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value);

function readValues(
  value: unknown,
  length: number,
  path: (string | number)[],
): (Exclude<Scalar, null> | undefined)[] {
  if (!Array.isArray(value) || value.length !== length || !value.every(isScalar))
    invalid(path, expected.snapshotValues(length), value);
  return value.map((item) => (item === null ? undefined : item));
}

function readCycle(
  value: unknown,
  metric: CompiledMetric,
  slots: number,
  path: (string | number)[],
): CycleRecord {
  if (value === null || typeof value !== 'object') invalid(path, expected.snapshotCycle, value);
  const c = value as Record<string, unknown>;
  const ending = c.ending;
  if (ending !== 'open' && ending !== 'stopped' && ending !== 'cancelled')
    invalid([...path, 'ending'], expected.snapshotCycle, ending);
  if (!isInstant(c.startedAtMs)) invalid([...path, 'startedAtMs'], expected.stateNow, c.startedAtMs);
  if (!isInstant(c.stretchFromMs)) invalid([...path, 'stretchFromMs'], expected.stateNow, c.stretchFromMs);
  if (ending === 'open' ? c.endedAtMs !== null : !isInstant(c.endedAtMs))
    invalid([...path, 'endedAtMs'], expected.stateInstant, c.endedAtMs);
  const goalIndex = c.goalIndex;
  if (
    !Number.isInteger(goalIndex) ||
    (goalIndex as number) < -1 ||
    (goalIndex as number) >= metric.goals.length
  )
    invalid([...path, 'goalIndex'], expected.snapshotCycle, goalIndex);
  if (!isScalar(c.key)) invalid([...path, 'key'], expected.attributeValue, c.key);
  if (typeof c.paused !== 'boolean') invalid([...path, 'paused'], expected.snapshotCycle, c.paused);
  const stretches = c.stretches;
  if (!Array.isArray(stretches) || stretches.length % 3 !== 0 || !stretches.every(isInstant))
    invalid([...path, 'stretches'], expected.snapshotCycle, stretches);
  for (let i = 0; i < stretches.length; i += 3) {
    const flag = stretches[i + 2];
    if ((flag !== 0 && flag !== 1) || (stretches[i] as number) > (stretches[i + 1] as number))
      invalid([...path, 'stretches', i], expected.snapshotCycle, stretches.slice(i, i + 3));
  }
  const startValues =
    c.startValues === null ? null : readValues(c.startValues, slots, [...path, 'startValues']);
  const judgingValues =
    c.judgingValues === null ? null : readValues(c.judgingValues, slots, [...path, 'judgingValues']);
  let pieceValues: (number | AttributeValues)[] | null = null;
  if (c.pieceValues !== null) {
    const pieces = c.pieceValues;
    if (!Array.isArray(pieces) || pieces.length % 2 !== 0)
      invalid([...path, 'pieceValues'], expected.snapshotCycle, pieces);
    pieceValues = pieces.map((item, i) =>
      i % 2 === 0
        ? isInstant(item)
          ? item
          : invalid([...path, 'pieceValues', i], expected.stateNow, item)
        : readValues(item, slots, [...path, 'pieceValues', i]),
    );
  }
  const record: CycleRecord = {
    startedAtMs: c.startedAtMs as number,
    endedAtMs: ending === 'open' ? Number.NaN : (c.endedAtMs as number),
    ending,
    goalIndex: goalIndex as number,
    targetMs: Number.NaN,
    key: c.key,
    stretches: stretches as number[],
    stretchFromMs: c.stretchFromMs as number,
    paused: c.paused,
    calendar: alwaysOpenCalendar,
    startValues,
    pieceValues,
    pieceCalendars: null,
    judgingValues,
  };
  return record;
}

/** Settles an ended cycle again, as the replay did when it ended: goal, calendar, target. */
function resettle(
  record: CycleRecord,
  metric: CompiledMetric,
  host: HostLookup | undefined,
  path: (string | number)[],
): void {
  if (record.ending === 'open') return; // settled at every state()
  const goalIndex = record.goalIndex;
  if (record.judgingValues !== null) {
    settle(record, metric, record.judgingValues, host);
    if (record.goalIndex !== goalIndex) invalid([...path, 'goalIndex'], expected.snapshotCycle, goalIndex);
    return;
  }
  const goal = goalIndex >= 0 ? metric.goals[goalIndex] : undefined;
  if (goal === undefined) return;
  if (goal.fixedCalendar === null || goal.target.form !== 'duration')
    invalid([...path, 'judgingValues'], expected.snapshotCycle, null);
  record.calendar = goal.fixedCalendar;
  record.targetMs = goal.target.ms;
}

/** A replayer in the state a snapshot recorded, checked against the policy it runs. */
export function decodeReplayer(
  value: unknown,
  policy: PolicyInternals,
  host: HostLookup | undefined,
): Replayer {
  const path = ['content', 'replayer'];
  if (value === null || typeof value !== 'object') invalid(path, expected.snapshot, value);
  const r = value as Record<string, unknown>;
  const slots = policy.fieldSlots.size;
  const replayer = new Replayer(policy, host);
  const attributes = r.attributes;
  if (!Array.isArray(attributes)) invalid([...path, 'attributes'], expected.snapshot, attributes);
  for (const entry of attributes) {
    if (
      !Array.isArray(entry) ||
      entry.length !== 2 ||
      typeof entry[0] !== 'string' ||
      !isScalar(entry[1]) ||
      entry[1] === null
    )
      invalid([...path, 'attributes'], expected.attributeValue, entry);
    replayer.attributes.set(entry[0], entry[1] as Exclude<Scalar, null>);
  }
  readValues(r.values, slots, [...path, 'values']).forEach((item, i) => {
    replayer.values[i] = item;
  });
  const held = r.held;
  if (!Array.isArray(held) || held.length !== replayer.held.length || !held.every((h) => h === 0 || h === 1))
    invalid([...path, 'held'], expected.snapshot, held);
  held.forEach((h, i) => {
    replayer.held[i] = h as number;
  });
  if (typeof r.answered !== 'boolean') invalid([...path, 'answered'], expected.snapshot, r.answered);
  replayer.facts.answered = r.answered;
  const cycles = r.cycles;
  if (!Array.isArray(cycles) || cycles.length !== policy.metrics.length)
    invalid([...path, 'cycles'], expected.snapshot, cycles);
  cycles.forEach((list: unknown, m: number) => {
    const metric = policy.metrics[m] as CompiledMetric;
    if (!Array.isArray(list)) invalid([...path, 'cycles', m], expected.snapshot, list);
    list.forEach((item: unknown, i: number) => {
      const record = readCycle(item, metric, slots, [...path, 'cycles', m, i]);
      resettle(record, metric, host, [...path, 'cycles', m, i]);
      (replayer.cycles[m] as CycleRecord[]).push(record);
    });
  });
  return replayer;
}
