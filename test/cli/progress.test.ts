import { describe, expect, test } from 'vitest';
import { Progress } from '../../src/cli/progress.js';

function fakeStderr(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (text: string) => writes.push(text) > 0 }, writes };
}

describe('Progress', () => {
  test('writes nothing when stderr is not a terminal', () => {
    const { stream, writes } = fakeStderr(false);
    let clockMs = 0;
    const progress = new Progress(stream, () => clockMs);
    for (clockMs = 0; clockMs < 10_000; clockMs += 100) progress.update(clockMs, clockMs, 0);
    progress.clear();
    expect(writes).toEqual([]);
  });

  test('on a terminal: quiet for the first second, then at most five updates a second on one line', () => {
    const { stream, writes } = fakeStderr(true);
    let clockMs = 0;
    const progress = new Progress(stream, () => clockMs);
    progress.update(10, 10, 0);
    clockMs = 900;
    progress.update(100, 90, 0);
    expect(writes).toEqual([]);
    clockMs = 2000;
    progress.update(4001, 4000, 1);
    clockMs = 2100;
    progress.update(4201, 4200, 1);
    expect(writes).toEqual(['\r\x1b[Ksla-clock: 4,001 lines, 4,000 tickets, 1 invalid, 2,000 tickets/s']);
    progress.clear();
    progress.clear();
    expect(writes.at(-1)).toBe('\r\x1b[K');
    expect(writes).toHaveLength(2);
  });
});
