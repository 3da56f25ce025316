/** `SlaValidationError` built by a host: its one argument is checked like any other (issue 7, D4). */
import { describe, expect, test } from 'vitest';
import { isSlaValidationError, SlaValidationError } from '../src/index.js';

describe('new SlaValidationError(issues)', () => {
  test('builds from issues, with their messages one per line', () => {
    const error = new SlaValidationError([
      { code: 'invalid_value', path: ['a'], message: 'a: bad' },
      { code: 'invalid_type', path: [], message: 'b: worse' },
    ]);
    expect(error.message).toBe('a: bad\nb: worse');
    expect(isSlaValidationError(error)).toBe(true);
  });

  test.each([
    [undefined, 'issues: expected an array of issues'],
    ['a: bad', 'issues: expected an array of issues'],
    [[null], 'issues[0]: expected an array of issues'],
    [[{ code: 'invalid_value', path: [], message: 5 }], 'issues[0]: expected an array of issues'],
  ])('%j is refused with an SlaValidationError naming issues, not a TypeError', (issues, start) => {
    try {
      new SlaValidationError(issues as never);
      expect.unreachable();
    } catch (error) {
      expect(isSlaValidationError(error)).toBe(true);
      expect((error as Error).message.startsWith(start)).toBe(true);
    }
  });
});
