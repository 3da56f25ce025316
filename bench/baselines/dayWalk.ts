/**
 * Baseline (a): the straightforward way, written plainly. Walk the local days between two
 * instants; for each Monday-Friday that is not a holiday, ask `Date` for that day's 09:00 and
 * 17:00 and add the part of that stretch that falls inside the span.
 *
 * `Date`'s local-time methods read the process's zone, so this is only right when the process
 * runs with `TZ=America/New_York` (the bench script sets it). That dependence on the machine is
 * exactly what STYLE.md warns against in the library; here it is the point of comparison.
 */

/** The hours of every business day, as wall-clock hours in the process's zone. */
const openHour = 9;
const closeHour = 17;

export interface DayWalk {
  /** Business ms in `[fromMs, toMs)`; negated for a reversed span. */
  betweenMs(fromMs: number, toMs: number): number;
  /** The earliest instant with `ms` (> 0) business ms after `fromMs`; a close is returned as such. */
  addMs(fromMs: number, ms: number): number;
}

/** A day walk over Mon-Fri `openHour`-`closeHour` with the given `YYYY-MM-DD` holidays. */
export function createDayWalk(holidays: readonly string[]): DayWalk {
  // Holidays as yyyymmdd numbers: a Set lookup without building a string per day.
  const holidayKeys = new Set(holidays.map((date) => Number(date.replaceAll('-', ''))));

  /** Whether the local date of `day` (a local midnight) has business hours. */
  const isBusinessDay = (day: Date): boolean => {
    const weekday = day.getDay();
    if (weekday === 0 || weekday === 6) return false;
    return !holidayKeys.has(day.getFullYear() * 10000 + (day.getMonth() + 1) * 100 + day.getDate());
  };
  const openOn = (day: Date): number =>
    new Date(day.getFullYear(), day.getMonth(), day.getDate(), openHour).getTime();
  const closeOn = (day: Date): number =>
    new Date(day.getFullYear(), day.getMonth(), day.getDate(), closeHour).getTime();
  const localMidnightOf = (ms: number): Date => {
    const day = new Date(ms);
    day.setHours(0, 0, 0, 0);
    return day;
  };

  const betweenMs = (fromMs: number, toMs: number): number => {
    if (toMs < fromMs) return -betweenMs(toMs, fromMs);
    let totalMs = 0;
    // `setDate(date + 1)` keeps the wall clock at 00:00, which New York never skips.
    for (const day = localMidnightOf(fromMs); day.getTime() < toMs; day.setDate(day.getDate() + 1)) {
      if (!isBusinessDay(day)) continue;
      const overlapMs = Math.min(closeOn(day), toMs) - Math.max(openOn(day), fromMs);
      if (overlapMs > 0) totalMs += overlapMs;
    }
    return totalMs;
  };

  const addMs = (fromMs: number, ms: number): number => {
    let leftMs = ms;
    for (const day = localMidnightOf(fromMs); ; day.setDate(day.getDate() + 1)) {
      if (!isBusinessDay(day)) continue;
      const openMs = Math.max(openOn(day), fromMs);
      const closeMs = closeOn(day);
      if (closeMs <= openMs) continue;
      if (leftMs <= closeMs - openMs) return openMs + leftMs;
      leftMs -= closeMs - openMs;
    }
  };

  return { betweenMs, addMs };
}
