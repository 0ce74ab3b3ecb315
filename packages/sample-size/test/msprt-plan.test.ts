import { seededRandom } from '@ds/testkit';
import { describe, expect, it } from 'vitest';
import { crossingProbabilities } from '../src/group-sequential/integration.js';
import { MSPRT_MAX_LOOKS, msprt, msprtPlan, SampleSizeError } from '../src/index.js';
import { normalCdf } from '../src/normal.js';

/** Streams simulated with testkit's seeded random and run through msprt itself: share rejected by nMax and mean stopping n. */
function simulate(seed: string, effect: number, tau: number, nMax: number, streams: number) {
  const random = seededRandom(seed);
  let rejected = 0;
  let sum = 0;
  let sumSq = 0;
  for (let s = 0; s < streams; s++) {
    const xs = Array.from({ length: nMax }, () => random.normal(effect, 1));
    const r = msprt({ observations: xs, sigma: 1, tau });
    const n = r.firstRejection ?? nMax;
    if (r.firstRejection !== null) rejected++;
    sum += n;
    sumSq += n * n;
  }
  const p = rejected / streams;
  const mean = sum / streams;
  const sdMean = Math.sqrt((sumSq / streams - mean * mean) / streams);
  return { p, seP: Math.sqrt((p * (1 - p)) / streams), mean, sdMean };
}

describe('msprtPlan', () => {
  it('matches a seeded Monte Carlo of msprt on the same streams (power and E[N] within 3 SE), under H1 and H0', () => {
    const plan = msprtPlan({ effect: 0.25, sigma: 1, tau: 0.25, nMax: 150 });
    const h1 = simulate('msprt-plan-h1', 0.25, 0.25, 150, 2000);
    expect(Math.abs(plan.power - h1.p)).toBeLessThan(3 * h1.seP);
    expect(Math.abs(plan.expectedN.h1 - h1.mean)).toBeLessThan(3 * h1.sdMean);
    const h0 = simulate('msprt-plan-h0', 0, 0.25, 150, 2000);
    expect(Math.abs(plan.typeIError - h0.p)).toBeLessThan(3 * Math.max(h0.seP, 0.002));
    expect(Math.abs(plan.expectedN.h0 - h0.mean)).toBeLessThan(3 * h0.sdMean);
    expect(plan.typeIError).toBeLessThanOrEqual(0.05);
  });

  it('the bound is where msprt rejects: Λ_n = 1/α exactly on it', () => {
    const plan = msprtPlan({ effect: 0.3, sigma: 2, tau: 0.5, nMax: 40, alpha: 0.1 });
    for (const n of [1, 7, 40]) {
      const c = plan.bounds.z[n - 1] as number;
      // n observations whose mean puts Z_n just inside and just outside the bound
      const at = (f: number) =>
        msprt({ observations: Array(n).fill((f * c * 2) / Math.sqrt(n)), sigma: 2, tau: 0.5, alpha: 0.1 });
      expect(at(1 + 1e-9).likelihoodRatio).toBeGreaterThanOrEqual(10);
      expect(at(1 - 1e-9).likelihoodRatio).toBeLessThan(10);
    }
  });

  it('prices against the fixed z test of the same power, and looking less often lowers the power', () => {
    const plan = msprtPlan({ effect: 0.2, sigma: 1, tau: 0.2, nMax: 300 });
    const f = plan.fixed as { n: number; maxRatio: number; expectedRatio: number };
    // the fixed test's two-sided power at its n is the mSPRT's
    const z = 1.959963984540054;
    const s = Math.sqrt(f.n) * 0.2;
    const phi = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    expect(phi(s - z) + phi(-s - z)).toBeCloseTo(plan.power, 9);
    expect(f.maxRatio).toBeCloseTo(300 / f.n, 12);
    expect(f.expectedRatio).toBeCloseTo(plan.expectedN.h1 / f.n, 12);
    const sparse = msprtPlan({ effect: 0.2, sigma: 1, tau: 0.2, nMax: 300, lookEvery: 10 });
    expect(sparse.looks).toBe(30);
    expect(sparse.power).toBeLessThan(plan.power);
    expect(sparse.typeIError).toBeLessThan(plan.typeIError);
  });

  it('solves nMax for a power: the first look that reaches it, the same plan as asking for that nMax', () => {
    const p80 = msprtPlan({ effect: 0.2, sigma: 1, tau: 0.2, power: 0.8, lookEvery: 5 });
    expect(p80.nMax % 5).toBe(0);
    expect(p80.power).toBeGreaterThanOrEqual(0.8);
    const direct = msprtPlan({ effect: 0.2, sigma: 1, tau: 0.2, nMax: p80.nMax, lookEvery: 5 });
    expect(Math.abs(direct.power - p80.power)).toBeLessThan(1e-5);
    expect(Math.abs(direct.expectedN.h1 - p80.expectedN.h1)).toBeLessThan(1e-3);
    expect(Math.abs(direct.expectedN.h0 - p80.expectedN.h0)).toBeLessThan(1e-3);
    expect(msprtPlan({ effect: 0.2, sigma: 1, tau: 0.2, nMax: p80.nMax - 5, lookEvery: 5 }).power).toBeLessThan(0.8);
  });

  it('agrees with closed forms at one look and with the unrefined J&T grid at a few', () => {
    // the package's precise normal CDF (checked against R's pnorm elsewhere), not the integration's rational one
    const phi = normalCdf;
    const one = msprtPlan({ effect: 6, sigma: 1.5, tau: 0.8, nMax: 1 });
    const c = one.bounds.z[0] as number;
    const d = 6 / 1.5;
    expect(one.power).toBeCloseTo(phi(d - c) + phi(-d - c), 10);
    // absolute 1e-10: the integration's rational normal CDF is good to about 1e-11 absolute
    expect(one.typeIError).toBeCloseTo(2 * phi(-c), 10);
    // c_1 from Λ_1 = 1/α by hand: r = τ²/σ²
    const r = (0.8 / 1.5) ** 2;
    expect(c).toBeCloseTo(Math.sqrt(((1 + r) / r) * (Math.log(1 + r) - 2 * Math.log(0.05))), 12);
    const few = msprtPlan({ effect: 0.5, sigma: 1, tau: 0.5, nMax: 12, lookEvery: 4 });
    const t = few.bounds.n.map((n) => n / 12);
    const jt = crossingProbabilities(
      t,
      few.bounds.z.map((z) => -z),
      few.bounds.z,
      0.5 * Math.sqrt(12),
    );
    const sum = jt.upper.reduce((a, b) => a + b, 0) + jt.lower.reduce((a, b) => a + b, 0);
    expect(Math.abs(few.power - sum)).toBeLessThan(1e-7);
  });

  it('is symmetric in the sign of the effect, and looks last at nMax when lookEvery does not divide it', () => {
    const up = msprtPlan({ effect: 0.2, sigma: 1, tau: 0.3, nMax: 301, lookEvery: 10 });
    const down = msprtPlan({ effect: -0.2, sigma: 1, tau: 0.3, nMax: 301, lookEvery: 10 });
    expect(down.power).toBe(up.power);
    expect(up.looks).toBe(31);
    expect(up.bounds.n.at(-1)).toBe(301);
    expect(up.bounds.n.at(-2)).toBe(300);
    expect(up.expectedN.h1).toBeLessThan(up.expectedN.h0);
    expect(up.expectedN.h0).toBeLessThanOrEqual(301);
  });

  it('typed errors: options, strings, effect 0, the cap on looks', () => {
    expect(() => msprtPlan(null as never)).toThrow(SampleSizeError);
    expect(() => msprtPlan({ effect: '0.2' as never, sigma: 1, tau: 1, nMax: 10 })).toThrow(/a string/);
    expect(() => msprtPlan({ effect: 0, sigma: 1, tau: 1, nMax: 10 })).toThrow(/effect/);
    expect(() => msprtPlan({ effect: 0.1, sigma: 1, tau: 1, nMax: 10.5 })).toThrow(/nMax/);
    const tooMany = () => msprtPlan({ effect: 0.1, sigma: 1, tau: 1, nMax: MSPRT_MAX_LOOKS + 1 });
    expect(tooMany).toThrow(/lookEvery to at least 2/);
    expect(() => msprtPlan({ effect: 0.1, sigma: 1, tau: 1 })).toThrow(/nMax/);
    expect(() => msprtPlan({ effect: 0.1, sigma: 1, tau: 1, nMax: 10, power: 0.8 })).toThrow(/not both/);
    expect(() => msprtPlan({ effect: 0.1, sigma: 1, tau: 1, power: 0.04 })).toThrow(/power/);
    // 99.99% at d = 0.01 needs far more than 2,000 looks of one observation
    expect(() => msprtPlan({ effect: 0.01, sigma: 1, tau: 0.01, power: 0.9999 })).toThrow(/lookEvery to at least/);
    try {
      tooMany();
    } catch (e) {
      expect((e as SampleSizeError).code).toBe('too-large');
      expect((e as SampleSizeError).argument).toBe('nMax');
    }
  });
});

/** erf by its Maclaurin series (an independent check of the package's normal CDF; exact to ~1e-15 for |x| < 3). */
function erf(x: number): number {
  let sum = x;
  let term = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
