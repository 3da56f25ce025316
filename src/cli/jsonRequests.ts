/**
 * The JSON routes of `sla-clock serve` as pure functions of the body's text: `/v1/state` (also run
 * by worker threads with `--workers N`) and `/v1/explain`. No I/O here: the server reads the body,
 * checks its media type and size, and writes what these return or throw (`HttpError`).
 */
import { slaStateJson } from '../engine/stateJson.js';
import {
  type Calendar,
  computeSlaState,
  explainSla,
  isSlaValidationError,
  type Policy,
  type SlaState,
  type Ticket,
} from '../index.js';
import { serializeTimeline } from '../report/serializeTimeline.js';
import { toInstantMs } from '../time/instant.js';
import { errorBody, HttpError, invalidInput } from './httpError.js';
import { serveMessage } from './messages.js';

/** Finds a loaded policy by name (the default one for `undefined`), or throws the 400/404. */
export type PolicyLookup = (name: string | undefined) => Policy;

/** What a request is answered with, as text: JSON, already serialized. */
export interface Answer {
  readonly status: number;
  readonly body: string;
}

/** A thrown `HttpError` as the answer it stands for; anything else is thrown on. */
export function answerOf(answer: () => Answer): Answer {
  try {
    return answer();
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.status, body: errorBody(error.code, error.message, error.issues) };
  }
}

/** Everything a JSON route needs besides the body. */
export interface RequestContext {
  readonly policies: PolicyLookup;
  readonly calendars: Readonly<Record<string, Calendar>> | undefined;
  /** The server's clock when the request arrived: `now` when the body gives none. */
  readonly receivedMs: number;
  /** `?cycles=latest`: metrics without their `cycles`. */
  readonly latestOnly: boolean;
}

/** The body as a JSON object with only the `allowed` keys (a typo such as `"polcy"` is refused). */
function bodyObject(text: string, route: string, allowed: readonly string[]): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'invalid_json', serveMessage.invalidJson((error as Error).message));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new HttpError(400, 'invalid_body', serveMessage.bodyObject(route, allowed, value));
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw new HttpError(400, 'unknown_field', serveMessage.unknownField(route, key, allowed));
  }
  return value as Record<string, unknown>;
}

function requireField(body: Record<string, unknown>, field: string, route: string): unknown {
  if (!Object.hasOwn(body, field) || body[field] === undefined)
    throw new HttpError(400, 'missing_field', serveMessage.missingField(route, field));
  return body[field];
}

/** `now` of a body or a query, in the library's instant forms, else the request's arrival. */
export function nowFrom(value: unknown, receivedMs: number): number {
  if (value === undefined || value === null) return receivedMs;
  try {
    return toInstantMs(value, 'now');
  } catch (error) {
    if (isSlaValidationError(error)) throw invalidInput('invalid_now', null, error.issues);
    throw error;
  }
}

function policyName(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, 'invalid_field', serveMessage.policyField(value));
  return value;
}

/** Computes a ticket; the library's refusal is a 400 whose issues start at the body's `ticket`. */
function stateOf(ticket: unknown, policy: Policy, context: RequestContext, nowMs: number): SlaState {
  try {
    return computeSlaState(
      ticket as Ticket,
      policy,
      context.calendars === undefined ? { now: nowMs } : { now: nowMs, calendars: context.calendars },
    );
  } catch (error) {
    if (isSlaValidationError(error)) throw invalidInput('invalid_ticket', 'ticket', error.issues);
    throw error;
  }
}

/**
 * `POST /v1/state`: `{ ticket, now?, policy? }` → the serialized state.
 *
 * @example
 * answerState('{"ticket":{"id":1,"events":[{"type":"created","at":"2026-03-02 09:00:00+00"}]}}', context)
 * //=> { status: 200, body: '{"ticketId":1,"now":"...",...}' }
 */
export function answerState(text: string, context: RequestContext): Answer {
  const body = bodyObject(text, '/v1/state', ['ticket', 'now', 'policy']);
  const ticket = requireField(body, 'ticket', '/v1/state');
  const nowMs = nowFrom(body.now, context.receivedMs);
  const policy = context.policies(policyName(body.policy));
  const state = stateOf(ticket, policy, context, nowMs);
  try {
    return { status: 200, body: slaStateJson(state, context.latestOnly) };
  } catch (error) {
    // Longer than a string can be (a policy of very many metrics, a ticket of very many cycles).
    if (error instanceof RangeError) throw new HttpError(400, 'state_too_long', serveMessage.stateTooLong());
    throw error;
  }
}

/**
 * `POST /v1/explain`: `{ ticket, metric, cycle?, now?, policy? }` → `{ ticketId, metric, cycle,
 * segments }`, the segments of `explainSla` with instants as ISO text. `cycle` is the index
 * explained (default the latest), null when the metric has no cycle (and no segment) yet.
 */
export function answerExplain(text: string, context: RequestContext): Answer {
  const body = bodyObject(text, '/v1/explain', ['ticket', 'metric', 'cycle', 'now', 'policy']);
  const ticket = requireField(body, 'ticket', '/v1/explain');
  const metric = requireField(body, 'metric', '/v1/explain');
  const cycle = body.cycle ?? undefined;
  const nowMs = nowFrom(body.now, context.receivedMs);
  const policy = context.policies(policyName(body.policy));
  if (typeof metric !== 'string' || !policy.metricNames.includes(metric))
    throw new HttpError(400, 'unknown_metric', serveMessage.unknownMetric(metric, policy.metricNames));
  if (cycle !== undefined && !(Number.isSafeInteger(cycle) && (cycle as number) >= 0))
    throw new HttpError(400, 'invalid_field', serveMessage.cycleField(cycle));
  // The state first: a bad ticket is reported as /v1/state reports it, and the cycle count is known.
  const state = stateOf(ticket, policy, context, nowMs);
  const count = state.metrics[metric]?.cycles.length ?? 0;
  if (cycle !== undefined && (cycle as number) >= count)
    throw new HttpError(400, 'unknown_cycle', serveMessage.unknownCycle(metric, cycle as number, count));
  const options = {
    now: nowMs,
    metric,
    ...(cycle === undefined ? {} : { cycle: cycle as number }),
    ...(context.calendars === undefined ? {} : { calendars: context.calendars }),
  };
  let segments: ReturnType<typeof explainSla> = [];
  try {
    if (count > 0) segments = explainSla(ticket as Ticket, policy, options);
  } catch (error) {
    // The ticket was read once already: whatever explainSla refuses is still bad input.
    if (isSlaValidationError(error)) throw invalidInput('invalid_ticket', null, error.issues);
    throw error;
  }
  return {
    status: 200,
    body: JSON.stringify({
      ticketId: state.ticketId,
      metric,
      cycle: count === 0 ? null : ((cycle as number | undefined) ?? count - 1),
      segments: serializeTimeline(segments),
    }),
  };
}
