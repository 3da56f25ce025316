/**
 * A line chart of rates (0 to 100%) over ordered categories (periods), as hand-written SVG. A
 * null value (0 / 0: nothing decided in that period) leaves a gap in its line, not a zero.
 */
import { type ChartText, chartFrame } from './chartFrame.js';
import { formatRate } from './duration.js';
import { element, escapeXml, num, titleElement } from './xml.js';

/** One line: a name, one value per category (a rate from 0 to 1, or null), and its look. */
export interface LineSeries {
  readonly name: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
  /** An SVG `stroke-dasharray`, or undefined for a solid line. */
  readonly dash?: string;
  readonly marker: 'circle' | 'square';
  /** Tooltip text of each point, by category; default `name category: rate`. */
  readonly pointTitles?: readonly string[];
}

export interface LineChartData extends ChartText {
  readonly categories: readonly string[];
  readonly series: readonly LineSeries[];
}

function markerOf(series: LineSeries, x: number, y: number, title: string, category: string, value: number) {
  const data = { 'data-series': series.name, 'data-period': category, 'data-value': String(value) };
  return series.marker === 'circle'
    ? element('circle', { cx: x, cy: y, r: 3.5, fill: series.color, ...data }, titleElement(title))
    : element(
        'rect',
        { x: x - 3.5, y: y - 3.5, width: 7, height: 7, fill: series.color, ...data },
        titleElement(title),
      );
}

/**
 * The chart as an `<svg>` element with `role="img"`, a `<title>` and a `<desc>`; each point a
 * marker with `data-series`, `data-period` and `data-value` (the exact rate) and its own tooltip.
 *
 * @example
 * renderLineChart({ id: 'c', title: 'Compliance', description: '...', categories: ['2026-W10'],
 *   series: [{ name: 'compliance', values: [0.8], color: '#0072B2', marker: 'circle' }] })
 * //=> '<svg xmlns="http://www.w3.org/2000/svg" ... data-value="0.8">...</svg>'
 */
export function renderLineChart(chart: LineChartData): string {
  // Room right of the plot for the last period's label, centred on the last point.
  const frame = chartFrame(chart, { height: 240, right: 32, top: 34, bottom: 44, gridStrokeWidth: 1 });
  const { height, left, top, bottom, plotWidth, plotHeight } = frame;
  const count = chart.categories.length;
  const xOf = (index: number) => left + (count <= 1 ? plotWidth / 2 : (index / (count - 1)) * plotWidth);
  const yOf = (rate: number) => top + (1 - rate) * plotHeight;
  const parts: string[] = [];
  // Grid and y labels every 25%.
  for (const rate of [0, 0.25, 0.5, 0.75, 1]) parts.push(...frame.gridLine(yOf(rate), `${rate * 100}%`));
  // x labels: at most about 12, evenly spread, the last one always shown.
  const every = Math.max(1, Math.ceil(count / 12));
  chart.categories.forEach((category, index) => {
    if (index % every !== 0 && index !== count - 1) return;
    parts.push(
      element(
        'text',
        { x: xOf(index), y: height - bottom + 16, 'text-anchor': 'middle', 'font-size': 11 },
        escapeXml(category),
      ),
    );
  });
  for (const series of chart.series) {
    // Runs of consecutive non-null values become one polyline each.
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1)
        parts.push(
          element('polyline', {
            points: run.join(' '),
            fill: 'none',
            stroke: series.color,
            'stroke-width': 2,
            'stroke-dasharray': series.dash,
            'data-line': series.name,
          }),
        );
      run = [];
    };
    series.values.forEach((value, index) => {
      if (value === null) {
        flush();
        return;
      }
      run.push(`${num(xOf(index))},${num(yOf(value))}`);
    });
    flush();
    series.values.forEach((value, index) => {
      if (value === null) return;
      const category = chart.categories[index] ?? '';
      const title = series.pointTitles?.[index] ?? `${series.name} ${category}: ${formatRate(value)}`;
      parts.push(markerOf(series, xOf(index), yOf(value), title, category, value));
    });
  }
  // Legend along the top: a short line with the series' marker, then its name.
  let legendX = left;
  for (const series of chart.series) {
    parts.push(
      element('line', {
        x1: legendX,
        x2: legendX + 22,
        y1: 14,
        y2: 14,
        stroke: series.color,
        'stroke-width': 2,
        'stroke-dasharray': series.dash,
      }),
    );
    parts.push(
      series.marker === 'circle'
        ? element('circle', { cx: legendX + 11, cy: 14, r: 3.5, fill: series.color })
        : element('rect', { x: legendX + 7.5, y: 10.5, width: 7, height: 7, fill: series.color }),
    );
    parts.push(element('text', { x: legendX + 28, y: 18, 'font-size': 12 }, escapeXml(series.name)));
    legendX += 40 + series.name.length * 7;
  }
  if (count === 0)
    parts.push(
      element(
        'text',
        { x: left + plotWidth / 2, y: top + plotHeight / 2, 'text-anchor': 'middle', 'font-size': 12 },
        'no cycles',
      ),
    );
  return frame.svg(parts);
}
