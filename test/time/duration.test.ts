import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseDurationText } from '../../src/time/duration.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe('durations', () => {
  test.each([
    ['45m', 45 * minute],
    ['1h30m', 90 * minute],
    ['2d', 2 * day],
    ['90s', 90 * second],
    ['1w', 7 * day],
    ['1w2d3h4m5s6ms', 7 * day + 2 * day + 3 * hour + 4 * minute + 5 * second + 6],
    ['250ms', 250],
    ['0m', 0],
    ['PT4H', 4 * hour],
    ['P1DT2H', day + 2 * hour],
    ['P1W', 7 * day],
    ['PT1H30M', 90 * minute],
    ['PT0.5S', 500],
    ['PT15M', 15 * minute],
  ])('%s is %d ms ("d" is 24 h of counted time, as in ServiceNow)', (text, expected) => {
    expect(parseDurationText(text)).toBe(expected);
  });

  test.each(['4 hours', '', '1m1h', '1h1h', 'P1Y', 'P1M', 'PT', 'P', '-1h', '1.5h', 'h'])(
    '%j is not a duration',
    (text) => {
      expect(parseDurationText(text)).toBe(undefined);
    },
  );

  test('compact and ISO spellings of the same duration agree', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(23), fc.nat(59), fc.nat(59), (d, h, m, s) => {
        fc.pre(d + h + m + s > 0);
        expect(parseDurationText(`${d}d${h}h${m}m${s}s`)).toBe(parseDurationText(`P${d}DT${h}H${m}M${s}S`));
      }),
      { numRuns: 500 },
    );
  });
});
