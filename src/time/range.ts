/**
 * The range of instants and dates accepted as input: years 1900 to 2200 (docs/policy.md, "Instants").
 * Literals rather than computed values so that importing this module does no work; the tests
 * check them against `daysFromCivil`.
 */

/** First instant accepted as input: 1900-01-01T00:00:00.000Z. */
export const minInstantMs = -2208988800000;
/** Last instant accepted as input: 2200-12-31T23:59:59.999Z. */
export const maxInstantMs = 7289654399999;
/** Day number of 1900-01-01, the first local date accepted in calendars. */
export const minDayNumber = -25567;
/** Day number of 2200-12-31, the last local date accepted in calendars. */
export const maxDayNumber = 84370;
