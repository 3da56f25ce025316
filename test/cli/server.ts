/**
 * Starts the real `sla-clock serve` (the built dist/cli.js) as a child process on 127.0.0.1 with
 * `--port 0`, reads the port from its `listening on http://HOST:PORT` line, and talks HTTP to it.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { type Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { ensureBuilt, root } from './run.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (and signal) once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when stderr has a line containing `text` (after what it already had). */
  waitForLog(text: string, timeoutMs?: number): Promise<void>;
}

/** Starts `sla-clock serve ...args --host 127.0.0.1 --port 0`. */
export function startServer(args: readonly string[]): Promise<RunningServer> {
  ensureBuilt();
  const child = spawn(
    process.execPath,
    [join(root, 'dist', 'cli.js'), 'serve', '--host', '127.0.0.1', '--port', '0', ...args],
    { cwd: root },
  );
  let stderr = '';
  const waiters: { text: string; from: number; resolve: () => void }[] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of [...waiters]) {
      if (stderr.indexOf(waiter.text, waiter.from) >= 0) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitForLog = (text: string, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const from = stderr.length;
      const timer = setTimeout(
        () => reject(new Error(`no ${JSON.stringify(text)} on stderr; it has:\n${stderr}`)),
        timeoutMs,
      );
      waiters.push({
        text,
        from,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start; stderr:\n${stderr}`));
    }, 20_000);
    const onData = () => {
      const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/m.exec(stderr);
      if (match === null) return;
      clearTimeout(timer);
      child.stderr.off('data', onData);
      resolve({
        url: match[1] as string,
        port: Number(match[2]),
        child,
        stderr: () => stderr,
        exited,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
        waitForLog,
      });
    };
    child.stderr.on('data', onData);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening; stderr:\n${stderr}`));
    });
  });
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** Whether the request went over a connection an earlier request had used (keep-alive). */
  readonly reusedSocket: boolean;
}

export interface HttpRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Record<string, string | number>;
  readonly body?: string | Buffer;
  readonly agent?: Agent | false;
}

/** One HTTP request to the server; the answer once it has been read whole. */
export function send(server: { readonly port: number }, options: HttpRequest): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {},
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            reusedSocket: req.reusedSocket,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A POST of JSON (`application/json`). */
export const postJson = (
  server: { readonly port: number },
  path: string,
  body: unknown,
  agent?: Agent,
): Promise<HttpAnswer> =>
  send(server, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(agent === undefined ? {} : { agent }),
  });

/** A POST of NDJSON (`application/x-ndjson`). */
export const postNdjson = (
  server: { readonly port: number },
  path: string,
  text: string,
): Promise<HttpAnswer> =>
  send(server, { method: 'POST', path, headers: { 'content-type': 'application/x-ndjson' }, body: text });

/** The `error` object of an error answer. */
export function errorOf(answer: HttpAnswer): { code: string; message: string; issues?: unknown[] } {
  const parsed = JSON.parse(answer.body) as { error: { code: string; message: string; issues?: unknown[] } };
  return parsed.error;
}

/** A raw connection: write bytes, wait until what was read contains some text. */
export function rawConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  let closed = false;
  const waiters: (() => void)[] = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  socket.on('data', (chunk) => {
    received += chunk.toString('utf8');
    wake();
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  socket.on('error', () => {});
  const until = async (done: () => boolean, what: string, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received:\n${received}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return {
    socket,
    write: (text: string) => socket.write(text),
    received: () => received,
    waitFor: (text: string) => until(() => received.includes(text), JSON.stringify(text)),
    waitClosed: () => until(() => closed, 'the connection to close'),
    get closed() {
      return closed;
    },
  };
}

/** One HTTP chunk of a chunked body. */
export const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
