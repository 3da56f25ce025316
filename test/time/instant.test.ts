import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isSlaValidationError, type SlaValidationError } from '../../src/index.js';
import { formatInstant, parseRfc3339, toInstantMs } from '../../src/time/instant.js';
import { maxInstantMs, minInstantMs } from '../../src/time/range.js';

function errorOf(run: () => unknown): SlaValidationError {
  try {
    run();
  } catch (error) {
    if (isSlaValidationError(error)) return error;
    throw error;
  }
  throw new Error('expected an SlaValidationError');
}

describe('RFC 3339 instants', () => {
  test('every epoch-ms instant in range round-trips through its ISO form', () => {
    fc.assert(
      fc.property(fc.integer({ min: minInstantMs, max: maxInstantMs }), (ms) => {
        expect(parseRfc3339(formatInstant(ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });

  test('offsets are applied, and agree with the platform parser for strings with offsets', () => {
    expect(parseRfc3339('2026-03-02T10:00:00.250+01:00')).toBe(Date.parse('2026-03-02T09:00:00.250Z'));
    expect(parseRfc3339('2026-03-02T04:15:00-05:45')).toBe(Date.parse('2026-03-02T10:00:00Z'));
    expect(parseRfc3339('2026-03-02t09:00:00z')).toBe(Date.parse('2026-03-02T09:00:00Z'));
  });

  test('instants as backends write them: a space for T, offsets ±HH and ±HHMM', () => {
    const at = Date.parse('2026-03-02T14:00:00Z');
    // Python's str(datetime) and PostgreSQL's text output.
    expect(parseRfc3339('2026-03-02 14:00:00+00:00')).toBe(at);
    expect(parseRfc3339('2026-03-02 15:00:00+01')).toBe(at);
    expect(parseRfc3339('2026-03-02 08:30:00.000-0530')).toBe(at);
    expect(parseRfc3339('2026-03-02T19:45:00+0545')).toBe(at);
    expect(parseRfc3339('2026-03-02T11:00:00-03')).toBe(at);
  });

  test('every offset spelling of one instant gives the same ms', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.boolean(),
        fc.constantFrom('T', 't', ' '),
        (hours, minutes, negative, separator) => {
          const hh = String(hours).padStart(2, '0');
          const mm = String(minutes).padStart(2, '0');
          const sign = negative ? '-' : '+';
          const base = `2026-03-02${separator}12:00:00`;
          const colon = parseRfc3339(`${base}${sign}${hh}:${mm}`);
          expect(colon).toBe(Date.parse(`2026-03-02T12:00:00${sign}${hh}:${mm}`));
          expect(parseRfc3339(`${base}${sign}${hh}${mm}`)).toBe(colon);
          if (minutes === 0) expect(parseRfc3339(`${base}${sign}${hh}`)).toBe(colon);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('digits past milliseconds are truncated, not rounded', () => {
    expect(parseRfc3339('2026-03-02T09:00:00.123999Z')).toBe(Date.parse('2026-03-02T09:00:00.123Z'));
    expect(parseRfc3339('2026-03-02T09:00:00.5Z')).toBe(Date.parse('2026-03-02T09:00:00.500Z'));
  });

  test.each([
    ['2026-03-02T09:00:00', 'no offset: ambiguous'],
    ['2026-03-02T09:00Z', 'seconds are required'],
    ['2026-03-02 09:00:00', 'a space separator, but no offset'],
    ['2026-03-02_09:00:00Z', 'a separator other than T or a space'],
    ['2026-02-30T09:00:00Z', 'a date that does not exist'],
    ['2026-03-02T24:00:00Z', 'hour 24'],
    ['2026-12-31T23:59:60Z', 'a leap second'],
    ['2026-03-02T09:00:00+24:00', 'an offset out of range'],
    ['2026-03-02T09:00:00+010', 'a three-digit offset'],
    ['2026-03-02T09:00:00+1', 'a one-digit offset'],
    ['2026-03-02T09:00:00+01:0', 'an offset cut short'],
    ['2026-03-02T09:00:00+2400', 'a basic offset out of range'],
    ['2026-03-02T09:00:00+24', 'an hour offset out of range'],
    ['', 'an empty string'],
  ])('%s is refused (%s)', (text) => {
    expect(parseRfc3339(text)).toBe(undefined);
  });
});

describe('toInstantMs', () => {
  test('accepts integer ms, valid Dates and RFC 3339 strings', () => {
    const at = Date.parse('2026-03-02T09:00:00Z');
    expect(toInstantMs(at, 'at')).toBe(at);
    expect(toInstantMs(new Date(at), 'at')).toBe(at);
    expect(toInstantMs('2026-03-02T09:00:00Z', 'at')).toBe(at);
  });

  test('accepts the ends of the supported range, 1900 to 2200, and nothing outside', () => {
    expect(toInstantMs('1900-01-01T00:00:00Z', 'at')).toBe(minInstantMs);
    expect(toInstantMs('2200-12-31T23:59:59.999Z', 'at')).toBe(maxInstantMs);
    expect(errorOf(() => toInstantMs(minInstantMs - 1, 'at')).issues[0]?.code).toBe('out_of_range');
    expect(errorOf(() => toInstantMs('2201-01-01T00:00:00Z', 'at')).issues[0]?.code).toBe('out_of_range');
  });

  test.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [1.5, '1.5'],
    [new Date(Number.NaN), 'an invalid Date'],
    ['yesterday', '"yesterday"'],
    [null, 'null'],
    [{}, '{}'],
  ])('refuses %s, naming the path, the value and what was expected', (value, shown) => {
    const error = errorOf(() => toInstantMs(value, 'ticket', ['events', 3, 'at']));
    expect(error.name).toBe('SlaValidationError');
    expect(error.issues[0]?.code).toBe('invalid_instant');
    expect(error.issues[0]?.path).toEqual(['events', 3, 'at']);
    expect(error.message).toBe(
      `ticket.events[3].at: expected an instant: an integer epoch-ms number, a valid Date, or an RFC 3339 string with an offset such as "2026-03-02T09:00:00Z", got ${shown}`,
    );
  });
});

describe('formatInstant', () => {
  test('writes exactly what Date.prototype.toISOString writes, for any instant from 1000 to 9999', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
        (ms) => {
          expect(formatInstant(ms)).toBe(new Date(ms).toISOString());
        },
      ),
      { numRuns: 5000 },
    );
  });

  test('instants on one day, in any order, keep their own date (the memo of the last day is only a cache)', () => {
    const day = Date.UTC(2026, 2, 8);
    for (const ms of [day + 1, day - 1, day + 86_399_999, day + 86_400_000, day])
      expect(formatInstant(ms)).toBe(new Date(ms).toISOString());
  });
});

describe('only a real Date is a Date (issue 7, D4)', () => {
  test('a proxy of a Date and an object with the Date prototype are refused, not a TypeError from getTime', () => {
    for (const fake of [new Proxy(new Date(0), {}), Object.create(Date.prototype)]) {
      const error = errorOf(() => toInstantMs(fake, 'at'));
      expect(error.issues[0]?.code).toBe('invalid_instant');
      expect(error.message).toMatch(/^at: expected an instant: .*, got an object$/);
    }
  });

  test('a Date subclass and a Date of another realm are Dates', async () => {
    class Stamp extends Date {}
    expect(toInstantMs(new Stamp(1772442000000), 'at')).toBe(1772442000000);
    const { runInNewContext } = await import('node:vm');
    expect(toInstantMs(runInNewContext('new Date(1772442000000)'), 'at')).toBe(1772442000000);
  });
});
