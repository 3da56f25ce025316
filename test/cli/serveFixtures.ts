/** What the serve lifecycle and cluster tests share: a policy by target, a ticket, its state line. */
import { computeSlaState, type PolicySpec, serializeSlaState, type Ticket } from '../../src/index.js';

export const policyOf = (target: string): PolicySpec => ({
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target }] },
    resolution: { kind: 'resolution', goals: [{ target: '1d' }] },
  },
});

export const now = '2026-03-04T20:00:00Z';

export const ticket = (id: string | number): Ticket => ({
  id,
  events: [{ type: 'created', at: '2026-03-04T18:00:00Z', attributes: { status: 'new' } }],
});

/** The line sla-clock writes for `one` under `spec` at `now`. */
export const stateLine = (one: Ticket, spec: PolicySpec): string =>
  JSON.stringify(serializeSlaState(computeSlaState(one, spec, { now })));
