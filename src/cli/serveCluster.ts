/**
 * `sla-clock serve --workers N` (N > 1): N processes forked with `node:cluster` serve HTTP on one
 * port, each a `Service` that computes in its own thread, as `--workers 1` does (docs/service.md,
 * "Workers"). The process started by the user, the primary, serves nothing: it reads and validates
 * the policies and the calendars once, hands them to each worker over IPC, says where they listen
 * once every one does, forwards SIGTERM, SIGINT and SIGHUP, replaces a worker that dies, and writes
 * every log line once.
 *
 * Why processes and not worker threads for the computing (what `--workers N` did before): a
 * `/v1/state` request computes in less time than two messages between threads take, so a thread
 * that speaks HTTP and hands computing to others was slower than one that does both; N processes
 * that each do both scale with the cores (docs/benchmarks.md, "HTTP service (issue 12)").
 *
 * SIGHUP: the primary reads the files (one read, so every worker gets the same policies), sends the
 * new set to every worker, and logs what changed once every worker has swapped it in: after that
 * line any request, to any worker, is served by the new policies. A replacement starts with the
 * policies in force, not with what the files say now.
 */
import cluster, { type Worker } from 'node:cluster';
import { compileCalendars, readCalendarsSpec } from './calendars.js';
import { CliError, ExitCode, errorText } from './exit.js';
import { serveMessage } from './messages.js';
import { PolicySet, type SharedPolicy } from './policySet.js';
import { logLine, onSignals, reloadPolicies, runServe, type ServeOptions, Service } from './serve.js';

/** Set by the primary in its workers' environment: this process is one of `serve --workers N`'s. */
const workerEnv = 'SLA_CLOCK_SERVE_WORKER';

/** What the primary tells a worker. */
type ToWorker =
  | {
      readonly kind: 'start';
      readonly policies: readonly SharedPolicy[];
      /** `--calendars` as read from its file (validated by the primary), or undefined. */
      readonly calendars?: unknown;
    }
  | { readonly kind: 'policies'; readonly round: number; readonly policies: readonly SharedPolicy[] }
  | { readonly kind: 'stop' };

/** What a worker tells the primary. */
type ToPrimary =
  /** Its listener is on: messages sent before would be lost. */
  | { readonly kind: 'ready' }
  | { readonly kind: 'listening'; readonly url: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'draining'; readonly requests: number }
  | { readonly kind: 'swapped'; readonly round: number };

/**
 * `sla-clock serve`: one process that serves (`--workers 1`), or the primary of N (`--workers N`),
 * or one of those N (started by the primary, with the same arguments).
 */
export function runServeCommand(options: ServeOptions): Promise<ExitCode> {
  if (cluster.isWorker && process.env[workerEnv] === '1') return runServeWorker(options);
  if (options.workers > 1) return runServePrimary(options);
  return runServe(options);
}

/** How a process ended, for the log. */
const howEnded = (code: number | null, signal: string | null) =>
  signal !== null ? serveMessage.killedBy(signal) : serveMessage.exitedWith(code ?? 0);

/** A worker: a `Service` that listens where the primary's other workers do, and does what it is told. */
function runServeWorker(options: ServeOptions): Promise<ExitCode> {
  /** Resolves once the message is written (or could not be: the primary is gone). */
  const send = (message: ToPrimary) =>
    new Promise<void>((resolve) => {
      if (process.connected && process.send !== undefined)
        process.send(message, undefined, undefined, () => resolve());
      else resolve();
    });
  let service: Service | null = null;
  let listening = false;
  let stopAsked = false;
  let finish!: (code: ExitCode) => void;
  const finished = new Promise<ExitCode>((resolve) => {
    finish = resolve;
  });
  const stop = () => {
    stopAsked = true;
    if (service === null) {
      finish(ExitCode.Ok);
      return;
    }
    // Not yet listening: it stops once it does (closing a server that is not listening yet would
    // not stop it from listening).
    if (!listening) return;
    const requests = service.shutdown();
    if (requests !== null) void send({ kind: 'draining', requests });
  };
  const fail = (error: unknown) => {
    // The primary writes the message, once for all workers; this process ends once it is sent.
    void send({
      kind: 'failed',
      message: error instanceof CliError ? error.message : serveMessage.internalLog(errorText(error)),
    }).then(() => finish(ExitCode.Usage));
  };
  const start = (message: Extract<ToWorker, { kind: 'start' }>) => {
    if (service !== null || stopAsked) return;
    let started: Service;
    try {
      const calendars =
        options.calendarsPath === undefined
          ? undefined
          : compileCalendars(options.calendarsPath, message.calendars);
      started = new Service(options, PolicySet.fromShared(message.policies), calendars);
    } catch (error) {
      fail(error);
      return;
    }
    service = started;
    started.listen().then((url) => {
      listening = true;
      void send({ kind: 'listening', url });
      if (stopAsked) stop();
      started.stopped.then(() => finish(ExitCode.Ok));
    }, fail);
  };
  const onMessage = (message: ToWorker) => {
    if (message.kind === 'start') start(message);
    else if (message.kind === 'stop') stop();
    else if (message.kind === 'policies') {
      try {
        if (service !== null) service.replacePolicies(PolicySet.fromShared(message.policies, service.loaded));
      } catch (error) {
        // The primary validated them: a failure here is a bug; the loaded policies stay.
        logLine(serveMessage.internalLog(errorText(error)));
      }
      void send({ kind: 'swapped', round: message.round });
    }
  };
  process.on('message', onMessage);
  // SIGHUP goes to the primary, which reads the files once and sends the policies; a SIGHUP sent to
  // a worker (a terminal's hangup reaches the whole process group) must not end it.
  const off = onSignals(stop, () => {});
  // (A worker whose primary is gone, killed, is ended by node:cluster at once.)
  void send({ kind: 'ready' });
  return finished.then((code) => {
    process.off('message', onMessage);
    off();
    // Closes the IPC channel, which would keep this process alive, as an end the primary expects
    // (a plain `process.disconnect()` makes node:cluster exit at once, with code 0).
    if (process.connected) cluster.worker?.disconnect();
    return code;
  });
}

/** The primary: loads and validates everything once, then forks the workers and watches them. */
function runServePrimary(options: ServeOptions): Promise<ExitCode> {
  const policies = PolicySet.load(options.policies, Date.now());
  const calendars =
    options.calendarsPath === undefined ? undefined : readCalendarsSpec(options.calendarsPath);
  if (options.calendarsPath !== undefined) compileCalendars(options.calendarsPath, calendars);
  return new Primary(options, policies, calendars).run();
}

interface WorkerState {
  /** It has been sent the policies (it said it was ready). */
  started: boolean;
  listening: boolean;
  /** What it reported when it began draining (on its own or told to), if it has. */
  draining: number | null;
  /** It said why it could not start (the primary has logged or will throw that). */
  failed: boolean;
}

class Primary {
  private readonly workers = new Map<Worker, WorkerState>();
  private phase: 'starting' | 'serving' | 'draining' | 'failed' = 'starting';
  private url: string | null = null;
  /** Why the start failed: the message `run` rejects with. */
  private failure: string | null = null;
  /** Workers whose drain report the shutdown line waits for, and the requests reported so far. */
  private readonly drainWaiting = new Set<Worker>();
  private drainRequests = 0;
  /** SIGHUPs not yet handled; the one being handled waits for `swapWaiting`. */
  private reloadsQueued = 0;
  private round = 0;
  private roundLines: string[] = [];
  private readonly swapWaiting = new Set<Worker>();
  private done!: (outcome: ExitCode | CliError) => void;

  constructor(
    private readonly options: ServeOptions,
    private policies: PolicySet,
    private readonly calendars: unknown,
  ) {}

  async run(): Promise<ExitCode> {
    const outcome = new Promise<ExitCode | CliError>((resolve) => {
      this.done = resolve;
    });
    const off = onSignals(
      () => this.stop(),
      () => {
        this.reloadsQueued++;
        this.nextReload();
      },
    );
    try {
      for (let i = 0; i < this.options.workers; i++) this.fork();
      const result = await outcome;
      if (result instanceof CliError) throw result;
      return result;
    } finally {
      off();
    }
  }

  private fork(): void {
    const worker = cluster.fork({ [workerEnv]: '1' });
    this.workers.set(worker, { started: false, listening: false, draining: null, failed: false });
    // A message to a worker that has just died fails: its 'exit' says what matters.
    worker.on('error', () => {});
    worker.on('message', (message: ToPrimary) => this.received(worker, message));
    worker.on('exit', (code, signal) => this.exited(worker, code, signal));
  }

  private send(worker: Worker, message: ToWorker): void {
    if (worker.isConnected()) worker.send(message, undefined, () => {});
  }

  private received(worker: Worker, message: ToPrimary): void {
    const state = this.workers.get(worker);
    if (state === undefined) return;
    switch (message.kind) {
      case 'ready':
        if (this.phase === 'draining' || this.phase === 'failed') {
          this.send(worker, { kind: 'stop' });
          break;
        }
        // The policies in force now: a SIGHUP being handled does not wait for this worker.
        state.started = true;
        this.send(worker, {
          kind: 'start',
          policies: this.policies.shared(),
          ...(this.calendars === undefined ? {} : { calendars: this.calendars }),
        });
        break;
      case 'listening':
        state.listening = true;
        this.url ??= message.url;
        if (this.phase === 'starting' && [...this.workers.values()].every((one) => one.listening)) {
          this.phase = 'serving';
          logLine(serveMessage.listening(this.url));
        }
        break;
      case 'failed':
        state.failed = true;
        // At start, the first reason is the one said (every worker fails alike: a port in use);
        // later, a replacement that cannot start says why.
        if (this.phase === 'starting') this.failStart(message.message);
        else if (this.phase !== 'failed') logLine(message.message);
        break;
      case 'draining':
        state.draining = message.requests;
        if (this.drainWaiting.delete(worker)) {
          this.drainRequests += message.requests;
          this.logDraining();
        }
        break;
      case 'swapped':
        if (message.round === this.round && this.swapWaiting.delete(worker)) this.reloaded();
        break;
    }
  }

  private exited(worker: Worker, code: number | null, signal: string | null): void {
    const state = this.workers.get(worker);
    this.workers.delete(worker);
    if (state === undefined) return;
    if (this.drainWaiting.delete(worker)) this.logDraining();
    if (this.swapWaiting.delete(worker)) this.reloaded();
    const how = howEnded(code, signal);
    const pid = worker.process.pid ?? 0;
    switch (this.phase) {
      case 'starting':
        if (!state.failed) this.failStart(serveMessage.workerStartExit(how));
        break;
      case 'serving':
        if (state.listening) {
          logLine(serveMessage.workerReplaced(pid, how));
          this.fork();
        } else {
          // A replacement that could not start (its reason is logged): another would fail alike.
          logLine(serveMessage.workerNotReplaced(pid, how));
          if (this.workers.size === 0) this.done(new CliError(serveMessage.noWorkers()));
        }
        break;
      case 'draining':
        if (this.workers.size === 0) {
          logLine(serveMessage.stopped());
          this.done(ExitCode.Ok);
        }
        break;
      case 'failed':
        if (this.workers.size === 0) this.done(new CliError(this.failure ?? serveMessage.noWorkers()));
        break;
    }
  }

  /** A worker could not start (a port in use): every worker ends, and `run` rejects with why. */
  private failStart(message: string): void {
    if (this.phase === 'failed') return;
    this.phase = 'failed';
    this.failure = message;
    for (const worker of this.workers.keys()) worker.process.kill('SIGKILL');
    if (this.workers.size === 0) this.done(new CliError(message));
  }

  /** SIGTERM, SIGINT: every worker drains; one line says how many requests they finish. */
  private stop(): void {
    if (this.phase === 'draining' || this.phase === 'failed') return;
    this.phase = 'draining';
    for (const [worker, state] of this.workers) {
      if (state.draining === null) this.drainWaiting.add(worker);
      else this.drainRequests += state.draining;
      this.send(worker, { kind: 'stop' });
    }
    this.logDraining();
    // Nothing to wait for: no worker is left (every one died at once).
    if (this.workers.size === 0) {
      logLine(serveMessage.stopped());
      this.done(ExitCode.Ok);
    }
  }

  /** The shutdown line, once no drain report is awaited (said once: only `stop` fills `drainWaiting`). */
  private logDraining(): void {
    if (this.phase !== 'draining' || this.drainWaiting.size > 0) return;
    logLine(serveMessage.draining(this.drainRequests));
  }

  /**
   * The next SIGHUP, once the one before it is logged: read the files, send the set, wait. A
   * SIGHUP is being handled exactly while `swapWaiting` is not empty: only this fills it, and
   * `reloaded` runs (here, or as each worker leaves it) until it is empty.
   */
  private nextReload(): void {
    if (this.swapWaiting.size > 0 || this.reloadsQueued === 0) return;
    this.reloadsQueued--;
    const lines: string[] = [];
    const before = this.policies;
    this.policies = reloadPolicies(before, (line) => lines.push(line));
    this.roundLines = lines;
    if (this.policies !== before) {
      this.round++;
      const shared = this.policies.shared();
      for (const [worker, state] of this.workers) {
        if (!state.started) continue;
        this.swapWaiting.add(worker);
        this.send(worker, { kind: 'policies', round: this.round, policies: shared });
      }
    }
    this.reloaded();
  }

  /** Every worker has swapped the new set in (or there was none): the lines, then the next SIGHUP. */
  private reloaded(): void {
    if (this.swapWaiting.size > 0) return;
    for (const line of this.roundLines) logLine(line);
    this.nextReload();
  }
}
