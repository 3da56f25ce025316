/**
 * The library in a browser bundle (SPEC.md 16.4), measured with a real bundler: esbuild bundles
 * `import * as lib from 'sla-clock'` (src/index.ts) minified for the browser, zod included, and
 * node:zlib gzips it at level 9. The sizes are printed on every run and recorded in
 * docs/benchmarks.md and docs/runtimes.md.
 */
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';

/** SPEC.md 16.4's budget for the whole entry. Not met today: see `enforcedBudgetBytes`. */
const specBudgetBytes = 25_600;

/**
 * What CI enforces meanwhile: 45 KiB. With `zod/mini` and the JSON Schema shipped as data the
 * entry went from 123,633 to about 43,500 bytes, but the library's own code is about 34.7 KB
 * gzip by itself (zod about 8.7 KB), so SPEC.md's 25 KiB cannot be met with every export in the
 * entry; docs/runtimes.md ("Bundle size") has the numbers. This bound catches a regression such
 * as `import { z } from 'zod'` (back to over 100 KB) or Node code reaching the entry.
 */
const enforcedBudgetBytes = 46_080;

interface Measured {
  gzipBytes: number;
  minifiedBytes: number;
  metafile: Metafile;
}

/** Bundles `contents` (resolved from src/) as an app would for the browser; returns its sizes. */
async function measure(contents: string, external: string[] = []): Promise<Measured> {
  const result = await build({
    stdin: { contents, resolveDir: new URL('../../src/', import.meta.url).pathname, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    treeShaking: true,
    write: false,
    metafile: true,
    external,
    logLevel: 'silent',
  });
  const code = (result.outputFiles[0] as { contents: Uint8Array }).contents;
  return {
    gzipBytes: gzipSync(code, { level: 9 }).length,
    minifiedBytes: code.length,
    metafile: result.metafile,
  };
}

const everything = `import * as lib from './index.ts'; globalThis.lib = lib;`;
let whole: Measured;
let ownCode: Measured;

beforeAll(async () => {
  whole = await measure(everything);
  ownCode = await measure(everything, ['zod', 'zod/*']);
  console.log(
    `browser bundle of sla-clock: ${whole.gzipBytes} bytes gzip (level 9), ${whole.minifiedBytes} minified; ` +
      `its own code without zod: ${ownCode.gzipBytes} gzip; zod: about ${whole.gzipBytes - ownCode.gzipBytes}; ` +
      `SPEC.md 16.4 budget ${specBudgetBytes}, enforced ${enforcedBudgetBytes}`,
  );
}, 60_000);

describe('the library entry in a browser bundle', () => {
  test(`stays under ${enforcedBudgetBytes} bytes gzip, zod included (SPEC.md's ${specBudgetBytes} not met yet)`, () => {
    expect(whole.gzipBytes).toBeLessThan(enforcedBudgetBytes);
  });

  test('imports nothing from Node and no CLI code, and takes zod only through zod/mini', () => {
    const inputs = Object.keys(whole.metafile.inputs);
    expect(
      inputs.filter((path) => path.startsWith('src/cli/') || path.includes('node_modules/tinypool')),
    ).toEqual([]);
    const imports = Object.values(whole.metafile.inputs).flatMap((input) =>
      input.imports.map((entry) => entry.path),
    );
    expect(imports.filter((path) => path.startsWith('node:') || path === 'zod')).toEqual([]);
    // The classic API and its locales are what made the bundle over 100 KB (esbuild reads the
    // locales through zod/mini's index, and tree-shaking leaves nothing of them in the output).
    const output = Object.values(whole.metafile.outputs)[0]?.inputs ?? {};
    const kept = Object.keys(output).filter((path) => (output[path]?.bytesInOutput ?? 0) > 0);
    expect(
      kept.filter((path) => /node_modules\/zod\/(v4\/classic|v4\/locales|locales)\//.test(path)),
    ).toEqual([]);
  });
});
