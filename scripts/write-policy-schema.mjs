#!/usr/bin/env node
// Writes dist/policy.schema.json from the built library (tsup runs this after each build), so
// the package ships the JSON Schema of PolicySpec as a file: `sla-clock/policy.schema.json`.
import { writeFileSync } from 'node:fs';
import { policyJsonSchema } from '../dist/index.js';

const target = new URL('../dist/policy.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
