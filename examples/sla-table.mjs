// Five hand-written sample tickets (examples/data/tickets.json) through the sample policy
// (examples/data/policy.json: business hours in New York and Berlin, tiers and priorities),
// printed as a table of every SLA clock at one instant.
import { readFileSync } from 'node:fs';
import { compilePolicy, computeSlaStates } from 'sla-clock';

const read = (name) => JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8'));
const policy = compilePolicy(read('policy.json'));
const tickets = read('tickets.json');
const now = '2026-03-06T21:00:00Z';

const minutes = (ms) =>
  ms === null
    ? ''
    : `${ms < 0 ? '-' : ''}${Math.floor(Math.abs(ms) / 3_600_000)}h${String(Math.floor((Math.abs(ms) % 3_600_000) / 60_000)).padStart(2, '0')}`;
const iso = (ms) => (ms === null ? '' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

const rows = [];
for (const state of computeSlaStates(tickets, policy, { now })) {
  for (const [metric, clock] of Object.entries(state.metrics)) {
    if (clock.status === 'inactive') continue;
    rows.push({
      ticket: state.ticketId,
      metric,
      status: clock.breached && clock.status !== 'breached' ? `${clock.status}, breached` : clock.status,
      goal: clock.goal ? `${minutes(clock.goal.target)} ${clock.goal.calendar}` : 'none',
      elapsed: minutes(clock.elapsed),
      remaining: minutes(clock.remaining),
      'deadline (UTC)': iso(clock.deadline ?? clock.breachedAt),
      warnings: clock.warnings
        .filter((w) => w.reached)
        .map((w) => w.threshold)
        .join(' '),
      cycles: clock.cycles.length,
    });
  }
}
console.log(
  `Every SLA clock at ${now} (${tickets.length} tickets, policy metrics: ${policy.metricNames.join(', ')})\n`,
);
console.table(rows);
