/**
 * `sla-clock explain`: the timeline of one cycle of one metric of one ticket, so a person can see
 * what counted and why. Scans the input until the ticket is complete, then stops reading.
 */
import { type ComputeOptions, explainSla, type Policy, type SlaState, type Ticket } from '../index.js';
import { cycleStatusText, cycleZone, noGoalText } from '../render/cycleText.js';
import { renderExplainHtml } from '../render/explainHtml.js';
import type { ExplainBand, ExplainEvent } from '../render/explainSvg.js';
import { renderExplainSvg } from '../render/explainSvg.js';
import { instantMsOrNaN } from '../time/instant.js';
import { computeOptionsOf, loadCalendars } from './calendars.js';
import { evaluate } from './evaluate.js';
import { CliError, ExitCode } from './exit.js';
import { formatDuration, formatZonedTime, renderTable } from './format.js';
import { cliMessage } from './messages.js';
import { type InputPath, readLineBatchesSync } from './ndjson.js';
import { Problems } from './output.js';
import { loadPolicy } from './policy.js';
import { Progress } from './progress.js';
import { type EventLines, type InputItem, TicketAssembler, type TicketLine, ticketOf } from './tickets.js';

export interface ExplainOptions {
  readonly policyPath: string;
  readonly nowMs: number;
  readonly calendarsPath: string | undefined;
  readonly ticketId: string;
  readonly metric: string | undefined;
  readonly cycle: number | undefined;
  /** svg and html: every metric of the ticket (or `metric`) as one picture (docs/cli.md, "explain"). */
  readonly format: 'text' | 'json' | 'svg' | 'html';
  readonly input: InputPath;
}

/**
 * Whether an item is the ticket `--ticket` names: a string id equal to it, or a numeric id whose
 * decimal form it is (`--ticket 42` finds `"id": 42` and `"id": "42"`, whichever comes first).
 */
const sameId = (id: unknown, wanted: string): boolean =>
  id === wanted || (typeof id === 'number' && String(id) === wanted);

const isWanted = (item: InputItem, id: string): item is TicketLine | EventLines =>
  (item.kind === 'ticket' && sameId((item.ticket as { id?: unknown }).id, id)) ||
  (item.kind === 'events' && sameId(item.id, id));

/** The first ticket with that id; line problems met on the way are reported (one may be it). */
function findTicket(input: InputPath, id: string, problems: Problems): TicketLine | EventLines | undefined {
  const assembler = new TicketAssembler();
  const items: InputItem[] = [];
  const scan = (): TicketLine | EventLines | undefined => {
    for (const item of items) {
      if (item.kind === 'error') problems.report([item]);
      else if (isWanted(item, id)) return item;
    }
    return undefined;
  };
  for (const batch of readLineBatchesSync(input)) {
    items.length = 0;
    assembler.pushBatch(batch, items);
    const found = scan();
    if (found !== undefined) return found;
  }
  items.length = 0;
  assembler.end(items);
  return scan();
}

export function runExplain(options: ExplainOptions): ExitCode {
  const { policy } = loadPolicy(options.policyPath);
  const at = computeOptionsOf(options.nowMs, loadCalendars(options.calendarsPath));
  const metric = options.metric ?? policy.metricNames[0]!;
  if (!policy.metricNames.includes(metric))
    throw new CliError(cliMessage.unknownMetric(metric, policy.metricNames));
  const problems = new Problems(new Progress());
  const item = findTicket(options.input, options.ticketId, problems);
  if (item === undefined) {
    process.stderr.write(`${cliMessage.ticketNotFound(options.ticketId)}\n`);
    return ExitCode.InvalidInput;
  }
  const ticket = ticketOf(item);
  const result = evaluate(ticket, item.line, item.kind === 'events' ? item.lines : null, policy, at);
  if (!result.ok) {
    problems.report(result.problems);
    return ExitCode.InvalidInput;
  }
  if (options.format === 'svg' || options.format === 'html') {
    // Every metric of the version that computed the ticket, or the one asked for.
    const metrics = options.metric === undefined ? Object.keys(result.state.metrics) : [metric];
    const bands = metrics.map((name) => bandOf(ticket as Ticket, policy, at, result.state, name, options));
    const picture = {
      ticketId: result.state.ticketId,
      nowMs: options.nowMs,
      bands,
      events: eventsOf(ticket),
    };
    process.stdout.write(
      options.format === 'svg' ? renderExplainSvg(picture, true) : renderExplainHtml(picture),
    );
    return problems.count > 0 ? ExitCode.InvalidInput : ExitCode.Ok;
  }
  const band = bandOf(ticket as Ticket, policy, at, result.state, metric, options);
  process.stdout.write(
    options.format === 'json' ? explainJson(result.state, band) : explainText(result.state, band),
  );
  return problems.count > 0 ? ExitCode.InvalidInput : ExitCode.Ok;
}

/**
 * One metric's band: its chosen cycle (the latest, or `--cycle`: a usage error past the last one)
 * and that cycle's timeline; cycle -1 and no segment when the metric has no cycle.
 */
function bandOf(
  ticket: Ticket,
  policy: Policy,
  at: ComputeOptions,
  state: SlaState,
  metric: string,
  options: ExplainOptions,
): ExplainBand {
  const cycles = state.metrics[metric]?.cycles ?? [];
  const cycle = options.cycle ?? cycles.length - 1;
  // Only a --cycle can be past the last cycle.
  if (cycle >= cycles.length)
    throw new CliError(cliMessage.cycleOutOfRange(options.ticketId, metric, cycle, cycles.length));
  const chosen = cycles[cycle] ?? null;
  return {
    metric,
    cycleIndex: chosen === null ? -1 : cycle,
    cycleCount: cycles.length,
    cycle: chosen,
    segments: chosen === null ? [] : explainSla(ticket, policy, { ...at, metric, cycle }),
  };
}

/** The ticket's events as ticks (the ticket was computed, so every event is valid). */
function eventsOf(ticket: object): ExplainEvent[] {
  const events = Array.isArray(ticket) ? ticket : (ticket as { events: readonly unknown[] }).events;
  return events.map((value) => {
    const event = value as {
      type: string;
      at: unknown;
      author?: string;
      public?: boolean;
      attributes?: ExplainEvent['changes'];
    };
    return {
      atMs: instantMsOrNaN(event.at),
      type: event.type,
      author: event.author ?? null,
      isPublic: event.public !== false,
      changes: event.attributes ?? {},
    };
  });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The explanation as one JSON line, instants as ISO strings. */
function explainJson(
  state: SlaState,
  { metric, cycleIndex, cycleCount, cycle, segments }: ExplainBand,
): string {
  return `${JSON.stringify({
    ticketId: state.ticketId,
    now: iso(state.now),
    metric,
    cycle: cycle === null ? null : cycleIndex,
    cycles: cycleCount,
    status: cycle?.status ?? 'inactive',
    goal: cycle?.goal ?? null,
    elapsed: cycle?.elapsed ?? 0,
    segments: segments.map((segment) => ({ ...segment, from: iso(segment.from), to: iso(segment.to) })),
  })}\n`;
}

/** The explanation for people: a header, one line per segment, and a total equal to elapsed. */
function explainText(
  state: SlaState,
  { metric, cycleIndex, cycleCount, cycle: chosen, segments }: ExplainBand,
): string {
  const heading = `ticket ${state.ticketId ?? '(no id)'}, metric ${metric}, at ${iso(state.now)}`;
  if (chosen === null) return `${heading}\nno cycle: the metric is inactive\n`;
  const timeZone = cycleZone(chosen);
  const goal =
    chosen.goal === null
      ? noGoalText
      : `goal ${chosen.goal.index}: ${formatDuration(chosen.goal.target)} on calendar ${JSON.stringify(chosen.goal.calendar)}`;
  const percent = chosen.percent === null ? '' : ` (${chosen.percent.toFixed(1)}%)`;
  const lines = [
    heading,
    `cycle ${cycleIndex} (${cycleCount} in all, 0 = oldest): ${cycleStatusText(chosen)}; ${goal}`,
    `elapsed ${formatDuration(chosen.elapsed)}${percent}` +
      (chosen.remaining === null ? '' : `, remaining ${formatDuration(chosen.remaining)}`) +
      (chosen.pausedFor > 0 ? `, paused for ${formatDuration(chosen.pausedFor)}` : '') +
      (chosen.deadline === null ? '' : `, deadline ${formatZonedTime(chosen.deadline, timeZone)}`),
    `times in ${timeZone}`,
    '',
  ];
  const withMs = segments.some((segment) => segment.from % 1000 !== 0 || segment.to % 1000 !== 0);
  const rows = segments.map((segment) => [
    formatZonedTime(segment.from, timeZone, withMs),
    formatZonedTime(segment.to, timeZone, withMs),
    segment.kind,
    segment.counted === 0 ? '-' : formatDuration(segment.counted),
    segment.reason,
  ]);
  const table = renderTable(['from', 'to', 'kind', 'counted', 'reason'], rows, [
    'left',
    'left',
    'left',
    'right',
    'left',
  ]);
  const countedMs = segments.reduce((sum, segment) => sum + segment.counted, 0);
  const total =
    countedMs === chosen.elapsed
      ? `total counted ${formatDuration(countedMs)} (${countedMs} ms) = elapsed`
      : `total counted ${formatDuration(countedMs)} (${countedMs} ms), but elapsed is ${chosen.elapsed} ms`;
  return `${lines.join('\n')}\n${table}${total}\n`;
}
