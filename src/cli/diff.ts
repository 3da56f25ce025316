/**
 * `sla-clock diff`: what replacing one policy by another would do, before it is made
 * (docs/cli.md, "diff"). The input may be stdin, which cannot be read twice, so one pass does
 * everything: each ticket is read once, computed through both policies, counted in the
 * comparison's rows and, for `--format ndjson`, its diff written at once, in input order.
 */
import type { SlaComparisonGroup, SlaState, SlaStateDiff } from '../index.js';
import { isSlaValidationError } from '../index.js';
import { formatCount } from '../render/count.js';
import { PolicyComparison } from '../report/compare.js';
import { diffStates } from '../report/diff.js';
import { formatInstant } from '../time/instant.js';
import { computeOptionsOf, loadCalendars } from './calendars.js';
import type { LineProblem } from './evaluate.js';
import { ExitCode } from './exit.js';
import { formatRate, renderTable } from './format.js';
import { cliMessage, lineCode } from './messages.js';
import { type InputPath, readLineBatches } from './ndjson.js';
import { Output, Problems } from './output.js';
import { loadPolicy } from './policy.js';
import { Progress } from './progress.js';
import { type EventLines, type InputItem, TicketAssembler, type TicketLine, ticketOf } from './tickets.js';

export interface DiffOptions {
  /** The policy in force (`--policy`). */
  readonly policyPath: string;
  /** The policy it would be replaced by (`--against`). */
  readonly againstPath: string;
  readonly nowMs: number;
  readonly calendarsPath: string | undefined;
  readonly groupBy: string | undefined;
  readonly format: 'table' | 'json' | 'ndjson';
  readonly input: InputPath;
}

/** What a run counted beside the comparison's rows, for the table's headline. */
interface RunCounts {
  tickets: number;
  changed: number;
}

/** Both states of a ticket read from the input, or the lines to blame. */
type Pair =
  | { readonly ok: true; readonly before: SlaState; readonly after: SlaState }
  | { readonly ok: false; readonly problems: readonly LineProblem[] };

export function pairOf(comparison: PolicyComparison, item: TicketLine | EventLines): Pair {
  try {
    const [before, after] = comparison.add(ticketOf(item));
    return { ok: true, before, after };
  } catch (error) {
    if (!isSlaValidationError(error))
      return {
        ok: false,
        problems: [{ line: item.line, code: lineCode.internal, message: cliMessage.internal(String(error)) }],
      };
    // As `compute` reports them: an issue about event i of an event-line ticket blames its line.
    const eventLines = item.kind === 'events' ? item.lines : null;
    const problems = error.issues.map((issue) => {
      const eventIndex = issue.path[0] === 'events' ? issue.path[1] : undefined;
      const eventLine =
        eventLines !== null && typeof eventIndex === 'number' ? eventLines[eventIndex] : undefined;
      return { line: eventLine ?? item.line, code: issue.code, message: issue.message };
    });
    return { ok: false, problems };
  }
}

/** A diff as JSON text, instants as ISO strings (as `serializeSlaState` writes them). */
export function diffLine(diff: SlaStateDiff): string {
  const metrics: Record<string, unknown> = {};
  for (const name of Object.keys(diff.metrics)) {
    const metric = diff.metrics[name]!;
    const side = (summary: typeof metric.before) =>
      summary === null
        ? null
        : {
            status: summary.status,
            breached: summary.breached,
            deadline: summary.deadline === null ? null : formatInstant(summary.deadline),
            cycles: summary.cycles,
            breachedCycles: summary.breachedCycles,
          };
    // defineProperty: a metric named "__proto__" stays a name.
    Object.defineProperty(metrics, name, {
      value: {
        before: side(metric.before),
        after: side(metric.after),
        deadlineShift: metric.deadlineShift,
        flips: metric.flips,
      },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return `${JSON.stringify({ ticketId: diff.ticketId, diff: { ticketId: diff.ticketId, metrics } })}\n`;
}

export async function runDiff(options: DiffOptions): Promise<ExitCode> {
  const before = loadPolicy(options.policyPath).policy;
  const after = loadPolicy(options.againstPath).policy;
  const at = computeOptionsOf(options.nowMs, loadCalendars(options.calendarsPath));
  const comparison = PolicyComparison.of(
    before,
    after,
    options.groupBy === undefined ? at : { ...at, groupBy: options.groupBy },
  );
  const progress = new Progress();
  const problems = new Problems(progress);
  const output = new Output();
  const counts: RunCounts = { tickets: 0, changed: 0 };
  const ndjson = options.format === 'ndjson';
  const take = (items: readonly InputItem[]) => {
    for (const item of items) {
      if (item.kind === 'error') {
        problems.report([item]);
        continue;
      }
      // Nothing arrives computed: diff reads in this thread.
      if (item.kind === 'computed') continue;
      const pair = pairOf(comparison, item);
      if (!pair.ok) {
        problems.report(pair.problems);
        continue;
      }
      counts.tickets++;
      const diff = diffStates(pair.before, pair.after, false);
      if (diff === null) continue;
      counts.changed++;
      if (ndjson) output.write(diffLine(diff));
    }
  };
  const assembler = new TicketAssembler();
  const items: InputItem[] = [];
  for await (const batch of readLineBatches(options.input)) {
    items.length = 0;
    assembler.pushBatch(batch, items);
    take(items);
    progress.update(batch.firstLine + batch.lines.length - 1, counts.tickets, problems.count);
    await output.ready();
    // The reader went away (`sla-clock diff --format ndjson | head`): nobody to write to.
    if (output.closed) return problems.count > 0 ? ExitCode.InvalidInput : ExitCode.Ok;
  }
  items.length = 0;
  assembler.end(items);
  take(items);
  progress.clear();
  if (options.format === 'json') output.write(`${JSON.stringify({ groups: comparison.groups() })}\n`);
  else if (options.format === 'table')
    output.write(renderComparison(comparison.groups(), { ...options, ...counts, skipped: problems.count }));
  return problems.count > 0 ? ExitCode.InvalidInput : ExitCode.Ok;
}

// ---------------------------------------------------------------------------------------------
// The table: the first thing an admin reads before changing a policy.

interface TableContext {
  readonly policyPath: string;
  readonly againstPath: string;
  readonly groupBy: string | undefined;
  readonly nowMs: number;
  readonly tickets: number;
  readonly changed: number;
  /** Problems with input lines, reported on stderr (those lines are left out). */
  readonly skipped: number;
}

const count = formatCount;
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/**
 * A deadline shift in hours and minutes, signed (`+1h 30m`, `-45m`, `0`): the table's durations
 * never use days, whose length a reader might take for business days.
 *
 * @example
 * formatShift(-95_400_000) //=> '-26h 30m'
 */
export function formatShift(ms: number | null): string {
  if (ms === null) return '-';
  if (ms === 0) return '0';
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${abs}ms`;
  const seconds = Math.round(abs / 1000);
  const parts: string[] = [];
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0) parts.push(`${minutes}m`);
  if (seconds % 60 > 0) parts.push(`${seconds % 60}s`);
  return `${sign}${parts.join(' ')}`;
}

/** A change between two rates, for sorting; 0 when either is undefined (0 / 0). */
const rateChange = (before: number | null, after: number | null): number =>
  before === null || after === null ? 0 : Math.abs(after - before);

/**
 * Largest impact first: the compliance change, then the flips, then the breach-rate change, then
 * the deadline shift; rows that tie keep their order of first appearance (a stable sort).
 */
function byImpact(a: SlaComparisonGroup, b: SlaComparisonGroup): number {
  return (
    rateChange(b.before.complianceRate, b.after.complianceRate) -
      rateChange(a.before.complianceRate, a.after.complianceRate) ||
    b.metToBreached + b.breachedToMet - (a.metToBreached + a.breachedToMet) ||
    rateChange(b.before.breachRate, b.after.breachRate) -
      rateChange(a.before.breachRate, a.after.breachRate) ||
    Math.abs(b.medianDeadlineShift ?? 0) - Math.abs(a.medianDeadlineShift ?? 0)
  );
}

/** `before → after` cells of one column, each side padded to its widest, so the arrows align. */
function arrows(pairs: readonly (readonly [string, string])[]): string[] {
  const left = Math.max(0, ...pairs.map(([b]) => b.length));
  const right = Math.max(0, ...pairs.map(([, a]) => a.length));
  return pairs.map(([b, a]) => `${b.padStart(left)} → ${a.padStart(right)}`);
}

const legend = `Rows: one per group and metric, largest change first (compliance, then flips, then breach rate).
  cycles        every cycle of the metric under --against (--policy → --against when they differ)
  compliance    met / (met + breached): ended cycles with a goal, --policy → --against
  breach rate   cycles with breached = true, open ones included / cycles with a goal
  →breached     cycles met under --policy and breached under --against (matched by index)
  →met          cycles breached under --policy and met under --against
  deadline      median shift of the deadline of latest cycles open and running under both
                (later +, earlier -; real time, not business time); - when there are none
`;

/** The comparison as a table: a headline, one row per (group, metric) by impact, a legend. */
export function renderComparison(groups: readonly SlaComparisonGroup[], context: TableContext): string {
  const title =
    `${plural(context.tickets, 'ticket', 'tickets')} at ${new Date(context.nowMs).toISOString()}` +
    (context.groupBy === undefined ? '' : `, by ${context.groupBy}`) +
    (context.skipped === 0
      ? ''
      : `; ${plural(context.skipped, 'input problem', 'input problems')} on stderr, those lines left out`) +
    `\n  --policy  ${context.policyPath}\n  --against ${context.againstPath}\n`;
  if (groups.length === 0) return `${title}\nnothing to compare\n`;
  let metToBreached = 0;
  let breachedToMet = 0;
  for (const group of groups) {
    metToBreached += group.metToBreached;
    breachedToMet += group.breachedToMet;
  }
  const headline =
    `${count(context.changed)} of ${plural(context.tickets, 'ticket', 'tickets')} would change; ` +
    `${plural(metToBreached, 'cycle flips', 'cycles flip')} met → breached, ${count(breachedToMet)} breached → met\n`;
  const rows = [...groups].sort(byImpact);
  const cyclesDiffer = rows.some((g) => g.before.cycles !== g.after.cycles);
  const cycles = cyclesDiffer
    ? arrows(rows.map((g) => [count(g.before.cycles), count(g.after.cycles)]))
    : rows.map((g) => count(g.after.cycles));
  const compliance = arrows(
    rows.map((g) => [formatRate(g.before.complianceRate), formatRate(g.after.complianceRate)]),
  );
  const breachRate = arrows(
    rows.map((g) => [formatRate(g.before.breachRate), formatRate(g.after.breachRate)]),
  );
  const header = ['metric', 'cycles', 'compliance', 'breach rate', '→breached', '→met', 'deadline'];
  const align: ('left' | 'right')[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right'];
  const cells = rows.map((g, i) => [
    g.metric,
    cycles[i]!,
    compliance[i]!,
    breachRate[i]!,
    count(g.metToBreached),
    count(g.breachedToMet),
    formatShift(g.medianDeadlineShift),
  ]);
  if (context.groupBy !== undefined) {
    header.unshift(context.groupBy);
    align.unshift('left');
    rows.forEach((g, i) => {
      cells[i]!.unshift(g.key === null ? '(none)' : String(g.key));
    });
  }
  return `${title}\n${headline}\n${renderTable(header, cells, align)}\n${legend}`;
}
