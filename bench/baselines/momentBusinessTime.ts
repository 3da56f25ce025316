/**
 * Baseline (b1): moment-business-time 2.0.0, on the same calendar. It reads working hours and
 * holidays from the global moment locale and computes in the process's zone (`TZ`).
 *
 * Its holidays are minimatch patterns tested one by one against `YYYY-MM-DD` on every day it
 * looks at, so its cost grows with the number of holidays as well as with the span.
 */
import moment from 'moment-business-time';

const msPerMinute = 60000;

export interface MomentBusinessTime {
  /** `moment(to).workingDiff(moment(from), 'milliseconds')`: positive when `to` is later. */
  betweenMs(fromMs: number, toMs: number): number;
  /**
   * `moment(from).addWorkingTime(ms / 60000, 'minutes')` as epoch ms: `ms` must be whole minutes.
   * Minutes are the unit its `'hours'` is converted to internally, so `addWorkingTime(1, 'hours')`
   * does exactly this for one hour.
   */
  addMs(fromMs: number, ms: number): number;
}

/**
 * Sets the global locale's working hours (Mon-Fri `09:00:00`-`17:00:00`, the library's default)
 * and holidays. The locale is process-wide, so there is one such calendar per process.
 */
export function configureMomentBusinessTime(holidays: readonly string[]): MomentBusinessTime {
  const day = ['09:00:00', '17:00:00'];
  moment.updateLocale(moment.locale(), {
    workinghours: { 0: null, 1: day, 2: day, 3: day, 4: day, 5: day, 6: null },
    holidays,
  });
  return {
    // `a.workingDiff(b)` is the business time from b to a, so the later instant goes first.
    betweenMs: (fromMs, toMs) => moment(toMs).workingDiff(moment(fromMs), 'milliseconds'),
    addMs: (fromMs, ms) =>
      moment(fromMs)
        .addWorkingTime(ms / msPerMinute, 'minutes')
        .valueOf(),
  };
}
