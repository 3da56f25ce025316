#!/usr/bin/env node
// Writes dist/global.d.ts, the types of `sla-clock/global` (`npm run build` runs this after tsup,
// whose declaration build deletes every .d.ts in dist/ as it starts): the script defines one
// global, `slaClock`, the library's exports. TypeScript users can
// `import 'sla-clock/global'` or reference it with `/// <reference types="sla-clock/global" />`.
import { writeFileSync } from 'node:fs';

const target = new URL('../dist/global.d.ts', import.meta.url);
writeFileSync(
  target,
  `// The types of sla-clock/global: running the script defines globalThis.slaClock.
import type * as api from './index.js';

declare global {
  var slaClock: Readonly<typeof api>;
}

export {};
`,
);
