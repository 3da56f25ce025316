/** Counts for people, the same on every machine. */

/**
 * A whole number with commas between thousands, as `en-US` writes it, without asking the host's
 * Intl (whose data may differ between runtimes): `1234567` → `"1,234,567"`.
 *
 * @example
 * formatCount(1234567) //=> '1,234,567'
 * formatCount(-1200) //=> '-1,200'
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const digits = String(Math.abs(n));
  let text = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const start = Math.max(0, end - 3);
    text = text === '' ? digits.slice(start, end) : `${digits.slice(start, end)},${text}`;
  }
  return n < 0 ? `-${text}` : text;
}
