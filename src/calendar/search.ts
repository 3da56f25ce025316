/** Binary search over sorted instants, shared by the calendar's stretch tables. */

/**
 * The index of the last element of `sortedMs` at or before `ms`, or 0 when there is none (the
 * tables that call this start at or before every instant they are asked about). `sortedMs`
 * ascends and is not empty.
 *
 * @example
 * lastAtOrBefore([0, 10, 20], 15) //=> 1
 * lastAtOrBefore([0, 10, 20], 20) //=> 2
 */
export function lastAtOrBefore(sortedMs: ArrayLike<number>, ms: number): number {
  let lo = 0;
  let hi = sortedMs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((sortedMs[mid] as number) <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
