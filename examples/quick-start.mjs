import { compilePolicy, computeSlaState } from 'sla-clock';

const nineToFive = [['09:00', '17:00']];
const ny = { timeZone: 'America/New_York', week: { mon: nineToFive, tue: nineToFive } };
const policy = compilePolicy({
  calendars: { ny },
  metrics: { first_reply: { kind: 'first_response', goals: [{ target: '4h', calendar: 'ny' }] } },
});
const created = { type: 'created', at: '2026-03-02T20:00:00Z' }; // Monday 15:00 in New York
const { metrics } = computeSlaState([created], policy, { now: '2026-03-03T15:00:00Z' }); // Tuesday 10:00
console.log(metrics.first_reply.status, metrics.first_reply.elapsed / 3_600_000); // running 3
console.log(new Date(metrics.first_reply.deadline).toISOString()); // 2026-03-03T16:00:00.000Z: Tuesday 11:00
