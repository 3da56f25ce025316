import { describe, expect, test } from 'vitest';
import {
  formatDuration,
  formatHoursMinutes,
  formatRate,
  formatZonedTime,
  renderTable,
  truncate,
} from '../../src/cli/format.js';

describe('formatDuration', () => {
  test('writes every non-zero unit, exactly, in the policy units d h m s ms', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(5_400_000)).toBe('1h 30m');
    expect(formatDuration(86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4000 + 5)).toBe('1d 2h 3m 4s 5ms');
    expect(formatDuration(-1_800_000)).toBe('-30m');
  });

  test('formatRate writes one decimal, and "-" for 0 / 0', () => {
    expect(formatRate(0.95)).toBe('95.0%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('-');
  });
});

describe('formatHoursMinutes', () => {
  test('hours and minutes of counted time, never days', () => {
    expect(formatHoursMinutes(95_400_000)).toBe('26h 30m');
    expect(formatHoursMinutes(8 * 3_600_000)).toBe('8h');
    expect(formatHoursMinutes(45 * 60_000)).toBe('45m');
    expect(formatHoursMinutes(1000 * 3_600_000 + 60_000)).toBe('1000h 1m');
  });

  test('only an exact zero is "0m"; less than half a minute is "<1m"', () => {
    expect(formatHoursMinutes(0)).toBe('0m');
    expect(formatHoursMinutes(1)).toBe('<1m');
    expect(formatHoursMinutes(29_999)).toBe('<1m');
    expect(formatHoursMinutes(30_000)).toBe('1m');
    expect(formatHoursMinutes(-90 * 60_000)).toBe('-1h 30m');
  });

  test('rounds to the nearest minute', () => {
    expect(formatHoursMinutes(3_600_000 - 20_000)).toBe('1h');
    expect(formatHoursMinutes(3_600_000 + 89_999)).toBe('1h 1m');
  });
});

describe('truncate', () => {
  test('cuts to the width with an ellipsis, counting code points', () => {
    expect(truncate('requester_wait', 10)).toBe('requester…');
    expect(truncate('reply', 10)).toBe('reply');
    expect(truncate('reply', 5)).toBe('reply');
    expect(truncate('😀😀😀', 2)).toBe('😀…');
    expect(truncate('reply', 0)).toBe('');
  });
});

describe('renderTable', () => {
  test('pads each column to its widest cell, numbers to the right', () => {
    expect(
      renderTable(
        ['name', 'n'],
        [
          ['a', '1'],
          ['bbb', '100'],
        ],
        ['left', 'right'],
      ),
    ).toBe('name    n\na       1\nbbb   100\n');
  });
});

describe('formatZonedTime', () => {
  test('wall-clock time with weekday and offset, across a DST change', () => {
    expect(formatZonedTime(Date.parse('2026-03-02T14:00:00Z'), 'America/New_York', false)).toBe(
      'Mon 2026-03-02 09:00:00 -05:00',
    );
    expect(formatZonedTime(Date.parse('2026-03-09T13:00:00.250Z'), 'America/New_York', true)).toBe(
      'Mon 2026-03-09 09:00:00.250 -04:00',
    );
    expect(formatZonedTime(Date.parse('2026-03-02T14:00:00Z'), 'UTC', false)).toBe(
      'Mon 2026-03-02 14:00:00 +00:00',
    );
  });

  test('milliseconds by default only when the instant has some; on every line when asked', () => {
    expect(formatZonedTime(Date.parse('2026-03-02T14:00:00Z'), 'UTC')).toBe('Mon 2026-03-02 14:00:00 +00:00');
    expect(formatZonedTime(Date.parse('2026-03-02T14:00:00.007Z'), 'UTC')).toBe(
      'Mon 2026-03-02 14:00:00.007 +00:00',
    );
    expect(formatZonedTime(Date.parse('2026-03-02T14:00:00Z'), 'UTC', true)).toBe(
      'Mon 2026-03-02 14:00:00.000 +00:00',
    );
    expect(formatZonedTime(Date.parse('1969-12-31T23:59:59.250Z'), 'UTC')).toBe(
      'Wed 1969-12-31 23:59:59.250 +00:00',
    );
  });
});
