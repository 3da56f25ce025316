/**
 * Instants as people in a zone read them, for pictures: one `Intl.DateTimeFormat` per zone, made
 * the first time the zone is asked for and kept (report output, not the hot path of the engine).
 */
import { createOffsetReader, type OffsetReader } from '../calendar/zone/offsets.js';

/** The wall-clock fields of an instant in a zone. */
export interface ZonedParts {
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
  /** `Mon`, `Tue`, ... */
  readonly weekday: string;
  /** `-05:00`, `+00:00`. */
  readonly offset: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const readers = new Map<string, OffsetReader>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * The wall-clock fields of `ms` in `timeZone` (an IANA name the engine accepted, or `UTC`).
 *
 * @example
 * zonedParts(1772460000000, 'America/New_York').hour //=> '09'
 */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const part: Record<string, string> = {};
  for (const { type, value } of formatOf(timeZone).formatToParts(ms)) part[type] = value;
  return {
    year: part.year ?? '',
    month: part.month ?? '',
    day: part.day ?? '',
    hour: part.hour ?? '',
    minute: part.minute ?? '',
    second: part.second ?? '',
    weekday: part.weekday ?? '',
    // "GMT-05:00", or "GMT" for a zero offset.
    offset: (part.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00',
  };
}

/**
 * An instant for a tooltip or a table: `Mon 2026-03-02 09:00:00 -05:00` (seconds always, as
 * events carry them; milliseconds when `withMs`, by default when the instant has some, so that a
 * column of instants can show them on every line or on none).
 *
 * @example
 * formatZonedTime(1772460000000, 'America/New_York') //=> 'Mon 2026-03-02 09:00:00 -05:00'
 * formatZonedTime(1772460000000, 'America/New_York', true) //=> 'Mon 2026-03-02 09:00:00.000 -05:00'
 */
export function formatZonedTime(ms: number, timeZone: string, withMs = ms % 1000 !== 0): string {
  const p = zonedParts(ms, timeZone);
  const fraction = withMs ? `.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}` : '';
  return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}${fraction} ${p.offset}`;
}

/**
 * A zone's UTC offset at an instant (local wall clock = `ms + offset`), for placing axis ticks
 * on local midnights.
 *
 * @example
 * zoneOffsetMs(1772460000000, 'America/New_York') //=> -18000000
 */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  let reader = readers.get(timeZone);
  if (reader === undefined) {
    reader = createOffsetReader(timeZone);
    readers.set(timeZone, reader);
  }
  return reader.offsetMsAt(ms);
}
