/**
 * A goal's calendar reference compiled into a resolver (docs/policy.md, "Whose hours"): a fixed
 * name, or `{ attribute, default }`, whose attribute value is looked up among the policy's
 * calendars (own names only, `"24/7"` included), then the host's, and falls back to `default`.
 */

import type { CalendarSource } from './calendarSource.js';
import type { FieldSlots } from './condition.js';
import type { CalendarRef, CalendarResolver } from './policy.js';
import type { ResolvedCalendar } from './resolvedCalendar.js';

/** A compiled reference: how to resolve it, and which attribute slots can change the answer. */
export interface CompiledCalendarRef {
  readonly fixed: ResolvedCalendar | null;
  readonly resolve: CalendarResolver;
  readonly slots: readonly number[];
}

/** Compiles a validated reference; `sources` holds every policy calendar, `"24/7"` included. */
export function compileCalendarRef(
  ref: CalendarRef | undefined,
  sources: ReadonlyMap<string, CalendarSource>,
  slotOf: FieldSlots,
): CompiledCalendarRef {
  if (ref === undefined || typeof ref === 'string') {
    const source = sources.get(ref ?? '24/7') as CalendarSource;
    if (source.fixed !== null) {
      const fixed = source.fixed;
      return { fixed, resolve: () => fixed, slots: [] };
    }
    return { fixed: null, resolve: (values) => source.resolve(values), slots: [source.zoneSlot] };
  }
  const slot = slotOf(ref.attribute);
  const fallback = sources.get(ref.default) as CalendarSource;
  // Any template may be named, so any template's zone attribute can change the answer.
  const slots = [slot];
  for (const source of sources.values())
    if (source.zoneSlot >= 0 && !slots.includes(source.zoneSlot)) slots.push(source.zoneSlot);
  return {
    fixed: null,
    resolve: (values, host) => {
      const name = values[slot];
      if (typeof name === 'string') {
        const own = sources.get(name);
        if (own !== undefined) return own.resolve(values);
        const hosted = host?.(name);
        if (hosted !== undefined) return hosted;
      }
      return fallback.resolve(values);
    },
    slots,
  };
}
