// Whose hours (docs/recipes.md, recipes g to j): calendars chosen from the ticket. The customer's
// zone from an attribute (g), the owning group's hours with shared holidays (h), each agent's own
// schedule kept by the host (i), and each stretch counted on the schedule of its owner (j).
import assert from 'node:assert/strict';
import { businessTimeBetween, compileCalendar, compilePolicy, computeSlaState } from 'sla-clock';

const hour = 3_600_000;
const hours = (ms) => +(ms / hour).toFixed(2);
const days = (hours) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
const nineToFive = days([['09:00', '17:00']]);
const created = (at, attributes) => ({ type: 'created', at, attributes: { status: 'open', ...attributes } });
const at = (iso) => Date.parse(iso);
// An instant in a zone, as "Mon 9 Mar, 11:00" (the zone as the output reports it, or UTC).
const local = (ms, timeZone) =>
  ms === null
    ? ''
    : new Intl.DateTimeFormat('en-GB', {
        timeZone: timeZone ?? 'UTC',
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }).format(ms);
const utc = (ms) => (ms === null ? '' : new Date(ms).toISOString().slice(5, 16).replace('T', ' '));
const status = (m) => (m.breached && m.stoppedAt === null ? `${m.status}, breached` : m.status);

// g. The customer's business hours in the customer's zone (ServiceNow: "the caller's time zone").
// One template calendar; its zone comes from the ticket's `customer_tz`, else UTC. Like ServiceNow,
// which stores the zone when the SLA attaches, the zone is decided at the start of the cycle.
const customerPolicy = (calendarAt) =>
  compilePolicy({
    calendars: {
      customer_hours: { timeZone: { attribute: 'customer_tz', default: 'UTC' }, week: nineToFive },
    },
    metrics: {
      first_reply: {
        kind: 'first_response',
        calendarAt,
        goals: [{ target: '4h', calendar: 'customer_hours' }],
      },
      resolution: { kind: 'resolution', calendarAt, goals: [{ target: '12h', calendar: 'customer_hours' }] },
    },
  });
const customers = customerPolicy('start');
// Four tickets at the same instant: Friday 2026-03-06 20:00Z, 15:00 in New York. New York switches
// to daylight saving time on Sunday 2026-03-08; Berlin three weeks later; India never.
const friday = '2026-03-06T20:00:00Z';
const mondayMorning = '2026-03-09T11:30:00Z';
const zones = { 'G-1': 'America/New_York', 'G-2': 'Europe/Berlin', 'G-3': 'Asia/Kolkata', 'G-4': '+05:30' };
const g = Object.fromEntries(
  Object.entries(zones).map(([id, customer_tz]) => [
    id,
    computeSlaState({ id, events: [created(friday, { customer_tz })] }, customers, { now: mondayMorning }),
  ]),
);
console.log('g. The customer’s hours in the customer’s zone, at Monday 2026-03-09 11:30Z:');
console.table(
  Object.entries(g).map(([id, { metrics }]) => ({
    ticket: id,
    customer_tz: zones[id],
    'goal.timeZone': metrics.first_reply.goal.timeZone,
    'first reply (h)': hours(metrics.first_reply.elapsed),
    status: status(metrics.first_reply),
    'due (local)': local(metrics.first_reply.deadline, metrics.first_reply.goal.timeZone),
    'due (UTC)': utc(metrics.first_reply.deadline),
    'resolution due (local)': local(metrics.resolution.deadline, metrics.resolution.goal.timeZone),
  })),
);
// G-1: Friday 15:00-17:00 EST (2 h); Monday opens at 09:00 EDT, 13:00Z (an hour earlier in UTC than
// on Friday): the other 2 h end at 11:00 EDT, 15:00Z.
assert.equal(g['G-1'].metrics.first_reply.elapsed, 2 * hour);
assert.equal(g['G-1'].metrics.first_reply.deadline, at('2026-03-09T15:00:00Z'));
assert.equal(g['G-1'].metrics.resolution.deadline, at('2026-03-10T15:00:00Z'));
// G-2: closed on Friday evening in Berlin; Monday 09:00-12:30 CET counted; due 13:00 CET.
assert.equal(g['G-2'].metrics.first_reply.elapsed, 3.5 * hour);
assert.equal(g['G-2'].metrics.first_reply.deadline, at('2026-03-09T12:00:00Z'));
// G-3: India's Monday (03:30-11:30Z) is over: 8 h counted, breached at 13:00 IST.
assert.equal(g['G-3'].metrics.first_reply.elapsed, 8 * hour);
assert.equal(g['G-3'].metrics.first_reply.breachedAt, at('2026-03-09T07:30:00Z'));
// G-4: "+05:30" is an offset, not a zone: the default, UTC, applies (09:00-11:30Z).
assert.equal(g['G-4'].metrics.first_reply.goal.timeZone, 'UTC');
assert.equal(g['G-4'].metrics.first_reply.elapsed, 2.5 * hour);
assert.equal(g['G-4'].metrics.first_reply.deadline, at('2026-03-09T13:00:00Z'));
// Resolution, 12 h: Tuesday 13:00 on each customer's clock (11:00 in New York, 2 h counted on Friday).
assert.deepEqual(
  Object.values(g).map((state) => utc(state.metrics.resolution.deadline)),
  ['03-10 15:00', '03-10 12:00', '03-10 07:30', '03-10 13:00'],
);
// A zone spelled in another letter case works and is reported as written.
const lower = computeSlaState([created(friday, { customer_tz: 'america/new_york' })], customers, {
  now: mondayMorning,
});
assert.equal(lower.metrics.first_reply.goal.timeZone, 'america/new_york');
assert.equal(lower.metrics.first_reply.deadline, g['G-1'].metrics.first_reply.deadline);
// G-4's customer fixes their profile on Monday 10:00Z: "start" keeps UTC; "goal" re-measures the
// whole cycle in India (breached); "piecewise" counts 1 h in UTC, then 1.5 h in India.
const fixed = [
  created(friday, { customer_tz: '+05:30' }),
  { type: 'updated', at: '2026-03-09T10:00:00Z', attributes: { customer_tz: 'Asia/Kolkata' } },
];
const fixedUnder = (calendarAt) =>
  computeSlaState(fixed, customerPolicy(calendarAt), { now: mondayMorning }).metrics.first_reply;
assert.deepEqual(
  ['start', 'goal', 'piecewise'].map((mode) => {
    const m = fixedUnder(mode);
    return [m.goal.timeZone, hours(m.elapsed), m.breached, utc(m.deadline)];
  }),
  [
    ['UTC', 2.5, false, '03-09 13:00'],
    ['Asia/Kolkata', 8, true, '03-09 07:30'],
    ['Asia/Kolkata', 2.5, false, '03-10 05:00'],
  ],
);

// h. The owning group's hours (Freshdesk: business hours per group). Each group names a policy
// calendar; a ticket without a group, or in a group without its own hours, gets the default.
// Both regions share the company's holidays: two yearly dates and the 2026 year-end shutdown.
const groups = compilePolicy({
  holidaySets: { company: ['--01-01', '--12-25', '2026-12-28/2026-12-31'] },
  calendars: {
    emea: {
      timeZone: 'Europe/Berlin',
      week: nineToFive,
      holidaySets: ['company'],
      holidays: ['--12-24', '--12-26'],
    },
    amer: { timeZone: 'America/New_York', week: nineToFive, holidaySets: ['company'] },
  },
  metrics: {
    first_response: {
      kind: 'first_response',
      goals: [{ target: '4h', calendar: { attribute: 'group', default: 'amer' } }],
    },
    resolution: {
      kind: 'resolution',
      goals: [{ target: '12h', calendar: { attribute: 'group', default: 'amer' } }],
    },
  },
});
// Thursday 2026-12-24 20:00Z: 21:00 in Berlin, 15:00 in New York; seen on Monday 2027-01-04 11:00Z.
const christmasEve = '2026-12-24T20:00:00Z';
const backToWork = '2027-01-04T11:00:00Z';
const owners = { 'H-1': 'emea', 'H-2': 'amer', 'H-3': undefined, 'H-4': 'billing' };
const h = Object.fromEntries(
  Object.entries(owners).map(([id, group]) => [
    id,
    computeSlaState({ id, events: [created(christmasEve, group && { group })] }, groups, { now: backToWork }),
  ]),
);
console.log('h. The owning group’s hours, at Monday 2027-01-04 11:00Z:');
console.table(
  Object.entries(h).map(([id, { metrics }]) => ({
    ticket: id,
    group: owners[id] ?? '(none)',
    'goal.calendar': metrics.first_response.goal.calendar,
    'elapsed (h)': hours(metrics.first_response.elapsed),
    'first response due': local(metrics.first_response.deadline, metrics.first_response.goal.timeZone),
    'resolution due': local(metrics.resolution.deadline, metrics.resolution.goal.timeZone),
  })),
);
// emea: closed on the 24th (its own yearly date), the 25th and Jan 1 (the shared yearly dates) and
// Dec 28-31 (the shared range): nothing counted until Monday 09:00 CET.
assert.equal(h['H-1'].metrics.first_response.elapsed, 3 * hour);
assert.equal(h['H-1'].metrics.first_response.deadline, at('2027-01-04T12:00:00Z'));
assert.equal(h['H-1'].metrics.resolution.deadline, at('2027-01-05T12:00:00Z'));
// amer: Thursday 15:00-17:00 EST, then nothing until Monday 09:00 EST.
for (const id of ['H-2', 'H-3', 'H-4']) {
  assert.equal(h[id].metrics.first_response.goal.calendar, 'amer');
  assert.equal(h[id].metrics.first_response.elapsed, 2 * hour);
  assert.equal(h[id].metrics.first_response.deadline, at('2027-01-04T16:00:00Z'));
  assert.equal(h[id].metrics.resolution.deadline, at('2027-01-05T16:00:00Z'));
}
// In 2027 the yearly dates close again (Friday Dec 24 in emea), the 2026 range does not (Tuesday Dec 28).
const openOn = (calendar, date) =>
  hours(businessTimeBetween(groups.calendars[calendar], `${date}T00:00:00Z`, `${date}T23:59:59Z`));
assert.deepEqual(
  [openOn('emea', '2027-12-24'), openOn('amer', '2027-12-24'), openOn('emea', '2027-12-28')],
  [0, 8, 8],
);

// i. Each agent's own schedule: the host keeps one compiled calendar per agent and hands them to
// sla-clock through `options.calendars`. Goals reach them only through an attribute reference.
const mornings = [['08:00', '14:00']]; // Ana works Monday to Thursday mornings
const agentHours = {
  'agent:ana': {
    timeZone: 'America/Sao_Paulo',
    week: { mon: mornings, tue: mornings, wed: mornings, thu: mornings },
  },
  'agent:kenji': { timeZone: 'Asia/Tokyo', week: days([['10:00', '19:00']]) },
  office: '24/7', // the host's own "office": the policy's calendar of that name wins
};
const compiledAgents = new Map();
const agentCalendar = (name) => {
  if (!Object.hasOwn(agentHours, name)) return undefined; // unknown: the reference's default
  if (!compiledAgents.has(name)) compiledAgents.set(name, compileCalendar(agentHours[name]));
  return compiledAgents.get(name);
};
const agents = compilePolicy({
  calendars: { office: { timeZone: 'Europe/London', week: nineToFive } },
  metrics: {
    resolution: {
      kind: 'resolution',
      goals: [{ target: '8h', calendar: { attribute: 'assignee_calendar', default: 'office' } }],
    },
  },
});
// Created Monday 2026-03-02 12:00Z; seen on Tuesday 11:00Z.
const assignees = { 'I-1': 'agent:ana', 'I-2': 'agent:kenji', 'I-3': 'office', 'I-4': 'agent:zoe' };
const i = Object.fromEntries(
  Object.entries(assignees).map(([id, assignee_calendar]) => [
    id,
    computeSlaState({ id, events: [created('2026-03-02T12:00:00Z', { assignee_calendar })] }, agents, {
      now: '2026-03-03T11:00:00Z',
      calendars: agentCalendar,
    }).metrics.resolution,
  ]),
);
console.log('i. Each agent’s own schedule, at Tuesday 2026-03-03 11:00Z:');
console.table(
  Object.entries(i).map(([id, m]) => ({
    ticket: id,
    assignee_calendar: assignees[id],
    'goal.calendar': m.goal.calendar,
    'goal.timeZone': m.goal.timeZone,
    'elapsed (h)': hours(m.elapsed),
    status: status(m),
    deadline: local(m.deadline, m.goal.timeZone),
    'breached at': local(m.breachedAt, m.goal.timeZone),
  })),
);
// ana: São Paulo 08:00-14:00 is 11:00-17:00Z: Monday 12:00-17:00Z, 5 h; Tuesday opens at 11:00Z.
assert.deepEqual([i['I-1'].goal.calendar, hours(i['I-1'].elapsed)], ['agent:ana', 5]);
assert.equal(i['I-1'].deadline, at('2026-03-03T14:00:00Z'));
// kenji: Tokyo 10:00-19:00 is 01:00-10:00Z: 9 h on Tuesday, breached at 18:00 JST.
assert.equal(i['I-2'].elapsed, 9 * hour);
assert.equal(i['I-2'].breachedAt, at('2026-03-03T09:00:00Z'));
// "office" is the policy's London calendar, not the host's 24/7; "agent:zoe" is unknown: the default.
for (const id of ['I-3', 'I-4']) {
  assert.deepEqual(
    [i[id].goal.calendar, i[id].goal.timeZone, hours(i[id].elapsed)],
    ['office', 'Europe/London', 7],
  );
  assert.equal(i[id].deadline, at('2026-03-03T12:00:00Z'));
}
// A goal cannot name a host calendar directly: policies are checked without the host.
assert.throws(
  () =>
    compilePolicy({
      metrics: { r: { kind: 'resolution', goals: [{ target: '8h', calendar: 'agent:ana' }] } },
    }),
  /goals\[0\]\.calendar: expected the name of a calendar defined in policy\.calendars/,
);

// j. Count each stretch on the schedule of its owner (dbt_zendesk's business minutes across every
// schedule the ticket had). One ticket moves from the Berlin group to the New York group mid-cycle.
const handover = (calendarAt, goalAt) =>
  compilePolicy({
    calendars: {
      emea: { timeZone: 'Europe/Berlin', week: nineToFive },
      amer: { timeZone: 'America/New_York', week: nineToFive },
    },
    metrics: {
      resolution: {
        kind: 'resolution',
        calendarAt,
        goals: [{ target: '12h', calendar: { attribute: 'group', default: 'amer' } }],
      },
      first_owner: {
        kind: 'custom',
        start: { on: 'created' },
        stop: { when: { escalated: true } },
        ...(goalAt && { goalAt }),
        goals: [{ target: '2h', calendar: { attribute: 'group', default: 'amer' } }],
      },
    },
  });
// Monday 2026-03-02 09:00 in Berlin (08:00Z); escalated to New York at 12:00 Berlin (06:00 in New
// York); solved by a reply on Tuesday 12:00 in New York (17:00Z).
const moved = {
  id: 'J-1',
  events: [
    created('2026-03-02T08:00:00Z', { group: 'emea' }),
    { type: 'updated', at: '2026-03-02T11:00:00Z', attributes: { group: 'amer', escalated: true } },
    { type: 'message', author: 'agent', at: '2026-03-03T17:00:00Z', attributes: { status: 'solved' } },
  ],
};
const j = ['goal', 'start', 'piecewise'].map((calendarAt) => {
  const policy = handover(calendarAt);
  const open = computeSlaState(moved, policy, { now: '2026-03-02T20:00:00Z' }).metrics.resolution;
  const done = computeSlaState(moved, policy, { now: '2026-03-04T12:00:00Z' }).metrics.resolution;
  return { calendarAt, open, done };
});
console.log('j. A mid-cycle move from emea to amer, resolution on a 12 h goal:');
console.table(
  j.map(({ calendarAt, open, done }) => ({
    calendarAt,
    'Mon 20:00Z elapsed (h)': hours(open.elapsed),
    'Mon 20:00Z deadline': utc(open.deadline),
    'goal.calendar': done.goal.calendar,
    'end elapsed (h)': hours(done.elapsed),
    status: done.status,
    'breached at': utc(done.breachedAt),
  })),
);
// goal (Zendesk's last schedule): New York hours for the whole cycle, Monday 14-22Z + Tuesday 14-17Z.
// start (ServiceNow stores the schedule when the SLA attaches): Berlin's, Monday 8 h + Tuesday 8 h.
// piecewise: Berlin 08:00-11:00Z (3 h), then New York's 8 h + 3 h.
assert.deepEqual(
  j.map(({ open, done }) => [
    hours(open.elapsed),
    utc(open.deadline),
    hours(done.elapsed),
    done.status,
    utc(done.breachedAt),
  ]),
  [
    [6, '03-03 18:00', 11, 'met', ''],
    [8, '03-03 12:00', 16, 'breached', '03-03 12:00'],
    [9, '03-03 15:00', 14, 'breached', '03-03 15:00'],
  ],
);
assert.deepEqual(
  j.map(({ done }) => done.goal.calendar),
  ['amer', 'emea', 'amer'],
);
// goalAt: the first owner's stint ends with the event that hands the ticket over. After that event
// the group is amer (New York was closed from 08:00 to 11:00Z); before it, emea (3 h on a 2 h goal).
const stint = (goalAt) =>
  computeSlaState(moved, handover('goal', goalAt), { now: '2026-03-04T12:00:00Z' }).metrics.first_owner;
console.log('j. The first owner’s stint (2 h goal), judged after or before the handover:');
console.table(
  ['after_stop', 'before_stop'].map((goalAt) => {
    const m = stint(goalAt);
    return {
      goalAt,
      'goal.calendar': m.goal.calendar,
      'elapsed (h)': hours(m.elapsed),
      status: m.status,
      'breached at': utc(m.breachedAt),
    };
  }),
);
assert.deepEqual(
  [stint('after_stop').goal.calendar, stint('after_stop').elapsed, stint('after_stop').status],
  ['amer', 0, 'met'],
);
assert.deepEqual([stint('before_stop').goal.calendar, hours(stint('before_stop').elapsed)], ['emea', 3]);
assert.equal(stint('before_stop').breachedAt, at('2026-03-02T10:00:00Z'));
