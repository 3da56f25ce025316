/**
 * sla-clock: exact, fast SLA clocks for helpdesks. This module only re-exports; importing it
 * does no work.
 */
export { addBusinessTime } from './calendar/add.js';
export { businessTimeBetween } from './calendar/between.js';
export type { Calendar, CalendarSpec, Interval, Weekday } from './calendar/calendar.js';
export { compileCalendar } from './calendar/compile.js';
export type { IcsHolidays, IcsRange, SkippedIcsEvent } from './calendar/holidays/holidaysFromIcs.js';
export { holidaysFromIcs } from './calendar/holidays/holidaysFromIcs.js';
export { isOpen } from './calendar/isOpen.js';
export { nextClose } from './calendar/nextClose.js';
export { nextOpen } from './calendar/nextOpen.js';
export { type CalendarTableRange, type CalendarTableRow, calendarTable } from './calendar/table.js';
export type { ComputeOptions } from './engine/compute.js';
export { computeSlaState, computeSlaStates } from './engine/compute.js';
export type { Attributes, Ticket, TicketEvent, TicketId } from './engine/events.js';
export type { HostCalendars } from './engine/hostCalendars.js';
export type {
  IsoInstant,
  SerializedCycle,
  SerializedMetric,
  SerializedSlaState,
  SerializedWarning,
} from './engine/serialize.js';
export { serializeSlaState } from './engine/serialize.js';
export type { CycleState, CycleStatus, MetricState, SlaState, WarningState } from './engine/state.js';
export type { StringifyOptions } from './engine/stateJson.js';
export { stringifySlaState } from './engine/stateJson.js';
export type { SlaTracker, TrackerOptions } from './engine/tracker.js';
export { createSlaTracker, restoreSlaTracker } from './engine/tracker.js';
export type { SlaIssue, SlaIssueCode, SlaPath } from './errors.js';
export { isSlaValidationError, SlaValidationError } from './errors.js';
export { compilePolicy, safeCompilePolicy } from './policy/compile.js';
export type { Condition, Matcher, Scalar } from './policy/condition.js';
export { policyJsonSchema } from './policy/jsonSchema.js';
export type {
  CalendarAt,
  CalendarRef,
  Duration,
  GoalAt,
  GoalSpec,
  MetricKind,
  MetricSpec,
  Policy,
  PolicyCalendarSpec,
  PolicySpec,
  PolicyVersionSpec,
  RestartMode,
  Target,
  TargetForm,
  Trigger,
  UnversionedPolicySpec,
  VersionedPolicySpec,
} from './policy/policy.js';
export type { CompareOptions, SlaComparison, SlaComparisonGroup } from './report/compare.js';
export { compareSlaPolicies } from './report/compare.js';
export type { MetricDiff, MetricSummary, SlaStateDiff } from './report/diff.js';
export { diffSlaStates } from './report/diff.js';
export type { ExplainOptions, TimelineSegment } from './report/explain.js';
export { explainSla } from './report/explain.js';
export type { SerializedTimelineSegment } from './report/serializeTimeline.js';
export type {
  PeriodOptions,
  PeriodUnit,
  SlaGroupSummary,
  SlaSummary,
  SummarizeOptions,
} from './report/summarize.js';
export { summarizeSla } from './report/summarize.js';
export type { Instant } from './time/instant.js';
