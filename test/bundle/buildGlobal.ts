/**
 * Builds `sla-clock/global` for a test, with tsup and exactly the options of the package build
 * (tsup.config.ts, `globalBuild`), into a temporary directory: the tests never read a stale dist/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'tsup';
import { globalBuild } from '../../tsup.config.js';

/** The text of a fresh `sla-clock.global.js`. */
export async function buildGlobalScript(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'sla-clock-global-'));
  try {
    await build({ ...globalBuild, outDir, sourcemap: false, silent: true, config: false });
    return readFileSync(join(outDir, 'sla-clock.global.js'), 'utf8');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
