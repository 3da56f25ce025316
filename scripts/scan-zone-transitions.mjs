#!/usr/bin/env node
// Scans every zone of the runtime's tz database for offset transitions between 1900 and 2100
// and prints the smallest gap between two consecutive transitions.
//
// Why: the calendar engine finds transitions by sampling offsets once a day and bisecting
// (src/calendar/zone/offsets.ts). Two transitions less than a day apart that cancel out would be
// missed. Run with a finer step to check: `node scripts/scan-zone-transitions.mjs 3` samples every
// 3 hours (slow: about half an hour on 2 cores). Results are recorded in docs/calendar.md.
const stepHours = Number(process.argv[2] ?? 24);
const stepMs = stepHours * 3_600_000;
const pattern = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;
const gaps = [];
let transitions = 0;
for (const timeZone of Intl.supportedValuesOf('timeZone')) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsetAt = (ms) => {
    const m = pattern.exec(format.format(ms));
    return Date.UTC(+m[3], +m[1] - 1, +m[2], +m[4], +m[5], +m[6]) - Math.floor(ms / 1000) * 1000;
  };
  let cursor = Date.UTC(1900, 0, 1);
  let offset = offsetAt(cursor);
  let previous = Number.NEGATIVE_INFINITY;
  while (cursor < Date.UTC(2100, 0, 1)) {
    const probe = cursor + stepMs;
    if (offsetAt(probe) === offset) {
      cursor = probe;
      continue;
    }
    let lo = Math.floor(cursor / 1000);
    let hi = Math.floor(probe / 1000);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid * 1000) === offset) lo = mid;
      else hi = mid;
    }
    const at = hi * 1000;
    transitions++;
    gaps.push({ days: (at - previous) / 86_400_000, timeZone, from: previous, to: at });
    previous = at;
    cursor = at;
    offset = offsetAt(at);
  }
}
gaps.sort((a, b) => a.days - b.days);
console.log(`tz ${process.versions.tz}, step ${stepHours} h, ${transitions} transitions`);
for (const gap of gaps.slice(0, 5)) {
  console.log(
    `${gap.days.toFixed(2)} days: ${gap.timeZone} ${new Date(gap.from).toISOString()} -> ${new Date(gap.to).toISOString()}`,
  );
}
