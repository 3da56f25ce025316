import { expect, test } from 'vitest';
import { addBusinessTime, businessTimeBetween, compileCalendar, isOpen, nextClose, nextOpen } from '../src/index.js';

const H = 3600000;
const nine = compileCalendar({ timeZone: 'America/New_York', week: { mon: [['09:00','17:00']], tue: [['09:00','17:00']], wed: [['09:00','17:00']], thu: [['09:00','17:00']], fri: [['09:00','17:00']] } });
test('scratch', () => {
  expect(businessTimeBetween(nine, '2026-03-02T14:00:00Z', '2026-03-03T14:00:00Z')).toBe(8 * H);
  expect(addBusinessTime(nine, '2026-03-02T14:00:00Z', 8 * H)).toBe(Date.parse('2026-03-02T22:00:00Z'));
  expect(addBusinessTime(nine, '2026-03-03T15:00:00Z', -1 * H)).toBe(Date.parse('2026-03-03T14:00:00Z'));
  expect(nextOpen(nine, '2026-03-07T17:00:00Z')).toBe(1773061200000);
  expect(nextClose(nine, '2026-03-02T15:00:00Z')).toBe(1772488800000);
  expect(businessTimeBetween(nine, '2026-03-06T21:00:00Z', '2026-03-09T14:00:00Z')).toBe(2 * H);
  expect(isOpen(nine, '2026-03-02T14:30:00Z')).toBe(true);
  const sp = compileCalendar({ timeZone: 'America/New_York', week: {}, overrides: [{ date: '2026-03-08', hours: [['02:30','03:15']] }, { date: '2026-11-01', hours: [['01:30','03:00']] }] });
  expect(businessTimeBetween(sp, '2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z')).toBe(15 * 60000);
  expect(businessTimeBetween(sp, '2026-10-30T00:00:00Z', '2026-11-03T00:00:00Z')).toBe(2 * H);
  expect(nextClose(sp, '2026-11-01T05:45:00Z')).toBe(Date.parse('2026-11-01T06:00:00Z'));
  expect(nextOpen(sp, '2026-11-01T06:00:00Z')).toBe(Date.parse('2026-11-01T06:30:00Z'));
  expect(nextOpen(sp, '2027-01-01T06:00:00Z')).toBe(null);
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 1e6; i++) x += businessTimeBetween(nine, 1772442000000 + i * 1000, 1772442000000 + (i % 1000) * 791900000);
  console.log('between ns', (performance.now() - t0) * 1e6 / 1e6, x);
  const t1 = performance.now();
  const c2 = compileCalendar({ timeZone: 'Europe/Berlin', week: { mon: [['09:00','17:00']] } });
  isOpen(c2, Date.UTC(2026, 5, 1));
  console.log('compile+chunk ms', performance.now() - t1);
  try { compileCalendar({ timeZone: 'Mars/Olympus', week: { mnd: [['9:00', '17:00']], mon: [['09:00','09:00'], ['24:00','10:00']] }, holidays: ['2026-02-30'], overrides: [{date:'2026-01-01', hours: []},{date:'2026-01-01', hours: []}] } as never); } catch (e) { console.log((e as Error).message); }
  try { compileCalendar(42 as never); } catch (e) { console.log((e as Error).message); }
  try { compileCalendar({ week: {} } as never); } catch (e) { console.log((e as Error).message); }
});
