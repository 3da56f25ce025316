/**
 * Zone names read from ticket attributes (calendar templates, docs/policy.md "Whose hours"):
 * any spelling the runtime's Intl accepts (`"europe/berlin"`, an alias), never an offset string.
 * Checking a spelling costs an Intl call, so answers are remembered, in a bounded cache: tickets
 * carry few distinct spellings, and a flood of new ones only costs Intl calls, never memory.
 */
import { isTimeZoneName } from './timeZoneName.js';

/** How many spellings are remembered before the cache starts afresh. */
const maxRemembered = 4096;
let remembered: Map<string, string | null> | undefined;

/**
 * The runtime's canonical name of the zone spelled `text`, or null when it names no zone (an
 * offset string, an unknown name). The same answer whatever was asked before.
 *
 * @example
 * canonicalZoneName('europe/berlin') //=> 'Europe/Berlin'
 * canonicalZoneName('+05:30') //=> null
 */
export function canonicalZoneName(text: string): string | null {
  remembered ??= new Map();
  const known = remembered.get(text);
  if (known !== undefined) return known;
  const canonical = isTimeZoneName(text)
    ? new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone
    : null;
  if (remembered.size >= maxRemembered) remembered.clear();
  remembered.set(text, canonical);
  return canonical;
}
