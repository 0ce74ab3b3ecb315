import { seededRandom } from '@ds/testkit';
import { describe, expect, it } from 'vitest';
import { cuped, designEffect, ratioMetric, SampleSizeError } from '../src/index.js';

function normals(random: () => number): () => number {
  return () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

function variance(xs: number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
}

describe('cuped', () => {
  it('the adjusted metric Y − θX has (1 − ρ²) of the variance, by simulation (seeded)', () => {
    const z = normals(seededRandom('cuped'));
    const rho = 0.7;
    const n = 20_000;
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = z();
      x.push(a);
      y.push(rho * a + Math.sqrt(1 - rho * rho) * z());
    }
    const mx = x.reduce((s, v) => s + v, 0) / n;
    const my = y.reduce((s, v) => s + v, 0) / n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
      sxx += ((x[i] as number) - mx) ** 2;
    }
    const theta = sxy / sxx;
    const ratio = variance(y.map((v, i) => v - theta * ((x[i] as number) - mx))) / variance(y);
    // The sampling sd of a variance ratio near 0.51 from 20,000 draws is about 0.007.
    expect(Math.abs(ratio - cuped({ correlation: rho }).varianceFactor)).toBeLessThan(0.02);
  });

  it('rejects a correlation of 1 and a string', () => {
    expect(() => cuped({ correlation: 1 })).toThrow(SampleSizeError);
    expect(() => cuped({ correlation: '0.5' as never })).toThrow("correlation must be a number in (−1, 1), got '0.5' (a string)");
  });
});

describe('ratioMetric (delta method)', () => {
  it('predicts the spread of ΣN/ΣD over simulated experiments (seeded)', () => {
    const random = seededRandom('delta');
    const z = normals(random);
    const units = 250;
    const ratios: number[] = [];
    let last: { n: number[]; d: number[] } = { n: [], d: [] };
    for (let rep = 0; rep < 1000; rep++) {
      const n: number[] = [];
      const d: number[] = [];
      for (let i = 0; i < units; i++) {
        const sessions = 1 + Math.floor(random() * 6);
        d.push(sessions);
        n.push(Math.max(0, 0.3 * sessions + 0.5 * z()));
      }
      ratios.push(n.reduce((a, b) => a + b, 0) / d.reduce((a, b) => a + b, 0));
      last = { n, d };
    }
    const predicted = ratioMetric({ numerator: last.n, denominator: last.d }).unitVariance / units;
    const observed = variance(ratios);
    // 1,000 replicates: the observed variance has a relative sd of √(2/1000) ≈ 4.5%; 15% is 3.3 sd.
    expect(observed / predicted).toBeGreaterThan(0.85);
    expect(observed / predicted).toBeLessThan(1.15);
  });

  it('gives the same from moments and from arrays', () => {
    const numerator = [1, 4, 2, 8, 5];
    const denominator = [2, 5, 2, 9, 4];
    const a = ratioMetric({ numerator, denominator });
    const m = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    const cov = numerator.reduce((s, v, i) => s + (v - m(numerator)) * ((denominator[i] as number) - m(denominator)), 0) / 4;
    const b = ratioMetric({
      meanNumerator: m(numerator),
      meanDenominator: m(denominator),
      varianceNumerator: variance(numerator),
      varianceDenominator: variance(denominator),
      covariance: cov,
    });
    expect(a.unitVariance).toBeCloseTo(b.unitVariance, 12);
    expect(a.units).toBe(5);
  });

  it('rejects negative variances, unequal arrays and a zero denominator', () => {
    const base = { meanNumerator: 1, meanDenominator: 2, varianceNumerator: 1, varianceDenominator: 1, covariance: 0 };
    expect(() => ratioMetric({ ...base, varianceNumerator: -1 })).toThrow(/varianceNumerator must be a number ≥ 0/);
    expect(() => ratioMetric({ ...base, meanDenominator: 0 })).toThrow(/meanDenominator must be a mean other than 0/);
    expect(() => ratioMetric({ ...base, covariance: 2 })).toThrow(SampleSizeError);
    expect(() => ratioMetric({ numerator: [1, 2], denominator: [1] })).toThrow(SampleSizeError);
  });
});

describe('designEffect', () => {
  it('is 1 + (m − 1)·ICC, more with unequal clusters', () => {
    expect(designEffect({ clusterSize: 20, icc: 0.05 })).toBeCloseTo(1.95, 12);
    expect(designEffect({ clusterSize: 20, icc: 0 })).toBe(1);
    expect(designEffect({ clusterSize: 20, icc: 0.05, cv: 0.5 })).toBeCloseTo(2.2, 12);
  });

  it('rejects an ICC of 1', () => {
    expect(() => designEffect({ clusterSize: 20, icc: 1 })).toThrow('icc must be a number in [0, 1), got 1');
  });
});
