import { defineConfig } from 'tsup';

// The CLI's files in dist/: the library build's `clean` keeps them (both builds run at once).
const cliFiles = ['cli.js', 'cli.js.map', 'cli-worker.js', 'cli-worker.js.map'];

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    target: 'node20',
    platform: 'neutral',
    dts: {
      // tsup sets `baseUrl`, which TypeScript 6.0 deprecates (TS5101).
      compilerOptions: { ignoreDeprecations: '6.0' },
    },
    sourcemap: true,
    clean: cliFiles.map((file) => `!${file}`),
    treeshake: true,
    splitting: false,
    // Ship the policy's JSON Schema as a file, generated from the built library.
    onSuccess: 'node scripts/write-policy-schema.mjs',
  },
  {
    // The `sla-clock` command and its worker thread: ESM for Node only, never imported by the
    // library entry. Each file bundles what it needs (no shared chunk to name or clean).
    entry: { cli: 'src/cli/main.ts', 'cli-worker': 'src/cli/worker.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    sourcemap: true,
    clean: false,
    splitting: false,
    // An optional dependency, loaded by `sla-clock holidays` only, and only when installed.
    external: ['date-holidays'],
  },
]);
