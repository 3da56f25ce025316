// Jira Service Management-style SLA goals (docs/recipes.md, recipe b): custom clocks whose start,
// stop and pause are conditions on the status, goals by priority, and several cycles per ticket.
import assert from 'node:assert/strict';
import { compilePolicy, computeSlaState } from 'sla-clock';

const weekday = [['09:00', '17:00']];
const sydney = (target, when) => ({ ...(when && { when }), target, calendar: 'sydney' });
const policy = compilePolicy({
  calendars: {
    sydney: {
      timeZone: 'Australia/Sydney',
      week: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
    },
  },
  metrics: {
    time_to_first_response: {
      kind: 'custom',
      start: { on: 'created' },
      stop: [{ on: 'agent_message' }, { when: { status: ['waiting_for_customer', 'resolved', 'closed'] } }],
      restart: 'never',
      goals: [sydney('1h', { priority: ['highest', 'high'] }), sydney('4h')],
    },
    time_to_resolution: {
      kind: 'custom',
      // Fires at creation and at every reopen: each reopen opens a new cycle (restart: "new_cycle").
      start: { when: { status: { not: ['resolved', 'closed'] } } },
      stop: { when: { status: ['resolved', 'closed'] } },
      pauseWhen: { status: 'waiting_for_customer' },
      goals: [sydney('4h', { priority: 'highest' }), sydney('8h', { priority: 'high' }), sydney('16h')],
    },
    time_waiting_for_support: {
      kind: 'custom',
      start: { when: { status: 'waiting_for_support' } },
      stop: { when: { status: { not: 'waiting_for_support' } } },
      goals: [sydney('30m', { priority: ['highest', 'high'] }), sydney('2h')],
    },
  },
});

const event = (type, author) => (at, attributes) => ({ type, at, attributes, ...(author && { author }) });
const [created, update] = [event('created'), event('updated')];
const [agent, customer] = [event('message', 'agent'), event('message', 'customer')];
const tickets = [
  {
    id: 'J-1',
    events: [
      created('2026-03-02T10:00:00+11:00', { status: 'waiting_for_support', priority: 'medium' }),
      update('2026-03-02T11:30:00+11:00', { status: 'in_progress' }),
      agent('2026-03-02T12:00:00+11:00', { status: 'waiting_for_customer' }), // asks a question
      customer('2026-03-03T10:00:00+11:00', { status: 'waiting_for_support' }),
      update('2026-03-03T10:20:00+11:00', { status: 'in_progress' }),
      update('2026-03-03T15:00:00+11:00', { status: 'resolved' }),
      // Wednesday: it is back, and now it matters more.
      customer('2026-03-04T09:30:00+11:00', { status: 'waiting_for_support', priority: 'high' }),
      update('2026-03-04T11:00:00+11:00', { status: 'in_progress' }),
    ],
  },
  {
    id: 'J-2',
    events: [
      created('2026-03-04T16:30:00+11:00', { status: 'waiting_for_support', priority: 'highest' }),
      agent('2026-03-05T09:10:00+11:00', { status: 'in_progress' }),
    ],
  },
];
const now = '2026-03-05T10:00:00+11:00'; // Thursday 10:00 in Sydney

const clock = { timeZone: 'Australia/Sydney', weekday: 'short', hour: '2-digit', minute: '2-digit' };
const local = new Intl.DateTimeFormat('en-GB', clock);
const when = (ms) => (ms === null ? '' : local.format(ms));
const hours = (ms) => +(ms / 3_600_000).toFixed(2);

const states = Object.fromEntries(tickets.map((t) => [t.id, computeSlaState(t, policy, { now })]));
const rows = Object.entries(states).flatMap(([id, state]) =>
  Object.entries(state.metrics).flatMap(([metric, m]) =>
    m.cycles.map((c, index) => ({
      ticket: id,
      metric,
      cycle: index,
      status: c.breached && c.stoppedAt === null ? `${c.status}, breached` : c.status,
      'goal (h)': hours(c.goal.target),
      'elapsed (h)': hours(c.elapsed),
      'paused (h)': hours(c.pausedFor),
      from: when(c.startedAt),
      to: when(c.stoppedAt),
      'breached at': when(c.breachedAt),
    })),
  ),
);
console.log(`As of ${when(Date.parse(now))} (Australia/Sydney), business hours Mon-Fri 09:00-17:00:`);
console.table(rows);

const cycles = (id, metric) =>
  states[id].metrics[metric].cycles.map((c) => `${c.status} ${hours(c.elapsed)}/${hours(c.goal.target)}`);
// J-1's first resolution cycle is final, with the medium goal; the reopen opened a second one, on the
// high goal, breached Thursday 09:30 (8 business hours from Wednesday 09:30).
assert.deepEqual(cycles('J-1', 'time_to_resolution'), ['met 7/16', 'running 8.5/8']);
const resolution = states['J-1'].metrics.time_to_resolution;
assert.equal(resolution.cycles[0].pausedFor, 22 * 3_600_000); // waiting for the customer: Mon 12 to Tue 10
assert.equal(resolution.breachedAt, Date.parse('2026-03-05T09:30:00+11:00'));
assert.equal(resolution.breachedCycles, 1);
assert.deepEqual(cycles('J-1', 'time_waiting_for_support'), ['met 1.5/2', 'met 0.33/2', 'breached 1.5/0.5']);
assert.deepEqual(cycles('J-1', 'time_to_first_response'), ['met 2/4']);
// J-2 (highest), created 30 minutes before closing: answered after 40 business minutes. Its 30-minute
// triage goal ran out at Wednesday 17:00, so the breach is dated when counting resumed, Thursday 09:00.
assert.deepEqual(cycles('J-2', 'time_to_first_response'), ['met 0.67/1']);
assert.deepEqual(cycles('J-2', 'time_waiting_for_support'), ['breached 0.67/0.5']);
const j2 = states['J-2'].metrics;
assert.equal(j2.time_waiting_for_support.breachedAt, Date.parse('2026-03-05T09:00:00+11:00'));
assert.equal(j2.time_to_resolution.deadline, Date.parse('2026-03-05T12:30:00+11:00')); // Wed 0.5 + Thu 3.5
