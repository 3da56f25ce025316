/**
 * Turning zod's issues into ours: every schema check carries the "expected ..." text of its
 * message (and, for custom checks, our issue code); this module adds the path and the value.
 */
import type * as z from 'zod/mini';
import { type SlaIssue, type SlaIssueCode, type SlaPath, SlaValidationError } from './errors.js';
import * as expected from './expected.js';
import { expectedGot, missingKey, unknownKey } from './messages.js';
import { identityEscape, type ProtoKeyEscape } from './protoKeys.js';

type ZodIssue = z.core.$ZodIssue;

/** Options for a zod check: the expected-text of its message and the issue code it reports. */
export function check(
  code: SlaIssueCode,
  expectedText: string,
): { error: string; params: { slaCode: SlaIssueCode } } {
  return { error: expectedText, params: { slaCode: code } };
}

const zodCodeToOurs: Record<string, SlaIssueCode> = {
  invalid_type: 'invalid_type',
  invalid_value: 'invalid_value',
  invalid_union: 'invalid_type',
  invalid_format: 'invalid_value',
  too_big: 'invalid_value',
  too_small: 'invalid_value',
  not_multiple_of: 'invalid_value',
};

let codesByExpected: Map<string, SlaIssueCode> | undefined;

/** Built-in checks (patterns, ranges) cannot carry our code: it is recovered from their expected-text. */
function codeOfExpected(expectedText: string): SlaIssueCode | undefined {
  codesByExpected ??= new Map<string, SlaIssueCode>([
    [expected.localTime, 'invalid_local_time'],
    [expected.localDate, 'invalid_local_date'],
    [expected.holidayEntry, 'invalid_local_date'],
    [expected.target, 'invalid_duration'],
  ]);
  return codesByExpected.get(expectedText);
}

/** Whether an issue says the value has the wrong JS type for a union branch (the branch does not apply). */
function isTypeMismatch(issue: ZodIssue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
}

/** How far a union branch got before failing: 0 when it only found missing or unknown keys. */
function progress(issues: readonly ZodIssue[]): number {
  let best = 0;
  for (const issue of issues) {
    // A missing key (its issue carries no input) says as little as an unknown one.
    if (issue.input === undefined || issue.code === 'unrecognized_keys') continue;
    best = Math.max(best, 1 + issue.path.length);
  }
  return best;
}

/**
 * Picks the union branch that explains a failure best: the only branch that accepts the value's
 * type, else the one that got furthest. `undefined` means "none": report the union's own message.
 */
function chooseBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] | undefined {
  const applicable = branches.filter((issues) => !issues.some(isTypeMismatch));
  if (applicable.length === 1) return applicable[0];
  let best: readonly ZodIssue[] | undefined;
  let bestProgress = 0;
  for (const issues of applicable) {
    const p = progress(issues);
    if (p > bestProgress) {
      best = issues;
      bestProgress = p;
    }
  }
  return best;
}

/**
 * Converts zod's issues into an `SlaValidationError` whose messages name `root` + path, the value
 * and what was expected. `base` is prefixed to every path (a calendar inside a policy); `original`
 * maps the keys and values of an input validated through `escapeProtoKeys` back to the caller's.
 */
export function toValidationError(
  issues: readonly ZodIssue[],
  root: string,
  base: SlaPath = [],
  original: ProtoKeyEscape = identityEscape,
): SlaValidationError {
  const out: SlaIssue[] = [];
  const keyOf = (key: PropertyKey): string | number => {
    const own = original.keyOf(key);
    return typeof own === 'symbol' ? String(own) : own;
  };
  const visit = (issue: ZodIssue, prefix: SlaPath): void => {
    const path = [...prefix, ...issue.path.map(keyOf)];
    const input = original.inputOf(issue.input);
    if (issue.code === 'invalid_union') {
      const branch = chooseBranch(issue.errors);
      if (branch !== undefined && input !== undefined) {
        for (const inner of branch) visit(inner, path);
        return;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys.map((name) => String(keyOf(name)))) {
        const keyPath = [...path, key];
        out.push({
          code: 'unrecognized_key',
          path: keyPath,
          message: unknownKey(root, keyPath, key, issue.message.split(', ')),
        });
      }
      return;
    }
    if (issue.code === 'invalid_key') {
      const inner = issue.issues[0];
      const code = (inner?.code === 'custom' ? inner.params?.slaCode : undefined) ?? 'invalid_value';
      out.push({
        code,
        path,
        message: expectedGot(root, path, inner?.message ?? issue.message, keyOf(issue.input as PropertyKey)),
      });
      return;
    }
    const slaCode = issue.code === 'custom' ? (issue.params?.slaCode as SlaIssueCode | undefined) : undefined;
    // A number that is not a whole one has the right type and the wrong value.
    const fraction = issue.code === 'invalid_type' && issue.expected === 'int' ? 'invalid_value' : undefined;
    const code =
      slaCode ?? codeOfExpected(issue.message) ?? fraction ?? zodCodeToOurs[issue.code] ?? 'invalid_value';
    const message =
      input === undefined && path.length > 0
        ? missingKey(root, path, issue.message)
        : expectedGot(root, path, issue.message, input);
    out.push({ code, path, message });
  };
  for (const issue of issues) visit(issue, base);
  return new SlaValidationError(out);
}
