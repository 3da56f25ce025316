/**
 * sla-clock: exact, fast SLA clocks for helpdesks. This module only re-exports; importing it
 * does no work.
 */
export { addBusinessTime } from './calendar/add.js';
export { businessTimeBetween } from './calendar/between.js';
export type { Calendar, CalendarSpec, Interval, Weekday } from './calendar/calendar.js';
export { compileCalendar } from './calendar/compile.js';
export { isOpen } from './calendar/isOpen.js';
export { nextClose } from './calendar/nextClose.js';
export { nextOpen } from './calendar/nextOpen.js';
export type { SlaIssue, SlaIssueCode, SlaPath } from './errors.js';
export { isSlaValidationError, SlaValidationError } from './errors.js';
export type { Instant } from './time/instant.js';
