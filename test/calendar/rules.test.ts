/**
 * One scenario per rule of SPEC.md section 3, and the cases where peer libraries disagree, each
 * naming the choice we made. All in America/New_York; 2026-03-02 is a Monday (EST, UTC-5).
 */
import { describe, expect, test } from 'vitest';
import { msPerChunk } from '../../src/calendar/chunk.js';
import { firstChunk, horizonEndMs, horizonStartMs, lastChunk } from '../../src/calendar/timeline.js';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextClose,
  nextOpen,
} from '../../src/index.js';
import { ms, msPerHour, msPerMinute, nineToFive, weekdaysSpec } from './fixtures.js';

const ny = 'America/New_York';
const monday0900 = ms('2026-03-02T14:00:00Z');
const monday1700 = ms('2026-03-02T22:00:00Z');
const tuesday0900 = ms('2026-03-03T14:00:00Z');
const tuesday1000 = ms('2026-03-03T15:00:00Z');
const saturdayNoon = ms('2026-03-07T17:00:00Z');

describe('adding business time', () => {
  test('landing exactly on a close returns the close: Monday 09:00 + 8 h is Monday 17:00, not Tuesday 09:00', () => {
    expect(addBusinessTime(nineToFive, monday0900, 8 * msPerHour)).toBe(monday1700);
    expect(businessTimeBetween(nineToFive, monday0900, monday1700)).toBe(8 * msPerHour);
  });

  test('one more millisecond past a close moves to the next open', () => {
    expect(addBusinessTime(nineToFive, monday0900, 8 * msPerHour + 1)).toBe(tuesday0900 + 1);
  });

  test('subtracting returns the latest instant: Tuesday 10:00 - 1 h is Tuesday 09:00, not Monday 17:00', () => {
    expect(addBusinessTime(nineToFive, tuesday1000, -msPerHour)).toBe(tuesday0900);
    expect(addBusinessTime(nineToFive, tuesday0900, -msPerHour)).toBe(ms('2026-03-02T21:00:00Z'));
  });

  test('zero at a closed time returns the instant itself (biz and business_time roll forward; we do not)', () => {
    expect(addBusinessTime(nineToFive, saturdayNoon, 0)).toBe(saturdayNoon);
  });

  test('starting while closed counts from the next open', () => {
    // Saturday 2026-03-07 noon + 1 h: Monday 09:00 EDT (DST began on Sunday 2026-03-08) + 1 h.
    expect(addBusinessTime(nineToFive, saturdayNoon, msPerHour)).toBe(ms('2026-03-09T14:00:00Z'));
  });

  test('a week of business time skips the weekend and the DST change', () => {
    // Monday 2026-03-02 09:00 EST + 40 h = Friday 17:00 EST; + 41 h = Monday 2026-03-09 10:00 EDT.
    expect(addBusinessTime(nineToFive, monday0900, 40 * msPerHour)).toBe(ms('2026-03-06T22:00:00Z'));
    expect(addBusinessTime(nineToFive, monday0900, 41 * msPerHour)).toBe(ms('2026-03-09T14:00:00Z'));
  });
});

describe('business time between two instants', () => {
  test('a reversed span gives the negated time (working_hours and moment-business-time agree; biz gives 0)', () => {
    expect(businessTimeBetween(nineToFive, tuesday1000, monday0900)).toBe(-9 * msPerHour);
    expect(businessTimeBetween(nineToFive, monday0900, tuesday1000)).toBe(9 * msPerHour);
  });

  test('an empty span is zero, open or closed', () => {
    expect(businessTimeBetween(nineToFive, monday0900, monday0900)).toBe(0);
    expect(businessTimeBetween(nineToFive, saturdayNoon, saturdayNoon)).toBe(0);
  });

  test('a span entirely inside closed hours is zero', () => {
    expect(businessTimeBetween(nineToFive, monday1700, tuesday0900)).toBe(0);
  });

  test('the interval is half-open: the close instant itself is closed, the open instant is open', () => {
    expect(isOpen(nineToFive, monday0900)).toBe(true);
    expect(isOpen(nineToFive, monday0900 - 1)).toBe(false);
    expect(isOpen(nineToFive, monday1700 - 1)).toBe(true);
    expect(isOpen(nineToFive, monday1700)).toBe(false);
  });
});

describe('intervals', () => {
  test('an overnight interval belongs to its start day and runs past midnight', () => {
    const cal = compileCalendar({ timeZone: ny, week: { fri: [['22:00', '06:00']] } });
    // Friday 2026-03-06 22:00 EST to Saturday 06:00 EST.
    expect(nextOpen(cal, ms('2026-03-06T12:00:00Z'))).toBe(ms('2026-03-07T03:00:00Z'));
    expect(nextClose(cal, ms('2026-03-07T03:00:00Z'))).toBe(ms('2026-03-07T11:00:00Z'));
  });

  test('a holiday on the next day does not cut an overnight interval', () => {
    const cal = compileCalendar({
      timeZone: ny,
      week: { fri: [['22:00', '06:00']] },
      holidays: ['2026-03-07'],
    });
    expect(businessTimeBetween(cal, ms('2026-03-06T00:00:00Z'), ms('2026-03-08T00:00:00Z'))).toBe(
      8 * msPerHour,
    );
  });

  test('a holiday on the start day removes the whole overnight interval, after-midnight part included', () => {
    const cal = compileCalendar({
      timeZone: ny,
      week: { fri: [['22:00', '06:00']] },
      holidays: ['2026-03-06'],
    });
    expect(businessTimeBetween(cal, ms('2026-03-06T00:00:00Z'), ms('2026-03-08T00:00:00Z'))).toBe(0);
  });

  test('an override on the start day replaces the overnight interval', () => {
    const cal = compileCalendar({
      timeZone: ny,
      week: { fri: [['22:00', '06:00']] },
      overrides: [{ date: '2026-03-06', hours: [['23:00', '01:00']] }],
    });
    expect(businessTimeBetween(cal, ms('2026-03-06T00:00:00Z'), ms('2026-03-08T00:00:00Z'))).toBe(
      2 * msPerHour,
    );
  });

  test('"24:00" ends a day at midnight and joins the next day\'s "00:00" into one stretch', () => {
    const cal = compileCalendar({
      timeZone: ny,
      week: { mon: [['18:00', '24:00']], tue: [['00:00', '02:00']] },
    });
    expect(nextClose(cal, ms('2026-03-02T23:30:00Z'))).toBe(ms('2026-03-03T07:00:00Z'));
    expect(businessTimeBetween(cal, monday0900, tuesday0900)).toBe(8 * msPerHour);
  });

  test('several intervals per day count separately', () => {
    const cal = compileCalendar(
      weekdaysSpec(ny, [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ]),
    );
    expect(businessTimeBetween(cal, monday0900, tuesday0900)).toBe(7 * msPerHour);
    expect(isOpen(cal, ms('2026-03-02T17:30:00Z'))).toBe(false);
    expect(nextOpen(cal, ms('2026-03-02T17:30:00Z'))).toBe(ms('2026-03-02T18:00:00Z'));
  });

  test('overlapping intervals are united, not counted twice', () => {
    const cal = compileCalendar(
      weekdaysSpec(ny, [
        ['09:00', '12:00'],
        ['11:00', '14:00'],
      ]),
    );
    expect(businessTimeBetween(cal, monday0900, tuesday0900)).toBe(5 * msPerHour);
    expect(nextClose(cal, monday0900)).toBe(ms('2026-03-02T19:00:00Z'));
  });

  test("an overnight interval overlapping the next day's hours is united with them", () => {
    const cal = compileCalendar({
      timeZone: ny,
      week: { mon: [['20:00', '10:00']], tue: [['09:00', '12:00']] },
    });
    // Monday 20:00 to Tuesday 12:00 = 16 h, one stretch.
    expect(nextClose(cal, ms('2026-03-03T01:00:00Z'))).toBe(ms('2026-03-03T17:00:00Z'));
  });

  test('seconds in local times are honoured', () => {
    const cal = compileCalendar(weekdaysSpec(ny, [['09:00:30', '09:01:15']]));
    expect(businessTimeBetween(cal, monday0900, tuesday0900)).toBe(45_000);
  });
});

describe('holidays and overrides', () => {
  const spec = {
    ...weekdaysSpec(ny),
    holidays: ['2026-03-03', '2026-03-05'],
    overrides: [
      { date: '2026-03-05', hours: [['10:00', '12:00']] as const },
      { date: '2026-03-07', hours: [['09:00', '13:00']] as const },
      { date: '2026-03-04', hours: [] },
    ],
  } as const;
  const cal = compileCalendar(spec);

  test('a holiday closes the whole local date', () => {
    expect(businessTimeBetween(cal, ms('2026-03-03T05:00:00Z'), ms('2026-03-04T05:00:00Z'))).toBe(0);
  });

  test('an override with [] closes a working day', () => {
    expect(businessTimeBetween(cal, ms('2026-03-04T05:00:00Z'), ms('2026-03-05T05:00:00Z'))).toBe(0);
  });

  test("an override on a holiday wins: that date has the override's hours (a partial day)", () => {
    expect(businessTimeBetween(cal, ms('2026-03-05T05:00:00Z'), ms('2026-03-06T05:00:00Z'))).toBe(
      2 * msPerHour,
    );
  });

  test('an override opens a normally closed day (a special working Saturday)', () => {
    expect(businessTimeBetween(cal, ms('2026-03-07T05:00:00Z'), ms('2026-03-08T05:00:00Z'))).toBe(
      4 * msPerHour,
    );
  });

  test('a holiday never adds time', () => {
    const plain = compileCalendar(weekdaysSpec(ny));
    const withHoliday = compileCalendar({ ...weekdaysSpec(ny), holidays: ['2026-03-03'] });
    const from = ms('2026-03-01T00:00:00Z');
    const to = ms('2026-03-10T00:00:00Z');
    expect(businessTimeBetween(withHoliday, from, to)).toBe(
      businessTimeBetween(plain, from, to) - 8 * msPerHour,
    );
  });
});

describe('"24/7"', () => {
  const always = compileCalendar('24/7');

  test('is open at every instant and needs no zone', () => {
    expect(always.timeZone).toBe(null);
    expect(isOpen(always, saturdayNoon)).toBe(true);
  });

  test('business time is real time, forwards and backwards', () => {
    expect(businessTimeBetween(always, monday0900, tuesday1000)).toBe(tuesday1000 - monday0900);
    expect(businessTimeBetween(always, tuesday1000, monday0900)).toBe(monday0900 - tuesday1000);
    expect(addBusinessTime(always, monday0900, 90 * msPerMinute)).toBe(monday0900 + 90 * msPerMinute);
    expect(addBusinessTime(always, monday0900, -90 * msPerMinute)).toBe(monday0900 - 90 * msPerMinute);
  });

  test('never closes; is always already open', () => {
    expect(nextClose(always, monday0900)).toBe(null);
    expect(nextOpen(always, monday0900)).toBe(monday0900);
  });
});

describe('a calendar that is never open', () => {
  test('an empty week: every answer is "never" (null), without searching', () => {
    const never = compileCalendar({ timeZone: ny, week: {} });
    expect(addBusinessTime(never, monday0900, msPerMinute)).toBe(null);
    expect(addBusinessTime(never, monday0900, -msPerMinute)).toBe(null);
    expect(nextOpen(never, monday0900)).toBe(null);
    expect(nextClose(never, monday0900)).toBe(monday0900);
    expect(businessTimeBetween(never, ms('1900-01-01T00:00:00Z'), ms('2200-12-31T00:00:00Z'))).toBe(0);
    expect(isOpen(never, monday0900)).toBe(false);
  });

  test('open only on past override dates: "never" after the last one, in bounded time', () => {
    const cal = compileCalendar({
      timeZone: ny,
      week: {},
      holidays: ['2026-03-02'],
      overrides: [{ date: '2026-03-02', hours: [['09:00', '10:00']] }],
    });
    expect(addBusinessTime(cal, ms('2026-01-01T00:00:00Z'), msPerHour)).toBe(ms('2026-03-02T15:00:00Z'));
    expect(addBusinessTime(cal, ms('2026-01-01T00:00:00Z'), msPerHour + 1)).toBe(null);
    expect(nextOpen(cal, ms('2026-03-02T15:00:00Z'))).toBe(null);
    expect(addBusinessTime(cal, ms('2026-06-01T00:00:00Z'), -msPerHour)).toBe(monday0900);
    expect(addBusinessTime(cal, ms('2026-06-01T00:00:00Z'), -msPerHour - 1)).toBe(null);
  });

  test('a calendar that never closes answers null for nextClose, also when an exception lies ahead', () => {
    const allDay = [['00:00', '24:00']] as const;
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
    const week = Object.fromEntries(days.map((day) => [day, allDay]));
    expect(nextClose(compileCalendar({ timeZone: ny, week }), monday0900)).toBe(null);
    const withHoliday = compileCalendar({ timeZone: ny, week, holidays: ['2026-12-25'] });
    expect(nextClose(withHoliday, monday0900)).toBe(ms('2026-12-25T05:00:00Z'));
    expect(nextClose(withHoliday, ms('2026-12-26T05:00:00Z'))).toBe(null);
  });
});

describe('range', () => {
  test('instants from 1900 to 2200 are answered', () => {
    const early = ms('1900-01-01T00:00:00Z');
    const late = ms('2200-12-31T23:59:59.999Z');
    expect(isOpen(nineToFive, early)).toBe(false); // Sunday 1899-12-31 19:00 EST
    expect(nextOpen(nineToFive, early)).not.toBe(null);
    expect(nextOpen(nineToFive, late)).not.toBe(null);
  });

  test('spans of decades and centuries are answered exactly, in bounded time', () => {
    const from = ms('1950-01-01T00:00:00Z');
    const to = ms('2150-01-01T00:00:00Z');
    const total = businessTimeBetween(nineToFive, from, to);
    // About 200 years of 40-hour weeks.
    expect(total / msPerHour).toBeGreaterThan(200 * 52 * 40 - 2 * 200 * 8);
    expect(total / msPerHour).toBeLessThan(200 * 53 * 40);
    expect(addBusinessTime(nineToFive, from, total)).toBe(ms('2149-12-31T22:00:00Z'));
    expect(addBusinessTime(nineToFive, to, -total)).toBe(ms('1950-01-02T14:00:00Z'));
  });

  test('an answer beyond the year 3000 is reported as never', () => {
    expect(addBusinessTime(nineToFive, ms('2200-01-01T00:00:00Z'), 1000 * 365 * 24 * msPerHour)).toBe(null);
  });
});

describe('the search horizon', () => {
  test('its chunk indexes are the literals the timeline uses (no arithmetic at import)', () => {
    expect(Math.floor(horizonStartMs / msPerChunk)).toBe(firstChunk);
    expect(Math.floor((horizonEndMs - 1) / msPerChunk) - firstChunk).toBe(lastChunk);
    expect(horizonStartMs).toBe(Date.UTC(1800, 0, 1));
    expect(horizonEndMs).toBe(Date.UTC(3000, 0, 1));
  });
});
