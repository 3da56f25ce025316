/**
 * Properties of holidaysFromIcs, on random calendars (icsArbitraries.ts). Expected dates are
 * computed here with `Date.UTC`, not with the library's civil-date arithmetic. Seeds are printed
 * on failure; SLA_ORACLE_SEED and SLA_ORACLE_PATH replay one, SLA_ORACLE_RUNS scales the runs.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { holidaysFromIcs, isSlaValidationError } from '../../../src/index.js';
import { runParams } from '../../oracle/arbitraries.js';
import {
  calendarArb,
  compactDate,
  dayArb,
  dayOf,
  eventLinesArb,
  foldedArb,
  isoDate,
  rangeArb,
} from './icsArbitraries.js';
import { calendar, event } from './icsText.js';

const msPerDay = 86_400_000;

/** Days in a month, by Date.UTC: day 0 of the next month is the last of this one. */
function monthLength(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD` of a year, month and day. */
function iso(year: number, month: number, day: number): string {
  return isoDate(Date.UTC(year, month - 1, day) / msPerDay);
}

describe('yearly rules equal the dates they name', () => {
  test('BYMONTH and BYMONTHDAY (with INTERVAL, COUNT or UNTIL) list those month-days of every INTERVAL-th year', () => {
    const ruleArb = fc.record({
      startYear: fc.integer({ min: 1990, max: 2030 }),
      interval: fc.integer({ min: 1, max: 4 }),
      months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
      monthDays: fc.uniqueArray(
        fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: -31, max: -1 })),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      end: fc.oneof(
        fc.constant({}),
        fc.integer({ min: 1, max: 40 }).map((count) => ({ count })),
        fc.integer({ min: 0, max: 40 * 366 }).map((days) => ({ untilDays: days })),
      ),
      fromYears: fc.integer({ min: -3, max: 30 }),
      spanDays: fc.integer({ min: 0, max: 12 * 366 }),
    });
    fc.assert(
      fc.property(ruleArb, ({ startYear, interval, months, monthDays, end, fromYears, spanDays }) => {
        const startDay = Date.UTC(startYear, 0, 1) / msPerDay;
        const from = isoDate(Date.UTC(startYear + fromYears, 0, 1) / msPerDay);
        const to = isoDate(dayOf(from) + spanDays);
        const until = 'untilDays' in end ? isoDate(startDay + end.untilDays) : undefined;
        let rule = `FREQ=YEARLY;INTERVAL=${interval};BYMONTH=${months.join(',')};BYMONTHDAY=${monthDays.join(',')}`;
        if ('count' in end) rule += `;COUNT=${end.count}`;
        if (until !== undefined) rule += `;UNTIL=${until.replaceAll('-', '')}`;
        const text = calendar(event(`DTSTART;VALUE=DATE:${compactDate(startDay)}`, `RRULE:${rule}`));

        // DTSTART (Jan 1) first, then each INTERVAL-th year's month-days after it, in order.
        const instances = [isoDate(startDay)];
        for (let year = startYear; year <= Number(to.slice(0, 4)); year += interval) {
          const ofYear: string[] = [];
          for (const month of months) {
            const length = monthLength(year, month);
            for (const monthDay of monthDays) {
              const day = monthDay > 0 ? monthDay : length + 1 + monthDay;
              if (day >= 1 && day <= length) ofYear.push(iso(year, month, day));
            }
          }
          instances.push(...[...new Set(ofYear)].sort().filter((date) => date > isoDate(startDay)));
        }
        const counted = 'count' in end ? instances.slice(0, end.count) : instances;
        const expected = counted.filter(
          (date, i) => date >= from && date <= to && (i === 0 || until === undefined || date <= until),
        );
        expect(holidaysFromIcs(text, { from, to }).dates).toEqual(expected);
      }),
      runParams(300),
    );
  });

  test('BYDAY with an ordinal in BYMONTH months falls on that weekday, in that week of the month, once', () => {
    const codes = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']; // indexed as getUTCDay
    const ruleArb = fc.record({
      year: fc.integer({ min: 1990, max: 2100 }),
      years: fc.integer({ min: 1, max: 20 }),
      months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
      weekday: fc.integer({ min: 0, max: 6 }),
      ordinal: fc.constantFrom(1, 2, 3, 4, 5, -1, -2, -3, -4, -5),
    });
    fc.assert(
      fc.property(ruleArb, ({ year, years, months, weekday, ordinal }) => {
        // DTSTART lies the year before the range, so every date listed comes from the rule.
        const text = calendar(
          event(
            `DTSTART;VALUE=DATE:${year - 1}0101`,
            `RRULE:FREQ=YEARLY;BYMONTH=${months.join(',')};BYDAY=${ordinal}${codes[weekday]}`,
          ),
        );
        const { dates } = holidaysFromIcs(text, { from: `${year}-01-01`, to: `${year + years - 1}-12-31` });
        const perMonth = new Map<string, number>();
        for (const date of dates) {
          const [y, m, d] = date.split('-').map(Number) as [number, number, number];
          expect(new Date(Date.UTC(y, m - 1, d)).getUTCDay()).toBe(weekday);
          expect(months).toContain(m);
          const week = ordinal > 0 ? Math.ceil(d / 7) : -(Math.floor((monthLength(y, m) - d) / 7) + 1);
          expect(week).toBe(ordinal);
          perMonth.set(date.slice(0, 7), (perMonth.get(date.slice(0, 7)) ?? 0) + 1);
        }
        // Every month has four of each weekday, so the 1st to 4th (and last to 4th-last) always exist.
        const expectedMonths = Math.abs(ordinal) <= 4 ? years * months.length : undefined;
        if (expectedMonths !== undefined) expect(perMonth.size).toBe(expectedMonths);
        expect([...perMonth.values()].every((n) => n === 1)).toBe(true);
      }),
      runParams(300),
    );
  });

  test('BYDAY with an ordinal and no BYMONTH is the nth such weekday of the year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 52 }),
        fc.boolean(),
        (year, weekday, n, fromEnd) => {
          const codes = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
          const ordinal = fromEnd ? -n : n;
          const text = calendar(
            event(
              `DTSTART;VALUE=DATE:${year - 1}0101`,
              `RRULE:FREQ=YEARLY;BYDAY=${ordinal}${codes[weekday]}`,
            ),
          );
          const { dates } = holidaysFromIcs(text, { from: `${year}-01-01`, to: `${year}-12-31` });
          // The nth weekday of the year by counting days, with Date.UTC.
          const matches: string[] = [];
          for (let ms = Date.UTC(year, 0, 1); ms <= Date.UTC(year, 11, 31); ms += msPerDay)
            if (new Date(ms).getUTCDay() === weekday) matches.push(isoDate(ms / msPerDay));
          const expected = fromEnd ? matches[matches.length - n] : matches[n - 1];
          expect(dates).toEqual(expected === undefined ? [] : [expected]);
        },
      ),
      runParams(300),
    );
  });

  test('a yearly holiday equals the list of its dates, one event per year', () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        fc.integer({ min: 0, max: 5 }),
        rangeArb,
        (startDay, interval, count, length, range) => {
          const start = new Date(startDay * msPerDay);
          const [year, month, day] = [start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate()];
          const durationLine = `DURATION:P${length}D`;
          const rule = `RRULE:FREQ=YEARLY;INTERVAL=${interval}${count === undefined ? '' : `;COUNT=${count}`}`;
          const yearly = calendar(event(`DTSTART;VALUE=DATE:${compactDate(startDay)}`, durationLine, rule));
          // Feb 29 happens in leap years only; every other month-day every INTERVAL-th year.
          const singles: string[] = [];
          let instances = 0;
          for (let y = year; y <= 2040 && (count === undefined || instances < count); y += interval) {
            if (day > monthLength(y, month)) continue;
            singles.push(event(`DTSTART;VALUE=DATE:${iso(y, month, day).replaceAll('-', '')}`, durationLine));
            instances += 1;
          }
          expect(holidaysFromIcs(yearly, range).dates).toEqual(
            holidaysFromIcs(calendar(...singles), range).dates,
          );
        },
      ),
      runParams(300),
    );
  });
});

describe('any valid calendar', () => {
  test('dates are sorted, unique and within [from, to]', () => {
    fc.assert(
      fc.property(calendarArb, rangeArb, (text, range) => {
        const { dates } = holidaysFromIcs(text, range);
        for (let i = 0; i < dates.length; i++) {
          expect(dates[i]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect((dates[i] as string) >= range.from && (dates[i] as string) <= range.to).toBe(true);
          if (i > 0) expect((dates[i - 1] as string) < (dates[i] as string)).toBe(true);
        }
      }),
      runParams(300),
    );
  });

  test('folding lines at random places never changes the result', () => {
    fc.assert(
      fc.property(
        calendarArb.chain((text) => fc.tuple(fc.constant(text), foldedArb(text))),
        rangeArb,
        ([text, folded], range) => {
          expect(holidaysFromIcs(folded, range)).toEqual(holidaysFromIcs(text, range));
        },
      ),
      runParams(200),
    );
  });

  test('CRLF, LF and CR line endings give the same result', () => {
    fc.assert(
      fc.property(calendarArb, rangeArb, (text, range) => {
        const expected = holidaysFromIcs(text, range);
        expect(holidaysFromIcs(text.replaceAll('\r\n', '\n'), range)).toEqual(expected);
        expect(holidaysFromIcs(text.replaceAll('\r\n', '\r'), range)).toEqual(expected);
      }),
      runParams(100),
    );
  });

  test('skipped does not depend on the range', () => {
    fc.assert(
      fc.property(calendarArb, rangeArb, rangeArb, (text, one, other) => {
        expect(holidaysFromIcs(text, one).skipped).toEqual(holidaysFromIcs(text, other).skipped);
      }),
      runParams(200),
    );
  });

  test('a range split in two gives the same dates as the whole', () => {
    fc.assert(
      fc.property(calendarArb, rangeArb, fc.double({ min: 0, max: 1, noNaN: true }), (text, range, at) => {
        const fromDay = dayOf(range.from);
        const toDay = dayOf(range.to);
        const cut = fromDay + Math.floor((toDay - fromDay) * at);
        const left = holidaysFromIcs(text, { from: range.from, to: isoDate(cut) }).dates;
        const right =
          cut < toDay ? holidaysFromIcs(text, { from: isoDate(cut + 1), to: range.to }).dates : [];
        expect([...left, ...right]).toEqual(holidaysFromIcs(text, range).dates);
      }),
      runParams(200),
    );
  });

  test('the order of events does not matter', () => {
    fc.assert(
      fc.property(fc.array(eventLinesArb, { maxLength: 6 }), rangeArb, (events, range) => {
        const forward = holidaysFromIcs(calendar(...events.map((lines) => event(...lines))), range);
        const backward = holidaysFromIcs(
          calendar(...[...events].reverse().map((lines) => event(...lines))),
          range,
        );
        expect(backward.dates).toEqual(forward.dates);
        expect(new Set(backward.skipped.map((s) => JSON.stringify(s)))).toEqual(
          new Set(forward.skipped.map((s) => JSON.stringify(s))),
        );
      }),
      runParams(200),
    );
  });

  test('an EXDATE of a one-day event removes exactly its date', () => {
    fc.assert(
      fc.property(dayArb, dayArb, (startDay, excludedDay) => {
        const lines = [`DTSTART;VALUE=DATE:${compactDate(startDay)}`, 'RRULE:FREQ=YEARLY'];
        const range = { from: '1990-01-01', to: '2040-12-31' };
        const all = holidaysFromIcs(calendar(event(...lines)), range).dates;
        const some = holidaysFromIcs(
          calendar(event(...lines, `EXDATE;VALUE=DATE:${compactDate(excludedDay)}`)),
          range,
        );
        expect(some.dates).toEqual(all.filter((date) => date !== isoDate(excludedDay)));
      }),
      runParams(200),
    );
  });
});

describe('any text at all', () => {
  /** Runs holidaysFromIcs; fails on anything but a result or an SlaValidationError. */
  function outcome(text: string): 'dates' | 'error' {
    try {
      holidaysFromIcs(text, { from: '1990-01-01', to: '2040-12-31' });
      return 'dates';
    } catch (error) {
      if (isSlaValidationError(error)) return 'error';
      throw error;
    }
  }

  test('random strings give a result or an SlaValidationError, never another exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        outcome(text);
        outcome(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR`);
        outcome(calendar(event(text)));
      }),
      runParams(300),
    );
  });

  test('valid calendars with lines dropped, repeated, cut or garbled give a result or an SlaValidationError', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('repeat' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        text: fc.constantFrom(';', ':', ',', '"', '=', ' ', '\r\n ', '\r\n', 'X', '0', '-', 'T', 'Z', '\\'),
      }),
    );
    fc.assert(
      fc.property(calendarArb, fc.array(mutation, { minLength: 1, maxLength: 5 }), (text, mutations) => {
        let mutated = text;
        for (const m of mutations) {
          const lines = mutated.split('\r\n');
          const index = m.at % Math.max(1, lines.length);
          if (m.kind === 'drop') lines.splice(index, 1);
          else if (m.kind === 'repeat') lines.splice(index, 0, lines[index] ?? '');
          if (m.kind === 'drop' || m.kind === 'repeat') mutated = lines.join('\r\n');
          else {
            const at = m.at % Math.max(1, mutated.length);
            mutated =
              m.kind === 'cut'
                ? mutated.slice(0, at) + mutated.slice(at + m.length)
                : mutated.slice(0, at) + m.text + mutated.slice(at);
          }
        }
        outcome(mutated);
      }),
      runParams(500),
    );
  });
});
