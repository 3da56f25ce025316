import { defineConfig, type Options } from 'tsup';

// The CLI's and the global build's files in dist/: the library build's `clean` keeps them (the
// builds run at once).
const keptFiles = [
  'cli.js',
  'cli.js.map',
  'cli-worker.js',
  'cli-worker.js.map',
  'sla-clock.global.js',
  'sla-clock.global.js.map',
];

/**
 * `sla-clock/global` (docs/runtimes.md): one self-contained script, zod included, that defines
 * `globalThis.slaClock`, for hosts without modules (warehouse UDFs, `<script>`). tsup names an
 * IIFE `[name].global.js`. Exported so that test/bundle/ builds exactly this.
 */
export const globalBuild: Options = {
  entry: { 'sla-clock': 'src/global.ts' },
  format: ['iife'],
  // ES2022, as the library needs (Object.hasOwn, Array.prototype.at); nothing from Node.
  target: 'es2022',
  platform: 'browser',
  // Bundle zod too: a UDF or a page has nothing to import it from.
  noExternal: [/.*/],
  minify: true,
  sourcemap: true,
  clean: false,
  splitting: false,
  treeshake: true,
};

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
    clean: keptFiles.map((file) => `!${file}`),
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
  // Its types, dist/global.d.ts, are written after tsup (package.json's `build`): the declaration
  // build deletes every .d.ts in dist/ when it starts, whatever `clean` keeps.
  globalBuild,
]);
