/**
 * A line chart of rates (0 to 100%) over ordered categories (periods), as hand-written SVG. A
 * null value (0 / 0: nothing decided in that period) leaves a gap in its line, not a zero.
 */
import { colors } from './palette.js';
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

export interface LineChartData {
  /** Unique in the page: ids of the title and description derive from it. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly categories: readonly string[];
  readonly series: readonly LineSeries[];
  readonly width?: number;
  readonly height?: number;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

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
  const width = chart.width ?? 560;
  const height = chart.height ?? 240;
  const left = 48;
  // Room for the last period's label, centred on the last point.
  const right = 32;
  const top = 34;
  const bottom = 44;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const count = chart.categories.length;
  const xOf = (index: number) => left + (count <= 1 ? plotWidth / 2 : (index / (count - 1)) * plotWidth);
  const yOf = (rate: number) => top + (1 - rate) * plotHeight;
  const parts: string[] = [];
  const id = escapeXml(chart.id);
  parts.push(`<title id="${id}-title">${escapeXml(chart.title)}</title>`);
  parts.push(`<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`);
  // Grid and y labels every 25%.
  for (const rate of [0, 0.25, 0.5, 0.75, 1]) {
    const y = yOf(rate);
    parts.push(
      element('line', { x1: left, x2: width - right, y1: y, y2: y, stroke: colors.grid, 'stroke-width': 1 }),
    );
    parts.push(
      element('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11 }, `${rate * 100}%`),
    );
  }
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
      const title = series.pointTitles?.[index] ?? `${series.name} ${category}: ${percent(value)}`;
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
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" fill="${colors.ink}">${parts.join('')}</svg>`;
}
