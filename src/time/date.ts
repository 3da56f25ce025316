/** Recognising a real `Date`, whatever realm or copy of the library it comes from. */

const getTime = Date.prototype.getTime;

/**
 * The time value of a real `Date` (`NaN` for an invalid one), or `undefined` for anything else.
 * `instanceof Date` is not enough: a proxy of a Date and `Object.create(Date.prototype)` pass it,
 * then throw a TypeError from `getTime`; a Date from another realm fails it. Only a value with
 * the Date internal slot answers `Date.prototype.getTime`.
 *
 * @example
 * dateValueOf(new Date(0)) //=> 0
 * dateValueOf(Object.create(Date.prototype)) //=> undefined
 */
export function dateValueOf(value: object): number | undefined {
  try {
    return getTime.call(value);
  } catch {
    return undefined;
  }
}
