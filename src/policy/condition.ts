/**
 * Conditions (SPEC.md section 5): plain JSON predicates over a ticket's attributes, compiled
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

/** A ticket's attributes while the log is replayed. Values are never null: null removes a key. */
export type AttributeMap = ReadonlyMap<string, Exclude<Scalar, null>>;

/** A compiled condition. */
export type Predicate = (attributes: AttributeMap) => boolean;

const always: Predicate = () => true;
const never: Predicate = () => false;

function equalsScalar(field: string, expected: Scalar): Predicate {
  if (expected === null) return (attributes) => !attributes.has(field);
  return (attributes) => attributes.get(field) === expected;
}

function isOneOf(field: string, values: readonly Scalar[]): Predicate {
  if (values.length === 0) return never;
  if (values.length === 1) return equalsScalar(field, values[0] as Scalar);
  const includesNull = values.includes(null);
  const present = values.filter((value) => value !== null);
  return (attributes) => {
    const value = attributes.get(field);
    return value === undefined ? includesNull : present.includes(value);
  };
}

function compileMatcher(field: string, matcher: Matcher): Predicate {
  if (Array.isArray(matcher)) return isOneOf(field, matcher);
  if (matcher !== null && typeof matcher === 'object') {
    if ('exists' in matcher) {
      return matcher.exists ? (attributes) => attributes.has(field) : (attributes) => !attributes.has(field);
    }
    const negated = compileMatcher(field, (matcher as { not: Scalar | readonly Scalar[] }).not as Matcher);
    return (attributes) => !negated(attributes);
  }
  return equalsScalar(field, matcher as Scalar);
}

/**
 * Compiles a validated condition into a predicate. Equality is strict (`1` does not match `"1"`);
 * `{}` and `{ all: [] }` always hold, `{ any: [] }` never does; a matcher `[]` matches nothing.
 *
 * @example
 * const urgent = compileCondition({ priority: ['high', 'urgent'], status: { not: 'solved' } })
 * urgent(new Map([['priority', 'high'], ['status', 'open']])) //=> true
 */
export function compileCondition(condition: Condition): Predicate {
  const keys = Object.keys(condition);
  if (keys.length === 1) {
    const key = keys[0] as string;
    if (key === 'all' || key === 'any') {
      const parts = (condition as { all: readonly Condition[] })[key as 'all'].map(compileCondition);
      if (parts.length === 0) return key === 'all' ? always : never;
      if (parts.length === 1) return parts[0] as Predicate;
      return key === 'all'
        ? (attributes) => parts.every((part) => part(attributes))
        : (attributes) => parts.some((part) => part(attributes));
    }
    if (key === 'not') {
      const inner = compileCondition((condition as { not: Condition }).not);
      return (attributes) => !inner(attributes);
    }
  }
  const fields = keys.map((field) =>
    compileMatcher(field, (condition as Record<string, Matcher>)[field] as Matcher),
  );
  if (fields.length === 0) return always;
  if (fields.length === 1) return fields[0] as Predicate;
  return (attributes) => fields.every((field) => field(attributes));
}
