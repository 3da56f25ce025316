#!/usr/bin/env node
// Adds the other platforms' optional builds (biome, rollup, ...) to package-lock.json.
//
// Why: this project's registry does not serve other platforms' optional packages, so
// `npm install` leaves them out of the lock, and npm 11's `npm ci` then rejects the lock
// as out of sync ("Missing: @biomejs/cli-darwin-arm64@ from lock file"). npm skips
// optional entries whose os/cpu/libc do not match the machine, so describing them is
// enough. Re-run after every dependency change: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS_WORDS = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'openbsd',
  'openharmony',
  'sunos',
  'win32',
  'aix',
  'netbsd',
];
const CPU_WORDS = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];

/** Reads `{ os, cpu, libc }` off a platform package name such as `@rollup/rollup-linux-arm64-musl`. */
function platformOf(name) {
  const words = name.split('/').pop().split('-');
  const os = words.find((w) => OS_WORDS.includes(w));
  const cpu = words.find((w) => CPU_WORDS.includes(w));
  if (!os || !cpu) return null;
  const libc =
    os === 'linux' ? (words.includes('musl') || words.includes('musleabihf') ? 'musl' : 'glibc') : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  const optional = entry.optionalDependencies;
  if (!optional) continue;
  const base = path === '' ? '' : `${path}/`;
  for (const [name, range] of Object.entries(optional)) {
    const nested = `${base}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    const version = range.replace(/^[\^~=]/, '');
    packages[hoisted] = {
      version,
      cpu: [platform.cpu],
      ...(entry.dev ? { dev: true } : {}),
      license: entry.license ?? 'MIT',
      optional: true,
      os: [platform.os],
      ...(platform.libc ? { libc: [platform.libc] } : {}),
    };
    added++;
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: ${added} optional platform entries added`);
