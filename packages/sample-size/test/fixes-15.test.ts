import { describe, expect, it } from 'vitest';
import { powerTTest, powerTwoProportions, SampleSizeError, sampleSizeTTest, sampleSizeTwoProportions } from '../src/index.js';
import { roundUp } from '../src/root.js';

// Regressions pinned by issue #15 ("Fixes first"), each named after what was wrong.

describe('rounding up above 1e7 per group', () => {
  it('never returns a group size below n1Exact, however large', () => {
    for (const x of [1e7 + 0.3, 3.21e11 + 0.5, 9.99e11 + 0.9999, 123456789.00001]) {
      expect(roundUp(x)).toBeGreaterThanOrEqual(x);
      expect(roundUp(x) - x).toBeLessThan(1);
    }
  });

  it('forgives only floating noise (at most 1e-6 of a person): 0.1 × 30 is 3, not 4', () => {
    expect(roundUp(0.1 * 30)).toBe(3);
    expect(roundUp(3 + 2e-6)).toBe(4);
    expect(roundUp(123456789 + 2e-6)).toBe(123456790);
  });

  it('gives n1 ≥ n1Exact at a difference of 3.5e-6 (about 3e11 per group)', () => {
    const r = sampleSizeTwoProportions({ p1: 0.5, p2: 0.5 + 3.5e-6 });
    expect(r.n1Exact).toBeGreaterThan(1e11);
    expect(r.n1).toBeGreaterThanOrEqual(r.n1Exact);
    expect(r.n1 - r.n1Exact).toBeLessThan(1);
    expect(r.n2).toBe(r.n1);
  });

  it('gives the t test n1 ≥ n1Exact at d = 1e-5', () => {
    const r = sampleSizeTTest({ d: 1e-5 });
    expect(r.n1).toBeGreaterThanOrEqual(r.n1Exact);
    expect(r.n1 - r.n1Exact).toBeLessThan(1);
    expect(r.power).toBeGreaterThanOrEqual(0.8);
    expect(powerTTest({ d: 1e-5, n1: r.n1 - 1 }).power).toBeLessThan(0.8);
  });
});

describe('the search cap', () => {
  it('says what the cap is and what the power is there', () => {
    let error: unknown;
    try {
      sampleSizeTwoProportions({ p1: 0.5, p2: 0.5 + 1e-9 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SampleSizeError);
    expect((error as SampleSizeError).code).toBe('no-solution');
    expect((error as Error).message).toMatch(
      /^no n1 up to the search cap of 1000000000000 reaches power 0.8: the power at n1 = 1000000000000 is 0\.0\d+$/,
    );
  });
});

describe('p1 = 0, p2 = 1 with the pooled method', () => {
  it('has a pooled null variance of 0.25, so it has a power (1 from n = 2 on)', () => {
    // z = 1 / √(0.25 · 2/n) ≥ 1.96 from n = 2 on, and the H1 variance is 0.
    expect(powerTwoProportions({ p1: 0, p2: 1, n1: 10 }).power).toBe(1);
    expect(() => sampleSizeTwoProportions({ p1: 0, p2: 1 })).toThrow(/power is already 1 at n1 = 2/);
  });

  it('is still refused by the Wald method, whose variance is 0 under both hypotheses', () => {
    expect(() => powerTwoProportions({ p1: 0, p2: 1, n1: 10, method: 'unpooled' })).toThrow(
      /both at a boundary leave no variance/,
    );
  });
});

describe('n2 keeps the ratio asked for', () => {
  it('is ⌈ratio × n1⌉ with n1 rounded up first: Fleiss p1 = 0.05, p2 = 0.15, ratio 3 gives 114 and 342', () => {
    const r = sampleSizeTwoProportions({ p1: 0.05, p2: 0.15, ratio: 3, method: 'fleiss-cc' });
    expect(r).toMatchObject({ n1: 114, n2: 342, total: 456, n2Min: 340 });
  });

  it('holds for the t test too', () => {
    const r = sampleSizeTTest({ d: 0.3, ratio: 2 });
    expect(r.n2).toBe(2 * r.n1);
    expect(r.n2Min).toBeLessThanOrEqual(r.n2);
  });
});
