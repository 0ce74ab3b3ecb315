import { referenceVectors } from '@ds/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { meanMetric, minimumDetectableLift, SampleSizeError, sampleSizeForLift } from '../src/index.js';

// lift-r.json is written by reference/lift.R: 40 random designs, half proportions
// (power.prop.test), half means (power.t.test), each with the minimum detectable relative lift at
// a given n and the n for a given lift, solved by R to 1e-12.
interface Inputs {
  metric: 'proportion' | 'mean';
  baseline: number;
  sd?: number;
  n1: number;
  alpha: number;
  power: number;
  lift: number;
}

describe('relative lifts against R', () => {
  referenceVectors<Inputs>('./reference/lift-r.json', ({ lift, n1, ...design }) => ({
    relative: minimumDetectableLift({ ...design, n1 }).relative,
    n1Exact: sampleSizeForLift({ ...design, lift }).n1Exact,
  }));
});

describe('mean metrics from observed values', () => {
  it('keeps its digits on a large mean (compensated sum, two passes)', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1e9 + (i % 10));
    const m = meanMetric({ values });
    expect(m.mean).toBe(1e9 + 4.5);
    // sd of 0..9 repeated 100 times, n − 1 denominator
    expect(m.sd).toBeCloseTo(Math.sqrt((8.25 * 1000) / 999), 9);
  });

  it('plans from values as from their mean and sd', () => {
    const values = [12, 15, 9, 14, 10, 11, 13];
    const m = meanMetric({ values });
    const fromValues = sampleSizeForLift({ metric: 'mean', values, lift: 0.08 });
    const fromSummary = sampleSizeForLift({ metric: 'mean', baseline: m.mean, sd: m.sd, lift: 0.08 });
    expect(fromValues.n1).toBe(fromSummary.n1);
  });

  it('refuses what it cannot read', () => {
    expect(() => meanMetric({ values: [1] })).toThrow(SampleSizeError);
    expect(() => meanMetric({ values: [1, '2' as never] })).toThrow(/a string/);
    expect(() => sampleSizeForLift({ metric: 'mean', values: [3, 3, 3], lift: 0.1 })).toThrow(/sd > 0/);
    expect(() => sampleSizeForLift({ metric: 'proportion', baseline: 0.6, lift: 1 })).toThrow(/in \(0, 1\)/);
    expect(() => sampleSizeForLift({ metric: 'mean', baseline: 0, sd: 1, lift: 0.1 })).toThrow(/other than 0/);
  });
});
