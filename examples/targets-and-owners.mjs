// Targets beyond durations and clocks per owner (docs/recipes.md, recipes k to p): ServiceNow's "end
// of next business day", a same-day cutoff, Freshdesk's due-by, a negotiated due date on the ticket,
// Zendesk's group SLA with a report by group, and Zendesk's SLA metrics as preset kinds.
import assert from 'node:assert/strict';
import { addBusinessTime, compilePolicy, computeSlaState, summarizeSla } from 'sla-clock';

const hour = 3_600_000;
const hours = (ms) => (ms === null ? null : +(ms / hour).toFixed(2));
const at = (iso) => Date.parse(iso);
const days = (hours) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
// Every recipe counts New York business hours, Monday to Friday 09:00-17:00. 2026-03-02 is a
// Monday (EST, UTC-5); daylight saving time starts on Sunday 2026-03-08 (EDT, UTC-4).
const support = { timeZone: 'America/New_York', week: days([['09:00', '17:00']]) };
const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'America/New_York',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
const ny = (ms) => (ms === null ? '' : clock.format(ms));
const created = (at, attributes) => ({ type: 'created', at, attributes: { status: 'open', ...attributes } });
const update = (at, attributes) => ({ type: 'updated', at, attributes });
const agent = (at, attributes) => ({ type: 'message', author: 'agent', at, attributes });
const customer = (at, attributes) => ({ type: 'message', author: 'customer', at, attributes });
const status = (m) => (m.breached && m.stoppedAt === null ? `${m.status}, breached` : m.status);
// The instant the target is used up counting from `now` ("due by" as a helpdesk displays it); the
// `deadline` is the last on-time instant, which is the next opening when that falls on a close.
const dueBy = (policy, m, now) =>
  m.status === 'running' && m.remaining >= 0
    ? addBusinessTime(policy.calendars[m.goal.calendar], now, m.remaining)
    : null;

// k. ServiceNow's "End of next business day": { businessDays: 1 }, and its three other base relative
// durations ("Next business day by 4pm" and "2 or 3 business days by 4pm", each a day later when
// the SLA starts after 10:00).
const byFour = (businessDays) => ({ businessDays, by: '16:00', cutoff: '10:00' });
const serviceNow = compilePolicy({
  calendars: { support },
  metrics: {
    resolution: {
      kind: 'resolution',
      pauseWhen: { status: 'pending' }, // relative durations in ServiceNow cannot pause; here they can
      goals: [{ target: { businessDays: 1 }, calendar: 'support' }],
    },
    end_next_day_17: {
      kind: 'resolution',
      goals: [{ target: { businessDays: 1, by: '17:00' }, calendar: 'support' }],
    },
    next_day_4pm: { kind: 'resolution', goals: [{ target: byFour(1), calendar: 'support' }] },
    two_days_4pm: { kind: 'resolution', goals: [{ target: byFour(2), calendar: 'support' }] },
    three_days_4pm: { kind: 'resolution', goals: [{ target: byFour(3), calendar: 'support' }] },
  },
});
const monday11 = '2026-03-02T11:00:00-05:00';
const k = {
  // Resolved on Tuesday at 18:30, after the close on the due day: on time.
  'K-1': [created(monday11), update('2026-03-03T18:30:00-05:00', { status: 'solved' })],
  // Resolved on Wednesday at 09:20, twenty minutes into the next business day: late.
  'K-2': [created(monday11), update('2026-03-04T09:20:00-05:00', { status: 'solved' })],
  // Pending from Monday 14:00 until the customer answers on Tuesday 10:00; resolved Wednesday 12:30.
  'K-3': [
    created(monday11),
    agent('2026-03-02T14:00:00-05:00', { status: 'pending' }),
    customer('2026-03-03T10:00:00-05:00', { status: 'open' }),
    update('2026-03-04T12:30:00-05:00', { status: 'solved' }),
  ],
  // Friday 15:00, still open on Monday: due at Monday's close (EDT by then).
  'K-4': [created('2026-03-06T15:00:00-05:00')],
};
const kNow = '2026-03-09T12:00:00-04:00'; // Monday 2026-03-09 12:00 in New York
const kRows = Object.entries(k).map(([id, events]) => {
  const first = computeSlaState(events, serviceNow, { now: events[0].at }).metrics.resolution;
  const state = computeSlaState(events, serviceNow, { now: kNow }).metrics.resolution;
  return { id, first, state };
});
console.log('k. End of next business day ({ businessDays: 1 }), as of Monday 2026-03-09 12:00:');
console.table(
  kRows.map(({ id, first, state }) => ({
    ticket: id,
    created: ny(first.startedAt),
    'target (h)': hours(first.goal.target),
    'used up at': ny(dueBy(serviceNow, first, first.startedAt)),
    'deadline at creation': ny(first.deadline),
    status: status(state),
    'elapsed (h)': hours(state.elapsed),
    'breached at': ny(state.breachedAt),
  })),
);
const kOf = Object.fromEntries(kRows.map((row) => [row.id, row]));
// Monday 11:00: Monday 11-17 and Tuesday 09-17, 14 h, used up at Tuesday's close; the deadline is
// where counting resumes, Wednesday 09:00, so a reply at Tuesday 18:30 is on time.
assert.equal(kOf['K-1'].first.goal.form, 'businessDays');
assert.equal(kOf['K-1'].first.goal.target, 14 * hour);
assert.equal(kOf['K-1'].first.deadline, at('2026-03-04T09:00:00-05:00'));
assert.deepEqual([kOf['K-1'].state.status, kOf['K-1'].state.elapsed], ['met', 14 * hour]);
// Wednesday 09:20 is 20 minutes of counted time too many: breached at Wednesday 09:00.
assert.deepEqual([kOf['K-2'].state.status, hours(kOf['K-2'].state.elapsed)], ['breached', 14.33]);
assert.equal(kOf['K-2'].state.breachedAt, at('2026-03-04T09:00:00-05:00'));
// The pause pushes the deadline: 3 h counted before it, 11 h left from Tuesday 10:00: Wednesday 13:00.
const kPaused = computeSlaState(k['K-3'], serviceNow, { now: '2026-03-03T10:00:00-05:00' }).metrics
  .resolution;
assert.equal(kPaused.deadline, at('2026-03-04T13:00:00-05:00'));
assert.deepEqual([kOf['K-3'].state.status, hours(kOf['K-3'].state.elapsed)], ['met', 13.5]);
// Friday 15:00: Friday 15-17 and Monday 09-17 (EDT), 10 h; on time until Tuesday 09:00 EDT.
assert.equal(kOf['K-4'].first.goal.target, 10 * hour);
assert.equal(kOf['K-4'].state.deadline, at('2026-03-10T09:00:00-04:00'));
// ServiceNow's four base relative durations, for tickets created Monday 09:30 and Monday 11:00 (after
// 10:00: one day more for the three "by 4pm" ones): the instant each target is used up.
const relative = ['resolution', 'end_next_day_17', 'next_day_4pm', 'two_days_4pm', 'three_days_4pm'];
const dueAtStart = (start) => {
  const { metrics } = computeSlaState([created(start)], serviceNow, { now: start });
  return relative.map((metric) => ny(dueBy(serviceNow, metrics[metric], at(start))));
};
const kRelative = ['2026-03-02T09:30:00-05:00', monday11].map(dueAtStart);
console.log('k. ServiceNow’s base relative durations: the target used up at');
console.table(
  relative.map((metric, i) => ({ metric, 'Mon 09:30': kRelative[0][i], 'Mon 11:00': kRelative[1][i] })),
);
assert.deepEqual(kRelative, [
  ['Tue 17:00', 'Tue 17:00', 'Tue 16:00', 'Wed 16:00', 'Thu 16:00'],
  ['Tue 17:00', 'Tue 17:00', 'Wed 16:00', 'Thu 16:00', 'Fri 16:00'],
]);
// `by` inside open hours: the deadline is exactly that instant (no close in between).
const kOthers = computeSlaState([created(monday11)], serviceNow, { now: monday11 }).metrics;
assert.deepEqual(
  [kOthers.next_day_4pm.deadline, kOthers.two_days_4pm.deadline],
  [at('2026-03-04T16:00:00-05:00'), at('2026-03-05T16:00:00-05:00')],
);

// l. Same day by 17:00 if received before 14:00, else the next business day by 17:00.
const sameDay = compilePolicy({
  calendars: { support },
  metrics: {
    first_reply: {
      kind: 'first_response',
      goals: [{ target: { businessDays: 0, by: '17:00', cutoff: '14:00' }, calendar: 'support' }],
    },
  },
});
const l = {
  'L-1': [created('2026-03-02T13:30:00-05:00'), agent('2026-03-02T16:45:00-05:00')],
  'L-2': [created('2026-03-02T14:00:00-05:00'), agent('2026-03-03T11:00:00-05:00')],
  'L-3': [created('2026-03-02T14:30:00-05:00'), agent('2026-03-03T17:20:00-05:00')],
  'L-4': [created('2026-03-02T08:15:00-05:00'), agent('2026-03-02T17:30:00-05:00')],
  'L-5': [created('2026-03-02T19:00:00-05:00'), agent('2026-03-04T09:05:00-05:00')],
};
const lRows = Object.entries(l).map(([id, events]) => ({
  id,
  first: computeSlaState(events, sameDay, { now: events[0].at }).metrics.first_reply,
  end: computeSlaState(events, sameDay, { now: '2026-03-05T12:00:00-05:00' }).metrics.first_reply,
}));
console.log('l. Same day by 17:00 if received before 14:00:');
console.table(
  lRows.map(({ id, first, end }) => ({
    ticket: id,
    created: ny(first.startedAt),
    'target (h)': hours(first.goal.target),
    'used up at': ny(dueBy(sameDay, first, first.startedAt)),
    deadline: ny(first.deadline),
    replied: ny(end.stoppedAt),
    status: end.status,
    'breached at': ny(end.breachedAt),
  })),
);
assert.deepEqual(
  lRows.map(({ first }) => hours(first.goal.target)),
  [3.5, 11, 10.5, 8, 8],
);
assert.deepEqual(
  lRows.map(({ first }) => first.deadline),
  [
    at('2026-03-03T09:00:00-05:00'), // 13:30: due today at 17:00, on time until Tuesday opens
    at('2026-03-04T09:00:00-05:00'), // 14:00 is not before 14:00: due Tuesday 17:00
    at('2026-03-04T09:00:00-05:00'),
    at('2026-03-03T09:00:00-05:00'), // 08:15: counting starts at 09:00, before the cutoff
    at('2026-03-04T09:00:00-05:00'), // 19:00: counting starts Tuesday 09:00: due Tuesday 17:00
  ],
);
assert.deepEqual(
  lRows.map(({ end }) => end.status),
  ['met', 'met', 'met', 'met', 'breached'],
);
assert.equal(lRows[4].end.breachedAt, at('2026-03-04T09:00:00-05:00'));

// m. Freshdesk's due-by: targets in hours and days on the group's business hours, and a due time an
// agent edits on the ticket, which then stays put when the priority changes. The edited times live
// in the ticket's `fr_due_by` and `due_by` attributes; without them the policy's targets apply.
const freshdesk = compilePolicy({
  calendars: { support },
  resolvedWhen: { status: ['resolved', 'closed'] }, // Freshdesk's statuses
  metrics: {
    first_response: {
      kind: 'first_response',
      goals: [
        { target: { until: 'fr_due_by' }, calendar: 'support' },
        { when: { priority: 'urgent' }, target: '1h' },
        { target: '4h', calendar: 'support' },
      ],
    },
    resolution: {
      kind: 'resolution',
      pauseWhen: { status: 'pending' },
      goals: [
        { target: { until: 'due_by' }, calendar: 'support' },
        { when: { priority: 'urgent' }, target: '4h' },
        { target: '1d', calendar: 'support' }, // one day = 24 business hours (Freshdesk from 2026)
      ],
    },
  },
});
const m = {
  'F-1': [
    created('2026-03-02T10:00:00-05:00', { priority: 'medium' }),
    agent('2026-03-02T13:00:00-05:00'),
    update('2026-03-04T16:00:00-05:00', { status: 'resolved' }),
  ],
  'F-2': [
    created('2026-03-02T10:00:00-05:00', { priority: 'medium' }),
    agent('2026-03-02T11:00:00-05:00'),
    // Tuesday 11:00: the agent and the customer agree on Friday noon.
    update('2026-03-03T11:00:00-05:00', { due_by: '2026-03-06T12:00:00-05:00' }),
    update('2026-03-04T09:00:00-05:00', { priority: 'urgent' }), // Wednesday: raised to urgent
  ],
};
const mNow = '2026-03-05T12:00:00-05:00'; // Thursday 12:00
const mStates = Object.fromEntries(
  Object.entries(m).map(([id, events]) => [id, computeSlaState(events, freshdesk, { now: mNow })]),
);
console.log('m. Freshdesk-style due-by, as of Thursday 2026-03-05 12:00:');
console.table(
  Object.entries(mStates).flatMap(([id, state]) =>
    Object.entries(state.metrics).map(([metric, x]) => ({
      ticket: id,
      metric,
      goal: `#${x.goal.index} (${x.goal.form})`,
      'target (h)': hours(x.goal.target),
      status: status(x),
      'elapsed (h)': hours(x.elapsed),
      'due by': ny(dueBy(freshdesk, x, at(mNow))),
      deadline: ny(x.deadline),
    })),
  ),
);
// F-1: first response 4 business hours (due Monday 14:00, answered at 13:00); resolution "1d", 24
// business hours from Monday 10:00: Thursday 10:00; resolved Wednesday 16:00 after 22 of them.
const f1 = mStates['F-1'].metrics;
assert.deepEqual([f1.first_response.status, hours(f1.first_response.elapsed)], ['met', 3]);
assert.deepEqual(
  [f1.resolution.goal.target, f1.resolution.status, hours(f1.resolution.elapsed)],
  [24 * hour, 'met', 22],
);
// F-2: the edited due-by is goal #0 whatever the priority: Monday 10:00 to Friday 12:00 is 34
// business hours, 26 used; due Friday 12:00. Without it, the urgent goal would apply to the whole
// open cycle: 4 h round the clock, breached on Monday at 14:00.
const f2 = mStates['F-2'].metrics.resolution;
assert.deepEqual([f2.goal.index, f2.goal.form, hours(f2.goal.target)], [0, 'until', 34]);
assert.deepEqual(
  [status(f2), hours(f2.elapsed), f2.deadline],
  ['running', 26, at('2026-03-06T12:00:00-05:00')],
);
const f2Unedited = computeSlaState(
  m['F-2'].filter((e) => !e.attributes?.due_by),
  freshdesk,
  { now: mNow },
).metrics.resolution;
assert.deepEqual([f2Unedited.goal.index, f2Unedited.breachedAt], [1, at('2026-03-02T14:00:00-05:00')]);
// Freshdesk's own examples of a one-day target on 9-to-5 hours: before 2026 one day was one
// business day's hours (8 h here); from 2026 it is 24 business hours ("1d").
const oneDay = compilePolicy({
  calendars: { support },
  metrics: {
    day_as_8h: { kind: 'first_response', goals: [{ target: '8h', calendar: 'support' }] },
    day_as_1d: { kind: 'first_response', goals: [{ target: '1d', calendar: 'support' }] },
  },
});
const freshdeskCases = [
  '2026-03-02T08:00:00-05:00',
  '2026-03-06T18:00:00-05:00',
  '2026-03-02T10:00:00-05:00',
];
const oneDayRows = freshdeskCases.map((start) => {
  const { metrics } = computeSlaState([created(start)], oneDay, { now: start });
  return {
    created: ny(at(start)),
    '8h: due by': ny(dueBy(oneDay, metrics.day_as_8h, at(start))),
    '8h: deadline': ny(metrics.day_as_8h.deadline),
    '1d: due by': ny(dueBy(oneDay, metrics.day_as_1d, at(start))),
    '1d: deadline': ny(metrics.day_as_1d.deadline),
  };
});
console.log('m. Freshdesk’s one-day target, read as 8 business hours and as 24 ("1d"):');
console.table(oneDayRows);
assert.deepEqual(
  oneDayRows.map((row) => Object.values(row).slice(1)),
  [
    ['Mon 17:00', 'Tue 09:00', 'Wed 17:00', 'Thu 09:00'],
    ['Mon 17:00', 'Tue 09:00', 'Wed 17:00', 'Thu 09:00'],
    ['Tue 10:00', 'Tue 10:00', 'Thu 10:00', 'Thu 10:00'],
  ],
);

// n. A negotiated due date stored on the ticket ({ until: "due_at" }), on business hours and round
// the clock, with a fallback goal for tickets without one.
const negotiated = compilePolicy({
  calendars: { support },
  metrics: {
    business: {
      kind: 'resolution',
      goals: [
        { target: { until: 'due_at' }, calendar: 'support' },
        { target: '16h', calendar: 'support' },
      ],
    },
    round_the_clock: { kind: 'resolution', goals: [{ target: { until: 'due_at' } }, { target: '3d' }] },
  },
});
const mondayTen = '2026-03-02T10:00:00-05:00';
const n = {
  // Due Saturday noon, as PostgreSQL writes it; resolved Monday 08:30, before the office opens.
  'N-1': [
    created(mondayTen, { due_at: '2026-03-07 12:00:00-05' }),
    update('2026-03-09T08:30:00-04:00', { status: 'solved' }),
  ],
  // Due Friday 17:00 in Berlin (11:00 in New York); resolved Friday 10:30.
  'N-2': [
    created(mondayTen, { due_at: '2026-03-06 17:00:00+01' }),
    update('2026-03-06T10:30:00-05:00', { status: 'solved' }),
  ],
  // No due date: the next goal; resolved Tuesday 16:00.
  'N-3': [created(mondayTen), update('2026-03-03T16:00:00-05:00', { status: 'solved' })],
  // A due date already past when the ticket is created: a zero target.
  'N-4': [created(mondayTen, { due_at: '2026-03-01 09:00:00+00' })],
};
const nNow = '2026-03-09T12:00:00-04:00'; // Monday 2026-03-09 12:00
const nRows = Object.entries(n).flatMap(([id, events]) => {
  const first = computeSlaState(events, negotiated, { now: mondayTen }).metrics;
  const end = computeSlaState(events, negotiated, { now: nNow }).metrics;
  return Object.keys(end).map((metric) => ({ id, metric, first: first[metric], end: end[metric] }));
});
console.log('n. A negotiated due date, as of Monday 2026-03-09 12:00:');
console.table(
  nRows.map(({ id, metric, first, end }) => ({
    ticket: id,
    metric,
    goal: `#${end.goal.index} (${end.goal.form})`,
    'target (h)': hours(end.goal.target),
    'deadline at creation': ny(first.deadline),
    status: status(end),
    'elapsed (h)': hours(end.elapsed),
    'breached at': ny(end.breachedAt),
  })),
);
const nOf = (id, metric) => nRows.find((row) => row.id === id && row.metric === metric);
// N-1: due Saturday noon. On business hours the counted time to it ends at Friday's close, so the
// deadline is Monday 09:00 EDT and the reply at 08:30 is on time; round the clock it is exactly the
// due instant, so the same reply is 43.5 hours late.
assert.equal(nOf('N-1', 'business').first.deadline, at('2026-03-09T09:00:00-04:00'));
assert.deepEqual(
  [nOf('N-1', 'business').end.status, hours(nOf('N-1', 'business').end.goal.target)],
  ['met', 39],
);
assert.equal(nOf('N-1', 'round_the_clock').first.deadline, at('2026-03-07T12:00:00-05:00'));
assert.equal(nOf('N-1', 'round_the_clock').end.breachedAt, at('2026-03-07T12:00:00-05:00'));
// N-2: due inside business hours: the deadline is exactly the due instant on both calendars.
for (const metric of ['business', 'round_the_clock']) {
  assert.equal(nOf('N-2', metric).first.deadline, at('2026-03-06T16:00:00Z'));
  assert.equal(nOf('N-2', metric).end.status, 'met');
}
// N-3: no due date, so goal #1: 16 business hours (due Wednesday 10:00) or 3 days (Thursday 10:00).
assert.deepEqual(
  ['business', 'round_the_clock'].map((metric) => [
    nOf('N-3', metric).end.goal.index,
    nOf('N-3', metric).first.deadline,
  ]),
  [
    [1, at('2026-03-04T10:00:00-05:00')],
    [1, at('2026-03-05T10:00:00-05:00')],
  ],
);
// N-4: due before it was created: target 0, breached from the first counted millisecond.
const n4 = nOf('N-4', 'business').end;
assert.deepEqual([n4.goal.target, n4.percent, n4.breachedAt], [0, null, at(mondayTen)]);
// Due dates as backends write them: all the same instant; without an offset it is no due date.
for (const due_at of [
  '2026-03-06 17:00:00+01',
  '2026-03-06 16:00:00+00:00',
  '2026-03-06T11:00:00-0500',
  1772812800000,
]) {
  const x = computeSlaState([created(mondayTen, { due_at })], negotiated, { now: mondayTen }).metrics
    .business;
  assert.deepEqual([x.goal.form, x.deadline], ['until', at('2026-03-06T16:00:00Z')]);
}
const noOffset = computeSlaState([created(mondayTen, { due_at: '2026-03-06 17:00' })], negotiated, {
  now: mondayTen,
}).metrics.business;
assert.deepEqual([noOffset.goal.index, noOffset.goal.form], [1, 'duration']);
// "No date" must be null or absent: 0 is an instant (1970-01-01), a due date long past.
const zeroDate = computeSlaState([created(mondayTen, { due_at: 0 })], negotiated, { now: mondayTen }).metrics
  .business;
assert.deepEqual([zeroDate.goal.form, zeroDate.goal.target], ['until', 0]);
const nullDate = computeSlaState([created(mondayTen, { due_at: null })], negotiated, { now: mondayTen })
  .metrics.business;
assert.deepEqual([nullDate.goal.index, nullDate.goal.form], [1, 'duration']);
// ServiceNow breaches a task without a due date one second after the start: a "1s" fallback goal.
const oneSecond = compilePolicy({
  calendars: { support },
  metrics: {
    resolution: {
      kind: 'resolution',
      goals: [{ target: { until: 'due_at' }, calendar: 'support' }, { target: '1s' }],
    },
  },
});
const undated = computeSlaState([created(mondayTen)], oneSecond, { now: '2026-03-02T10:05:00-05:00' });
assert.equal(undated.metrics.resolution.breachedAt, at(mondayTen) + 1000);
// A date moved while the cycle is open applies to the whole open cycle: from Tuesday 12:00 to
// Thursday 12:00 on Tuesday at 11:00 (target 10 h, then 26 h from Monday 10:00).
const moved = [
  created(mondayTen, { due_at: '2026-03-03T12:00:00-05:00' }),
  update('2026-03-03T11:00:00-05:00', { due_at: '2026-03-05T12:00:00-05:00' }),
];
assert.deepEqual(
  ['2026-03-03T10:00:00-05:00', '2026-03-03T13:00:00-05:00'].map((now) => {
    const x = computeSlaState(moved, negotiated, { now }).metrics.business;
    return [hours(x.goal.target), x.deadline];
  }),
  [
    [10, at('2026-03-03T12:00:00-05:00')],
    [26, at('2026-03-05T12:00:00-05:00')],
  ],
);
// A pause pushes a due date like any target (it is counted time). To keep an agreed date fixed,
// pause only tickets without one. Pending Tuesday 10:00 to Wednesday 10:00: 8 business hours.
const untilGoals = [
  { target: { until: 'due_at' }, calendar: 'support' },
  { target: '16h', calendar: 'support' },
];
const pausing = compilePolicy({
  calendars: { support },
  metrics: {
    pushed: { kind: 'resolution', pauseWhen: { status: 'pending' }, goals: untilGoals },
    fixed: {
      kind: 'resolution',
      pauseWhen: { status: 'pending', due_at: { exists: false } },
      goals: untilGoals,
    },
  },
});
const waited = [
  created(mondayTen, { due_at: '2026-03-06 17:00:00+01' }),
  agent('2026-03-03T10:00:00-05:00', { status: 'pending' }),
  customer('2026-03-04T10:00:00-05:00', { status: 'open' }),
];
const nPaused = computeSlaState(waited, pausing, { now: '2026-03-04T12:00:00-05:00' }).metrics;
assert.deepEqual(
  [nPaused.pushed.deadline, nPaused.fixed.deadline],
  [at('2026-03-09T11:00:00-04:00'), at('2026-03-06T11:00:00-05:00')],
);
// A duration agreed per ticket instead of a date: { attribute: "agreed_time" }.
const agreed = compilePolicy({
  calendars: { support },
  metrics: {
    resolution: {
      kind: 'resolution',
      goals: [
        { target: { attribute: 'agreed_time' }, calendar: 'support' },
        { target: '16h', calendar: 'support' },
      ],
    },
  },
});
assert.deepEqual(
  ['6h', 21_600_000, '6 hours'].map((agreed_time) => {
    const x = computeSlaState([created(mondayTen, { agreed_time })], agreed, { now: mondayTen }).metrics
      .resolution;
    return [x.goal.form, ny(x.deadline)];
  }),
  [
    ['attribute', 'Mon 16:00'],
    ['attribute', 'Mon 16:00'],
    ['duration', 'Wed 10:00'],
  ],
);

// o. Zendesk's group SLA (an OLA): one ownership clock per stint with a group, judged on that
// group's own goal, and a report by group from the cycles' keys.
const groupGoals = [
  { when: { group: 'support' }, target: '2h', calendar: 'support' },
  { when: { group: 'billing' }, target: '4h', calendar: 'support' },
  { when: { group: 'engineering' }, target: '8h', calendar: 'support' },
];
const groupSla = (goalAt) =>
  compilePolicy({
    calendars: { support },
    metrics: { group_sla: { kind: 'ownership', ...(goalAt && { goalAt }), goals: groupGoals } },
  });
const owners = groupSla();
const o = [
  {
    id: 'O-1', // support -> engineering -> support, solved by support
    events: [
      created('2026-03-02T09:00:00-05:00', { group: 'support' }),
      update('2026-03-02T10:30:00-05:00', { group: 'engineering' }),
      update('2026-03-03T15:00:00-05:00', { group: 'support' }),
      agent('2026-03-03T16:00:00-05:00', { status: 'solved' }),
    ],
  },
  {
    id: 'O-2', // support -> billing, solved by billing
    events: [
      created('2026-03-02T11:00:00-05:00', { group: 'support' }),
      update('2026-03-02T14:00:00-05:00', { group: 'billing' }),
      agent('2026-03-03T10:00:00-05:00', { status: 'solved' }),
    ],
  },
  {
    id: 'O-3', // support -> engineering, solved, reopened by the customer: engineering again
    events: [
      created('2026-03-03T09:00:00-05:00', { group: 'support' }),
      update('2026-03-03T10:00:00-05:00', { group: 'engineering' }),
      agent('2026-03-04T12:00:00-05:00', { status: 'solved' }),
      customer('2026-03-05T09:00:00-05:00', { status: 'open' }),
    ],
  },
];
const oNow = '2026-03-05T11:00:00-05:00'; // Thursday 11:00
const oStates = o.map((ticket) => computeSlaState(ticket, owners, { now: oNow }));
console.log('o. Group ownership stints, as of Thursday 2026-03-05 11:00:');
console.table(
  oStates.flatMap((state) =>
    state.metrics.group_sla.cycles.map((c) => ({
      ticket: state.ticketId,
      key: c.key,
      from: ny(c.startedAt),
      to: ny(c.stoppedAt),
      'goal (h)': hours(c.goal.target),
      'elapsed (h)': hours(c.elapsed),
      status: status(c),
      'breached at': ny(c.breachedAt),
    })),
  ),
);
assert.deepEqual(
  oStates.map((state) => state.metrics.group_sla.cycles.map((c) => [c.key, hours(c.elapsed), c.status])),
  [
    [
      ['support', 1.5, 'met'],
      ['engineering', 12.5, 'breached'],
      ['support', 1, 'met'],
    ],
    [
      ['support', 3, 'breached'],
      ['billing', 4, 'met'],
    ],
    [
      ['support', 1, 'met'],
      ['engineering', 10, 'breached'],
      ['engineering', 2, 'running'],
    ],
  ],
);
const byGroup = summarizeSla(oStates, { groupBy: { cycleKey: true } }).groups.map((row) => ({
  group: row.key,
  stints: row.cycles,
  met: row.met,
  breached: row.breached,
  open: row.open,
  compliance: row.complianceRate,
  'median (h)': hours(row.elapsed?.median ?? null),
}));
console.log('o. summarizeSla(states, { groupBy: { cycleKey: true } }):');
console.table(byGroup);
assert.deepEqual(byGroup, [
  { group: 'support', stints: 4, met: 3, breached: 1, open: 0, compliance: 0.75, 'median (h)': 1 },
  { group: 'engineering', stints: 3, met: 0, breached: 2, open: 1, compliance: 0, 'median (h)': 10 },
  { group: 'billing', stints: 1, met: 1, breached: 0, open: 0, compliance: 1, 'median (h)': 4 },
]);
// Grouped by the ticket's group at `now` instead, every stint of O-1 lands under support.
const byTicketGroup = summarizeSla(oStates, { groupBy: 'group' }).groups.map((row) => [row.key, row.cycles]);
assert.deepEqual(byTicketGroup, [
  ['support', 3],
  ['billing', 2],
  ['engineering', 3],
]);
// Judged after the handover instead (goalAt "after_stop"), O-2's 3 h with support would be judged
// on billing's 4 h goal: met, and support's breach would disappear from the report.
const afterStop = computeSlaState(o[1], groupSla('after_stop'), { now: oNow }).metrics.group_sla.cycles[0];
assert.deepEqual([afterStop.key, hours(afterStop.goal.target), afterStop.status], ['support', 4, 'met']);

// p. Zendesk's SLA metrics as preset kinds, on recipe a's two tickets (examples/zendesk-style.mjs),
// next to recipe a's hand-written policy: the same numbers.
const byPriority = (urgent, other) => [
  { when: { priority: 'urgent' }, target: urgent },
  { target: other, calendar: 'support' },
];
const presets = compilePolicy({
  calendars: { support },
  metrics: {
    first_reply: { kind: 'first_response', goals: byPriority('1h', '4h') },
    next_reply: { kind: 'next_response', goals: byPriority('2h', '8h') },
    periodic_update: { kind: 'periodic_update', goals: byPriority('4h', '8h') },
    pausable_update: { kind: 'pausable_update', goals: byPriority('4h', '8h') },
    requester_wait: { kind: 'requester_wait', goals: [{ target: '16h', calendar: 'support' }] },
    agent_work: { kind: 'agent_work', goals: [{ target: '8h', calendar: 'support' }] },
    total_resolution: { kind: 'resolution', goals: [{ target: '5d' }] },
    // Recipe a's "periodic update", which also pauses on hold: the preset with another pause.
    update_not_on_hold: {
      kind: 'pausable_update',
      pauseWhen: { status: ['pending', 'hold'] },
      goals: byPriority('4h', '8h'),
    },
  },
});
const handWritten = compilePolicy({
  calendars: { support },
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
const zendeskTickets = [
  {
    id: 'Z-1',
    events: [
      created('2026-03-02T16:00:00-05:00', { status: 'new', priority: 'normal' }),
      agent('2026-03-03T10:30:00-05:00', { status: 'pending' }),
      customer('2026-03-03T14:00:00-05:00', { status: 'open' }),
      update('2026-03-03T15:00:00-05:00', { status: 'hold' }),
      update('2026-03-04T11:00:00-05:00', { status: 'open' }),
      agent('2026-03-04T11:30:00-05:00'),
      agent('2026-03-05T10:00:00-05:00', { status: 'solved' }),
    ],
  },
  {
    id: 'Z-2',
    events: [
      created('2026-03-05T07:30:00-05:00', { status: 'new', priority: 'urgent' }),
      agent('2026-03-05T08:45:00-05:00', { status: 'open' }),
      customer('2026-03-05T09:00:00-05:00'),
    ],
  },
];
const zNow = '2026-03-05T13:00:00-05:00'; // Thursday 13:00, as in recipe a
const p = zendeskTickets.map((ticket) => ({
  id: ticket.id,
  preset: computeSlaState(ticket, presets, { now: zNow }),
  hand: computeSlaState(ticket, handWritten, { now: zNow }),
}));
const short = (x) => x.cycles.map((c) => `${status(c)} ${hours(c.elapsed)}`).join(', ');
const zendeskNames = {
  first_reply: 'First reply time',
  next_reply: 'Next reply time',
  periodic_update: 'Periodic update',
  pausable_update: 'Pausable update',
  requester_wait: 'Requester wait time',
  agent_work: 'Agent work time',
  total_resolution: 'Total resolution time',
  update_not_on_hold: '(recipe a’s periodic update)',
};
console.log(
  'p. Zendesk’s metrics as presets, as of Thursday 2026-03-05 13:00 (each cycle, elapsed in hours):',
);
console.table(
  Object.entries(zendeskNames).map(([metric, zendesk]) => ({
    zendesk,
    metric,
    'Z-1': short(p[0].preset.metrics[metric]),
    'Z-2': short(p[1].preset.metrics[metric]),
  })),
);
// Where the two policies measure the same thing, every field of every cycle is the same.
const same = {
  first_reply: 'first_reply',
  next_reply: 'next_reply',
  requester_wait: 'requester_wait',
  agent_work: 'agent_work',
  total_resolution: 'full_resolution',
  update_not_on_hold: 'periodic_update',
};
for (const { preset, hand } of p) {
  for (const [mine, theirs] of Object.entries(same))
    assert.deepEqual(preset.metrics[mine], hand.metrics[theirs]);
}
// Zendesk's own update metrics differ from recipe a's on Z-1's first update cycle (Tuesday 10:30
// to Wednesday 11:30, pending then on hold): periodic update never pauses (9 business hours on an
// 8 h goal: breached), pausable update pauses on pending only (5.5 h), recipe a's also on hold (1.5 h).
const z1 = p[0].preset.metrics;
assert.deepEqual(
  [z1.periodic_update, z1.pausable_update, z1.update_not_on_hold].map((x) => [
    hours(x.cycles[0].elapsed),
    x.cycles[0].status,
  ]),
  [
    [9, 'breached'],
    [5.5, 'met'],
    [1.5, 'met'],
  ],
);
// The helpdesk view's "next SLA breach": Z-2's earliest running deadline, already past.
assert.deepEqual(p[1].preset.nextDeadline, { metric: 'next_reply', at: at('2026-03-05T11:00:00-05:00') });
