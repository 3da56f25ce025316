/**
 * The pictures in headless Chromium (docs/reports.md, "The HTML report"): the built CLI writes
 * `report --format html` and `explain --format html` of the sample data to a temporary directory;
 * Debian's `chromium`, driven by playwright-core, opens each from disk (file://) with every other
 * request refused and recorded. Each page must make no request, log no console error, show its
 * charts, and hold the numbers of the JSON output; each is screenshotted 1280 px wide and laid
 * out for print without overflowing an A4 width. Skipped only when no Chromium can be found, as
 * test/bundle/global.chromium.test.ts is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumArgs, chromiumPath, noChromiumReason } from '../chromium.js';
import { ensureBuilt, root, runCli, tempDir } from '../cli/run.js';
import { richestTicket } from './pictures.js';

const executablePath = chromiumPath;
const skipReason = noChromiumReason;

const sample = ['--policy', 'examples/data/policy.json', '--now', '2026-04-01T00:00:00Z'];
const input = 'examples/data/tickets.ndjson';

async function cliOut(args: readonly string[]): Promise<string> {
  const run = await runCli(args);
  if (run.code !== 0) throw new Error(`sla-clock ${args.join(' ')}: exit ${run.code}: ${run.stderr}`);
  return run.stdout;
}

/** Width and height of a PNG, from its IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe.runIf(executablePath !== undefined)('the HTML report and explain page in headless Chromium', () => {
  const dir = tempDir();
  let browser: Browser;
  let reportPath = '';
  let explainPath = '';
  let summaryJson: { groups: Record<string, unknown>[] };
  let segmentTotal = 0;
  /** The sample ticket whose timelines show the most: segment kinds first, then markers. */
  let ticket = '';

  beforeAll(async () => {
    ensureBuilt();
    ticket = richestTicket(
      readFileSync(`${root}examples/data/policy.json`, 'utf8'),
      readFileSync(`${root}${input}`, 'utf8'),
      Date.parse('2026-04-01T00:00:00Z'),
    );
    reportPath = dir.path('report.html');
    explainPath = dir.path('explain.html');
    writeFileSync(reportPath, await cliOut(['report', ...sample, '--format', 'html', input]));
    writeFileSync(
      explainPath,
      await cliOut(['explain', ...sample, '--ticket', ticket, '--format', 'html', input]),
    );
    summaryJson = JSON.parse(await cliOut(['report', ...sample, '--format', 'json', input]));
    for (const metric of ['first_reply', 'next_reply', 'requester_wait', 'time_on_hold']) {
      const explained = JSON.parse(
        await cliOut([
          'explain',
          ...sample,
          '--ticket',
          ticket,
          '--metric',
          metric,
          '--format',
          'json',
          input,
        ]),
      ) as { segments: unknown[] };
      segmentTotal += explained.segments.length;
    }
    browser = await chromium.launch({ executablePath: executablePath as string, args: chromiumArgs });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    dir.remove();
  });

  /**
   * Opens a page from disk, 1280 px wide. Every request but the page's own file is refused and
   * recorded in `requests`; console errors and warnings and page errors go to `problems`.
   */
  async function open(path: string): Promise<{ page: Page; requests: string[]; problems: string[] }> {
    const url = pathToFileURL(path).href;
    const requests: string[] = [];
    const problems: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.route('**/*', (route) => {
      const requested = route.request().url();
      if (requested === url) return route.continue();
      requests.push(requested);
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });
    return { page, requests, problems };
  }

  /** Screenshots the page 1280 px wide, then checks that in print it fits an A4 width. */
  async function screenshotAndPrint(page: Page, name: string): Promise<void> {
    const png = await page.screenshot({ fullPage: true, path: dir.path(`${name}.png`) });
    expect(pngSize(png).width).toBe(1280);
    expect(pngSize(png).height).toBeGreaterThan(600);
    await page.emulateMedia({ media: 'print' });
    // A4 at 96 dpi with 1 cm margins: 718 px of width.
    await page.setViewportSize({ width: 718, height: 1000 });
    const overflow = await page.evaluate(() => {
      const view = globalThis as unknown as {
        document: { documentElement: { scrollWidth: number } };
        innerWidth: number;
      };
      return view.document.documentElement.scrollWidth - view.innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    expect((await page.pdf({ format: 'A4' })).subarray(0, 4).toString()).toBe('%PDF');
  }

  test('report: no request, no console error, the table equals report --format json, the charts are drawn', async () => {
    const { page, requests, problems } = await open(reportPath);
    const rows = await page.$$eval('#summary tbody tr', (trs) =>
      trs.map((tr) =>
        Object.fromEntries(
          [...tr.querySelectorAll('[data-field]')].map((cell) => [
            cell.getAttribute('data-field'),
            {
              value: JSON.parse(cell.getAttribute('data-value') ?? 'null') as unknown,
              text: cell.textContent ?? '',
            },
          ]),
        ),
      ),
    );
    expect(rows).toHaveLength(summaryJson.groups.length);
    summaryJson.groups.forEach((group, index) => {
      const row = rows[index] as Record<string, { value: unknown; text: string }>;
      for (const field of [
        'metric',
        'cycles',
        'met',
        'breached',
        'cancelled',
        'stopped',
        'open',
        'openBreached',
      ])
        expect(row[field]?.value).toEqual(group[field]);
      expect(row.metric?.text).toBe(group.metric);
      expect(row.met?.text).toBe(String(group.met));
      for (const rate of ['complianceRate', 'breachRate']) {
        expect(row[rate]?.value).toEqual(group[rate]);
        // The text people read is the same number, as a percentage.
        expect(row[rate]?.text).toBe(`${((group[rate] as number) * 100).toFixed(1)}%`);
      }
      const elapsed = group.elapsed as Record<string, number>;
      for (const quantile of ['mean', 'median', 'p90'])
        expect(row[`elapsed.${quantile}`]?.value).toEqual(elapsed[quantile]);
    });
    // Four metrics: four line charts and four histograms, each drawn with a size, title and points.
    const charts = await page.$$eval('figure[data-chart] svg[role="img"]', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          chart: svg.parentElement?.getAttribute('data-chart'),
          width: box.width,
          height: box.height,
          title: svg.querySelector('title')?.textContent ?? '',
          label: svg.getAttribute('aria-labelledby'),
          points: svg.querySelectorAll('[data-series]').length,
          bars: [...svg.querySelectorAll('rect[data-count]')].reduce(
            (sum, bar) => sum + Number(bar.getAttribute('data-count')),
            0,
          ),
        };
      }),
    );
    expect(charts.map((c) => c.chart)).toEqual([
      'rates',
      'rates',
      'rates',
      'rates',
      'elapsed',
      'elapsed',
      'elapsed',
      'elapsed',
    ]);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(400);
      expect(chart.height).toBeGreaterThan(150);
      expect(chart.title).not.toBe('');
      expect(chart.label).toMatch(/-title .*-desc$/);
    }
    for (const chart of charts.filter((c) => c.chart === 'rates')) expect(chart.points).toBeGreaterThan(0);
    // Each histogram counts the metric's met and breached cycles with a goal: every one here has a goal.
    const decided = summaryJson.groups.map((g) => (g.met as number) + (g.breached as number));
    expect(charts.filter((c) => c.chart === 'elapsed').map((c) => c.bars)).toEqual(decided);
    const openBreaches = await page.$$eval('#open-breaches tbody tr', (trs) => trs.length);
    expect(openBreaches).toBe(20);
    await screenshotAndPrint(page, 'report');
    await page.close();
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('explain: no request, no console error, one [data-kind] element per segment of explain --format json', async () => {
    const { page, requests, problems } = await open(explainPath);
    const segments = await page.$$eval('[data-kind]', (elements) =>
      elements.map((element) => ({
        kind: element.getAttribute('data-kind'),
        title: element.querySelector('title')?.textContent ?? '',
        width: element.getBoundingClientRect().width,
      })),
    );
    expect(segments).toHaveLength(segmentTotal);
    for (const segment of segments) {
      expect(['counting', 'paused', 'closed', 'stopped']).toContain(segment.kind);
      expect(segment.title).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2} to .*; .+/);
      expect(segment.width).toBeGreaterThanOrEqual(0);
    }
    const markers = await page.$$eval('[data-marker]', (elements) =>
      elements.map((e) => e.getAttribute('data-marker')),
    );
    // The chosen ticket shows at least three kinds of segment and two kinds of marker.
    expect(new Set(segments.map((s) => s.kind)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(markers).size).toBeGreaterThanOrEqual(2);
    expect(await page.$$eval('[data-metric]', (bands) => bands.length)).toBe(4);
    await screenshotAndPrint(page, 'explain');
    await page.close();
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('a page that asks for something from the network is caught (the recorder works)', async () => {
    const probe = dir.path('probe.html');
    writeFileSync(
      probe,
      readFileSync(explainPath, 'utf8').replace(
        '</body>',
        '<img src="https://example.invalid/x.png"></body>',
      ),
    );
    const { page, requests, problems } = await open(probe);
    await page.close();
    // The page's own Content-Security-Policy refuses it first (a console error), or the route does.
    expect(requests.length + problems.length).toBeGreaterThan(0);
  });
});

if (executablePath === undefined) {
  describe('the HTML report and explain page in headless Chromium', () => {
    test(`skipped: ${skipReason}`, (context) => {
      console.warn(`test/render/report.chromium.test.ts: ${skipReason}`);
      context.skip();
    });
  });
}
