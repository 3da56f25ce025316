/**
 * A policy file's fingerprint for `GET /v1/policies`: the SHA-256 of its canonical JSON, so two
 * files that differ only in whitespace or key order have the same fingerprint, and a host can tell
 * which policy computed a stored state without keeping the file.
 */
import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth and no whitespace; strings and
 * numbers as `JSON.stringify` writes them. For parsed JSON this is RFC 8785's canonical form.
 *
 * @example
 * canonicalJson({ b: [1, { d: 2, c: 'x' }], a: null }) //=> '{"a":null,"b":[1,{"c":"x","d":2}]}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Own keys only, "__proto__" from JSON.parse included; the text is built, never an object.
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

/**
 * The hex SHA-256 of a parsed JSON value's canonical form.
 *
 * @example
 * fingerprint({ metrics: {} }) //=> 'dba035835ea24be1256e2cd665fa83e86bb4a07b2f84398536c55266da9decfc'
 */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
