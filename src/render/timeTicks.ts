/**
 * Axis ticks for a time axis in a zone: round local times (every hour, 3 hours, day, week...)
 * chosen so that about `maxTicks` fall inside the range.
 */
import { msPerDay, msPerHour } from '../time/units.js';
import { zonedParts, zoneOffsetMs } from './zonedTime.js';

/** One tick: its instant and its label lines (the date only where it changes). */
export interface TimeTick {
  readonly atMs: number;
  /** `Mon 03-02` (the first tick: `Mon 2026-03-02`), or `` when the previous tick showed the same local date. */
  readonly date: string;
  /** `09:00`, or `` for steps of a day or more. */
  readonly time: string;
}

const hourSteps = [1, 2, 3, 6, 12].map((hours) => hours * msPerHour);
const daySteps = [1, 2, 3, 4, 7, 14, 28, 56, 112, 224, 448, 896];

/** The instant whose wall clock in `timeZone` reads `localMs` (the later one in a DST overlap). */
function instantOfLocal(localMs: number, timeZone: string): number {
  const guessMs = localMs - zoneOffsetMs(localMs, timeZone);
  return localMs - zoneOffsetMs(guessMs, timeZone);
}

/**
 * Ticks between `fromMs` and `toMs` (inclusive) at round local times of `timeZone`; at most
 * `maxTicks` of them. Steps of a week or more fall on local Mondays.
 *
 * @example
 * timeTicks(Date.UTC(2026, 2, 2), Date.UTC(2026, 2, 3), 'UTC', 5).map((t) => t.time)
 * //=> ['00:00', '06:00', '12:00', '18:00', '00:00']
 */
export function timeTicks(fromMs: number, toMs: number, timeZone: string, maxTicks: number): TimeTick[] {
  const spanMs = Math.max(toMs - fromMs, 1);
  const hourStep = hourSteps.find((stepMs) => spanMs / stepMs <= maxTicks - 1);
  const dayStep = daySteps.find((days) => spanMs / (days * msPerDay) <= maxTicks - 1) ?? 1792;
  const stepMs = hourStep ?? dayStep * msPerDay;
  const localFromMs = fromMs + zoneOffsetMs(fromMs, timeZone);
  // Local days since 1970-01-01 (a Thursday): weekly steps start on Monday, day 4.
  const anchorMs = stepMs >= 7 * msPerDay ? 4 * msPerDay : 0;
  let localMs = Math.ceil((localFromMs - anchorMs) / stepMs) * stepMs + anchorMs;
  const ticks: TimeTick[] = [];
  let previousDate = '';
  // A bounded loop: the step was chosen for at most maxTicks ticks, and a DST shift moves a tick
  // by an hour at most.
  for (let guard = 0; guard <= maxTicks + 1; guard++) {
    const atMs = instantOfLocal(localMs, timeZone);
    localMs += stepMs;
    if (atMs < fromMs) continue;
    if (atMs > toMs) break;
    const p = zonedParts(atMs, timeZone);
    const date = `${p.weekday} ${p.month}-${p.day}`;
    ticks.push({
      atMs,
      // The first tick carries the year; later ones only a changed date.
      date:
        previousDate === ''
          ? `${p.weekday} ${p.year}-${p.month}-${p.day}`
          : date === previousDate
            ? ''
            : date,
      time: stepMs < msPerDay ? `${p.hour}:${p.minute}` : '',
    });
    previousDate = date;
  }
  return ticks;
}
