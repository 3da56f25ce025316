/**
 * `"__proto__"` as an ordinary name in validated input (docs/policy.md, "Reserved-looking names").
 *
 * Policies and calendars arrive as JSON, and `JSON.parse` turns `{"__proto__": ...}` into an own
 * key like any other. zod's records skip that one key (they guard the objects they build against
 * prototype pollution), so its value would go unvalidated while the compiler, which reads the
 * input itself, would use it. Rather than refuse a name that works everywhere else (attribute
 * keys, `"constructor"`, `"toString"`), the validator is shown a copy in which every own
 * `"__proto__"` key is renamed to a sentinel that cannot occur in the input; issues found under
 * the sentinel are reported under `"__proto__"` again. Input without such a key is validated as
 * it is, with no copy.
 */

/** How validation issues are mapped back from the escaped copy to the caller's input. */
export interface ProtoKeyEscape {
  /** The name a key had in the caller's input. */
  readonly keyOf: (key: PropertyKey) => PropertyKey;
  /** The caller's own object for a node of the escaped copy (anything else unchanged). */
  readonly inputOf: (value: unknown) => unknown;
}

const protoKey = '__proto__';

/** No escaping happened: keys and values are the caller's own. */
export const identityEscape: ProtoKeyEscape = { keyOf: (key) => key, inputOf: (value) => value };

/** Whether any object inside `root` (iteratively, own enumerable keys) has an own `"__proto__"` key. */
export function hasOwnProtoKey(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Object.hasOwn(node, protoKey)) return true;
    for (const inner of Object.values(node)) stack.push(inner);
  }
  return false;
}

/** Every own key anywhere in `root`, to pick a sentinel that none of them equals. */
function keysWithin(root: unknown): Set<string> {
  const keys = new Set<string>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const [key, inner] of Object.entries(node)) {
      keys.add(key);
      stack.push(inner);
    }
  }
  return keys;
}

/**
 * The value to validate in place of `root`, and how to map issues back. Call after the input's
 * depth has been bounded (the copy is made recursively). Arrays and plain objects are copied with
 * their own enumerable keys in order; anything else (class instances, Dates) is kept as it is,
 * so the validator reports it exactly as it would the original.
 *
 * @example
 * const { value, original } = escapeProtoKeys(JSON.parse('{"metrics":{"__proto__":{}}}'))
 * const [key] = Object.keys(value.metrics) // a sentinel, not "__proto__"
 * original.keyOf(key) //=> '__proto__'
 */
export function escapeProtoKeys(root: unknown): { value: unknown; original: ProtoKeyEscape } {
  if (!hasOwnProtoKey(root)) return { value: root, original: identityEscape };
  const taken = keysWithin(root);
  let sentinel = `\u0000${protoKey}`;
  while (taken.has(sentinel)) sentinel = `\u0000${sentinel}`;
  const originals = new WeakMap<object, object>();
  const copy = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      const out = node.map(copy);
      originals.set(out, node);
      return out;
    }
    if (node === null || typeof node !== 'object') return node;
    const prototype = Object.getPrototypeOf(node);
    if (prototype !== Object.prototype && prototype !== null) return node;
    const out: Record<string, unknown> = prototype === null ? Object.create(null) : {};
    for (const [key, inner] of Object.entries(node)) out[key === protoKey ? sentinel : key] = copy(inner);
    originals.set(out, node);
    return out;
  };
  const value = copy(root);
  return {
    value,
    original: {
      keyOf: (key) => (key === sentinel ? protoKey : key),
      inputOf: (node) => (node !== null && typeof node === 'object' ? (originals.get(node) ?? node) : node),
    },
  };
}
