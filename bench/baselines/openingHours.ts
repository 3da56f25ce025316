/**
 * Baseline (b2): opening_hours 3.15 (the OpenStreetMap `opening_hours` evaluator), on the same
 * calendar, written in the OSM syntax. It computes in the process's zone (`TZ`).
 *
 * Holidays are dated closures (`2026 Dec 25 off`) rather than `PH off`: `PH` would need a
 * nominatim location and opening_hours' own holiday tables, which need not match our list.
 */
import opening_hours from 'opening_hours';

export interface OpeningHours {
  /** `getOpenDuration(from, to)[0]` (the open ms; the second value, "unknown" ms, is always 0 here). */
  betweenMs(fromMs: number, toMs: number): number;
  /** Walks the iterator from `fromMs` over open/closed changes, see below. */
  addMs(fromMs: number, ms: number): number | null;
  /** The rule string it was built from. */
  readonly rule: string;
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mo-Fr 09:00-17:00; 2025 Jan 01 off; ...`: the weekly hours, then one dated closure per holiday. */
export function openingHoursRule(holidays: readonly string[]): string {
  const closures = holidays.map((date) => {
    const [year, month, day] = date.split('-');
    return `${year} ${monthNames[Number(month) - 1]} ${day} off`;
  });
  return ['Mo-Fr 09:00-17:00', ...closures].join('; ');
}

/** Parses the rule once (as a host would) and returns the two queries on it. */
export function createOpeningHours(holidays: readonly string[]): OpeningHours {
  const rule = openingHoursRule(holidays);
  const hours = new opening_hours(rule, null);

  /**
   * opening_hours has no "add open time". The least it takes: one iterator from `fromMs`; at
   * each change, if the stretch just passed was open, take its length off what is left, and stop
   * inside the stretch that finishes it (landing on a close returns the close, as sla-clock does).
   * `advance()` looks at most five years ahead; `null` past that.
   */
  const addMs = (fromMs: number, ms: number): number | null => {
    const it = hours.getIterator(new Date(fromMs));
    let cursorMs = fromMs;
    let leftMs = ms;
    for (;;) {
      const wasOpen = it.getState();
      if (!it.advance()) return null;
      const changeMs = it.getDate().getTime();
      if (wasOpen) {
        if (leftMs <= changeMs - cursorMs) return cursorMs + leftMs;
        leftMs -= changeMs - cursorMs;
      }
      cursorMs = changeMs;
    }
  };

  return {
    betweenMs: (fromMs, toMs) =>
      toMs < fromMs
        ? -(hours.getOpenDuration(new Date(toMs), new Date(fromMs))[0] as number)
        : (hours.getOpenDuration(new Date(fromMs), new Date(toMs))[0] as number),
    addMs,
    rule,
  };
}
