import { describe, expect, test } from 'vitest';
import { policyJsonSchema } from '../../src/index.js';
import { zodPolicyJsonSchema } from './zodJsonSchema.js';

describe('policyJsonSchema', () => {
  // The library ships the schema as data rather than zod's generator (docs/runtimes.md, "Bundle
  // size"). After a change to src/policy/schema.ts or src/calendar/schema.ts this fails; then
  // `npx vitest run -u test/policy/jsonSchema.test.ts` rewrites src/policy/policySchema.json.
  test('the shipped schema is exactly what zod generates from the policy schema', async () => {
    await expect(`${JSON.stringify(zodPolicyJsonSchema(), null, 2)}\n`).toMatchFileSnapshot(
      '../../src/policy/policySchema.json',
    );
  });

  test('returns the shipped schema, a fresh copy on every call', () => {
    const first = policyJsonSchema();
    expect(first).toEqual(zodPolicyJsonSchema());
    (first as { title: string }).title = 'changed by a caller';
    expect(policyJsonSchema().title).toBe('sla-clock PolicySpec');
  });
});
