/**
 * The exotic zones of SPEC.md section 3. Every answer below follows from the one definition
 * (open when the wall clock on its own local date is in that date's hours); the comments give
 * the zone's history that makes each case special (tz database 2025c).
 */
import { describe, expect, test } from 'vitest';
import { businessTimeBetween, compileCalendar, isOpen, nextClose, nextOpen } from '../../src/index.js';
import { everyDay, ms, msPerHour, msPerMinute, onlyOn } from './fixtures.js';

const wholeDay = [['00:00', '24:00']] as const;

describe('America/Santiago: midnight is skipped when DST begins', () => {
  // 2026-09-06 00:00 -04 jumps to 01:00 -03 (at 04:00Z): local date 2026-09-06 starts at 01:00.
  test('["00:00","02:00"] on that date opens at the jump and lasts 1 h', () => {
    const cal = onlyOn('America/Santiago', '2026-09-06', [['00:00', '02:00']]);
    expect(nextOpen(cal, ms('2026-09-05T12:00:00Z'))).toBe(ms('2026-09-06T04:00:00Z'));
    expect(businessTimeBetween(cal, ms('2026-09-05T00:00:00Z'), ms('2026-09-07T00:00:00Z'))).toBe(msPerHour);
  });

  test('the date of the jump has 23 hours', () => {
    const cal = onlyOn('America/Santiago', '2026-09-06', wholeDay);
    expect(businessTimeBetween(cal, ms('2026-09-05T00:00:00Z'), ms('2026-09-08T00:00:00Z'))).toBe(
      23 * msPerHour,
    );
  });

  // 2026-04-05 00:00 -03 falls back to 2026-04-04 23:00 -04 (at 03:00Z): 23:00-24:00 on the 4th happens twice.
  test('the hour before midnight repeats when DST ends: ["23:00","24:00"] lasts 2 h', () => {
    const cal = onlyOn('America/Santiago', '2026-04-04', [['23:00', '24:00']]);
    expect(businessTimeBetween(cal, ms('2026-04-03T00:00:00Z'), ms('2026-04-06T00:00:00Z'))).toBe(
      2 * msPerHour,
    );
    expect(nextClose(cal, ms('2026-04-05T02:00:00Z'))).toBe(ms('2026-04-05T04:00:00Z'));
  });
});

describe('America/Havana: DST also begins at midnight', () => {
  // 2026-03-08 00:00 -05 jumps to 01:00 -04 (at 05:00Z); 2026-11-01 01:00 -04 falls back to 00:00 -05.
  test('the spring-forward date has 23 hours, the fall-back date 25', () => {
    expect(
      businessTimeBetween(
        onlyOn('America/Havana', '2026-03-08', wholeDay),
        ms('2026-03-07T00:00:00Z'),
        ms('2026-03-10T00:00:00Z'),
      ),
    ).toBe(23 * msPerHour);
    expect(
      businessTimeBetween(
        onlyOn('America/Havana', '2026-11-01', wholeDay),
        ms('2026-10-31T00:00:00Z'),
        ms('2026-11-03T00:00:00Z'),
      ),
    ).toBe(25 * msPerHour);
  });

  test('["00:00","01:00"] on the fall-back date is open on both passes', () => {
    const cal = onlyOn('America/Havana', '2026-11-01', [['00:00', '01:00']]);
    expect(nextOpen(cal, ms('2026-10-31T12:00:00Z'))).toBe(ms('2026-11-01T04:00:00Z'));
    expect(nextClose(cal, ms('2026-11-01T04:00:00Z'))).toBe(ms('2026-11-01T06:00:00Z'));
  });
});

describe('Pacific/Apia: the local date 2011-12-30 never happened', () => {
  // At 2011-12-30T10:00Z Samoa moved from -10 to +14: Thursday 29th 23:59:59 was followed by Saturday 31st 00:00.
  const from = ms('2011-12-29T10:00:00Z'); // 2011-12-29 00:00 -10
  const to = ms('2011-12-30T10:00:00Z'); // 2011-12-31 00:00 +14, the same instant as 2011-12-30 00:00 -10
  test('an every-day 09:00-17:00 calendar counts only the 29th between the two midnights', () => {
    const cal = everyDay('Pacific/Apia', [['09:00', '17:00']]);
    expect(businessTimeBetween(cal, from, to)).toBe(8 * msPerHour);
  });

  test('a holiday or an override on 2011-12-30 changes nothing: no instant has that local date', () => {
    const plain = everyDay('Pacific/Apia', [['09:00', '17:00']]);
    const holiday = everyDay('Pacific/Apia', [['09:00', '17:00']], { holidays: ['2011-12-30'] });
    const override = everyDay('Pacific/Apia', [['09:00', '17:00']], {
      overrides: [{ date: '2011-12-30', hours: wholeDay }],
    });
    const span = [ms('2011-12-25T00:00:00Z'), ms('2012-01-05T00:00:00Z')] as const;
    expect(businessTimeBetween(holiday, ...span)).toBe(businessTimeBetween(plain, ...span));
    expect(businessTimeBetween(override, ...span)).toBe(businessTimeBetween(plain, ...span));
  });

  test('an overnight interval from the 29th runs into the 31st, whose 00:00 follows directly', () => {
    // 29th 22:00 -10 (08:00Z on the 30th) to "06:00 on the next calendar date": the 30th never comes,
    // so only the part before the jump is open: 22:00-24:00 on the 29th, 2 h.
    const cal = onlyOn('Pacific/Apia', '2011-12-29', [['22:00', '06:00']]);
    expect(businessTimeBetween(cal, ms('2011-12-28T00:00:00Z'), ms('2012-01-02T00:00:00Z'))).toBe(
      2 * msPerHour,
    );
  });
});

describe('Australia/Lord_Howe: a 30-minute DST step', () => {
  // 2026-10-04 02:00 +10:30 jumps to 02:30 +11 (at 15:30Z on the 3rd); 2026-04-05 02:00 +11 falls back to 01:30 +10:30.
  test('["02:00","03:00"] on the spring-forward date lasts 30 min', () => {
    const cal = onlyOn('Australia/Lord_Howe', '2026-10-04', [['02:00', '03:00']]);
    expect(businessTimeBetween(cal, ms('2026-10-02T00:00:00Z'), ms('2026-10-05T00:00:00Z'))).toBe(
      30 * msPerMinute,
    );
    expect(nextOpen(cal, ms('2026-10-03T00:00:00Z'))).toBe(ms('2026-10-03T15:30:00Z'));
  });

  test('["01:30","02:00"] on the fall-back date lasts 1 h, one stretch of two passes', () => {
    const cal = onlyOn('Australia/Lord_Howe', '2026-04-05', [['01:30', '02:00']]);
    expect(nextOpen(cal, ms('2026-04-04T00:00:00Z'))).toBe(ms('2026-04-04T14:30:00Z'));
    expect(nextClose(cal, ms('2026-04-04T14:30:00Z'))).toBe(ms('2026-04-04T15:30:00Z'));
  });
});

describe('Asia/Kathmandu: a 45-minute offset', () => {
  test('09:00-17:00 local is 03:15-11:15 UTC', () => {
    const cal = everyDay('Asia/Kathmandu', [['09:00', '17:00']]);
    expect(nextOpen(cal, ms('2026-03-02T00:00:00Z'))).toBe(ms('2026-03-02T03:15:00Z'));
    expect(nextClose(cal, ms('2026-03-02T03:15:00Z'))).toBe(ms('2026-03-02T11:15:00Z'));
  });

  test('the move from +05:30 to +05:45 on 1986-01-01 skipped 00:00-00:15', () => {
    const cal = onlyOn('Asia/Kathmandu', '1986-01-01', [['00:00', '01:00']]);
    expect(businessTimeBetween(cal, ms('1985-12-30T00:00:00Z'), ms('1986-01-03T00:00:00Z'))).toBe(
      45 * msPerMinute,
    );
  });
});

describe('Pacific/Chatham: +12:45 and +13:45, changing at 02:45 local', () => {
  // 2026-09-27 02:45 +12:45 jumps to 03:45 +13:45 (at 14:00Z on the 26th).
  test('the spring-forward date has 23 hours and ["02:45","03:45"] is empty', () => {
    expect(
      businessTimeBetween(
        onlyOn('Pacific/Chatham', '2026-09-27', wholeDay),
        ms('2026-09-25T00:00:00Z'),
        ms('2026-09-29T00:00:00Z'),
      ),
    ).toBe(23 * msPerHour);
    expect(
      businessTimeBetween(
        onlyOn('Pacific/Chatham', '2026-09-27', [['02:45', '03:45']]),
        ms('2026-09-25T00:00:00Z'),
        ms('2026-09-29T00:00:00Z'),
      ),
    ).toBe(0);
  });

  test('["03:00","04:00"] starts at the jump (03:45) and lasts 15 min', () => {
    const cal = onlyOn('Pacific/Chatham', '2026-09-27', [['03:00', '04:00']]);
    expect(nextOpen(cal, ms('2026-09-26T00:00:00Z'))).toBe(ms('2026-09-26T14:00:00Z'));
    expect(businessTimeBetween(cal, ms('2026-09-25T00:00:00Z'), ms('2026-09-29T00:00:00Z'))).toBe(
      15 * msPerMinute,
    );
  });
});

describe('Africa/Casablanca: DST is suspended during Ramadan', () => {
  // 2026-02-15 03:00 +01 falls back to 02:00 +00; 2026-03-22 02:00 +00 jumps to 03:00 +01.
  test('["02:00","03:00"] lasts 2 h when Ramadan begins and 0 when it ends', () => {
    const span = (date: string) =>
      [ms(`${date}T00:00:00Z`) - 2 * 86_400_000, ms(`${date}T00:00:00Z`) + 2 * 86_400_000] as const;
    expect(
      businessTimeBetween(
        onlyOn('Africa/Casablanca', '2026-02-15', [['02:00', '03:00']]),
        ...span('2026-02-15'),
      ),
    ).toBe(2 * msPerHour);
    expect(
      businessTimeBetween(
        onlyOn('Africa/Casablanca', '2026-03-22', [['02:00', '03:00']]),
        ...span('2026-03-22'),
      ),
    ).toBe(0);
  });
});

describe('Europe/Dublin: IST in summer, GMT in winter', () => {
  test('["01:00","02:00"] on 2026-10-25 is open on both passes: 2 h', () => {
    const cal = onlyOn('Europe/Dublin', '2026-10-25', [['01:00', '02:00']]);
    expect(businessTimeBetween(cal, ms('2026-10-24T00:00:00Z'), ms('2026-10-27T00:00:00Z'))).toBe(
      2 * msPerHour,
    );
  });

  test('before 1916 Dublin kept Dublin Mean Time, 25 min 21 s behind GMT, to the second', () => {
    const cal = everyDay('Europe/Dublin', [['09:00', '17:00']]);
    expect(nextOpen(cal, ms('1910-06-01T00:00:00Z'))).toBe(ms('1910-06-01T09:25:21Z'));
    expect(isOpen(cal, ms('1910-06-01T09:25:20.999Z'))).toBe(false);
  });
});

describe('UTC', () => {
  test('a UTC calendar is plain arithmetic', () => {
    const cal = compileCalendar({ timeZone: 'UTC', week: { mon: [['09:00', '17:00']] } });
    expect(nextOpen(cal, ms('2026-03-02T00:00:00Z'))).toBe(ms('2026-03-02T09:00:00Z'));
  });
});
