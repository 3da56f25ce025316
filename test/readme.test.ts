/**
 * The README as a user reads it on the npm page: its TypeScript example type-checks when pasted
 * into a .ts file (against the built package, resolved by name, under the strictest options) and
 * prints what its comments say; and every link works from npm, where relative links do not.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, root } from './cli/run.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const repository = 'https://github.com/sla-clock/sla-clock';
/** The fenced blocks of a language, as written. */
const blocks = (language: string) =>
  [...readme.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map(
    (match) => match[1] as string,
  );

// Inside the repository, so that `import ... from 'sla-clock'` resolves the package by its own name
// (its package.json's `exports`), exactly as it resolves in a project that installed it.
let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(root, '.readme-check-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README', () => {
  test('the usage example type-checks as a .ts file, strict, with noUncheckedIndexedAccess', () => {
    const examples = blocks('ts');
    expect(examples.length).toBeGreaterThan(0);
    for (const [i, code] of examples.entries()) writeFileSync(join(dir, `example${i}.ts`), code);
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const options = [
      '--ignoreConfig',
      '--noEmit',
      '--strict',
      '--noUncheckedIndexedAccess',
      '--exactOptionalPropertyTypes',
      '--target',
      'es2022',
      '--types',
      'node',
      '--module',
    ];
    // Both ways a project resolves packages today: Node's (nodenext) and a bundler's.
    for (const [module, resolution] of [
      ['nodenext', 'nodenext'],
      ['esnext', 'bundler'],
    ] as const) {
      const files = examples.map((_, i) => join(dir, `example${i}.ts`));
      try {
        execFileSync(
          process.execPath,
          [tsc, ...options, module, '--moduleResolution', resolution, ...files],
          {
            cwd: root,
            encoding: 'utf8',
          },
        );
      } catch (error) {
        throw new Error(`tsc (${resolution}) failed:\n${(error as { stdout?: string }).stdout}`);
      }
    }
  }, 60_000);

  test('the usage example prints what its comments say', () => {
    const code = blocks('ts')[0] as string;
    const file = join(dir, 'usage.mjs');
    writeFileSync(file, transformSync(code, { loader: 'ts', format: 'esm' }).code);
    const printed = execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8' })
      .trim()
      .split('\n');
    const promised = [...code.matchAll(/console\.log\(.*\); \/\/ (.+?)(?:: .*)?$/gm)].map((m) => m[1]);
    expect(printed).toEqual(promised);
  });

  test('examples/quick-start.mjs is the same example in plain JavaScript', () => {
    const printed = execFileSync(process.execPath, [join(root, 'examples', 'quick-start.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(printed).toBe('running 3\n2026-03-03T16:00:00.000Z\n');
  });

  test('every link is absolute (npm shows the README without the repository) and names a file that exists', () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) {
      expect(link, link).toMatch(/^(https:\/\/|#)/);
      const prefix = `${repository}/blob/main/`;
      if (link.startsWith(prefix)) {
        const path = link.slice(prefix.length).split('#')[0] as string;
        expect(existsSync(join(root, path)), `${link}: ${path} is not in the repository`).toBe(true);
      }
    }
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(manifest.repository.url).toBe(`git+${repository}.git`);
  });

  test('it says how to install before it says how to clone', () => {
    const install = readme.indexOf('npm install sla-clock');
    expect(install).toBeGreaterThan(0);
    expect(install).toBeLessThan(readme.indexOf('git clone'));
  });
});
