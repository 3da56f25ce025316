/** Bounds on what a policy may ask for (docs/policy.md, "Durations" and "Targets"). */
import { msPerDay } from '../time/units.js';

/** The longest target: 100 years of 365.25 days. */
export const maxTargetMs = 36525 * msPerDay;

/** The most business days a target may count: ten years of them. */
export const maxBusinessDays = 3650;
