/** Recognising IANA time zone names, through the runtime's own tz database. */

/**
 * Whether the runtime knows `name` as an IANA time zone (`"Europe/Berlin"`, `"UTC"`,
 * `"Etc/GMT+5"`). Offset strings such as `"+05:30"` are refused: a calendar's zone must carry
 * its DST rules, and an offset carries none.
 *
 * @example
 * isTimeZoneName('Asia/Kathmandu') //=> true
 * isTimeZoneName('Mars/Olympus') //=> false
 */
export function isTimeZoneName(name: string): boolean {
  if (name === '' || name.length > 64 || /^[+\-\d]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
