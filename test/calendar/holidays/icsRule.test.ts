import { describe, expect, test } from 'vitest';
import { readRule } from '../../../src/calendar/holidays/icsRule.js';
import { daysFromCivil } from '../../../src/time/civil.js';

describe('reading RRULE values', () => {
  test('a yearly rule with every part we expand', () => {
    expect(
      readRule(
        'FREQ=YEARLY;INTERVAL=2;UNTIL=20301231;BYMONTH=11,5,11;BYMONTHDAY=1,-1;BYDAY=4TH,-1MO,SU;WKST=MO',
        7,
      ),
    ).toEqual({
      rule: {
        intervalYears: 2,
        count: Number.POSITIVE_INFINITY,
        untilDay: daysFromCivil(2030, 12, 31),
        months: [5, 11],
        monthDays: [1, -1],
        weekdays: [
          { weekday: 3, ordinal: 4 },
          { weekday: 0, ordinal: -1 },
          { weekday: 6, ordinal: 0 },
        ],
        line: 7,
      },
    });
  });

  test('defaults: every year, no COUNT, no UNTIL, no BY parts; a trailing ";" and spaces are harmless', () => {
    expect(readRule(' FREQ=YEARLY; ', 1)).toEqual({
      rule: {
        intervalYears: 1,
        count: Number.POSITIVE_INFINITY,
        untilDay: Number.POSITIVE_INFINITY,
        months: undefined,
        monthDays: undefined,
        weekdays: undefined,
        line: 1,
      },
    });
  });

  test('COUNT, and ordinals up to 53', () => {
    const read = readRule('FREQ=YEARLY;COUNT=10;BYDAY=+53SU,-53MO', 1);
    expect('rule' in read && [read.rule.count, read.rule.weekdays]).toEqual([
      10,
      [
        { weekday: 6, ordinal: 53 },
        { weekday: 0, ordinal: -53 },
      ],
    ]);
  });

  test('rules we do not expand are reported, not refused', () => {
    expect(readRule('FREQ=DAILY', 1)).toEqual({
      unsupported: 'RRULE FREQ=DAILY: only FREQ=YEARLY rules are expanded',
    });
    expect(readRule('FREQ=YEARLY;BYSETPOS=-1;BYDAY=MO', 1)).toEqual({
      unsupported:
        'RRULE BYSETPOS: not supported (a FREQ=YEARLY rule may use INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY and WKST)',
    });
  });
});
