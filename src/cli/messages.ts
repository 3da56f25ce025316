/**
 * Every message the CLI prints about its own input: usage, flag errors, line errors. Library
 * validation messages (`ticket.events[2].at: expected ...`) come from the library unchanged.
 */

export type CommandName =
  | 'compute'
  | 'report'
  | 'explain'
  | 'diff'
  | 'validate'
  | 'holidays'
  | 'serve'
  | 'calendar-table';

const commandUsage: Record<CommandName, string> = {
  compute: `sla-clock compute --policy policy.json [--now 2026-03-02T12:00:00Z | --now live] [--errors stderr|inline] [--cycles all|latest] [--calendars FILE] [--workers N] [tickets.ndjson]

  Writes one JSON state per valid ticket (serializeSlaState form), one line each, in input order.

  --policy FILE     the SLA policy (JSON); required
  --now INSTANT     RFC 3339 with an offset; default the current time, read once at the start;
                    "live": the current time, read again for each ticket (a long-lived co-process)
  --errors WHERE    stderr (default): "line N: message" on stderr; inline: one line
                    {"error":{"line":N,"code":...,"message":...}} on stdout in the bad line's place
  --cycles WHICH    all (default); latest: leave out each metric's "cycles" array
  --calendars FILE  host calendars: a JSON object of calendars by name, for goals whose calendar
                    is { attribute, default }
  --workers N       worker threads (default 1: compute in the main thread)`,
  report: `sla-clock report --policy policy.json [--group-by tier | --group-by-key] [--period day|week|month [--period-zone ZONE] [--period-by start|end]] [--format table|json|html] [--wide] [--now ...] [tickets.ndjson]

  Prints compliance by metric (and by the ticket attribute given to --group-by).

  --policy FILE     the SLA policy (JSON); required
  --group-by NAME   a ticket attribute, read at --now
  --group-by-key    one row per cycle key (keyBy; the owner of an ownership clock) instead
  --period UNIT     rows per day, ISO week (2026-W10) or month of each cycle's start as well
  --period-zone Z   the IANA zone periods are read in (default UTC)
  --period-by WHICH start (default) or end: a cycle's stop or cancel instant (open cycles: start)
  --format FORMAT   table (default); json (the SlaSummary object, one line); html (one
                    self-contained page: the table, charts per period (default: ISO weeks
                    in UTC), elapsed against target, the longest open breaches)
  --wide            table: every column (cancelled, stopped, open+breached, mean), not only
                    those that fit 100 columns
  --now INSTANT     RFC 3339 with an offset; default the current time
  --calendars FILE  host calendars: a JSON object of calendars by name`,
  explain: `sla-clock explain --policy policy.json --ticket T-1 [--metric NAME] [--cycle I] [--format text|json|svg|html] [--now ...] [tickets.ndjson]

  Prints the timeline of one cycle of one metric of one ticket: what counted, what did not, why.

  --policy FILE     the SLA policy (JSON); required
  --ticket ID       the ticket to explain; required
  --metric NAME     default the policy's first metric (svg, html: every metric)
  --cycle I         the cycle's index, 0 = the oldest; default the latest
  --format FORMAT   text (default); json (the segments, instants as ISO strings, one line);
                    svg or html: a picture of every metric of the ticket (or --metric)
  --now INSTANT     RFC 3339 with an offset; default the current time
  --calendars FILE  host calendars: a JSON object of calendars by name`,
  diff: `sla-clock diff --policy before.json --against after.json [--group-by tier] [--format table|json|ndjson] [--now ...] [tickets.ndjson]

  What replacing one policy by another would do, computed over the same tickets before the change
  is made: compliance and breach rate before and after, the cycles that flip met -> breached and
  breached -> met, and how far open deadlines move, by metric (and by --group-by).

  --policy FILE     the policy in force (JSON); required
  --against FILE    the policy it would be replaced by (JSON); required
  --group-by NAME   a ticket attribute, read at --now
  --format FORMAT   table (default); json (the comparison's groups, one line); ndjson (one line
                    { ticketId, diff } per ticket that changes, in input order)
  --now INSTANT     RFC 3339 with an offset; default the current time
  --calendars FILE  host calendars: a JSON object of calendars by name`,
  validate: `sla-clock validate policy.json

  Checks a policy: prints "ok: N metrics (...)", or each problem on stderr (exit code 2).`,
  serve: `sla-clock serve --policy [NAME=]FILE ... [--calendars FILE] [--port 8080] [--host 127.0.0.1] [--workers N] [--max-body 10mb]

  An HTTP service over the same engine: POST /v1/state, /v1/states, /v1/explain, /v1/report,
  /v1/diff; GET /v1/policies, /healthz, /v1/version. Writes "listening on http://HOST:PORT" to
  stderr once it listens. SIGTERM (or SIGINT) stops accepting, finishes what is in flight, exits
  0; SIGHUP reloads the policy files (a bad file keeps its loaded policy).

  --policy [NAME=]FILE  a policy (JSON), repeatable; NAME defaults to the file's base name. A
                        request that names none gets the only one, else the one named "default"
  --calendars FILE      host calendars: a JSON object of calendars by name
  --port N              default 8080; 0 picks a free port
  --host ADDRESS        default 127.0.0.1 (loopback only); 0.0.0.0 or :: to listen everywhere
  --workers N           server processes sharing the port (default 1: this process serves)
  --max-body SIZE       the largest request body: 10mb (default), 512kb, 1048576 (bytes); at most 256mb
  --max-connections N   open connections at once, per process (default 1024); more are closed at once
  --request-timeout D   the time a whole request may take to arrive (default 2m; 30s, PT5M, ...)`,
  holidays: `sla-clock holidays --country US [--region CA] --from 2026 [--to 2028] [--types public,bank]

  Prints a JSON array of the local dates of a country's (or region's) holidays, for a calendar's
  "holidays" or a policy's holiday set. Uses the optional package date-holidays.

  --country CODE    ISO 3166-1 country code (US, DE, GB, ...); required
  --region CODE     a state or region of that country (CA, BY, ...)
  --from YEAR       the first year; required
  --to YEAR         the last year (default --from)
  --types LIST      public (default), bank, school, optional, observance, comma-separated`,
  'calendar-table': `sla-clock calendar-table --calendar FILE --from 2026-01-01 --to 2028-01-01 [--format csv|ndjson]

  Prints a calendar's open stretches in [--from, --to) as rows open_from, open_to, open_before
  (epoch ms), for a warehouse table: business time between two instants is then a lookup and a
  subtraction in SQL (docs/warehouse.md).

  --calendar FILE   one calendar (JSON): { "timeZone", "week", ... } or "24/7"; required
  --from WHEN       an RFC 3339 instant with an offset, or a local date YYYY-MM-DD (its midnight
                    in the calendar's zone; UTC for "24/7"); required
  --to WHEN         the same; required
  --format FORMAT   csv (default: a header line, then one row per line) or ndjson`,
};

/** The usage of one command, or of the whole CLI. */
export function usage(command?: CommandName): string {
  if (command !== undefined) return `Usage: ${commandUsage[command]}\n`;
  return `Usage: sla-clock <command> [flags] [tickets.ndjson]

Commands:
  compute    one SLA state per ticket, as NDJSON
  report     compliance by metric and group, as a table or JSON
  explain    the timeline of one ticket's clock
  diff       what a policy change would do: compliance and flips, before and after
  validate   check a policy file
  serve      an HTTP service: states, timelines, reports and what-ifs over HTTP
  holidays   a country's holidays as dates for a calendar (needs date-holidays)
  calendar-table  a calendar's open stretches as CSV or NDJSON rows, for SQL in a warehouse

Tickets are read as NDJSON from the file named last, or from stdin when there is none (or "-"):
one ticket { "id", "events": [...] } per line, or one event per line with a "ticket" field
(a ticket's lines contiguous).

Exit codes: 0 ok, 1 some tickets invalid (each reported on stderr as "line N: ..."),
2 usage or policy error.

  sla-clock <command> --help   a command's flags
  sla-clock --version          the version and the time-zone database it computes with
`;
}

export const cliMessage = {
  unknownCommand: (name: string, suggestion?: string) =>
    `unknown command ${JSON.stringify(name)}${suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`}`,
  unknownFlag: (command: string, flag: string, suggestion: string | undefined) =>
    `unknown flag ${flag}${suggestion === undefined ? '' : ` (did you mean --${suggestion}?)`}; sla-clock ${command} --help lists its flags`,
  flagNeedsValue: (command: string, flag: string, next: string | undefined) =>
    next === undefined
      ? `${flag} needs a value; sla-clock ${command} --help lists its flags`
      : `${flag} needs a value, but the argument after it, ${JSON.stringify(next)}, is a flag (a value that starts with "-" is written ${flag}=VALUE)`,
  flagTakesNoValue: (command: string, flag: string) =>
    `${flag} takes no value; sla-clock ${command} --help lists its flags`,
  readingStdin: () =>
    'sla-clock: reading tickets from stdin, one JSON per line (end with Ctrl-D; Ctrl-C to stop), or name a tickets file',
  periodFlagAlone: (flag: string) => `--${flag} needs --period day|week|month`,
  periodZone: (text: string) =>
    `--period-zone: expected an IANA time zone such as UTC, Europe/Berlin or America/New_York, got ${JSON.stringify(text)}`,
  noCommand: () => 'no command given',
  requiredFlag: (flag: string) => `--${flag} is required`,
  groupByBoth: () =>
    "--group-by and --group-by-key exclude each other: group by a ticket attribute, or by each cycle's key",
  badFlags: (detail: string) => detail,
  oneInput: (paths: readonly string[]) =>
    `expected at most one tickets file, got ${paths.length}: ${paths.map((p) => JSON.stringify(p)).join(', ')}`,
  onePolicyFile: () => 'expected one policy file: sla-clock validate policy.json',
  now: (text: string) =>
    `--now: expected an RFC 3339 instant with an offset such as 2026-03-02T12:00:00Z, got ${JSON.stringify(text)}`,
  nowLive: (text: string) =>
    `--now: expected an RFC 3339 instant with an offset such as 2026-03-02T12:00:00Z or "live", got ${JSON.stringify(text)}`,
  choice: (flag: string, allowed: readonly string[], text: string) =>
    `--${flag}: expected ${allowed.join(' or ')}, got ${JSON.stringify(text)}`,
  policyFlag: (text: string) =>
    `--policy: expected FILE or NAME=FILE (NAME: letters, digits, "_", "-", "."), got ${JSON.stringify(text)}`,
  policyNameTwice: (name: string) =>
    `--policy: two policies are named ${JSON.stringify(name)}; name them with NAME=FILE`,
  port: (text: string) => `--port: expected a port from 0 to 65535, got ${JSON.stringify(text)}`,
  host: (text: string) => `--host: expected an address or a host name, got ${JSON.stringify(text)}`,
  maxBody: (text: string) =>
    `--max-body: expected a size from 1 byte to 256mb such as 10mb, 512kb or 1048576, got ${JSON.stringify(text)}`,
  maxConnections: (text: string) =>
    `--max-connections: expected a whole number from 1 to 1000000, got ${JSON.stringify(text)}`,
  requestTimeout: (text: string) =>
    `--request-timeout: expected a duration from 100ms to 1d such as 2m, 30s or PT5M, got ${JSON.stringify(text)}`,
  listen: (host: string, port: number, detail: string) => `cannot listen on ${host}:${port}: ${detail}`,
  nowRange: (text: string) =>
    `--now: expected an instant from 1900-01-01T00:00:00Z to 2200-12-31T23:59:59.999Z, got ${JSON.stringify(text)}`,
  workers: (text: string) => `--workers: expected a whole number from 1 to 256, got ${JSON.stringify(text)}`,
  cycle: (text: string) => `--cycle: expected a cycle index 0, 1, 2, ..., got ${JSON.stringify(text)}`,
  format: (allowed: readonly string[], text: string) =>
    `--format: expected ${allowed.join(' or ')}, got ${JSON.stringify(text)}`,
  unreadable: (what: string, path: string, detail: string) =>
    `cannot read ${what} ${JSON.stringify(path)}: ${detail}`,
  policyJson: (path: string, detail: string) => `${path}: invalid JSON: ${detail}`,
  policyInvalid: (path: string, message: string) => `${path}: ${message}`,
  calendarsFile: (path: string) =>
    `${path}: expected a JSON object of calendars by name { "name": { "timeZone": ..., "week": ... } }`,
  calendarInvalid: (path: string, name: string, message: string) =>
    `${path}: ${JSON.stringify(name)}: ${message}`,
  policyOk: (names: readonly string[]) =>
    `ok: ${names.length} ${names.length === 1 ? 'metric' : 'metrics'} (${names.join(', ')})`,
  versionOk: (index: number, fromIso: string, names: readonly string[]) =>
    `  version ${index} from ${fromIso}: ${names.length} ${names.length === 1 ? 'metric' : 'metrics'} (${names.join(', ')})`,
  unknownMetric: (name: string, names: readonly string[]) =>
    `--metric: the policy has no metric ${JSON.stringify(name)}; its metrics are ${names.join(', ')}`,
  cycleOutOfRange: (id: string, metric: string, cycle: number, count: number) =>
    count === 0
      ? `--cycle ${cycle}: metric ${JSON.stringify(metric)} of ticket ${JSON.stringify(id)} has no cycle at --now`
      : `--cycle ${cycle}: metric ${JSON.stringify(metric)} of ticket ${JSON.stringify(id)} has cycles 0 to ${count - 1}`,
  ticketNotFound: (id: string) => `ticket ${JSON.stringify(id)} not found in the input`,
  internal: (detail: string) => `internal error: ${detail}`,
  holidayYear: (flag: string, text: string) =>
    `--${flag}: expected a year from 1900 to 2200 such as 2026, got ${JSON.stringify(text)}`,
  holidayYears: (from: number, to: number) => `--to ${to} is before --from ${from}`,
  holidayType: (type: string, allowed: readonly string[]) =>
    `--types: expected a comma list of ${allowed.join(', ')}, got ${JSON.stringify(type)}`,
  holidaysMissing: () =>
    'the holidays command needs the optional package date-holidays, which is not installed: npm install date-holidays',
  holidayCountry: (country: string) =>
    `--country: date-holidays knows no country ${JSON.stringify(country)} (use an ISO 3166-1 code such as US, DE, GB)`,
  holidayRegion: (country: string, region: string, regions: readonly string[]) =>
    `--region: date-holidays knows no region ${JSON.stringify(region)} of ${country}${regions.length > 0 ? `; its regions are ${regions.join(', ')}` : ''}`,
  tableBound: (flag: string, text: string) =>
    `--${flag}: expected an RFC 3339 instant with an offset such as 2026-03-02T12:00:00Z or a local date such as 2026-03-02, got ${JSON.stringify(text)}`,
  tableBoundRange: (flag: string, text: string) =>
    `--${flag}: expected an instant from 1900-01-01T00:00:00Z to 2200-12-31T23:59:59.999Z, got ${JSON.stringify(text)}`,
  tableToBeforeFrom: (from: string, to: string) =>
    `--to ${JSON.stringify(to)} is before --from ${JSON.stringify(from)}`,
  tableRows: (from: string, to: string, maxRows: number) =>
    `--to ${JSON.stringify(to)}: the calendar has more than ${maxRows} open stretches (rows) from --from ${JSON.stringify(from)} to it: ask for a shorter range`,
} as const;

/** What `sla-clock serve` answers with (`{ "error": { "code", "message" } }`) or logs on stderr. */
export const serveMessage = {
  listening: (url: string) => `listening on ${url}`,
  invalidJson: (detail: string) => `body: invalid JSON: ${detail}`,
  bodyObject: (route: string, allowed: readonly string[], got: unknown) =>
    `body: ${route} expects a JSON object { ${allowed.join(', ')} }, got ${describeJson(got)}`,
  unknownField: (route: string, key: string, allowed: readonly string[]) =>
    `body.${key}: ${route} takes no field ${JSON.stringify(key)}; its fields are ${allowed.join(', ')}`,
  missingField: (route: string, field: string) => `body.${field}: required by ${route}`,
  policyField: (got: unknown) =>
    `policy: expected the name of a loaded policy (a string), got ${describeJson(got)}`,
  unknownMetric: (got: unknown, names: readonly string[]) =>
    `metric: expected a metric of the policy (${names.join(', ')}), got ${describeJson(got)}`,
  cycleField: (got: unknown) => `cycle: expected a cycle index 0, 1, 2, ..., got ${describeJson(got)}`,
  unknownCycle: (metric: string, cycle: number, count: number) =>
    count === 0
      ? `cycle: metric ${JSON.stringify(metric)} has no cycle at now, got ${cycle}`
      : `cycle: metric ${JSON.stringify(metric)} has cycles 0 to ${count - 1}, got ${cycle}`,
  policyRequired: (names: readonly string[]) =>
    `policy: more than one policy is loaded and none is named "default": name one of ${names.map((n) => JSON.stringify(n)).join(', ')}`,
  unknownPolicy: (name: string, names: readonly string[]) =>
    `policy: no policy is loaded as ${JSON.stringify(name)}; loaded: ${names.map((n) => JSON.stringify(n)).join(', ')}`,
  notFound: (path: string) =>
    `no route ${JSON.stringify(path)}; routes: POST /v1/state, /v1/states, /v1/explain, /v1/report, /v1/diff; GET /v1/policies, /v1/version, /healthz`,
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) =>
    `${path} answers ${allowed.join(', ')}, not ${method}`,
  lengthRequired: () => 'a request body needs a Content-Length or Transfer-Encoding: chunked',
  bodyTooLarge: (maxBytes: number) => `the body is larger than --max-body (${maxBytes} bytes)`,
  mediaType: (route: string, allowed: readonly string[], got: string | undefined) =>
    `${route} reads ${allowed.join(' or ')}, got ${got === undefined ? 'no Content-Type' : JSON.stringify(got)}`,
  charset: (got: string) => `the body must be UTF-8, got charset ${JSON.stringify(got)}`,
  shuttingDown: () => 'the server is shutting down; retry on another instance',
  unknownParameter: (route: string, name: string, allowed: readonly string[]) =>
    allowed.length === 0
      ? `query: ${route} takes no parameters, got ${JSON.stringify(name)}`
      : `query: ${route} takes ${allowed.join(', ')}, got ${JSON.stringify(name)}`,
  repeatedParameter: (name: string) => `query: ${name} is given more than once`,
  missingParameter: (route: string, name: string) => `query: ${route} requires ${name}`,
  cyclesParameter: (got: string) => `cycles: expected all or latest, got ${JSON.stringify(got)}`,
  periodParameter: (name: string, got: string, expected: string) =>
    `query: ${name}: expected ${expected}, got ${JSON.stringify(got)}`,
  periodWithout: (name: string) => `query: ${name} needs period (day, week or month)`,
  emptyParameter: (name: string) => `query: ${name} is empty`,
  missingHost: () => 'an HTTP/1.1 request needs a Host header',
  badRequest: (detail: string) => `the request could not be read as HTTP: ${detail}`,
  requestTimeout: () => 'the request did not arrive in time (--request-timeout)',
  headersTooLarge: () => 'the request headers are too large',
  internal: () => 'internal error: the server logged the details',
  internalLog: (detail: string) => `internal error: ${detail}`,
  stateTooLong: () =>
    "the state's JSON would be longer than the longest string Node can hold (about 512 MiB)",
  reloaded: (names: readonly string[]) =>
    names.length === 0
      ? 'SIGHUP: policies reloaded, none changed'
      : `SIGHUP: reloaded ${names.map((n) => JSON.stringify(n)).join(', ')}`,
  reloadKept: (name: string, path: string, detail: string) =>
    `SIGHUP: policy ${JSON.stringify(name)} keeps its loaded version: ${path} could not be loaded: ${detail}`,
  draining: (requests: number) =>
    `shutting down: no new connections; finishing ${requests} ${requests === 1 ? 'request' : 'requests'}`,
  stopped: () => 'stopped',
  exitedWith: (code: number) => `exited with code ${code}`,
  killedBy: (signal: string) => `was killed by ${signal}`,
  workerReplaced: (pid: number, how: string) => `server process ${pid} ${how}; started another`,
  workerNotReplaced: (pid: number, how: string) =>
    `server process ${pid} ${how} before it listened; not replaced`,
  workerStartExit: (how: string) => `a server process ${how} before it listened`,
  noWorkers: () => 'every server process has exited',
} as const;

/** Messages about one input line; the CLI prints them as `line N: <message>`. */
export const lineMessage = {
  invalidJson: (detail: string) => `invalid JSON: ${detail}`,
  tooLong: (maxBytes: number) =>
    `line longer than ${maxBytes / (1024 * 1024)} MiB; split the ticket's events over event lines`,
  stateTooLong: () =>
    "ticket not written: its state's JSON would be longer than the longest string Node can hold (about 512 MiB)",
  notObject: (got: string) =>
    `expected a ticket { "id", "events": [...] } or an event with a "ticket" field, got ${got}`,
  notTicketOrEvent: () =>
    'expected a ticket { "id", "events": [...] } or an event with a "ticket" field, got an object with neither "events" nor "ticket"',
  ticketField: (got: string) => `ticket: expected a ticket id (a string or a safe integer), got ${got}`,
  reappears: (id: string | number, firstLine: number, lastLine: number) =>
    `ticket ${JSON.stringify(id)} reappears: its event lines must be contiguous (they were lines ${firstLine}-${lastLine})`,
  brokenTicket: (id: string | number, badLine: number) =>
    `ticket ${JSON.stringify(id)} not computed: line ${badLine}, between its event lines, could not be read`,
} as const;

/**
 * The `code` of each kind of line problem, as `--errors inline` and the service write it. A
 * ticket the library refuses carries the library's own issue code instead (`invalid_instant`,
 * `invalid_type`, ...; docs/policy.md, "Validation errors").
 */
export const lineCode = {
  invalidJson: 'invalid_json',
  /** Not an object, or an object with neither "events" nor "ticket". */
  notTicket: 'not_a_ticket',
  /** An event line whose `ticket` is not a string or a safe integer. */
  ticketField: 'invalid_ticket_id',
  tooLong: 'line_too_long',
  reappears: 'ticket_reappears',
  brokenTicket: 'ticket_not_computed',
  stateTooLong: 'state_too_long',
  internal: 'internal_error',
} as const;

/** `line N: message`, one line per issue of a multi-line message. */
export function formatLineError(line: number, message: string): string {
  return `line ${line}: ${message}`;
}

/** A JSON value named briefly for a message: its type, or the value itself when short. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
