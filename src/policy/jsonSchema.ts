/** `policyJsonSchema`: the JSON Schema of `PolicySpec`, generated from the same zod schema. */
import { z } from 'zod';
import { policySpecSchema, unversionedPolicySchema } from './schema.js';

// Name patterns that zod writes with a negative lookahead, which RE2-based validators (Go's, say)
// reject; each becomes the equivalent `not`.
const lookaheadFree: Record<string, object> = {
  '^(?!(?:all|any|not)$)': { not: { enum: ['all', 'any', 'not'] } },
  '^(?!24\\/7$)': { not: { const: '24/7' } },
  '^(?!-?\\d+$)': { not: { pattern: '^-?\\d+$' } },
};

/** Rewrites lookahead patterns as `not` clauses, everywhere in a generated schema. */
function portable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(portable);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const replacement = key === 'pattern' && typeof value === 'string' ? lookaheadFree[value] : undefined;
    if (replacement !== undefined) Object.assign(out, replacement);
    else out[key] = portable(value);
  }
  return out;
}

/**
 * The JSON Schema (draft 2020-12) of a policy, for backends in other languages to validate their
 * configuration before sending it. Generated from the zod schema that `compilePolicy` uses, so
 * the two cannot drift; checks that JSON Schema cannot express (a time zone the runtime knows,
 * a date that exists, a calendar reference) are left to `compilePolicy`. The package also ships
 * it as `sla-clock/policy.schema.json`.
 *
 * @example
 * policyJsonSchema().$schema //=> 'https://json-schema.org/draft/2020-12/schema'
 */
export function policyJsonSchema(): Record<string, unknown> {
  // One policy is both the whole schema's first form and every version's `policy`: named once in
  // `$defs`, through a registry of our own (never zod's global one, which a host's app may use).
  const names = z.registry<{ id: string }>();
  names.add(unversionedPolicySchema(), { id: 'Policy' });
  const generated = z.toJSONSchema(policySpecSchema(), {
    unrepresentable: 'any',
    io: 'input',
    metadata: names,
  });
  // zod names the recursive definition after its position; give it the name readers know.
  const named = JSON.parse(JSON.stringify(generated).replaceAll('__schema0', 'Condition'));
  const schema = portable(named) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://sla-clock.dev/policy.schema.json',
    title: 'sla-clock PolicySpec',
    description: 'An SLA policy for sla-clock: calendars, resolvedWhen and metrics (see docs/policy.md).',
  };
}
