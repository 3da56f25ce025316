import { addBusinessTime, businessTimeBetween, compileCalendar } from 'sla-clock';

const weekday = [['09:00', '17:00']];
const cal = compileCalendar({
  timeZone: 'America/New_York',
  week: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
  holidays: ['2026-12-25'],
});
const due = addBusinessTime(cal, '2026-12-24T20:00:00Z', 4 * 3_600_000); // Thu 15:00 + 4 business hours
console.log(new Date(due).toISOString()); // 2026-12-28T16:00:00.000Z: Monday 11:00, after Christmas
console.log(businessTimeBetween(cal, '2026-12-24T20:00:00Z', due) / 3_600_000); // 4
