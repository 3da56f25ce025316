#!/usr/bin/env node
/**
 * Writes the two pictures of README.md, docs/images/report.png and docs/images/explain.png, from
 * the sample data: `npm run build && node scripts/screenshots.mjs`. Runs the built CLI
 * (dist/cli.js) for `report --format html` and `explain --format html` (of the sample ticket whose
 * timelines show the most kinds of segment and marker, then the shortest, as the browser test picks it), opens each page from disk
 * in Debian's Chromium (or SLA_CLOCK_CHROMIUM) through playwright-core, with every network request
 * refused, and screenshots it 1280 px wide. Optional argument: a directory to write to instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const outDir = resolve(process.argv[2] ?? join(root, 'docs', 'images'));
const chromiumPath = [process.env.SLA_CLOCK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path) => path !== undefined && path !== '' && existsSync(path),
);
if (chromiumPath === undefined) {
  console.error('scripts/screenshots.mjs: no Chromium at /usr/bin/chromium (nor SLA_CLOCK_CHROMIUM)');
  process.exit(1);
}

// The sample data and the instant the README's examples use.
const common = ['--policy', 'examples/data/policy.json', '--now', '2026-04-01T00:00:00Z'];
const input = 'examples/data/tickets.ndjson';
const cli = (args) =>
  execFileSync(process.execPath, ['dist/cli.js', ...args], { cwd: root, encoding: 'utf8' });

/** As test/render/pictures.ts richestTicket: most segment kinds, then marker kinds, first in input order. */
async function richestTicket() {
  const { compilePolicy, computeSlaState, explainSla } = await import(
    pathToFileURL(join(root, 'dist', 'index.js')).href
  );
  const policy = compilePolicy(JSON.parse(readFileSync(join(root, common[1]), 'utf8')));
  const now = common[3];
  let best = { id: '', score: -1, spanMs: Number.POSITIVE_INFINITY };
  for (const line of readFileSync(join(root, input), 'utf8').split('\n')) {
    if (line === '') continue;
    const ticket = JSON.parse(line);
    const state = computeSlaState(ticket, policy, { now });
    const kinds = new Set();
    const markers = new Set();
    let firstMs = Number.POSITIVE_INFINITY;
    for (const [metric, { cycles }] of Object.entries(state.metrics)) {
      const cycle = cycles.at(-1);
      if (cycle === undefined) continue;
      for (const segment of explainSla(ticket, policy, { now, metric })) {
        kinds.add(segment.kind);
        firstMs = Math.min(firstMs, segment.from);
      }
      if (cycle.deadline !== null) markers.add('deadline');
      if (cycle.breachedAt !== null) markers.add('breach');
      if (cycle.warnings.some((warning) => warning.at !== null)) markers.add('warning');
    }
    const score = kinds.size * 10 + markers.size;
    const spanMs = Date.parse(now) - firstMs;
    if (score > best.score || (score === best.score && spanMs < best.spanMs))
      best = { id: String(ticket.id), score, spanMs };
  }
  return best.id;
}

const work = mkdtempSync(join(tmpdir(), 'sla-clock-shots-'));
const pages = {
  report: cli(['report', ...common, '--format', 'html', input]),
  explain: cli(['explain', ...common, '--ticket', await richestTicket(), '--format', 'html', input]),
};
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  mkdirSync(outDir, { recursive: true });
  for (const [name, html] of Object.entries(pages)) {
    const file = join(work, `${name}.html`);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort(),
    );
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
    await page.close();
    console.log(join(outDir, `${name}.png`));
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
