/**
 * One VEVENT read as holiday dates: an all-day start, a length in days, yearly rules, added and
 * excluded dates; or the reason it cannot be read that way. Every property this reads is checked
 * first, so a malformed value is an error even in an event that is then skipped.
 */
import { fail } from '../../errors.js';
import { icsLineProblem, icsProblems, icsSkipReasons } from '../../messages.js';
import type { IcsEvent } from './ics.js';
import type { IcsContentLine } from './icsContentLines.js';
import { readRule, type YearlyRule } from './icsRule.js';
import { type IcsDay, parseIcsDuration, readIcsDays, unescapeIcsText, valueTypeOf } from './icsValues.js';

/** What a VEVENT says, read for holiday import. */
export interface IcsEventReading {
  readonly uid: string | null;
  readonly summary: string | null;
  /** Line of its `BEGIN:VEVENT`. */
  readonly line: number;
  /** `RECURRENCE-ID`: this VEVENT replaces that date of the series with the same UID. */
  readonly recurrenceId: IcsDay | undefined;
  /** `RECURRENCE-ID;RANGE=THISANDFUTURE`: it would change the series from that date on. */
  readonly thisAndFuture: boolean;
  /** `STATUS:CANCELLED`. */
  readonly cancelled: boolean;
  /** Why it gives no dates, or `undefined` when `dates` says which. */
  readonly skipReason: string | undefined;
  readonly dates: AllDayDates;
}

/** The dates of an all-day event, before expansion. */
export interface AllDayDates {
  readonly startDay: number;
  /** Days each instance covers (DTEND is exclusive), at least 1. */
  readonly lengthDays: number;
  readonly rules: readonly YearlyRule[];
  /** `RDATE`: more instance dates. */
  readonly addedDays: readonly number[];
  /** `EXDATE`: instance dates removed (a date-time removes its date as written). */
  readonly excludedDays: readonly number[];
}

const noDates: AllDayDates = { startDay: 0, lengthDays: 1, rules: [], addedDays: [], excludedDays: [] };
/** Longer than any range of dates holidaysFromIcs is asked about. */
const maxLengthDays = 1e9;
const secondsPerDay = 86_400;

/**
 * Reads a VEVENT. Throws `SlaValidationError` naming the line for a malformed date, duration or
 * rule, and for `DTSTART`, `DTEND`, `DURATION` or `RECURRENCE-ID` given twice, or `DTEND` with
 * `DURATION`.
 *
 * @example
 * readEvent(readIcsEvents(christmasText)[0]).dates //=> { startDay: 20812, lengthDays: 1, rules: [], addedDays: [], excludedDays: [] }
 */
export function readEvent(event: IcsEvent): IcsEventReading {
  const once = new Map<string, IcsContentLine>();
  const rrules: IcsContentLine[] = [];
  const rdates: IcsContentLine[] = [];
  const exdates: IcsContentLine[] = [];
  let exrule = false;
  let outlookAllDay = false;
  for (const property of event.properties) {
    switch (property.name) {
      case 'DTSTART':
      case 'DTEND':
      case 'DURATION':
      case 'RECURRENCE-ID': {
        const first = once.get(property.name);
        if (first !== undefined)
          fail(
            'invalid_value',
            [],
            icsLineProblem(property.line, icsProblems.twice(property.name, first.line)),
          );
        once.set(property.name, property);
        break;
      }
      case 'UID':
      case 'SUMMARY':
      case 'STATUS':
        if (!once.has(property.name)) once.set(property.name, property);
        break;
      case 'RRULE':
        rrules.push(property);
        break;
      case 'RDATE':
        rdates.push(property);
        break;
      case 'EXDATE':
        exdates.push(property);
        break;
      case 'EXRULE':
        exrule = true;
        break;
      case 'X-MICROSOFT-CDO-ALLDAYEVENT':
        outlookAllDay = property.value.trim().toUpperCase() === 'TRUE';
        break;
    }
  }

  const startProperty = once.get('DTSTART');
  const start = startProperty === undefined ? undefined : (readIcsDays(startProperty, false)[0] as IcsDay);
  const endProperty = once.get('DTEND');
  const end = endProperty === undefined ? undefined : (readIcsDays(endProperty, false)[0] as IcsDay);
  const durationProperty = once.get('DURATION');
  if (endProperty !== undefined && durationProperty !== undefined)
    fail('invalid_value', [], icsLineProblem(durationProperty.line, icsProblems.endAndDuration));
  const durationText = durationProperty?.value.trim();
  const durationSeconds = durationText === undefined ? undefined : parseIcsDuration(durationText);
  if (durationProperty !== undefined && durationSeconds === undefined)
    fail(
      'invalid_value',
      [],
      icsLineProblem(durationProperty.line, icsProblems.badDuration(durationProperty.value)),
    );
  const rules = rrules.map((property) => readRule(property.value, property.line));
  const periodRdate = rdates.some((property) => valueTypeOf(property) === 'PERIOD');
  const added = rdates
    .filter((property) => valueTypeOf(property) !== 'PERIOD')
    .flatMap((property) => readIcsDays(property, true));
  const excluded = exdates.flatMap((property) => readIcsDays(property, true));
  const recurrenceProperty = once.get('RECURRENCE-ID');
  const recurrenceId =
    recurrenceProperty === undefined ? undefined : (readIcsDays(recurrenceProperty, false)[0] as IcsDay);

  const reading = {
    uid: textOf(once.get('UID')),
    summary: textOf(once.get('SUMMARY')),
    line: event.line,
    recurrenceId,
    thisAndFuture:
      recurrenceProperty?.params.get('RANGE')?.some((range) => range.toUpperCase() === 'THISANDFUTURE') ??
      false,
    cancelled: once.get('STATUS')?.value.trim().toUpperCase() === 'CANCELLED',
  };
  const skip = (skipReason: string): IcsEventReading => ({ ...reading, skipReason, dates: noDates });

  if (reading.cancelled) return skip(icsSkipReasons.cancelled);
  if (start === undefined) return skip(icsSkipReasons.noStart);
  if (start.timed) return skip(icsSkipReasons.timed(start.text, outlookAllDay));
  if (exrule) return skip(icsSkipReasons.exrule);
  const yearly: YearlyRule[] = [];
  for (const read of rules) {
    if ('unsupported' in read) return skip(read.unsupported);
    yearly.push(read.rule);
  }
  if (periodRdate) return skip(icsSkipReasons.rdatePeriod);
  const timedRdate = added.find((day) => day.timed);
  if (timedRdate !== undefined) return skip(icsSkipReasons.rdateTimed(timedRdate.text));

  let lengthDays = 1;
  if (end !== undefined) {
    if (end.timed) return skip(icsSkipReasons.endTimed(end.text));
    if (end.day < start.day) return skip(icsSkipReasons.endBeforeStart(end.text, start.text));
    // DTEND equal to DTSTART is one day: Calendar Labs' holiday feeds write every holiday so.
    lengthDays = Math.max(1, end.day - start.day);
  } else if (durationSeconds !== undefined && durationText !== undefined) {
    if (durationSeconds < 0) return skip(icsSkipReasons.durationNegative(durationText));
    if (!Number.isSafeInteger(durationSeconds)) lengthDays = maxLengthDays;
    else if (durationSeconds % secondsPerDay !== 0) return skip(icsSkipReasons.durationNotDays(durationText));
    else lengthDays = Math.min(maxLengthDays, Math.max(1, durationSeconds / secondsPerDay));
  }
  return {
    ...reading,
    skipReason: undefined,
    dates: {
      startDay: start.day,
      lengthDays,
      rules: yearly,
      addedDays: added.map((day) => day.day),
      excludedDays: excluded.map((day) => day.day),
    },
  };
}

function textOf(property: IcsContentLine | undefined): string | null {
  return property === undefined ? null : unescapeIcsText(property.value);
}
