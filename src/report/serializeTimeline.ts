/**
 * A timeline in the JSON form: what `sla-clock explain --format json` and the HTTP service's
 * `/v1/explain` write, instants as ISO text like every instant of `serializeSlaState`.
 */
import type { IsoInstant } from '../engine/serialize.js';
import { formatInstant } from '../time/instant.js';
import type { TimelineSegment } from './explain.js';

/** `TimelineSegment` in the JSON form: `from` and `to` as ISO text, the other fields as they are. */
export interface SerializedTimelineSegment {
  readonly from: IsoInstant;
  readonly to: IsoInstant;
  readonly kind: TimelineSegment['kind'];
  readonly counted: number;
  readonly reason: string;
  readonly calendar: string;
  readonly timeZone: string | null;
}

/**
 * Segments with their instants as ISO text, field order kept. Internal: the CLI and the service
 * call it on `explainSla`'s own output.
 *
 * @example
 * serializeTimeline([{ from: 1772442000000, to: 1772445600000, kind: 'counting', counted: 3600000,
 *   reason: 'calendar "24/7" open', calendar: '24/7', timeZone: null }])[0].from
 * //=> '2026-03-02T09:00:00.000Z'
 */
export function serializeTimeline(segments: readonly TimelineSegment[]): SerializedTimelineSegment[] {
  return segments.map((segment) => ({
    from: formatInstant(segment.from),
    to: formatInstant(segment.to),
    kind: segment.kind,
    counted: segment.counted,
    reason: segment.reason,
    calendar: segment.calendar,
    timeZone: segment.timeZone,
  }));
}
