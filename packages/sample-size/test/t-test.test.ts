import { describe, expect, it } from 'vitest';
import { explain, powerTTest, SampleSizeError, sampleSizeTTest, solveTTest } from '../src/index.js';

describe('sampleSizeTTest and powerTTest', () => {
  it('paired and one-sample tests count observations; two-sample tests count people in each group', () => {
    const two = sampleSizeTTest({ d: 0.5 });
    const paired = sampleSizeTTest({ d: 0.5, type: 'paired' });
    expect(two.total).toBe(2 * two.n1);
    expect(paired.total).toBe(paired.n1);
    expect(paired.n1).toBeLessThan(two.n1);
    expect(sampleSizeTTest({ d: 0.5, type: 'one-sample' }).n1).toBe(paired.n1);
  });

  it('reaches the target at the rounded n and not below it', () => {
    for (const ratio of [1, 1.5, 0.4]) {
      const r = sampleSizeTTest({ d: 0.35, ratio, alternative: 'greater' });
      expect(r.power).toBeGreaterThanOrEqual(0.8);
      expect(powerTTest({ d: 0.35, n1: r.n1Exact, n2: r.n2Exact, alternative: 'greater' }).power).toBeCloseTo(0.8, 10);
    }
  });

  it('solves for alpha and n2, and inverts its own power', () => {
    const power = powerTTest({ d: 0.4, n1: 60, n2: 90 }).power;
    expect(solveTTest({ solve: 'n2', d: 0.4, n1: 60, power }).n2Exact).toBeCloseTo(90, 6);
    expect(solveTTest({ solve: 'alpha', d: 0.4, n1: 60, n2: 90, power }).alpha).toBeCloseTo(0.05, 10);
  });

  it('rejects bad input with a SampleSizeError naming the argument', () => {
    expect(() => sampleSizeTTest({ d: 0 })).toThrow(SampleSizeError);
    expect(() => sampleSizeTTest({ d: 0 })).toThrow('d must be non-zero, got 0');
    expect(() => sampleSizeTTest({ d: 0.5, alpha: 1.5 })).toThrow('alpha must be in (0, 1), got 1.5');
    expect(() => powerTTest({ d: 0.5, n1: 1 })).toThrow('n1 must be ≥ 2, got 1');
    expect(() => powerTTest({ d: 0.5, n1: 10, n2: 10, type: 'paired' })).toThrow(/n2 must be used only with type 'two-sample'/);
    expect(() => sampleSizeTTest({ d: 0.5, type: 'three-sample' as never })).toThrow(/type must be one of/);
    expect(() => sampleSizeTTest({ d: -0.5, alternative: 'greater' })).toThrow(
      /no n1 up to the search cap of 1000000000000 reaches power 0.8: the power at n1 = 1000000000000 is /,
    );
  });

  it('explains itself with the pwr call that prints the same number', () => {
    expect(explain(powerTTest({ d: 0.6, n1: 30, n2: 45 }))).toContain(
      "pwr.t2n.test(n1 = 30, n2 = 45, d = 0.6, sig.level = 0.05, alternative = 'two.sided')",
    );
  });
});
