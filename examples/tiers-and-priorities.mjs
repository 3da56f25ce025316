// Goals chosen by tier, region and priority, on business calendars in two zones (docs/recipes.md,
// recipe c). The first goal whose `when` matches applies; a free-tier ticket matches none.
import assert from 'node:assert/strict';
import { compilePolicy, computeSlaState } from 'sla-clock';

const days = (hours) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const policy = compilePolicy({
  calendars: {
    berlin: { timeZone: 'Europe/Berlin', week: days([['08:00', '18:00']]) },
    new_york: { timeZone: 'America/New_York', week: days([['09:00', '17:00']]) },
  },
  metrics: {
    first_reply: {
      kind: 'first_response',
      goals: [
        { when: { tier: 'enterprise', priority: ['urgent', 'high'] }, target: '30m' },
        { when: { tier: 'enterprise', region: 'emea' }, target: '2h', calendar: 'berlin' },
        { when: { tier: 'enterprise' }, target: '2h', calendar: 'new_york' },
        { when: { tier: 'business', region: 'emea' }, target: '8h', calendar: 'berlin' },
        { when: { tier: 'business' }, target: '8h', calendar: 'new_york' },
      ],
    },
    resolution: {
      kind: 'resolution',
      pauseWhen: { status: 'pending' },
      goals: [
        { when: { tier: 'enterprise', priority: 'urgent' }, target: '8h' },
        { when: { tier: ['enterprise', 'business'], region: 'emea' }, target: '40h', calendar: 'berlin' },
        { when: { tier: ['enterprise', 'business'] }, target: '40h', calendar: 'new_york' },
      ],
    },
  },
});

const ticket = (id, at, attributes, events = []) => ({
  id,
  events: [{ type: 'created', at, attributes: { status: 'new', ...attributes } }, ...events],
});
const reply = (at) => ({ type: 'message', author: 'agent', at });
const update = (at, attributes) => ({ type: 'updated', at, attributes });
const enterprise = { tier: 'enterprise', priority: 'normal' };
const tickets = [
  // Friday 17:00 in Berlin, one business hour before the weekend; answered Monday 08:30.
  ticket('EU-1', '2026-03-06T16:00:00Z', { ...enterprise, region: 'emea' }, [reply('2026-03-09T07:30:00Z')]),
  // Friday 16:00 in New York; on Monday someone notices it is urgent: the 30-minute 24/7 goal now
  // applies to the whole open cycle, which had breached on Friday.
  ticket('US-1', '2026-03-06T21:00:00Z', { ...enterprise, region: 'amer' }, [
    update('2026-03-09T13:30:00Z', { priority: 'urgent' }),
  ]),
  // Same hour, business tier: 8 New York business hours, across the switch to daylight saving time.
  ticket('US-2', '2026-03-06T21:00:00Z', { tier: 'business', region: 'amer' }),
  // Free tier: no goal matches; time is measured on 24/7, there is no deadline and no breach.
  ticket('FREE-1', '2026-03-06T21:00:00Z', { tier: 'free' }),
];
const now = '2026-03-09T15:00:00Z'; // Monday 16:00 in Berlin, 11:00 in New York (EDT since Sunday)

// Each instant in its goal's zone ("24/7" has none: UTC).
const clock = { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'shortOffset' };
const format = (calendar, ms) => {
  const timeZone = policy.calendars[calendar]?.timeZone ?? 'UTC';
  return ms === null ? '' : new Intl.DateTimeFormat('en-GB', { ...clock, timeZone }).format(ms);
};
const hours = (ms) => +(ms / 3_600_000).toFixed(2);

const states = Object.fromEntries(tickets.map((t) => [t.id, computeSlaState(t, policy, { now })]));
const rows = Object.entries(states).flatMap(([id, state]) =>
  Object.entries(state.metrics).map(([metric, m]) => ({
    ticket: id,
    metric,
    goal: m.goal ? `#${m.goal.index}: ${hours(m.goal.target)} h on ${m.goal.calendar}` : 'none',
    status: m.breached && m.stoppedAt === null ? `${m.status}, breached` : m.status,
    'elapsed (h)': hours(m.elapsed),
    deadline: format(m.goal?.calendar, m.deadline),
    'breached at': format(m.goal?.calendar, m.breachedAt),
  })),
);
console.log('As of Monday 2026-03-09 16:00 in Berlin, 11:00 in New York:');
console.table(rows);

const { 'EU-1': eu1, 'US-1': us1, 'US-2': us2, 'FREE-1': free1 } = states;
assert.deepEqual(eu1.metrics.first_reply.goal, {
  index: 1,
  target: 2 * 3_600_000,
  calendar: 'berlin',
  timeZone: 'Europe/Berlin',
  form: 'duration',
});
assert.equal(eu1.metrics.first_reply.status, 'met'); // Fri 17-18 + Mon 08:00-08:30 Berlin
assert.equal(hours(eu1.metrics.first_reply.elapsed), 1.5);
assert.equal(eu1.metrics.resolution.deadline, Date.parse('2026-03-12T16:00:00Z')); // Thu 17:00 Berlin
assert.equal(us1.metrics.first_reply.goal.index, 0); // urgent now: the whole cycle is judged on 30 min
assert.equal(us1.metrics.first_reply.breachedAt, Date.parse('2026-03-06T21:30:00Z'));
assert.equal(us1.metrics.resolution.deadline, Date.parse('2026-03-07T05:00:00Z')); // 8 h on 24/7
// US-2: Fri 16-17 EST, then Mon 09:00 EDT (13:00Z, not 14:00Z) + 7 h.
assert.equal(us2.metrics.first_reply.deadline, Date.parse('2026-03-09T20:00:00Z'));
assert.equal(hours(us2.metrics.first_reply.elapsed), 3);
assert.equal(free1.metrics.first_reply.goal, null);
assert.equal(hours(free1.metrics.first_reply.elapsed), 66); // Fri 21:00Z to Mon 15:00Z on 24/7
assert.equal(free1.nextChangeAt, null);
