/**
 * What the report's charts share: a plot inside margins, a `<title>` and a `<desc>` (the chart's
 * accessible name and description), horizontal grid lines with their labels, and the `<svg>`
 * element around it all.
 */
import { colors } from './palette.js';
import { element, escapeXml } from './xml.js';

/** A chart's name and size, as its data gives them. */
export interface ChartText {
  /** Unique in the page: ids of the title and description derive from it. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly width?: number;
  readonly height?: number;
}

/** The margins around the plot, and the height when the chart gives none. */
export interface ChartLayout {
  readonly height: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  /** The grid lines' `stroke-width`; none by default. */
  readonly gridStrokeWidth?: number;
}

export interface ChartFrame {
  readonly width: number;
  readonly height: number;
  /** Room for the y labels, left of the plot. */
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly plotWidth: number;
  readonly plotHeight: number;
  /** A grid line across the plot at `y`, with `label` (markup) left of the plot. */
  gridLine(y: number, label: string): string[];
  /** The `<svg role="img">`: its `<title>` and `<desc>`, then `parts`. */
  svg(parts: readonly string[]): string;
}

/**
 * The frame of a chart 560 wide (unless `chart.width`), with 48 left of the plot for its labels.
 *
 * @example
 * const frame = chartFrame({ id: 'h', title: 'reply', description: '...' }, { height: 220, right: 12, top: 28, bottom: 40 });
 * frame.plotWidth //=> 500
 */
export function chartFrame(chart: ChartText, layout: ChartLayout): ChartFrame {
  const width = chart.width ?? 560;
  const height = chart.height ?? layout.height;
  const left = 48;
  const { right, top, bottom } = layout;
  const id = escapeXml(chart.id);
  return {
    width,
    height,
    left,
    right,
    top,
    bottom,
    plotWidth: width - left - right,
    plotHeight: height - top - bottom,
    gridLine: (y, label) => [
      element('line', {
        x1: left,
        x2: width - right,
        y1: y,
        y2: y,
        stroke: colors.grid,
        'stroke-width': layout.gridStrokeWidth,
      }),
      element('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11 }, label),
    ],
    svg: (parts) =>
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" fill="${colors.ink}"><title id="${id}-title">${escapeXml(chart.title)}</title><desc id="${id}-desc">${escapeXml(chart.description)}</desc>${parts.join('')}</svg>`,
  };
}
