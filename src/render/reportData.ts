/**
 * What the HTML report shows besides `summarizeSla`'s rows, gathered from states as they stream
 * past (docs/reports.md, "The HTML report"): per metric, the distribution of elapsed time as a
 * share of the target; and the open cycles longest in breach. Memory: 21 counters per metric and
 * at most `limit` open breaches, whatever the number of tickets.
 */
import type { TicketId } from '../engine/events.js';
import type { SlaState } from '../engine/state.js';
import { percentBin, percentBinCount } from './histogram.js';

/** An open cycle past its target. */
export interface OpenBreach {
  readonly ticketId: TicketId | null;
  readonly metric: string;
  readonly cycle: number;
  readonly status: 'running' | 'paused';
  readonly breachedAtMs: number;
  /** Counted time past the target (`-remaining`). */
  readonly overdueMs: number;
  readonly targetMs: number;
  readonly calendar: string;
}

/** A metric's ended cycles with a goal, binned by `percent` (elapsed / target × 100). */
export interface MetricDistribution {
  readonly metric: string;
  readonly counts: readonly number[];
  /** Met and breached cycles binned (those with a goal). */
  readonly decided: number;
  /** Of those, cycles at or under their target. */
  readonly withinTarget: number;
}

export interface ReportExtras {
  readonly distributions: readonly MetricDistribution[];
  /** The open breaches longest in breach first (earliest `breachedAt`; ties in input order). */
  readonly openBreaches: readonly OpenBreach[];
  /** Every open breached cycle seen, of which `openBreaches` shows the first `limit`. */
  readonly openBreachedTotal: number;
}

/**
 * Gathers `ReportExtras` from states, one `add` per state, in input order.
 *
 * @example
 * const collector = new ReportCollector(10);
 * for (const state of states) collector.add(state);
 * collector.result().openBreaches[0].metric //=> 'first_reply'
 */
export class ReportCollector {
  private readonly limit: number;
  private readonly distributions = new Map<string, { counts: number[]; decided: number; within: number }>();
  private readonly breaches: OpenBreach[] = [];
  private openBreachedTotal = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  add(state: SlaState): void {
    for (const [metric, metricState] of Object.entries(state.metrics)) {
      let distribution = this.distributions.get(metric);
      if (distribution === undefined) {
        distribution = { counts: new Array<number>(percentBinCount).fill(0), decided: 0, within: 0 };
        this.distributions.set(metric, distribution);
      }
      metricState.cycles.forEach((cycle, index) => {
        if ((cycle.status === 'met' || cycle.status === 'breached') && cycle.percent !== null) {
          const bin = percentBin(cycle.percent);
          distribution.counts[bin] = (distribution.counts[bin] as number) + 1;
          distribution.decided++;
          if (cycle.status === 'met') distribution.within++;
        } else if (
          (cycle.status === 'running' || cycle.status === 'paused') &&
          cycle.breached &&
          cycle.breachedAt !== null &&
          cycle.goal !== null
        ) {
          this.openBreachedTotal++;
          this.keep({
            ticketId: state.ticketId,
            metric,
            cycle: index,
            status: cycle.status,
            breachedAtMs: cycle.breachedAt,
            overdueMs: -(cycle.remaining ?? 0),
            targetMs: cycle.goal.target,
            calendar: cycle.goal.calendar,
          });
        }
      });
    }
  }

  /** Inserts a breach in order of `breachedAtMs` after its equals, keeping at most `limit`. */
  private keep(breach: OpenBreach): void {
    const list = this.breaches;
    if (this.limit <= 0) return;
    if (
      list.length === this.limit &&
      breach.breachedAtMs >= (list[list.length - 1] as OpenBreach).breachedAtMs
    )
      return;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((list[mid] as OpenBreach).breachedAtMs <= breach.breachedAtMs) low = mid + 1;
      else high = mid;
    }
    list.splice(low, 0, breach);
    if (list.length > this.limit) list.pop();
  }

  result(): ReportExtras {
    return {
      distributions: [...this.distributions].map(([metric, d]) => ({
        metric,
        counts: d.counts,
        decided: d.decided,
        withinTarget: d.within,
      })),
      openBreaches: [...this.breaches],
      openBreachedTotal: this.openBreachedTotal,
    };
  }
}
