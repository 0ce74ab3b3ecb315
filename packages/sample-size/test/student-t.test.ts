import { referenceVectors } from '@ds/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { logBeta, logGamma, tQuantileUpper } from '../src/student-t.js';

// student-t-r.json is written by reference/student-t.R: R's qt at random df in [0.5, 1e12]
// (log-uniform) and upper-tail p in [1e-12, 0.5], to 1e-12 relative.
describe("the Student-t upper quantile matches R's qt over the whole df range", () => {
  referenceVectors<{ p: number; df: number }>('./reference/student-t-r.json', ({ p, df }) => ({ t: tQuantileUpper(p, df) }));
});

describe('log B(a, b)', () => {
  it('agrees with log Γ sums where those do not cancel', () => {
    for (const [a, b] of [
      [0.5, 0.5],
      [3, 4.5],
      [12, 0.5],
      [15, 25],
    ] as const) {
      expect(logBeta(a, b)).toBeCloseTo(logGamma(a) + logGamma(b) - logGamma(a + b), 12);
    }
  });

  it('keeps its digits at a = 1.5e7, b = 1/2 (Stirling: log B → log Γ(1/2) − ½·log a)', () => {
    const a = 1.5e7;
    // log Γ(a + 1/2) − log Γ(a) = ½·log a − 1/(8a) + O(a⁻³)
    expect(logBeta(a, 0.5)).toBeCloseTo(0.5 * Math.log(Math.PI) - 0.5 * Math.log(a) + 1 / (8 * a), 14);
  });
});
