/**
 * The worked DST examples of SPEC.md section 3, in America/New_York. Spring forward is
 * 2026-03-08 (02:00 EST jumps to 03:00 EDT, at 07:00Z); fall back is 2026-11-01 (02:00 EDT
 * returns to 01:00 EST, at 06:00Z).
 */
import { describe, expect, test } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextClose,
  nextOpen,
} from '../../src/index.js';
import { ms, msPerHour, msPerMinute, onlyOn } from './fixtures.js';

const ny = 'America/New_York';
const springDay = { from: ms('2026-03-07T00:00:00Z'), to: ms('2026-03-10T00:00:00Z') };
const fallDay = { from: ms('2026-10-31T00:00:00Z'), to: ms('2026-11-03T00:00:00Z') };

describe('spring forward: a boundary in the gap falls at the first instant whose wall clock reads at or after it', () => {
  test('["02:00","03:00"] on the spring-forward day is empty: no wall clock reads 02:xx', () => {
    const cal = onlyOn(ny, '2026-03-08', [['02:00', '03:00']]);
    expect(businessTimeBetween(cal, springDay.from, springDay.to)).toBe(0);
    expect(nextOpen(cal, springDay.from)).toBe(null);
  });

  test('["02:30","03:15"] is 03:00-03:15 EDT, 15 min (not dropped as the biz gem does, not 03:30 as Temporal "compatible")', () => {
    const cal = onlyOn(ny, '2026-03-08', [['02:30', '03:15']]);
    expect(businessTimeBetween(cal, springDay.from, springDay.to)).toBe(15 * msPerMinute);
    expect(nextOpen(cal, springDay.from)).toBe(ms('2026-03-08T07:00:00Z'));
    expect(nextClose(cal, ms('2026-03-08T07:00:00Z'))).toBe(ms('2026-03-08T07:15:00Z'));
    expect(isOpen(cal, ms('2026-03-08T06:59:59.999Z'))).toBe(false);
  });

  test('["01:00","04:00"] lasts 2 real hours, as one stretch across the jump', () => {
    const cal = onlyOn(ny, '2026-03-08', [['01:00', '04:00']]);
    expect(businessTimeBetween(cal, springDay.from, springDay.to)).toBe(2 * msPerHour);
    expect(nextOpen(cal, springDay.from)).toBe(ms('2026-03-08T06:00:00Z'));
    expect(nextClose(cal, ms('2026-03-08T06:00:00Z'))).toBe(ms('2026-03-08T08:00:00Z'));
  });

  test('the day of 23 hours: ["00:00","24:00"] on that Sunday counts 23 h', () => {
    const cal = compileCalendar({ timeZone: ny, week: { sun: [['00:00', '24:00']] } });
    expect(businessTimeBetween(cal, springDay.from, springDay.to)).toBe(23 * msPerHour);
  });
});

describe('fall back: both passes through the repeated hour are open', () => {
  test('["01:00","02:00"] lasts 2 real hours', () => {
    const cal = onlyOn(ny, '2026-11-01', [['01:00', '02:00']]);
    expect(businessTimeBetween(cal, fallDay.from, fallDay.to)).toBe(2 * msPerHour);
    expect(nextOpen(cal, fallDay.from)).toBe(ms('2026-11-01T05:00:00Z'));
    expect(nextClose(cal, ms('2026-11-01T05:00:00Z'))).toBe(ms('2026-11-01T07:00:00Z'));
  });

  test('["01:30","03:00"] is 05:30-06:00Z plus 06:30-08:00Z, with a closed gap between the passes', () => {
    const cal = onlyOn(ny, '2026-11-01', [['01:30', '03:00']]);
    expect(businessTimeBetween(cal, fallDay.from, fallDay.to)).toBe(2 * msPerHour);
    expect(nextOpen(cal, fallDay.from)).toBe(ms('2026-11-01T05:30:00Z'));
    expect(nextClose(cal, ms('2026-11-01T05:45:00Z'))).toBe(ms('2026-11-01T06:00:00Z'));
    expect(isOpen(cal, ms('2026-11-01T06:15:00Z'))).toBe(false);
    expect(nextOpen(cal, ms('2026-11-01T06:15:00Z'))).toBe(ms('2026-11-01T06:30:00Z'));
    expect(nextClose(cal, ms('2026-11-01T06:30:00Z'))).toBe(ms('2026-11-01T08:00:00Z'));
  });

  test('["00:00","01:30"] lasts 2 h: 00:00-01:30 EDT, closed while the wall clock reads 01:30-02:00 EDT, then 01:00-01:30 EST', () => {
    const cal = onlyOn(ny, '2026-11-01', [['00:00', '01:30']]);
    expect(businessTimeBetween(cal, fallDay.from, fallDay.to)).toBe(2 * msPerHour);
    expect(nextClose(cal, ms('2026-11-01T04:00:00Z'))).toBe(ms('2026-11-01T05:30:00Z'));
    expect(nextOpen(cal, ms('2026-11-01T05:30:00Z'))).toBe(ms('2026-11-01T06:00:00Z'));
    expect(nextClose(cal, ms('2026-11-01T06:00:00Z'))).toBe(ms('2026-11-01T06:30:00Z'));
  });

  test('the day of 25 hours: ["00:00","24:00"] on that Sunday counts 25 h', () => {
    const cal = compileCalendar({ timeZone: ny, week: { sun: [['00:00', '24:00']] } });
    expect(businessTimeBetween(cal, fallDay.from, fallDay.to)).toBe(25 * msPerHour);
  });

  test('adding business time across the repeated hour counts real time', () => {
    const cal = onlyOn(ny, '2026-11-01', [['01:00', '02:00']]);
    // 01:30 EDT + 60 min: 30 min to the end of the EDT pass, then 30 min into the EST pass.
    expect(addBusinessTime(cal, ms('2026-11-01T05:30:00Z'), 60 * msPerMinute)).toBe(
      ms('2026-11-01T06:30:00Z'),
    );
  });
});
