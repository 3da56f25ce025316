/**
 * Policy versions (docs/policy.md, "Policy versions"): each ticket computed entirely with one
 * version, chosen by its `created` instant or by `now`.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compilePolicy,
  computeSlaState,
  explainSla,
  isSlaValidationError,
  type PolicySpec,
  type SlaState,
  summarizeSla,
  type Ticket,
  type TicketEvent,
  type UnversionedPolicySpec,
} from '../../src/index.js';
import { naiveInstantMs } from '../oracle/naiveEngine.js';
import { type SlaCase, slaCaseArb } from '../oracle/ticketArbitraries.js';
import { hour, ms } from './fixtures.js';

const createdMsOf = (c: SlaCase) =>
  naiveInstantMs((c.ticket.events.find((e) => e.type === 'created') as { at: string | number }).at);

/** A state without its version index, to compare with an unversioned policy's. */
const withoutVersion = ({ policyVersion: _, ...rest }: SlaState) => rest;

describe('properties', () => {
  test('a one-version policy computes exactly as the plain policy', () => {
    fc.assert(
      fc.property(slaCaseArb, fc.integer({ min: -1e12, max: 4e12 }), (c, fromMs) => {
        const plain = computeSlaState(c.ticket as Ticket, compilePolicy(c.policy as PolicySpec), {
          now: c.nowMs,
        });
        const versioned = computeSlaState(
          c.ticket as Ticket,
          compilePolicy({ versions: [{ from: fromMs, policy: c.policy as UnversionedPolicySpec }] }),
          { now: c.nowMs },
        );
        expect(versioned.policyVersion).toBe(0);
        expect(plain.policyVersion).toBeNull();
        expect(withoutVersion(versioned)).toEqual(withoutVersion(plain));
      }),
      { numRuns: 150 },
    );
  });

  test('select "created": a version from after the ticket was created never changes its result', () => {
    fc.assert(
      fc.property(slaCaseArb, slaCaseArb, fc.integer({ min: 1, max: 1e10 }), (c, other, laterMs) => {
        const policy = c.policy as UnversionedPolicySpec;
        const base = compilePolicy({ versions: [{ from: 0, policy }] });
        const extended = compilePolicy({
          versions: [
            { from: 0, policy },
            { from: createdMsOf(c) + laterMs, policy: other.policy as UnversionedPolicySpec },
          ],
        });
        expect(computeSlaState(c.ticket as Ticket, extended, { now: c.nowMs })).toEqual(
          computeSlaState(c.ticket as Ticket, base, { now: c.nowMs }),
        );
      }),
      { numRuns: 150 },
    );
  });

  test('select "now" equals computing with the version in force at now alone', () => {
    fc.assert(
      fc.property(
        slaCaseArb,
        slaCaseArb,
        fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }),
        (c, other, shiftMs) => {
          const switchMs = c.nowMs + shiftMs;
          const first = c.policy as UnversionedPolicySpec;
          const second = other.policy as UnversionedPolicySpec;
          const versioned = compilePolicy({
            versions: [
              { from: switchMs - 86_400_000, policy: first },
              { from: switchMs, policy: second },
            ],
            select: 'now',
          });
          const inForce = switchMs <= c.nowMs ? second : first;
          const state = computeSlaState(c.ticket as Ticket, versioned, { now: c.nowMs });
          expect(state.policyVersion).toBe(switchMs <= c.nowMs ? 1 : 0);
          expect(withoutVersion(state)).toEqual(
            withoutVersion(computeSlaState(c.ticket as Ticket, compilePolicy(inForce), { now: c.nowMs })),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

// The enterprise target goes from 8 h to 4 h on April 1st; old tickets keep the old terms.
const terms = (target: string): UnversionedPolicySpec => ({
  metrics: { resolution: { kind: 'resolution', goals: [{ target }] } },
});
const raised: PolicySpec = {
  versions: [
    { from: '2026-01-01T00:00:00Z', policy: terms('8h') },
    { from: '2026-04-01T00:00:00+02:00', policy: terms('4h') },
  ],
};
const openedAt = (at: string): TicketEvent[] => [{ type: 'created', at, attributes: { status: 'open' } }];
const targetOf = (state: SlaState) => state.metrics.resolution?.goal?.target;

describe('scenarios', () => {
  test('a ticket created exactly at a version\'s "from" is computed with that version', () => {
    const state = computeSlaState(openedAt('2026-03-31T22:00:00Z'), raised, { now: '2026-04-02T00:00:00Z' });
    expect(state.policyVersion).toBe(1);
    expect(targetOf(state)).toBe(4 * hour);
    const justBefore = computeSlaState(openedAt('2026-03-31T21:59:59.999Z'), raised, {
      now: '2026-04-02T00:00:00Z',
    });
    expect(justBefore.policyVersion).toBe(0);
    expect(targetOf(justBefore)).toBe(8 * hour);
  });

  test('a ticket created before the first version is computed with the first', () => {
    const state = computeSlaState(openedAt('2025-06-01T00:00:00Z'), raised, { now: '2026-04-02T00:00:00Z' });
    expect(state.policyVersion).toBe(0);
    expect(targetOf(state)).toBe(8 * hour);
  });

  test('select "now": every ticket is recomputed under the terms in force at now', () => {
    const now = { versions: (raised as { versions: never[] }).versions, select: 'now' } as PolicySpec;
    const events = openedAt('2026-03-31T12:00:00Z');
    const before = computeSlaState(events, now, { now: '2026-03-31T20:00:00Z' });
    expect([before.policyVersion, targetOf(before)]).toEqual([0, 8 * hour]);
    const after = computeSlaState(events, now, { now: '2026-04-01T10:00:00Z' });
    expect([after.policyVersion, targetOf(after)]).toEqual([1, 4 * hour]);
    // The same ticket under "created" keeps the old terms.
    expect(targetOf(computeSlaState(events, raised, { now: '2026-04-01T10:00:00Z' }))).toBe(8 * hour);
  });

  test("the output's metrics are the selected version's", () => {
    const policy: PolicySpec = {
      versions: [
        { from: 0, policy: { metrics: { old_clock: { kind: 'resolution', goals: [{ target: '1h' }] } } } },
        {
          from: '2026-04-01T00:00:00Z',
          policy: { metrics: { new_clock: { kind: 'first_response', goals: [{ target: '1h' }] } } },
        },
      ],
    };
    const compiled = compilePolicy(policy);
    expect(compiled.metricNames).toEqual(['old_clock', 'new_clock']);
    expect(compiled.versions?.map((v) => v.from)).toEqual([0, ms('2026-04-01T00:00:00Z')]);
    const old = computeSlaState(openedAt('2026-03-01T00:00:00Z'), compiled, { now: '2026-04-02T00:00:00Z' });
    expect(Object.keys(old.metrics)).toEqual(['old_clock']);
    const fresh = computeSlaState(openedAt('2026-04-01T10:00:00Z'), compiled, {
      now: '2026-04-02T00:00:00Z',
    });
    expect(Object.keys(fresh.metrics)).toEqual(['new_clock']);
    // Explaining a metric of another version: no cycle; a metric of no version: an error.
    expect(
      explainSla(openedAt('2026-03-01T00:00:00Z'), compiled, {
        now: '2026-04-02T00:00:00Z',
        metric: 'new_clock',
      }),
    ).toEqual([]);
    expect(
      explainSla(openedAt('2026-03-01T00:00:00Z'), compiled, {
        now: '2026-03-01T01:00:00Z',
        metric: 'old_clock',
      }),
    ).toHaveLength(1);
    expect(() => explainSla(openedAt('2026-03-01T00:00:00Z'), compiled, { now: 0, metric: 'nope' })).toThrow(
      /options\.metric/,
    );
  });

  test('summaries by policy version', () => {
    const states = ['2026-03-30T12:00:00Z', '2026-03-31T12:00:00Z', '2026-04-02T12:00:00Z'].map((at) =>
      computeSlaState(openedAt(at), raised, { now: '2026-04-05T00:00:00Z' }),
    );
    const rows = summarizeSla(states, { groupBy: { policyVersion: true } }).groups.map((row) => [
      row.key,
      row.cycles,
    ]);
    expect(rows).toEqual([
      [0, 2],
      [1, 1],
    ]);
  });
});

describe('bad versions are refused with their paths', () => {
  const issuesOf = (spec: unknown) => {
    try {
      compilePolicy(spec as PolicySpec);
    } catch (error) {
      if (isSlaValidationError(error)) return error.issues.map(({ code, path }) => ({ code, path }));
      throw error;
    }
    throw new Error('accepted');
  };
  const v = (from: unknown, policy: unknown = terms('1h')) => ({ from, policy });

  test.each([
    ['no versions', { versions: [] }, [{ code: 'invalid_value', path: ['versions'] }]],
    ['equal froms', { versions: [v(0), v(0)] }, [{ code: 'invalid_value', path: ['versions', 1, 'from'] }]],
    [
      'decreasing froms',
      { versions: [v('2026-04-01T00:00:00Z'), v('2026-03-01T00:00:00Z')] },
      [{ code: 'invalid_value', path: ['versions', 1, 'from'] }],
    ],
    [
      'a from without offset',
      { versions: [v('2026-04-01T00:00:00')] },
      [{ code: 'invalid_instant', path: ['versions', 0, 'from'] }],
    ],
    [
      'versions nested in a version',
      { versions: [v(0, { versions: [v(0)] })] },
      [
        { code: 'invalid_type', path: ['versions', 0, 'policy', 'metrics'] },
        { code: 'unrecognized_key', path: ['versions', 0, 'policy', 'versions'] },
      ],
    ],
    [
      'other keys beside versions',
      { versions: [v(0)], metrics: {} },
      [{ code: 'unrecognized_key', path: ['metrics'] }],
    ],
    [
      'select on a policy without versions',
      { select: 'now', metrics: {} },
      [{ code: 'unrecognized_key', path: ['select'] }],
    ],
    [
      'an unknown select',
      { versions: [v(0)], select: 'latest' },
      [{ code: 'invalid_value', path: ['select'] }],
    ],
    [
      'a bad target inside a version',
      { versions: [v(0), v(1, terms('4 hours'))] },
      [
        {
          code: 'invalid_duration',
          path: ['versions', 1, 'policy', 'metrics', 'resolution', 'goals', 0, 'target'],
        },
      ],
    ],
    [
      'an undefined calendar inside a version',
      {
        versions: [
          v(0, { metrics: { m: { kind: 'resolution', goals: [{ target: '1h', calendar: 'ny' }] } } }),
        ],
      },
      [{ code: 'invalid_value', path: ['versions', 0, 'policy', 'metrics', 'm', 'goals', 0, 'calendar'] }],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(issuesOf(spec)).toEqual(expected);
  });

  test('messages name the version', () => {
    try {
      compilePolicy({
        versions: [
          v(0, { metrics: { m: { kind: 'resolution', goals: [{ target: '1h', calendar: 'ny' }] } } }),
        ],
      } as never);
    } catch (error) {
      expect((error as Error).message).toMatch(
        /^policy\.versions\[0\]\.policy\.metrics\.m\.goals\[0\]\.calendar: expected/,
      );
    }
  });
});
