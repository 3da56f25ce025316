import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { periodAxis } from '../../src/render/periods.js';
import { compilePeriod } from '../../src/report/period.js';

describe('periodAxis', () => {
  test('weeks across a year end, with a gap filled: 2026 has a week 53', () => {
    expect(periodAxis(['2027-W02', '2026-W52'], 'week')).toEqual([
      '2026-W52',
      '2026-W53',
      '2027-W01',
      '2027-W02',
    ]);
  });

  test('days and months, in order, each once', () => {
    expect(periodAxis(['2026-03-02', '2026-02-27', '2026-03-02'], 'day')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(periodAxis(['2026-11', '2027-01'], 'month')).toEqual(['2026-11', '2026-12', '2027-01']);
  });

  test('labels of another form are kept as given, sorted, not filled', () => {
    expect(periodAxis(['b', 'a', 'b'], 'week')).toEqual(['a', 'b']);
    expect(periodAxis([], 'day')).toEqual([]);
  });

  test('a range of more than 2000 periods is drawn as given, not filled', () => {
    expect(periodAxis(['2020-01-01', '2026-01-01'], 'day')).toEqual(['2020-01-01', '2026-01-01']);
  });

  test('for any instants, the axis runs from the first period to the last one without a hole', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('day' as const, 'week' as const, 'month' as const),
        fc.array(fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2030, 0, 1) }), {
          minLength: 1,
          maxLength: 8,
        }),
        (unit, instants) => {
          const period = compilePeriod({ unit, timeZone: 'UTC' });
          const ids = instants.map((ms) => period.idAt(ms));
          const labels = ids.map((id) => period.label(id));
          const axis = periodAxis(labels, unit);
          const step = unit === 'week' ? 7 : 1;
          const first = Math.min(...ids);
          const last = Math.max(...ids);
          const expected: string[] = [];
          for (let id = first; id <= last; id += step) expected.push(period.label(id));
          expect(axis).toEqual(expected);
        },
      ),
    );
  });
});
