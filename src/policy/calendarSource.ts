/**
 * The calendars a policy defines, as goals find them: a plain calendar is one fixed
 * `ResolvedCalendar`; a template (`timeZone: { attribute, default }`) is compiled once per zone,
 * on first use, and memoised inside the compiled policy (docs/policy.md, "Whose hours").
 */
import type { Calendar, CalendarSpec } from '../calendar/calendar.js';
import { timelineOf } from '../calendar/calendar.js';
import { buildCalendar } from '../calendar/compile.js';
import type { Timeline } from '../calendar/timeline.js';
import { canonicalZoneName } from '../calendar/zone/canonicalZone.js';
import type { AttributeValues } from './condition.js';
import type { ResolvedCalendar } from './resolvedCalendar.js';

/** A policy calendar, fixed or a template. */
export interface CalendarSource {
  /** The calendar, when it does not depend on attributes. */
  readonly fixed: ResolvedCalendar | null;
  /** The slot of the attribute holding a template's zone; -1 for a fixed calendar. */
  readonly zoneSlot: number;
  resolve(values: AttributeValues): ResolvedCalendar;
  /** The calendar in its default zone (a template) or itself, for `policy.calendars`. */
  readonly compiled: Calendar;
}

/** A calendar that is the same for every ticket. */
export function fixedSource(name: string, calendar: Calendar): CalendarSource {
  const fixed: ResolvedCalendar = Object.freeze({
    name,
    timeZone: calendar.timeZone,
    timeline: timelineOf(calendar),
  });
  return { fixed, zoneSlot: -1, resolve: () => fixed, compiled: calendar };
}

/** At most this many spellings of zones keep their resolved calendar object (the rest allocate one). */
const maxSpellings = 1024;

/**
 * A template: the same week, holidays and overrides in the zone that an attribute names. Each
 * canonical zone is compiled once (bounded by the zones the runtime knows, not by spellings);
 * which ticket needed it first changes nothing, since compiling is deterministic.
 */
export function templateSource(
  name: string,
  spec: Exclude<CalendarSpec, '24/7'>,
  moreHolidays: readonly string[],
  zoneSlot: number,
  defaultZone: string,
): CalendarSource {
  const byZone = new Map<string, Timeline>();
  const bySpelling = new Map<string, ResolvedCalendar>();
  const timelineIn = (canonical: string): Timeline => {
    let timeline = byZone.get(canonical);
    if (timeline === undefined) {
      timeline = timelineOf(buildCalendar({ ...spec, timeZone: canonical }, moreHolidays));
      byZone.set(canonical, timeline);
    }
    return timeline;
  };
  const compiled = buildCalendar({ ...spec, timeZone: defaultZone }, moreHolidays);
  const fallback: ResolvedCalendar = Object.freeze({
    name,
    timeZone: defaultZone,
    timeline: timelineOf(compiled),
  });
  byZone.set(canonicalZoneName(defaultZone) as string, fallback.timeline);
  const resolve = (values: AttributeValues): ResolvedCalendar => {
    const written = values[zoneSlot];
    if (typeof written !== 'string') return fallback;
    const known = bySpelling.get(written);
    if (known !== undefined) return known;
    const canonical = canonicalZoneName(written);
    if (canonical === null) return fallback;
    const resolved: ResolvedCalendar = Object.freeze({
      name,
      timeZone: written,
      timeline: timelineIn(canonical),
    });
    if (bySpelling.size < maxSpellings) bySpelling.set(written, resolved);
    return resolved;
  };
  return { fixed: null, zoneSlot, resolve, compiled };
}
