/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), with no `Date`
 * and no time zone: the algorithms of Howard Hinnant's "chrono-compatible low-level date
 * algorithms", exact for every year we accept.
 */

/**
 * Day number of a civil date; `month` is 1-12.
 *
 * @example
 * daysFromCivil(2026, 3, 2) //=> 20514
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * Civil date of a day number; `month` is 1-12.
 *
 * @example
 * civilFromDays(20514) //=> { year: 2026, month: 3, day: 2 }
 */
export function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Days in a month of a year (leap years per the Gregorian rule).
 *
 * @example
 * daysInMonth(2100, 2) //=> 28
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * ISO weekday index of a day number: 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
 *
 * @example
 * weekdayOfDay(0) //=> 3
 */
export function weekdayOfDay(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}
