import { describe, expect, test } from 'vitest';
import { readIcsEvents } from '../../../src/calendar/holidays/ics.js';
import { calendar, event, issueOf } from './icsText.js';

function errorOf(text: string): string {
  return issueOf(() => readIcsEvents(text)).message;
}

describe('components: VCALENDAR, and the VEVENTs directly inside it', () => {
  test("only a VEVENT's own properties are kept, not those of its VALARM or of a VTIMEZONE", () => {
    const text = calendar(
      [
        'BEGIN:VTIMEZONE',
        'TZID:Europe/Berlin',
        'BEGIN:DAYLIGHT',
        'DTSTART:19810329T020000',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
        'END:DAYLIGHT',
        'END:VTIMEZONE',
      ].join('\r\n'),
      event(
        'DTSTART;VALUE=DATE:20261225',
        'BEGIN:VALARM',
        'TRIGGER:-PT15M',
        'DURATION:PT5M',
        'REPEAT:2',
        'END:VALARM',
        'SUMMARY:Christmas',
      ),
    );
    const [only, ...rest] = readIcsEvents(text);
    expect(rest).toEqual([]);
    expect(only?.line).toBe(11);
    expect(only?.properties.map((p) => `${p.name}:${p.value}`)).toEqual([
      'DTSTART:20261225',
      'SUMMARY:Christmas',
    ]);
  });

  test('a text may hold several calendars, one after the other', () => {
    const one = calendar(event('UID:a'));
    expect(readIcsEvents(one + one).map((e) => e.line)).toEqual([4, 11]);
  });

  test('component names are case-insensitive', () => {
    expect(readIcsEvents('begin:vcalendar\nbegin:vevent\nUID:a\nend:VEVENT\nEND:vcalendar')).toHaveLength(1);
  });

  test.each([
    ['an empty text', '', 'text: line 1: expected BEGIN:VCALENDAR, got the end of the text'],
    ['only blank lines', '\r\n\r\n', 'text: line 1: expected BEGIN:VCALENDAR, got the end of the text'],
    [
      'a text that is not iCalendar',
      'hello: world',
      'text: line 1: expected BEGIN:VCALENDAR, got "HELLO: world"',
    ],
    [
      'a VEVENT outside any VCALENDAR',
      'BEGIN:VEVENT\r\nEND:VEVENT',
      'text: line 1: expected BEGIN:VCALENDAR, got "BEGIN:VEVENT"',
    ],
    [
      'content after the calendar ends',
      'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nUID:x',
      'text: line 3: expected BEGIN:VCALENDAR, got "UID:x"',
    ],
    [
      'an unterminated VEVENT (named by its BEGIN line)',
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VCALENDAR',
      'text: line 5: END:VCALENDAR does not close BEGIN:VEVENT (line 3)',
    ],
    [
      'a VEVENT still open at the end of the text',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n',
      'text: line 2: BEGIN:VEVENT is never closed by END:VEVENT',
    ],
    [
      'a calendar never closed',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\n',
      'text: line 1: BEGIN:VCALENDAR is never closed by END:VCALENDAR',
    ],
    [
      'an END with no BEGIN',
      'BEGIN:VCALENDAR\r\nEND:VALARM\r\nEND:VCALENDAR',
      'text: line 2: END:VALARM without a BEGIN:VALARM',
    ],
    [
      'a VEVENT inside another component',
      'BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nBEGIN:VEVENT',
      'text: line 3: BEGIN:VEVENT inside VTODO: a VEVENT belongs directly in a VCALENDAR',
    ],
    [
      'a calendar inside a calendar',
      'BEGIN:VCALENDAR\r\nBEGIN:VCALENDAR',
      'text: line 2: BEGIN:VCALENDAR inside VCALENDAR: calendars do not nest',
    ],
    [
      'a component name that is not one',
      'BEGIN:VCALENDAR\r\nBEGIN:V EVENT',
      'text: line 2: BEGIN: expected a component name such as VEVENT, got "V EVENT"',
    ],
  ])('%s is an error naming the line', (_, text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
