/**
 * `sla-clock serve` over real HTTP (docs/service.md): one server, started as a child process on
 * 127.0.0.1 with `--port 0`, shared by every test here; every route, every error code, keep-alive.
 * Signals, workers and limits that need a server of their own are in serveLifecycle.test.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  compareSlaPolicies,
  compilePolicy,
  computeSlaState,
  explainSla,
  type PeriodOptions,
  type PolicySpec,
  serializeSlaState,
  summarizeSla,
  type Ticket,
} from '../../src/index.js';
import { root, runCli, tempDir, writeFile } from './run.js';
import { errorOf, postJson, postNdjson, type RunningServer, send, startServer } from './server.js';

const workday = [['09:00', '17:00']] as const;
const ny = {
  timeZone: 'America/New_York',
  week: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday },
};
const policySpec: PolicySpec = {
  calendars: { ny },
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target: '4h', calendar: 'ny' }], warnings: ['75%'] },
    resolution: {
      kind: 'resolution',
      pauseWhen: { status: 'pending' },
      goals: [{ target: '8h', calendar: 'ny' }],
    },
  },
};
const strictSpec: PolicySpec = {
  calendars: { ny },
  metrics: {
    first_reply: { kind: 'first_response', goals: [{ target: '1h', calendar: 'ny' }] },
    resolution: {
      kind: 'resolution',
      pauseWhen: { status: 'pending' },
      goals: [{ target: '2h', calendar: 'ny' }],
    },
  },
};
const versionedSpec: PolicySpec = {
  versions: [
    { from: '2026-01-01T00:00:00Z', policy: policySpec },
    { from: '2026-03-03T00:00:00Z', policy: strictSpec },
  ],
};
const now = '2026-03-04T20:00:00Z';
const ticket = (id: string | number, at = '2026-03-02T14:00:00Z', tier = 'gold'): Ticket => ({
  id,
  events: [
    { type: 'created', at, attributes: { status: 'new', tier } },
    { type: 'message', at: '2026-03-02T15:00:00Z', author: 'agent', attributes: { status: 'pending' } },
    { type: 'message', at: '2026-03-03T15:00:00Z', author: 'customer', attributes: { status: 'open' } },
  ],
});
const tickets: Ticket[] = [
  ticket('T-1'),
  ticket(2, '2026-03-02T13:00:00Z', 'silver'),
  {
    id: 'T-3',
    events: [{ type: 'created', at: '2026-03-04T14:00:00Z', attributes: { status: 'new', tier: 'gold' } }],
  },
];
const ndjsonOf = (values: readonly unknown[]) => values.map((value) => `${JSON.stringify(value)}\n`).join('');

/** JSON with sorted keys: what the fingerprint hashes. */
const canonical = (value: unknown): string =>
  value === null || typeof value !== 'object'
    ? JSON.stringify(value)
    : Array.isArray(value)
      ? `[${value.map(canonical).join(',')}]`
      : `{${Object.keys(value)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
          .join(',')}}`;

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let policyPath: string;

beforeAll(async () => {
  dir = tempDir();
  policyPath = writeFile(dir.path('policy.json'), JSON.stringify(policySpec, null, 2));
  writeFile(dir.path('strict.json'), JSON.stringify(strictSpec));
  writeFile(dir.path('versioned.json'), JSON.stringify(versionedSpec));
  server = await startServer([
    '--policy',
    `default=${policyPath}`,
    '--policy',
    dir.path('strict.json'),
    '--policy',
    `v2=${dir.path('versioned.json')}`,
    '--max-body',
    '64kb',
  ]);
}, 60_000);
afterAll(async () => {
  const exit = await server?.stop();
  dir.remove();
  expect(exit).toEqual({ code: 0, signal: null });
});

describe.concurrent('GET routes', () => {
  test('/healthz answers 200 {"status":"ok"}; HEAD answers the same headers without a body', async () => {
    const get = await send(server, { path: '/healthz' });
    expect(get.status).toBe(200);
    expect(JSON.parse(get.body)).toEqual({ status: 'ok' });
    expect(get.headers['content-type']).toBe('application/json; charset=utf-8');
    const head = await send(server, { method: 'HEAD', path: '/healthz' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  test('/v1/version answers the package version and the tz database version', async () => {
    const answer = await send(server, { path: '/v1/version' });
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(JSON.parse(answer.body)).toEqual({ version: manifest.version, tz: process.versions.tz });
  });

  test('/v1/policies lists names, files, SHA-256 fingerprints of the canonical JSON, metrics and versions', async () => {
    const answer = JSON.parse((await send(server, { path: '/v1/policies' })).body);
    const sha = (value: unknown) => createHash('sha256').update(canonical(value)).digest('hex');
    expect(answer.default).toBe('default');
    expect(answer.policies).toEqual([
      {
        name: 'default',
        file: policyPath,
        fingerprint: sha(policySpec),
        loadedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        metrics: ['first_reply', 'resolution'],
        versions: [],
      },
      expect.objectContaining({ name: 'strict', fingerprint: sha(strictSpec), versions: [] }),
      expect.objectContaining({
        name: 'v2',
        versions: [
          { index: 0, from: '2026-01-01T00:00:00.000Z', metrics: ['first_reply', 'resolution'] },
          { index: 1, from: '2026-03-03T00:00:00.000Z', metrics: ['first_reply', 'resolution'] },
        ],
      }),
    ]);
    // Whitespace and key order do not change a fingerprint: the file on disk is pretty-printed.
    expect(readFileSync(policyPath, 'utf8')).toContain('\n  ');
  });
});

describe.concurrent('POST /v1/state', () => {
  test("answers the serialized state, computed with the default policy at the body's now", async () => {
    for (const one of tickets) {
      const answer = await postJson(server, '/v1/state', { ticket: one, now });
      expect(answer.status).toBe(200);
      expect(answer.body).toBe(JSON.stringify(serializeSlaState(computeSlaState(one, policySpec, { now }))));
    }
  });

  test('policy names a loaded policy; a versioned one reports its policyVersion', async () => {
    const strict = await postJson(server, '/v1/state', { ticket: tickets[0], now, policy: 'strict' });
    expect(strict.body).toBe(
      JSON.stringify(serializeSlaState(computeSlaState(tickets[0]!, strictSpec, { now }))),
    );
    const versioned = JSON.parse(
      (await postJson(server, '/v1/state', { ticket: tickets[2], now, policy: 'v2' })).body,
    );
    expect(versioned.policyVersion).toBe(1);
  });

  test('now defaults to the server clock when the request arrives', async () => {
    const beforeMs = Date.now();
    const answer = JSON.parse((await postJson(server, '/v1/state', { ticket: tickets[0] })).body);
    const afterMs = Date.now();
    expect(Date.parse(answer.now)).toBeGreaterThanOrEqual(beforeMs);
    expect(Date.parse(answer.now)).toBeLessThanOrEqual(afterMs);
  });

  test('instants as backends write them, and integer ids reported as numbers', async () => {
    const answer = JSON.parse(
      (
        await postJson(server, '/v1/state', {
          ticket: { id: 42, events: [{ type: 'created', at: '2026-03-02 09:00:00-05' }] },
          now: '2026-03-04 15:00:00-0500',
        })
      ).body,
    );
    expect(answer.ticketId).toBe(42);
    expect(answer.now).toBe('2026-03-04T20:00:00.000Z');
    expect(answer.metrics.first_reply.startedAt).toBe('2026-03-02T14:00:00.000Z');
  });

  test("?cycles=latest leaves out each metric's cycles", async () => {
    const answer = JSON.parse(
      (await postJson(server, '/v1/state?cycles=latest', { ticket: tickets[0], now })).body,
    );
    expect(answer.metrics.resolution).not.toHaveProperty('cycles');
    const full = serializeSlaState(computeSlaState(tickets[0]!, policySpec, { now }));
    const { cycles: _cycles, ...latest } = full.metrics.resolution!;
    expect(answer.metrics.resolution).toEqual(latest);
  });

  test('a bad ticket is a 400 with the validation issues, their paths from the body', async () => {
    const answer = await postJson(server, '/v1/state', {
      ticket: { id: 'T-9', events: [{ type: 'created', at: '2026-03-02 14:00:00' }] },
      now,
    });
    expect(answer.status).toBe(400);
    const message =
      'ticket.events[0].at: expected an instant: an integer epoch-ms number, a valid Date, or an RFC 3339 string with an offset such as "2026-03-02T09:00:00Z", got "2026-03-02 14:00:00"';
    expect(errorOf(answer)).toEqual({
      code: 'invalid_ticket',
      message,
      issues: [{ code: 'invalid_instant', path: ['ticket', 'events', 0, 'at'], message }],
    });
  });

  test('bodies that are not { ticket, now?, policy? } are 400s naming what is wrong', async () => {
    const cases: [string, string, RegExp][] = [
      ['{"ticket": ', 'invalid_json', /^body: invalid JSON: /],
      ['', 'invalid_json', /^body: invalid JSON: /],
      [
        '[1]',
        'invalid_body',
        /^body: \/v1\/state expects a JSON object \{ ticket, now, policy \}, got an array$/,
      ],
      ['{}', 'missing_field', /^body\.ticket: required by \/v1\/state$/],
      [
        `{"ticket": ${JSON.stringify(tickets[0])}, "polcy": "strict"}`,
        'unknown_field',
        /^body\.polcy: \/v1\/state takes no field "polcy"/,
      ],
      [
        `{"ticket": ${JSON.stringify(tickets[0])}, "now": "tomorrow"}`,
        'invalid_now',
        /^now: expected an instant/,
      ],
      [`{"ticket": ${JSON.stringify(tickets[0])}, "now": "1800-01-01T00:00:00Z"}`, 'invalid_now', /^now: /],
      [
        `{"ticket": ${JSON.stringify(tickets[0])}, "policy": 7}`,
        'invalid_field',
        /^policy: expected the name/,
      ],
      ['{"ticket": 5}', 'invalid_ticket', /^ticket: expected a ticket/],
    ];
    for (const [body, code, message] of cases) {
      const answer = await postJson(server, '/v1/state', body);
      expect(answer.status, body).toBe(400);
      expect(errorOf(answer).code, body).toBe(code);
      expect(errorOf(answer).message, body).toMatch(message);
    }
  });

  test('an unknown policy is a 404', async () => {
    const answer = await postJson(server, '/v1/state', { ticket: tickets[0], policy: 'gold' });
    expect(answer.status).toBe(404);
    expect(errorOf(answer)).toEqual({
      code: 'unknown_policy',
      message: 'policy: no policy is loaded as "gold"; loaded: "default", "strict", "v2"',
    });
  });
});

describe.concurrent('POST /v1/states', () => {
  test('streams what compute --errors inline writes: a line per ticket in order, an error line in place of each bad line', async () => {
    const input =
      ndjsonOf([tickets[0], tickets[1]]) +
      'oops\n' +
      ndjsonOf([
        { id: 'T-bad', events: [{ type: 'created', at: 'soon' }] },
        ...ticket(7).events.map((e) => ({ ticket: 7, ...e })),
      ]) +
      ndjsonOf(ticket('7').events.map((e) => ({ ticket: '7', ...e })));
    const answer = await postNdjson(server, `/v1/states?now=${now}`, input);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const cli = await runCli(['compute', '--policy', policyPath, '--now', now, '--errors', 'inline'], input);
    expect(cli.code).toBe(1);
    expect(answer.body).toBe(cli.stdout);
    const lines = answer.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.ticketId ?? line.error.code)).toEqual([
      'T-1',
      2,
      'invalid_json',
      'invalid_instant',
      7,
      '7',
    ]);
  });

  test('?policy= and ?now= with the offset written raw, escaped, or as a form writes a space', async () => {
    const input = ndjsonOf(tickets);
    const expected = ndjsonOf(
      tickets.map((one) => serializeSlaState(computeSlaState(one, strictSpec, { now }))),
    );
    for (const query of [
      'now=2026-03-04T15:00:00-05:00',
      'now=2026-03-04T21:00:00+01:00',
      'now=2026-03-04T21%3A00%3A00%2B01%3A00',
      'now=2026-03-04+20%3A00%3A00%2B00%3A00',
      'now=2026-03-04%2020:00:00Z',
    ]) {
      const answer = await postNdjson(server, `/v1/states?policy=strict&${query}`, input);
      expect(answer.body, query).toBe(expected);
    }
  });

  test('?cycles=latest and ?now=live', async () => {
    const beforeMs = Date.now();
    const answer = await postNdjson(server, '/v1/states?now=live&cycles=latest', ndjsonOf(tickets));
    const lines = answer.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(Date.parse(line.now)).toBeGreaterThanOrEqual(beforeMs);
      expect(line.metrics.first_reply).not.toHaveProperty('cycles');
    }
  });

  test('an empty body answers an empty 200', async () => {
    const answer = await postNdjson(server, '/v1/states', '');
    expect(answer).toMatchObject({ status: 200, body: '' });
  });

  test('a chunked body past --max-body ends with a body_too_large error line after the states already written', async () => {
    const line = `${JSON.stringify(tickets[0])}\n`;
    const count = Math.ceil((80 * 1024) / line.length);
    const answer = await send(server, {
      method: 'POST',
      path: `/v1/states?now=${now}`,
      headers: { 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' },
      body: line.repeat(count),
    });
    expect(answer.status).toBe(200);
    const lines = answer.body
      .trimEnd()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThan(count);
    expect(lines.at(-1)).toEqual({
      error: {
        line: lines.length,
        code: 'body_too_large',
        message: 'the body is larger than --max-body (65536 bytes)',
      },
    });
  });
});

describe.concurrent('POST /v1/explain, /v1/report, /v1/diff', () => {
  test('/v1/explain answers { ticketId, metric, cycle, segments } with ISO instants', async () => {
    const answer = await postJson(server, '/v1/explain', { ticket: tickets[0], metric: 'resolution', now });
    expect(answer.status).toBe(200);
    const segments = explainSla(tickets[0]!, policySpec, { now, metric: 'resolution' });
    expect(JSON.parse(answer.body)).toEqual({
      ticketId: 'T-1',
      metric: 'resolution',
      cycle: 0,
      segments: segments.map((segment) => ({
        ...segment,
        from: new Date(segment.from).toISOString(),
        to: new Date(segment.to).toISOString(),
      })),
    });
    const inactive = JSON.parse(
      (
        await postJson(server, '/v1/explain', {
          ticket: tickets[2],
          metric: 'first_reply',
          now: '2026-03-01T00:00:00Z',
        })
      ).body,
    );
    expect(inactive).toEqual({ ticketId: 'T-3', metric: 'first_reply', cycle: null, segments: [] });
  });

  test('/v1/explain refuses an unknown metric, a bad or missing cycle, and a missing metric', async () => {
    const cases: [unknown, number, string][] = [
      [{ ticket: tickets[0], metric: 'nope', now }, 400, 'unknown_metric'],
      [{ ticket: tickets[0], metric: 'resolution', cycle: 1, now }, 400, 'unknown_cycle'],
      [{ ticket: tickets[0], metric: 'resolution', cycle: -1, now }, 400, 'invalid_field'],
      [{ ticket: tickets[0], metric: 'resolution', cycle: 'last', now }, 400, 'invalid_field'],
      [{ ticket: tickets[0], now }, 400, 'missing_field'],
      [{ ticket: tickets[0], metric: 'resolution', policy: 'none' }, 404, 'unknown_policy'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await postJson(server, '/v1/explain', body);
      expect([answer.status, errorOf(answer).code]).toEqual([status, code]);
    }
  });

  test("/v1/report answers summarizeSla's groups of the valid tickets, with the invalid lines listed", async () => {
    const input = `${ndjsonOf(tickets)}oops\n`;
    const answer = await postNdjson(server, `/v1/report?now=${now}&groupBy=tier`, input);
    expect(answer.status).toBe(200);
    const states = tickets.map((one) => computeSlaState(one, policySpec, { now }));
    expect(JSON.parse(answer.body)).toEqual({
      groups: summarizeSla(states, { groupBy: 'tier' }).groups,
      tickets: 3,
      invalid: 1,
      errors: [{ line: 4, code: 'invalid_json', message: expect.stringMatching(/^invalid JSON/) }],
    });
  });

  test('/v1/report takes period, periodZone and periodBy as report --period does', async () => {
    // Created Sunday 22:00Z and answered 23:30Z, which is Monday 00:30 in Berlin: its first reply
    // falls in 2026-W10 only by its end and in Berlin; by its start, or in UTC, it is in 2026-W09.
    const sundayNight: Ticket = {
      id: 'T-4',
      events: [
        { type: 'created', at: '2026-03-01T22:00:00Z', attributes: { status: 'new', tier: 'gold' } },
        { type: 'message', at: '2026-03-01T23:30:00Z', author: 'agent', attributes: { status: 'open' } },
      ],
    };
    const input = [...tickets, sundayNight];
    const answer = await postNdjson(
      server,
      `/v1/report?now=${now}&groupBy=tier&period=week&periodZone=Europe%2FBerlin&periodBy=end`,
      ndjsonOf(input),
    );
    expect(answer.status).toBe(200);
    const states = input.map((one) => computeSlaState(one, policySpec, { now }));
    const rows = (period: PeriodOptions) => summarizeSla(states, { groupBy: 'tier', period }).groups;
    const groups = rows({ unit: 'week', timeZone: 'Europe/Berlin', by: 'end' });
    expect(JSON.parse(answer.body).groups).toEqual(groups);
    const firstReplies = groups.filter((row) => row.metric === 'first_reply' && row.key === 'gold');
    expect(firstReplies.map((row) => [row.period, row.cycles])).toEqual([['2026-W10', 3]]);
    // The rows a server that ignored periodZone, periodBy or both would answer are not these.
    const ignoring: PeriodOptions[] = [
      { unit: 'week', timeZone: 'UTC' },
      { unit: 'week', timeZone: 'UTC', by: 'end' },
      { unit: 'week', timeZone: 'Europe/Berlin' },
    ];
    for (const period of ignoring) expect(rows(period), JSON.stringify(period)).not.toEqual(groups);
    const utc = await postNdjson(server, `/v1/report?now=${now}&period=day`, ndjsonOf(input));
    expect(JSON.parse(utc.body).groups).toEqual(
      summarizeSla(states, { period: { unit: 'day', timeZone: 'UTC' } }).groups,
    );
    const cases: [string, string][] = [
      ['period=weekly', 'query: period: expected "day", "week" or "month", got "weekly"'],
      ['period=day&periodZone=Mars%2FOlympus', 'query: periodZone: expected an IANA time zone'],
      ['period=day&periodBy=middle', 'query: periodBy: expected "start" or "end"'],
      ['periodZone=UTC', 'query: periodZone needs period (day, week or month)'],
    ];
    for (const [query, message] of cases) {
      const bad = await postNdjson(server, `/v1/report?${query}`, ndjsonOf(tickets));
      expect([bad.status, errorOf(bad).code], query).toEqual([400, 'invalid_parameter']);
      expect(errorOf(bad).message, query).toContain(message);
    }
  });

  test("/v1/diff answers compareSlaPolicies' groups for ?before= and ?after=", async () => {
    const answer = await postNdjson(
      server,
      `/v1/diff?before=default&after=strict&now=${now}&groupBy=tier`,
      ndjsonOf(tickets),
    );
    expect(answer.status).toBe(200);
    const comparison = compareSlaPolicies(tickets, compilePolicy(policySpec), compilePolicy(strictSpec), {
      now,
      groupBy: 'tier',
    });
    const body = JSON.parse(answer.body);
    expect(body).toEqual({
      groups: comparison.groups,
      tickets: 3,
      changed: [...comparison.changes()].length,
      invalid: 0,
      errors: [],
    });
    const missing = await postNdjson(server, '/v1/diff?before=default', '');
    expect([missing.status, errorOf(missing).code]).toEqual([400, 'missing_parameter']);
    const unknown = await postNdjson(server, '/v1/diff?before=default&after=nope', '');
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'unknown_policy']);
  });
});

describe.concurrent('errors', () => {
  test('404 for an unknown route, 405 with Allow for a wrong method', async () => {
    const missing = await send(server, { path: '/v1/states/' });
    expect([missing.status, errorOf(missing).code]).toEqual([404, 'not_found']);
    const wrong = await send(server, { method: 'GET', path: '/v1/state' });
    expect([wrong.status, errorOf(wrong).code, wrong.headers.allow]).toEqual([
      405,
      'method_not_allowed',
      'POST',
    ]);
    const post = await send(server, { method: 'POST', path: '/healthz', headers: { 'content-length': 0 } });
    expect([post.status, post.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  test('400 for an unknown, repeated or bad query parameter', async () => {
    const cases: [string, string][] = [
      ['/v1/states?polcy=strict', 'unknown_parameter'],
      ['/v1/states?now=2026-03-04T20:00:00Z&now=2026-03-04T20:00:00Z', 'invalid_parameter'],
      ['/v1/states?now=tomorrow', 'invalid_now'],
      ['/v1/states?cycles=some', 'invalid_parameter'],
      ['/v1/states?policy=', 'invalid_parameter'],
      ['/v1/report?now=live', 'invalid_now'],
      ['/v1/states?now=%E0%A4%A', 'invalid_parameter'],
    ];
    for (const [path, code] of cases) {
      const answer = await postNdjson(server, path, '');
      expect([answer.status, errorOf(answer).code], path).toEqual([400, code]);
    }
  });

  test('411 without a length, 413 past --max-body (Content-Length or chunked), 415 for other media types', async () => {
    const raw = await rawRequest(
      'POST /v1/state HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n',
    );
    expect(raw).toMatch(/^HTTP\/1\.1 411 Length Required\r\n/);
    expect(raw).toContain('"code":"length_required"');
    const big = JSON.stringify({ ticket: tickets[0], pad: 'x'.repeat(70 * 1024) });
    const sized = await postJson(server, '/v1/state', big);
    expect([sized.status, errorOf(sized).code, sized.headers.connection]).toEqual([
      413,
      'body_too_large',
      'close',
    ]);
    const chunked = await send(server, {
      method: 'POST',
      path: '/v1/state',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: big,
    });
    expect([chunked.status, errorOf(chunked).code]).toEqual([413, 'body_too_large']);
    for (const type of [
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
    ]) {
      const answer = await send(server, {
        method: 'POST',
        path: '/v1/state',
        headers: type === undefined ? { 'content-length': 2 } : { 'content-type': type, 'content-length': 2 },
        body: '{}',
      });
      expect([answer.status, errorOf(answer).code], String(type)).toEqual([415, 'unsupported_media_type']);
    }
    const ndjsonOnJson = await send(server, {
      method: 'POST',
      path: '/v1/state',
      headers: { 'content-type': 'application/x-ndjson' },
      body: '{}',
    });
    expect(ndjsonOnJson.status).toBe(415);
  });

  test('HTTP that cannot be read, or headers too large, get JSON errors and a closed connection', async () => {
    const garbage = await rawRequest('BREW /pot HTCPCP/1.0\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(garbage).toContain('"code":"bad_request"');
    const huge = await rawRequest(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toContain('"code":"headers_too_large"');
    const noHost = await rawRequest('GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(noHost).toMatch(/^HTTP\/1\.1 400 /);
    expect(noHost).toContain('"code":"missing_host"');
  });

  test('no error answer carries a stack trace', async () => {
    const answers = await Promise.all([
      postJson(server, '/v1/state', '{"ticket": {"events": [{"type": "created", "at": {"toString": 1}}]}}'),
      postJson(server, '/v1/explain', '{"ticket": null, "metric": "resolution"}'),
      postNdjson(server, '/v1/report', '\u0000\n{"events": 5}\n'),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(500);
      expect(answer.body).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+/);
    }
  });
});

describe('keep-alive', () => {
  test('requests reuse one connection, which stays open between them', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await postJson(server, '/v1/state', { ticket: tickets[0], now }, agent);
      const second = await postJson(server, '/v1/state', { ticket: tickets[1], now }, agent);
      const third = await send(server, { path: '/nope', agent });
      expect([first.status, second.status, third.status]).toEqual([200, 200, 404]);
      expect(first.headers.connection).toBe('keep-alive');
      expect(first.headers['keep-alive']).toBe('timeout=5');
      expect([first.reusedSocket, second.reusedSocket, third.reusedSocket]).toEqual([false, true, true]);
    } finally {
      agent.destroy();
    }
  });
});

/** Writes raw bytes on a new connection and reads until the server closes it. */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.write(text);
  });
}
