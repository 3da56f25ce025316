/**
 * Baseline (c), the floor: what any business-time query costs at best. Every open interval of a
 * fixed range is precomputed into flat typed arrays with running totals, and a query is one
 * binary search per instant plus arithmetic: no chunks, no lazy building, no input checks, and
 * nothing outside the range (instants outside it are simply wrong). sla-clock does the same
 * searches behind a chunk lookup and its validation, so its distance from this row is its overhead.
 */
import { type CalendarSpec, compileCalendar, nextClose, nextOpen } from '../../src/index.js';

export interface Floor {
  /** Business ms in `[fromMs, toMs)`; negated for a reversed span. */
  betweenMs(fromMs: number, toMs: number): number;
  /** The earliest instant with `ms` (> 0) business ms after `fromMs`. */
  addMs(fromMs: number, ms: number): number;
  /** How many open intervals were precomputed. */
  readonly intervalCount: number;
}

/**
 * Precomputes the open intervals of `spec` in `[startMs, endMs)` by walking sla-clock's own
 * `nextOpen` / `nextClose` (the intervals are the calendar's; only the search is measured).
 */
export function createFloor(spec: CalendarSpec, startMs: number, endMs: number): Floor {
  const cal = compileCalendar(spec);
  const opens: number[] = [];
  const closes: number[] = [];
  for (let atMs: number | null = nextOpen(cal, startMs); atMs !== null && atMs < endMs; ) {
    const closeMs = nextClose(cal, atMs);
    if (closeMs === null) break;
    opens.push(atMs);
    closes.push(closeMs);
    atMs = nextOpen(cal, closeMs);
  }
  const count = opens.length;
  const opensMs = Float64Array.from(opens);
  const closesMs = Float64Array.from(closes);
  // Open ms from `startMs` to each interval's open and to its close.
  const beforeOpenMs = new Float64Array(count);
  const atCloseMs = new Float64Array(count);
  let runningMs = 0;
  for (let i = 0; i < count; i++) {
    beforeOpenMs[i] = runningMs;
    runningMs += (closesMs[i] as number) - (opensMs[i] as number);
    atCloseMs[i] = runningMs;
  }

  /** Open ms in `[startMs, ms)`: the last interval opening at or before `ms`, clipped at `ms`. */
  const positionAt = (ms: number): number => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((opensMs[mid] as number) <= ms) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0) return 0;
    return (beforeOpenMs[i] as number) + Math.min(ms, closesMs[i] as number) - (opensMs[i] as number);
  };

  const addMs = (fromMs: number, ms: number): number => {
    const targetMs = positionAt(fromMs) + ms;
    // The first interval whose close is at or past the target holds the answer.
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((atCloseMs[mid] as number) >= targetMs) hi = mid;
      else lo = mid + 1;
    }
    return (closesMs[lo] as number) - ((atCloseMs[lo] as number) - targetMs);
  };

  return {
    betweenMs: (fromMs, toMs) => positionAt(toMs) - positionAt(fromMs),
    addMs,
    intervalCount: count,
  };
}
