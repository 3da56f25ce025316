/**
 * One ticket and policy for the runtime tests (vm, Chromium): plain JSON, so it crosses into a
 * V8 context or a page as it is, with numbers that can be checked by hand.
 *
 * New York hours Mon-Fri 09:00-17:00 (EST, UTC-5, in early March 2026), Wednesday 4 March a
 * holiday. Created Monday 08:00 EST, before opening; the agent replies at 11:30 EST; the ticket
 * is pending from Monday 15:00 to Tuesday 10:00 EST. At Thursday 10:00 EST:
 * - first_reply met after 2.5 h (09:00 to 11:30);
 * - resolution has used 6 h (Mon 09-15) + 7 h (Tue 10-17) + 0 (holiday) + 1 h (Thu 09-10) =
 *   14 h of its 16 h, so 2 h remain and the deadline is Thursday 12:00 EST, 17:00 UTC.
 */
const workday = [['09:00', '17:00']];

export const runtimeCase = {
  policy: {
    calendars: {
      new_york: {
        timeZone: 'America/New_York',
        week: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday },
        holidays: ['2026-03-04'],
      },
    },
    metrics: {
      first_reply: { kind: 'first_response', goals: [{ target: '4h', calendar: 'new_york' }] },
      resolution: {
        kind: 'resolution',
        pauseWhen: { status: 'pending' },
        goals: [{ target: '16h', calendar: 'new_york' }],
        warnings: ['75%'],
      },
    },
  },
  ticket: {
    id: 'T-1',
    events: [
      { type: 'created', at: '2026-03-02T13:00:00Z', attributes: { status: 'new' } },
      { type: 'message', at: '2026-03-02T16:30:00Z', author: 'agent' },
      { type: 'updated', at: '2026-03-02T20:00:00Z', attributes: { status: 'pending' } },
      { type: 'updated', at: '2026-03-03T15:00:00Z', attributes: { status: 'open' } },
    ],
  },
  now: '2026-03-05T15:00:00Z',
} as const;

/** What the state must say, worked out by hand above. */
export const runtimeExpected = {
  firstReply: { status: 'met', elapsed: 2.5 * 3_600_000 },
  resolution: {
    status: 'running',
    elapsed: 14 * 3_600_000,
    remaining: 2 * 3_600_000,
    deadline: '2026-03-05T17:00:00.000Z',
  },
} as const;

/**
 * The script a host runs once the library is loaded: computes the state from the case with the
 * global `slaClock` and returns it serialized (plain JSON). The same text runs in the vm context
 * and in the page, as a UDF body would.
 */
export const computeWithGlobal = `
  const { policy, ticket, now } = input;
  const compiled = slaClock.compilePolicy(policy);
  return slaClock.serializeSlaState(slaClock.computeSlaState(ticket, compiled, { now }));
`;
