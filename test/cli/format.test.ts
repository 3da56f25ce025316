import { describe, expect, test } from 'vitest';
import { formatDuration, formatRate, formatSeconds, formatZoned, renderTable } from '../../src/cli/format.js';

describe('formatDuration', () => {
  test('writes every non-zero unit, exactly, in the policy units d h m s ms', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(5_400_000)).toBe('1h 30m');
    expect(formatDuration(86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4000 + 5)).toBe('1d 2h 3m 4s 5ms');
    expect(formatDuration(-1_800_000)).toBe('-30m');
    expect(formatSeconds(1_499)).toBe('1s');
  });

  test('formatRate writes one decimal, and "-" for 0 / 0', () => {
    expect(formatRate(0.95)).toBe('95.0%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('-');
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

describe('formatZoned', () => {
  test('wall-clock time with weekday and offset, across a DST change', () => {
    expect(formatZoned(Date.parse('2026-03-02T14:00:00Z'), 'America/New_York', false)).toBe(
      'Mon 2026-03-02 09:00:00 -05:00',
    );
    expect(formatZoned(Date.parse('2026-03-09T13:00:00.250Z'), 'America/New_York', true)).toBe(
      'Mon 2026-03-09 09:00:00.250 -04:00',
    );
    expect(formatZoned(Date.parse('2026-03-02T14:00:00Z'), 'UTC', false)).toBe(
      'Mon 2026-03-02 14:00:00 +00:00',
    );
  });
});
