/**
 * What `sla-clock serve` checks of a request before its route runs: the media type (415), the
 * length (411, 413), the query's parameters (400); and the body, read within `--max-body`.
 */
import type { IncomingMessage } from 'node:http';
import { parseRfc3339 } from '../time/instant.js';
import { HttpError } from './httpError.js';
import { serveMessage } from './messages.js';

/** What a route reads: one JSON document, or NDJSON (a ticket or an event per line). */
export type BodyKind = 'json' | 'ndjson';

const jsonTypes = ['application/json'];
// NDJSON goes by several names; application/json is accepted too, for clients that know no other.
const ndjsonTypes = [
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'application/jsonlines',
  'application/json',
];

/** Throws the 411, 413 or 415 a POST body deserves, before a byte of it is read. */
export function checkBody(request: IncomingMessage, route: string, kind: BodyKind, maxBytes: number): void {
  const length = request.headers['content-length'];
  // Node rejects a request with both headers, and a malformed Content-Length, before this runs.
  if (length === undefined && request.headers['transfer-encoding'] === undefined)
    throw new HttpError(411, 'length_required', serveMessage.lengthRequired());
  if (length !== undefined && Number(length) > maxBytes)
    throw new HttpError(413, 'body_too_large', serveMessage.bodyTooLarge(maxBytes));
  const header = request.headers['content-type'];
  // The usual case, without splitting.
  if (header === 'application/json' || (kind === 'ndjson' && header === 'application/x-ndjson')) return;
  const [typePart = '', ...params] = (header ?? '').split(';');
  const type = typePart.trim().toLowerCase();
  const allowed = kind === 'json' ? jsonTypes : ndjsonTypes;
  // `application/problem+json` and the like are JSON too.
  const isJson = kind === 'json' && /^application\/[a-z0-9.+-]+\+json$/.test(type);
  if (!allowed.includes(type) && !isJson)
    throw new HttpError(
      415,
      'unsupported_media_type',
      serveMessage.mediaType(route, kind === 'json' ? jsonTypes : ndjsonTypes.slice(0, 1), header),
    );
  for (const param of params) {
    const [name = '', value = ''] = param.split('=');
    const charset = value.trim().replace(/^"|"$/g, '').toLowerCase();
    if (name.trim().toLowerCase() === 'charset' && charset !== 'utf-8' && charset !== 'utf8')
      throw new HttpError(415, 'unsupported_media_type', serveMessage.charset(charset));
  }
}

/**
 * The body's chunks as they arrive; throws a 413 as soon as they pass `maxBytes` (a chunked body
 * has no length to check before).
 */
export async function* bodyChunks(request: IncomingMessage, maxBytes: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of request) {
    bytes += (chunk as Buffer).length;
    if (bytes > maxBytes) throw new HttpError(413, 'body_too_large', serveMessage.bodyTooLarge(maxBytes));
    yield chunk as Buffer;
  }
}

/**
 * The whole body as text (UTF-8, a leading byte-order mark dropped), at most `maxBytes`. Events,
 * not an async iterator: this runs for every `/v1/state`, where the iterator's promises cost more
 * than the read.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        request.off('data', onData);
        request.pause();
        reject(new HttpError(413, 'body_too_large', serveMessage.bodyTooLarge(maxBytes)));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => {
      const text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8');
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    });
    request.once('error', reject);
    // The client went away before the end: nothing to answer.
    request.once('close', () => {
      if (!request.complete) reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    });
  });
}

/**
 * The query's parameters, each at most once and each one the route knows; a 400 otherwise (a typo
 * such as `?polcy=` must not silently fall back to the default policy).
 */
export function queryOf(search: string, route: string, allowed: readonly string[]): Map<string, string> {
  const params = new Map<string, string>();
  if (search.length <= 1) return params;
  for (const part of search.slice(1).split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawName = equals < 0 ? part : part.slice(0, equals);
    const rawValue = equals < 0 ? '' : part.slice(equals + 1);
    const name = decode(rawName, true);
    if (!allowed.includes(name))
      throw new HttpError(400, 'unknown_parameter', serveMessage.unknownParameter(route, name, allowed));
    if (params.has(name)) throw new HttpError(400, 'invalid_parameter', serveMessage.repeatedParameter(name));
    params.set(name, name === 'now' ? decodeInstant(rawValue) : decode(rawValue, true));
  }
  return params;
}

/** Percent-decoding, `+` as a space (forms) or kept; a malformed escape is a 400. */
function decode(text: string, plusIsSpace: boolean): string {
  try {
    return decodeURIComponent(plusIsSpace ? text.replaceAll('+', ' ') : text);
  } catch {
    throw new HttpError(
      400,
      'invalid_parameter',
      serveMessage.badRequest(`malformed query ${JSON.stringify(text)}`),
    );
  }
}

/**
 * `now` in a query: form encoding turns `+` into a space, which breaks `+01:00` written unescaped
 * (`?now=2026-03-02T10:00:00+01:00`), while Python's `requests` escapes `+` and writes a space as
 * `+` (`2026-03-02+14%3A00%3A00%2B00%3A00`). Read it as a form first, and with `+` kept when that
 * is no instant: both spellings then mean what their writer meant.
 */
function decodeInstant(raw: string): string {
  const form = decode(raw, true);
  if (parseRfc3339(form) !== undefined) return form;
  return decode(raw, false);
}
