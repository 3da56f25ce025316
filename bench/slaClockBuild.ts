/**
 * sla-clock as it ships: `src/` bundled into one ES module by esbuild (as tsup builds `dist/`),
 * written under `node_modules/.cache/` and imported by Node itself.
 *
 * Why not import `../src/index.js` directly: vitest runs source files through Vite's SSR
 * transform, which turns every cross-module reference (`timelineOf`, `toInstantMs`, even the
 * `msPerChunk` constant) into a property read on a module namespace object. On the machine of
 * docs/benchmarks.md that made a warm `businessTimeBetween` 2.5 to 3.5 times slower than the same
 * code bundled, so a bench of `src/` would measure the test runner. The "harness" group keeps
 * one such row.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export type SlaClock = typeof import('../src/index.js');

/** Bundles `src/index.ts` afresh and imports the bundle. */
export async function loadBuiltSlaClock(): Promise<SlaClock> {
  const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
  const outDir = fileURLToPath(new URL('../node_modules/.cache/sla-clock-bench/', import.meta.url));
  const outfile = `${outDir}sla-clock.mjs`;
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies (zod) stay imports, as in dist/; they resolve from node_modules above.
    packages: 'external',
    logLevel: 'warning',
  });
  // The query makes each run import this run's bundle, whatever a module cache holds.
  return (await import(/* @vite-ignore */ `${pathToFileURL(outfile).href}?t=${Date.now()}`)) as SlaClock;
}
