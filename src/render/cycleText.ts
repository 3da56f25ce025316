/**
 * What every explanation of a cycle (`sla-clock explain` as text, SVG and HTML; docs/cli.md,
 * "explain") says about it in the same words: its status, the lack of a goal, the zone of its times.
 */
import type { CycleState } from '../engine/state.js';

/**
 * The zone a cycle's instants are shown in: its goal calendar's (as Intl accepts it), else UTC
 * (no cycle, no goal, or a 24/7 goal).
 *
 * @example
 * cycleZone(null) //=> 'UTC'
 */
export const cycleZone = (cycle: CycleState | null): string => cycle?.goal?.timeZone ?? 'UTC';

/**
 * A cycle's status, followed by `, breached` when it is past its target but its status does not
 * say so.
 *
 * @example
 * cycleStatusText({ status: 'running', breached: true, ... }) //=> 'running, breached'
 */
export const cycleStatusText = (cycle: CycleState): string =>
  `${cycle.status}${cycle.breached && cycle.status !== 'breached' ? ', breached' : ''}`;

/** What a cycle with no goal says where others name their goal. */
export const noGoalText = 'no goal matches (elapsed measured on 24/7)';
