/**
 * `sla-clock serve --workers 2`: two server processes (node:cluster) behind one port. Which
 * processes exist and which hold the connections is read from /proc (Linux), so that the answers
 * carry nothing that says who computed them. Each test starts its own server (a child process on
 * 127.0.0.1, `--port 0`).
 */
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli, tempDir, writeFile } from './run.js';
import { now, policyOf, stateLine, ticket } from './serveFixtures.js';
import { chunk, postJson, rawConnection, send, startServer } from './server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir: ReturnType<typeof tempDir>;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

/** The pids of the processes whose parent is `pid` (field 4 of /proc/PID/stat). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // "PID (COMMAND) STATE PPID ...": the command may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === pid) children.push(Number(name));
  }
  return children.sort((a, b) => a - b);
}

/** The socket inodes of the established IPv4 connections whose local port is `port`. */
function establishedInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (local === undefined || fields[3] !== '01') continue;
    if (Number.parseInt(local.slice(local.indexOf(':') + 1), 16) === port) inodes.add(fields[9] as string);
  }
  return inodes;
}

/** How many of its connections on `port` the process holds open. */
function connectionsHeld(pid: number, port: number): number {
  const inodes = establishedInodes(port);
  let held = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match !== null && inodes.has(match[1] as string)) held++;
  }
  return held;
}

/** Waits until `check` holds, polling. */
async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const linesWith = (text: string, part: string) => text.split('\n').filter((line) => line.includes(part));

describe.skipIf(process.platform !== 'linux').concurrent('--workers 2: two server processes', () => {
  test('two processes serve the one port of --port 0: each holds some of eight open connections; "listening" is said once', async () => {
    const spec = policyOf('1h');
    const path = writeFile(dir.path('two.json'), JSON.stringify(spec));
    const server = await startServer(['--policy', path, '--workers', '2']);
    try {
      const workers = childrenOf(server.child.pid as number);
      expect(workers).toHaveLength(2);
      // One connection after the other, each answered and kept open: the primary hands them out in turn.
      const connections = [];
      for (let i = 0; i < 8; i++) {
        const connection = rawConnection(server.port);
        connection.write(
          `POST /v1/state HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(JSON.stringify({ ticket: ticket(i), now }))}\r\n\r\n${JSON.stringify({ ticket: ticket(i), now })}`,
        );
        await connection.waitFor(stateLine(ticket(i), spec));
        connections.push(connection);
      }
      const held = workers.map((pid) => connectionsHeld(pid, server.port));
      expect(
        held.every((count) => count > 0),
        `connections held: ${held.join(', ')}`,
      ).toBe(true);
      expect(held.reduce((sum, count) => sum + count, 0)).toBe(8);
      for (const connection of connections) connection.socket.destroy();
      expect(linesWith(server.stderr(), 'listening on')).toHaveLength(1);
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
  });

  test('SIGTERM: both processes drain (the slow request in flight finishes, a pipelined one gets 503), one "shutting down" line with the sum, one "stopped", exit 0', async () => {
    const spec = policyOf('1h');
    const path = writeFile(dir.path('term.json'), JSON.stringify(spec));
    const server = await startServer(['--policy', path, '--workers', '2']);
    const connection = rawConnection(server.port);
    connection.write(
      `POST /v1/states?now=${now} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    connection.write(chunk(`${JSON.stringify(ticket('S-1'))}\n`));
    await connection.waitFor('"ticketId":"S-1"');
    // An idle keep-alive connection, held by whichever process: closed by the drain.
    const idle = rawConnection(server.port);
    idle.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await idle.waitFor('"status":"ok"');

    const draining = server.waitForLog('shutting down');
    server.child.kill('SIGTERM');
    await draining;
    await expect(send(server, { path: '/healthz' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await idle.waitClosed();
    for (const id of ['S-2', 'S-3']) {
      await sleep(100);
      connection.write(chunk(`${JSON.stringify(ticket(id))}\n`));
      await connection.waitFor(`"ticketId":"${id}"`);
    }
    connection.write('0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await connection.waitClosed();
    const received = connection.received();
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    for (const id of ['S-1', 'S-2', 'S-3']) expect(received).toContain(stateLine(ticket(id), spec));
    expect(received).toMatch(/HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*"code":"shutting_down"/);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toMatch(
      /^listening on http:\/\/127\.0\.0\.1:\d+\nshutting down: no new connections; finishing 1 request\nstopped\n$/,
    );
  });

  test('SIGHUP: once the reload is logged, every request over a fresh connection, to either process, sees the new policy', async () => {
    const path = dir.path('hup.json');
    writeFileSync(path, JSON.stringify(policyOf('1h')));
    const server = await startServer(['--policy', `default=${path}`, '--workers', '2']);
    const targets = async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => postJson(server, '/v1/state', { ticket: ticket(i), now })),
      );
      return new Set(
        answers.map((answer) => JSON.parse(answer.body).metrics.first_reply.goal.target as number),
      );
    };
    const fingerprints = async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => send(server, { path: '/v1/policies' })),
      );
      return new Set(answers.map((answer) => JSON.parse(answer.body).policies[0].fingerprint as string));
    };
    try {
      expect(await targets()).toEqual(new Set([3_600_000]));
      expect((await fingerprints()).size).toBe(1);
      for (const [target, ms] of [
        ['2h', 7_200_000],
        ['3h', 10_800_000],
      ] as const) {
        writeFileSync(path, JSON.stringify(policyOf(target)));
        const logged = server.waitForLog('SIGHUP: reloaded "default"');
        server.child.kill('SIGHUP');
        await logged;
        expect(await targets()).toEqual(new Set([ms]));
        expect((await fingerprints()).size).toBe(1);
      }
      const unchanged = server.waitForLog('SIGHUP: policies reloaded, none changed');
      server.child.kill('SIGHUP');
      await unchanged;
      expect(await targets()).toEqual(new Set([10_800_000]));
      // Each reload said once, not once per process.
      expect(linesWith(server.stderr(), 'SIGHUP: reloaded "default"')).toHaveLength(2);
      expect(linesWith(server.stderr(), 'none changed')).toHaveLength(1);
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
    expect(linesWith(server.stderr(), 'stopped')).toEqual(['stopped']);
  });

  test('a process killed with SIGKILL is replaced, with one line that says so, and the service keeps answering with the policies in force', async () => {
    const path = dir.path('kill.json');
    writeFileSync(path, JSON.stringify(policyOf('1h')));
    const server = await startServer(['--policy', `default=${path}`, '--workers', '2']);
    try {
      // Reloaded to 2h, then the file changes again without a SIGHUP: the replacement must serve
      // what the others serve (2h), not what the file says now.
      writeFileSync(path, JSON.stringify(policyOf('2h')));
      const logged = server.waitForLog('SIGHUP: reloaded "default"');
      server.child.kill('SIGHUP');
      await logged;
      writeFileSync(path, JSON.stringify(policyOf('5h')));

      const before = childrenOf(server.child.pid as number);
      expect(before).toHaveLength(2);
      const victim = before[0] as number;
      const replaced = server.waitForLog(`server process ${victim} was killed by SIGKILL; started another`);
      process.kill(victim, 'SIGKILL');
      await replaced;
      await until(() => {
        const children = childrenOf(server.child.pid as number);
        return children.length === 2 && !children.includes(victim);
      }, 'a second server process');
      const replacement = childrenOf(server.child.pid as number).find(
        (pid) => !before.includes(pid),
      ) as number;
      // The replacement gets connections once it listens: open them one by one, each answered with
      // the policy in force and kept open, until it holds one.
      const connections = [];
      const body = JSON.stringify({ ticket: ticket('R'), now });
      while (connectionsHeld(replacement, server.port) === 0) {
        expect(connections.length, 'connections before the replacement held one').toBeLessThan(200);
        const connection = rawConnection(server.port);
        connection.write(
          `POST /v1/state HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        await connection.waitFor(stateLine(ticket('R'), policyOf('2h')));
        connections.push(connection);
      }
      for (const connection of connections) connection.socket.destroy();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => postJson(server, '/v1/state', { ticket: ticket(i), now })),
      );
      for (const [i, answer] of answers.entries()) {
        expect(answer.status).toBe(200);
        expect(answer.body).toBe(stateLine(ticket(i), policyOf('2h')));
      }
      expect(linesWith(server.stderr(), 'started another')).toHaveLength(1);
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
    expect(linesWith(server.stderr(), 'stopped')).toEqual(['stopped']);
  });

  test('a start that cannot serve exits 2 with the reason said once: a bad policy, a port in use', async () => {
    const good = writeFile(dir.path('good.json'), JSON.stringify(policyOf('1h')));
    const bad = writeFile(dir.path('bad.json'), JSON.stringify(policyOf('4 hours')));
    const server = await startServer(['--policy', good]);
    try {
      const cases: [string[], RegExp][] = [
        [
          ['--policy', bad],
          /^\S*bad\.json: policy\.metrics\.first_reply\.goals\[0\]\.target: expected a duration[^\n]*\n$/,
        ],
        [['--policy', good, '--port', String(server.port)], /^cannot listen on 127\.0\.0\.1:\d+: [^\n]*\n$/],
      ];
      const runs = await Promise.all(
        cases.map(([args]) =>
          runCli(['serve', '--port', '0', '--host', '127.0.0.1', '--workers', '2', ...args]),
        ),
      );
      runs.forEach((run, i) => {
        expect(run.code, cases[i]![0].join(' ')).toBe(2);
        expect(run.stderr, cases[i]![0].join(' ')).toMatch(cases[i]![1]);
      });
    } finally {
      await server.stop();
    }
  });
});
