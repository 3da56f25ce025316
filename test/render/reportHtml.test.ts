import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compilePolicy,
  computeSlaState,
  type PolicySpec,
  type SlaState,
  type SummarizeOptions,
  summarizeSla,
  type Ticket,
} from '../../src/index.js';
import { percentBin, percentBinCount } from '../../src/render/histogram.js';
import { type OpenBreach, ReportCollector } from '../../src/render/reportData.js';
import { type ReportHtmlData, renderReportHtml } from '../../src/render/reportHtml.js';
import { escapeXml } from '../../src/render/xml.js';
import { slaCaseArb } from '../oracle/ticketArbitraries.js';
import { asShown, tableRows } from './reportTable.js';
import { attributeNames, countOf, svgsOf, xmlProblem } from './xmlCheck.js';

const root = new URL('../../', import.meta.url);
const samplePolicy = compilePolicy(
  JSON.parse(readFileSync(new URL('examples/data/policy.json', root), 'utf8')) as PolicySpec,
);
const sampleTickets = readFileSync(new URL('examples/data/tickets.ndjson', root), 'utf8')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => JSON.parse(line) as Ticket);
const nowMs = Date.parse('2026-04-01T00:00:00Z');
const sampleStates = sampleTickets.map((ticket) => computeSlaState(ticket, samplePolicy, { now: nowMs }));

function reportOf(states: readonly SlaState[], options: SummarizeOptions, groupBy?: string): ReportHtmlData {
  const collector = new ReportCollector(10);
  for (const state of states) collector.add(state);
  const period = options.period ?? { unit: 'week' as const, timeZone: 'UTC' };
  return {
    nowMs,
    tickets: states.length,
    problems: 0,
    groupBy,
    summary: summarizeSla(states, options),
    periods: {
      unit: period.unit,
      timeZone: period.timeZone,
      by: period.by ?? 'start',
      chosen: options.period !== undefined,
      summary: summarizeSla(states, { period }),
    },
    extras: collector.result(),
  };
}

describe('renderReportHtml', () => {
  test.each([
    ['ungrouped', {}, undefined],
    ['by tier', { groupBy: 'tier' }, 'tier'],
    [
      'by tier and month in New York',
      { groupBy: 'tier', period: { unit: 'month', timeZone: 'America/New_York' } },
      'tier',
    ],
  ] as const)('the table holds exactly the summary rows (%s)', (_, options, groupBy) => {
    const data = reportOf(sampleStates, options as SummarizeOptions, groupBy);
    const html = renderReportHtml(data);
    const expected = JSON.parse(JSON.stringify(data.summary.groups)) as Record<string, unknown>[];
    expect(tableRows(html, 'summary')).toEqual(
      expected.map((group) => asShown(group, groupBy !== undefined)),
    );
  });

  test('one rates chart and one histogram per metric, each an accessible, well-formed SVG', () => {
    const html = renderReportHtml(reportOf(sampleStates, {}));
    const metrics = samplePolicy.metricNames;
    expect(metrics.length).toBe(4);
    expect(countOf(html, 'data-chart="rates"')).toBe(metrics.length);
    expect(countOf(html, 'data-chart="elapsed"')).toBe(metrics.length);
    const svgs = svgsOf(html);
    expect(svgs.length).toBe(2 * metrics.length);
    for (const svg of svgs) {
      expect(xmlProblem(svg)).toBeNull();
      expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="([\w-]+)-title \1-desc"/);
      expect(svg).toMatch(/<title id="[\w-]+-title">[^<]+<\/title><desc id="[\w-]+-desc">[^<]+<\/desc>/);
    }
    expect(countOf(html, 'data-marker="target"')).toBe(metrics.length);
  });

  test('each chart point carries the exact rate of its period row', () => {
    const data = reportOf(sampleStates, {});
    const html = renderReportHtml(data);
    const points = [...html.matchAll(/data-series="compliance" data-period="([^"]+)" data-value="([^"]+)"/g)];
    const decided = data.periods.summary.groups.filter((row) => row.complianceRate !== null);
    expect(points.length).toBe(decided.length);
    for (const row of decided)
      expect(points.some((p) => p[1] === row.period && Number(p[2]) === row.complianceRate)).toBe(true);
  });

  test('hostile metric names and group keys are escaped; the page loads nothing', () => {
    const name = `<script>alert("x")</script> & 'q'`;
    const policy = compilePolicy({
      metrics: { [name]: { kind: 'first_response', goals: [{ target: '1h' }] } },
    });
    const states = [
      computeSlaState(
        {
          id: '"><script>',
          events: [{ type: 'created', at: '2026-03-02T09:00:00Z', attributes: { tier: '<img src=x>' } }],
        },
        policy,
        { now: nowMs },
      ),
    ];
    const html = renderReportHtml(reportOf(states, { groupBy: 'tier' }, 'tier'));
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain(escapeXml(name));
    expect(html).toContain(escapeXml('<img src=x>'));
    expect(html).toContain(escapeXml('"><script>'));
    for (const svg of svgsOf(html)) expect(xmlProblem(svg)).toBeNull();
    // No tag with a src or href (a hostile "<img src=x>" is escaped text), no @import.
    const names = attributeNames(html);
    expect(names.has('src') || names.has('href') || names.has('xlink:href')).toBe(false);
    expect(html).not.toMatch(/@import/);
    expect(html).not.toContain('url(');
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
  });
});

/** Every open breached cycle of some states, in input order. */
function openBreaches(states: readonly SlaState[]): OpenBreach[] {
  return states.flatMap((state) =>
    Object.entries(state.metrics).flatMap(([metric, m]) =>
      m.cycles.flatMap((cycle, index) =>
        (cycle.status === 'running' || cycle.status === 'paused') &&
        cycle.breached &&
        cycle.breachedAt !== null &&
        cycle.goal !== null
          ? [
              {
                ticketId: state.ticketId,
                metric,
                cycle: index,
                status: cycle.status,
                breachedAtMs: cycle.breachedAt,
                overdueMs: -(cycle.remaining ?? 0),
                targetMs: cycle.goal.target,
                calendar: cycle.goal.calendar,
              },
            ]
          : [],
      ),
    ),
  );
}

describe('ReportCollector', () => {
  const statesArb = fc
    .array(slaCaseArb, { minLength: 1, maxLength: 6 })
    .map((cases) =>
      cases.map(({ policy, ticket, nowMs: at }) =>
        computeSlaState(ticket as Ticket, compilePolicy(policy as PolicySpec), { now: at }),
      ),
    );

  test('the histograms count every ended cycle with a goal once, in the bin of its percent', () => {
    fc.assert(
      fc.property(statesArb, (states) => {
        const collector = new ReportCollector(5);
        for (const state of states) collector.add(state);
        const { distributions } = collector.result();
        // One distribution per metric of the states, so that the loop below checks every metric.
        const metrics = new Set(states.flatMap((state) => Object.keys(state.metrics)));
        expect(metrics.size).toBeGreaterThan(0);
        expect(distributions.map((distribution) => distribution.metric).sort()).toEqual([...metrics].sort());
        for (const distribution of distributions) {
          const expected = new Array<number>(percentBinCount).fill(0);
          let within = 0;
          for (const state of states)
            for (const cycle of state.metrics[distribution.metric]?.cycles ?? [])
              if ((cycle.status === 'met' || cycle.status === 'breached') && cycle.percent !== null) {
                expected[percentBin(cycle.percent)] = (expected[percentBin(cycle.percent)] ?? 0) + 1;
                if (cycle.status === 'met') within++;
              }
          expect(distribution.counts).toEqual(expected);
          expect(distribution.decided).toBe(expected.reduce((a, b) => a + b, 0));
          expect(distribution.withinTarget).toBe(within);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('the open breaches are the first N of all of them by breach instant, ties in input order', () => {
    fc.assert(
      fc.property(statesArb, fc.integer({ min: 0, max: 4 }), (states, limit) => {
        const collector = new ReportCollector(limit);
        for (const state of states) collector.add(state);
        const all = openBreaches(states);
        const sorted = [...all].sort((a, b) => a.breachedAtMs - b.breachedAtMs);
        expect(collector.result().openBreaches).toEqual(sorted.slice(0, limit));
        expect(collector.result().openBreachedTotal).toBe(all.length);
      }),
      { numRuns: 60 },
    );
  });
});

describe('percentBin', () => {
  test('a cycle exactly at its target is in the last on-time bin; just past it, in the first late one', () => {
    expect(percentBin(0)).toBe(0);
    expect(percentBin(10)).toBe(0);
    expect(percentBin(10.001)).toBe(1);
    expect(percentBin(100)).toBe(9);
    expect(percentBin(100.0001)).toBe(10);
    expect(percentBin(200)).toBe(19);
    expect(percentBin(200.5)).toBe(20);
    expect(percentBin(1e9)).toBe(20);
  });
});
