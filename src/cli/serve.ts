/**
 * `sla-clock serve`: the engine as an HTTP service (docs/service.md), on `node:http`.
 *
 * Why `node:http` and no framework: the service has eight routes and no middleware; two of its
 * routes stream NDJSON both ways, a line out as soon as a line is in, which frameworks' body
 * parsers (Express's, Fastify's) would have to be bypassed for; every limit it needs (header and
 * request timeouts, a connection limit, keep-alive, header size) is an option of `http.Server`;
 * and a library with two runtime dependencies should not gain a third tree of them for a command.
 *
 * One `PolicySet` serves each request from start to end; SIGHUP builds a new one and swaps it in.
 * SIGTERM (and SIGINT) stop accepting, finish what is in flight, then resolve. `--workers N` runs N
 * of these services in processes of their own (serveCluster.ts); each computes in its own thread.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import * as expected from '../expected.js';
import { type Calendar, isSlaValidationError, type PeriodOptions } from '../index.js';
import { compilePeriod } from '../report/period.js';
import { computeItems, errorLine, type LineOutput } from './batch.js';
import { computeOptionsOf, loadCalendars } from './calendars.js';
import { CliError, ExitCode, errorText } from './exit.js';
import { errorBody, HttpError } from './httpError.js';
import { type BodyKind, checkBody, queryOf, readBody } from './httpRequest.js';
import {
  type Answer,
  answerExplain,
  answerOf,
  answerState,
  nowFrom,
  type RequestContext,
} from './jsonRequests.js';
import { cliMessage, serveMessage } from './messages.js';
import { lineBatchOf } from './ndjson.js';
import { type LoadedPolicy, type PolicyFile, PolicySet, type Reload } from './policySet.js';
import { batchesOf, diffOf, type NdjsonRun, reportOf } from './serveReports.js';
import { type InputItem, TicketAssembler } from './tickets.js';
import { packageVersion, tzVersion } from './version.js';

/** `sla-clock serve`'s flags, checked (docs/service.md, "Flags"). */
export interface ServeOptions {
  readonly policies: readonly PolicyFile[];
  readonly calendarsPath: string | undefined;
  readonly host: string;
  readonly port: number;
  /** HTTP server processes (docs/service.md, "Workers"); 1: this process serves. */
  readonly workers: number;
  readonly maxBodyBytes: number;
  readonly maxConnections: number;
  readonly requestTimeoutMs: number;
}

/** How long an idle keep-alive connection stays open (Node's default). */
const keepAliveMs = 5_000;
/** The time the request's headers may take to arrive, at most (and at most the request timeout). */
const headersTimeoutMs = 10_000;

type Handler = (exchange: Exchange) => Promise<void>;

interface Route {
  readonly method: 'GET' | 'POST';
  /** What a POST reads. */
  readonly body?: BodyKind;
  /** The query parameters it takes. */
  readonly query: readonly string[];
  readonly handle: Handler;
}

/** One request being answered. */
interface Exchange {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly query: ReadonlyMap<string, string>;
  /** The policies in force when the request arrived: they serve it to its end. */
  readonly policies: PolicySet;
  /** The server's clock when the request arrived: the default `now`. */
  readonly receivedMs: number;
}

const jsonType = 'application/json; charset=utf-8';
const ndjsonType = 'application/x-ndjson; charset=utf-8';

/** A response streamed line by line, with the response's backpressure. */
class LineWriter {
  private waiting: Promise<void> | null = null;

  constructor(private readonly response: ServerResponse) {
    response.statusCode = 200;
    response.setHeader('content-type', ndjsonType);
    response.setHeader('cache-control', 'no-store');
  }

  /** The client went away: nobody to write to. */
  get closed(): boolean {
    return this.response.destroyed || this.response.writableEnded;
  }

  write(chunk: string | Uint8Array): void {
    if (this.closed || chunk.length === 0) return;
    if (!this.response.write(chunk) && this.waiting === null) {
      this.waiting = new Promise((resolve) => {
        const done = () => {
          this.response.off('drain', done);
          this.response.off('close', done);
          this.waiting = null;
          resolve();
        };
        this.response.on('drain', done);
        this.response.on('close', done);
      });
    }
  }

  ready(): Promise<void> {
    return this.waiting ?? Promise.resolve();
  }

  end(): void {
    if (!this.closed) this.response.end();
  }
}

/** Whether a failure is the client going away (a reset, an aborted upload), not ours. */
function clientGone(exchange: Exchange, error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    exchange.response.destroyed ||
    exchange.request.destroyed ||
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    code === 'ECONNABORTED'
  );
}

/** The `cycles` query parameter: `latest` leaves out each metric's `cycles`. */
function latestOnly(query: ReadonlyMap<string, string>): boolean {
  const cycles = query.get('cycles');
  if (cycles === undefined || cycles === 'all') return false;
  if (cycles === 'latest') return true;
  throw new HttpError(400, 'invalid_parameter', serveMessage.cyclesParameter(cycles));
}

/**
 * `/v1/report`'s `period`, `periodZone` (default UTC) and `periodBy` (default start), as
 * `report --period` takes them; checked before the body is read.
 */
function periodOf(query: ReadonlyMap<string, string>): PeriodOptions | undefined {
  const unit = query.get('period');
  const zone = query.get('periodZone');
  const by = query.get('periodBy');
  if (unit === undefined) {
    if (zone !== undefined || by !== undefined)
      throw new HttpError(
        400,
        'invalid_parameter',
        serveMessage.periodWithout(zone !== undefined ? 'periodZone' : 'periodBy'),
      );
    return undefined;
  }
  const period = { unit, timeZone: zone ?? 'UTC', ...(by === undefined ? {} : { by }) };
  try {
    compilePeriod(period);
  } catch (error) {
    if (!isSlaValidationError(error)) throw error;
    // The library names `options.period.unit`, `.timeZone` or `.by`: here, the query parameter.
    const key = error.issues[0]?.path[1];
    const [name, got, wanted] =
      key === 'unit'
        ? ['period', unit, expected.periodUnit]
        : key === 'by'
          ? ['periodBy', by ?? '', expected.periodBy]
          : ['periodZone', period.timeZone, expected.timeZone];
    throw new HttpError(400, 'invalid_parameter', serveMessage.periodParameter(name, got, wanted));
  }
  return period as PeriodOptions;
}

const noHeaders: Readonly<Record<string, string>> = Object.freeze({});

/** A query parameter that must name something (`groupBy`, `policy`): not empty. */
function named(query: ReadonlyMap<string, string>, name: string): string | undefined {
  const value = query.get(name);
  if (value === '') throw new HttpError(400, 'invalid_parameter', serveMessage.emptyParameter(name));
  return value;
}

/**
 * The service: its routes, its `http.Server`, and what SIGTERM and SIGHUP do to it. `runServe`
 * drives it; a test could too.
 *
 * @example
 * const service = new Service(options, PolicySet.load(files, Date.now()), undefined)
 * await service.listen() //=> 'http://127.0.0.1:8080'
 */
export class Service {
  private policies: PolicySet;
  private draining = false;
  private inFlight = 0;
  /** Requests of each connection whose responses have not ended (pipelined ones included). */
  private readonly pending = new Map<Socket, number>();
  private readonly routes: Readonly<Record<string, Route>>;
  readonly server: Server;
  /** Resolves when a shutdown has finished every request. */
  readonly stopped: Promise<void>;
  private resolveStopped!: () => void;

  constructor(
    private readonly options: ServeOptions,
    policies: PolicySet,
    private readonly calendars: Readonly<Record<string, Calendar>> | undefined,
  ) {
    this.policies = policies;
    this.stopped = new Promise((resolve) => {
      this.resolveStopped = resolve;
    });
    this.routes = {
      '/v1/state': { method: 'POST', body: 'json', query: ['cycles'], handle: (e) => this.state(e) },
      '/v1/states': {
        method: 'POST',
        body: 'ndjson',
        query: ['now', 'policy', 'cycles'],
        handle: (e) => this.states(e),
      },
      '/v1/explain': { method: 'POST', body: 'json', query: [], handle: (e) => this.explain(e) },
      '/v1/report': {
        method: 'POST',
        body: 'ndjson',
        query: ['now', 'policy', 'groupBy', 'period', 'periodZone', 'periodBy'],
        handle: (e) => this.report(e),
      },
      '/v1/diff': {
        method: 'POST',
        body: 'ndjson',
        query: ['before', 'after', 'now', 'groupBy'],
        handle: (e) => this.diff(e),
      },
      '/v1/policies': {
        method: 'GET',
        query: [],
        handle: async (e) => this.sendJson(e.response, 200, JSON.stringify(e.policies.describe())),
      },
      '/v1/version': {
        method: 'GET',
        query: [],
        handle: async (e) =>
          this.sendJson(e.response, 200, JSON.stringify({ version: packageVersion(), tz: tzVersion() })),
      },
      '/healthz': {
        method: 'GET',
        query: [],
        handle: async (e) => this.sendJson(e.response, 200, '{"status":"ok"}'),
      },
    };
    const requestTimeoutMs = options.requestTimeoutMs;
    this.server = createServer(
      {
        // The request must arrive in time: its headers within 10 s, all of it within the timeout.
        requestTimeout: requestTimeoutMs,
        headersTimeout: Math.min(headersTimeoutMs, requestTimeoutMs),
        // How often those timeouts are checked (Node's default, 30 s, would let them run late).
        connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(requestTimeoutMs / 4))),
        keepAliveTimeout: keepAliveMs,
        // An HTTP/1.1 request without Host is refused below, as JSON like every other error.
        requireHostHeader: false,
        maxHeaderSize: 16 * 1024,
      },
      (request, response) => {
        void this.handle(request, response);
      },
    );
    this.server.maxConnections = options.maxConnections;
    this.server.maxHeadersCount = 100;
    // Requests that never become requests (bad HTTP, a timeout, headers too large): a JSON answer.
    this.server.on('clientError', (error, socket) => this.clientError(error, socket as Socket));
  }

  /** Listens; rejects (exit code 2) when the address cannot be bound. Returns the URL. */
  listen(): Promise<string> {
    const { host, port } = this.options;
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => reject(new CliError(cliMessage.listen(host, port, error.message)));
      this.server.once('error', failed);
      this.server.listen(port, host, () => {
        this.server.off('error', failed);
        const address = this.server.address();
        const boundPort = typeof address === 'object' && address !== null ? address.port : port;
        resolve(`http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`);
      });
    });
  }

  /**
   * SIGTERM: no new connections, every request in flight finished, then `stopped` resolves. Returns
   * how many requests are being finished (null if it was already draining). The listening socket is
   * closed before it returns: a client that reads the log line finds the port closed.
   */
  shutdown(): number | null {
    if (this.draining) return null;
    this.draining = true;
    this.server.close(() => this.resolveStopped());
    this.server.closeIdleConnections();
    return this.inFlight;
  }

  /** The policies in force. */
  get loaded(): PolicySet {
    return this.policies;
  }

  /** Swaps in another set of policies: requests that arrive from now on are served by it. */
  replacePolicies(policies: PolicySet): void {
    this.policies = policies;
  }

  /** SIGHUP: the policy files read again; a bad one keeps its loaded policy. */
  reload(log: (line: string) => void): void {
    this.policies = reloadPolicies(this.policies, log);
  }

  private sendJson(
    response: ServerResponse,
    status: number,
    body: string,
    headers: Readonly<Record<string, string>> = noHeaders,
  ): void {
    if (headers === noHeaders && !this.draining) {
      // The common answer: a flat list, which Node writes without walking an object's keys.
      response.writeHead(status, [
        'content-type',
        jsonType,
        'content-length',
        String(Buffer.byteLength(body)),
        'cache-control',
        'no-store',
      ]);
    } else {
      response.writeHead(status, {
        'content-type': jsonType,
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
        ...(this.draining ? { connection: 'close' } : {}),
        ...headers,
      });
    }
    response.end(body);
  }

  private sendAnswer(response: ServerResponse, answer: Answer): void {
    this.sendJson(response, answer.status, answer.body);
  }

  /**
   * While draining, a connection whose last response has ended is closed at once: its keep-alive
   * would otherwise hold the shutdown for up to 5 s. Requests pipelined behind it are answered
   * first (with a 503): each is counted from the moment Node hands it over to its end.
   */
  private requestDone(socket: Socket, response: ServerResponse): void {
    const left = (this.pending.get(socket) ?? 1) - 1;
    if (left > 0) {
      this.pending.set(socket, left);
      return;
    }
    this.pending.delete(socket);
    if (!this.draining || socket.destroyed) return;
    // Some Node versions parse a pipelined request only once the response before it has finished:
    // give it a turn to arrive before deciding that the connection is idle.
    const closeIfIdle = () =>
      setImmediate(() => {
        if (!this.pending.has(socket) && !socket.destroyed) socket.end();
      });
    if (response.writableFinished) closeIfIdle();
    else response.once('finish', closeIfIdle);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.pending.set(request.socket, (this.pending.get(request.socket) ?? 0) + 1);
    const receivedMs = Date.now();
    const policies = this.policies;
    this.inFlight++;
    let exchange: Exchange | null = null;
    try {
      if (this.draining)
        throw new HttpError(503, 'shutting_down', serveMessage.shuttingDown(), undefined, {
          'retry-after': '1',
        });
      if (request.httpVersion === '1.1' && request.headers.host === undefined)
        throw new HttpError(400, 'missing_host', serveMessage.missingHost());
      const url = request.url ?? '/';
      const queryStart = url.indexOf('?');
      const path = queryStart < 0 ? url : url.slice(0, queryStart);
      const route = Object.hasOwn(this.routes, path) ? this.routes[path] : undefined;
      if (route === undefined) throw new HttpError(404, 'not_found', serveMessage.notFound(path));
      const allowed = route.method === 'GET' ? ['GET', 'HEAD'] : ['POST'];
      if (!allowed.includes(request.method ?? ''))
        throw new HttpError(
          405,
          'method_not_allowed',
          serveMessage.methodNotAllowed(request.method ?? '', path, allowed),
          undefined,
          { allow: allowed.join(', ') },
        );
      const query = queryOf(queryStart < 0 ? '' : url.slice(queryStart), path, route.query);
      if (route.body !== undefined) checkBody(request, path, route.body, this.options.maxBodyBytes);
      exchange = { request, response, query, policies, receivedMs };
      await route.handle(exchange);
    } catch (error) {
      try {
        this.fail(request, response, exchange, error);
      } catch (failure) {
        // Answering failed too (the connection is gone): log it, and keep serving.
        this.logInternal(failure);
        response.destroy();
      }
    } finally {
      this.inFlight--;
      this.requestDone(request.socket, response);
    }
  }

  /** Answers a failure: its error JSON, or a 500 that says no more than that (the log has the stack). */
  private fail(
    request: IncomingMessage,
    response: ServerResponse,
    exchange: Exchange | null,
    error: unknown,
  ): void {
    if (exchange !== null && !(error instanceof HttpError) && clientGone(exchange, error)) return;
    if (response.headersSent) {
      // Mid-stream: nothing can be said in HTTP any more; end the connection so the client sees it.
      if (!(error instanceof HttpError)) this.logInternal(error);
      response.destroy();
      return;
    }
    if (!(error instanceof HttpError)) {
      this.logInternal(error);
      this.sendJson(response, 500, errorBody('internal_error', serveMessage.internal()), {
        connection: 'close',
      });
      return;
    }
    // A body left unread (an answer before reading it) is not worth draining: close after answering.
    const unread =
      !request.complete &&
      (request.headers['transfer-encoding'] !== undefined ||
        Number(request.headers['content-length'] ?? 0) > 0);
    this.sendJson(response, error.status, errorBody(error.code, error.message, error.issues), {
      ...(unread || error.status === 413 ? { connection: 'close' } : {}),
      ...error.headers,
    });
  }

  private logInternal(error: unknown): void {
    logLine(serveMessage.internalLog(errorText(error)));
  }

  /** Bad HTTP, a timeout, headers too large: a JSON error, and the connection closed. */
  private clientError(error: Error & { code?: string }, socket: Socket): void {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', serveMessage.headersTooLarge()]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout', serveMessage.requestTimeout()]
          : [400, 'bad_request', serveMessage.badRequest(error.code ?? 'malformed request')];
    const body = errorBody(code as string, message as string);
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
        `content-type: ${jsonType}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }

  private context(exchange: Exchange, latest: boolean): RequestContext {
    return {
      policies: exchange.policies.lookup,
      calendars: this.calendars,
      receivedMs: exchange.receivedMs,
      latestOnly: latest,
    };
  }

  private async state(exchange: Exchange): Promise<void> {
    const latest = latestOnly(exchange.query);
    const body = await readBody(exchange.request, this.options.maxBodyBytes);
    this.sendAnswer(
      exchange.response,
      answerOf(() => answerState(body, this.context(exchange, latest))),
    );
  }

  private async explain(exchange: Exchange): Promise<void> {
    const body = await readBody(exchange.request, this.options.maxBodyBytes);
    this.sendAnswer(
      exchange.response,
      answerOf(() => answerExplain(body, this.context(exchange, false))),
    );
  }

  /** What `/v1/states`, `/v1/report` and `/v1/diff` share: the policy and `now` of the query. */
  private runOf(exchange: Exchange, policyParam: string, allowLive = false): NdjsonRun {
    const loaded: LoadedPolicy = exchange.policies.find(named(exchange.query, policyParam));
    const nowText = exchange.query.get('now');
    const live = allowLive && nowText === 'live';
    const nowMs = live ? exchange.receivedMs : nowFrom(nowText, exchange.receivedMs);
    return {
      loaded,
      live,
      nowMs,
      at: computeOptionsOf(nowMs, this.calendars),
      calendars: this.calendars,
      maxBodyBytes: this.options.maxBodyBytes,
    };
  }

  /**
   * `POST /v1/states`: a state line per ticket, written as soon as the ticket is complete, in input
   * order; a bad line's error line in its place (as `compute --errors inline` writes it).
   */
  private async states(exchange: Exchange): Promise<void> {
    const run = this.runOf(exchange, 'policy', true);
    const output: LineOutput = {
      liveNow: run.live,
      latestOnly: latestOnly(exchange.query),
      inlineErrors: true,
    };
    const policy = run.loaded.policy;
    const writer = new LineWriter(exchange.response);
    const assembler = new TicketAssembler();
    const items: InputItem[] = [];
    const deliver = () => {
      for (const chunk of computeItems(items, policy, run.at, output).stdout) writer.write(chunk);
    };
    let nextLine = 1;
    try {
      for await (const batches of batchesOf(exchange.request, run.maxBodyBytes)) {
        for (const batch of batches) {
          nextLine = batch.firstLine + batch.lineCount;
          items.length = 0;
          assembler.pushBatch(lineBatchOf(batch), items);
          deliver();
        }
        await writer.ready();
        if (writer.closed) return;
      }
      items.length = 0;
      assembler.end(items);
      deliver();
      writer.end();
    } catch (error) {
      if (!(error instanceof HttpError) || !exchange.response.headersSent) throw error;
      // Past --max-body with states already written: the error as the last line, and the end.
      writer.write(errorLine([{ line: nextLine, code: error.code, message: error.message }]));
      exchange.response.shouldKeepAlive = false;
      writer.end();
    }
  }

  private async report(exchange: Exchange): Promise<void> {
    const run = this.runOf(exchange, 'policy');
    const groupBy = named(exchange.query, 'groupBy');
    const period = periodOf(exchange.query);
    const summary = await reportOf(exchange.request, run, groupBy, period);
    this.sendJson(exchange.response, 200, JSON.stringify(summary));
  }

  private async diff(exchange: Exchange): Promise<void> {
    const policies = exchange.policies;
    for (const name of ['before', 'after'])
      if (!exchange.query.has(name))
        throw new HttpError(400, 'missing_parameter', serveMessage.missingParameter('/v1/diff', name));
    const before = policies.find(named(exchange.query, 'before'));
    const run = this.runOf(exchange, 'after');
    const groupBy = named(exchange.query, 'groupBy');
    const comparison = await diffOf(exchange.request, run, before, groupBy);
    this.sendJson(exchange.response, 200, JSON.stringify(comparison));
  }
}

/**
 * SIGHUP: the policy files read again (a bad one keeps its loaded policy), what happened logged.
 * Returns the set to serve from now on.
 */
export function reloadPolicies(policies: PolicySet, log: (line: string) => void): PolicySet {
  let reloaded: Reload;
  try {
    reloaded = policies.reload(Date.now());
  } catch (error) {
    log(serveMessage.internalLog(errorText(error)));
    return policies;
  }
  for (const line of reloaded.kept) log(line);
  log(serveMessage.reloaded(reloaded.changed));
  return reloaded.set;
}

/** Writes a line to stderr: the service's log. */
export function logLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Calls `stop` on SIGTERM and SIGINT and `hangup` on SIGHUP until the function it returns is called.
 *
 * @example
 * const off = onSignals(() => service.shutdown(), () => {}) // ... off()
 */
export function onSignals(stop: () => void, hangup: () => void): () => void {
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', hangup);
  return () => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    process.off('SIGHUP', hangup);
  };
}

/**
 * The command: load, listen, say where (`listening on http://HOST:PORT` on stderr), serve until
 * SIGTERM or SIGINT; exit code 0 after a clean stop, 2 (a `CliError`) when it cannot start. This
 * process serves alone: `--workers N` (N > 1) goes through serveCluster.ts instead.
 *
 * @example
 * process.exitCode = await runServe({ policies: [{ name: 'default', path: 'policy.json' }], ... })
 */
export async function runServe(options: ServeOptions): Promise<ExitCode> {
  const policies = PolicySet.load(options.policies, Date.now());
  const calendars = loadCalendars(options.calendarsPath);
  const service = new Service(options, policies, calendars);
  const stop = () => {
    const requests = service.shutdown();
    if (requests !== null) logLine(serveMessage.draining(requests));
  };
  const off = onSignals(stop, () => service.reload(logLine));
  try {
    logLine(serveMessage.listening(await service.listen()));
    await service.stopped;
    logLine(serveMessage.stopped());
    return ExitCode.Ok;
  } finally {
    off();
  }
}
