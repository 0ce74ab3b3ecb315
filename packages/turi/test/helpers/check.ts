import { expect } from 'vitest';

/** Equal to the precision printed for numbers, on the keys shown for objects. */
export function check(actual: unknown, expected: unknown, printed: string, label = printed): void {
  if (typeof expected === 'number') {
    const decimals = (printed.match(/\.(\d+)/)?.[1] ?? '').length;
    expect(typeof actual, label).toBe('number');
    expect(Math.abs((actual as number) - expected), `${label}: got ${actual}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
  } else if (Array.isArray(expected)) {
    const values = Array.from(actual as ArrayLike<unknown>);
    expect(values.length, label).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) check(values[i], expected[i], JSON.stringify(expected[i]), `${label} [${i}]`);
  } else if (expected !== null && typeof expected === 'object') {
    for (const [key, value] of Object.entries(expected))
      check((actual as Record<string, unknown>)[key], value, JSON.stringify(value), `${label} .${key}`);
  } else {
    expect(actual, label).toEqual(expected);
  }
}
