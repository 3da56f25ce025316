/**
 * A worker thread of `compute --workers N` and `serve --workers N`: compiles each policy the first
 * time a task names it, from the JSON the pool was started with, then parses, classifies and
 * computes batches of raw lines (`compute`, `/v1/states`) or answers `/v1/state` bodies.
 */
import { Tinypool } from 'tinypool';
import { type Calendar, compileCalendar, type Policy, safeCompilePolicy } from '../index.js';
import { classifyLines, type LineOutput, packBatch } from './batch.js';
import { HttpError } from './httpError.js';
import { answerOf, answerState, type PolicyLookup } from './jsonRequests.js';
import { serveMessage } from './messages.js';
import type { TextBatch } from './ndjson.js';

/** What every worker is started with. */
export interface WorkerData {
  /**
   * The policies as read from their files, by name. The main thread validates them at the same
   * time and stops the pool if one is invalid, so a worker only reports the problem if a task ever
   * reaches it.
   */
  readonly policies: readonly { readonly name: string; readonly spec: unknown }[];
  /** The policy of a `/v1/state` body that names none; null when a body must name one. */
  readonly defaultPolicy: string | null;
  /** `--calendars` as read from its file (validated by the main thread too), or undefined. */
  readonly calendars: unknown;
}

/** Raw lines to classify and compute through one policy. */
export interface LinesTask {
  readonly kind: 'lines';
  readonly batch: TextBatch;
  readonly policy: string;
  readonly nowMs: number;
  readonly output: LineOutput;
}

/** One `/v1/state` body, to answer from parse to serialized JSON. */
export interface StateRequest {
  readonly body: string;
  readonly receivedMs: number;
  readonly latestOnly: boolean;
}

/** `/v1/state` bodies that arrived together, answered in one task (one message each way). */
export interface StateTask {
  readonly kind: 'state';
  readonly requests: readonly StateRequest[];
}

export type WorkerTask = LinesTask | StateTask;

const data = Tinypool.workerData as WorkerData;
const specs = new Map(data.policies.map(({ name, spec }) => [name, spec]));
const compiled = new Map<string, Policy>();
const calendars = calendarsIn(data.calendars);

/** The host calendars compiled here (none when one is invalid: the main thread reports that). */
function calendarsIn(spec: unknown): Readonly<Record<string, Calendar>> | undefined {
  if (spec === undefined || spec === null || typeof spec !== 'object') return undefined;
  try {
    return Object.fromEntries(Object.entries(spec).map(([name, one]) => [name, compileCalendar(one)]));
  } catch {
    return undefined;
  }
}

/** The policy of that name, compiled on first use; the same 400 or 404 as the main thread's. */
const lookup: PolicyLookup = (requested) => {
  const name = requested ?? data.defaultPolicy;
  if (name === null)
    throw new HttpError(400, 'policy_required', serveMessage.policyRequired([...specs.keys()]));
  let policy = compiled.get(name);
  if (policy === undefined) {
    if (!specs.has(name))
      throw new HttpError(404, 'unknown_policy', serveMessage.unknownPolicy(name, [...specs.keys()]));
    const result = safeCompilePolicy(specs.get(name));
    if (!result.success) throw result.error;
    policy = result.data;
    compiled.set(name, policy);
  }
  return policy;
};

/**
 * The task function. Lines: computed tickets, event lines and errors out, in order, packed into one
 * buffer that is moved, not copied, to the main thread. A state: its answer.
 */
export default function runTask(task: WorkerTask): unknown {
  if (task.kind === 'state') {
    return task.requests.map((request) =>
      answerOf(() =>
        answerState(request.body, {
          policies: lookup,
          calendars,
          receivedMs: request.receivedMs,
          latestOnly: request.latestOnly,
        }),
      ),
    );
  }
  const policy = lookup(task.policy);
  const at = calendars === undefined ? { now: task.nowMs } : { now: task.nowMs, calendars };
  return Tinypool.move(packBatch(classifyLines(task.batch, policy, at, task.output)));
}
