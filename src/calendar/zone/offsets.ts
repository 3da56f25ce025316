/**
 * UTC offsets of a zone, read from the runtime's tz database through `Intl`, and the offset
 * segments (stretches of constant offset) that a chunk of the calendar is built from.
 *
 * This is the only place that asks `Intl` anything, and only while a chunk is built: one read
 * costs about a microsecond, a whole business-time query about 20 ns.
 *
 * Why not date-fns-tz: its conversions go through the process's local time (`toZonedTime`
 * returns a local `Date`, which cannot hold a wall time inside the machine's own DST gap, and
 * `getTimezoneOffset` reads `getHours()` and friends), so their results would depend on `TZ`.
 */
import { daysFromCivil } from '../../time/civil.js';
import { msPerDay, msPerHour, msPerMinute, msPerSecond } from '../../time/units.js';

/** Reads a zone's UTC offset at any instant. */
export interface OffsetReader {
  readonly timeZone: string;
  /** Offset in ms at `ms` (local wall clock = `ms + offsetMs`). */
  offsetMsAt(ms: number): number;
}

// `en-US` with `h23` formats as "3/8/2026, 03:00:00": stable, and cheaper to read than formatToParts.
const wallClockText = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

/**
 * An offset reader for an IANA zone that `isTimeZoneName` accepted.
 *
 * @example
 * createOffsetReader('Asia/Kathmandu').offsetMsAt(Date.UTC(2026, 0, 1)) //=> 20700000
 */
export function createOffsetReader(timeZone: string): OffsetReader {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return {
    timeZone,
    offsetMsAt(ms: number): number {
      const m = wallClockText.exec(format.format(ms));
      if (m === null) throw new Error(`sla-clock: unexpected Intl output for ${timeZone}`);
      const wallMs =
        daysFromCivil(Number(m[3]), Number(m[1]), Number(m[2])) * msPerDay +
        Number(m[4]) * msPerHour +
        Number(m[5]) * msPerMinute +
        Number(m[6]) * msPerSecond;
      // Intl shows whole seconds; tz offsets are whole seconds, so compare at the second.
      return wallMs - Math.floor(ms / msPerSecond) * msPerSecond;
    },
  };
}

/**
 * How far apart offsets are sampled when looking for transitions. Two transitions closer than
 * this that cancel each other out would be missed. `scripts/scan-zone-transitions.mjs` scans every
 * zone of the runtime's database from 1900 to 2100: the closest consecutive transitions are
 * 6.96 days apart (America/Boa_Vista, October 2000), so a day leaves a margin of seven.
 */
export const offsetSampleStepMs = msPerDay;

/** Stretches of constant offset covering `[startMs, endMs)`: segment i starts at `startsMs[i]`. */
export interface OffsetSegments {
  readonly startsMs: number[];
  readonly offsetsMs: number[];
}

/**
 * Splits `[startMs, endMs)` into stretches of constant offset. Transitions are found by sampling
 * every `offsetSampleStepMs` and bisecting to the second (tz transitions fall on whole seconds).
 *
 * @example
 * // New York, 2026-03-01 to 2026-03-15: EST, then EDT from 2026-03-08T07:00:00Z
 * offsetSegments(reader, Date.UTC(2026, 2, 1), Date.UTC(2026, 2, 15))
 * //=> { startsMs: [1772323200000, 1772953200000], offsetsMs: [-18000000, -14400000] }
 */
export function offsetSegments(reader: OffsetReader, startMs: number, endMs: number): OffsetSegments {
  let cursorMs = startMs;
  let offsetMs = reader.offsetMsAt(startMs);
  const startsMs = [startMs];
  const offsetsMs = [offsetMs];
  while (cursorMs < endMs - 1) {
    const probeMs = Math.min(cursorMs + offsetSampleStepMs, endMs - 1);
    if (reader.offsetMsAt(probeMs) === offsetMs) {
      cursorMs = probeMs;
      continue;
    }
    // Invariant: the offset at second `lo` is `offsetMs`, at second `hi` it differs.
    let lo = Math.floor(cursorMs / msPerSecond);
    let hi = Math.floor(probeMs / msPerSecond);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (reader.offsetMsAt(mid * msPerSecond) === offsetMs) lo = mid;
      else hi = mid;
    }
    cursorMs = hi * msPerSecond;
    offsetMs = reader.offsetMsAt(cursorMs);
    startsMs.push(cursorMs);
    offsetsMs.push(offsetMs);
  }
  return { startsMs, offsetsMs };
}
