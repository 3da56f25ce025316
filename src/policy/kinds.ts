/**
 * The five metric kinds and their defaults (SPEC.md section 6's table), modelled on the metrics
 * Zendesk, Jira Service Management and ServiceNow users know.
 */
import type { MetricKind, RestartMode, TriggerRule } from './policy.js';

/** The index of `resolvedWhen` among a policy's edge conditions. */
export const resolvedCondition = 0;

interface KindDefaults {
  readonly start: readonly TriggerRule[];
  readonly stop: readonly TriggerRule[];
  readonly cancel: readonly TriggerRule[];
  readonly restart: RestartMode;
}

const resolved: TriggerRule = { type: 'when', condition: resolvedCondition };

/** The defaults of each kind; `custom` has none (its start and stop are required). */
export function kindDefaults(kind: MetricKind): KindDefaults {
  switch (kind) {
    case 'first_response':
      // Zendesk's first reply time; after a cancel (solved unanswered), a reopen starts it again.
      return {
        start: [{ type: 'created' }, { type: 'reopen_unanswered' }],
        stop: [{ type: 'agent_message' }],
        cancel: [resolved],
        restart: 'never',
      };
    case 'next_response':
      // Zendesk's next reply time: each customer message after the first answer opens a cycle.
      return {
        start: [{ type: 'customer_message_answered_before' }],
        stop: [{ type: 'agent_message' }],
        cancel: [resolved],
        restart: 'new_cycle',
      };
    case 'periodic_update':
      // Zendesk's periodic update: every public agent message ends one cycle and opens the next.
      return {
        start: [{ type: 'agent_message' }],
        stop: [{ type: 'agent_message' }],
        cancel: [resolved],
        restart: 'new_cycle',
      };
    case 'resolution':
      // Full resolution time: a reopen resumes the same cycle, as Zendesk and Jira do.
      return {
        start: [{ type: 'created' }, { type: 'reopen' }],
        stop: [resolved],
        cancel: [],
        restart: 'resume',
      };
    case 'custom':
      return { start: [], stop: [], cancel: [], restart: 'new_cycle' };
  }
}
