/**
 * What calendars chosen from the ticket cost (docs/policy.md, "Whose hours"), against the same
 * tickets on plain calendars in the same run: the sample policy of `examples/data/policy.json`
 * as it is (the baseline); the same with both calendars turned into templates whose zone comes
 * from an attribute (a warm zone); with every goal's calendar named by the ticket's `region`
 * (an attribute reference); and that reference measured `"piecewise"` on tickets whose region
 * changes mid-cycle (one extra binary search per split). Then the cold cost: a template in a zone
 * the compiled policy has not met yet (a year's chunk built for it), against a plain calendar
 * compiled and used once. Results: docs/benchmarks.md. No assertion: speed is reported, not tested.
 */
import { readFileSync } from 'node:fs';
import { afterAll, bench, describe } from 'vitest';
import { generateTickets } from './generate.js';
import { loadBuiltSlaClock } from './slaClockBuild.js';

type BenchOptions = NonNullable<Parameters<typeof bench>[2]>;
const fast: BenchOptions = { time: 600, warmupTime: 150 };
const cold: BenchOptions = { time: 400, warmupTime: 0, warmupIterations: 0 };

const { compilePolicy, computeSlaState } = await loadBuiltSlaClock();
const plainSpec = JSON.parse(readFileSync(new URL('../examples/data/policy.json', import.meta.url), 'utf8'));
const now = Date.UTC(2026, 3, 1);

/** The sample policy with its calendars as templates (zone from `tz`, default their own zone). */
function templated(spec: typeof plainSpec) {
  const calendars = Object.fromEntries(
    Object.entries(spec.calendars as Record<string, { timeZone: string }>).map(([name, calendar]) => [
      name,
      { ...calendar, timeZone: { attribute: 'tz', default: calendar.timeZone } },
    ]),
  );
  return { ...spec, calendars };
}

/** Every goal's calendar named by `region` (emea: berlin, else new_york), with `calendarAt` given. */
function referenced(spec: typeof plainSpec, calendarAt: 'goal' | 'piecewise') {
  const metrics = Object.fromEntries(
    Object.entries(spec.metrics as Record<string, { goals: object[] }>).map(([name, metric]) => [
      name,
      {
        ...metric,
        calendarAt,
        goals: metric.goals.map((goal) => ({
          ...goal,
          calendar: { attribute: 'region', default: 'new_york' },
        })),
      },
    ]),
  );
  return { ...spec, metrics };
}

const plain = compilePolicy(plainSpec);
const template = compilePolicy(templated(plainSpec));
const byRegion = compilePolicy(referenced(plainSpec, 'goal'));
const piecewise = compilePolicy(referenced(plainSpec, 'piecewise'));

type Ticket = ReturnType<typeof generateTickets> extends Iterable<infer T> ? T : never;
const base: Ticket[] = [...generateTickets({ count: 1024, seed: 10, minEvents: 10, maxEvents: 10 })];
/** Regions named as calendars; each ticket also carries its zone in `tz`, as written. */
const named = base.map((ticket, i) => {
  const [created, ...rest] = ticket.events;
  const region = i % 2 === 0 ? 'berlin' : 'new_york';
  const tz = region === 'berlin' ? 'Europe/Berlin' : 'America/New_York';
  return {
    ...ticket,
    events: [{ ...created, attributes: { ...(created?.attributes ?? {}), region, tz } }, ...rest],
  } as Ticket;
});
/** The same, with the region switched halfway through the log (a split for piecewise). */
const moved = named.map((ticket, i) => {
  const events = [...ticket.events];
  const middle = events[Math.floor(events.length / 2)] as { at: unknown; type: string };
  const region = i % 2 === 0 ? 'new_york' : 'berlin';
  events.splice(Math.floor(events.length / 2) + 1, 0, {
    type: 'updated',
    at: middle.at,
    attributes: { region },
  } as never);
  return { ...ticket, events } as Ticket;
});

const sink = new Float64Array(1);
let cursor = 0;
// Warm: every policy has met every ticket once (chunks built, zones compiled), so that the rows
// compare steady states and not the order in which they run.
for (const policy of [plain, template, byRegion, piecewise]) {
  for (const ticket of [...named, ...moved])
    sink[0] = (sink[0] as number) + computeSlaState(ticket as never, policy, { now }).now;
}
afterAll(() => console.log(`[bench] checksum ${sink[0]}`));

describe('one 10-event ticket, calendars chosen from the ticket', () => {
  const run = (policy: unknown, tickets: readonly Ticket[]) => () => {
    const state = computeSlaState(tickets[cursor++ & 1023] as never, policy as never, { now });
    sink[0] = (sink[0] as number) + state.now;
  };
  bench('plain calendars (baseline)', run(plain, named), fast);
  bench('templates, zone from an attribute (warm)', run(template, named), fast);
  bench('calendar from an attribute, calendarAt "goal"', run(byRegion, named), fast);
  bench('calendar from an attribute, calendarAt "piecewise", no change', run(piecewise, named), fast);
  bench('calendar from an attribute, calendarAt "piecewise", one change', run(piecewise, moved), fast);
  bench('plain calendars, the same changed tickets', run(plain, moved), fast);
});

// Zones the runtime knows, each met once by a freshly compiled policy: the first ticket in a zone
// builds that zone's chunk for the year it needs.
const zones = Intl.supportedValuesOf('timeZone');
let zoneCursor = 0;
const firstTicket = named[0] as Ticket;
describe('cold: the first ticket in a zone', () => {
  bench(
    'template in a new zone: compile the policy, then one ticket',
    () => {
      const policy = compilePolicy(templated(plainSpec));
      const tz = zones[zoneCursor++ % zones.length] as string;
      const [created, ...rest] = firstTicket.events;
      const ticket = {
        ...firstTicket,
        events: [{ ...created, attributes: { ...(created?.attributes ?? {}), tz } }, ...rest],
      };
      sink[0] = (sink[0] as number) + computeSlaState(ticket as never, policy, { now }).now;
    },
    cold,
  );
  bench(
    'plain calendars: compile the policy, then one ticket',
    () => {
      const policy = compilePolicy(plainSpec);
      sink[0] = (sink[0] as number) + computeSlaState(firstTicket as never, policy, { now }).now;
    },
    cold,
  );
});
