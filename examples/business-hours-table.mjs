// Business-time answers for a sample support calendar (examples/data/support-hours.json): a tour of
// the calendar API on tickets arriving at awkward moments.
import { readFileSync } from 'node:fs';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextClose,
  nextOpen,
} from 'sla-clock';

const spec = JSON.parse(readFileSync(new URL('./data/support-hours.json', import.meta.url), 'utf8'));
const cal = compileCalendar(spec);
const hour = 3_600_000;

const local = new Intl.DateTimeFormat('en-US', {
  timeZone: spec.timeZone,
  weekday: 'short',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});
const show = (ms) => (ms === null ? 'never' : local.format(ms));
const hours = (ms) => `${(ms / hour).toFixed(2)} h`;

// Tickets arriving at awkward moments: a weekend, the eve of a holiday, both DST changes, Black Friday.
const arrivals = [
  '2026-03-06T21:30:00Z', // Friday 16:30, DST starts on Sunday
  '2026-03-07T20:00:00Z', // Saturday 15:00, after Saturday hours
  '2026-10-30T20:00:00Z', // Friday 16:00, DST ends on Sunday
  '2026-11-25T21:00:00Z', // Wednesday 16:00, Thanksgiving next
  '2026-12-24T16:00:00Z', // Christmas Eve 11:00, short day
];

console.log(`Support hours in ${spec.timeZone}: Mon-Fri 09-17, Sat 10-14, holidays and short days.\n`);
const rows = arrivals.map((arrival) => {
  const arrivalMs = Date.parse(arrival);
  const due4h = addBusinessTime(cal, arrivalMs, 4 * hour);
  const due1d = addBusinessTime(cal, arrivalMs, 8 * hour);
  return {
    arrival: show(arrivalMs),
    open: isOpen(cal, arrivalMs)
      ? `yes, until ${show(nextClose(cal, arrivalMs))}`
      : `no, opens ${show(nextOpen(cal, arrivalMs))}`,
    'due in 4 business h': show(due4h),
    'due in 8 business h': show(due1d),
    'business h in the next 3 days': hours(businessTimeBetween(cal, arrivalMs, arrivalMs + 72 * hour)),
  };
});
console.table(rows);
