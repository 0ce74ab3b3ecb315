import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHundredths, hundredths } from '../src/pdf/decimal.js';

// The reference is the engine's own conversion, which the content streams used before.
describe('hundredths', () => {
  it('prints as String(Math.round(v * 100) / 100) does', () => {
    for (const [v, want] of [
      [0, '0'],
      [-0, '0'],
      [-0.001, '0'],
      [0.004, '0'],
      [0.005, '0.01'],
      [1.05, '1.05'],
      [2.5, '2.5'],
      [-0.05, '-0.05'],
      [-12.3, '-12.3'],
      [841.89, '841.89'],
      [1e15 + 0.5, String(Math.round((1e15 + 0.5) * 100) / 100)],
      [Number.NaN, '0'],
      [Number.POSITIVE_INFINITY, '0'],
    ] as const)
      expect(hundredths(v)).toBe(want);
  });

  it('agrees with the engine on seeded random doubles and integers', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e13, max: 1e13, noNaN: true }),
          fc.integer().map((n) => n / 7),
        ),
        (v) => {
          expect(hundredths(v)).toBe(String(Math.round(v * 100) / 100));
        },
      ),
      { seed: 20261207, numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.maxSafeInteger(), (r) => {
        expect(fromHundredths(r)).toBe(String(r / 100));
      }),
      { seed: 7, numRuns: 20_000 },
    );
  });
});
