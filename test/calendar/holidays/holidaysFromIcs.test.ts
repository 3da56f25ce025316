/**
 * Scenarios of holidaysFromIcs, each named after the rule it pins (docs/calendar.md, "Holidays
 * from an iCalendar file"). Weekdays are worked out by hand: 2026-01-01 is a Thursday.
 */
import { describe, expect, test } from 'vitest';
import { holidaysFromIcs } from '../../../src/index.js';
import { calendar, datesOf, event, issueOf, messageFor, outcomeOf } from './icsText.js';

const year2026 = { from: '2026-01-01', to: '2026-12-31' };

test('the example of the docs and the JSDoc', () => {
  expect(
    holidaysFromIcs(
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:thanksgiving\r\nDTSTART;VALUE=DATE:20241128\r\n' +
        'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      { from: '2026-01-01', to: '2027-12-31' },
    ),
  ).toEqual({ dates: ['2026-11-26', '2027-11-25'], skipped: [] });
});

describe('all-day events and their length', () => {
  test('an all-day event is its date', () => {
    expect(datesOf(['DTSTART;VALUE=DATE:20261225'], '2026-01-01', '2026-12-31')).toEqual(['2026-12-25']);
  });

  test('DTEND is exclusive: Dec 24 to Dec 27 covers the 24th, 25th and 26th', () => {
    const lines = ['DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227'];
    expect(datesOf(lines, '2026-01-01', '2026-12-31')).toEqual(['2026-12-24', '2026-12-25', '2026-12-26']);
  });

  test('without DTEND or DURATION an event lasts one day', () => {
    expect(datesOf(['DTSTART;VALUE=DATE:20260101'], '2026-01-01', '2026-01-05')).toEqual(['2026-01-01']);
  });

  test('DTEND equal to DTSTART is one day, as Calendar Labs feeds write every holiday', () => {
    const lines = ['DTSTART;VALUE=DATE:20260704', 'DTEND;VALUE=DATE:20260704'];
    expect(datesOf(lines, '2026-01-01', '2026-12-31')).toEqual(['2026-07-04']);
  });

  test.each([
    ['P1D', ['2026-12-24']],
    ['P3D', ['2026-12-24', '2026-12-25', '2026-12-26']],
    [
      'P1W',
      ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-27', '2026-12-28', '2026-12-29', '2026-12-30'],
    ],
    ['PT86400S', ['2026-12-24']],
    ['PT48H', ['2026-12-24', '2026-12-25']],
    ['P1DT24H', ['2026-12-24', '2026-12-25']],
    ['+P2D', ['2026-12-24', '2026-12-25']],
    ['P0D', ['2026-12-24']],
  ])('DURATION %s counts whole days', (duration, dates) => {
    expect(
      datesOf(['DTSTART;VALUE=DATE:20261224', `DURATION:${duration}`], '2026-01-01', '2026-12-31'),
    ).toEqual(dates);
  });

  test('a multi-day event partly inside the range gives its dates inside', () => {
    const lines = ['DTSTART;VALUE=DATE:20261228', 'DTEND;VALUE=DATE:20270105'];
    expect(datesOf(lines, '2027-01-01', '2027-12-31')).toEqual([
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-01-04',
    ]);
    expect(datesOf(lines, '2026-12-30', '2026-12-31')).toEqual(['2026-12-30', '2026-12-31']);
  });

  test('from and to are both inclusive', () => {
    expect(datesOf(['DTSTART;VALUE=DATE:20261225'], '2026-12-25', '2026-12-25')).toEqual(['2026-12-25']);
    expect(datesOf(['DTSTART;VALUE=DATE:20261225'], '2026-12-26', '2026-12-31')).toEqual([]);
    expect(datesOf(['DTSTART;VALUE=DATE:20261225'], '2026-01-01', '2026-12-24')).toEqual([]);
  });

  test('a bare YYYYMMDD without VALUE=DATE is a date (as ical.js reads it); a TZID on it changes nothing', () => {
    expect(datesOf(['DTSTART:20261225'], '2026-01-01', '2026-12-31')).toEqual(['2026-12-25']);
    expect(datesOf(['DTSTART;TZID=America/Los_Angeles:20261225'], '2026-01-01', '2026-12-31')).toEqual([
      '2026-12-25',
    ]);
  });

  test('dates come out sorted and once, however the events overlap or are ordered', () => {
    const text = calendar(
      event('DTSTART;VALUE=DATE:20261231'),
      event('DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227'),
      event('DTSTART;VALUE=DATE:20261225'),
      event('DTSTART;VALUE=DATE:20260101'),
    );
    expect(holidaysFromIcs(text, year2026).dates).toEqual([
      '2026-01-01',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ]);
  });
});

describe('yearly rules (RRULE FREQ=YEARLY)', () => {
  const range = (from: number, to: number) => ({ from: `${from}-01-01`, to: `${to}-12-31` });

  test('FREQ=YEARLY alone repeats DTSTART month and day every year', () => {
    const lines = ['DTSTART;VALUE=DATE:19001225', 'RRULE:FREQ=YEARLY'];
    expect(outcomeOf(lines, range(2025, 2027)).dates).toEqual(['2025-12-25', '2026-12-25', '2027-12-25']);
  });

  test('Feb 29 yearly happens in leap years only (RFC 5545: a date that does not exist gives nothing)', () => {
    const lines = ['DTSTART;VALUE=DATE:20240229', 'RRULE:FREQ=YEARLY'];
    expect(outcomeOf(lines, range(2024, 2033)).dates).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
  });

  test('INTERVAL=2 is every other year, counted from the year of DTSTART', () => {
    const lines = ['DTSTART;VALUE=DATE:20250501', 'RRULE:FREQ=YEARLY;INTERVAL=2'];
    expect(outcomeOf(lines, range(2026, 2030)).dates).toEqual(['2027-05-01', '2029-05-01']);
  });

  test('COUNT counts DTSTART as the first instance, and is counted from DTSTART even before the range', () => {
    const lines = ['DTSTART;VALUE=DATE:20240101', 'RRULE:FREQ=YEARLY;COUNT=3'];
    expect(outcomeOf(lines, range(2020, 2030)).dates).toEqual(['2024-01-01', '2025-01-01', '2026-01-01']);
    expect(outcomeOf(lines, range(2026, 2030)).dates).toEqual(['2026-01-01']);
  });

  test('UNTIL as a date is the last date allowed, inclusive', () => {
    const lines = ['DTSTART;VALUE=DATE:20241111', 'RRULE:FREQ=YEARLY;UNTIL=20261111'];
    expect(outcomeOf(lines, range(2024, 2030)).dates).toEqual(['2024-11-11', '2025-11-11', '2026-11-11']);
  });

  test('UNTIL as a date-time allows its date, whatever its zone', () => {
    const lines = ['DTSTART;VALUE=DATE:20241111', 'RRULE:FREQ=YEARLY;UNTIL=20261111T000000Z'];
    expect(outcomeOf(lines, range(2024, 2030)).dates).toEqual(['2024-11-11', '2025-11-11', '2026-11-11']);
    const before = ['DTSTART;VALUE=DATE:20241111', 'RRULE:FREQ=YEARLY;UNTIL=20261110T235959'];
    expect(outcomeOf(before, range(2024, 2030)).dates).toEqual(['2024-11-11', '2025-11-11']);
  });

  test('BYMONTH repeats the day of DTSTART in each month listed', () => {
    const lines = ['DTSTART;VALUE=DATE:20260115', 'RRULE:FREQ=YEARLY;BYMONTH=1,4,7'];
    expect(outcomeOf(lines, range(2026, 2026)).dates).toEqual(['2026-01-15', '2026-04-15', '2026-07-15']);
  });

  test('BYMONTH with the 31st of DTSTART skips the months that have no 31st', () => {
    const lines = ['DTSTART;VALUE=DATE:20260131', 'RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4'];
    expect(outcomeOf(lines, range(2026, 2026)).dates).toEqual(['2026-01-31', '2026-03-31']);
  });

  test('BYMONTHDAY=-1 is the last day of the month: Feb 28, or Feb 29 in a leap year', () => {
    const lines = ['DTSTART;VALUE=DATE:20270228', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1'];
    expect(outcomeOf(lines, range(2027, 2028)).dates).toEqual(['2027-02-28', '2028-02-29']);
  });

  test('BYMONTHDAY without BYMONTH expands over every month', () => {
    const lines = ['DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=YEARLY;BYMONTHDAY=1'];
    expect(outcomeOf(lines, range(2026, 2026)).dates).toHaveLength(12);
  });

  test('BYDAY=4TH in November is Thanksgiving: 2026-11-26 (Google writes BYDAY=4TH)', () => {
    const lines = ['DTSTART;VALUE=DATE:20161124', 'RRULE:FREQ=YEARLY;INTERVAL=1;BYMONTH=11;BYDAY=4TH'];
    expect(outcomeOf(lines, range(2026, 2028)).dates).toEqual(['2026-11-26', '2027-11-25', '2028-11-23']);
  });

  test('BYDAY=-1MO in May is Memorial Day: 2026-05-25', () => {
    const lines = ['DTSTART;VALUE=DATE:19710531', 'RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO'];
    expect(outcomeOf(lines, range(2026, 2027)).dates).toEqual(['2026-05-25', '2027-05-31']);
  });

  test('a fifth weekday that a month lacks gives nothing that year', () => {
    // February 2026 has four Mondays (2, 9, 16, 23); February 2027 too; 2028 (leap) has 7 ... 28.
    const lines = ['DTSTART;VALUE=DATE:20260202', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=5MO'];
    expect(outcomeOf(lines, range(2026, 2029)).dates).toEqual(['2026-02-02']);
  });

  test('a BYDAY ordinal without BYMONTH counts within the year: 20MO, -1FR', () => {
    // The first Monday of 2026 is Jan 5; the 20th is 19 weeks later, May 18. Dec 31 is a Thursday.
    const lines = ['DTSTART;VALUE=DATE:20260518', 'RRULE:FREQ=YEARLY;BYDAY=20MO'];
    expect(outcomeOf(lines, range(2026, 2026)).dates).toEqual(['2026-05-18']);
    const last = ['DTSTART;VALUE=DATE:20261225', 'RRULE:FREQ=YEARLY;BYDAY=-1FR'];
    expect(outcomeOf(last, range(2026, 2026)).dates).toEqual(['2026-12-25']);
  });

  test('BYDAY with BYMONTHDAY only limits: every Friday the 13th', () => {
    const lines = ['DTSTART;VALUE=DATE:20260213', 'RRULE:FREQ=YEARLY;BYMONTHDAY=13;BYDAY=FR'];
    expect(outcomeOf(lines, range(2026, 2026)).dates).toEqual(['2026-02-13', '2026-03-13', '2026-11-13']);
  });

  test('BYDAY without an ordinal in a month is every such weekday', () => {
    const lines = ['DTSTART;VALUE=DATE:20261205', 'RRULE:FREQ=YEARLY;BYMONTH=12;BYDAY=SA,SU'];
    expect(outcomeOf(lines, { from: '2026-12-01', to: '2026-12-14' }).dates).toEqual([
      '2026-12-05',
      '2026-12-06',
      '2026-12-12',
      '2026-12-13',
    ]);
  });

  test('DTSTART is always the first instance, even when the rule would not give it', () => {
    const lines = ['DTSTART;VALUE=DATE:20260102', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH;COUNT=2'];
    expect(outcomeOf(lines, range(2026, 2030)).dates).toEqual(['2026-01-02', '2026-11-26']);
  });

  test('a multi-day yearly event covers each year its days: Dec 24 to 26', () => {
    const lines = ['DTSTART;VALUE=DATE:20201224', 'DTEND;VALUE=DATE:20201227', 'RRULE:FREQ=YEARLY'];
    expect(outcomeOf(lines, { from: '2026-12-25', to: '2027-12-24' }).dates).toEqual([
      '2026-12-25',
      '2026-12-26',
      '2027-12-24',
    ]);
  });

  test('WKST is accepted (it changes nothing in a yearly rule); lower case is read too', () => {
    const lines = ['DTSTART;VALUE=DATE:20261126', 'RRULE:freq=yearly;bymonth=11;byday=4th;wkst=SU'];
    expect(outcomeOf(lines, range(2026, 2027)).dates).toEqual(['2026-11-26', '2027-11-25']);
  });

  test('two RRULEs give the union of their dates', () => {
    const lines = [
      'DTSTART;VALUE=DATE:20260101',
      'RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1',
      'RRULE:FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=4',
    ];
    expect(outcomeOf(lines, range(2026, 2026)).dates).toEqual(['2026-01-01', '2026-07-04']);
  });
});

describe('RDATE, EXDATE and RECURRENCE-ID', () => {
  const christmas = ['UID:xmas', 'DTSTART;VALUE=DATE:20201225', 'RRULE:FREQ=YEARLY'];
  const range = { from: '2025-01-01', to: '2028-12-31' };

  test('RDATE adds dates: VALUE=DATE lists, several lines', () => {
    const lines = ['DTSTART;VALUE=DATE:20260101', 'RDATE;VALUE=DATE:20260406,20260525', 'RDATE:20261226'];
    expect(outcomeOf(lines, year2026).dates).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-25',
      '2026-12-26',
    ]);
  });

  test('RDATE dates last as long as the event', () => {
    const lines = ['DTSTART;VALUE=DATE:20260101', 'DURATION:P2D', 'RDATE;VALUE=DATE:20260601'];
    expect(outcomeOf(lines, year2026).dates).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-06-01',
      '2026-06-02',
    ]);
  });

  test('EXDATE removes dates: a date, a date-time (its date), comma lists, several lines', () => {
    const lines = [
      ...christmas,
      'EXDATE;VALUE=DATE:20251225',
      'EXDATE;TZID=Europe/Berlin:20261225T000000,20271225T000000Z',
    ];
    expect(outcomeOf(lines, range).dates).toEqual(['2028-12-25']);
  });

  test('EXDATE removes DTSTART and RDATE dates too', () => {
    const lines = [
      'DTSTART;VALUE=DATE:20260101',
      'RDATE;VALUE=DATE:20260102',
      'EXDATE;VALUE=DATE:20260101,20260102',
    ];
    expect(outcomeOf(lines, year2026).dates).toEqual([]);
  });

  test('an EXDATE removes an instance by its start: the rest of a multi-day one stays only if another covers it', () => {
    const lines = ['DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261226', 'RRULE:FREQ=YEARLY;COUNT=2'];
    expect(outcomeOf([...lines, 'EXDATE;VALUE=DATE:20261224'], range).dates).toEqual([
      '2027-12-24',
      '2027-12-25',
    ]);
    expect(outcomeOf([...lines, 'EXDATE;VALUE=DATE:20261225'], range).dates).toEqual([
      '2026-12-24',
      '2026-12-25',
      '2027-12-24',
      '2027-12-25',
    ]);
  });

  test('a RECURRENCE-ID VEVENT moves one date of its series and leaves the others', () => {
    const text = calendar(
      event(...christmas, 'SUMMARY:Christmas'),
      event('UID:xmas', 'RECURRENCE-ID;VALUE=DATE:20261225', 'DTSTART;VALUE=DATE:20261228', 'SUMMARY:Moved'),
    );
    expect(holidaysFromIcs(text, range)).toEqual({
      dates: ['2025-12-25', '2026-12-28', '2027-12-25', '2028-12-25'],
      skipped: [],
    });
  });

  test('a cancelled RECURRENCE-ID only removes its date', () => {
    const text = calendar(
      event(
        'UID:xmas',
        'RECURRENCE-ID;VALUE=DATE:20271225',
        'STATUS:CANCELLED',
        'DTSTART;VALUE=DATE:20271225',
      ),
      event(...christmas),
    );
    expect(holidaysFromIcs(text, range)).toEqual({
      dates: ['2025-12-25', '2026-12-25', '2028-12-25'],
      skipped: [],
    });
  });

  test('a RECURRENCE-ID with a time (as Exchange writes it) replaces the instance of its date', () => {
    const text = calendar(
      event(...christmas),
      event(
        'UID:xmas',
        'RECURRENCE-ID;TZID=W. Europe Standard Time:20261225T000000',
        'DTSTART;VALUE=DATE:20261224',
      ),
    );
    expect(holidaysFromIcs(text, range).dates).toEqual([
      '2025-12-25',
      '2026-12-24',
      '2027-12-25',
      '2028-12-25',
    ]);
  });

  test('a RECURRENCE-ID VEVENT with no series in the text stands alone', () => {
    const text = calendar(
      event('UID:lonely', 'RECURRENCE-ID;VALUE=DATE:20261225', 'DTSTART;VALUE=DATE:20261226'),
    );
    expect(holidaysFromIcs(text, range).dates).toEqual(['2026-12-26']);
  });
});

describe('what is skipped, with its reason (never dropped in silence)', () => {
  function skippedOf(
    lines: readonly string[],
  ): { uid: string | null; summary: string | null; reason: string }[] {
    const outcome = outcomeOf(['UID:u1', 'SUMMARY:Holiday', ...lines], year2026);
    expect(outcome.dates).toEqual([]);
    return outcome.skipped;
  }

  test.each([
    [
      'a timed event',
      ['DTSTART:20261225T090000Z'],
      'DTSTART has a time (20261225T090000Z): only all-day events (DTSTART;VALUE=DATE) are read as holidays',
    ],
    [
      'a timed event with a zone',
      ['DTSTART;TZID=Europe/Berlin:20261225T000000', 'DTEND;TZID=Europe/Berlin:20261226T000000'],
      'DTSTART has a time (20261225T000000): only all-day events (DTSTART;VALUE=DATE) are read as holidays',
    ],
    [
      'an Outlook all-day event written with times',
      ['DTSTART;TZID=Eastern Standard Time:20261225T000000', 'X-MICROSOFT-CDO-ALLDAYEVENT:TRUE'],
      'DTSTART has a time (20261225T000000): only all-day events (DTSTART;VALUE=DATE) are read as holidays; Outlook marks this one all-day (X-MICROSOFT-CDO-ALLDAYEVENT:TRUE) but wrote times, so its dates depend on a time zone',
    ],
    ['an event without DTSTART', ['DTEND;VALUE=DATE:20261226'], 'no DTSTART'],
    [
      'a cancelled event',
      ['DTSTART;VALUE=DATE:20261225', 'STATUS:CANCELLED'],
      'STATUS:CANCELLED: the event is cancelled',
    ],
    [
      'a weekly rule',
      ['DTSTART;VALUE=DATE:20261225', 'RRULE:FREQ=WEEKLY;BYDAY=FR'],
      'RRULE FREQ=WEEKLY: only FREQ=YEARLY rules are expanded',
    ],
    [
      'a monthly rule',
      ['DTSTART;VALUE=DATE:20261225', 'RRULE:FREQ=MONTHLY'],
      'RRULE FREQ=MONTHLY: only FREQ=YEARLY rules are expanded',
    ],
    [
      'a daily rule with COUNT=1 (a Google birthday)',
      ['DTSTART;VALUE=DATE:20261225', 'RRULE:FREQ=DAILY;INTERVAL=1;COUNT=1'],
      'RRULE FREQ=DAILY: only FREQ=YEARLY rules are expanded',
    ],
    [
      'BYSETPOS',
      ['DTSTART;VALUE=DATE:20260119', 'RRULE:FREQ=YEARLY;BYMONTH=1;BYDAY=MO;BYSETPOS=3'],
      'RRULE BYSETPOS: not supported (a FREQ=YEARLY rule may use INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY and WKST)',
    ],
    [
      'BYWEEKNO and BYYEARDAY',
      ['DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=YEARLY;BYWEEKNO=1;BYYEARDAY=1'],
      'RRULE BYWEEKNO, BYYEARDAY: not supported (a FREQ=YEARLY rule may use INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY and WKST)',
    ],
    [
      'an RFC 7529 RSCALE (a lunar calendar)',
      ['DTSTART;VALUE=DATE:20260217', 'RRULE:RSCALE=CHINESE;FREQ=YEARLY'],
      'RRULE RSCALE: not supported (a FREQ=YEARLY rule may use INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY and WKST)',
    ],
    [
      'BYHOUR on an all-day event',
      ['DTSTART;VALUE=DATE:20261225', 'RRULE:FREQ=YEARLY;BYHOUR=9'],
      'RRULE BYHOUR: not supported (a FREQ=YEARLY rule may use INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY and WKST)',
    ],
    [
      'EXRULE',
      ['DTSTART;VALUE=DATE:20261225', 'RRULE:FREQ=YEARLY', 'EXRULE:FREQ=YEARLY;INTERVAL=2'],
      'EXRULE: not supported (RFC 5545 deprecated it)',
    ],
    [
      'RDATE periods',
      ['DTSTART;VALUE=DATE:20261225', 'RDATE;VALUE=PERIOD:19960403T020000Z/19960403T040000Z'],
      'RDATE;VALUE=PERIOD: not supported',
    ],
    [
      'an RDATE with a time',
      ['DTSTART;VALUE=DATE:20261225', 'RDATE:20261226T000000Z'],
      'RDATE has a time (20261226T000000Z) while DTSTART is a date',
    ],
    [
      'a DTEND with a time on an all-day start',
      ['DTSTART;VALUE=DATE:20261225', 'DTEND:20261226T000000'],
      'DTEND has a time (20261226T000000) while DTSTART is a date',
    ],
    [
      'a DTEND before DTSTART',
      ['DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261224'],
      'DTEND (20261224) is before DTSTART (20261225)',
    ],
    [
      'a DURATION of part of a day',
      ['DTSTART;VALUE=DATE:20261225', 'DURATION:PT12H'],
      'DURATION PT12H is not a whole number of days',
    ],
    ['a negative DURATION', ['DTSTART;VALUE=DATE:20261225', 'DURATION:-P1D'], 'DURATION -P1D is negative'],
  ])('%s', (_, lines, reason) => {
    expect(skippedOf(lines)).toEqual([{ uid: 'u1', summary: 'Holiday', reason }]);
  });

  test('UID and SUMMARY are unescaped, and null when missing', () => {
    const text = calendar(
      event('UID:a\\,b', 'SUMMARY:New Year\\, observed\\; \\\\ \\nend', 'DTSTART:20260101T000000'),
      event('DTSTART:20260101T000000'),
    );
    expect(holidaysFromIcs(text, year2026).skipped.map(({ uid, summary }) => [uid, summary])).toEqual([
      ['a,b', 'New Year, observed; \\ \nend'],
      [null, null],
    ]);
  });

  test('skipped lists every skipped event of the text, in order, whatever the range', () => {
    const text = calendar(
      event('UID:1', 'DTSTART:19990101T000000'),
      event('UID:2', 'DTSTART;VALUE=DATE:20261225'),
      event('UID:3', 'DTSTART;VALUE=DATE:21001225', 'RRULE:FREQ=WEEKLY'),
    );
    for (const range of [year2026, { from: '1900-01-01', to: '1900-01-01' }]) {
      expect(holidaysFromIcs(text, range).skipped.map((s) => s.uid)).toEqual(['1', '3']);
    }
  });

  test('the changed dates of a skipped series are skipped with it', () => {
    const text = calendar(
      event('UID:rota', 'SUMMARY:Rota', 'DTSTART;VALUE=DATE:20260105', 'RRULE:FREQ=WEEKLY'),
      event('UID:rota', 'SUMMARY:Rota', 'RECURRENCE-ID;VALUE=DATE:20260112', 'DTSTART;VALUE=DATE:20260113'),
    );
    expect(holidaysFromIcs(text, year2026)).toEqual({
      dates: [],
      skipped: [
        { uid: 'rota', summary: 'Rota', reason: 'RRULE FREQ=WEEKLY: only FREQ=YEARLY rules are expanded' },
        {
          uid: 'rota',
          summary: 'Rota',
          reason: 'RECURRENCE-ID 20260112 changes one date of a series that is skipped',
        },
      ],
    });
  });

  test('a timed change of an all-day series removes its date and is skipped itself', () => {
    const text = calendar(
      event('UID:x', 'DTSTART;VALUE=DATE:20251225', 'RRULE:FREQ=YEARLY'),
      event('UID:x', 'RECURRENCE-ID;VALUE=DATE:20261225', 'DTSTART:20261225T120000'),
    );
    const outcome = holidaysFromIcs(text, year2026);
    expect(outcome.dates).toEqual([]);
    expect(outcome.skipped.map((s) => s.reason)).toEqual([
      'DTSTART has a time (20261225T120000): only all-day events (DTSTART;VALUE=DATE) are read as holidays',
    ]);
  });

  test('RECURRENCE-ID;RANGE=THISANDFUTURE skips its whole series', () => {
    const text = calendar(
      event('UID:x', 'DTSTART;VALUE=DATE:20251225', 'RRULE:FREQ=YEARLY'),
      event('UID:x', 'RECURRENCE-ID;RANGE=THISANDFUTURE;VALUE=DATE:20261225', 'DTSTART;VALUE=DATE:20261226'),
    );
    const outcome = holidaysFromIcs(text, year2026);
    expect(outcome.dates).toEqual([]);
    expect(outcome.skipped.map((s) => s.reason)).toEqual([
      'RECURRENCE-ID;RANGE=THISANDFUTURE changes the series from 20261225 on: not supported',
      'RECURRENCE-ID 20261225 changes one date of a series that is skipped',
    ]);
  });
});

describe('malformed text is an error naming the line', () => {
  // Line 4 is BEGIN:VEVENT; the event's lines start at line 5.
  const inEvent = (...lines: string[]) => messageFor(calendar(event(...lines)));

  test.each([
    [
      'a DTSTART date that does not exist',
      ['DTSTART;VALUE=DATE:20260230'],
      'text: line 5: DTSTART: expected a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS[Z] that exists, got "20260230"',
    ],
    [
      'a DTSTART that is not a date',
      ['UID:a', 'DTSTART;VALUE=DATE:2026-12-25'],
      'text: line 6: DTSTART: expected a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS[Z] that exists, got "2026-12-25"',
    ],
    [
      'an hour 24 in a timed DTSTART',
      ['DTSTART:20261225T240000'],
      'text: line 5: DTSTART: expected a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS[Z] that exists, got "20261225T240000"',
    ],
    [
      'VALUE=DATE with a time',
      ['DTSTART;VALUE=DATE:20261225T000000'],
      'text: line 5: DTSTART;VALUE=DATE: expected a date YYYYMMDD that exists, got "20261225T000000"',
    ],
    [
      'VALUE=DATE-TIME without a time',
      ['DTSTART;VALUE=DATE-TIME:20261225'],
      'text: line 5: DTSTART;VALUE=DATE-TIME: expected a date-time YYYYMMDDTHHMMSS[Z] that exists, got "20261225"',
    ],
    [
      'another VALUE type',
      ['DTSTART;VALUE=TEXT:20261225'],
      'text: line 5: DTSTART: expected VALUE=DATE or VALUE=DATE-TIME, got VALUE=TEXT',
    ],
    [
      'DTSTART twice',
      ['DTSTART;VALUE=DATE:20261225', 'DTSTART;VALUE=DATE:20261226'],
      'text: line 6: DTSTART appears twice in one VEVENT (first on line 5)',
    ],
    [
      'DTEND with DURATION',
      ['DTSTART;VALUE=DATE:20261225', 'DTEND;VALUE=DATE:20261226', 'DURATION:P1D'],
      'text: line 7: DTEND and DURATION in one VEVENT (RFC 5545 allows one or the other)',
    ],
    [
      'a DURATION that is not one',
      ['DTSTART;VALUE=DATE:20261225', 'DURATION:1D'],
      'text: line 6: DURATION: expected a duration such as P1D, P2W or PT24H, got "1D"',
    ],
    [
      'an EXDATE that does not exist',
      ['DTSTART;VALUE=DATE:20261225', 'RRULE:FREQ=YEARLY', 'EXDATE;VALUE=DATE:20260101,20270229'],
      'text: line 7: EXDATE: expected a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS[Z] that exists, got "20270229"',
    ],
    [
      'a RECURRENCE-ID that is not a date',
      ['DTSTART;VALUE=DATE:20261225', 'RECURRENCE-ID:tomorrow'],
      'text: line 6: RECURRENCE-ID: expected a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS[Z] that exists, got "tomorrow"',
    ],
  ])('%s', (_, lines, message) => {
    expect(inEvent(...lines)).toBe(message);
  });

  test.each([
    ['FREQ=YEARLY;BYMONTH', 'RRULE: expected NAME=VALUE parts separated by ";", got "BYMONTH"'],
    ['BYMONTH=11', 'RRULE: FREQ is missing'],
    [
      'FREQ=ANNUALLY',
      'RRULE: FREQ: expected SECONDLY, MINUTELY, HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY, got "ANNUALLY"',
    ],
    ['FREQ=YEARLY;FREQ=YEARLY', 'RRULE: FREQ appears twice'],
    ['FREQ=YEARLY;INTERVAL=0', 'RRULE: INTERVAL: expected a whole number of at least 1, got "0"'],
    ['FREQ=YEARLY;INTERVAL=-1', 'RRULE: INTERVAL: expected a whole number of at least 1, got "-1"'],
    ['FREQ=YEARLY;COUNT=0', 'RRULE: COUNT: expected a whole number of at least 1, got "0"'],
    ['FREQ=YEARLY;COUNT=2.5', 'RRULE: COUNT: expected a whole number of at least 1, got "2.5"'],
    [
      'FREQ=YEARLY;COUNT=3;UNTIL=20301231',
      'RRULE: COUNT and UNTIL together (RFC 5545 allows one or the other)',
    ],
    [
      'FREQ=YEARLY;UNTIL=20300231',
      'RRULE: UNTIL: expected a date YYYYMMDD or a date-time YYYYMMDDTHHMMSS[Z] that exists, got "20300231"',
    ],
    ['FREQ=YEARLY;BYMONTH=13', 'RRULE: BYMONTH: expected months 1 to 12 separated by commas, got "13"'],
    ['FREQ=YEARLY;BYMONTH=1,,2', 'RRULE: BYMONTH: expected months 1 to 12 separated by commas, got "1,,2"'],
    [
      'FREQ=YEARLY;BYMONTHDAY=0',
      'RRULE: BYMONTHDAY: expected days 1 to 31 or -31 to -1 separated by commas, got "0"',
    ],
    [
      'FREQ=YEARLY;BYMONTHDAY=-32',
      'RRULE: BYMONTHDAY: expected days 1 to 31 or -31 to -1 separated by commas, got "-32"',
    ],
    [
      'FREQ=YEARLY;BYDAY=0MO',
      'RRULE: BYDAY: expected weekdays such as MO, 4TH or -1MO (ordinals 1 to 53) separated by commas, got "0MO"',
    ],
    [
      'FREQ=YEARLY;BYDAY=54MO',
      'RRULE: BYDAY: expected weekdays such as MO, 4TH or -1MO (ordinals 1 to 53) separated by commas, got "54MO"',
    ],
    [
      'FREQ=YEARLY;BYDAY=THU',
      'RRULE: BYDAY: expected weekdays such as MO, 4TH or -1MO (ordinals 1 to 53) separated by commas, got "THU"',
    ],
    ['FREQ=YEARLY;WKST=XX', 'RRULE: WKST: expected MO, TU, WE, TH, FR, SA or SU, got "XX"'],
    ['FREQ=WEEKLY;INTERVAL=0', 'RRULE: INTERVAL: expected a whole number of at least 1, got "0"'],
  ])('RRULE:%s', (rule, problem) => {
    expect(inEvent('DTSTART;VALUE=DATE:20261225', `RRULE:${rule}`)).toBe(`text: line 6: ${problem}`);
  });

  test('a malformed value is an error even in an event that would be skipped', () => {
    expect(inEvent('DTSTART:20261225T090000', 'RRULE:FREQ=WEEKLY;COUNT=0')).toBe(
      'text: line 6: RRULE: COUNT: expected a whole number of at least 1, got "0"',
    );
  });

  test('errors carry the code invalid_value and the path []', () => {
    const issue = issueOf(() => holidaysFromIcs('nope', year2026));
    expect(issue).toEqual({
      code: 'invalid_value',
      path: [],
      message: 'text: line 1: expected ":" and a value after NOPE',
    });
  });
});

describe('bounded work', () => {
  test('COUNT far larger than the dates there can be, from a DTSTART in year 0001, ends', () => {
    const lines = ['DTSTART;VALUE=DATE:00010101', 'RRULE:FREQ=YEARLY;COUNT=999999999999999999999999'];
    expect(outcomeOf(lines, year2026).dates).toEqual(['2026-01-01']);
  });

  test('a huge INTERVAL is one instance', () => {
    const lines = ['DTSTART;VALUE=DATE:20260101', `RRULE:FREQ=YEARLY;INTERVAL=${'9'.repeat(40)}`];
    expect(outcomeOf(lines, { from: '2026-01-01', to: '2125-12-31' }).dates).toEqual(['2026-01-01']);
  });

  test('an event lasting millions of years covers exactly the range', () => {
    const lines = ['DTSTART;VALUE=DATE:00010101', 'DTEND;VALUE=DATE:99991231', 'RRULE:FREQ=YEARLY'];
    expect(outcomeOf(lines, { from: '2026-12-30', to: '2027-01-02' }).dates).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });

  test('rules that would take too many steps to expand are an error naming an RRULE line, not a hang', () => {
    const costly = event(
      'DTSTART;VALUE=DATE:00010101',
      'RRULE:FREQ=YEARLY;COUNT=100000000;BYDAY=MO,TU,WE,TH,FR,SA,SU',
    );
    const text = calendar(...Array.from({ length: 10 }, () => costly));
    expect(messageFor(text)).toMatch(
      /^text: line \d+: RRULE: expanding the recurrence rules of this text takes more than 2000000 steps/,
    );
  });
});

describe('arguments', () => {
  test.each([
    [42, 'invalid_type', [], 'text: expected the text of an iCalendar file (a string), got 42'],
    [null, 'invalid_type', [], 'text: expected the text of an iCalendar file (a string), got null'],
  ])('text %s', (text, code, path, message) => {
    expect(issueOf(() => holidaysFromIcs(text as never, year2026))).toEqual({ code, path, message });
  });

  test.each([
    [
      null,
      'invalid_type',
      [],
      'options: expected options { from, to } with two local dates "YYYY-MM-DD", got null',
    ],
    [
      { to: '2026-12-31' },
      'invalid_local_date',
      ['from'],
      'options.from: expected a local date "YYYY-MM-DD" from 1900-01-01 to 2200-12-31, got undefined',
    ],
    [
      { from: '2026-01-01', to: '2026-02-30' },
      'invalid_local_date',
      ['to'],
      'options.to: expected a local date "YYYY-MM-DD" from 1900-01-01 to 2200-12-31, got "2026-02-30"',
    ],
    [
      { from: 20260101, to: '2026-12-31' },
      'invalid_local_date',
      ['from'],
      'options.from: expected a local date "YYYY-MM-DD" from 1900-01-01 to 2200-12-31, got 20260101',
    ],
    [
      { from: '2026-01-01', to: '2025-12-31' },
      'invalid_value',
      ['to'],
      'options.to: expected a local date on or after options.from ("2026-01-01"), got "2025-12-31"',
    ],
    [
      { from: '2026-01-01', to: '2126-01-02' },
      'out_of_range',
      ['to'],
      'options.to: expected a local date at most 100 years after options.from ("2026-01-01"), got "2126-01-02"',
    ],
    [
      { from: '2000-02-29', to: '2100-03-01' },
      'out_of_range',
      ['to'],
      'options.to: expected a local date at most 100 years after options.from ("2000-02-29"), got "2100-03-01"',
    ],
  ])('options %j', (options, code, path, message) => {
    expect(issueOf(() => holidaysFromIcs(calendar(), options as never))).toEqual({ code, path, message });
  });

  test('exactly 100 years is allowed (Feb 29 counts to Feb 28 a hundred years on)', () => {
    const text = calendar(event('DTSTART;VALUE=DATE:20000229', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1'));
    expect(holidaysFromIcs(text, { from: '2000-02-29', to: '2100-02-28' }).dates).toHaveLength(101);
    expect(holidaysFromIcs(text, { from: '2026-01-01', to: '2126-01-01' }).dates).toHaveLength(100);
  });
});
