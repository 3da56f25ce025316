/** Building iCalendar texts for the holiday import tests, and reading their outcome. */
import { readFileSync } from 'node:fs';
import {
  holidaysFromIcs,
  type IcsHolidays,
  type IcsRange,
  isSlaValidationError,
  type SlaIssue,
} from '../../../src/index.js';

/**
 * A calendar holding `events`, CRLF line endings. Its first lines are fixed, so that an event's
 * `BEGIN:VEVENT` is line 4 when it comes first: BEGIN:VCALENDAR, VERSION, PRODID.
 */
export function calendar(...events: string[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//sla-clock//tests//EN',
    ...events,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/** A VEVENT with these content lines (joined by CRLF). */
export function event(...lines: string[]): string {
  return ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n');
}

/** The dates of a one-event calendar in a range. */
export function datesOf(eventLines: readonly string[], from: string, to: string): string[] {
  return holidaysFromIcs(calendar(event(...eventLines)), { from, to }).dates;
}

/** The outcome of a one-event calendar in a range. */
export function outcomeOf(eventLines: readonly string[], range: IcsRange): IcsHolidays {
  return holidaysFromIcs(calendar(event(...eventLines)), range);
}

/** The single issue that `run` throws as an SlaValidationError (fails the test otherwise). */
export function issueOf(run: () => unknown): SlaIssue {
  try {
    run();
  } catch (error) {
    if (isSlaValidationError(error) && error.issues.length === 1) return error.issues[0] as SlaIssue;
    throw error;
  }
  throw new Error('expected an SlaValidationError');
}

/** The message of the error holidaysFromIcs throws for `text` (over 2026). */
export function messageFor(text: string): string {
  return issueOf(() => holidaysFromIcs(text, { from: '2026-01-01', to: '2026-12-31' })).message;
}

/** A fixture file of this directory, as exported (line endings kept). */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/ics/${name}`, import.meta.url), 'utf8');
}
