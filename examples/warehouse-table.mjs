// The sample support calendar (examples/data/support-hours.json) as a warehouse table
// (docs/warehouse.md): its open stretches in 2026, and business time between two instants read off
// the rows the way the SQL does, F(b) - F(a), checked against businessTimeBetween.
import { readFileSync } from 'node:fs';
import { businessTimeBetween, calendarTable, compileCalendar } from 'sla-clock';

const spec = JSON.parse(readFileSync(new URL('./data/support-hours.json', import.meta.url), 'utf8'));
const cal = compileCalendar(spec);
// Local midnights in New York (EST), as `sla-clock calendar-table --from 2026-01-01 --to 2027-01-01` reads them.
const from = '2026-01-01T05:00:00Z';
const to = '2027-01-01T05:00:00Z';
const rows = calendarTable(cal, { from, to });

console.log(`${rows.length} open stretches in 2026; the week of the spring-forward Sunday (March 8):`);
console.log('open_from,open_to,open_before');
for (const row of rows.filter((r) => r.openFrom >= Date.parse('2026-03-06T00:00:00Z')).slice(0, 4))
  console.log(`${row.openFrom},${row.openTo},${row.openBefore}`);

/** F(t): open ms from `from` to t, from the last row with openFrom <= t (what the SQL's lookup finds). */
function openUpTo(t) {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].openFrom <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  const row = rows[lo - 1];
  return row.openBefore + Math.min(Math.max(t - row.openFrom, 0), row.openTo - row.openFrom);
}

const spans = [
  [
    'a Friday-afternoon ticket answered on Monday, across the DST change',
    '2026-03-06T20:00:00Z',
    '2026-03-09T15:30:00Z',
  ],
  ['Thanksgiving week, with the short Friday', '2026-11-25T14:00:00Z', '2026-11-30T16:00:00Z'],
  ['the whole year', from, to],
];
for (const [what, a, b] of spans) {
  const sqlMs = openUpTo(Date.parse(b)) - openUpTo(Date.parse(a));
  const libraryMs = businessTimeBetween(cal, a, b);
  if (sqlMs !== libraryMs) throw new Error(`${what}: table ${sqlMs} ms, library ${libraryMs} ms`);
  console.log(
    `${what}: ${(sqlMs / 3_600_000).toFixed(2)} business hours (F(b) - F(a) = businessTimeBetween)`,
  );
}
