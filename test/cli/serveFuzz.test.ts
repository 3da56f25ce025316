/**
 * `sla-clock serve` under fuzzed requests (fast-check, seeds printed on failure): whatever the body,
 * route, method, media type or query, the answer is a 2xx or a 4xx with a JSON error, never a 500,
 * never a stack trace, and the server keeps serving.
 */
import { Agent } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tempDir, writeFile } from './run.js';
import { type HttpAnswer, type RunningServer, send, startServer } from './server.js';

const policy = {
  calendars: {
    ny: { timeZone: 'America/New_York', week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] } },
  },
  metrics: {
    reply: {
      kind: 'first_response',
      goals: [
        { when: { tier: 'gold' }, target: '1h' },
        { target: '4h', calendar: 'ny' },
      ],
    },
    resolution: {
      kind: 'resolution',
      pauseWhen: { status: 'pending' },
      goals: [{ target: '8h', calendar: 'ny' }],
    },
  },
};

let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let agent: Agent;
beforeAll(async () => {
  dir = tempDir();
  const path = writeFile(dir.path('policy.json'), JSON.stringify(policy));
  server = await startServer(['--policy', path, '--max-body', '16kb']);
  agent = new Agent({ keepAlive: true, maxSockets: 4 });
}, 60_000);
afterAll(async () => {
  agent?.destroy();
  const exit = await server?.stop();
  dir.remove();
  expect(exit).toEqual({ code: 0, signal: null });
});

const stackTrace = /\n\s+at |\bat [\w.<>]+ \(|(?:file:\/\/|\/)[\w./-]+\.(?:ts|js|mjs):\d+/;

/** Every answer is JSON (or NDJSON for a streamed 200), an error answer is `{ error: { code, message } }`. */
function checkAnswer(answer: HttpAnswer, what: string): void {
  expect(answer.status, what).toBeGreaterThanOrEqual(200);
  expect(answer.status, what).toBeLessThan(500);
  expect(answer.body, what).not.toMatch(stackTrace);
  if (answer.body === '') return;
  const lines = answer.headers['content-type']?.toString().startsWith('application/x-ndjson')
    ? answer.body.trimEnd().split('\n')
    : [answer.body];
  for (const line of lines) {
    const value = JSON.parse(line) as { error?: { code: unknown; message: unknown } };
    if (answer.status >= 400) {
      expect(typeof value.error?.code, what).toBe('string');
      expect(typeof value.error?.message, what).toBe('string');
    }
  }
}

const instant = fc.oneof(
  fc
    .date({ min: new Date('1890-01-01'), max: new Date('2210-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('2026-03-02 14:00:00+00', '2026-03-02T14:00:00', 'now', '', '2026-02-30T00:00:00Z'),
  fc.integer(),
  fc.double(),
);
const event = fc.record(
  {
    type: fc.oneof(fc.constantFrom('created', 'updated', 'message'), fc.string()),
    at: instant,
    author: fc.oneof(fc.constantFrom('customer', 'agent', 'system'), fc.jsonValue()),
    public: fc.oneof(fc.boolean(), fc.jsonValue()),
    attributes: fc.oneof(
      fc.dictionary(
        fc.constantFrom('status', 'tier', '__proto__', 'constructor'),
        fc.oneof(fc.constantFrom('pending', 'solved', 'gold'), fc.jsonValue()),
      ),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
);
const ticketish = fc.oneof(
  fc.record(
    {
      id: fc.oneof(fc.string(), fc.integer(), fc.double(), fc.jsonValue()),
      events: fc.array(event, { maxLength: 8 }),
    },
    { requiredKeys: [] },
  ),
  fc.array(event, { maxLength: 8 }),
  fc.jsonValue(),
);
/** Bodies for the JSON routes: near-valid ones and anything at all. */
const jsonBody = fc.oneof(
  fc
    .record(
      {
        ticket: ticketish,
        now: fc.oneof(instant, fc.jsonValue()),
        policy: fc.oneof(fc.constantFrom('policy', 'nope'), fc.jsonValue()),
        metric: fc.oneof(fc.constantFrom('reply', 'resolution', '__proto__'), fc.jsonValue()),
        cycle: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.jsonValue()),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
/** NDJSON bodies: lines of tickets, events, JSON and junk; sometimes past --max-body. */
const ndjsonBody = fc.oneof(
  fc
    .array(
      fc.oneof(
        ticketish.map((value) => JSON.stringify(value)),
        event.chain((e) =>
          fc.constantFrom(1, '1', 'T', 2.5, null).map((ticket) => JSON.stringify({ ticket, ...e })),
        ),
        fc.string({ maxLength: 60 }),
      ),
      { maxLength: 12 },
    )
    .map((lines) => lines.join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0])),
  fc.constant('x'.repeat(20_000)),
);

describe('fuzzed requests: never a 500, never a stack trace', () => {
  test('JSON bodies on /v1/state and /v1/explain', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/v1/state', '/v1/explain', '/v1/state?cycles=latest'),
        jsonBody,
        async (path, body) => {
          const answer = await send(server, {
            method: 'POST',
            path,
            headers: { 'content-type': 'application/json' },
            body,
            agent,
          });
          checkAnswer(answer, `${path} ${body.slice(0, 200)}`);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('NDJSON bodies on /v1/states, /v1/report and /v1/diff', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/v1/states?now=2026-03-04T20:00:00Z',
          '/v1/states?now=live&cycles=latest',
          '/v1/report?groupBy=tier',
          '/v1/report?groupBy=__proto__',
          '/v1/diff?before=policy&after=policy&groupBy=status',
        ),
        ndjsonBody,
        fc.boolean(),
        async (path, body, chunked) => {
          const answer = await send(server, {
            method: 'POST',
            path,
            headers: {
              'content-type': 'application/x-ndjson',
              ...(chunked ? { 'transfer-encoding': 'chunked' } : {}),
            },
            body,
            agent,
          });
          checkAnswer(answer, `${path} ${body.slice(0, 200)}`);
        },
      ),
      { numRuns: 120 },
    );
  });

  test('any method, path, media type and query', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        'v1',
        'state',
        'states',
        'explain',
        'report',
        'diff',
        'policies',
        'version',
        'healthz',
        '..',
        '%00',
        '%zz',
      ),
      fc.string({ maxLength: 8 }).map(encodeURIComponent),
    );
    const query = fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom('now', 'policy', 'cycles', 'groupBy', 'before', 'after', '__proto__'),
          fc.string({ maxLength: 6 }).map(encodeURIComponent),
        ),
        fc.oneof(
          fc.constantFrom('live', 'latest', 'policy', '2026-03-04T20:00:00+01:00', '%'),
          fc.string({ maxLength: 12 }).map(encodeURIComponent),
        ),
      ),
      { maxLength: 3 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'),
        fc.oneof(
          fc.constantFrom(
            '/v1/state',
            '/v1/states',
            '/v1/explain',
            '/v1/report',
            '/v1/diff',
            '/v1/policies',
            '/v1/version',
            '/healthz',
          ),
          fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`),
        ),
        query,
        fc.constantFrom(
          undefined,
          'application/json',
          'application/x-ndjson',
          'text/plain',
          'application/json; charset=utf-16',
          'multipart/form-data; boundary=x',
        ),
        fc.string({ maxLength: 100 }),
        async (method, path, params, type, body) => {
          const search = params.map(([k, v]) => `${k}=${v}`).join('&');
          const answer = await send(server, {
            method,
            path: search === '' ? path : `${path}?${search}`,
            // A body always with its length: Node's client sends an OPTIONS or DELETE body
            // unframed, and the server then rightly reads it as the start of the next request.
            headers: {
              ...(type === undefined ? {} : { 'content-type': type }),
              ...(method === 'GET' || method === 'HEAD' ? {} : { 'content-length': Buffer.byteLength(body) }),
            },
            ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
            agent,
          });
          checkAnswer(answer, `${method} ${path}?${search} ${type}`);
        },
      ),
      { numRuns: 150 },
    );
    // And it still answers.
    expect((await send(server, { path: '/healthz' })).status).toBe(200);
  });

  test('bytes that are hardly HTTP: a JSON 4xx or a closed connection, and the server goes on', async () => {
    const line = fc.oneof(
      fc.constantFrom(
        'POST /v1/state HTTP/1.1',
        'GET /healthz HTTP/1.0',
        'GET / HTTP/9.9',
        'POST /v1/states HTTP/1.1',
      ),
      fc.string({ maxLength: 40 }),
    );
    const header = fc.oneof(
      fc.constantFrom(
        'Host: x',
        'Content-Length: 5',
        'Content-Length: -1',
        'Content-Length: 99999999999999999999',
        'Transfer-Encoding: chunked',
        'Transfer-Encoding: gzip',
        'Content-Type: application/json',
        'Expect: 100-continue',
      ),
      fc.string({ maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(
        line,
        fc.array(header, { maxLength: 5 }),
        fc.string({ maxLength: 40 }),
        async (first, headers, body) => {
          const raw = await new Promise<string>((resolve) => {
            const socket = connect(server.port, '127.0.0.1');
            let received = '';
            socket.on('data', (chunk) => {
              received += chunk.toString('latin1');
            });
            socket.on('error', () => {});
            socket.on('close', () => resolve(received));
            socket.write(`${[first, ...headers].join('\r\n')}\r\n\r\n${body}`);
            // Whatever is still waiting for more bytes: stop after a moment.
            setTimeout(() => socket.destroy(), 150);
          });
          for (const status of raw.matchAll(/HTTP\/1\.1 (\d{3})/g))
            expect(Number(status[1]), raw).toBeLessThan(500);
          expect(raw).not.toMatch(stackTrace);
        },
      ),
      { numRuns: 40 },
    );
    expect((await send(server, { path: '/healthz' })).status).toBe(200);
  });
});
