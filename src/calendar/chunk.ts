/**
 * One chunk of a zoned calendar: its open stretches as sorted UTC intervals with running
 * totals, built once from the local hours and the zone's offsets, then only searched.
 */
import { msPerDay } from '../time/units.js';
import { hoursOn, type LocalHours } from './localHours.js';
import { type OffsetReader, offsetSegments } from './zone/offsets.js';

/** Real ms covered by one chunk: 52 weeks, so that chunk bounds keep the epoch's weekday. */
export const msPerChunk = 364 * msPerDay;

// How far chunks are ever built: well past the input range (1900-2200), so that long targets
// added near 2200 still find their instant; beyond it an answer is reported as never (null).
export const horizonStartMs = -5364662400000; // 1800-01-01T00:00:00Z
export const horizonEndMs = 32503680000000; // 3000-01-01T00:00:00Z

/** The open intervals of `[startMs, endMs)` in UTC. */
export interface Chunk {
  readonly startMs: number;
  readonly endMs: number;
  /** Flat `[open0, close0, open1, close1, ...]`, sorted, disjoint, not touching, inside the chunk. */
  readonly boundsMs: Float64Array;
  /** Open ms in `[startMs, open_i)`, for each interval i. */
  readonly openBeforeMs: Float64Array;
  /** Open ms in `[startMs, close_i)`, for each interval i: one load per step when searching by position. */
  readonly openThroughMs: Float64Array;
  /** Open ms in the whole chunk. */
  readonly openTotalMs: number;
  /**
   * For each day d of the chunk (24-hour UTC days from `startMs`), how many intervals open before
   * that day begins: a direct index that turns the search for an instant's interval into a
   * lookup plus a step or two.
   */
  readonly intervalsBeforeDay: Int32Array;
  /**
   * The chunk's stretches of constant UTC offset: stretch i starts at `segmentStartsMs[i]` (the
   * first at `startMs`) and has offset `segmentOffsetsMs[i]` (local wall clock = utc + offset).
   * Kept so that wall clocks can be read back without asking `Intl` again.
   */
  readonly segmentStartsMs: Float64Array;
  readonly segmentOffsetsMs: Float64Array;
}

/** Days in a chunk, and the length of `intervalsBeforeDay`. */
export const daysPerChunk = 364;

/**
 * Builds the chunk `[startMs, endMs)`. An instant is open when its wall clock falls in the
 * hours of its local date (or the overnight part of the previous date's), so the open set is the
 * preimage of the local open stretches under `local = utc + offset`. On a stretch of constant
 * offset `o` that preimage is the local interval shifted by `-o`, clipped to the stretch: a
 * boundary inside a spring-forward gap therefore lands on the transition itself (the first
 * instant whose wall clock reads at or after it), and a repeated fall-back hour is open on both
 * passes.
 */
export function buildChunk(plan: LocalHours, zone: OffsetReader, startMs: number, endMs: number): Chunk {
  // Local dates whose hours can reach the chunk: offsets stay within a day of UTC (even the
  // 19th-century local mean times), and an overnight interval reaches one date further.
  const firstDay = Math.floor(startMs / msPerDay) - 2;
  const lastDay = Math.floor(endMs / msPerDay) + 1;
  const localMs: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const hours = hoursOn(plan, day);
    const midnightMs = day * msPerDay;
    for (let i = 0; i < hours.length; i += 2) {
      const openMs = midnightMs + (hours[i] as number);
      const closeMs = midnightMs + (hours[i + 1] as number);
      const last = localMs.length - 1;
      // Starts arrive sorted (each date's hours start on that date); overnight ends may overlap the next date's.
      if (last > 0 && openMs <= (localMs[last] as number)) {
        if (closeMs > (localMs[last] as number)) localMs[last] = closeMs;
      } else {
        localMs.push(openMs, closeMs);
      }
    }
  }

  const { startsMs, offsetsMs } = offsetSegments(zone, startMs, endMs);
  const bounds: number[] = [];
  for (let s = 0; s < startsMs.length; s++) {
    const segmentStartMs = startsMs[s] as number;
    const segmentEndMs = s + 1 < startsMs.length ? (startsMs[s + 1] as number) : endMs;
    const offsetMs = offsetsMs[s] as number;
    // After a fall-back the same local stretch is met again, so each segment searches afresh.
    let i = firstLocalEndingAfter(localMs, segmentStartMs + offsetMs);
    for (; i < localMs.length && (localMs[i] as number) - offsetMs < segmentEndMs; i += 2) {
      const openMs = Math.max(segmentStartMs, (localMs[i] as number) - offsetMs);
      const closeMs = Math.min(segmentEndMs, (localMs[i + 1] as number) - offsetMs);
      if (closeMs <= openMs) continue;
      const last = bounds.length - 1;
      if (last > 0 && openMs <= (bounds[last] as number)) bounds[last] = closeMs;
      else bounds.push(openMs, closeMs);
    }
  }

  const openBeforeMs = new Float64Array(bounds.length / 2);
  const openThroughMs = new Float64Array(bounds.length / 2);
  let openTotalMs = 0;
  for (let i = 0; i < bounds.length; i += 2) {
    openBeforeMs[i / 2] = openTotalMs;
    openTotalMs += (bounds[i + 1] as number) - (bounds[i] as number);
    openThroughMs[i / 2] = openTotalMs;
  }
  const intervalsBeforeDay = new Int32Array(daysPerChunk);
  let opened = 0;
  for (let day = 0; day < daysPerChunk; day++) {
    const dayStartMs = startMs + day * msPerDay;
    while (2 * opened < bounds.length && (bounds[2 * opened] as number) < dayStartMs) opened++;
    intervalsBeforeDay[day] = opened;
  }
  return {
    startMs,
    endMs,
    boundsMs: Float64Array.from(bounds),
    openBeforeMs,
    openThroughMs,
    openTotalMs,
    intervalsBeforeDay,
    segmentStartsMs: Float64Array.from(startsMs),
    segmentOffsetsMs: Float64Array.from(offsetsMs),
  };
}

/**
 * Index of the last interval of the chunk whose open is at or before `ms` (an instant inside
 * the chunk), or -1.
 */
export function lastIntervalOpenedBy(chunk: Chunk, ms: number): number {
  const boundsMs = chunk.boundsMs;
  const count = boundsMs.length >>> 1;
  // Every interval opened before the instant's day is a candidate; walk the few opened since.
  let i = (chunk.intervalsBeforeDay[Math.floor((ms - chunk.startMs) / msPerDay)] as number) - 1;
  while (i + 1 < count && (boundsMs[2 * (i + 1)] as number) <= ms) i++;
  return i;
}

/** Index (even) of the first local stretch whose end is after `localMs`. */
function firstLocalEndingAfter(localMs: readonly number[], atMs: number): number {
  let lo = 0;
  let hi = localMs.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((localMs[2 * mid + 1] as number) <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}
