import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  target: 'node20',
  platform: 'neutral',
  dts: {
    // tsup sets `baseUrl`, which TypeScript 6.0 deprecates (TS5101).
    compilerOptions: { ignoreDeprecations: '6.0' },
  },
  sourcemap: true,
  clean: true,
  treeshake: true,
  splitting: false,
  // Ship the policy's JSON Schema as a file, generated from the built library.
  onSuccess: 'node scripts/write-policy-schema.mjs',
});
