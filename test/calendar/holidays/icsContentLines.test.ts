import { describe, expect, test } from 'vitest';
import { forEachContentLine, type IcsContentLine } from '../../../src/calendar/holidays/icsContentLines.js';
import { issueOf } from './icsText.js';

function linesOf(text: string): IcsContentLine[] {
  const lines: IcsContentLine[] = [];
  forEachContentLine(text, (line) => lines.push(line));
  return lines;
}

function errorOf(text: string): string {
  return issueOf(() => linesOf(text)).message;
}

describe('unfolding (RFC 5545 section 3.1)', () => {
  test('a line starting with a space or a tab continues the previous one, that character removed', () => {
    const lines = linesOf('SUMMARY:Independ\r\n ence\r\n\t Day\r\nUID:x\r\n');
    expect(lines.map((l) => [l.name, l.value, l.line])).toEqual([
      ['SUMMARY', 'Independence Day', 1],
      ['UID', 'x', 4],
    ]);
  });

  test('CRLF, LF and a lone CR all end lines, and fold the same way', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const lines = linesOf(['DTSTART;VALUE=DATE:2026', ' 1225', 'UID:a'].join(eol));
      expect(lines.map((l) => [l.value, l.line])).toEqual([
        ['20261225', 1],
        ['a', 3],
      ]);
    }
  });

  test('a fold may split a name, a parameter or a value anywhere', () => {
    const [line] = linesOf('DTST\r\n ART;VAL\r\n UE=DA\r\n TE:2026\r\n 1225');
    expect(line?.name).toBe('DTSTART');
    expect(line?.params.get('VALUE')).toEqual(['DATE']);
    expect(line?.value).toBe('20261225');
  });

  test('empty lines are ignored, and so is a leading byte-order mark', () => {
    const lines = linesOf('\uFEFFBEGIN:VCALENDAR\r\n\r\n\r\nEND:VCALENDAR\r\n\r\n');
    expect(lines.map((l) => [l.name, l.line])).toEqual([
      ['BEGIN', 1],
      ['END', 4],
    ]);
  });

  test('a folded line with nothing before it is an error naming its line', () => {
    expect(errorOf(' SUMMARY:x')).toBe(
      'text: line 1: a folded line (one that starts with a space or a tab) with no content line before it',
    );
    expect(errorOf('UID:a\r\n\r\n continued')).toMatch(/^text: line 3: a folded line/);
  });
});

describe('content lines: name *(";" param) ":" value', () => {
  test('names and parameter names are case-insensitive; values are kept as written', () => {
    const [line] = linesOf('dtStart;value=date;x-Foo=a,"b;c:d",e:20261225');
    expect(line?.name).toBe('DTSTART');
    expect([...(line?.params ?? [])]).toEqual([
      ['VALUE', ['date']],
      ['X-FOO', ['a', 'b;c:d', 'e']],
    ]);
  });

  test('the value is everything after the first colon outside quotes', () => {
    const [line] = linesOf('ATTENDEE;CN="Doe: Jane":mailto:jane@example.com');
    expect(line?.params.get('CN')).toEqual(['Doe: Jane']);
    expect(line?.value).toBe('mailto:jane@example.com');
  });

  test('a parameter given twice keeps both values', () => {
    const [line] = linesOf('X-A;P=1;P=2:v');
    expect(line?.params.get('P')).toEqual(['1', '2']);
  });

  test('a parameter with hundreds of thousands of values is read, not a stack overflow', () => {
    const many = Array.from({ length: 300_000 }, () => 'x').join(',');
    const [line] = linesOf(`X-A;P=${many};P=${many}:v`);
    expect(line?.params.get('P')).toHaveLength(600_000);
  });

  test.each([
    [
      'a line with no colon',
      'UID:a\r\nSUMMARY Christmas',
      'text: line 2: expected ":" and a value after SUMMARY',
    ],
    ['no name', ':value', 'text: line 1: expected a property name such as DTSTART, got ":value"'],
    [
      'a parameter without "="',
      'DTSTART;VALUE:20261225',
      'text: line 1: DTSTART: expected parameters NAME=VALUE (a value with ";", ":" or "," in double quotes)',
    ],
    [
      'an unclosed quote',
      'ATTENDEE;CN="Jane:mailto:x',
      'text: line 1: ATTENDEE: expected parameters NAME=VALUE (a value with ";", ":" or "," in double quotes)',
    ],
    [
      'a quote inside an unquoted value',
      'ATTENDEE;CN=Ja"ne:mailto:x',
      'text: line 1: ATTENDEE: expected parameters NAME=VALUE (a value with ";", ":" or "," in double quotes)',
    ],
  ])('%s is an error naming the line', (_, text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
