/**
 * SPEC.md section 10 (whose hours): the fast engine against the naive reference engine
 * (test/oracle/naiveEngine.ts, which learnt section 10 from the SPEC's text: replay the log, step
 * time minute by minute, ask "is this minute open on the calendar that applies to it?") on random
 * policies whose goals name their calendar through ticket attributes, with templates taking their
 * zone from the ticket, host calendars (handed over as a record in some runs and as a resolver
 * function in others), every `calendarAt` and `goalAt`, yearly holidays, ranges and holiday sets,
 * on logs whose owner, region and zone change mid-cycle (test/oracle/section10Arbitraries.ts).
 * Every field of the output must agree exactly.
 *
 * A failure prints fast-check's seed and path; replay it with
 * `SLA_ORACLE_SEED=<seed> SLA_ORACLE_PATH=<path> npx vitest run test/engine/oracle.section10.test.ts`.
 * `SLA_ORACLE_RUNS=10` runs ten times as many cases (a soak).
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  type Calendar,
  type CalendarSpec,
  compileCalendar,
  compilePolicy,
  computeSlaState,
  type PolicySpec,
  type Ticket,
} from '../../src/index.js';
import { runParams, scaledTimeoutMs } from '../oracle/arbitraries.js';
import { type HostCalendars, naiveComputeSlaState } from '../oracle/naiveEngine.js';
import { type Section10Case, section10CaseArb } from '../oracle/section10Arbitraries.js';

/** A resolver function over a record: own keys only, as a host would write it. */
function resolverOf<T>(record: Readonly<Record<string, T>>): (name: string) => T | undefined {
  return (name) => (Object.hasOwn(record, name) ? record[name] : undefined);
}

/** The host's calendars as each engine takes them: compiled for the fast one, specs for the naive one. */
function hostCalendarsOf(c: Section10Case): { fast: unknown; naive: HostCalendars | undefined } {
  if (c.host === undefined) return { fast: undefined, naive: undefined };
  const compiled: Record<string, Calendar> = Object.fromEntries(
    Object.entries(c.host).map(([name, spec]) => [name, compileCalendar(spec as CalendarSpec)]),
  );
  return c.hostForm === 'record'
    ? { fast: compiled, naive: c.host }
    : { fast: resolverOf(compiled), naive: resolverOf(c.host) };
}

test(
  'computeSlaState agrees with the naive reference engine on every field, with calendars chosen from the ticket',
  () => {
    fc.assert(
      fc.property(section10CaseArb, (c) => {
        const calendars = hostCalendarsOf(c);
        // The options are typed loosely: `calendars` is new in SPEC 10.3.
        const options = {
          now: c.nowMs,
          ...(calendars.fast === undefined ? {} : { calendars: calendars.fast }),
        };
        const fast = computeSlaState(
          c.ticket as Ticket,
          compilePolicy(c.policy as unknown as PolicySpec),
          options as never,
        );
        const naive = naiveComputeSlaState(c.ticket, c.policy, c.nowMs, { calendars: calendars.naive });
        expect(fast).toEqual(naive);
      }),
      runParams(500),
    );
  },
  scaledTimeoutMs(120_000),
);

test(
  'a raw spec and its compiled policy give the same state with host calendars',
  () => {
    fc.assert(
      fc.property(section10CaseArb, (c) => {
        const calendars = hostCalendarsOf(c);
        const options = {
          now: c.nowMs,
          ...(calendars.fast === undefined ? {} : { calendars: calendars.fast }),
        };
        const spec = c.policy as unknown as PolicySpec;
        expect(computeSlaState(c.ticket as Ticket, spec, options as never)).toEqual(
          computeSlaState(c.ticket as Ticket, compilePolicy(spec), options as never),
        );
      }),
      runParams(100),
    );
  },
  scaledTimeoutMs(60_000),
);
