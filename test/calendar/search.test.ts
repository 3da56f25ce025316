import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lastAtOrBefore } from '../../src/calendar/search.js';

describe('lastAtOrBefore', () => {
  test('finds the last element at or before the value, as a linear scan does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -1100, max: 1100 }),
        (values, ms) => {
          const sorted = Float64Array.from(values).sort();
          let expected = 0;
          for (let i = 0; i < sorted.length; i++) if ((sorted[i] as number) <= ms) expected = i;
          expect(lastAtOrBefore(sorted, ms)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('examples', () => {
    expect(lastAtOrBefore([0, 10, 20], 15)).toBe(1);
    expect(lastAtOrBefore([0, 10, 20], 20)).toBe(2);
    expect(lastAtOrBefore([0, 10, 20], -5)).toBe(0);
  });
});
