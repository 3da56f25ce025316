/** Builds the explain picture of a ticket the way `sla-clock explain --format svg` does. */
import {
  compilePolicy,
  computeSlaState,
  explainSla,
  type Policy,
  type PolicySpec,
  type Ticket,
} from '../../src/index.js';
import type { ExplainEvent, ExplainPicture } from '../../src/render/explainSvg.js';
import { instantMsOrNaN } from '../../src/time/instant.js';

export function pictureOf(ticket: Ticket, policy: Policy, nowMs: number): ExplainPicture {
  const state = computeSlaState(ticket, policy, { now: nowMs });
  const bands = Object.entries(state.metrics).map(([metric, metricState]) => {
    const cycle = metricState.cycles.length - 1;
    const chosen = metricState.cycles[cycle] ?? null;
    return {
      metric,
      cycleIndex: cycle,
      cycleCount: metricState.cycles.length,
      cycle: chosen,
      segments: chosen === null ? [] : explainSla(ticket, policy, { now: nowMs, metric, cycle }),
    };
  });
  const events: ExplainEvent[] = ticket.events.map((event) => ({
    atMs: instantMsOrNaN(event.at),
    type: event.type,
    author: event.type === 'message' ? event.author : null,
    isPublic: !(event.type === 'message' && event.public === false),
    changes: event.attributes ?? {},
  }));
  return { ticketId: state.ticketId, nowMs, bands, events };
}

/**
 * The id of the ticket whose explain picture shows the most, for the browser test and the README's
 * screenshot: the most kinds of segment, then of marker, then the shortest timeline (from its
 * first segment to now); the first such in input order.
 */
export function richestTicket(policyJson: string, ticketsNdjson: string, nowMs: number): string {
  const policy = compilePolicy(JSON.parse(policyJson) as PolicySpec);
  let best = { id: '', score: -1, spanMs: Number.POSITIVE_INFINITY };
  for (const line of ticketsNdjson.split('\n')) {
    if (line === '') continue;
    const ticket = JSON.parse(line) as Ticket;
    const picture = pictureOf(ticket, policy, nowMs);
    const kinds = new Set(picture.bands.flatMap((band) => band.segments.map((s) => s.kind)));
    const markers = new Set<string>();
    for (const band of picture.bands) {
      if (band.cycle?.deadline != null) markers.add('deadline');
      if (band.cycle?.breachedAt != null) markers.add('breach');
      if (band.cycle?.warnings.some((w) => w.at !== null)) markers.add('warning');
    }
    const score = kinds.size * 10 + markers.size;
    // Among equals, the shortest timeline reads best.
    const starts = picture.bands.flatMap((band) => band.segments.map((segment) => segment.from));
    const spanMs = starts.length === 0 ? Number.POSITIVE_INFINITY : nowMs - Math.min(...starts);
    if (score > best.score || (score === best.score && spanMs < best.spanMs))
      best = { id: String(ticket.id), score, spanMs };
  }
  return best.id;
}
