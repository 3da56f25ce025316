/**
 * sla-clock's two hot queries, `businessTimeBetween` and `addBusinessTime`, against (a) a plain
 * day-by-day walk, (b) moment-business-time and opening_hours, and (c) the floor (a bare binary
 * search over precomputed intervals), on one calendar: Mon-Fri 09:00-17:00 in New York with the
 * US federal holidays 2025-2028. Run with `npm run bench`, which sets `TZ=America/New_York`:
 * the day walk and both libraries compute in the process's zone. docs/benchmarks.md has results.
 *
 * Per-call groups: each iteration answers one query (inputs cycle through a fixed, seeded set of
 * 1024 starts in 2026-2027), so every row is one call plus the timer's own overhead, which the
 * "harness" group measures. The "1024 calls per iteration" group times sla-clock and the floor
 * without that overhead (divide by 1024). Goals (from the issue; nothing here asserts timings):
 * sla-clock under 100 ns per call whatever the span, 100x faster than moment-business-time, 10x
 * faster than opening_hours, and compiling a calendar plus building a year under 5 ms.
 */
import opening_hours from 'opening_hours';
import { afterAll, bench, describe } from 'vitest';
import * as slaClockSource from '../src/index.js';
import { disagreements, newYorkTime, type Query, type QueryInput, reportAgreement } from './agreement.js';
import { createDayWalk } from './baselines/dayWalk.js';
import { createFloor } from './baselines/floor.js';
import { configureMomentBusinessTime } from './baselines/momentBusinessTime.js';
import { createOpeningHours, openingHoursRule } from './baselines/openingHours.js';
import { nineToFiveSpec, seededStartsMs, usFederalHolidays } from './fixtures.js';
import { loadBuiltSlaClock } from './slaClockBuild.js';

type BenchOptions = NonNullable<Parameters<typeof bench>[2]>;

const msPerMinute = 60_000;
const msPerHour = 60 * msPerMinute;
const msPerDay = 24 * msPerHour;

const processZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (processZone !== 'America/New_York') {
  console.warn(
    `[bench] WARNING: the process zone is ${processZone}, not America/New_York. The day walk,` +
      ' moment-business-time and opening_hours compute in it, so they answer another question:' +
      ' run `npm run bench` (it sets TZ=America/New_York).',
  );
}

// --- the implementations, each built once, as a host would -------------------------------------

const { addBusinessTime, businessTimeBetween, compileCalendar } = await loadBuiltSlaClock();
const cal = compileCalendar(nineToFiveSpec());
// Warm: position every chunk the inputs can reach (2024-2031), so that no timed call builds one.
businessTimeBetween(cal, Date.UTC(2024, 0, 1), Date.UTC(2031, 0, 1));
const floor = createFloor(nineToFiveSpec(), Date.UTC(2024, 0, 1), Date.UTC(2031, 0, 1));
const dayWalk = createDayWalk(usFederalHolidays);
const momentBusinessTime = configureMomentBusinessTime(usFederalHolidays);
const openingHours = createOpeningHours(usFederalHolidays);

/** The implementations compared with sla-clock, under the names the rows use. */
type Others = Record<'floor' | 'day walk' | 'moment-business-time' | 'opening_hours', Query>;
const between: { slaClock: Query; others: Others } = {
  slaClock: (fromMs, toMs) => businessTimeBetween(cal, fromMs, toMs),
  others: {
    floor: floor.betweenMs,
    'day walk': dayWalk.betweenMs,
    'moment-business-time': momentBusinessTime.betweenMs,
    opening_hours: openingHours.betweenMs,
  },
};
const add: { slaClock: Query; others: Others } = {
  slaClock: (fromMs, ms) => addBusinessTime(cal, fromMs, ms),
  others: {
    floor: floor.addMs,
    'day walk': dayWalk.addMs,
    'moment-business-time': momentBusinessTime.addMs,
    opening_hours: openingHours.addMs,
  },
};

// --- inputs and timing budgets ------------------------------------------------------------------

// Declared here, not imported: vitest serves every module through Vite's transform, where an
// imported binding is a property read on the module's namespace (about 12 ns a read in a loop).
/** How many inputs each group cycles through; a power of two so that `i & inputMask` cycles. */
const inputCount = 1024;
const inputMask = inputCount - 1;
const startsMs = seededStartsMs(inputCount, 20260301);
const startAt = (i: number): number => startsMs[i & inputMask] as number;

// Fast rows: a few hundred thousand samples or more, so that the median is stable. Slow rows
// (up to a few hundred ms per call on long spans) stop at `iterations` samples once `time` is
// spent, which keeps the whole run to about two minutes.
const fastOptions: BenchOptions = { time: 400, warmupTime: 100 };
const slowOptions: BenchOptions = { time: 300, iterations: 10, warmupTime: 0, warmupIterations: 3 };
// The slow libraries are timed on the first few dozen inputs at most; these are all checked.
const slowCheckCount = 32;

/**
 * Every result is added here so that no call can be optimised away, and printed at the end so
 * that the sum is read. A typed array rather than a `let`: a double stored in a closure variable
 * is boxed, an allocation per call (about 14 ns here) that would be timed with the query.
 */
const sink = new Float64Array(1);
const keep = (value: number): void => {
  sink[0] = (sink[0] as number) + value;
};
afterAll(() => console.log(`[bench] checksum ${sink[0]}`));

const betweenSpans: readonly (readonly [label: string, ms: number])[] = [
  ['5 min', 5 * msPerMinute],
  ['1 h', msPerHour],
  ['1 day', msPerDay],
  ['1 month (30 days)', 30 * msPerDay],
  ['1 year (365 days)', 365 * msPerDay],
  ['2 years (730 days)', 730 * msPerDay],
];
const addAmounts: readonly (readonly [label: string, ms: number])[] = [
  ['5 min', 5 * msPerMinute],
  ['1 h', msPerHour],
  ['8 h (a business day)', 8 * msPerHour],
  ['168 h (~a business month)', 168 * msPerHour],
  ['2,000 h (~a business year)', 2000 * msPerHour],
  ['4,000 h (~two business years)', 4000 * msPerHour],
];

const betweenArg = (toMs: number): string => `to ${newYorkTime(toMs)}`;
const addArg = (ms: number): string => `+ ${ms / msPerMinute} min`;

/** Checks the other implementations against sla-clock on the group's inputs, outside any timing. */
function checkGroup(
  group: string,
  query: { slaClock: Query; others: Others },
  argMs: (fromMs: number) => number,
  describeArg: (argMs: number) => string,
): void {
  const all = Array.from({ length: inputCount }, (_, i) => ({
    fromMs: startAt(i),
    argMs: argMs(startAt(i)),
  }));
  const candidates = Object.fromEntries(
    Object.entries(query.others).map(([name, q]) => [
      name,
      { query: q, inputs: name === 'floor' || name === 'day walk' ? all : all.slice(0, slowCheckCount) },
    ]),
  );
  const checked = Object.fromEntries(Object.entries(candidates).map(([name, c]) => [name, c.inputs.length]));
  reportAgreement(group, checked, disagreements(query.slaClock, candidates), describeArg);
}

/** Checks named cases (the same inputs for every implementation). */
function checkNamed(
  group: string,
  query: { slaClock: Query; others: Others },
  describeArg: (argMs: number) => string,
  inputs: QueryInput[],
): void {
  const candidates = Object.fromEntries(
    Object.entries(query.others).map(([name, q]) => [name, { query: q, inputs }]),
  );
  const checked = Object.fromEntries(Object.keys(query.others).map((name) => [name, inputs.length]));
  reportAgreement(group, checked, disagreements(query.slaClock, candidates), describeArg);
}

// --- named cases: DST weekends, holidays, landing on a close ------------------------------------

const at = (text: string): number => Date.parse(text);
checkNamed('named between cases', between, betweenArg, [
  {
    fromMs: at('2026-03-06T16:00:00-05:00'),
    argMs: at('2026-03-09T10:00:00-04:00'),
    label: 'across spring-forward',
  },
  {
    fromMs: at('2026-10-30T16:00:00-04:00'),
    argMs: at('2026-11-02T10:00:00-05:00'),
    label: 'across fall-back',
  },
  {
    fromMs: at('2026-03-08T01:00:00-05:00'),
    argMs: at('2026-03-08T04:00:00-04:00'),
    label: 'the DST gap itself',
  },
  {
    fromMs: at('2026-11-25T16:00:00-05:00'),
    argMs: at('2026-11-27T10:00:00-05:00'),
    label: 'over Thanksgiving',
  },
  {
    fromMs: at('2026-07-02T16:30:00-04:00'),
    argMs: at('2026-07-06T09:30:00-04:00'),
    label: 'observed July 4th',
  },
  {
    fromMs: at('2027-12-30T16:00:00-05:00'),
    argMs: at('2028-01-03T10:00:00-05:00'),
    label: 'New Year 2028 on 12-31',
  },
  {
    fromMs: at('2026-03-02T09:00:00-05:00'),
    argMs: at('2026-03-02T17:00:00-05:00'),
    label: 'exactly open to close',
  },
  {
    fromMs: at('2026-03-02T17:00:00-05:00'),
    argMs: at('2026-03-03T09:00:00-05:00'),
    label: 'close to next open',
  },
  { fromMs: at('2026-03-03T12:00:00-05:00'), argMs: at('2026-03-03T12:00:00-05:00'), label: 'empty span' },
]);
checkNamed('named add cases', add, addArg, [
  { fromMs: at('2026-03-06T16:00:00-05:00'), argMs: 2 * msPerHour, label: 'across spring-forward' },
  { fromMs: at('2026-10-30T16:00:00-04:00'), argMs: 2 * msPerHour, label: 'across fall-back' },
  { fromMs: at('2026-03-08T02:30:00-04:00'), argMs: msPerHour, label: 'from inside the DST gap' },
  { fromMs: at('2026-11-25T16:00:00-05:00'), argMs: 2 * msPerHour, label: 'over Thanksgiving' },
  { fromMs: at('2027-12-30T16:00:00-05:00'), argMs: 2 * msPerHour, label: 'New Year 2028 on 12-31' },
  { fromMs: at('2026-03-02T09:00:00-05:00'), argMs: 8 * msPerHour, label: 'lands exactly on a close' },
  { fromMs: at('2026-03-02T17:00:00-05:00'), argMs: 5 * msPerMinute, label: 'from exactly a close' },
  { fromMs: at('2026-03-07T12:00:00-05:00'), argMs: 5 * msPerMinute, label: 'from a Saturday' },
  { fromMs: at('2026-03-02T16:59:30-05:00'), argMs: msPerHour, label: 'from 30 s before a close' },
]);

// --- per call: between --------------------------------------------------------------------------

for (const [label, spanMs] of betweenSpans) {
  const group = `between, ${label} span`;
  const endsMs = startsMs.map((fromMs) => fromMs + spanMs);
  const endAt = (i: number): number => endsMs[i & inputMask] as number;
  checkGroup(group, between, (fromMs) => fromMs + spanMs, betweenArg);

  describe(group, () => {
    let i = 0;
    bench(
      'sla-clock (warm)',
      () => {
        keep(businessTimeBetween(cal, startAt(i), endAt(i)));
        i++;
      },
      fastOptions,
    );
    let f = 0;
    bench(
      'floor: bare binary search',
      () => {
        keep(floor.betweenMs(startAt(f), endAt(f)));
        f++;
      },
      fastOptions,
    );
    let w = 0;
    bench(
      'day walk (Date in TZ)',
      () => {
        keep(dayWalk.betweenMs(startAt(w), endAt(w)));
        w++;
      },
      fastOptions,
    );
    let m = 0;
    bench(
      'moment-business-time 2.0.0',
      () => {
        keep(momentBusinessTime.betweenMs(startAt(m), endAt(m)));
        m++;
      },
      slowOptions,
    );
    let o = 0;
    bench(
      'opening_hours 3.15',
      () => {
        keep(openingHours.betweenMs(startAt(o), endAt(o)));
        o++;
      },
      slowOptions,
    );
  });
}

// --- per call: add ------------------------------------------------------------------------------

for (const [label, amountMs] of addAmounts) {
  const group = `add ${label}`;
  checkGroup(group, add, () => amountMs, addArg);

  describe(group, () => {
    let i = 0;
    bench(
      'sla-clock (warm)',
      () => {
        keep(addBusinessTime(cal, startAt(i), amountMs) ?? 0);
        i++;
      },
      fastOptions,
    );
    let f = 0;
    bench(
      'floor: bare binary search',
      () => {
        keep(floor.addMs(startAt(f), amountMs));
        f++;
      },
      fastOptions,
    );
    let w = 0;
    bench(
      'day walk (Date in TZ)',
      () => {
        keep(dayWalk.addMs(startAt(w), amountMs));
        w++;
      },
      fastOptions,
    );
    let m = 0;
    bench(
      'moment-business-time 2.0.0',
      () => {
        keep(momentBusinessTime.addMs(startAt(m), amountMs));
        m++;
      },
      slowOptions,
    );
    let o = 0;
    bench(
      'opening_hours 3.15',
      () => {
        keep(openingHours.addMs(startAt(o), amountMs) ?? 0);
        o++;
      },
      slowOptions,
    );
  });
}

// --- 1024 calls per iteration: sla-clock and the floor without the timer's overhead -------------

describe('1024 calls per iteration (divide by 1024 for per call)', () => {
  bench(
    'loop only: read 1024 inputs',
    () => {
      for (let k = 0; k < inputCount; k++) keep(startsMs[k] as number);
    },
    fastOptions,
  );
  for (const [label, spanMs] of betweenSpans) {
    const endsMs = startsMs.map((fromMs) => fromMs + spanMs);
    bench(
      `sla-clock between, ${label}`,
      () => {
        for (let k = 0; k < inputCount; k++) {
          keep(businessTimeBetween(cal, startsMs[k] as number, endsMs[k] as number));
        }
      },
      fastOptions,
    );
    bench(
      `floor between, ${label}`,
      () => {
        for (let k = 0; k < inputCount; k++)
          keep(floor.betweenMs(startsMs[k] as number, endsMs[k] as number));
      },
      fastOptions,
    );
  }
  for (const [label, amountMs] of addAmounts) {
    bench(
      `sla-clock add ${label}`,
      () => {
        for (let k = 0; k < inputCount; k++) keep(addBusinessTime(cal, startsMs[k] as number, amountMs) ?? 0);
      },
      fastOptions,
    );
    bench(
      `floor add ${label}`,
      () => {
        for (let k = 0; k < inputCount; k++) keep(floor.addMs(startsMs[k] as number, amountMs));
      },
      fastOptions,
    );
  }
});

// --- the harness itself -------------------------------------------------------------------------

describe('harness: timer overhead, and src/ through vitest', () => {
  // One sample with no work in it: the per-call rows above include this much of the timer.
  let n = 0;
  bench(
    'no-op: read one input',
    () => {
      keep(startAt(n));
      n++;
    },
    fastOptions,
  );
  // The same query on `src/` as vitest serves it (see slaClockBuild.ts): a measure of the
  // runner's module transform, not of sla-clock; compare with the batched row above.
  const sourceCal = slaClockSource.compileCalendar(nineToFiveSpec());
  slaClockSource.businessTimeBetween(sourceCal, Date.UTC(2024, 0, 1), Date.UTC(2031, 0, 1));
  const monthEndsMs = startsMs.map((fromMs) => fromMs + 30 * msPerDay);
  bench(
    'sla-clock from src/ via vitest transform: between, 1 month, 1024 calls',
    () => {
      for (let k = 0; k < inputCount; k++) {
        keep(slaClockSource.businessTimeBetween(sourceCal, startsMs[k] as number, monthEndsMs[k] as number));
      }
    },
    fastOptions,
  );
});

// --- cold start ---------------------------------------------------------------------------------

describe('cold start: compile a calendar (+ build one year)', () => {
  const spec = nineToFiveSpec();
  const rule = openingHoursRule(usFederalHolidays);
  const midJune2026Ms = Date.UTC(2026, 5, 15, 14);
  const coldOptions: BenchOptions = { time: 1000, warmupTime: 100 };
  bench(
    'sla-clock compileCalendar only',
    () => {
      keep(compileCalendar(spec).timeZone === null ? 0 : 1);
    },
    coldOptions,
  );
  bench(
    'sla-clock compileCalendar + first query (builds one 52-week chunk)',
    () => {
      const fresh = compileCalendar(spec);
      keep(businessTimeBetween(fresh, midJune2026Ms, midJune2026Ms + msPerHour));
    },
    coldOptions,
  );
  bench(
    'opening_hours: new opening_hours(rule) (parse only)',
    () => {
      keep(new opening_hours(rule, null).isWeekStable() ? 1 : 0);
    },
    coldOptions,
  );
});
