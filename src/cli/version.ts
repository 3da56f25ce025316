/** The package's version and the time-zone database it computes with, for `--version` and `/v1/version`. */
import { readFileSync } from 'node:fs';

/**
 * The package version, from the package.json beside dist/ (installed copies always ship it; this
 * file is bundled into dist/cli.js, one directory below it).
 */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** The runtime's tz database version (`process.versions.tz`): results depend on it. */
export function tzVersion(): string {
  return process.versions.tz ?? 'unknown';
}
