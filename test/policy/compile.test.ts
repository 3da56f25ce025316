import { describe, expect, test } from 'vitest';
import {
  compilePolicy,
  isSlaValidationError,
  type PolicySpec,
  policyJsonSchema,
  type SlaIssue,
  safeCompilePolicy,
  type UnversionedPolicySpec,
} from '../../src/index.js';

function issuesOf(spec: unknown): SlaIssue[] {
  const result = safeCompilePolicy(spec);
  if (result.success) throw new Error('expected the policy to be refused');
  return [...result.error.issues];
}

const goal = { target: '1h' };
const metric = (extra: object) => ({ metrics: { m: { kind: 'resolution', goals: [goal], ...extra } } });

describe('compilePolicy refuses bad input with a path and a readable message', () => {
  test.each([
    [
      'a target that is not a duration',
      { metrics: { resolution: { kind: 'resolution', goals: [goal, { target: '4 hours' }] } } },
      'invalid_duration',
      ['metrics', 'resolution', 'goals', 1, 'target'],
      'policy.metrics.resolution.goals[1].target: expected a duration such as "4h" or "PT4H", more than 0 and at most 100 years, got "4 hours"',
    ],
    [
      'a zero target',
      metric({ goals: [{ target: 0 }] }),
      'invalid_duration',
      ['metrics', 'm', 'goals', 0, 'target'],
      undefined,
    ],
    [
      'a target over 100 years',
      metric({ goals: [{ target: '5300w' }] }),
      'invalid_duration',
      ['metrics', 'm', 'goals', 0, 'target'],
      undefined,
    ],
    [
      'a typo in a metric key',
      metric({ pauseWhne: { status: 'pending' } }),
      'unrecognized_key',
      ['metrics', 'm', 'pauseWhne'],
      'policy.metrics.m.pauseWhne: unknown key "pauseWhne", expected one of kind, start, stop, cancel, pauseWhen, restart, goals, warnings, calendarAt, goalAt, keyBy, field',
    ],
    [
      'an unknown kind',
      { metrics: { m: { kind: 'first_reply', goals: [goal] } } },
      'invalid_value',
      ['metrics', 'm', 'kind'],
      'policy.metrics.m.kind: expected "first_response", "next_response", "periodic_update", "resolution", "custom", "ownership", "requester_wait", "agent_work" or "pausable_update", got "first_reply"',
    ],
    ['no goals', metric({ goals: [] }), 'invalid_value', ['metrics', 'm', 'goals'], undefined],
    [
      'a goal naming a calendar that does not exist',
      metric({ goals: [{ target: '1h', calendar: 'berlin' }] }),
      'invalid_value',
      ['metrics', 'm', 'goals', 0, 'calendar'],
      'policy.metrics.m.goals[0].calendar: expected the name of a calendar defined in policy.calendars, or "24/7", got "berlin"',
    ],
    [
      'a malformed warning',
      metric({ warnings: ['75'] }),
      'invalid_value',
      ['metrics', 'm', 'warnings', 0],
      'policy.metrics.m.warnings[0]: expected a warning such as "75%", "-15m" (before the target is used up) or "+1h" (past it), got "75"',
    ],
    [
      'duplicate warnings after normalising',
      metric({ warnings: ['-15m', '75%', '-PT15M'] }),
      'duplicate',
      ['metrics', 'm', 'warnings', 2],
      'policy.metrics.m.warnings[2]: expected no duplicate warnings ("75%" = "75.0%", "-15m" = "-PT15M"), got "-PT15M"',
    ],
    [
      'a custom metric without stop',
      { metrics: { m: { kind: 'custom', start: { on: 'created' }, goals: [goal] } } },
      'invalid_type',
      ['metrics', 'm', 'stop'],
      'policy.metrics.m.stop: required, expected a trigger: a custom metric has no default start or stop',
    ],
    [
      'a trigger on an unknown event',
      metric({ start: { on: 'reopened' } }),
      'invalid_value',
      ['metrics', 'm', 'start', 'on'],
      'policy.metrics.m.start.on: expected "created", "customer_message" or "agent_message", got "reopened"',
    ],
    [
      'an integer-like metric name',
      { metrics: { '42': { kind: 'resolution', goals: [goal] } } },
      'invalid_value',
      ['metrics', '42'],
      undefined,
    ],
    [
      'redefining "24/7"',
      { calendars: { '24/7': '24/7' }, metrics: { m: { kind: 'resolution', goals: [goal] } } },
      'invalid_value',
      ['calendars', '24/7'],
      undefined,
    ],
    [
      'a bad calendar inside the policy',
      {
        calendars: { ny: { timeZone: 'America/New_Yrok', week: {} } },
        metrics: { m: { kind: 'resolution', goals: [goal] } },
      },
      'invalid_time_zone',
      ['calendars', 'ny', 'timeZone'],
      'policy.calendars.ny.timeZone: expected an IANA time zone such as "Europe/Berlin", "America/New_York" or "UTC", got "America/New_Yrok"',
    ],
    [
      'a matcher that is not one',
      metric({ pauseWhen: { status: { equals: 'pending' } } }),
      'invalid_type',
      ['metrics', 'm', 'pauseWhen', 'status'],
      'policy.metrics.m.pauseWhen.status: expected a matcher: a string, number, boolean or null, an array of them, { not: ... } or { exists: true | false }, got {"equals":"pending"}',
    ],
    [
      '"all" with company',
      metric({ pauseWhen: { all: [], status: 'pending' } }),
      'unrecognized_key',
      ['metrics', 'm', 'pauseWhen', 'status'],
      'policy.metrics.m.pauseWhen.status: unknown key "status", expected one of all',
    ],
    [
      '"any" given a condition instead of an array',
      metric({ pauseWhen: { any: { status: 'pending' } } }),
      'invalid_type',
      ['metrics', 'm', 'pauseWhen', 'any'],
      'policy.metrics.m.pauseWhen.any: expected an array of conditions, got {"status":"pending"}',
    ],
    [
      'metrics missing',
      {},
      'invalid_type',
      ['metrics'],
      'policy.metrics: required, expected an object of named metrics { name: metric }',
    ],
    [
      'not an object',
      'policy',
      'invalid_type',
      [],
      'policy: expected a policy { calendars?, holidaySets?, resolvedWhen?, metrics }, got "policy"',
    ],
  ])('%s', (_name, spec, code, path, message) => {
    const issues = issuesOf(spec);
    expect(issues[0]?.code).toBe(code);
    expect(issues[0]?.path).toEqual(path);
    if (message !== undefined) expect(issues[0]?.message).toBe(message);
    expect(issues[0]?.message.startsWith(`policy${path.length > 0 ? '.' : ''}`)).toBe(true);
  });

  test('compilePolicy throws the same error that safeCompilePolicy returns', () => {
    const spec = metric({ pauseWhne: {} });
    try {
      compilePolicy(spec as unknown as PolicySpec);
      expect.unreachable();
    } catch (error) {
      expect(isSlaValidationError(error)).toBe(true);
      expect((error as { issues: SlaIssue[] }).issues).toEqual(issuesOf(spec));
    }
  });
});

describe('compiled policies', () => {
  const spec: PolicySpec = {
    calendars: { berlin: { timeZone: 'Europe/Berlin', week: { mon: [['09:00', '17:00']] } } },
    metrics: {
      first_reply: { kind: 'first_response', goals: [{ target: '1h', calendar: 'berlin' }] },
      resolution: { kind: 'resolution', goals: [{ target: 'P1D' }], warnings: ['75%'] },
    },
  };

  test('are immutable, keep policy order, and expose their calendars', () => {
    const policy = compilePolicy(spec);
    expect(policy.metricNames).toEqual(['first_reply', 'resolution']);
    expect(Object.keys(policy.calendars)).toEqual(['24/7', 'berlin']);
    expect(policy.calendars.berlin?.timeZone).toBe('Europe/Berlin');
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen((policy.spec as UnversionedPolicySpec).metrics)).toBe(true);
    expect(policy.spec).toEqual(spec);
  });

  test('never touch the spec they were compiled from', () => {
    const copy = structuredClone(spec);
    compilePolicy(copy);
    expect(copy).toEqual(spec);
    expect(Object.isFrozen(copy)).toBe(false);
  });
});

describe('policyJsonSchema', () => {
  test('is generated from the zod schema: strict objects, every kind, a recursive Condition, versions', () => {
    const schema = policyJsonSchema() as {
      $schema: string;
      anyOf: Record<string, unknown>[];
      $defs: Record<string, { required?: string[]; additionalProperties?: boolean }>;
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    // One policy, or its versions, each version's policy being the same definition.
    expect(schema.anyOf[0]).toEqual({ $ref: '#/$defs/Policy' });
    expect(Object.keys(schema.$defs).sort()).toEqual(['Condition', 'Policy']);
    expect(schema.$defs.Policy?.required).toEqual(['metrics']);
    expect(schema.$defs.Policy?.additionalProperties).toBe(false);
    const versioned = schema.anyOf[1] as { required: string[]; additionalProperties: boolean };
    expect(versioned.required).toEqual(['versions']);
    expect(versioned.additionalProperties).toBe(false);
    const text = JSON.stringify(schema);
    for (const kind of [
      'first_response',
      'next_response',
      'periodic_update',
      'resolution',
      'custom',
      'ownership',
      'requester_wait',
      'agent_work',
      'pausable_update',
    ])
      expect(text).toContain(kind);
    expect(text).toContain('"#/$defs/Condition"');
    expect(text.match(/"#\/\$defs\/Policy"/g)).toHaveLength(2);
  });
});

describe('policyJsonSchema is portable', () => {
  test('no lookahead anywhere, so RE2-based validators (Go, Rust) accept every pattern', () => {
    const text = JSON.stringify(policyJsonSchema());
    const patterns = [...text.matchAll(/"pattern":("(?:[^"\\]|\\.)*")/g)].map(
      (m) => JSON.parse(m[1] as string) as string,
    );
    expect(patterns.length).toBeGreaterThan(5);
    for (const pattern of patterns) {
      expect(pattern).not.toMatch(/\(\?[=!<]/);
      expect(() => new RegExp(pattern, 'u')).not.toThrow();
    }
  });

  test('a target is reported once, whatever is wrong with it', () => {
    for (const target of ['4 hours', '', 'PT', 0, -5, 1.5, '5300w']) {
      expect(issuesOf({ metrics: { m: { kind: 'resolution', goals: [{ target }] } } })).toHaveLength(1);
    }
  });

  test('a custom metric needs at least one start and one stop trigger', () => {
    const issues = issuesOf({ metrics: { m: { kind: 'custom', start: [], stop: [], goals: [goal] } } });
    expect(issues.map((issue) => issue.path)).toEqual([
      ['metrics', 'm', 'start'],
      ['metrics', 'm', 'stop'],
    ]);
  });
});
