import { seededRandom } from '@ds/testkit';
import { referenceVectors } from '@ds/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { manyToOneCriticalValue, manyToOnePower, SampleSizeError, sampleSizeManyToOne } from '../src/index.js';

// many-to-one-scipy.json is written by reference/many-to-one.py: 150 random designs (1 to 8 arms,
// equal, common or per-arm allocation, one- and two-sided, known variance or t with 3 to 119 df),
// each with Dunnett's and Bonferroni's bounds and the powers at a random shift per arm.
interface Inputs {
  arms: number;
  alpha: number;
  alternative: 'one-sided' | 'two-sided';
  ratio: number | number[];
  shift: number[];
  df?: number;
}

describe('many-to-one comparisons against SciPy', () => {
  referenceVectors<Inputs>('./reference/many-to-one-scipy.json', (inputs) => {
    const dunnett = manyToOnePower(inputs);
    const bonferroni = manyToOnePower({ ...inputs, method: 'bonferroni' });
    const out: Record<string, number> = {
      dunnett: dunnett.criticalValue,
      bonferroni: bonferroni.criticalValue,
      anyArmDunnett: dunnett.anyArm,
      anyArmBonferroni: bonferroni.anyArm,
    };
    if (inputs.alternative === 'one-sided') out.allArmsDunnett = dunnett.allArms;
    return out;
  });
});

/** A standard normal draw from a seeded uniform source (Box–Muller). */
function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

describe('many-to-one: seeded simulation', () => {
  it('the familywise error of Dunnett is alpha and the powers are the simulated shares', () => {
    // Three arms with allocation 1, 1 and 2 to the control, two-sided 5%: simulate the control's
    // mean and each arm's, form the z statistics, count rejections.
    const random = seededRandom(15);
    const ratios = [1, 1, 2];
    const n0 = 50;
    const runs = 20_000;
    const effect = [0, 0.45, 0.45];
    const bound = manyToOneCriticalValue({ arms: 3, ratio: ratios }).criticalValue;
    const plan = manyToOnePower({
      arms: 3,
      ratio: ratios,
      shift: effect.map((e, i) => e / Math.sqrt(1 / (n0 * (ratios[i] as number)) + 1 / n0)),
    });
    let anyNull = 0;
    let anyArm = 0;
    for (let r = 0; r < runs; r++) {
      const control = normal(random) / Math.sqrt(n0);
      let rejectedNull = false;
      let rejected = false;
      for (let i = 0; i < 3; i++) {
        const ni = n0 * (ratios[i] as number);
        const se = Math.sqrt(1 / ni + 1 / n0);
        const noise = normal(random) / Math.sqrt(ni);
        if (Math.abs((noise - control) / se) >= bound) rejectedNull = true;
        if (Math.abs((effect[i] as number) + noise - control) / se >= bound) rejected = true;
      }
      if (rejectedNull) anyNull++;
      if (rejected) anyArm++;
    }
    const check = (share: number, p: number) => expect(Math.abs(share - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / runs));
    check(anyNull / runs, 0.05);
    check(anyArm / runs, plan.anyArm);
  });

  it('the sample size reaches its power for any arm and for all arms (one-sided)', () => {
    const random = seededRandom('many-to-one');
    for (const goal of ['any', 'all'] as const) {
      const plan = sampleSizeManyToOne({ arms: 2, d: [0.4, 0.5], alternative: 'one-sided', alpha: 0.025, goal });
      expect(goal === 'any' ? plan.anyArm : plan.allArms).toBeGreaterThanOrEqual(0.8);
      const runs = 10_000;
      let hits = 0;
      for (let r = 0; r < runs; r++) {
        const control = normal(random) / Math.sqrt(plan.control);
        let count = 0;
        plan.perArm.forEach((n, i) => {
          const z = ([0.4, 0.5][i] as number) + normal(random) / Math.sqrt(n) - control;
          if (z / Math.sqrt(1 / n + 1 / plan.control) >= plan.criticalValue) count++;
        });
        if (goal === 'any' ? count > 0 : count === 2) hits++;
      }
      const p = goal === 'any' ? plan.anyArm : plan.allArms;
      expect(Math.abs(hits / runs - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / runs));
    }
  });
});

describe('many-to-one: what the tables say', () => {
  it("matches Dunnett's (1955) two-sided table and the t quantile for one arm", () => {
    expect(manyToOneCriticalValue({ arms: 3 }).criticalValue).toBeCloseTo(2.349, 3);
    expect(manyToOneCriticalValue({ arms: 3, df: 60 }).criticalValue).toBeCloseTo(2.41, 2);
    // One arm: Dunnett is the single comparison (t with 20 df, two-sided 5%: R qt(0.975, 20)).
    expect(manyToOneCriticalValue({ arms: 1, df: 20 }).criticalValue).toBeCloseTo(2.085963447265837, 9);
    // Bonferroni is never below Dunnett.
    for (const arms of [2, 5, 10]) {
      const d = manyToOneCriticalValue({ arms }).criticalValue;
      expect(manyToOneCriticalValue({ arms, method: 'bonferroni' }).criticalValue).toBeGreaterThan(d);
    }
  });

  it('plans for an estimated variance with a little more than a known one', () => {
    // Budget: the t version integrates over the variance too (about 100 two-dimensional integrals).
    const known = sampleSizeManyToOne({ arms: 2, d: 0.5 });
    const estimated = sampleSizeManyToOne({ arms: 2, d: 0.5, estimatedVariance: true });
    expect(estimated.control).toBeGreaterThanOrEqual(known.control);
    expect(estimated.control - known.control).toBeLessThanOrEqual(2);
    expect(estimated.df).toBe(estimated.total - 3);
    expect(estimated.anyArm).toBeGreaterThanOrEqual(0.8);
  }, 10_000);

  it('refuses what it cannot plan', () => {
    expect(() => manyToOneCriticalValue({ arms: 51 })).toThrow(SampleSizeError);
    expect(() => manyToOneCriticalValue({ arms: 2, ratio: [1] })).toThrow(/one ratio per arm/);
    expect(() => manyToOnePower({ arms: 2, shift: [1] })).toThrow(/2 expected z values/);
    expect(() => sampleSizeManyToOne({ arms: 2, d: [0.3, 0], goal: 'all' })).toThrow(/every arm/);
    expect(() => sampleSizeManyToOne({ arms: 2, d: '0.3' as never })).toThrow(/a string/);
  });
});
