/**
 * The parts of `sla-clock serve` that need no server: the fingerprint's canonical JSON, the flags'
 * parsers, `--policy [NAME=]FILE`, the query reader, and the error line of `--errors inline`.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { errorLine } from '../../src/cli/batch.js';
import { CliError } from '../../src/cli/exit.js';
import { canonicalJson, fingerprint } from '../../src/cli/fingerprint.js';
import { parseMaxBody, parseNowOrLive, parseRequestTimeout } from '../../src/cli/flags.js';
import type { HttpError } from '../../src/cli/httpError.js';
import { queryOf } from '../../src/cli/httpRequest.js';
import { parsePolicyFlags } from '../../src/cli/policySet.js';

describe('canonicalJson and fingerprint', () => {
  test('key order and whitespace do not matter; values do', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const shuffled = JSON.parse(text, (_key, item: unknown) =>
          item !== null && typeof item === 'object' && !Array.isArray(item)
            ? Object.fromEntries(Object.entries(item).reverse())
            : item,
        );
        expect(canonicalJson(shuffled)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(text));
        expect(fingerprint(JSON.parse(JSON.stringify(value, null, 2)))).toBe(fingerprint(value));
      }),
    );
    expect(canonicalJson({ b: [1, { d: 2, c: 'x' }], a: null })).toBe('{"a":null,"b":[1,{"c":"x","d":2}]}');
    expect(fingerprint({ metrics: {} })).toBe(
      'dba035835ea24be1256e2cd665fa83e86bb4a07b2f84398536c55266da9decfc',
    );
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });

  test('"__proto__" from JSON is an ordinary key', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "a": 2}');
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":2}');
  });
});

describe('flags', () => {
  test('--max-body: bytes or a size in powers of 1024, from 1 byte to 256mb', () => {
    expect(parseMaxBody(undefined)).toBe(10 * 1024 * 1024);
    expect(parseMaxBody('10mb')).toBe(10_485_760);
    expect(parseMaxBody('512KB')).toBe(524_288);
    expect(parseMaxBody('1.5m')).toBe(1_572_864);
    expect(parseMaxBody('1048576')).toBe(1_048_576);
    expect(parseMaxBody('256mib')).toBe(268_435_456);
    for (const bad of ['0', '257mb', '1tb', '-1', 'ten', '1 gigabyte', ''])
      expect(() => parseMaxBody(bad), bad).toThrow(CliError);
  });

  test('--request-timeout: a duration from 100 ms to a day', () => {
    expect(parseRequestTimeout(undefined)).toBe(120_000);
    expect(parseRequestTimeout('30s')).toBe(30_000);
    expect(parseRequestTimeout('PT5M')).toBe(300_000);
    expect(parseRequestTimeout('400ms')).toBe(400);
    for (const bad of ['50ms', '2d', 'soon']) expect(() => parseRequestTimeout(bad), bad).toThrow(CliError);
  });

  test('compute --now: an instant as backends write it, or live', () => {
    expect(parseNowOrLive('live')).toBeNull();
    expect(parseNowOrLive('2026-03-02 14:00:00+00')).toBe(Date.parse('2026-03-02T14:00:00Z'));
    expect(parseNowOrLive('2026-03-02T15:00:00+0100')).toBe(Date.parse('2026-03-02T14:00:00Z'));
    expect(() => parseNowOrLive('2026-03-02 14:00:00')).toThrow(
      /expected an RFC 3339 instant with an offset/,
    );
    expect(() => parseNowOrLive('LIVE')).toThrow(CliError);
  });

  test('--policy [NAME=]FILE: named after the file by default; a "=" that follows no name is part of the path', () => {
    expect(
      parsePolicyFlags(['default=policy.json', 'rules/gold.json', 'odd=name/x=y.json', '/tmp/=x.json']),
    ).toEqual([
      { name: 'default', path: 'policy.json' },
      { name: 'gold', path: 'rules/gold.json' },
      { name: 'odd', path: 'name/x=y.json' },
      { name: '=x', path: '/tmp/=x.json' },
    ]);
    expect(() => parsePolicyFlags(['a.json', 'x/a.json'])).toThrow(/two policies are named "a"/);
    expect(() => parsePolicyFlags(['x='])).toThrow(/expected FILE or NAME=FILE/);
  });
});

describe('queryOf', () => {
  const read = (search: string) =>
    Object.fromEntries(queryOf(search, '/v1/states', ['now', 'policy', 'cycles']));

  test('each known parameter once; percent-decoding; a form space as +', () => {
    expect(read('')).toEqual({});
    expect(read('?')).toEqual({});
    expect(read('?policy=gold%20tier&cycles=latest')).toEqual({ policy: 'gold tier', cycles: 'latest' });
    expect(read('?policy=a+b')).toEqual({ policy: 'a b' });
  });

  test('now: "+" is an offset sign when a space would make no instant', () => {
    expect(read('?now=2026-03-02T10:00:00+01:00')).toEqual({ now: '2026-03-02T10:00:00+01:00' });
    expect(read('?now=2026-03-02+14%3A00%3A00%2B00%3A00')).toEqual({ now: '2026-03-02 14:00:00+00:00' });
    expect(read('?now=2026-03-02+14:00:00+00')).toEqual({ now: '2026-03-02+14:00:00+00' });
  });

  test('unknown, repeated and malformed parameters are 400s', () => {
    const status = (search: string) => {
      try {
        read(search);
        return null;
      } catch (error) {
        return [(error as HttpError).status, (error as HttpError).code];
      }
    };
    expect(status('?polcy=x')).toEqual([400, 'unknown_parameter']);
    expect(status('?now=1&now=2')).toEqual([400, 'invalid_parameter']);
    expect(status('?policy=%E0%A4%A')).toEqual([400, 'invalid_parameter']);
    expect(status('?__proto__=x')).toEqual([400, 'unknown_parameter']);
  });
});

describe('errorLine', () => {
  test('one line: the first problem, and every problem under issues when there are several', () => {
    expect(errorLine([{ line: 3, code: 'invalid_json', message: 'invalid JSON: x' }])).toBe(
      '{"error":{"line":3,"code":"invalid_json","message":"invalid JSON: x"}}\n',
    );
    const two = JSON.parse(
      errorLine([
        { line: 4, code: 'invalid_instant', message: 'a' },
        { line: 6, code: 'invalid_type', message: 'b' },
      ]),
    );
    expect(two).toEqual({
      error: {
        line: 4,
        code: 'invalid_instant',
        message: 'a',
        issues: [
          { line: 4, code: 'invalid_instant', message: 'a' },
          { line: 6, code: 'invalid_type', message: 'b' },
        ],
      },
    });
  });
});
