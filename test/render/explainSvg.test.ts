import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compilePolicy, type PolicySpec, type Ticket } from '../../src/index.js';
import { renderExplainHtml } from '../../src/render/explainHtml.js';
import { renderExplainSvg } from '../../src/render/explainSvg.js';
import { escapeXml } from '../../src/render/xml.js';
import { formatInstant } from '../../src/time/instant.js';
import { slaCaseArb } from '../oracle/ticketArbitraries.js';
import { pictureOf } from './pictures.js';
import { attributeNames, countOf, svgsOf, xmlProblem } from './xmlCheck.js';

const segmentRect =
  /<rect [^>]*data-kind="(\w+)" data-from="([^"]+)" data-to="([^"]+)" data-counted="(\d+)"><title>/g;

describe('renderExplainSvg', () => {
  test('one <rect data-kind> per segment of explainSla, in order, with its instants; well-formed XML', () => {
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const picture = pictureOf(ticket as Ticket, compilePolicy(policy as PolicySpec), nowMs);
        const svg = renderExplainSvg(picture, true);
        expect(xmlProblem(svg)).toBeNull();
        const expected = picture.bands.flatMap((band) =>
          band.segments.map((s) => [s.kind, formatInstant(s.from), formatInstant(s.to), String(s.counted)]),
        );
        const found = [...svg.matchAll(segmentRect)].map((m) => m.slice(1));
        expect(found).toEqual(expected);
        // Every data-kind attribute is a segment's (the legend carries none).
        expect(countOf(svg, 'data-kind="')).toBe(expected.length);
        for (const band of picture.bands)
          for (const segment of band.segments) expect(svg).toContain(escapeXml(segment.reason));
      }),
      { numRuns: 150 },
    );
  });

  test('markers: one deadline per cycle with a deadline, one per warning with an instant, one breach per breach', () => {
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const picture = pictureOf(ticket as Ticket, compilePolicy(policy as PolicySpec), nowMs);
        const svg = renderExplainSvg(picture, false);
        const cycles = picture.bands.flatMap((band) => (band.cycle === null ? [] : [band.cycle]));
        expect(countOf(svg, 'data-marker="deadline"')).toBe(cycles.filter((c) => c.deadline !== null).length);
        expect(countOf(svg, 'data-marker="breach"')).toBe(cycles.filter((c) => c.breachedAt !== null).length);
        expect(countOf(svg, 'data-marker="warning"')).toBe(
          cycles.reduce((sum, c) => sum + c.warnings.filter((w) => w.at !== null).length, 0),
        );
        for (const cycle of cycles) {
          if (cycle.deadline !== null)
            expect(svg).toContain(`data-marker="deadline" data-at="${formatInstant(cycle.deadline)}"`);
          if (cycle.breachedAt !== null)
            expect(svg).toContain(`data-marker="breach" data-at="${formatInstant(cycle.breachedAt)}"`);
        }
      }),
      { numRuns: 100 },
    );
  });

  test('a segment is drawn inside the plot, left to right, never with a negative width', () => {
    fc.assert(
      fc.property(slaCaseArb, ({ policy, ticket, nowMs }) => {
        const picture = pictureOf(ticket as Ticket, compilePolicy(policy as PolicySpec), nowMs);
        const svg = renderExplainSvg(picture, false);
        // The plot's edges, from the outline every band draws around its bar.
        const outlines = [
          ...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="none"/g),
        ];
        expect(outlines.length).toBe(picture.bands.length);
        const plotLeft = Number(outlines[0]?.[1] ?? Number.NaN);
        const plotRight = plotLeft + Number(outlines[0]?.[2] ?? Number.NaN);
        for (const outline of outlines)
          expect([outline[1], outline[2]]).toEqual([outlines[0]?.[1], outlines[0]?.[2]]);
        const rects = [
          ...svg.matchAll(/<rect x="([-\d.]+)" y="[\d.]+" width="([-\d.]+)"[^>]*data-kind=/g),
        ].map((m) => ({ x: Number(m[1]), width: Number(m[2]) }));
        expect(rects.length).toBe(picture.bands.reduce((sum, band) => sum + band.segments.length, 0));
        // Coordinates are written rounded to 0.01 (off by 0.005 at most): allow three roundings.
        const slack = 0.015 + 1e-9;
        let next = 0;
        for (const band of picture.bands) {
          const bandRects = rects.slice(next, next + band.segments.length);
          next += band.segments.length;
          bandRects.forEach(({ x, width }, i) => {
            expect(width).toBeGreaterThanOrEqual(0);
            expect(x).toBeGreaterThanOrEqual(plotLeft);
            expect(x + width).toBeLessThanOrEqual(plotRight + slack);
            // Each segment starts where the one before it ended, or later.
            const before = bandRects[i - 1];
            if (before !== undefined) expect(x).toBeGreaterThanOrEqual(before.x + before.width - slack);
          });
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('hostile names and values', () => {
  const name = `<script>alert("x")</script> & 'q'`;
  const field = 'st<a>"tus';
  const calendar = 'c<&>"';
  const policy: PolicySpec = {
    calendars: {
      [calendar]: {
        timeZone: 'America/New_York',
        week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] },
      },
    },
    metrics: {
      [name]: {
        kind: 'resolution',
        pauseWhen: { [field]: '</title><script>' },
        goals: [{ target: '2h', calendar }],
        warnings: ['50%'],
      },
    },
  };
  const ticket: Ticket = {
    id: '<b>T&1</b>',
    events: [
      { type: 'created', at: '2026-03-02T13:00:00Z', attributes: { [field]: 'open' } },
      { type: 'updated', at: '2026-03-02T15:00:00Z', attributes: { [field]: '</title><script>' } },
      { type: 'updated', at: '2026-03-02T16:00:00Z', attributes: { [field]: 'open' } },
    ],
  };
  const picture = pictureOf(ticket, compilePolicy(policy), Date.parse('2026-03-03T18:00:00Z'));

  test('metric names, reasons, calendar names and ids are escaped in the SVG and the page', () => {
    const svg = renderExplainSvg(picture, true);
    const html = renderExplainHtml(picture);
    for (const markup of [svg, html]) {
      expect(markup).not.toMatch(/<script/i);
      expect(markup).not.toContain('</title><script>');
      expect(markup).toContain(escapeXml(name));
      expect(markup).toContain(escapeXml('<b>T&1</b>'));
    }
    expect(xmlProblem(svg)).toBeNull();
    for (const inline of svgsOf(html)) expect(xmlProblem(inline)).toBeNull();
    const segments = picture.bands[0]?.segments ?? [];
    // The pause (15:00 to 16:00 UTC) is one of them.
    expect(segments.some((s) => s.kind === 'paused')).toBe(true);
    expect(countOf(svg, 'data-kind="')).toBe(segments.length);
    expect(countOf(svg, 'data-marker="warning"')).toBe(1);
    expect(svg).toContain(escapeXml(`${field} = "</title><script>" (pauseWhen)`));
    expect(svg).toContain(escapeXml(`calendar ${JSON.stringify(calendar)} open`));
  });

  test('the page loads nothing: no src, no href, no url() but to its own patterns', () => {
    const html = renderExplainHtml(picture);
    // No tag with a src or href (a hostile "<img src=x>" is escaped text), no @import.
    const names = attributeNames(html);
    expect(names.has('src') || names.has('href') || names.has('xlink:href')).toBe(false);
    expect(html).not.toMatch(/@import/);
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#slc-/);
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
  });
});
