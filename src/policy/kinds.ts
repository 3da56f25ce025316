/**
 * The metric kinds and their defaults (docs/policy.md, "The kinds"), modelled on the metrics
 * Zendesk, Jira Service Management, ServiceNow and GLPI users know.
 */
import type { Condition } from './condition.js';
import type { GoalAt, MetricKind, RestartMode, TriggerRule } from './policy.js';

/** The index of `resolvedWhen` among a policy's edge conditions. */
export const resolvedCondition = 0;

interface KindDefaults {
  readonly start: readonly TriggerRule[];
  readonly stop: readonly TriggerRule[];
  readonly cancel: readonly TriggerRule[];
  readonly restart: RestartMode;
  /** A default pause, replaced by a given `pauseWhen` and removed by `pauseWhen: null`. */
  readonly pauseWhen?: Condition;
  /** `ownership`: the owner field is the key of every cycle, and a stint is judged by its own owner. */
  readonly keyField?: string;
  readonly goalAt?: GoalAt;
}

const resolved: TriggerRule = { type: 'when', condition: resolvedCondition };

/**
 * The defaults of each kind; `custom` has none (its start and stop are required). `ownerSlot` is
 * the attribute slot of the `ownership` kind's field.
 */
export function kindDefaults(kind: MetricKind, ownerField = 'group', ownerSlot = -1): KindDefaults {
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
    case 'ownership':
      // Zendesk's group SLA (ownership time), GLPI's and ServiceNow's OLAs: a reassignment stops
      // the owner's stint and starts the next owner's at the same instant.
      return {
        start: [{ type: 'owner_start', slot: ownerSlot }],
        stop: [{ type: 'changed', slot: ownerSlot }, resolved],
        cancel: [],
        restart: 'new_cycle',
        keyField: ownerField,
        goalAt: 'before_stop',
      };
    case 'requester_wait':
      // Zendesk's requester wait time: resolution, not counting while pending.
      return { ...kindDefaults('resolution'), pauseWhen: { status: 'pending' } };
    case 'agent_work':
      // Zendesk's agent work time: resolution, not counting while waiting on the customer or a third party.
      return { ...kindDefaults('resolution'), pauseWhen: { status: ['pending', 'hold', 'on_hold'] } };
    case 'pausable_update':
      // Zendesk's pausable update: periodic update that does not count while pending.
      return { ...kindDefaults('periodic_update'), pauseWhen: { status: 'pending' } };
  }
}
