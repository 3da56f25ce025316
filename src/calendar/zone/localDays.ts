/**
 * The local date of an instant in a zone, as a day number (days since 1970-01-01), for report
 * periods (docs/reports.md, "Periods"). Offsets come from the same machinery calendars use:
 * stretches of constant offset, read from `Intl` once per 52-week chunk and then only searched,
 * so a million instants cost a binary search each, not a million `Intl` calls.
 */

import { msPerDay } from '../../time/units.js';
import { msPerChunk } from '../chunk.js';
import { lastAtOrBefore } from '../search.js';
import { canonicalZoneName } from './canonicalZone.js';
import { createOffsetReader, type OffsetReader, offsetSegments } from './offsets.js';

/** One chunk's stretches of constant offset: stretch i starts at `startsMs[i]`. */
interface ChunkOffsets {
  readonly startsMs: Float64Array;
  readonly offsetsMs: Float64Array;
}

/** Local day numbers of instants in one zone; chunks of offsets are read on demand and kept. */
export class LocalDays {
  readonly timeZone: string;
  private readonly reader: OffsetReader;
  private readonly chunks = new Map<number, ChunkOffsets>();
  // The stretch the last instant fell in: instants of one report tend to come close together.
  private stretchStartMs = 0;
  private stretchEndMs = 0;
  private stretchOffsetMs = 0;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.reader = createOffsetReader(timeZone);
  }

  /**
   * The local date of `ms` (a trusted instant from 1800 to 3000) as a day number.
   *
   * @example
   * // 2026-03-02T03:00:00Z is still March 1st in New York (22:00 EST)
   * localDaysOf('America/New_York').dayOf(Date.UTC(2026, 2, 2, 3)) //=> 20513
   */
  dayOf(ms: number): number {
    if (ms < this.stretchStartMs || ms >= this.stretchEndMs) this.seek(ms);
    return Math.floor((ms + this.stretchOffsetMs) / msPerDay);
  }

  /** Moves the remembered stretch to the one holding `ms`. */
  private seek(ms: number): void {
    const k = Math.floor(ms / msPerChunk);
    let chunk = this.chunks.get(k);
    if (chunk === undefined) {
      const { startsMs, offsetsMs } = offsetSegments(this.reader, k * msPerChunk, (k + 1) * msPerChunk);
      chunk = { startsMs: Float64Array.from(startsMs), offsetsMs: Float64Array.from(offsetsMs) };
      this.chunks.set(k, chunk);
    }
    // The last stretch starting at or before `ms` (the first starts at the chunk's start).
    const startsMs = chunk.startsMs;
    const lo = lastAtOrBefore(startsMs, ms);
    this.stretchStartMs = startsMs[lo] as number;
    this.stretchEndMs = lo + 1 < startsMs.length ? (startsMs[lo + 1] as number) : (k + 1) * msPerChunk;
    this.stretchOffsetMs = chunk.offsetsMs[lo] as number;
  }
}

/** How many zones are remembered before the cache starts afresh. */
const maxZones = 64;
let byZone: Map<string, LocalDays> | undefined;

/**
 * The shared `LocalDays` of a zone (any spelling the runtime accepts, as calendar templates
 * take them), or null when `timeZone` names no zone. Reports over one zone share its offsets
 * across calls; a flood of zones only costs rebuilding, never memory.
 *
 * @example
 * localDaysOf('Asia/Tokyo')?.dayOf(Date.UTC(2026, 0, 31, 20)) //=> 20485 (2026-02-01 in Tokyo)
 * localDaysOf('Mars/Olympus') //=> null
 */
export function localDaysOf(timeZone: string): LocalDays | null {
  const canonical = canonicalZoneName(timeZone);
  if (canonical === null) return null;
  byZone ??= new Map();
  let days = byZone.get(canonical);
  if (days === undefined) {
    if (byZone.size >= maxZones) byZone.clear();
    days = new LocalDays(canonical);
    byZone.set(canonical, days);
  }
  return days;
}
