/**
 * `sla-clock serve` across its life: SIGTERM while a slow request streams, SIGHUP with good and
 * broken policy files, the worker pool, the connection limit, the request timeout, and starts that
 * fail. Each test starts its own server (a child process on 127.0.0.1, `--port 0`).
 */
import { writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateTickets } from '../../bench/generate.js';
import {
  compileCalendar,
  computeSlaState,
  type PolicySpec,
  serializeSlaState,
  type Ticket,
} from '../../src/index.js';
import { runCli, tempDir, writeFile } from './run.js';
import { now, policyOf, stateLine, ticket } from './serveFixtures.js';
import { chunk, errorOf, postJson, postNdjson, rawConnection, send, startServer } from './server.js';

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.concurrent('signals', () => {
  test('SIGTERM: no new connections, the slow streaming request in flight finishes, a request pipelined after it gets 503, exit 0', async () => {
    const spec = policyOf('1h');
    const path = writeFile(dir.path('term.json'), JSON.stringify(spec));
    const server = await startServer(['--policy', path]);
    const connection = rawConnection(server.port);
    connection.write(
      `POST /v1/states?now=${now} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    connection.write(chunk(`${JSON.stringify(ticket('S-1'))}\n`));
    await connection.waitFor('"ticketId":"S-1"');
    connection.write(chunk(`${JSON.stringify(ticket('S-2'))}\n`));
    await connection.waitFor('"ticketId":"S-2"');

    const draining = server.waitForLog('shutting down');
    server.child.kill('SIGTERM');
    await draining;
    // The listening socket is closed: a new connection is refused.
    await expect(send(server, { path: '/healthz' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // The request in flight goes on, slowly, and is answered whole.
    for (const id of ['S-3', 'S-4']) {
      await sleep(100);
      connection.write(chunk(`${JSON.stringify(ticket(id))}\n`));
      await connection.waitFor(`"ticketId":"${id}"`);
    }
    // The body's end, with a request pipelined behind it in the same packet: that one gets a 503,
    // and the connection closes after it.
    connection.write('0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await connection.waitClosed();
    const received = connection.received();
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    for (const id of ['S-1', 'S-2', 'S-3', 'S-4']) expect(received).toContain(stateLine(ticket(id), spec));
    expect(received).toMatch(/HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*"code":"shutting_down"/);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toMatch(/shutting down: no new connections; finishing 1 request\nstopped\n$/);
  });

  test('SIGHUP reloads the policy files; a broken file keeps the loaded policy and says why (with workers)', async () => {
    const path = dir.path('hup.json');
    writeFileSync(path, JSON.stringify(policyOf('1h')));
    const server = await startServer(['--policy', `default=${path}`, '--workers', '2']);
    const state = async () => {
      const answer = await postJson(server, '/v1/state', { ticket: ticket('H-1'), now });
      return JSON.parse(answer.body).metrics.first_reply.goal.target as number;
    };
    const fingerprint = async () =>
      JSON.parse((await send(server, { path: '/v1/policies' })).body).policies[0].fingerprint as string;
    try {
      expect(await state()).toBe(3_600_000);
      const first = await fingerprint();

      writeFileSync(path, JSON.stringify(policyOf('2h')));
      let logged = server.waitForLog('SIGHUP: reloaded "default"');
      server.child.kill('SIGHUP');
      await logged;
      expect(await state()).toBe(7_200_000);
      const second = await fingerprint();
      expect(second).not.toBe(first);
      // States streamed by the workers use the new policy too.
      const streamed = await postNdjson(
        server,
        `/v1/states?now=${now}`,
        `${JSON.stringify(ticket('H-2'))}\n`,
      );
      expect(streamed.body).toBe(`${stateLine(ticket('H-2'), policyOf('2h'))}\n`);

      for (const [broken, why] of [
        ['{"metrics": ', 'invalid JSON'],
        [JSON.stringify(policyOf('4 hours')), 'expected a duration'],
      ] as const) {
        writeFileSync(path, broken);
        logged = server.waitForLog('SIGHUP: policies reloaded, none changed');
        server.child.kill('SIGHUP');
        await logged;
        expect(server.stderr()).toContain(
          `SIGHUP: policy "default" keeps its loaded version: ${path} could not be loaded: `,
        );
        expect(
          server
            .stderr()
            .split('\n')
            .filter((line) => line.includes('keeps its loaded version'))
            .at(-1),
        ).toContain(why);
        expect(await state()).toBe(7_200_000);
        expect(await fingerprint()).toBe(second);
      }
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
  });
});

describe.concurrent('workers', () => {
  test('--workers 2 answers /v1/state and /v1/states as the library computes them, bad lines in place', async () => {
    const spec = policyOf('2h');
    const path = writeFile(dir.path('workers.json'), JSON.stringify(spec));
    const server = await startServer(['--policy', path, '--workers', '2']);
    try {
      const generated = [...generateTickets({ count: 1200, seed: 5 })];
      const lines = generated.map((one, i) => (i % 250 === 7 ? 'oops' : JSON.stringify(one)));
      const answer = await postNdjson(server, `/v1/states?now=${now}`, `${lines.join('\n')}\n`);
      const cli = await runCli(
        ['compute', '--policy', path, '--now', now, '--errors', 'inline'],
        lines.join('\n'),
      );
      expect(answer.status).toBe(200);
      expect(answer.body).toBe(cli.stdout);
      expect(answer.body.split('\n').filter(Boolean)).toHaveLength(1200);
      const agent = new Agent({ keepAlive: true, maxSockets: 8 });
      const states = await Promise.all(
        generated.slice(0, 40).map((one) => postJson(server, '/v1/state', { ticket: one, now }, agent)),
      );
      agent.destroy();
      for (const [i, state] of states.entries()) expect(state.body).toBe(stateLine(generated[i]!, spec));
      const bad = await postJson(server, '/v1/state', { ticket: { events: [] }, now, policy: 'nope' });
      expect([bad.status, errorOf(bad).code]).toEqual([404, 'unknown_policy']);
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
  });
});

describe.concurrent('host calendars', () => {
  test('--calendars reaches goals whose calendar is { attribute, default }, in the main thread and in workers', async () => {
    const hours = [['09:00', '17:00']] as const;
    const calendars = {
      kenji: { timeZone: 'Asia/Tokyo', week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours } },
    };
    const spec: PolicySpec = {
      metrics: {
        reply: {
          kind: 'first_response',
          goals: [{ target: '4h', calendar: { attribute: 'agent', default: '24/7' } }],
        },
      },
    };
    const policyPath = writeFile(dir.path('host.json'), JSON.stringify(spec));
    const calendarsPath = writeFile(dir.path('calendars.json'), JSON.stringify(calendars));
    const one: Ticket = {
      id: 'K-1',
      events: [{ type: 'created', at: '2026-03-02T01:00:00Z', attributes: { agent: 'kenji' } }],
    };
    const expected = JSON.stringify(
      serializeSlaState(
        computeSlaState(one, spec, {
          now,
          calendars: { kenji: compileCalendar(calendars.kenji) },
        }),
      ),
    );
    expect(JSON.parse(expected).metrics.reply.goal.calendar).toBe('kenji');
    for (const workers of ['1', '2']) {
      const server = await startServer([
        '--policy',
        policyPath,
        '--calendars',
        calendarsPath,
        '--workers',
        workers,
      ]);
      try {
        expect((await postJson(server, '/v1/state', { ticket: one, now })).body).toBe(expected);
        expect((await postNdjson(server, `/v1/states?now=${now}`, `${JSON.stringify(one)}\n`)).body).toBe(
          `${expected}\n`,
        );
      } finally {
        await server.stop();
      }
    }
  });
});

describe.concurrent('limits and policies', () => {
  test('two policies, none named default: a request must name one (400 policy_required)', async () => {
    const a = writeFile(dir.path('a.json'), JSON.stringify(policyOf('1h')));
    const b = writeFile(dir.path('b.json'), JSON.stringify(policyOf('2h')));
    const server = await startServer(['--policy', a, '--policy', `bee=${b}`]);
    try {
      const state = await postJson(server, '/v1/state', { ticket: ticket(1), now });
      expect([state.status, errorOf(state)]).toEqual([
        400,
        {
          code: 'policy_required',
          message:
            'policy: more than one policy is loaded and none is named "default": name one of "a", "bee"',
        },
      ]);
      const states = await postNdjson(server, '/v1/states', '');
      expect(errorOf(states).code).toBe('policy_required');
      const named = await postJson(server, '/v1/state', { ticket: ticket(1), now, policy: 'bee' });
      expect(named.body).toBe(stateLine(ticket(1), policyOf('2h')));
    } finally {
      await server.stop();
    }
  });

  test('--max-connections: connections past the limit are closed at once', async () => {
    const path = writeFile(dir.path('conn.json'), JSON.stringify(policyOf('1h')));
    const server = await startServer(['--policy', path, '--max-connections', '2']);
    try {
      const first = rawConnection(server.port);
      const second = rawConnection(server.port);
      first.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      second.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      await first.waitFor('"status":"ok"');
      await second.waitFor('"status":"ok"');
      const third = rawConnection(server.port);
      third.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      await third.waitClosed();
      expect(third.received()).toBe('');
      first.socket.destroy();
      second.socket.destroy();
    } finally {
      await server.stop();
    }
  });

  test('--request-timeout: a request that does not arrive in time gets a 408 and a closed connection', async () => {
    const path = writeFile(dir.path('slow.json'), JSON.stringify(policyOf('1h')));
    const server = await startServer(['--policy', path, '--request-timeout', '400ms']);
    try {
      const headers = rawConnection(server.port);
      headers.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      const body = rawConnection(server.port);
      body.write(
        'POST /v1/state HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
      );
      for (const connection of [headers, body]) {
        await connection.waitClosed();
        expect(connection.received()).toMatch(
          /^HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*"code":"request_timeout"/,
        );
      }
    } finally {
      await server.stop();
    }
  });

  test('a start that cannot serve exits 2 with the reason: bad policy, two policies of one name, a port in use, bad flags', async () => {
    const good = writeFile(dir.path('good.json'), JSON.stringify(policyOf('1h')));
    const bad = writeFile(dir.path('bad.json'), JSON.stringify(policyOf('4 hours')));
    const server = await startServer(['--policy', good]);
    try {
      const cases: [string[], RegExp][] = [
        [
          ['--policy', bad],
          /bad\.json: policy\.metrics\.first_reply\.goals\[0\]\.target: expected a duration/,
        ],
        [['--policy', good, '--policy', `good=${bad}`], /^--policy: two policies are named "good"/],
        [
          ['--policy', good, '--port', String(server.port), '--host', '127.0.0.1'],
          /^cannot listen on 127\.0\.0\.1:\d+: /,
        ],
        [['--policy', good, '--max-body', '1tb'], /^--max-body: expected a size/],
        [['--policy', good, '--port', '70000'], /^--port: expected a port/],
        [['--policy', good, '--request-timeout', 'soon'], /^--request-timeout: expected a duration/],
        [['--policy', good, 'extra.json'], /unexpected argument "extra.json"/],
        [[], /^--policy is required/],
      ];
      const runs = await Promise.all(cases.map(([args]) => runCli(['serve', '--port', '0', ...args])));
      runs.forEach((run, i) => {
        expect(run.code, cases[i]![0].join(' ')).toBe(2);
        expect(run.stderr, cases[i]![0].join(' ')).toMatch(cases[i]![1]);
      });
    } finally {
      await server.stop();
    }
  });
});
