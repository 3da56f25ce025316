/**
 * A histogram of elapsed time as a share of the target, as hand-written SVG: bars of 10% of the
 * target each, the target itself a marked line at 100%, and one last bar for everything past
 * twice the target.
 */
import { type ChartText, chartFrame } from './chartFrame.js';
import { colors } from './palette.js';
import { element, escapeXml } from './xml.js';

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
const percentBinLabel = (index: number): string =>
  index === percentBinCount - 1 ? '>200%' : `${index * 10}–${(index + 1) * 10}%`;

export interface HistogramData extends ChartText {
  readonly counts: readonly number[];
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
  const frame = chartFrame(chart, { height: 220, right: 12, top: 28, bottom: 40 });
  const { height, left, top, bottom, plotWidth, plotHeight } = frame;
  const bins = percentBinCount;
  const binWidth = plotWidth / bins;
  const maxCount = Math.max(1, ...chart.counts);
  const yOf = (count: number) => top + (1 - count / maxCount) * plotHeight;
  const parts: string[] = [];
  // A y axis with the largest count and zero.
  for (const count of [0, maxCount]) parts.push(...frame.gridLine(yOf(count), String(count)));
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
  return frame.svg(parts);
}
