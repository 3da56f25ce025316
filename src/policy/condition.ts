/**
 * Conditions (docs/policy.md, "Conditions"): plain JSON predicates over a ticket's attributes, compiled
 * once per policy into closures.
 */

/** A value an attribute or a matcher may hold. `null` in a matcher stands for a missing field. */
export type Scalar = string | number | boolean | null;

/** Equals a scalar, is one of several, is not (one of), or exists. */
export type Matcher =
  | Scalar
  | readonly Scalar[]
  | { readonly not: Scalar | readonly Scalar[] }
  | { readonly exists: boolean };

/** `all` / `any` / `not` combinators, or field matchers that must all match. */
export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | { readonly [field: string]: Matcher };

/**
 * The attributes a policy looks at, while the log is replayed: one slot per field the policy's
 * conditions name (numbered when the policy compiles), `undefined` when missing. An array read
 * instead of a string-keyed map lookup: conditions run for every event of every ticket.
 */
export type AttributeValues = readonly (Exclude<Scalar, null> | undefined)[];

/** A compiled condition. */
export type Predicate = (values: AttributeValues) => boolean;

/** Numbers the fields a policy's conditions name: the slots of `AttributeValues`. */
export type FieldSlots = (field: string) => number;

const always: Predicate = () => true;
const never: Predicate = () => false;

function equalsScalar(slot: number, expected: Scalar): Predicate {
  if (expected === null) return (values) => values[slot] === undefined;
  return (values) => values[slot] === expected;
}

function isOneOf(slot: number, options: readonly Scalar[]): Predicate {
  if (options.length === 0) return never;
  if (options.length === 1) return equalsScalar(slot, options[0] as Scalar);
  const includesNull = options.includes(null);
  const present = options.filter((option) => option !== null);
  return (values) => {
    const value = values[slot];
    return value === undefined ? includesNull : present.includes(value);
  };
}

function compileMatcher(slot: number, matcher: Matcher): Predicate {
  if (Array.isArray(matcher)) return isOneOf(slot, matcher);
  if (matcher !== null && typeof matcher === 'object') {
    if ('exists' in matcher) {
      return matcher.exists ? (values) => values[slot] !== undefined : (values) => values[slot] === undefined;
    }
    const negated = compileMatcher(slot, (matcher as { not: Scalar | readonly Scalar[] }).not as Matcher);
    return (values) => !negated(values);
  }
  return equalsScalar(slot, matcher as Scalar);
}

/**
 * Compiles a validated condition into a predicate. Equality is strict (`1` does not match `"1"`);
 * `{}` and `{ all: [] }` always hold, `{ any: [] }` never does; a matcher `[]` matches nothing.
 *
 * @example
 * const slots = new Map([['priority', 0], ['status', 1]])
 * const urgent = compileCondition({ priority: ['high', 'urgent'], status: { not: 'solved' } }, (f) => slots.get(f)!)
 * urgent(['high', 'open']) //=> true
 */
export function compileCondition(condition: Condition, slotOf: FieldSlots): Predicate {
  const keys = Object.keys(condition);
  if (keys.length === 1) {
    const key = keys[0] as string;
    if (key === 'all' || key === 'any') {
      const parts = (condition as { all: readonly Condition[] })[key as 'all'].map((part) =>
        compileCondition(part, slotOf),
      );
      if (parts.length === 0) return key === 'all' ? always : never;
      if (parts.length === 1) return parts[0] as Predicate;
      return key === 'all'
        ? (values) => parts.every((part) => part(values))
        : (values) => parts.some((part) => part(values));
    }
    if (key === 'not') {
      const inner = compileCondition((condition as { not: Condition }).not, slotOf);
      return (values) => !inner(values);
    }
  }
  const fields = keys.map((field) =>
    compileMatcher(slotOf(field), (condition as Record<string, Matcher>)[field] as Matcher),
  );
  if (fields.length === 0) return always;
  if (fields.length === 1) return fields[0] as Predicate;
  return (values) => fields.every((field) => field(values));
}
