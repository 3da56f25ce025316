/**
 * `sla-clock/global` in headless Chromium (SPEC.md 16.4): a static server on 127.0.0.1 serves
 * examples/browser/index.html and a freshly built sla-clock.global.js; Debian's `chromium`,
 * driven by playwright-core (never a browser download of Playwright's own), loads the page, which
 * computes a state with `globalThis.slaClock`. The state must equal the library's in Node, with
 * no console error, page error or failed request. `.ci/run` installs Chromium when missing; only
 * when it cannot be found does this file skip, saying so.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  compilePolicy,
  computeSlaState,
  type PolicySpec,
  serializeSlaState,
  type Ticket,
} from '../../src/index.js';
import { chromiumArgs, chromiumPath, noChromiumReason } from '../chromium.js';
import { buildGlobalScript } from './buildGlobal.js';
import { computeWithGlobal, runtimeCase, runtimeExpected } from './fixture.js';

const executablePath = chromiumPath;
const skipReason = noChromiumReason;

type SerializedState = {
  metrics: Record<
    string,
    { status: string; elapsed: number; remaining: number | null; deadline: string | null }
  >;
};

/** The state the library computes in Node for an input, serialized as the page's is. */
function nodeState(input: unknown): SerializedState {
  const { policy, ticket, now } = input as { policy: PolicySpec; ticket: Ticket; now: string };
  return JSON.parse(
    JSON.stringify(serializeSlaState(computeSlaState(ticket, compilePolicy(policy), { now }))),
  );
}

describe.runIf(executablePath !== undefined)('sla-clock/global in headless Chromium', () => {
  let server: Server;
  let origin = '';
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    const script = await buildGlobalScript();
    const page = readFileSync(new URL('../../examples/browser/index.html', import.meta.url), 'utf8');
    const routes: Record<string, { type: string; body: string }> = {
      '/examples/browser/index.html': { type: 'text/html; charset=utf-8', body: page },
      '/dist/sla-clock.global.js': { type: 'text/javascript; charset=utf-8', body: script },
      '/bare.html': {
        type: 'text/html; charset=utf-8',
        body: '<!doctype html><meta charset="utf-8"><title>bare</title><script src="/dist/sla-clock.global.js"></script>',
      },
    };
    server = createServer((request, response) => {
      const route = routes[new URL(request.url ?? '/', 'http://127.0.0.1').pathname];
      if (route === undefined) {
        // The browser asks for /favicon.ico by itself: answer it without an error.
        response.writeHead(request.url === '/favicon.ico' ? 204 : 404).end();
        return;
      }
      response.writeHead(200, { 'content-type': route.type }).end(route.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: executablePath as string, args: chromiumArgs });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A page that records every console error, page error and failed or refused request. */
  async function openPage(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    return page;
  }

  test('the example page computes the state the library computes in Node, and shows it', async () => {
    const page = await openPage('/examples/browser/index.html');
    const { input, state } = (await page.evaluate(
      () => (globalThis as unknown as { slaExample: unknown }).slaExample,
    )) as {
      input: unknown;
      state: SerializedState;
    };
    expect(state).toEqual(nodeState(input));
    expect(state.metrics.first_reply).toMatchObject(runtimeExpected.firstReply);
    expect(state.metrics.resolution).toMatchObject(runtimeExpected.resolution);
    const rows = await page.locator('#metrics tr').allTextContents();
    expect(rows).toEqual([
      // A met metric has no deadline left.
      'first_replymet2.50 h1.50 h',
      'resolutionrunning14.00 h2.00 h2026-03-05T17:00:00.000Z',
    ]);
    await page.close();
    expect(problems).toEqual([]);
  });

  test('a bare page with only the script: the shared case, as in the vm test', async () => {
    const page = await openPage('/bare.html');
    expect(await page.evaluate(() => typeof (globalThis as { slaClock?: unknown }).slaClock)).toBe('object');
    const state = (await page.evaluate(({ code, input }) => new Function('input', code)(input), {
      code: computeWithGlobal,
      input: runtimeCase,
    })) as SerializedState;
    expect(state).toEqual(nodeState(runtimeCase));
    expect(state.metrics.resolution).toMatchObject(runtimeExpected.resolution);
    await page.close();
    expect(problems).toEqual([]);
  });
});

if (executablePath === undefined) {
  describe('sla-clock/global in headless Chromium', () => {
    test(`skipped: ${skipReason}`, (context) => {
      console.warn(`test/bundle/global.chromium.test.ts: ${skipReason}`);
      context.skip();
    });
  });
}
