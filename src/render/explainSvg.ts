/**
 * `sla-clock explain --format svg` (docs/cli.md, "explain"): one band per metric of a ticket,
 * each the timeline of one cycle as `explainSla` gives it, one `<rect data-kind>` per segment;
 * ticks for the ticket's events; markers for the deadline, warnings and breach; a legend.
 * Times are shown in each cycle's goal calendar's zone (UTC without one).
 */
import type { TicketId } from '../engine/events.js';
import type { CycleState } from '../engine/state.js';
import type { Scalar } from '../policy/condition.js';
import type { TimelineSegment } from '../report/explain.js';
import { formatInstant } from '../time/instant.js';
import { cycleStatusText, cycleZone } from './cycleText.js';
import { formatHoursMinutes } from './duration.js';
import { colors } from './palette.js';
import { truncate } from './text.js';
import { timeTicks } from './timeTicks.js';
import { element, escapeXml, num, titleElement } from './xml.js';
import { formatZonedTime } from './zonedTime.js';

/** One metric of the ticket: the cycle shown and its timeline. */
export interface ExplainBand {
  readonly metric: string;
  /** The cycle's index, 0 = the oldest; -1 when the metric has no cycle. */
  readonly cycleIndex: number;
  readonly cycleCount: number;
  readonly cycle: CycleState | null;
  /** `explainSla` for this metric and cycle. */
  readonly segments: readonly TimelineSegment[];
}

/** An event of the ticket's log, as a tick on the time axis. */
export interface ExplainEvent {
  readonly atMs: number;
  readonly type: string;
  /** A message's author; null for other events. */
  readonly author: string | null;
  /** False for an internal note. */
  readonly isPublic: boolean;
  readonly changes: Readonly<Record<string, Scalar>>;
}

export interface ExplainPicture {
  readonly ticketId: TicketId | null;
  readonly nowMs: number;
  readonly bands: readonly ExplainBand[];
  readonly events: readonly ExplainEvent[];
}

/** The zone of the shared time axis: the first band's with a zone, else UTC. */
const axisZone = (picture: ExplainPicture): string =>
  cycleZone(picture.bands.find((band) => band.cycle?.goal?.timeZone != null)?.cycle ?? null);

const width = 1200;
const labelWidth = 250;
const plotLeft = labelWidth + 10;
const plotRight = width - 20;
const headerHeight = 34;
const axisHeight = 40;
const eventsHeight = 26;
const bandHeight = 56;
const barHeight = 24;
const legendHeight = 54;

const kindFill: Readonly<Record<TimelineSegment['kind'], string>> = {
  counting: colors.counting,
  paused: 'url(#slc-paused)',
  closed: 'url(#slc-closed)',
  stopped: colors.stopped,
};

const kindWords: Readonly<Record<TimelineSegment['kind'], string>> = {
  counting: 'counting',
  paused: 'paused',
  closed: 'calendar closed',
  stopped: 'stopped',
};

// Hatches keep paused and closed apart from counting in grey print and for any colour vision.
const defs = `<defs><pattern id="slc-paused" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${colors.paused}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a5d00" stroke-width="2"/></pattern><pattern id="slc-closed" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="${colors.closed}"/><circle cx="3" cy="3" r="0.9" fill="#9a9a9a"/></pattern></defs>`;

/** The instants the picture must show: every segment, marker and open cycle's `now`. */
function rangeOf(picture: ExplainPicture): { fromMs: number; toMs: number } {
  let fromMs = Number.POSITIVE_INFINITY;
  let toMs = Number.NEGATIVE_INFINITY;
  const see = (ms: number | null) => {
    if (ms === null) return;
    fromMs = Math.min(fromMs, ms);
    toMs = Math.max(toMs, ms);
  };
  for (const band of picture.bands) {
    const cycle = band.cycle;
    if (cycle === null) continue;
    see(cycle.startedAt);
    see(cycle.stoppedAt);
    see(cycle.deadline);
    see(cycle.breachedAt);
    for (const warning of cycle.warnings) see(warning.at);
    if (cycle.stoppedAt === null) see(picture.nowMs);
    for (const segment of band.segments) {
      see(segment.from);
      see(segment.to);
    }
  }
  if (fromMs > toMs) {
    // No cycle at all: the ticket's events, or the hour before now.
    for (const event of picture.events) see(event.atMs);
    see(picture.nowMs);
  }
  if (toMs - fromMs < 60_000) fromMs = toMs - 3_600_000;
  const padMs = (toMs - fromMs) * 0.015;
  return { fromMs: fromMs - padMs, toMs: toMs + padMs };
}

function changesText(changes: Readonly<Record<string, Scalar>>): string {
  return Object.entries(changes)
    .map(([key, value]) => `${key} = ${JSON.stringify(value)}`)
    .join(', ');
}

function eventTitle(event: ExplainEvent, timeZone: string): string {
  const who =
    event.author === null
      ? event.type
      : `${event.type} from ${event.author}${event.isPublic ? '' : ' (internal note)'}`;
  const changes = changesText(event.changes);
  return `${who}, ${formatZonedTime(event.atMs, timeZone)}${changes === '' ? '' : `: ${changes}`}`;
}

/** Two short lines under the metric's name: which cycle and its status; elapsed against target. */
function bandSummary(band: ExplainBand): [string, string] {
  const cycle = band.cycle;
  if (cycle === null) return ['no cycle: inactive', ''];
  const target = cycle.goal === null ? '(no goal)' : `of ${formatHoursMinutes(cycle.goal.target)}`;
  return [
    `cycle ${band.cycleIndex} of ${band.cycleCount}: ${cycleStatusText(cycle)}`,
    `${formatHoursMinutes(cycle.elapsed)} ${target}`,
  ];
}

/** A marker: a vertical line through the band, a shape on top, a tooltip. */
function marker(
  kind: 'deadline' | 'warning' | 'breach',
  x: number,
  top: number,
  atMs: number,
  title: string,
): string {
  const bottom = top + bandHeight - 8;
  const shape =
    kind === 'deadline'
      ? element('path', { d: `M${num(x)} ${num(top - 2)}l5 5l-5 5l-5 -5z`, fill: colors.deadline })
      : kind === 'warning'
        ? element('path', { d: `M${num(x - 5)} ${num(top - 2)}h10l-5 8z`, fill: colors.warning })
        : element('path', {
            d: `M${num(x - 5)} ${num(top - 3)}l10 10m0 -10l-10 10`,
            stroke: colors.breach,
            'stroke-width': 2.5,
          });
  const line = element('line', {
    x1: x,
    x2: x,
    y1: top,
    y2: bottom,
    stroke: colors[kind],
    'stroke-width': kind === 'breach' ? 2.5 : 2,
    'stroke-dasharray': kind === 'warning' ? '3 2' : kind === 'deadline' ? '6 3' : undefined,
  });
  return element(
    'g',
    { 'data-marker': kind, 'data-at': formatInstant(atMs) },
    titleElement(title) + line + shape,
  );
}

function legend(y: number): string {
  const items: string[] = [];
  let x = plotLeft;
  const swatch = (fill: string, label: string) => {
    items.push(
      element('rect', {
        x,
        y: y - 10,
        width: 22,
        height: 12,
        fill,
        stroke: colors.muted,
        'stroke-width': 0.5,
      }),
    );
    items.push(element('text', { x: x + 28, y, 'font-size': 12 }, escapeXml(label)));
    x += 40 + label.length * 6.5;
  };
  swatch(colors.counting, 'counting');
  swatch('url(#slc-paused)', 'paused');
  swatch('url(#slc-closed)', 'calendar closed');
  swatch(colors.stopped, 'stopped');
  const symbol = (shape: string, label: string) => {
    items.push(shape);
    items.push(element('text', { x: x + 16, y, 'font-size': 12 }, escapeXml(label)));
    x += 30 + label.length * 6.5;
  };
  // The vertical line of "now" and of an event.
  const tick = (stroke: string, strokeWidth: number, dash?: string) =>
    element('line', {
      x1: x + 5,
      x2: x + 5,
      y1: y - 12,
      y2: y + 2,
      stroke,
      'stroke-width': strokeWidth,
      'stroke-dasharray': dash,
    });
  symbol(element('path', { d: `M${x + 5} ${y - 11}l5 5l-5 5l-5 -5z`, fill: colors.deadline }), 'deadline');
  symbol(element('path', { d: `M${x} ${y - 9}h10l-5 8z`, fill: colors.warning }), 'warning');
  symbol(
    element('path', { d: `M${x} ${y - 10}l9 9m0 -9l-9 9`, stroke: colors.breach, 'stroke-width': 2.5 }),
    'breach',
  );
  symbol(tick(colors.now, 2, '4 3'), 'now');
  symbol(tick(colors.muted, 1.5), 'event');
  return element('g', { 'aria-hidden': 'true' }, items.join(''));
}

/**
 * The picture as SVG markup: an `<svg>` element (with the XML declaration first when
 * `standalone`, for a .svg file). Every segment of every band is one `<rect>` with
 * `data-kind`, `data-from`, `data-to`, `data-counted` and a `<title>` giving its times (in the
 * segment's calendar's zone) and reason; markers are `<g data-marker="deadline|warning|breach">`.
 *
 * @example
 * renderExplainSvg({ ticketId: 'T-1', nowMs, bands: [{ metric: 'reply', ... }], events: [] }, true)
 * //=> '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" ...'
 */
export function renderExplainSvg(picture: ExplainPicture, standalone: boolean): string {
  const { fromMs, toMs } = rangeOf(picture);
  const xOf = (ms: number) => plotLeft + ((ms - fromMs) / (toMs - fromMs)) * (plotRight - plotLeft);
  const zone = axisZone(picture);
  const ticketText = picture.ticketId === null ? '(no id)' : String(picture.ticketId);
  const bandsTop = headerHeight + axisHeight + eventsHeight;
  const height = bandsTop + picture.bands.length * bandHeight + legendHeight;
  const parts: string[] = [];
  parts.push(`<title id="slc-title">${escapeXml(`Timeline of ticket ${ticketText}`)}</title>`);
  const segmentCount = picture.bands.reduce((sum, band) => sum + band.segments.length, 0);
  parts.push(
    `<desc id="slc-desc">${escapeXml(
      `${picture.bands.length} ${picture.bands.length === 1 ? 'metric' : 'metrics'} at ${formatZonedTime(picture.nowMs, zone)}, ${segmentCount} segments: ` +
        picture.bands.map((band) => `${band.metric}: ${bandSummary(band).join(', ')}`).join('; '),
    )}</desc>`,
  );
  parts.push(defs);
  parts.push(
    element(
      'text',
      { x: 10, y: 20, 'font-size': 15, 'font-weight': 600 },
      escapeXml(`Ticket ${truncate(ticketText, 60)} at ${formatZonedTime(picture.nowMs, zone)}`),
    ),
  );
  parts.push(
    element(
      'text',
      { x: plotRight, y: 20, 'font-size': 12, 'text-anchor': 'end', fill: colors.muted },
      escapeXml(`axis in ${zone}; tooltips in each calendar's zone`),
    ),
  );
  // Axis: ticks with their labels above, grid lines down through every band.
  const gridBottom = bandsTop + picture.bands.length * bandHeight;
  const axis: string[] = [];
  for (const tick of timeTicks(fromMs, toMs, zone, 12)) {
    const x = xOf(tick.atMs);
    axis.push(
      element('line', {
        x1: x,
        x2: x,
        y1: headerHeight + axisHeight - 6,
        y2: gridBottom,
        stroke: colors.grid,
      }),
    );
    if (tick.date !== '')
      axis.push(
        element(
          'text',
          { x, y: headerHeight + 14, 'font-size': 11, 'text-anchor': 'middle' },
          escapeXml(tick.date),
        ),
      );
    if (tick.time !== '')
      axis.push(
        element(
          'text',
          { x, y: headerHeight + 28, 'font-size': 11, 'text-anchor': 'middle' },
          escapeXml(tick.time),
        ),
      );
  }
  parts.push(element('g', { 'aria-hidden': 'true' }, axis.join('')));
  // Events: one tick each, on their own row.
  const eventsY = headerHeight + axisHeight;
  parts.push(element('text', { x: 10, y: eventsY + 16, 'font-size': 12, fill: colors.muted }, 'events'));
  // Events after `now` are not yet part of the ticket's history: the clocks did not see them.
  const ticks = picture.events
    .filter((event) => event.atMs >= fromMs && event.atMs <= toMs && event.atMs <= picture.nowMs)
    .map((event) =>
      element(
        'g',
        { 'data-event': event.type, 'data-at': formatInstant(event.atMs) },
        titleElement(eventTitle(event, zone)) +
          element('line', {
            x1: xOf(event.atMs),
            x2: xOf(event.atMs),
            y1: eventsY + 4,
            y2: eventsY + 20,
            stroke: event.type === 'message' && event.author === 'customer' ? colors.ink : colors.muted,
            'stroke-width': 1.5,
          }),
      ),
    );
  parts.push(element('g', { class: 'events' }, ticks.join('')));
  // Bands.
  picture.bands.forEach((band, index) => {
    const top = bandsTop + index * bandHeight;
    const barTop = top + 8;
    const zoneOfBand = cycleZone(band.cycle);
    const pieces: string[] = [];
    pieces.push(
      element(
        'text',
        { x: 10, y: top + 19, 'font-size': 13, 'font-weight': 600 },
        titleElement(band.metric) + escapeXml(truncate(band.metric, 30)),
      ),
    );
    const [which, elapsed] = bandSummary(band);
    pieces.push(
      element(
        'text',
        { x: 10, y: top + 33, 'font-size': 11, fill: colors.muted },
        escapeXml(truncate(which, 40)),
      ),
      element('text', { x: 10, y: top + 46, 'font-size': 11, fill: colors.muted }, escapeXml(elapsed)),
    );
    pieces.push(
      element('rect', {
        x: plotLeft,
        y: barTop,
        width: plotRight - plotLeft,
        height: barHeight,
        fill: 'none',
        stroke: colors.grid,
      }),
    );
    for (const segment of band.segments) {
      const segmentZone = segment.timeZone ?? zoneOfBand;
      const x = xOf(segment.from);
      const counted = segment.counted === 0 ? '' : ` (${formatHoursMinutes(segment.counted)} counted)`;
      const title = `${kindWords[segment.kind]}${counted}: ${formatZonedTime(segment.from, segmentZone)} to ${formatZonedTime(segment.to, segmentZone)}; ${segment.reason}`;
      pieces.push(
        element(
          'rect',
          {
            x,
            y: barTop,
            width: Math.max(xOf(segment.to) - x, 0),
            height: barHeight,
            fill: kindFill[segment.kind],
            'data-kind': segment.kind,
            'data-from': formatInstant(segment.from),
            'data-to': formatInstant(segment.to),
            'data-counted': segment.counted,
          },
          titleElement(title),
        ),
      );
    }
    const cycle = band.cycle;
    if (cycle !== null) {
      for (const warning of cycle.warnings) {
        if (warning.at === null) continue;
        pieces.push(
          marker(
            'warning',
            xOf(warning.at),
            top + 4,
            warning.at,
            `warning ${JSON.stringify(warning.threshold)} ${warning.reached ? 'reached' : 'due'} at ${formatZonedTime(warning.at, zoneOfBand)}`,
          ),
        );
      }
      if (cycle.deadline !== null)
        pieces.push(
          marker(
            'deadline',
            xOf(cycle.deadline),
            top + 4,
            cycle.deadline,
            `deadline ${formatZonedTime(cycle.deadline, zoneOfBand)}`,
          ),
        );
      if (cycle.breachedAt !== null)
        pieces.push(
          marker(
            'breach',
            xOf(cycle.breachedAt),
            top + 4,
            cycle.breachedAt,
            `breached at ${formatZonedTime(cycle.breachedAt, zoneOfBand)}`,
          ),
        );
    }
    if (band.segments.length === 0)
      pieces.push(
        element(
          'text',
          { x: plotLeft + 8, y: barTop + 16, 'font-size': 12, fill: colors.muted },
          cycle === null ? 'no cycle yet' : 'no time in this cycle',
        ),
      );
    parts.push(element('g', { 'data-metric': band.metric }, pieces.join('')));
  });
  if (picture.nowMs >= fromMs && picture.nowMs <= toMs) {
    const x = xOf(picture.nowMs);
    parts.push(
      element(
        'g',
        { class: 'now' },
        titleElement(`now: ${formatZonedTime(picture.nowMs, zone)}`) +
          element('line', {
            x1: x,
            x2: x,
            y1: eventsY,
            y2: gridBottom,
            stroke: colors.now,
            'stroke-width': 2,
            'stroke-dasharray': '4 3',
          }) +
          element('text', { x: x + 3, y: eventsY + 2, 'font-size': 11, fill: colors.now }, 'now'),
      ),
    );
  }
  parts.push(legend(gridBottom + 30));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="slc-title slc-desc" font-family="system-ui, sans-serif" fill="${colors.ink}">${parts.join('')}</svg>`;
  return standalone ? `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n` : svg;
}
