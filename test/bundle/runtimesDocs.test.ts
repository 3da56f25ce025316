/**
 * The code blocks of docs/runtimes.md, run as their platforms are documented to call them, so
 * the docs show code that was run (and the page says exactly how far that goes):
 * - the Cloudflare Worker module, bundled with esbuild using the worker conditions, its `fetch`
 *   called with Node's own Request and Response (not workerd);
 * - the Snowflake UDF body, the script pasted in, as a function of its upper-cased arguments in
 *   a bare V8 context, several rows in one context (not Snowflake);
 * - the BigQuery UDF body, after the library, as a function of its arguments (not BigQuery).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  compilePolicy,
  computeSlaState,
  type PolicySpec,
  serializeSlaState,
  type Ticket,
} from '../../src/index.js';
import { buildGlobalScript } from './buildGlobal.js';
import { runtimeCase, runtimeExpected } from './fixture.js';

const docs = readFileSync(new URL('../../docs/runtimes.md', import.meta.url), 'utf8');

/** The code block that follows `<!-- run by test/bundle/runtimesDocs.test.ts: NAME -->`. */
function codeBlock(name: string): string {
  const marker = docs.indexOf(`<!-- run by test/bundle/runtimesDocs.test.ts: ${name} -->`);
  if (marker < 0) throw new Error(`docs/runtimes.md has no block marked ${name}`);
  const start = docs.indexOf('\n', docs.indexOf('```', marker)) + 1;
  return docs.slice(start, docs.indexOf('\n```', start) + 1);
}

/** The text between two delimiters of a block (a UDF's body inside its SQL). */
function between(text: string, open: string, close: string): string {
  const start = text.indexOf(open);
  const end = text.indexOf(close, start + open.length);
  if (start < 0 || end < 0) throw new Error(`no ${open} ... ${close} in ${text.slice(0, 80)}`);
  return text.slice(start + open.length, end);
}

/** The argument names of the first CREATE FUNCTION of a SQL block, as written. */
function argumentNames(sql: string): string[] {
  const list = /FUNCTION\s+\w+\s*\(([^)]*)\)/.exec(sql)?.[1] ?? '';
  return list.split(',').map((argument) => argument.trim().split(/\s+/)[0] as string);
}

/** The library's own answer, serialized, for a JSON case. */
function nodeState(policy: unknown, ticket: unknown, now: string | number): unknown {
  const state = computeSlaState(ticket as Ticket, compilePolicy(policy as PolicySpec), { now });
  return JSON.parse(JSON.stringify(serializeSlaState(state)));
}

/** Three rows: the fixture's ticket at three instants. */
const rows = ['2026-03-02T15:00:00Z', '2026-03-03T18:00:00Z', runtimeCase.now];

let script = '';
beforeAll(async () => {
  script = await buildGlobalScript();
}, 120_000);

describe('the Cloudflare Worker of docs/runtimes.md', () => {
  let worker: { fetch: (request: Request) => Promise<Response> };
  let tempDir = '';

  beforeAll(async () => {
    const source = new URL('../../src/index.ts', import.meta.url);
    const bundled = await build({
      stdin: {
        contents: codeBlock('worker'),
        resolveDir: fileURLToPath(new URL('../../', import.meta.url)),
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      write: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'sla-clock-from-source',
          setup(pluginBuild) {
            pluginBuild.onResolve({ filter: /^sla-clock$/ }, () => ({ path: fileURLToPath(source) }));
          },
        },
      ],
    });
    tempDir = mkdtempSync(join(tmpdir(), 'sla-clock-worker-'));
    const file = join(tempDir, 'worker.mjs');
    writeFileSync(file, (bundled.outputFiles[0] as { text: string }).text);
    worker = ((await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: typeof worker })
      .default;
    return () => rmSync(tempDir, { recursive: true, force: true });
  }, 60_000);

  const url = (now: string) => `https://sla.example/state?now=${encodeURIComponent(now)}`;

  test('answers a ticket with its state: the numbers worked out by hand', async () => {
    const response = await worker.fetch(
      new Request(url(runtimeCase.now), { method: 'POST', body: JSON.stringify(runtimeCase.ticket) }),
    );
    expect(response.status).toBe(200);
    const state = (await response.json()) as { metrics: Record<string, Record<string, unknown>> };
    // Its policy has no holiday: by Thursday 10:00 EST resolution has had 6 + 7 + 8 + 1 = 22
    // business hours; its 16 h ran out on Wednesday at 12:00 EST (17:00 UTC), and it runs on.
    expect(state.metrics.first_reply).toMatchObject(runtimeExpected.firstReply);
    expect(state.metrics.resolution).toMatchObject({
      status: 'running',
      breached: true,
      elapsed: 22 * 3_600_000,
      remaining: -6 * 3_600_000,
      deadline: '2026-03-04T17:00:00.000Z',
    });
  });

  test('answers bad input with 400 and the validation issues, and other methods with 405', async () => {
    const bad = await worker.fetch(
      new Request(url(runtimeCase.now), {
        method: 'POST',
        body: JSON.stringify({ id: 'T-2', events: [{ type: 'created' }] }),
      }),
    );
    expect(bad.status).toBe(400);
    const answer = (await bad.json()) as { issues: { path: unknown[] }[] };
    expect(answer.issues[0]?.path).toEqual(['events', 0, 'at']);
    expect(
      (await worker.fetch(new Request(url(runtimeCase.now), { method: 'POST', body: '{' }))).status,
    ).toBe(400);
    expect((await worker.fetch(new Request(url(runtimeCase.now)))).status).toBe(405);
  });
});

describe('the Snowflake UDF of docs/runtimes.md, in a bare V8 context', () => {
  test('computes each row as the library does, loading the library and compiling the policy once', () => {
    const sql = codeBlock('snowflake');
    const placeholder = '  /* paste the contents of dist/sla-clock.global.js here */\n';
    const body = between(sql, '$$\n', '\n$$');
    expect(body).toContain(placeholder);
    // Snowflake upper-cases unquoted argument names.
    const names = argumentNames(sql).map((name) => name.toUpperCase());
    expect(names).toEqual(['TICKET', 'POLICY', 'NOW_AT']);
    const context = vm.createContext({});
    const udf = vm.runInContext(
      `(function (${names.join(', ')}) {\n${body.replace(placeholder, () => `${script}\n`)}\n})`,
      context,
    ) as (ticket: unknown, policy: unknown, now: string) => unknown;
    // VARIANT arguments arrive as values of the UDF's own realm.
    const variant = (value: unknown) =>
      vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(value))})`, context);
    let library: unknown;
    for (const now of rows) {
      const state = JSON.parse(
        JSON.stringify(udf(variant(runtimeCase.ticket), variant(runtimeCase.policy), now)),
      );
      expect(state).toEqual(nodeState(runtimeCase.policy, runtimeCase.ticket, now));
      library ??= vm.runInContext('slaClock', context);
      expect(vm.runInContext('slaClock', context)).toBe(library);
    }
    expect(vm.runInContext('slaPolicies.size', context)).toBe(1);
    const last = JSON.parse(
      JSON.stringify(udf(variant(runtimeCase.ticket), variant(runtimeCase.policy), runtimeCase.now)),
    );
    expect(last.metrics.resolution).toMatchObject(runtimeExpected.resolution);
  });
});

describe('the BigQuery UDF of docs/runtimes.md, in a bare V8 context', () => {
  test('computes each row as the library does, from JSON text to JSON text', () => {
    const sql = codeBlock('bigquery');
    expect(sql).toContain("OPTIONS (library = ['gs://YOUR_BUCKET/sla-clock.global.js'])");
    const body = between(sql, 'AS r"""\n', '\n""";');
    const names = argumentNames(sql);
    expect(names).toEqual(['ticket', 'policy', 'now_at']);
    const context = vm.createContext({});
    // BigQuery loads the library, then calls the body as a function of the declared arguments.
    vm.runInContext(script, context, { filename: 'sla-clock.global.js' });
    const udf = vm.runInContext(`(function (${names.join(', ')}) {\n${body}\n})`, context) as (
      ticket: string,
      policy: string,
      now: string,
    ) => string;
    const policyText = JSON.stringify(runtimeCase.policy);
    for (const now of rows) {
      const answer = udf(JSON.stringify(runtimeCase.ticket), policyText, now);
      expect(typeof answer).toBe('string');
      expect(JSON.parse(answer)).toEqual(nodeState(runtimeCase.policy, runtimeCase.ticket, now));
    }
    expect(vm.runInContext('slaPolicies.size', context)).toBe(1);
    const last = JSON.parse(udf(JSON.stringify(runtimeCase.ticket), policyText, runtimeCase.now));
    expect(last.metrics.resolution).toMatchObject(runtimeExpected.resolution);
  });
});
