/**
 * A histogram of elapsed time as a share of the target, as hand-written SVG: bars of 10% of the
 * target each, the target itself a marked line at 100%, and one last bar for everything past
 * twice the target.
 */
import { colors } from './palette.js';
import { element, escapeXml } from './xml.js';

/** Bins of a histogram of `percent` (elapsed / target × 100). */
export interface PercentBins {
  /** Bin i counts percents in (10·i, 10·(i+1)], bin 0 also 0; the last bin every percent above 200. */
  readonly counts: readonly number[];
}

/** Bins: 20 of 10% each up to twice the target, then one for everything beyond. */
export const percentBinCount = 21;

/**
 * The bin a cycle's `percent` falls in: (90%, 100%] is the last on-time bin, so a cycle that
 * ended exactly at its target (met) is left of the target line.
 *
 * @example
 * percentBin(100) //=> 9
 */
export function percentBin(percent: number): number {
  if (!(percent > 0)) return 0;
  return Math.min(Math.ceil(percent / 10) - 1, percentBinCount - 1);
}

/** The label of bin `index`: `0–10%`, ..., `190–200%`, `>200%`. */
export const percentBinLabel = (index: number): string =>
  index === percentBinCount - 1 ? '>200%' : `${index * 10}–${(index + 1) * 10}%`;

export interface HistogramData {
  /** Unique in the page: ids of the title and description derive from it. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly counts: readonly number[];
  readonly width?: number;
  readonly height?: number;
}

/**
 * The histogram as an `<svg>` with `role="img"`, `<title>` and `<desc>`; each bar a `<rect>`
 * with `data-bin` (its label) and `data-count`, and the target a line with `data-marker="target"`.
 *
 * @example
 * renderHistogram({ id: 'h', title: 'first_reply', description: '...', counts: [3, 0, 1] })
 * //=> '<svg xmlns="http://www.w3.org/2000/svg" ... data-count="3">...</svg>'
 */
export function renderHistogram(chart: HistogramData): string {
  const width = chart.width ?? 560;
  const height = chart.height ?? 220;
  const left = 48;
  const right = 12;
  const top = 28;
  const bottom = 40;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const bins = percentBinCount;
  const binWidth = plotWidth / bins;
  const maxCount = Math.max(1, ...chart.counts);
  const yOf = (count: number) => top + (1 - count / maxCount) * plotHeight;
  const id = escapeXml(chart.id);
  const parts: string[] = [
    `<title id="${id}-title">${escapeXml(chart.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(chart.description)}</desc>`,
  ];
  // A y axis with the largest count and zero.
  for (const count of [0, maxCount]) {
    const y = yOf(count);
    parts.push(element('line', { x1: left, x2: width - right, y1: y, y2: y, stroke: colors.grid }));
    parts.push(
      element('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11 }, String(count)),
    );
  }
  for (let index = 0; index < bins; index++) {
    const count = chart.counts[index] ?? 0;
    const late = index >= 10;
    const y = yOf(count);
    parts.push(
      element(
        'rect',
        {
          x: left + index * binWidth + 1,
          y,
          width: Math.max(binWidth - 2, 1),
          height: top + plotHeight - y,
          fill: late ? colors.late : colors.onTime,
          'data-bin': percentBinLabel(index),
          'data-count': count,
        },
        `<title>${escapeXml(`${percentBinLabel(index)} of the target: ${count} ${count === 1 ? 'cycle' : 'cycles'}`)}</title>`,
      ),
    );
  }
  // x labels every 50% of the target; the last bar, past twice the target, is labelled on its own.
  for (const index of [0, 5, 10, 15]) {
    parts.push(
      element(
        'text',
        { x: left + index * binWidth, y: height - bottom + 15, 'text-anchor': 'middle', 'font-size': 11 },
        `${index * 10}%`,
      ),
    );
  }
  parts.push(
    element(
      'text',
      { x: left + (bins - 0.5) * binWidth, y: height - bottom + 15, 'text-anchor': 'end', 'font-size': 11 },
      '&gt;200%',
    ),
  );
  const targetX = left + 10 * binWidth;
  parts.push(
    element(
      'g',
      { 'data-marker': 'target' },
      element('title', {}, 'target (100%)') +
        element('line', {
          x1: targetX,
          x2: targetX,
          y1: top - 8,
          y2: top + plotHeight,
          stroke: colors.ink,
          'stroke-width': 2,
          'stroke-dasharray': '5 3',
        }) +
        element('text', { x: targetX + 4, y: top - 1, 'font-size': 11 }, 'target'),
    ),
  );
  parts.push(
    element(
      'text',
      {
        x: left + plotWidth / 2,
        y: height - 6,
        'text-anchor': 'middle',
        'font-size': 11,
        fill: colors.muted,
      },
      'elapsed as a share of the target',
    ),
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" fill="${colors.ink}">${parts.join('')}</svg>`;
}
