// Zendesk's SLA metrics as one sla-clock policy (docs/recipes.md, recipe a): first reply, next reply,
// periodic update, requester wait, agent work and full resolution, on two tickets.
import assert from 'node:assert/strict';
import { compilePolicy, computeSlaState } from 'sla-clock';

const weekday = [['09:00', '17:00']];
// Urgent tickets get round-the-clock targets; the others count New York business hours only.
const byPriority = (urgent, other) => [
  { when: { priority: 'urgent' }, target: urgent },
  { target: other, calendar: 'support' },
];
const policy = compilePolicy({
  calendars: {
    support: {
      timeZone: 'America/New_York',
      week: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
    },
  },
  metrics: {
    first_reply: { kind: 'first_response', goals: byPriority('1h', '4h') },
    next_reply: { kind: 'next_response', goals: byPriority('2h', '8h') },
    periodic_update: {
      kind: 'periodic_update',
      pauseWhen: { status: ['pending', 'hold'] },
      goals: byPriority('4h', '8h'),
    },
    requester_wait: {
      kind: 'resolution',
      pauseWhen: { status: 'pending' },
      goals: [{ target: '16h', calendar: 'support' }],
    },
    agent_work: {
      kind: 'resolution',
      pauseWhen: { status: ['pending', 'hold'] },
      goals: [{ target: '8h', calendar: 'support' }],
    },
    full_resolution: { kind: 'resolution', goals: [{ target: '5d' }] },
  },
});

const event = (type, author) => (at, attributes) => ({ type, at, attributes, ...(author && { author }) });
const [created, update] = [event('created'), event('updated')];
const [agent, customer] = [event('message', 'agent'), event('message', 'customer')];
const tickets = [
  // Normal priority, asked Monday 16:00 New York time; solved by a reply on Thursday 10:00.
  {
    id: 'Z-1',
    events: [
      created('2026-03-02T21:00:00Z', { status: 'new', priority: 'normal' }),
      agent('2026-03-03T15:30:00Z', { status: 'pending' }), // Tue 10:30: asks for logs
      customer('2026-03-03T19:00:00Z', { status: 'open' }), // Tue 14:00: sends them
      update('2026-03-03T20:00:00Z', { status: 'hold' }), // Tue 15:00: waits on engineering
      update('2026-03-04T16:00:00Z', { status: 'open' }), // Wed 11:00
      agent('2026-03-04T16:30:00Z'), // Wed 11:30: an update
      agent('2026-03-05T15:00:00Z', { status: 'solved' }), // Thu 10:00: the fix, solving the ticket
    ],
  },
  // Urgent, asked Thursday 07:30 (before business hours); the urgent goals run on 24/7.
  {
    id: 'Z-2',
    events: [
      created('2026-03-05T12:30:00Z', { status: 'new', priority: 'urgent' }),
      agent('2026-03-05T13:45:00Z', { status: 'open' }), // 08:45: first reply, 15 minutes late
      customer('2026-03-05T14:00:00Z'), // 09:00: still waiting for the next reply at `now`
    ],
  },
];
const now = '2026-03-05T18:00:00Z'; // Thursday 13:00 in New York

const clock = { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit' };
const local = new Intl.DateTimeFormat('en-GB', clock);
const when = (ms) => (ms === null ? '' : local.format(ms));
const hm = (ms) => `${Math.floor(ms / 3_600_000)}:${String((ms / 60_000) % 60).padStart(2, '0')}`;

const states = Object.fromEntries(tickets.map((t) => [t.id, computeSlaState(t, policy, { now })]));
const rows = Object.entries(states).flatMap(([id, state]) =>
  Object.entries(state.metrics).map(([metric, m]) => ({
    ticket: id,
    metric,
    status: m.breached && m.stoppedAt === null ? `${m.status}, breached` : m.status,
    cycles: m.cycles.map((c) => c.status).join(' '),
    elapsed: hm(m.elapsed),
    target: hm(m.goal.target),
    paused: hm(m.pausedFor),
    deadline: when(m.deadline),
    'breached at': when(m.breachedAt),
  })),
);
console.log(`As of ${when(Date.parse(now))} (America/New_York):`);
console.table(rows);

const hour = 3_600_000;
const summary = (id) => Object.values(states[id].metrics).map((m) => `${m.status} ${m.elapsed / hour}`);
// first_reply: Mon 16-17 + Tue 09:00-10:30; requester_wait: 18 business hours, 3.5 of them pending;
// agent_work: 10.5 business hours of work on an 8 h goal, breached on Wednesday 15:30.
assert.deepEqual(summary('Z-1'), ['met 2.5', 'met 5.5', 'met 6.5', 'met 14.5', 'breached 10.5', 'met 66']);
assert.equal(states['Z-1'].metrics.agent_work.breachedAt, Date.parse('2026-03-04T20:30:00Z'));
// The reply that solves meets the second periodic-update cycle and opens no third.
const updates = states['Z-1'].metrics.periodic_update.cycles;
assert.equal(updates.map((c) => c.elapsed / hour).join(), '1.5,6.5');
// Z-2: the first reply came 1 h 15 min after creation on a 1 h goal; the next reply is overdue;
// requester wait counts from 09:00 only; the next change is agent work's breach, Friday 09:00 + 1 ms.
const z2 = 'breached 1.25,running 4,running 4.25,running 4,running 4,running 5.5';
assert.equal(summary('Z-2').join(), z2);
assert.equal(states['Z-2'].metrics.next_reply.breached, true);
assert.equal(states['Z-2'].nextChangeAt, Date.parse('2026-03-06T14:00:00.001Z'));
