/**
 * Random what-if cases for diffSlaStates and compareSlaPolicies: two policies over the same
 * tickets. Half the time the second policy is the first with some goal targets redrawn (the
 * change an admin makes, which flips cycles); otherwise two independent random policies, which
 * share some metric names (`<kind>_<n>`) and not others.
 */
import fc from 'fast-check';
import type { PolicySpec, Ticket } from '../oracle/naiveEngine.js';
import { createdMsArb, durationArb, nowArb, policyArb, ticketArb } from '../oracle/ticketArbitraries.js';

export interface PolicyPairCase {
  readonly before: PolicySpec;
  readonly after: PolicySpec;
  readonly tickets: readonly Ticket[];
  readonly nowMs: number;
  /** Whether `after` is `before` with targets redrawn (same metrics, same triggers). */
  readonly retargeted: boolean;
}

/** `policy` with each goal's target redrawn where `redraw` says so. */
function retargeted(policy: PolicySpec, targets: readonly (number | string)[], redraw: readonly boolean[]) {
  let g = 0;
  const metrics = Object.fromEntries(
    Object.entries(policy.metrics).map(([name, metric]) => [
      name,
      {
        ...metric,
        goals: metric.goals.map((goal) => {
          const i = g++;
          return redraw[i] === true ? { ...goal, target: targets[i] as number | string } : goal;
        }),
      },
    ]),
  );
  return { ...policy, metrics } as PolicySpec;
}

const goalCount = (policy: PolicySpec): number =>
  Object.values(policy.metrics).reduce((sum, metric) => sum + metric.goals.length, 0);

/** A second policy for `before`: retargeted, or independent. */
function afterArb(
  before: PolicySpec,
  createdMs: number,
): fc.Arbitrary<{ after: PolicySpec; retargeted: boolean }> {
  const n = goalCount(before);
  return fc.oneof(
    fc
      .tuple(
        fc.array(durationArb(1, 2 * 1440), { minLength: n, maxLength: n }),
        fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      )
      .map(([targets, redraw]) => ({ after: retargeted(before, targets, redraw), retargeted: true })),
    policyArb(createdMs).map((after) => ({ after, retargeted: false })),
  );
}

export const policyPairCaseArb: fc.Arbitrary<PolicyPairCase> = createdMsArb.chain((createdMs) =>
  fc
    .tuple(
      policyArb(createdMs).chain((before) =>
        afterArb(before, createdMs).map((pair) => ({ before, ...pair })),
      ),
      fc.array(
        fc.integer({ min: 0, max: 2 * 1440 }).chain((minutes) => ticketArb(createdMs + minutes * 60_000)),
        { minLength: 1, maxLength: 6 },
      ),
    )
    .chain(([{ before, after, retargeted }, made]) => {
      const eventMs = made.flatMap((t) => t.eventMs).sort((a, b) => a - b);
      return nowArb(eventMs).map(
        (nowMs): PolicyPairCase => ({ before, after, tickets: made.map((t) => t.ticket), nowMs, retargeted }),
      );
    }),
);
