/**
 * The check that runs once, outside the timed loops: does every implementation give sla-clock's
 * answers on the inputs it is timed on, and on a few named cases around DST, holidays and
 * closes? A disagreement is printed, never fixed: it is a finding about the other library.
 */

/** One query shape: between two instants, or add an amount to one. */
export type Query = (fromMs: number, argMs: number) => number | null;

/** An input of a query: `from` and either the end instant or the amount to add. */
export interface QueryInput {
  readonly fromMs: number;
  readonly argMs: number;
  /** Why this case is here, for named cases. */
  readonly label?: string;
}

export interface Disagreement {
  readonly implementation: string;
  readonly input: QueryInput;
  readonly expected: number | null;
  readonly actual: number | null;
}

/**
 * Compares each candidate with the reference on every input; a throw counts as a disagreement.
 * `===`, so a `-0` for `0` (moment-business-time's empty spans) is not a disagreement.
 */
export function disagreements(
  reference: Query,
  candidates: Readonly<Record<string, { readonly query: Query; readonly inputs: readonly QueryInput[] }>>,
): Disagreement[] {
  const found: Disagreement[] = [];
  for (const [implementation, { query, inputs }] of Object.entries(candidates)) {
    for (const input of inputs) {
      const expected = reference(input.fromMs, input.argMs);
      let actual: number | null;
      try {
        actual = query(input.fromMs, input.argMs);
      } catch {
        actual = Number.NaN;
      }
      if (actual !== expected) found.push({ implementation, input, expected, actual });
    }
  }
  return found;
}

/** Wall-clock time in New York, for messages a reader can check against a calendar. */
export function newYorkTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return String(ms);
  return new Date(ms).toLocaleString('sv-SE', { timeZone: 'America/New_York' });
}

/** Prints one line per group: which implementations agree, and the first few disagreements. */
export function reportAgreement(
  group: string,
  checked: Readonly<Record<string, number>>,
  found: readonly Disagreement[],
  describeArg: (argMs: number, fromMs: number) => string,
): void {
  const byImplementation = new Map<string, Disagreement[]>();
  for (const d of found)
    byImplementation.set(d.implementation, [...(byImplementation.get(d.implementation) ?? []), d]);
  const summary = Object.entries(checked)
    .map(([name, count]) => `${name} ${count - (byImplementation.get(name)?.length ?? 0)}/${count}`)
    .join(', ');
  if (found.length === 0) {
    console.log(`[agreement] ${group}: all agree with sla-clock (${summary})`);
    return;
  }
  console.warn(`[agreement] WARNING ${group}: disagreements with sla-clock (${summary})`);
  for (const [name, list] of byImplementation) {
    for (const d of list.slice(0, 3)) {
      const { fromMs, argMs, label } = d.input;
      console.warn(
        `  ${name}: from ${newYorkTime(fromMs)} ${describeArg(argMs, fromMs)}${label ? ` (${label})` : ''}:` +
          ` sla-clock ${d.expected}, ${name} ${d.actual}`,
      );
    }
  }
}
