import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { timeTicks } from '../../src/render/timeTicks.js';
import { zonedParts } from '../../src/render/zonedTime.js';
import { msPerDay } from '../../src/time/units.js';
import { wallClockAt } from '../oracle/naiveCalendar.js';

const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kathmandu', 'Australia/Lord_Howe'];

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
/** The wall clock of `ms` in `zone`, read by Intl alone (the oracle's), as the epoch ms of that reading in UTC. */
function wallMs(ms: number, zone: string): number {
  const wall = wallClockAt(zone, ms);
  return wall.dayNumber * msPerDay + wall.timeOfDayMs;
}

/**
 * Whether a tick reads a round time on the wall clock of `zone` (a whole multiple of `unitMs`
 * since local midnight), or would but for a DST change within two hours of it: a round local time
 * the change skipped is drawn where the clock moved it, one shift later or earlier.
 */
function isRoundLocal(atMs: number, zone: string, unitMs: number): boolean {
  const localMs = wallMs(atMs, zone);
  const isRound = (ms: number) => ((ms % unitMs) + unitMs) % unitMs === 0;
  if (isRound(localMs)) return true;
  const shiftMs =
    wallMs(atMs + 2 * hourMs, zone) -
    (atMs + 2 * hourMs) -
    (wallMs(atMs - 2 * hourMs, zone) - (atMs - 2 * hourMs));
  return shiftMs !== 0 && (isRound(localMs - shiftMs) || isRound(localMs + shiftMs));
}

describe('timeTicks', () => {
  test('ticks lie in the range, in order, at most maxTicks, at round local times', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.integer({ min: 60_000, max: 400 * 86_400_000 }),
        fc.constantFrom(...zones),
        fc.integer({ min: 3, max: 14 }),
        (fromMs, spanMs, zone, maxTicks) => {
          const ticks = timeTicks(fromMs, fromMs + spanMs, zone, maxTicks);
          expect(ticks.length).toBeLessThanOrEqual(maxTicks);
          for (const [i, tick] of ticks.entries()) {
            expect(tick.atMs).toBeGreaterThanOrEqual(fromMs);
            expect(tick.atMs).toBeLessThanOrEqual(fromMs + spanMs);
            if (i > 0) expect(tick.atMs).toBeGreaterThan((ticks[i - 1] as { atMs: number }).atMs);
            // On the hour of the zone's clock (Kathmandu's too, 5:45 off UTC), or at its midnight
            // for day steps, unless a DST change moved the wall clock.
            const unitMs = tick.time === '' ? dayMs : hourMs;
            expect(
              isRoundLocal(tick.atMs, zone, unitMs),
              `${new Date(tick.atMs).toISOString()} in ${zone}`,
            ).toBe(true);
          }
          // Steps at most double from one to the next, so a span of days always gets a tick.
          if (spanMs >= 2 * 86_400_000) expect(ticks.length).toBeGreaterThanOrEqual(1);
        },
      ),
    );
  });

  test('a day in New York: every three hours from local midnight, the date on the first tick only', () => {
    const fromMs = Date.parse('2026-03-02T05:00:00Z'); // 00:00 in New York
    const ticks = timeTicks(fromMs, fromMs + 86_400_000, 'America/New_York', 9);
    expect(ticks.map((t) => t.time)).toEqual([
      '00:00',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
      '15:00',
      '18:00',
      '21:00',
      '00:00',
    ]);
    expect(ticks.map((t) => t.date)).toEqual(['Mon 2026-03-02', '', '', '', '', '', '', '', 'Tue 03-03']);
  });

  test('weekly steps fall on local Mondays', () => {
    const fromMs = Date.parse('2026-01-01T00:00:00Z');
    const ticks = timeTicks(fromMs, fromMs + 60 * 86_400_000, 'Europe/Berlin', 9);
    expect(ticks.length).toBeGreaterThan(3);
    for (const tick of ticks) {
      const parts = zonedParts(tick.atMs, 'Europe/Berlin');
      expect([parts.weekday, parts.hour, parts.minute]).toEqual(['Mon', '00', '00']);
    }
  });
});
