import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatCount } from '../../src/render/count.js';

describe('formatCount', () => {
  test('writes safe integers as en-US does: digits grouped by three with commas', () => {
    const enUs = new Intl.NumberFormat('en-US', { useGrouping: true, maximumFractionDigits: 0 });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer(),
          fc.maxSafeInteger(),
          fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -1 }),
          fc.nat(99_999),
        ),
        (n) => {
          expect(formatCount(n)).toBe(enUs.format(n));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('examples', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(-1_234_567)).toBe('-1,234,567');
    // A count is never negative zero: it reads 0 (Intl would write "-0").
    expect(formatCount(-0)).toBe('0');
  });
});
