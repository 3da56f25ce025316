/**
 * Headless Chromium for the browser tests (test/bundle/global.chromium.test.ts,
 * test/render/report.chromium.test.ts): Debian's `chromium`, or another one named by
 * SLA_CLOCK_CHROMIUM, driven by playwright-core.
 */
import { existsSync } from 'node:fs';

/** Debian's chromium (or another Chromium named by SLA_CLOCK_CHROMIUM), if there is one. */
function findChromium(): string | undefined {
  const candidates = [process.env.SLA_CLOCK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path));
}

export const chromiumPath = findChromium();

export const noChromiumReason =
  "no Chromium at /usr/bin/chromium (nor SLA_CLOCK_CHROMIUM): install Debian's chromium package " +
  '(`apt-get update && apt-get install -y chromium`; .ci/run does this when it can) to run the browser test';

// Flags for a sandboxed machine with a closed network (the machine notes of this project):
// without the background-networking ones Chromium keeps trying to reach Google's hosts.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
