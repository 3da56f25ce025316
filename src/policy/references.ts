/**
 * Names inside a policy that must name something the policy defines (docs/policy.md): a goal's
 * calendar (or an attribute reference's `default`) names a calendar or `"24/7"`; a calendar's
 * `holidaySets` name sets of `policy.holidaySets`. Checked on the caller's own spec once the
 * schema has accepted its shape, so a name like an `Object.prototype` member (`"__proto__"`,
 * `"constructor"`) is found by its own key and nothing else.
 */
import type { SlaIssue } from '../errors.js';
import * as expected from '../expected.js';
import { expectedGot } from '../messages.js';
import type { UnversionedPolicySpec } from './policy.js';

/** The issues of names that name nothing (empty when all are defined). */
export function referenceIssues(spec: UnversionedPolicySpec): SlaIssue[] {
  const calendars = spec.calendars ?? {};
  const holidaySets = spec.holidaySets ?? {};
  const issues: SlaIssue[] = [];
  const refuse = (path: (string | number)[], what: string, value: unknown) =>
    issues.push({ code: 'invalid_value', path, message: expectedGot('policy', path, what, value) });
  const isCalendar = (name: string) => name === '24/7' || Object.hasOwn(calendars, name);

  for (const [name, calendar] of Object.entries(calendars)) {
    if (calendar === '24/7') continue;
    (calendar.holidaySets ?? []).forEach((set, index) => {
      if (!Object.hasOwn(holidaySets, set))
        refuse(['calendars', name, 'holidaySets', index], expected.holidaySetName, set);
    });
  }
  for (const [name, metric] of Object.entries(spec.metrics)) {
    metric.goals.forEach((goal, index) => {
      const calendar = goal.calendar;
      if (calendar === undefined) return;
      const path = ['metrics', name, 'goals', index, 'calendar'];
      if (typeof calendar === 'string') {
        if (!isCalendar(calendar)) refuse(path, expected.calendarRef, calendar);
      } else if (!isCalendar(calendar.default)) {
        refuse([...path, 'default'], expected.calendarDefault, calendar.default);
      }
    });
  }
  return issues;
}
