import { compilePolicy, computeSlaState } from 'sla-clock';

const policy = compilePolicy({
  calendars: {
    ny: { timeZone: 'America/New_York', week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] } },
  },
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target: '4h', calendar: 'ny' }], warnings: ['75%'] },
  },
});
const ticket = {
  id: 'T-1',
  events: [{ type: 'created', at: '2026-03-02T20:00:00Z', attributes: { status: 'new' } }],
};
const { metrics } = computeSlaState(ticket, policy, { now: '2026-03-03T15:00:00Z' }); // Mon 15:00 -> Tue 10:00 in New York
console.log(metrics.first_reply.status, metrics.first_reply.elapsed / 3_600_000); // running 3
console.log(new Date(metrics.first_reply.deadline).toISOString()); // 2026-03-03T16:00:00.000Z: Tuesday 11:00
