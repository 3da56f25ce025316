/**
 * holidaysFromIcs on real exported files (test/fixtures/ics/README.md says where each came from). The
 * expected dates were checked by hand against the files and against a wall calendar.
 */
import { describe, expect, test } from 'vitest';
import { holidaysFromIcs } from '../../../src/index.js';
import { fixture } from './icsText.js';

const weeklyReason = 'RRULE FREQ=WEEKLY: only FREQ=YEARLY rules are expanded';

describe('Google Calendar: "Holidays in United States" public feed (basic.ics, 2021-2023)', () => {
  const text = fixture('google-us-holidays.ics');

  test('the file is a CRLF export with folded lines, as Google serves it', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n')).toBe(
      true,
    );
    expect(text).toMatch(/\r\n [^\r\n]/);
  });

  test('nothing is skipped: every event is an all-day date', () => {
    expect(holidaysFromIcs(text, { from: '2021-01-01', to: '2023-12-31' }).skipped).toEqual([]);
  });

  test('the dates are exactly the DTSTART dates of its one-day events (read here with a plain regex)', () => {
    const starts = [...text.matchAll(/^DTSTART;VALUE=DATE:(\d{4})(\d{2})(\d{2})\r$/gm)].map(
      (m) => `${m[1]}-${m[2]}-${m[3]}`,
    );
    const ends = [...text.matchAll(/^DTEND;VALUE=DATE:(\d{4})(\d{2})(\d{2})\r$/gm)].map((m) =>
      Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])),
    );
    expect(starts).toHaveLength(111);
    // Every event lasts one day: its DTEND is the day after its DTSTART.
    expect(ends.map((endMs) => new Date(endMs - 86_400_000).toISOString().slice(0, 10))).toEqual(starts);
    const { dates } = holidaysFromIcs(text, { from: '2021-01-01', to: '2023-12-31' });
    expect(dates).toEqual([...new Set(starts)].sort());
  });

  test('federal holidays by hand: Thanksgiving on the fourth Thursday of November, Christmas and its substitutes', () => {
    const { dates } = holidaysFromIcs(text, { from: '2021-01-01', to: '2023-12-31' });
    for (const date of [
      '2021-11-25', // Thanksgiving: Nov 2021 began on a Monday, so Thursdays 4, 11, 18, 25
      '2022-11-24', // Nov 2022 began on a Tuesday: Thursdays 3, 10, 17, 24
      '2023-11-23', // Nov 2023 began on a Wednesday: Thursdays 2, 9, 16, 23
      '2021-12-24', // Christmas Day (substitute): Dec 25, 2021 was a Saturday
      '2021-12-25',
      '2022-12-25',
      '2022-12-26', // Christmas Day (substitute): Dec 25, 2022 was a Sunday
      '2023-12-25',
      '2022-06-19', // Juneteenth, and its substitute on Monday
      '2022-06-20',
      '2022-07-04',
    ]) {
      expect(dates).toContain(date);
    }
  });

  test('the turn of 2022 to 2023, day by day', () => {
    expect(holidaysFromIcs(text, { from: '2022-12-20', to: '2023-01-20' }).dates).toEqual([
      '2022-12-24', // Christmas Eve
      '2022-12-25', // Christmas Day
      '2022-12-26', // Christmas Day (substitute)
      '2022-12-31', // New Year's Eve
      '2023-01-01', // New Year's Day
      '2023-01-02', // New Year's Day (substitute)
      '2023-01-16', // Martin Luther King Jr. Day: the third Monday of January
    ]);
  });

  test("a range past the feed holds nothing; New Year's Eve 2023 ends on the first instant of 2024", () => {
    expect(holidaysFromIcs(text, { from: '2024-01-01', to: '2026-12-31' }).dates).toEqual([]);
  });
});

describe('Google Calendar: an "Australian Holidays" export of 2006, with yearly rules', () => {
  const text = fixture('google-au-holidays-2006.ics');

  test('2026 comes only from its FREQ=YEARLY events (DTSTART;TZID=...:YYYYMMDD, DURATION:PT86400S)', () => {
    expect(holidaysFromIcs(text, { from: '2026-01-01', to: '2026-12-31' })).toEqual({
      dates: [
        '2026-01-01', // New Year: DTSTART 20020101, BYMONTH=1 (the day of DTSTART in January)
        '2026-01-26', // Australia Day, yearly from 2004
        '2026-04-25', // Anzac Day, yearly from 2004
        '2026-11-02', // Melbourne Cup Day, yearly on Nov 2 as the file says
        '2026-12-25', // Christmas, yearly from 2004
        '2026-12-26', // Boxing Day, yearly from 2004
        '2026-12-27', // Public Holiday, yearly from 2005
      ],
      skipped: [],
    });
  });

  test('UNTIL is the last date allowed: its earlier ANZAC and Anzac Day rules stop where they say', () => {
    const dates = (from: string, to: string) => holidaysFromIcs(text, { from, to }).dates;
    // ANZAC Day: DTSTART 20020425, UNTIL=20040424 gives 2002 and 2003 (and the single events).
    expect(dates('2002-04-20', '2002-04-30')).toEqual(['2002-04-25']);
    // Anzac Day: DTSTART 20040426, UNTIL=20050425 gives 2004-04-26 only; 2004-04-25 and 2005-04-25
    // come from the other Anzac Day rule, yearly from 20040425.
    expect(dates('2004-04-20', '2004-04-30')).toEqual(['2004-04-25', '2004-04-26']);
    expect(dates('2005-04-20', '2005-04-30')).toEqual(['2005-04-25']);
  });
});

describe('Outlook 2003 (Outlook 11.0 MIMEDIR) export of a timed daily meeting', () => {
  test('a timed event is skipped with its reason; its folded UID is read whole', () => {
    expect(
      holidaysFromIcs(fixture('outlook-2003-standup.ics'), { from: '2009-01-01', to: '2009-12-31' }),
    ).toEqual({
      dates: [],
      skipped: [
        {
          uid: '040000008200E00074C5B7101A82E008000000002079F2E4D4A3C9010000000000000000100000006C4B4F5EBD28AD43BB7F772276780C54',
          summary: 'Standup',
          reason:
            'DTSTART has a time (20090310T093000): only all-day events (DTSTART;VALUE=DATE) are read as holidays',
        },
      ],
    });
  });
});

describe('Exchange 2010 (Outlook on the web) export of an all-day weekly series with a moved date', () => {
  test('the weekly series and its moved date are both skipped, with their reasons', () => {
    expect(
      holidaysFromIcs(fixture('exchange-2010-all-day.ics'), { from: '2026-01-01', to: '2026-12-31' }),
    ).toEqual({
      dates: [],
      skipped: [
        { uid: 'exchange-moved-recurrence', summary: 'Exchange Recurring Test', reason: weeklyReason },
        {
          uid: 'exchange-moved-recurrence',
          summary: 'Exchange Recurring Test',
          reason: 'RECURRENCE-ID 20260226T000000 changes one date of a series that is skipped',
        },
      ],
    });
  });
});

describe('Confluence Team Calendars (the Atlassian calendar) export of an all-day rota', () => {
  test('six weekly series and five changed dates: all skipped, none dropped in silence', () => {
    const { dates, skipped } = holidaysFromIcs(fixture('confluence-team-calendars.ics'), {
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(dates).toEqual([]);
    expect(skipped).toHaveLength(11);
    expect(
      skipped.slice(0, 6).every((s) => s.reason === weeklyReason && s.summary === 'ITG Hausmeister'),
    ).toBe(true);
    expect(skipped[6]).toEqual({
      uid: '20240115T133145Z-1627065431@confluence.ase.in.tum.de',
      summary: 'ITG Hausmeister',
      reason: 'RECURRENCE-ID 20240115 changes one date of a series that is skipped',
    });
  });

  test('its VTIMEZONE, full of yearly RRULEs and RDATEs, is not read as events', () => {
    const text = fixture('confluence-team-calendars.ics');
    expect(text).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    const { skipped } = holidaysFromIcs(text, { from: '2024-01-01', to: '2024-12-31' });
    expect(skipped.some((s) => s.uid?.startsWith('20240404T170930Z'))).toBe(false);
  });
});

describe('A hand-written US holiday file of yearly rules (no PRODID, blank lines)', () => {
  const text = fixture('hand-written-us-holidays.ics');

  test('2026: the fixed-date holidays; the BYSETPOS ones are skipped with their reason', () => {
    const { dates, skipped } = holidaysFromIcs(text, { from: '2026-01-01', to: '2026-12-31' });
    expect(dates).toEqual([
      '2026-01-01', // New Year's Day
      '2026-02-02', // Groundhog Day
      '2026-02-14', // Valentine's Day
      '2026-03-17', // St. Patrick's Day
      '2026-06-14', // Flag Day
      '2026-07-04', // Independence Day
      '2026-10-31', // Halloween
      '2026-11-11', // Veterans Day
      '2026-12-25', // Christmas Day
    ]);
    expect(skipped.map((s) => s.summary)).toEqual([
      'Martin Luther King Jr. Day (U.S.)',
      "Presidents' Day (U.S.)",
      "Mother's Day (U.S.)",
      'Memorial Day (U.S.)',
      "Father's Day (U.S.)",
      'Labor Day (U.S.)',
      'Columbus Day (U.S.)',
      'Thanksgiving Day (U.S.)',
      'Thanksgiving Day (U.S.)',
    ]);
    expect(new Set(skipped.map((s) => s.reason))).toEqual(
      new Set([
        'RRULE BYSETPOS: not supported (a FREQ=YEARLY rule may use INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY and WKST)',
      ]),
    );
  });

  test('Columbus Day on Oct 12 from 1934 UNTIL=19701012: 1970 is its last year', () => {
    const { dates } = holidaysFromIcs(text, { from: '1969-10-01', to: '1971-10-31' });
    expect(dates.filter((date) => date.slice(5, 7) === '10')).toEqual([
      '1969-10-12',
      '1969-10-31',
      '1970-10-12',
      '1970-10-31',
      '1971-10-31',
    ]);
  });

  test('yearly from 1900 over the longest range, 100 years, in one go', () => {
    const { dates } = holidaysFromIcs(text, { from: '2000-01-01', to: '2100-01-01' });
    expect(dates.filter((date) => date.endsWith('-12-25'))).toHaveLength(100);
  });
});
