/**
 * Sets an own, enumerable property. `"__proto__"` stays an ordinary key instead of replacing the
 * prototype: attribute and metric names come from hosts' JSON, where it is just a name.
 *
 * @example
 * const attributes = {}
 * setOwn(attributes, '__proto__', 'x')
 * Object.keys(attributes) //=> ['__proto__']
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
