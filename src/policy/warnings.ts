/**
 * Warnings (docs/policy.md, "Warnings"): `"75%"` of the target, `"-15m"` before it is used up, `"+1h"` past
 * it. Each becomes a threshold of counted time per goal, computed once when the policy compiles.
 */
import { parseDurationText } from '../time/duration.js';

/** A parsed warning: a share of the target in hundredths of a percent, or an offset from it. */
export type WarningRule =
  | { readonly kind: 'percent'; readonly hundredthsOfPercent: number }
  | { readonly kind: 'before' | 'after'; readonly offsetMs: number };

const percentPattern = /^(\d{1,5})(?:\.(\d{1,2}))?%$/;

/**
 * Parses a warning string, or returns `undefined` when it is not one.
 *
 * @example
 * parseWarning('75.5%') //=> { kind: 'percent', hundredthsOfPercent: 7550 }
 * parseWarning('-PT15M') //=> { kind: 'before', offsetMs: 900000 }
 */
export function parseWarning(text: string): WarningRule | undefined {
  const percent = percentPattern.exec(text);
  if (percent !== null) {
    const hundredths = Number(percent[1]) * 100 + Number((percent[2] ?? '').padEnd(2, '0'));
    return hundredths > 0 && hundredths <= 1_000_000
      ? { kind: 'percent', hundredthsOfPercent: hundredths }
      : undefined;
  }
  const sign = text[0];
  if (sign !== '-' && sign !== '+') return undefined;
  const offsetMs = parseDurationText(text.slice(1));
  if (offsetMs === undefined || offsetMs <= 0) return undefined;
  return { kind: sign === '-' ? 'before' : 'after', offsetMs };
}

/**
 * The normalised form by which duplicates are judged: `"75%"` = `"75.0%"`, `"-15m"` = `"-PT15M"`.
 *
 * @example
 * warningKey(parseWarning('-PT15M')!) //=> '-900000'
 */
export function warningKey(rule: WarningRule): string {
  return rule.kind === 'percent'
    ? `${rule.hundredthsOfPercent}%`
    : `${rule.kind === 'before' ? '-' : '+'}${rule.offsetMs}`;
}

/**
 * The counted time at which a warning fires for a target: `ceil(target × p / 100)` in exact
 * arithmetic, `max(0, target − D)`, or `target + D`.
 *
 * @example
 * warningThresholdMs({ kind: 'percent', hundredthsOfPercent: 7500 }, 3_600_000) //=> 2700000
 */
export function warningThresholdMs(rule: WarningRule, targetMs: number): number {
  if (rule.kind !== 'percent') {
    return rule.kind === 'before' ? Math.max(0, targetMs - rule.offsetMs) : targetMs + rule.offsetMs;
  }
  // target (< 2^42 ms) × hundredths (<= 10^6) can pass 2^53: divide in BigInt, exactly.
  const product = BigInt(targetMs) * BigInt(rule.hundredthsOfPercent);
  const quotient = product / 10_000n;
  return Number(product % 10_000n === 0n ? quotient : quotient + 1n);
}
