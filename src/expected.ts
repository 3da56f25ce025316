/**
 * What each input is expected to be: the "expected ..." half of every message of the library
 * (src/messages.ts renders the whole message). One export per text, imported as a namespace
 * (`import * as expected from './expected.js'`), so that a bundler keeps only the texts of the
 * functions an app uses (docs/runtimes.md, "Bundle size").
 */
import { formatInstant } from './time/instant.js';

export const instant =
  'an instant: an integer epoch-ms number, a valid Date, or an RFC 3339 string with an offset such as "2026-03-02T09:00:00Z"';
export const instantInRange = 'an instant from 1900-01-01T00:00:00Z to 2200-12-31T23:59:59.999Z';
export const duration =
  'a duration such as "4h", "1h30m" or "PT4H", or a non-negative integer number of milliseconds';
export const signedMs = 'a finite integer number of milliseconds';
export const timeZone = 'an IANA time zone such as "Europe/Berlin", "America/New_York" or "UTC"';
export const localTime = 'a local time "HH:MM" or "HH:MM:SS" from "00:00" to "24:00"';
export const startTime =
  'a local start time "HH:MM" or "HH:MM:SS" from "00:00" to "23:59:59" ("24:00" is only an end)';
export const localDate = 'a local date "YYYY-MM-DD" from 1900-01-01 to 2200-12-31';
export const interval = 'an interval [start, end] of two local times such as ["09:00", "17:00"]';
export const nonEmptyInterval =
  'an interval whose start and end differ (equal ends are ambiguous: use ["00:00", "24:00"] for a whole day)';
export const calendarSpec = '"24/7" or a calendar object { timeZone, week, holidays?, overrides? }';
export const uniqueOverrideDate = 'at most one override per date';
export const holidayEntry =
  'a holiday: a local date "YYYY-MM-DD", a yearly "--MM-DD" or a range "YYYY-MM-DD/YYYY-MM-DD", of dates that exist from 1900 to 2200';
export const holidayRange =
  'a holiday range "YYYY-MM-DD/YYYY-MM-DD" that does not end before it starts, of at most 366 dates';
export const holidayEntries =
  'an array of holidays such as ["2026-12-25", "--01-01", "2026-12-24/2026-12-31"]';
export const holidaySetName = 'the name of a holiday set defined in policy.holidaySets';
export const holidaySetNames = 'an array of names of holiday sets defined in policy.holidaySets';
export const holidaySets = 'an object of named holiday lists { name: ["2026-12-25", "--01-01", ...] }';
export const attributeName = 'an attribute name (a string)';
export const zoneSource =
  'a time zone from an attribute { attribute, default }, whose default is an IANA time zone';
export const policyCalendarSpec =
  '"24/7" or a calendar object { timeZone, week, holidays?, holidaySets?, overrides? }, where timeZone may be { attribute, default }';
export const calendarSource = 'a calendar name, or a calendar from an attribute { attribute, default }';
export const calendarDefault =
  'the name of a calendar defined in policy.calendars, or "24/7" (the calendar used when the attribute names none)';
export const calendarAt = '"goal", "start" or "piecewise"';
export const businessDays = 'a whole number of business days from 0 to 3650';
export const targetForm =
  'a target: a duration such as "4h", { businessDays, by?, cutoff? }, { until: attribute } or { attribute: attribute }';
export const pauseWhen = "a condition, or null to remove the kind's default pause";
export const ownerField = 'no field: only the "ownership" kind has an owner field';
export const versionFrom =
  'the instant a version applies from: an RFC 3339 string with an offset or integer epoch ms, from 1900 to 2200';
export const version = 'a version { from, policy }';
export const versions = 'a non-empty array of versions { from, policy }';
export const versionSelect = '"created" or "now"';
export const versionedPolicy = 'a versioned policy { versions, select? }';
export const increasingFrom =
  'a "from" later than the previous version\'s (versions in strictly increasing order)';
export const goalAt = '"after_stop" or "before_stop"';
export const hostCalendar = 'a calendar returned by compileCalendar(spec), or undefined for none';
export const hostCalendars =
  'an object of calendars { name: compileCalendar(spec) } or a function (name) => calendar | undefined';
export const compiledCalendar = 'a calendar returned by compileCalendar(spec)';
export const matcher =
  'a matcher: a string, number, boolean or null, an array of them, { not: ... } or { exists: true | false }';
export const condition =
  'a condition: { field: matcher, ... }, { all: [...] }, { any: [...] } or { not: condition }';
export const conditions = 'an array of conditions';
export const fieldName =
  'a field name other than "all", "any" and "not" (each of those must be the only key of its object)';
export const trigger =
  'a trigger { on: "created" | "customer_message" | "agent_message" }, { when: condition } or { changed: attribute }';
export const triggers = 'a trigger or an array of triggers';
export const triggerOn = '"created", "customer_message" or "agent_message"';
export const target = 'a duration such as "4h" or "PT4H", more than 0 and at most 100 years';
export const warning = 'a warning such as "75%", "-15m" (before the target is used up) or "+1h" (past it)';
export const warnings = 'an array of warnings such as ["75%", "-15m", "+1h"]';
export const uniqueWarning = 'no duplicate warnings ("75%" = "75.0%", "-15m" = "-PT15M")';
export const kind =
  '"first_response", "next_response", "periodic_update", "resolution", "custom", "ownership", "requester_wait", "agent_work" or "pausable_update"';
export const restart = '"never", "resume" or "new_cycle"';
export const goal = 'a goal { when?, target, calendar? }';
export const goals = 'a non-empty array of goals { when?, target, calendar? }';
export const calendarRef = 'the name of a calendar defined in policy.calendars, or "24/7"';
export const calendarName = 'a calendar name other than "24/7" (which is always defined)';
export const calendars = 'an object of named calendars { name: calendar }';
export const metricName = 'a metric name that is not integer-like (integer keys would reorder the output)';
export const metrics = 'an object of named metrics { name: metric }';
export const customTrigger = 'a trigger: a custom metric has no default start or stop';
export const metric =
  'a metric { kind, goals, start?, stop?, cancel?, pauseWhen?, restart?, warnings?, calendarAt?, goalAt?, keyBy?, field? }';
export const policy = 'a policy { calendars?, holidaySets?, resolvedWhen?, metrics }';
export const compiledPolicy = 'a policy spec or a policy returned by compilePolicy(spec)';
export const ticket = 'a ticket { id, events } or an array of events';
export const ticketId = 'a string or a safe integer id';
export const events = 'an array of events';
export const event = 'an event { type, at, ... }';
export const eventType = '"created", "updated" or "message"';
export const author = '"customer", "agent" or "system"';
export const publicFlag = 'true or false (default true)';
export const attributes = 'an object of attributes { name: string | number | boolean | null }';
export const attributeValue = 'a string, a finite number, a boolean or null';
export const oneCreated = 'exactly one "created" event';
export const createdFirst = 'an instant at or after the "created" event';
export const options = 'options { now }';
export const explainOptions = 'options { now, metric, cycle? }';
export const summarizeOptions = 'options { groupBy?, period? }, or nothing';
export const period = 'a period { unit: "day" | "week" | "month", timeZone, by?: "start" | "end" }';
export const periodUnit = '"day", "week" or "month"';
export const periodBy = '"start" or "end" (default "start")';
export const periodInstant =
  'an integer epoch-ms number from 1900-01-01T00:00:00Z to 2200-12-31T23:59:59.999Z (the instant that places a cycle in its period)';
export const groupBy =
  'an attribute name (a string), a function (state) => string | number | boolean | null, { cycleKey: true } or { policyVersion: true }';
export const policyVersion = 'a policy version index (a number) or null';
export const firstCreated = '"created": a tracker\'s first event is the ticket\'s creation';
export const inOrder = (latestMs: number) =>
  `an instant at or after the latest pushed event (${formatInstant(latestMs)}): events are pushed in time order`;
export const trackerEmpty = 'tracker: no event pushed yet; push the "created" event first';
export const trackerOptions = 'options { ticketId?, calendars? }, or nothing';
export const trackerTicketId = 'a ticket id: a string or a safe integer';
export const compiledPolicyOnly =
  'a policy returned by compilePolicy(spec) (a tracker runs a compiled policy)';
export const snapshot = 'a snapshot returned by tracker.snapshot()';
export const snapshotVersion = (version: number) =>
  `format version ${version} (a snapshot of this version of sla-clock)`;
export const samePolicy = (fingerprint: string) =>
  `the fingerprint of the policy it is restored with (${fingerprint}): restore a snapshot with the policy it was taken with`;
export const snapshotChecksum = "the checksum of the snapshot's content: it was changed after it was taken";
export const snapshotValues = (length: number) => `an array of ${length} attribute values`;
export const snapshotCycle = 'a cycle as a tracker records it';
export const groupKey = 'a group key: a string, a number, a boolean or null (undefined counts as null)';
export const tickets = 'an iterable of tickets, such as an array or a generator (not a string)';
export const states =
  'an iterable of states from computeSlaState, such as an array or a generator (not a string)';
export const state = 'a state returned by computeSlaState';
export const stateMetrics = 'an object of metric states { name: metric state }';
export const stateAttributes = 'an object of attributes { name: string | number | boolean | null }';
export const metricState = 'a metric state { status, cycles, ... }';
export const cycleStates = 'an array of cycle states';
export const cycleState = 'a cycle state { status, elapsed, ... }';
export const cycleStatus = '"running", "paused", "met", "breached", "cancelled" or "stopped"';
export const elapsedMs = 'a number of milliseconds';
export const stateNow = 'an integer epoch-ms number';
export const stateInstant = 'an integer epoch-ms number or null';
export const nextDeadline = 'a next deadline { metric, at } or null';
export const warningStates = 'an array of warnings { threshold, at, reached }';
export const warningState = 'a warning { threshold, at, reached }';
export const issues = 'an array of issues { code, path, message } (code and message strings, path an array)';
export const metricOfPolicy = 'the name of a metric of the policy';
export const cycleIndex = 'the index of a cycle of the metric';
export const shallow = 'at most 64 levels of nesting';
export const tableOptions = 'options { from, to } with two instants, to at or after from';
export const tableToAfterFrom = (fromIso: string) => `an instant at or after options.from (${fromIso})`;
export const tableRows = (maxRows: number, fromIso: string) =>
  `an instant that leaves at most ${maxRows} open stretches (rows) between options.from (${fromIso}) and it: ask for a shorter range`;
export const stringifyOptions = 'options { cycles?: "all" | "latest" }';
export const stringifyCycles = '"all" or "latest"';
