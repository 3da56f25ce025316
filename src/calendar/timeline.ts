/**
 * A compiled calendar's open time as a searchable line: whether an instant is open, how much open
 * time lies before it (its *position*), and which instant sits at a given position.
 *
 * Business time between two instants is the difference of their positions, and adding business
 * time is finding the instant at a position, so every query is a binary search plus arithmetic,
 * whatever the span.
 */
import { msPerDay } from '../time/units.js';
import { alwaysOpenBusinessDayDueAt, type ZonedDays, zonedBusinessDayDueAt } from './businessDays.js';
import { buildChunk, type Chunk, lastIntervalOpenedBy, msPerChunk } from './chunk.js';
import { type DayHours, hoursOn, type LocalHours } from './localHours.js';
import type { OffsetReader } from './zone/offsets.js';

/** The searches every calendar supports; instants and positions are trusted ms. */
export interface Timeline {
  isOpenAt(ms: number): boolean;
  /** Open ms from a fixed origin up to `ms`; differences between positions are exact. */
  positionAt(ms: number): number;
  /** The earliest instant at `positionMs`, searching forward from `fromMs` (`positionAt(fromMs) < positionMs`). */
  earliestAtPosition(positionMs: number, fromMs: number): number | null;
  /** `addBusinessTime` on trusted input (`deltaMs !== 0`). */
  addFrom(fromMs: number, deltaMs: number): number | null;
  /** The first open instant at or after `ms`; null if there is none before `limitMs` (default: ever). */
  nextOpenAt(ms: number, limitMs?: number): number | null;
  /**
   * The first closed instant at or after `ms`, null if it never closes; a stretch still open at
   * `limitMs` may be answered with any instant from `limitMs` on (it is not followed further).
   */
  nextCloseAt(ms: number, limitMs?: number): number | null;
  /**
   * The due instant E (docs/policy.md, "Targets") for a `{ businessDays, by?, cutoff? }` target from cycle start
   * `startMs`, or null when the calendar never opens at or after `startMs` (s' null). `byMs` and
   * `cutoffMs` are ms since local midnight, 0 to `msPerDay` ("24:00"), or null when not set.
   */
  businessDayDueAt(
    startMs: number,
    businessDays: number,
    byMs: number | null,
    cutoffMs: number | null,
  ): number | null;
}

/** `"24/7"`: open at every instant, so positions are instants. */
export const alwaysOpenTimeline: Timeline = {
  isOpenAt: () => true,
  positionAt: (ms) => ms,
  earliestAtPosition: (positionMs) => positionMs,
  addFrom: (fromMs, deltaMs) => fromMs + deltaMs,
  nextOpenAt: (ms) => ms,
  nextCloseAt: () => null,
  businessDayDueAt: alwaysOpenBusinessDayDueAt,
};

/** A calendar with no open hours on any date: nothing is ever reached. */
export const neverOpenTimeline: Timeline = {
  isOpenAt: () => false,
  positionAt: () => 0,
  earliestAtPosition: () => null,
  addFrom: () => null,
  nextOpenAt: () => null,
  nextCloseAt: (ms) => ms,
  businessDayDueAt: () => null,
};

// The horizon lives beside the chunks it bounds; re-exported where it has always been read.
export { horizonEndMs, horizonStartMs } from './chunk.js';
/** `Math.floor(horizonStartMs / msPerChunk)`, as a literal so that importing does no work. */
export const firstChunk = -171;
/** Index of the chunk holding `horizonEndMs - 1`, relative to `firstChunk`. */
export const lastChunk = 1204;

/**
 * A zoned calendar, built lazily one chunk (52 weeks) at a time and cached. Chunks are built on
 * demand; positions are kept for a contiguous run of chunks, extended when a query needs it.
 */
export class ZonedTimeline implements Timeline, ZonedDays {
  private readonly plan: LocalHours;
  private readonly zone: OffsetReader;
  private readonly chunks: (Chunk | null)[];
  private readonly chunkPositionMs: Float64Array;
  private positionedLo = 0;
  private positionedHi = -1;
  /** Chunk indexes outside which no date opens. */
  private readonly openLo: number;
  private readonly openHi: number;
  /** From here on the calendar never closes (the week is always open and no exception is left). */
  private readonly neverClosesFromMs: number;

  constructor(plan: LocalHours, zone: OffsetReader) {
    this.plan = plan;
    this.zone = zone;
    this.chunks = new Array<Chunk | null>(lastChunk + 1).fill(null);
    this.chunkPositionMs = new Float64Array(lastChunk + 1);
    // A local date's hours reach at most a day before it (offsets) and two after (overnight + offsets).
    this.openLo = Number.isFinite(plan.firstOpenDay)
      ? Math.max(0, chunkIndexOf((plan.firstOpenDay - 1) * msPerDay))
      : 0;
    this.openHi = Number.isFinite(plan.lastOpenDay)
      ? Math.min(lastChunk, chunkIndexOf((plan.lastOpenDay + 3) * msPerDay))
      : lastChunk;
    this.neverClosesFromMs = plan.weekAlwaysOpen
      ? (plan.lastDatedDay + 3) * msPerDay
      : Number.POSITIVE_INFINITY;
  }

  isOpenAt(ms: number): boolean {
    const chunk = this.chunk(chunkIndexOf(ms));
    const i = lastIntervalOpenedBy(chunk, ms);
    return i >= 0 && ms < (chunk.boundsMs[2 * i + 1] as number);
  }

  positionAt(ms: number): number {
    const k = chunkIndexOf(ms);
    if (k < this.positionedLo || k > this.positionedHi) this.position(k);
    const chunk = this.chunks[k] as Chunk;
    return (this.chunkPositionMs[k] as number) + openBefore(chunk, ms);
  }

  earliestAtPosition(positionMs: number, fromMs: number): number | null {
    const k = this.chunkReaching(positionMs, chunkIndexOf(fromMs), false);
    if (k < 0) return null;
    const chunk = this.chunks[k] as Chunk;
    const targetMs = positionMs - (this.chunkPositionMs[k] as number);
    const i = intervalReaching(chunk, targetMs, false);
    return (chunk.boundsMs[2 * i + 1] as number) - ((chunk.openThroughMs[i] as number) - targetMs);
  }

  /** The latest instant at `positionMs`, searching back from `fromMs` (`positionMs < positionAt(fromMs)`). */
  private latestAtPosition(positionMs: number, fromMs: number): number | null {
    const k = this.chunkReaching(positionMs, chunkIndexOf(fromMs), true);
    if (k < 0) return null;
    const chunk = this.chunks[k] as Chunk;
    const targetMs = positionMs - (this.chunkPositionMs[k] as number);
    const i = intervalReaching(chunk, targetMs, true);
    return (chunk.boundsMs[2 * i] as number) + (targetMs - (chunk.openBeforeMs[i] as number));
  }

  /**
   * The first chunk whose open time through its end reaches `positionMs` (passes it, if
   * `strict`), searching from chunk `k` (forward when the target lies ahead, back otherwise), or
   * -1 when no chunk that can open does. Chunks hold about the same open time, so the search
   * jumps to an estimate first and then steps: one or two steps whatever the span.
   */
  private chunkReaching(positionMs: number, k: number, strict: boolean): number {
    if (k < this.positionedLo || k > this.positionedHi) this.position(k);
    const reaches = (chunk: number) =>
      strict ? this.positionAtChunkEnd(chunk) > positionMs : this.positionAtChunkEnd(chunk) >= positionMs;
    const perChunkMs = (this.chunks[k] as Chunk).openTotalMs;
    if (perChunkMs > 0) {
      const estimate = k + Math.floor((positionMs - (this.chunkPositionMs[k] as number)) / perChunkMs);
      if (estimate !== k && estimate >= this.positionedLo && estimate <= this.positionedHi) k = estimate;
    }
    // Forward while this chunk does not reach the target, building chunks as needed.
    while (!reaches(k)) {
      if (k >= this.openHi) return -1;
      k++;
      if (k > this.positionedHi) this.position(k);
    }
    // Back while the chunk before also reaches it.
    for (;;) {
      if (k - 1 < this.positionedLo) {
        if (k - 1 < this.openLo || (this.chunkPositionMs[k] as number) <= positionMs - (strict ? 0 : 1))
          break;
        this.position(k - 1);
      }
      if (!reaches(k - 1)) break;
      k--;
    }
    // Before the first chunk that can open, no instant has the position.
    return positionMs < (this.chunkPositionMs[k] as number) ? -1 : k;
  }

  addFrom(fromMs: number, deltaMs: number): number | null {
    const k = chunkIndexOf(fromMs);
    if (k < this.positionedLo || k > this.positionedHi) this.position(k);
    const chunk = this.chunks[k] as Chunk;
    const bounds = chunk.boundsMs;
    const through = chunk.openThroughMs;
    const count = through.length;
    const i = lastIntervalOpenedBy(chunk, fromMs);
    const fromOpenMs = openBeforeFrom(chunk, i, fromMs);
    const targetMs = fromOpenMs + deltaMs;
    // Most amounts end in the same chunk, a few intervals on: walk there from `from`'s interval.
    if (deltaMs > 0 && targetMs <= chunk.openTotalMs) {
      let j = Math.max(i, 0);
      for (let steps = 0; (through[j] as number) < targetMs; steps++) {
        if (steps === 8) {
          j = intervalReaching(chunk, targetMs, false);
          break;
        }
        j++;
      }
      return (bounds[2 * j + 1] as number) - ((through[j] as number) - targetMs);
    }
    if (deltaMs < 0 && targetMs >= 0 && count > 0) {
      // The first interval whose open time through its close passes the target: at or before `from`'s.
      let j = Math.min(Math.max(i, 0), count - 1);
      for (let steps = 0; j > 0 && (through[j - 1] as number) > targetMs; steps++) {
        if (steps === 8) {
          j = intervalReaching(chunk, targetMs, true);
          break;
        }
        j--;
      }
      return (bounds[2 * j] as number) + (targetMs - (chunk.openBeforeMs[j] as number));
    }
    const positionMs = (this.chunkPositionMs[k] as number) + targetMs;
    return deltaMs > 0
      ? this.earliestAtPosition(positionMs, fromMs)
      : this.latestAtPosition(positionMs, fromMs);
  }

  nextOpenAt(ms: number, limitMs = Number.POSITIVE_INFINITY): number | null {
    let k = chunkIndexOf(ms);
    const chunk = this.chunk(k);
    const bounds = chunk.boundsMs;
    const i = lastIntervalOpenedBy(chunk, ms);
    if (i >= 0 && ms < (bounds[2 * i + 1] as number)) return ms;
    if (2 * (i + 1) < bounds.length) return bounds[2 * (i + 1)] as number;
    while (k < this.openHi) {
      k++;
      if ((k + firstChunk) * msPerChunk >= limitMs) return null;
      const next = this.chunk(k);
      if (next.boundsMs.length > 0) return next.boundsMs[0] as number;
    }
    return null;
  }

  nextCloseAt(ms: number, limitMs = Number.POSITIVE_INFINITY): number | null {
    let k = chunkIndexOf(ms);
    let chunk = this.chunk(k);
    const i = lastIntervalOpenedBy(chunk, ms);
    if (i < 0 || ms >= (chunk.boundsMs[2 * i + 1] as number)) return ms;
    let closeMs = chunk.boundsMs[2 * i + 1] as number;
    // An open stretch crossing a chunk bound is stored as two intervals: follow it.
    while (closeMs === chunk.endMs && closeMs < limitMs) {
      if (closeMs >= this.neverClosesFromMs || k >= lastChunk) return null;
      k++;
      chunk = this.chunk(k);
      if (chunk.boundsMs.length === 0 || chunk.boundsMs[0] !== chunk.startMs) return closeMs;
      closeMs = chunk.boundsMs[1] as number;
    }
    return closeMs;
  }

  businessDayDueAt(
    startMs: number,
    businessDays: number,
    byMs: number | null,
    cutoffMs: number | null,
  ): number | null {
    return zonedBusinessDayDueAt(this, startMs, businessDays, byMs, cutoffMs);
  }

  /** `hours(D)` of local date `dayNumber`. */
  hoursOfDay(dayNumber: number): DayHours {
    return hoursOn(this.plan, dayNumber);
  }

  /** The chunk holding `ms` (the horizon's first or last chunk for an instant outside it), built if needed. */
  chunkHolding(ms: number): Chunk {
    return this.chunk(chunkIndexOf(ms));
  }

  private positionAtChunkEnd(k: number): number {
    return (this.chunkPositionMs[k] as number) + (this.chunks[k] as Chunk).openTotalMs;
  }

  private chunk(k: number): Chunk {
    const cached = this.chunks[k];
    if (cached) return cached;
    const startMs = (k + firstChunk) * msPerChunk;
    const built = buildChunk(this.plan, this.zone, startMs, startMs + msPerChunk);
    this.chunks[k] = built;
    return built;
  }

  /** Makes chunk `k` and every chunk between it and the positioned run positioned. */
  private position(k: number): void {
    if (this.positionedHi < this.positionedLo) {
      this.chunk(k);
      this.chunkPositionMs[k] = 0;
      this.positionedLo = k;
      this.positionedHi = k;
      return;
    }
    while (this.positionedHi < k) {
      const previous = this.positionedHi;
      this.chunk(previous + 1);
      this.chunkPositionMs[previous + 1] = this.positionAtChunkEnd(previous);
      this.positionedHi = previous + 1;
    }
    while (this.positionedLo > k) {
      const below = this.chunk(this.positionedLo - 1);
      this.chunkPositionMs[this.positionedLo - 1] =
        (this.chunkPositionMs[this.positionedLo] as number) - below.openTotalMs;
      this.positionedLo--;
    }
  }
}

/** Index of the chunk holding `ms`, relative to the horizon's first chunk, clamped to the horizon. */
function chunkIndexOf(ms: number): number {
  const k = Math.floor(ms / msPerChunk) - firstChunk;
  return Math.max(0, Math.min(lastChunk, k));
}

/** Open ms in `[chunk.startMs, ms)`. */
function openBefore(chunk: Chunk, ms: number): number {
  return openBeforeFrom(chunk, lastIntervalOpenedBy(chunk, ms), ms);
}

/** `openBefore`, given `i = lastIntervalOpenedBy(chunk, ms)`. */
function openBeforeFrom(chunk: Chunk, i: number, ms: number): number {
  if (i < 0) return 0;
  const openMs = chunk.boundsMs[2 * i] as number;
  const closeMs = chunk.boundsMs[2 * i + 1] as number;
  return (chunk.openBeforeMs[i] as number) + Math.min(ms, closeMs) - openMs;
}

/**
 * Index of the first interval of a chunk whose open time through its close reaches `targetMs`
 * (passes it, if `strict`); one exists. Intervals hold about the same open time (business days),
 * so the search starts at the proportional estimate and steps, with a binary search after a few
 * steps for lopsided chunks.
 */
function intervalReaching(chunk: Chunk, targetMs: number, strict: boolean): number {
  const through = chunk.openThroughMs;
  const count = through.length;
  const reaches = (i: number) =>
    strict ? (through[i] as number) > targetMs : (through[i] as number) >= targetMs;
  let i = Math.min(count - 1, Math.max(0, Math.floor((targetMs / chunk.openTotalMs) * count)));
  for (let steps = 0; steps < 8; steps++) {
    if (!reaches(i)) i++;
    else if (i > 0 && reaches(i - 1)) i--;
    else return i;
  }
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (reaches(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
