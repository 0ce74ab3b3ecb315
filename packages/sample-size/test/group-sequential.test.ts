import { errorOf as errorOfClass, seededRandom } from '@ds/testkit';
import { describe, expect, it } from 'vitest';
import {
  explain,
  type GroupSequentialDesign,
  type GroupSequentialOptions,
  groupSequentialDesign,
  groupSequentialInterim,
  SampleSizeError,
  sampleSizeGroupSequential,
} from '../src/index.js';
import { normalCdf } from '../src/normal.js';

const errorOf = (fn: () => unknown): SampleSizeError => errorOfClass(fn, SampleSizeError);

/** Standard normal draws by Box–Muller from a seeded uniform source. */
function normals(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/**
 * Simulates the z statistics of `runs` trials at drift theta (independent increments) and returns
 * the share that cross an efficacy bound (upper only, or either side when two-sided), stopping at
 * futility bounds when `obeyFutility`.
 */
function simulateRejection(d: GroupSequentialDesign, theta: number, runs: number, seed: string, obeyFutility: boolean): number {
  const z = normals(seededRandom(seed));
  const t = d.informationRates;
  let rejected = 0;
  for (let r = 0; r < runs; r++) {
    let s = 0;
    let prev = 0;
    for (let k = 0; k < d.looks; k++) {
      const tk = t[k] as number;
      s += theta * (tk - prev) + Math.sqrt(tk - prev) * z();
      prev = tk;
      const zk = s / Math.sqrt(tk);
      const u = d.criticalValues[k] as number;
      if (zk >= u || (d.alternative === 'two-sided' && zk <= -u)) {
        if (zk >= u || theta === 0) rejected++;
        break;
      }
      if (d.alternative === 'two-sided' && zk <= -u) break;
      if (obeyFutility && d.futilityBounds && k < d.looks - 1 && zk <= (d.futilityBounds[k] as number)) break;
    }
  }
  return rejected / runs;
}

describe('type I error by simulation (seeded), within 3 standard errors of alpha', () => {
  const RUNS = 20_000;
  const cases: [string, GroupSequentialOptions, boolean][] = [
    ["O'Brien–Fleming, 4 looks", { looks: 4, design: 'obrien-fleming' }, false],
    ['Pocock, 5 looks, two-sided', { looks: 5, design: 'pocock', alternative: 'two-sided', alpha: 0.05 }, false],
    [
      'Wang–Tsiatis Δ = 0.3, unequal information',
      { looks: 3, design: 'wang-tsiatis', deltaWT: 0.3, informationRates: [0.3, 0.7, 1] },
      false,
    ],
    [
      'Lan–DeMets OF, 3 looks, two-sided',
      { looks: 3, design: 'lan-demets-obrien-fleming', alternative: 'two-sided', alpha: 0.05 },
      false,
    ],
    ['Lan–DeMets Pocock, 6 looks', { looks: 6, design: 'lan-demets-pocock' }, false],
    [
      'Kim–DeMets ρ = 2, non-binding beta spending (futility ignored)',
      { looks: 4, design: 'kim-demets', gamma: 2, futility: { betaSpending: 'kim-demets', gamma: 2 } },
      false,
    ],
    [
      'Hwang–Shih–DeCani γ = −2, binding beta spending (futility obeyed)',
      {
        looks: 4,
        design: 'hwang-shih-decani',
        gamma: -2,
        futility: { betaSpending: 'hwang-shih-decani', gamma: -2, binding: true },
      },
      true,
    ],
    [
      'Lan–DeMets OF with given binding futility bounds',
      { looks: 3, design: 'lan-demets-obrien-fleming', futility: { bounds: [0, 0.5], binding: true } },
      true,
    ],
  ];
  for (const [name, options, obey] of cases) {
    it(name, () => {
      const d = groupSequentialDesign(options);
      const rate = simulateRejection(d, 0, RUNS, name, obey);
      const se = Math.sqrt((d.alpha * (1 - d.alpha)) / RUNS);
      expect(Math.abs(rate - d.alpha)).toBeLessThan(3 * se);
    });
  }

  it('power at the design drift is the planned power (Kim–DeMets with binding futility)', () => {
    const d = groupSequentialDesign({
      looks: 4,
      design: 'kim-demets',
      gamma: 3,
      futility: { betaSpending: 'kim-demets', gamma: 2, binding: true },
    });
    const rate = simulateRejection(d, d.drift, RUNS, 'power', true);
    const se = Math.sqrt((0.8 * 0.2) / RUNS);
    expect(Math.abs(rate - 0.8)).toBeLessThan(3 * se);
  });
});

describe('groupSequentialDesign', () => {
  it("spends alpha as the spending function says, and the last bound's alpha adds up to alpha", () => {
    const d = groupSequentialDesign({ looks: 4, design: 'kim-demets', gamma: 2, alpha: 0.025 });
    d.informationRates.forEach((t, k) => {
      expect(d.alphaSpent[k]).toBeCloseTo(0.025 * t * t, 9);
    });
  });

  it('a one-look design is the fixed design', () => {
    const d = groupSequentialDesign({ looks: 1, design: 'pocock' });
    expect(d.criticalValues[0]).toBeCloseTo(1.959963985, 8);
    expect(d.inflationFactor).toBeCloseTo(1, 9);
  });

  it('two-sided bounds are symmetric: Pocock rejects at |z| ≥ c at every look', () => {
    const d = groupSequentialDesign({ looks: 3, design: 'pocock', alternative: 'two-sided', alpha: 0.05 });
    // Pocock (1977): c = 2.289 for three looks, two-sided 0.05
    for (const c of d.criticalValues) expect(c).toBeCloseTo(2.2895, 4);
  });

  it('expected sample sizes are below the maximum and ordered as the stopping rules make them', () => {
    const d = groupSequentialDesign({
      looks: 5,
      design: 'lan-demets-obrien-fleming',
      futility: { betaSpending: 'lan-demets-obrien-fleming' },
    });
    expect(d.expectedInformation.h1).toBeLessThan(1);
    expect(d.expectedInformation.h0).toBeLessThan(d.expectedInformation.h1);
    for (const p of [d.stoppingProbabilities.h0, d.stoppingProbabilities.h1])
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it.each([
    ['looks beyond 20', { looks: 21, design: 'pocock' }, 'looks', 'out-of-range'],
    ['fractional looks', { looks: 2.5, design: 'pocock' }, 'looks', 'out-of-range'],
    [
      'information rates not increasing',
      { looks: 3, design: 'pocock', informationRates: [0.5, 0.4, 1] },
      'informationRates',
      'out-of-range',
    ],
    [
      'information rates not ending at 1',
      { looks: 2, design: 'pocock', informationRates: [0.5, 0.9] },
      'informationRates',
      'out-of-range',
    ],
    ['one rate per look', { looks: 3, design: 'pocock', informationRates: [0.5, 1] }, 'informationRates', 'conflict'],
    ['a Kim–DeMets ρ of 0', { looks: 3, design: 'kim-demets', gamma: 0 }, 'gamma', 'out-of-range'],
    ['a Hwang–Shih–DeCani γ of 6', { looks: 3, design: 'hwang-shih-decani', gamma: 6 }, 'gamma', 'out-of-range'],
    ['gamma on a Pocock design', { looks: 3, design: 'pocock', gamma: 1 }, 'gamma', 'conflict'],
    ['deltaWT out of range', { looks: 3, design: 'wang-tsiatis', deltaWT: 2 }, 'deltaWT', 'out-of-range'],
    [
      'beta spending on a Wang–Tsiatis design',
      { looks: 3, design: 'obrien-fleming', futility: { betaSpending: 'kim-demets' } },
      'futility.betaSpending',
      'conflict',
    ],
    [
      'beta spending two-sided',
      { looks: 3, design: 'kim-demets', alternative: 'two-sided', futility: { betaSpending: 'kim-demets' } },
      'futility.betaSpending',
      'conflict',
    ],
    [
      'futility bounds of the wrong length',
      { looks: 3, design: 'pocock', futility: { bounds: [0] } },
      'futility.bounds',
      'invalid-type',
    ],
    ['an unknown design', { looks: 3, design: 'haybittle' }, 'design', 'out-of-range'],
    ['alpha as a string', { looks: 3, design: 'pocock', alpha: '0.025' }, 'alpha', 'invalid-type'],
    ['alpha of 0.5 one-sided', { looks: 3, design: 'pocock', alpha: 0.5 }, 'alpha', 'out-of-range'],
  ] as const)('rejects %s with a SampleSizeError naming the argument', (_name, options, argument, code) => {
    const e = errorOf(() => groupSequentialDesign(options as unknown as GroupSequentialOptions));
    expect(e.argument).toBe(argument);
    expect(e.code).toBe(code);
  });

  it('says a string is a string', () => {
    expect(errorOf(() => groupSequentialDesign({ looks: 3, design: 'pocock', alpha: '0.025' as never })).message).toBe(
      "alpha must be a number in (0, 0.5), got '0.025' (a string)",
    );
  });

  it('checks the options object', () => {
    for (const bad of [undefined, null, [], 'pocock', 3]) {
      expect(errorOf(() => groupSequentialDesign(bad as never)).argument).toBe('options');
    }
    expect(errorOf(() => groupSequentialDesign({ looks: 3, design: 'kim-demets', futility: null as never })).argument).toBe(
      'futility',
    );
  });
});

describe('sampleSizeGroupSequential', () => {
  it('is the fixed pooled total times the inflation factor, with the groups in the ratio', () => {
    const design = groupSequentialDesign({ looks: 3, design: 'pocock' });
    const plan = sampleSizeGroupSequential({ design, p1: 0.2, p2: 0.3, ratio: 2 });
    expect(plan.totalMaxExact).toBeCloseTo(plan.totalFixed * design.inflationFactor, 9);
    expect(plan.n2Max).toBe(2 * plan.n1Max);
    expect(plan.totalPerLook[2]).toBeCloseTo(plan.totalMaxExact, 9);
  });

  it('takes the design options in place of a solved design', () => {
    const a = sampleSizeGroupSequential({ design: { looks: 2, design: 'obrien-fleming' }, d: 0.4 });
    const b = sampleSizeGroupSequential({ design: groupSequentialDesign({ looks: 2, design: 'obrien-fleming' }), d: 0.4 });
    expect(a.totalMaxExact).toBe(b.totalMaxExact);
  });

  it.each([
    ['p1 = p2', { p1: 0.2, p2: 0.2 }, 'p2'],
    ['p and d together', { p1: 0.2, p2: 0.3, d: 0.5 }, 'd'],
    ['d = 0', { d: 0 }, 'd'],
    ['p2 missing', { p1: 0.2 }, 'p2'],
    ['a ratio of 0', { p1: 0.2, p2: 0.3, ratio: 0 }, 'ratio'],
  ] as const)('rejects %s', (_name, effect, argument) => {
    expect(errorOf(() => sampleSizeGroupSequential({ design: { looks: 2, design: 'pocock' }, ...effect })).argument).toBe(
      argument,
    );
  });
});

describe('groupSequentialInterim', () => {
  const design = groupSequentialDesign({
    looks: 3,
    design: 'lan-demets-obrien-fleming',
    futility: { betaSpending: 'lan-demets-obrien-fleming' },
  });

  it('rejects above the bound, stops for futility below it, continues between', () => {
    const u = design.criticalValues[0] as number;
    const l = (design.futilityBounds as number[])[0] as number;
    expect(groupSequentialInterim({ design, look: 1, z: u + 0.01 }).decision).toBe('reject');
    expect(groupSequentialInterim({ design, look: 1, z: l - 0.01 }).decision).toBe('stop-for-futility');
    expect(groupSequentialInterim({ design, look: 1, z: (u + l) / 2 }).decision).toBe('continue');
    expect(groupSequentialInterim({ design, look: 3, z: 1 }).decision).toBe('do-not-reject');
  });

  it('gives the closed form when one look is left: Φ((θΔ + z√t₂ − u₃)/√Δ)', () => {
    const d = groupSequentialDesign({ looks: 3, design: 'pocock' });
    for (const z of [-1, 0.5, 1.8]) {
      const cp = groupSequentialInterim({ design: d, look: 2, z }).conditionalPower;
      const theta = d.drift;
      const closed = normalCdf((theta / 3 + z * Math.sqrt(2 / 3) - (d.criticalValues[2] as number)) / Math.sqrt(1 / 3));
      expect(cp?.planned).toBeCloseTo(closed, 12);
    }
  });

  it('agrees with simulation when two looks are left (seeded)', () => {
    const d = groupSequentialDesign({ looks: 3, design: 'obrien-fleming' });
    const z1 = 1.2;
    const cp = groupSequentialInterim({ design: d, look: 1, z: z1 }).conditionalPower?.planned as number;
    const draw = normals(seededRandom('conditional power'));
    const runs = 20_000;
    let hits = 0;
    for (let r = 0; r < runs; r++) {
      let s = z1 * Math.sqrt(1 / 3);
      s += d.drift / 3 + Math.sqrt(1 / 3) * draw();
      if (s / Math.sqrt(2 / 3) >= (d.criticalValues[1] as number)) {
        hits++;
        continue;
      }
      s += d.drift / 3 + Math.sqrt(1 / 3) * draw();
      if (s >= (d.criticalValues[2] as number)) hits++;
    }
    expect(Math.abs(hits / runs - cp)).toBeLessThan(3 * Math.sqrt((cp * (1 - cp)) / runs));
  });

  it('gives the repeated confidence interval estimate ± bound × se', () => {
    const r = groupSequentialInterim({ design, look: 2, z: 1, estimate: 0.5, standardError: 0.2 });
    const u = design.criticalValues[1] as number;
    expect(r.repeatedConfidenceInterval).toEqual({ lower: 0.5 - u * 0.2, upper: 0.5 + u * 0.2, level: 0.95 });
  });

  it('rejects a look outside the design, a string z and a standard error of 0', () => {
    expect(errorOf(() => groupSequentialInterim({ design, look: 4, z: 1 })).argument).toBe('look');
    expect(errorOf(() => groupSequentialInterim({ design, look: 1, z: '1' as never })).message).toMatch(/got '1' \(a string\)/);
    expect(errorOf(() => groupSequentialInterim({ design, look: 1, z: 1, estimate: 1, standardError: 0 })).argument).toBe(
      'standardError',
    );
  });
});

describe('explain', () => {
  it('names the bounds, the inflation factor and the rpact call', () => {
    const d = groupSequentialDesign({
      looks: 3,
      design: 'kim-demets',
      gamma: 2,
      futility: { betaSpending: 'kim-demets', gamma: 2, binding: true },
    });
    const text = explain(d);
    expect(text).toContain('getDesignGroupSequential(kMax = 3, typeOfDesign = "asKD", alpha = 0.025, beta = 0.2, gammaA = 2');
    expect(text).toContain('typeBetaSpending = "bsKD", gammaB = 2, bindingFutility = TRUE)');
    expect(explain(sampleSizeGroupSequential({ design: d, p1: 0.1, p2: 0.15 }))).toContain(
      'getSampleSizeRates(design, pi1 = 0.15, pi2 = 0.1)',
    );
    expect(explain(groupSequentialInterim({ design: d, look: 1, z: 3.5 }))).toMatch(
      /^Look 1 of 3: z = 3.5 against the bound [\d.]+ and the futility bound -?[\d.]+, so reject H0\./,
    );
  });
});
