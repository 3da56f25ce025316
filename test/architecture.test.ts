/**
 * Dependencies point one way (README.md, "Development"):
 * time and the shared messages and errors ← calendar ← policy ← engine ← report ← the library
 * entry ← render ← cli. A module may import its own layer and the layers before it, never one
 * after it: the library entry never reaches the CLI or the pictures, the engine never a report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const srcDir = resolve(import.meta.dirname, '../src');

/** Each module's layer, by its folder; the shared files at the top of src/ sit with `time`. */
const layers = ['time', 'calendar', 'policy', 'engine', 'report', 'entry', 'render', 'cli'] as const;
const entryFiles = new Set(['index.ts', 'global.ts']);

function layerOf(path: string): number {
  const rel = relative(srcDir, path);
  const [head = ''] = rel.split('/');
  if (!rel.includes('/')) return layers.indexOf(entryFiles.has(head) ? 'entry' : 'time');
  const index = layers.indexOf(head as (typeof layers)[number]);
  if (index < 0) throw new Error(`src/${rel}: a folder with no layer; add it to test/architecture.test.ts`);
  return index;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The relative imports of a module (`import ... from './x.js'`, `export ... from`, `import('./x.js')`). */
function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'(\.[^']+)'/g))
    found.push(match[1] as string);
  for (const match of text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)) found.push(match[1] as string);
  return found.map((specifier) => resolve(dirname(path), specifier.replace(/\.js$/, '.ts')));
}

describe('the layers of src/', () => {
  const files = sourceFiles(srcDir);

  test('every module imports only its own layer and the layers before it', () => {
    const wrong: string[] = [];
    for (const file of files) {
      for (const target of importsOf(file)) {
        if (!target.startsWith(srcDir)) continue;
        if (layerOf(target) > layerOf(file))
          wrong.push(`src/${relative(srcDir, file)} imports src/${relative(srcDir, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('the check sees the imports it is about', () => {
    // A check that found no imports would pass whatever the code did.
    const cliMain = importsOf(join(srcDir, 'cli/main.ts'));
    expect(cliMain.some((path) => path.endsWith('cli/compute.ts'))).toBe(true);
    expect(layerOf(join(srcDir, 'cli/main.ts'))).toBeGreaterThan(layerOf(join(srcDir, 'render/xml.ts')));
    expect(layerOf(join(srcDir, 'index.ts'))).toBeLessThan(layerOf(join(srcDir, 'render/xml.ts')));
    expect(files.length).toBeGreaterThan(100);
  });
});
