/**
 * `sla-clock explain --format html`: the explain picture in a page, with each band's segments
 * also as a table (what a screen reader or a copy into a ticket reads).
 */
import { formatInstant } from '../time/instant.js';
import { cycleStatusText, cycleZone, noGoalText } from './cycleText.js';
import { formatHoursMinutes } from './duration.js';
import { type ExplainBand, type ExplainPicture, renderExplainSvg } from './explainSvg.js';
import { renderPage } from './page.js';
import { escapeXml, htmlElement } from './xml.js';
import { formatZonedTime } from './zonedTime.js';

function bandSection(band: ExplainBand, index: number): string {
  const cycle = band.cycle;
  const heading = `<h2 id="m-${index}">${escapeXml(band.metric)}</h2>`;
  if (cycle === null)
    return `<section aria-labelledby="m-${index}">${heading}<p>No cycle: the metric is inactive.</p></section>`;
  const zone = cycleZone(cycle);
  const facts = [
    `cycle ${band.cycleIndex} (${band.cycleCount} in all, 0 = the oldest): ${cycleStatusText(cycle)}`,
    cycle.goal === null
      ? noGoalText
      : `goal ${cycle.goal.index}: ${formatHoursMinutes(cycle.goal.target)} on calendar ${JSON.stringify(cycle.goal.calendar)}`,
    `elapsed ${formatHoursMinutes(cycle.elapsed)}${cycle.percent === null ? '' : ` (${cycle.percent.toFixed(1)}%)`}` +
      (cycle.remaining === null ? '' : `, remaining ${formatHoursMinutes(cycle.remaining)}`) +
      (cycle.pausedFor > 0 ? `, paused for ${formatHoursMinutes(cycle.pausedFor)}` : ''),
    ...(cycle.deadline === null ? [] : [`deadline ${formatZonedTime(cycle.deadline, zone)}`]),
    ...(cycle.breachedAt === null ? [] : [`breached at ${formatZonedTime(cycle.breachedAt, zone)}`]),
  ];
  const rows = band.segments.map((segment) => {
    const segmentZone = segment.timeZone ?? zone;
    return `<tr class="${segment.kind}">${[
      htmlElement(
        'td',
        { 'data-iso': formatInstant(segment.from) },
        escapeXml(formatZonedTime(segment.from, segmentZone)),
      ),
      htmlElement(
        'td',
        { 'data-iso': formatInstant(segment.to) },
        escapeXml(formatZonedTime(segment.to, segmentZone)),
      ),
      htmlElement('td', {}, escapeXml(segment.kind)),
      htmlElement(
        'td',
        { class: 'num' },
        segment.counted === 0 ? '-' : escapeXml(formatHoursMinutes(segment.counted)),
      ),
      htmlElement('td', {}, escapeXml(segment.reason)),
    ].join('')}</tr>`;
  });
  const countedMs = band.segments.reduce((sum, segment) => sum + segment.counted, 0);
  const table =
    rows.length === 0
      ? '<p>No segment.</p>'
      : `<details><summary>${rows.length} ${rows.length === 1 ? 'segment' : 'segments'}, ${escapeXml(formatHoursMinutes(countedMs))} counted</summary>
<div class="scroll"><table><caption>${escapeXml(`${band.metric}: the segments of cycle ${band.cycleIndex}`)}</caption>
<thead><tr><th scope="col">from</th><th scope="col">to</th><th scope="col">kind</th><th scope="col">counted</th><th scope="col">reason</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div></details>`;
  return `<section aria-labelledby="m-${index}">${heading}<ul>${facts.map((fact) => `<li>${escapeXml(fact)}</li>`).join('')}</ul>
${table}</section>`;
}

/**
 * The explain picture as a whole HTML page: the SVG inline, then one section per metric with the
 * cycle's facts and its segments as a table.
 *
 * @example
 * renderExplainHtml({ ticketId: 'T-1', nowMs, bands, events }) //=> '<!doctype html>\n...'
 */
export function renderExplainHtml(picture: ExplainPicture): string {
  const ticketText = picture.ticketId === null ? '(no id)' : String(picture.ticketId);
  const body = `<header><h1>${escapeXml(`Ticket ${ticketText}`)}</h1>
<p class="meta">${escapeXml(`Explained at ${formatInstant(picture.nowMs)}. Hover a segment, a tick or a marker for its times and reason; times in each goal calendar's zone.`)}</p></header>
<main>
<figure data-chart="timeline">${renderExplainSvg(picture, false)}</figure>
${picture.bands.map(bandSection).join('\n')}
</main>`;
  return renderPage(`Ticket ${ticketText}: SLA timeline`, body);
}
