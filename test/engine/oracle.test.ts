/**
 * The fast engine against the naive reference engine (test/oracle/naiveEngine.ts, written
 * straight from SPEC.md: replay the log, step time minute by minute, ask Intl about the
 * calendar) on random policies and event logs. Every field of the output must agree exactly.
 * `SLA_ORACLE_RUNS` scales the number of cases for a long soak.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { compilePolicy, computeSlaState, type PolicySpec, type Ticket } from '../../src/index.js';
import { naiveComputeSlaState } from '../oracle/naiveEngine.js';
import { slaCaseArb } from '../oracle/ticketArbitraries.js';

const scale = Number(process.env.SLA_ORACLE_RUNS ?? 1);

test('computeSlaState agrees with the naive reference engine on every field', () => {
  fc.assert(
    fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
      const fast = computeSlaState(ticket as Ticket, compilePolicy(policy as PolicySpec), { now: nowMs });
      const naive = naiveComputeSlaState(ticket, policy, nowMs);
      expect(fast).toEqual(naive);
    }),
    { numRuns: Math.round(1000 * scale) },
  );
});

test('a raw spec and its compiled policy give the same state', () => {
  fc.assert(
    fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
      const spec = policy as PolicySpec;
      expect(computeSlaState(ticket as Ticket, spec, { now: nowMs })).toEqual(
        computeSlaState(ticket as Ticket, compilePolicy(spec), { now: nowMs }),
      );
    }),
    { numRuns: Math.round(200 * scale) },
  );
});
