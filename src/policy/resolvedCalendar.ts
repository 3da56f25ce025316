/**
 * A calendar as a cycle uses it: the name reported in `goal.calendar`, the zone reported in
 * `goal.timeZone` (as written, docs/policy.md "Whose hours"), and the timeline that counts.
 */
import { alwaysOpenTimeline, type Timeline } from '../calendar/timeline.js';

export interface ResolvedCalendar {
  /** A policy calendar's name (a template's own name), a host calendar's key, or `"24/7"`. */
  readonly name: string;
  /** The zone as the spec or the attribute wrote it; null for `"24/7"`. */
  readonly timeZone: string | null;
  readonly timeline: Timeline;
}

/** The host's calendars (`options.calendars`), checked and looked up by own name. */
export type HostLookup = (name: string) => ResolvedCalendar | undefined;

/** The built-in `"24/7"`, on which a cycle without a goal is measured too. */
export const alwaysOpenCalendar: ResolvedCalendar = {
  name: '24/7',
  timeZone: null,
  timeline: alwaysOpenTimeline,
};
