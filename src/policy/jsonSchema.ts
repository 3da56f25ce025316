/**
 * `policyJsonSchema`: the JSON Schema of `PolicySpec`, generated from the policy's zod schema.
 *
 * Generated once, when the schema changes, rather than at run time: zod's JSON Schema generator
 * would add about 7 KB gzip to every browser bundle to produce 1.4 KB gzip of data that never
 * changes (docs/runtimes.md, "Bundle size"). test/policy/jsonSchema.test.ts generates it with
 * zod from the schema `compilePolicy` uses and fails when policySchema.json differs, so the two
 * cannot drift; `npx vitest run -u test/policy/jsonSchema.test.ts` rewrites the file.
 */
import schema from './policySchema.json' with { type: 'json' };

/**
 * The JSON Schema (draft 2020-12) of a policy, for backends in other languages to validate their
 * configuration before sending it. Generated from the zod schema that `compilePolicy` uses, so
 * the two cannot drift; checks that JSON Schema cannot express (a time zone the runtime knows,
 * a date that exists, a calendar reference) are left to `compilePolicy`. Name patterns are
 * written without lookahead, so RE2-based validators accept them. The package also ships it as
 * `sla-clock/policy.schema.json`. Each call returns a fresh copy.
 *
 * @example
 * policyJsonSchema().$schema //=> 'https://json-schema.org/draft/2020-12/schema'
 */
export function policyJsonSchema(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema));
}
