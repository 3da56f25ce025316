/**
 * Every goal's `calendar` names a calendar of the policy or `"24/7"` (docs/policy.md). Checked on
 * the caller's own spec once the schema has accepted its shape, so a calendar named like an
 * `Object.prototype` member (`"__proto__"`, `"constructor"`) is found by its own key and nothing
 * else.
 */
import type { SlaIssue } from '../errors.js';
import { expected, expectedGot } from '../messages.js';
import type { PolicySpec } from './policy.js';

/** The issues of goal calendars that name no calendar (empty when all are defined). */
export function calendarReferenceIssues(spec: PolicySpec): SlaIssue[] {
  const calendars = spec.calendars ?? {};
  const issues: SlaIssue[] = [];
  for (const [name, metric] of Object.entries(spec.metrics)) {
    metric.goals.forEach((goal, index) => {
      const calendar = goal.calendar;
      if (calendar === undefined || calendar === '24/7' || Object.hasOwn(calendars, calendar)) return;
      const path = ['metrics', name, 'goals', index, 'calendar'];
      issues.push({
        code: 'invalid_value',
        path,
        message: expectedGot('policy', path, expected.calendarRef, calendar),
      });
    });
  }
  return issues;
}
