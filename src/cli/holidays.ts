/**
 * `sla-clock holidays --country US [--region CA] --from 2026 --to 2028 [--types public,bank]`:
 * a country's (or region's) holidays as a JSON array of local dates, ready for a calendar's
 * `holidays` (docs/cli.md, "holidays"). The dates come from the `date-holidays` package, an
 * optional dependency that only this command loads: the library never does.
 */
import { CliError, ExitCode } from './exit.js';
import { cliMessage } from './messages.js';

/** The part of date-holidays this command uses. */
interface HolidayRecord {
  readonly date: string;
  readonly start: Date;
  readonly end: Date;
  readonly type: string;
}
interface HolidaysApi {
  init(country: string, region?: string): unknown;
  getHolidays(year: number): HolidayRecord[];
  getCountries(): Record<string, string>;
  getStates(country: string): Record<string, string> | undefined;
}
type HolidaysConstructor = new () => HolidaysApi;

const msPerDay = 86_400_000;
const holidayTypes = ['public', 'bank', 'school', 'optional', 'observance'] as const;

export interface HolidaysRequest {
  readonly country: string;
  readonly region: string | undefined;
  readonly fromYear: number;
  readonly toYear: number;
  readonly types: readonly string[];
}

/** Reads `--from`, `--to` (years) and `--types` (a comma list). */
export function parseHolidaysRequest(flags: {
  country: string;
  region: string | undefined;
  from: string;
  to: string | undefined;
  types: string | undefined;
}): HolidaysRequest {
  const year = (flag: string, text: string): number => {
    if (!/^\d{4}$/.test(text) || Number(text) < 1900 || Number(text) > 2200)
      throw new CliError(cliMessage.holidayYear(flag, text), ExitCode.Usage, true);
    return Number(text);
  };
  const fromYear = year('from', flags.from);
  const toYear = flags.to === undefined ? fromYear : year('to', flags.to);
  if (toYear < fromYear) throw new CliError(cliMessage.holidayYears(fromYear, toYear), ExitCode.Usage, true);
  const types = (flags.types ?? 'public').split(',').map((type) => type.trim());
  for (const type of types) {
    if (!(holidayTypes as readonly string[]).includes(type))
      throw new CliError(cliMessage.holidayType(type, holidayTypes), ExitCode.Usage, true);
  }
  return {
    country: flags.country.toUpperCase(),
    region: flags.region?.toUpperCase(),
    fromYear,
    toYear,
    types,
  };
}

/** Loads date-holidays, or says how to install it. */
async function loadHolidays(): Promise<HolidaysConstructor> {
  try {
    const loaded = (await import('date-holidays')) as { default?: unknown };
    return (loaded.default ?? loaded) as HolidaysConstructor;
  } catch {
    throw new CliError(cliMessage.holidaysMissing(), ExitCode.Usage);
  }
}

/**
 * The dates, sorted and unique. A holiday that lasts several days gives each of its dates; one
 * shorter than a day (Halloween from 18:00) closes no whole date and is left out.
 */
export async function holidayDates(request: HolidaysRequest): Promise<string[]> {
  const Holidays = await loadHolidays();
  const holidays = new Holidays();
  // Checked first: date-holidays answers an unknown code with no holidays at all, silently.
  if (!Object.hasOwn(holidays.getCountries(), request.country))
    throw new CliError(cliMessage.holidayCountry(request.country), ExitCode.Usage);
  if (request.region !== undefined) {
    // date-holidays calls a country's first-level divisions (US states, German Länder) states.
    const regions = holidays.getStates(request.country) ?? {};
    if (!Object.hasOwn(regions, request.region))
      throw new CliError(
        cliMessage.holidayRegion(request.country, request.region, Object.keys(regions)),
        ExitCode.Usage,
      );
  }
  holidays.init(request.country, request.region);
  const dates = new Set<string>();
  for (let year = request.fromYear; year <= request.toYear; year++) {
    for (const holiday of holidays.getHolidays(year)) {
      if (!request.types.includes(holiday.type)) continue;
      const days = Math.round((holiday.end.getTime() - holiday.start.getTime()) / msPerDay);
      if (days < 1) continue;
      // `date` is the local date as the country keeps it ("2026-12-25 00:00:00").
      const first = Date.UTC(
        Number(holiday.date.slice(0, 4)),
        Number(holiday.date.slice(5, 7)) - 1,
        Number(holiday.date.slice(8, 10)),
      );
      for (let d = 0; d < days; d++) {
        const date = new Date(first + d * msPerDay).toISOString().slice(0, 10);
        if (date.startsWith(String(year)) || days > 1) dates.add(date);
      }
    }
  }
  return [...dates]
    .filter((date) => {
      const year = Number(date.slice(0, 4));
      return year >= request.fromYear && year <= request.toYear;
    })
    .sort();
}

/** Writes the JSON array to stdout. */
export async function runHolidays(request: HolidaysRequest): Promise<ExitCode> {
  process.stdout.write(`${JSON.stringify(await holidayDates(request))}\n`);
  return ExitCode.Ok;
}
