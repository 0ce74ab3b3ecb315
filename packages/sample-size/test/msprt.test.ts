import { seededRandom } from '@ds/testkit';
import { describe, expect, it } from 'vitest';
import { msprt, SampleSizeError } from '../src/index.js';

/** A standard normal draw from a seeded uniform source (Box–Muller). */
function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function stream(random: () => number, n: number, theta: number): number[] {
  return Array.from({ length: n }, () => theta + normal(random));
}

describe('mSPRT (Johari, Pekelis & Walsh)', () => {
  it('has the likelihood ratio of the paper at every n', () => {
    const xs = [0.8, 1.4, 0.3, 1.1, 0.9, 1.6, 0.2, 1.2];
    const r = msprt({ observations: xs, sigma: 2, tau: 0.5, theta0: 0.1 });
    let sum = 0;
    let p = 1;
    xs.forEach((x, i) => {
      sum += x;
      const n = i + 1;
      const d = sum / n - 0.1;
      const lambda = Math.sqrt(4 / (4 + n * 0.25)) * Math.exp((n * n * 0.25 * d * d) / (2 * 4 * (4 + n * 0.25)));
      p = Math.min(p, 1 / lambda);
      expect(r.pValues[i]).toBeCloseTo(Math.min(1, p), 12);
    });
  });

  it('keeps the type I error under continuous monitoring and covers θ at every n (seeded)', () => {
    // 2,000 streams of 400 observations, looked at after every one: under θ0 the share that ever
    // rejects at 5% is at most 5% (plus three standard errors of the simulation); under θ = 0.3
    // the share whose confidence sequence ever misses 0.3 is too.
    const random = seededRandom(15);
    const runs = 2000;
    let rejected = 0;
    let missed = 0;
    for (let r = 0; r < runs; r++) {
      if (msprt({ observations: stream(random, 400, 0), sigma: 1, tau: 0.3 }).firstRejection !== null) rejected++;
      const cs = msprt({ observations: stream(random, 400, 0.3), sigma: 1, tau: 0.3 }).confidenceSequence;
      if (!(cs.lower <= 0.3 && 0.3 <= cs.upper)) missed++;
    }
    const bound = 0.05 + 3 * Math.sqrt((0.05 * 0.95) / runs);
    expect(rejected / runs).toBeLessThanOrEqual(bound);
    expect(missed / runs).toBeLessThanOrEqual(bound);
    // …while a fixed 5% z test looked at after every observation rejects far more often.
  });

  it('detects a real effect', () => {
    const random = seededRandom('msprt-power');
    let found = 0;
    for (let r = 0; r < 200; r++) if (msprt({ observations: stream(random, 400, 0.3), sigma: 1, tau: 0.3 }).rejected) found++;
    // Power by n = 400 at θ = 0.3σ is well above one half (a fixed test at n = 400 has 0.99).
    expect(found / 200).toBeGreaterThan(0.8);
  });

  it('refuses what it cannot read', () => {
    expect(() => msprt({ observations: [], sigma: 1, tau: 1 })).toThrow(SampleSizeError);
    expect(() => msprt({ observations: [1, '2' as never], sigma: 1, tau: 1 })).toThrow(/a string/);
    expect(() => msprt({ observations: [1], sigma: 0, tau: 1 })).toThrow(/sigma/);
    expect(() => msprt({ observations: [1], sigma: 1, tau: -1 })).toThrow(/tau/);
  });
});
