/** The calendar queries' arguments: a compiled calendar and instants, each named when wrong (issue 7, D4). */
import { describe, expect, test } from 'vitest';
import { addBusinessTime, businessTimeBetween, isOpen, nextClose, nextOpen } from '../../src/index.js';
import { nineToFive } from './fixtures.js';

describe('the calendar queries name the argument that is wrong', () => {
  const fakeDate = () => Object.create(Date.prototype);

  test.each([
    ['isOpen', () => isOpen(nineToFive, fakeDate())],
    ['nextOpen', () => nextOpen(nineToFive, new Proxy(new Date(0), {}))],
    ['nextClose', () => nextClose(nineToFive, fakeDate())],
  ])('%s: an "at" that only looks like a Date', (_, call) => {
    expect(call).toThrow(/^at: expected an instant: .*, got an object$/);
  });

  test('businessTimeBetween and addBusinessTime name from, to and ms', () => {
    expect(() => businessTimeBetween(nineToFive, fakeDate(), 0)).toThrow(/^from: expected an instant/);
    expect(() => businessTimeBetween(nineToFive, 0, fakeDate())).toThrow(/^to: expected an instant/);
    expect(() => addBusinessTime(nineToFive, fakeDate(), 1)).toThrow(/^from: expected an instant/);
    expect(() => addBusinessTime(nineToFive, 0, 10n as never)).toThrow(
      'ms: expected a finite integer number of milliseconds, got 10n',
    );
  });

  test('a calendar that only looks like one, or a Date where the calendar goes, is named cal', () => {
    expect(() => isOpen(new Date(0) as never, 0)).toThrow(
      'cal: expected a calendar returned by compileCalendar(spec), got a Date',
    );
    expect(() => nextOpen(fakeDate() as never, 0)).toThrow(
      'cal: expected a calendar returned by compileCalendar(spec), got an object',
    );
  });
});
