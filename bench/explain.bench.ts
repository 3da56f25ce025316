/**
 * `explainSla` on a ticket that alternates pending/open once a minute (issue 7, D2), at 1,000,
 * 10,000, 100,000 and 200,000 toggles, against `computeSlaState` on the same log measured in the
 * same run: one replay of the log, what an explanation should cost about. Two policies: "24/7",
 * and Mon-Fri 09:00-17:00 in New York, where running minutes outside business hours are closed
 * segments (the calendar is searched for every running stretch). Growth should be linear, as the
 * baseline's is: both pay more per toggle once a log outgrows the caches and the young
 * generation, hence the 200,000 row, where doubling the log should double the time.
 * Results: docs/benchmarks.md ("explainSla on many pauses").
 */
import { afterAll, bench, describe } from 'vitest';
import type { PolicySpec, TicketEvent } from '../src/index.js';
import { loadBuiltSlaClock } from './slaClockBuild.js';

type BenchOptions = NonNullable<Parameters<typeof bench>[2]>;
/** At least 10 samples each; a 100,000-toggle sample takes about a tenth of a second. */
const options: BenchOptions = { time: 1000, iterations: 10, warmupTime: 0, warmupIterations: 2 };

const { compilePolicy, computeSlaState, explainSla } = await loadBuiltSlaClock();
const msPerMinute = 60_000;
const createdMs = Date.UTC(2026, 2, 2, 14); // Monday 09:00 in New York

/** `created` (open), then one status change a minute: pending, open, pending, ... */
function togglingLog(toggles: number): { events: TicketEvent[]; nowMs: number } {
  const events: TicketEvent[] = [{ type: 'created', at: createdMs, attributes: { status: 'open' } }];
  for (let k = 1; k <= toggles; k++)
    events.push({
      type: 'updated',
      at: createdMs + k * msPerMinute,
      attributes: { status: k % 2 === 1 ? 'pending' : 'open' },
    });
  return { events, nowMs: createdMs + (toggles + 1) * msPerMinute };
}

function policyOn(calendar: '24/7' | 'ny'): PolicySpec {
  const day = [['09:00', '17:00']] as const;
  return {
    calendars: {
      ny: { timeZone: 'America/New_York', week: { mon: day, tue: day, wed: day, thu: day, fri: day } },
    },
    metrics: {
      resolution: {
        kind: 'resolution',
        pauseWhen: { status: 'pending' },
        goals: [{ target: '1000h', calendar }],
      },
    },
  };
}

const sink = new Float64Array(1);
afterAll(() => console.log(`[bench] checksum ${sink[0]}`));

for (const calendar of ['24/7', 'ny'] as const) {
  const policy = compilePolicy(policyOn(calendar));
  for (const toggles of [1_000, 10_000, 100_000, 200_000]) {
    const { events, nowMs } = togglingLog(toggles);
    const explainOptions = { now: nowMs, metric: 'resolution' };
    // Before any timing: the explanation is the right one (one paused segment per pending, and
    // counted time summing to the state's elapsed), so the rows time real work.
    const segments = explainSla(events, policy, explainOptions);
    const state = computeSlaState(events, policy, { now: nowMs });
    const countedMs = segments.reduce((sum, segment) => sum + segment.counted, 0);
    const pauses = segments.filter((segment) => segment.kind === 'paused').length;
    if (countedMs !== state.metrics.resolution?.elapsed || pauses !== toggles / 2)
      throw new Error(`explainSla disagrees with computeSlaState at ${toggles} toggles on ${calendar}`);

    describe(`${toggles} pending/open toggles, calendar ${calendar} (${segments.length} segments)`, () => {
      bench(
        'explainSla',
        () => {
          sink[0] = (sink[0] as number) + explainSla(events, policy, explainOptions).length;
        },
        options,
      );
      bench(
        'computeSlaState (one replay: the baseline)',
        () => {
          sink[0] = (sink[0] as number) + computeSlaState(events, policy, { now: nowMs }).now;
        },
        options,
      );
    });
  }
}
