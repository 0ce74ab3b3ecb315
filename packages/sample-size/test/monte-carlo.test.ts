import { seededRandom } from '@ds/testkit';
import { describe, expect, it } from 'vitest';
import { powerTTest, powerTwoProportions } from '../src/index.js';
import { normalQuantile } from '../src/normal.js';
import { tQuantileUpper } from '../src/student-t.js';

// Simulation checks: draw many studies from the assumed design, run the test on each, and compare
// the share that rejects with the power reported, within four standard errors of the simulation.
const SIMULATIONS = 20_000;

function binomial(random: () => number, n: number, p: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) if (random() < p) x++;
  return x;
}

describe('reported power matches simulation (seeded)', () => {
  it('exact-z: the pooled two-sided z test at n1 = 120, n2 = 80', () => {
    const random = seededRandom(20261129);
    const [n1, n2, p1, p2] = [120, 80, 0.3, 0.45];
    const crit = normalQuantile(0.025, true);
    let rejected = 0;
    for (let s = 0; s < SIMULATIONS; s++) {
      const x1 = binomial(random, n1, p1);
      const x2 = binomial(random, n2, p2);
      const pbar = (x1 + x2) / (n1 + n2);
      const se = Math.sqrt(pbar * (1 - pbar) * (1 / n1 + 1 / n2));
      if (se > 0 && Math.abs(x1 / n1 - x2 / n2) / se >= crit) rejected++;
    }
    const simulated = rejected / SIMULATIONS;
    const reported = powerTwoProportions({ p1, p2, n1, n2, method: 'exact-z' }).power;
    const se = Math.sqrt((reported * (1 - reported)) / SIMULATIONS);
    expect(Math.abs(simulated - reported)).toBeLessThan(4 * se);
  });

  it("pooled (power.prop.test's normal approximation, both tails) at n1 = n2 = 400", () => {
    const random = seededRandom('pooled');
    const [n, p1, p2] = [400, 0.3, 0.38];
    const crit = normalQuantile(0.025, true);
    const runs = SIMULATIONS / 2;
    let rejected = 0;
    for (let s = 0; s < runs; s++) {
      const x1 = binomial(random, n, p1);
      const x2 = binomial(random, n, p2);
      const pbar = (x1 + x2) / (2 * n);
      const se = Math.sqrt((pbar * (1 - pbar) * 2) / n);
      if (Math.abs(x1 - x2) / n / se >= crit) rejected++;
    }
    const reported = powerTwoProportions({ p1, p2, n1: n, strict: true }).power;
    const se = Math.sqrt((reported * (1 - reported)) / runs);
    expect(Math.abs(rejected / runs - reported)).toBeLessThan(4 * se);
  });

  it('two-sample t test at n1 = 20, n2 = 30, d = 0.7', () => {
    const random = seededRandom('t-test');
    const [n1, n2, d] = [20, 30, 0.7];
    const power = powerTTest({ d, n1, n2 });
    // The package's t quantile (its powers match R to 1e-10 in the reference vectors).
    const crit = tQuantileUpper(0.025, n1 + n2 - 2);
    let rejected = 0;
    for (let s = 0; s < SIMULATIONS / 4; s++) {
      let s1 = 0;
      let q1 = 0;
      for (let i = 0; i < n1; i++) {
        const v = random.normal(d, 1);
        s1 += v;
        q1 += v * v;
      }
      let s2 = 0;
      let q2 = 0;
      for (let i = 0; i < n2; i++) {
        const v = random.normal(0, 1);
        s2 += v;
        q2 += v * v;
      }
      const m1 = s1 / n1;
      const m2 = s2 / n2;
      const pooled = (q1 - n1 * m1 * m1 + q2 - n2 * m2 * m2) / (n1 + n2 - 2);
      const t = (m1 - m2) / Math.sqrt(pooled * (1 / n1 + 1 / n2));
      if (Math.abs(t) >= crit) rejected++;
    }
    const simulated = rejected / (SIMULATIONS / 4);
    const se = Math.sqrt((power.power * (1 - power.power)) / (SIMULATIONS / 4));
    expect(Math.abs(simulated - power.power)).toBeLessThan(4 * se);
  });
});
