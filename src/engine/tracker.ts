/**
 * The incremental tracker (docs/tracker.md): a ticket's replay kept between events, for hosts
 * that stream them (a database row per ticket, Kafka Streams, Flink keyed state). `push` applies
 * one event through the same state machine `computeSlaState` drives over a whole log (`Replayer`),
 * so `tracker.state(now)` is exactly `computeSlaState(log, policy, { now })` for the log pushed so
 * far, at a cost that does not grow with the number of events already pushed.
 */
import { checkObject } from '../arguments.js';
import { fail } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import type { Policy, PolicyInternals } from '../policy/policy.js';
import { type Instant, toInstantMs } from '../time/instant.js';
import { policyInternals, stateOf } from './compute.js';
import { EventKind, readOneEvent, type TicketEvent } from './events.js';
import { type HostCalendars, hostLookupOf } from './hostCalendars.js';
import { Replayer } from './replay.js';
import {
  decodeReplayer,
  encodeReplayer,
  policyFingerprint,
  sealSnapshot,
  unsealSnapshot,
} from './snapshot.js';
import type { SlaState } from './state.js';

/** Options of `createSlaTracker` and `restoreSlaTracker`. */
export interface TrackerOptions {
  /** Reported as the state's `ticketId` (default null). */
  readonly ticketId?: string | number;
  /** The host's calendars, as `computeSlaState` takes them (not part of a snapshot: pass them again). */
  readonly calendars?: HostCalendars;
}

/** A ticket's SLA clocks, kept up to date one event at a time. */
export interface SlaTracker {
  /** Applies one event: the first must be `created`, the others in time order (equal instants are in order). */
  push(event: TicketEvent): void;
  /** Every clock at `now` (at or after the latest pushed event): `computeSlaState`'s answer. */
  state(now: Instant): SlaState;
  /** Plain JSON to store and restore with `restoreSlaTracker`: versioned, with the policy's fingerprint and a checksum. */
  snapshot(): unknown;
}

/** Which version of the policy a replayer follows; every version for `select: "now"`. */
interface Track {
  readonly version: number | null;
  readonly replayer: Replayer;
}

class Tracker implements SlaTracker {
  /** Instant of the latest pushed event; -Infinity before `created`. */
  lastMs = Number.NEGATIVE_INFINITY;
  createdMs = Number.NaN;
  tracks: Track[] = [];

  constructor(
    readonly policy: Policy,
    readonly internals: PolicyInternals,
    readonly ticketId: string | number | null,
    readonly calendars: HostCalendars | undefined,
  ) {}

  push(event: TicketEvent): void {
    // Everything is checked before anything changes: a refused event leaves the tracker as it was.
    const read = readOneEvent(event);
    const created = read.kind === EventKind.Created;
    if (this.tracks.length === 0 && !created)
      fail(
        'missing_created',
        [],
        expectedGot('event', ['type'], expected.firstCreated, (event as { type?: unknown }).type),
      );
    if (this.tracks.length > 0 && created)
      fail('duplicate_created', ['type'], expectedGot('event', ['type'], expected.oneCreated, 'created'));
    if (read.atMs < this.lastMs)
      fail(
        'out_of_order',
        ['at'],
        expectedGot('event', ['at'], expected.inOrder(this.lastMs), (event as { at?: unknown }).at),
      );
    if (created) this.tracks = this.startTracks(read.atMs);
    for (const track of this.tracks) track.replayer.apply(read);
    this.lastMs = read.atMs;
    if (created) this.createdMs = read.atMs;
  }

  /** The replayers a ticket created at `createdMs` needs: its version's, or every version's for `"now"`. */
  private startTracks(createdMs: number): Track[] {
    const host = hostLookupOf(this.calendars === undefined ? {} : { calendars: this.calendars });
    const versions = this.internals.versions;
    if (versions === null) return [{ version: null, replayer: new Replayer(this.internals, host) }];
    if (this.internals.select === 'now')
      return versions.map((v, index) => ({ version: index, replayer: new Replayer(v.internals, host) }));
    let index = 0;
    while (index + 1 < versions.length && (versions[index + 1]?.fromMs as number) <= createdMs) index++;
    return [
      {
        version: index,
        replayer: new Replayer((versions[index] as (typeof versions)[number]).internals, host),
      },
    ];
  }

  state(now: Instant): SlaState {
    const nowMs = toInstantMs(now, 'now');
    if (nowMs < this.lastMs)
      fail('now_before_events', [], expectedGot('now', [], expected.inOrder(this.lastMs), now));
    const track = this.trackAt(nowMs);
    if (track === undefined) fail('missing_created', [], expected.trackerEmpty);
    const replayer = track.replayer;
    return stateOf(replayer.finish(), replayer.policy, nowMs, this.ticketId as never, track.version);
  }

  /** The replayer that answers at `nowMs`: the only one, or (`select: "now"`) the version in force. */
  private trackAt(nowMs: number): Track | undefined {
    if (this.tracks.length <= 1) return this.tracks[0];
    const versions = this.internals.versions ?? [];
    let index = 0;
    while (index + 1 < versions.length && (versions[index + 1]?.fromMs as number) <= nowMs) index++;
    return this.tracks[index];
  }

  snapshot(): unknown {
    return sealSnapshot(policyFingerprint(this.policy), {
      ticketId: this.ticketId,
      lastMs: Number.isFinite(this.lastMs) ? this.lastMs : null,
      createdMs: Number.isNaN(this.createdMs) ? null : this.createdMs,
      tracks: this.tracks.map((track) => ({
        version: track.version,
        replayer: encodeReplayer(track.replayer),
      })),
    });
  }
}

/**
 * A tracker for one ticket: push its events as they happen, ask its state at any `now`. The
 * policy must be compiled (`compilePolicy`): a tracker lives long, and so does what it runs.
 *
 * @example
 * const tracker = createSlaTracker(policy, { ticketId: 'T-1' })
 * tracker.push({ type: 'created', at: '2026-03-02T09:00:00Z', attributes: { status: 'new' } })
 * tracker.state('2026-03-02T09:30:00Z').metrics.first_reply.remaining //=> 1800000
 */
export function createSlaTracker(policy: Policy, options: TrackerOptions = {}): SlaTracker {
  const internals = trackedPolicy(policy);
  checkObject(options, 'options', expected.trackerOptions);
  return new Tracker(policy, internals, ticketIdOf(options), options.calendars);
}

/**
 * A tracker from a snapshot taken by `tracker.snapshot()` (after `JSON.stringify` and back, or as
 * stored). Throws `SlaValidationError` for a snapshot of another policy (`policy_mismatch`), of an
 * unknown format version (`snapshot_version`), or whose checksum or contents are wrong
 * (`snapshot_invalid`): never a tracker in a wrong state. Host calendars are passed again.
 *
 * @example
 * const restored = restoreSlaTracker(policy, JSON.parse(JSON.stringify(tracker.snapshot())))
 */
export function restoreSlaTracker(
  policy: Policy,
  snapshot: unknown,
  options: TrackerOptions = {},
): SlaTracker {
  const internals = trackedPolicy(policy);
  checkObject(options, 'options', expected.trackerOptions);
  const content = unsealSnapshot(snapshot, policyFingerprint(policy));
  const tracker = new Tracker(policy, internals, content.ticketId, options.calendars);
  const host = hostLookupOf(options.calendars === undefined ? {} : { calendars: options.calendars });
  const versions = internals.versions;
  // Unversioned: one track without a version; "created": one with its version; "now": one per version.
  const expectedTracks = versions === null || internals.select === 'created' ? 1 : versions.length;
  if (content.tracks.length > 0 && content.tracks.length !== expectedTracks)
    fail('snapshot_invalid', ['content', 'tracks'], expected.snapshot);
  tracker.tracks = content.tracks.map((track, i) => {
    const version = track.version;
    const versionInternals =
      versions === null
        ? version === null
          ? internals
          : undefined
        : version !== null && (internals.select === 'created' || version === i)
          ? versions[version]?.internals
          : undefined;
    if (versionInternals === undefined)
      fail('snapshot_invalid', ['content', 'tracks', i, 'version'], expected.snapshot);
    return { version, replayer: decodeReplayer(track.replayer, versionInternals, host) };
  });
  tracker.lastMs = content.lastMs ?? Number.NEGATIVE_INFINITY;
  tracker.createdMs = content.createdMs ?? Number.NaN;
  return tracker;
}

/** A compiled policy's internals; a raw spec is refused (compile it once with `compilePolicy`). */
function trackedPolicy(policy: Policy): PolicyInternals {
  if (policy === null || typeof policy !== 'object' || !('metricNames' in policy))
    fail('invalid_type', [], expectedGot('policy', [], expected.compiledPolicyOnly, policy));
  return policyInternals(policy);
}

function ticketIdOf(options: TrackerOptions): string | number | null {
  const id = options.ticketId;
  if (id === undefined) return null;
  if (typeof id === 'string' || (typeof id === 'number' && Number.isSafeInteger(id))) return id;
  return fail(
    'invalid_type',
    ['ticketId'],
    expectedGot('options', ['ticketId'], expected.trackerTicketId, id),
  );
}
