import { errorOf as errorOfClass } from '@ds/testkit';
import { describe, expect, it } from 'vitest';
import {
  detectableDifference,
  explain,
  PROPORTIONS_METHODS,
  powerTwoProportions,
  SampleSizeError,
  sampleSizeTwoProportions,
  solveTwoProportions,
} from '../src/index.js';

/** Runs `fn`, expecting a SampleSizeError, and returns it. */
const errorOf = (fn: () => unknown): SampleSizeError => errorOfClass(fn, SampleSizeError);

describe('sampleSizeTwoProportions', () => {
  it('returns the smallest whole n whose power reaches the target, for every normal method', () => {
    for (const method of ['pooled', 'unpooled', 'arcsine', 'fleiss-cc', 'evan-miller'] as const) {
      for (const ratio of [1, 2, 0.5]) {
        const r = sampleSizeTwoProportions({ p1: 0.3, p2: 0.4, method, ratio });
        expect(r.power).toBeGreaterThanOrEqual(0.8);
        expect(r.n1).toBe(Math.ceil(r.n1Exact - 1e-9));
        // n2 keeps the ratio with n1 already whole; n2Min is the smallest n2 that reaches the power.
        expect(r.n2).toBe(Math.ceil(r.n1 * ratio - 1e-9));
        expect(r.n2Min).toBe(Math.ceil(r.n2Exact - 1e-9));
        expect(powerTwoProportions({ p1: 0.3, p2: 0.4, method, n1: r.n1Exact, n2: r.n2Exact }).power).toBeCloseTo(0.8, 10);
      }
    }
  });

  it('echoes every assumption it used, so a logged result reproduces the design', () => {
    const r = sampleSizeTwoProportions({ p1: 0.5, p2: 0.52 });
    expect(r).toMatchObject({
      method: 'pooled',
      alpha: 0.05,
      alternative: 'two-sided',
      ratio: 1,
      strict: false,
      hypothesis: 'superiority',
      margin: 0,
      targetPower: 0.8,
    });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(sampleSizeTwoProportions({ p1: 0.5, p2: 0.52, method: 'arcsine' }).strict).toBe(true);
  });

  it("'one-sided' tests in the direction of the effect; 'greater' and 'less' follow the sign of p1 − p2", () => {
    const up = sampleSizeTwoProportions({ p1: 0.5, p2: 0.55, alternative: 'one-sided' });
    const down = sampleSizeTwoProportions({ p1: 0.55, p2: 0.5, alternative: 'one-sided' });
    expect(up.n1).toBe(down.n1);
    expect(sampleSizeTwoProportions({ p1: 0.5, p2: 0.55, alternative: 'less' }).n1).toBe(up.n1);
    expect(sampleSizeTwoProportions({ p1: 0.55, p2: 0.5, alternative: 'greater' }).n1).toBe(down.n1);
    const wrongWay = errorOf(() => sampleSizeTwoProportions({ p1: 0.5, p2: 0.55, alternative: 'greater' }));
    expect(wrongWay.code).toBe('no-solution');
  });

  it('needs more people when the far tail is not counted (strict: false), never fewer', () => {
    const loose = sampleSizeTwoProportions({ p1: 0.2, p2: 0.35, strict: false });
    const strict = sampleSizeTwoProportions({ p1: 0.2, p2: 0.35, strict: true });
    expect(strict.n1Exact).toBeLessThanOrEqual(loose.n1Exact);
  });
});

describe('solveTwoProportions', () => {
  it('inverts itself: solving for any unknown gives back the design it came from', () => {
    const base = { p1: 0.25, p2: 0.32, n1: 700, n2: 900, alpha: 0.05, method: 'pooled' as const };
    const power = solveTwoProportions({ ...base, solve: 'power' }).power;
    expect(solveTwoProportions({ ...base, n2: undefined, power, solve: 'ratio' }).ratio).toBeCloseTo(900 / 700, 8);
    expect(solveTwoProportions({ ...base, n2: undefined, power, solve: 'n2' }).n2Exact).toBeCloseTo(900, 6);
    expect(solveTwoProportions({ ...base, p2: undefined, power, solve: 'p2' }).p2).toBeCloseTo(0.32, 10);
    const { alpha: _a, ...noAlpha } = base;
    expect(solveTwoProportions({ ...noAlpha, power, solve: 'alpha' }).alpha).toBeCloseTo(0.05, 10);
    const { p1: _p1, p2: _p2, ...noP } = base;
    const h = solveTwoProportions({ ...noP, method: 'arcsine', power: 0.8, solve: 'h' }).h as number;
    expect(solveTwoProportions({ ...noP, method: 'arcsine', h, solve: 'power' }).power).toBeCloseTo(0.8, 10);
  });

  it('refuses two unknowns, or an unknown that was also given', () => {
    expect(errorOf(() => solveTwoProportions({ solve: 'n', p1: 0.5, p2: 0.6, n1: 100 })).argument).toBe('n1');
    expect(errorOf(() => solveTwoProportions({ solve: 'power', p1: 0.5, p2: 0.6, n1: 100, power: 0.8 })).argument).toBe('power');
    expect(errorOf(() => solveTwoProportions({ solve: 'p2', p1: 0.5, p2: 0.6, n1: 100 })).argument).toBe('p2');
    expect(errorOf(() => solveTwoProportions({ solve: 'power', p1: 0.5, n1: 100 })).argument).toBe('p2');
    expect(errorOf(() => solveTwoProportions({ solve: 'power', p1: 0.5, p2: 0.6 })).argument).toBe('n1');
  });
});

describe('bad input', () => {
  const cases: [string, Parameters<typeof solveTwoProportions>[0], string, string][] = [
    ['p1 above 1', { solve: 'n', p1: 1.2, p2: 0.5 }, 'p1', 'p1 must be in [0, 1], got 1.2'],
    ['p2 negative', { solve: 'n', p1: 0.2, p2: -0.1 }, 'p2', 'p2 must be in [0, 1], got -0.1'],
    ['alpha of 0', { solve: 'n', p1: 0.2, p2: 0.3, alpha: 0 }, 'alpha', 'alpha must be in (0, 1), got 0'],
    ['power of 1', { solve: 'n', p1: 0.2, p2: 0.3, power: 1 }, 'power', 'power must be in (0, 1), got 1'],
    ['a ratio of 0', { solve: 'n', p1: 0.2, p2: 0.3, ratio: 0 }, 'ratio', 'ratio must be > 0, got 0'],
    ['n1 below 2', { solve: 'power', p1: 0.2, p2: 0.3, n1: 1 }, 'n1', 'n1 must be ≥ 2, got 1'],
    ['an unknown method', { solve: 'n', p1: 0.2, p2: 0.3, method: 'wald' as never }, 'method', 'method must be one of'],
    ['an unknown solve', { solve: 'beta' as never, p1: 0.2, p2: 0.3 }, 'solve', 'solve must be one of'],
    [
      'a fractional n for an exact method',
      { solve: 'power', p1: 0.2, p2: 0.3, n1: 20.5, method: 'exact-z' },
      'n1',
      'whole number',
    ],
    ['p1 = p2 in a superiority test', { solve: 'n', p1: 0.3, p2: 0.3 }, 'p2', 'different from p1'],
    [
      'both proportions at a boundary for a difference method',
      { solve: 'power', p1: 0, p2: 1, n1: 10, method: 'unpooled' },
      'p2',
      'both at a boundary',
    ],
    [
      'a margin with the arcsine method',
      { solve: 'n', p1: 0.3, p2: 0.4, method: 'arcsine', margin: 0.05 },
      'margin',
      "method 'arcsine'",
    ],
    ['non-inferiority without a margin', { solve: 'n', p1: 0.3, p2: 0.3, hypothesis: 'non-inferiority' }, 'margin', '> 0'],
    ['h with p1 and p2', { solve: 'n', h: 0.2, p1: 0.3, method: 'arcsine' }, 'h', 'without p1 and p2'],
    ['p1 = 0 with evan-miller', { solve: 'n', p1: 0, p2: 0.1, method: 'evan-miller' }, 'p1', "method 'evan-miller'"],
  ];
  for (const [name, options, argument, message] of cases) {
    it(`rejects ${name} with a SampleSizeError naming ${argument}`, () => {
      const error = errorOf(() => solveTwoProportions(options));
      expect(error.argument).toBe(argument);
      expect(error.message).toContain(message);
      expect(error.expected).toBeTypeOf('string');
    });
  }

  it('says there is no solution when no p2 up to 1 reaches the power', () => {
    const error = errorOf(() => detectableDifference({ p1: 0.5, n1: 5, power: 0.99 }));
    expect(error.code).toBe('no-solution');
    expect(error.message).toMatch(/no p2 in \(0.5, 1\] reaches power 0.99/);
  });

  it('says there is no solution when the power is already above the target at n = 2', () => {
    const error = errorOf(() => sampleSizeTwoProportions({ p1: 0.01, p2: 0.99, method: 'arcsine', power: 0.5 }));
    expect(error.code).toBe('no-solution');
    expect(error.message).toContain('at n1 = 2');
  });
});

describe('non-inferiority and equivalence', () => {
  it('non-inferiority needs fewer people the more the new arm is better, and reaches its power', () => {
    const same = sampleSizeTwoProportions({ p1: 0.8, p2: 0.8, hypothesis: 'non-inferiority', margin: 0.1 });
    const better = sampleSizeTwoProportions({ p1: 0.8, p2: 0.83, hypothesis: 'non-inferiority', margin: 0.1 });
    expect(better.n1).toBeLessThan(same.n1);
    expect(same.power).toBeGreaterThanOrEqual(0.8);
    expect(same).toMatchObject({ method: 'unpooled', hypothesis: 'non-inferiority', margin: 0.1 });
  });

  it('equivalence has no solution when the true difference is outside the margin', () => {
    const error = errorOf(() => sampleSizeTwoProportions({ p1: 0.5, p2: 0.6, hypothesis: 'equivalence', margin: 0.05 }));
    expect(error.code).toBe('no-solution');
    const ok = sampleSizeTwoProportions({ p1: 0.5, p2: 0.51, hypothesis: 'equivalence', margin: 0.05 });
    expect(ok.power).toBeGreaterThanOrEqual(0.8);
  });
});

describe('exact methods', () => {
  it('report the first n reaching the power and a robust n after which every n up to the horizon does', () => {
    for (const method of ['exact-z', 'exact-fisher'] as const) {
      const r = sampleSizeTwoProportions({ p1: 0.2, p2: 0.5, method, robustHorizon: 6 });
      const robust = r.n1Robust as number;
      expect(r.n1).toBeLessThanOrEqual(robust);
      expect(r.power).toBeGreaterThanOrEqual(0.8);
      for (let n = 2; n < r.n1; n++) expect(powerTwoProportions({ p1: 0.2, p2: 0.5, method, n1: n }).power).toBeLessThan(0.8);
      for (let n = robust; n <= robust + 6; n++)
        expect(powerTwoProportions({ p1: 0.2, p2: 0.5, method, n1: n }).power).toBeGreaterThanOrEqual(0.8);
      if (robust > r.n1) expect(powerTwoProportions({ p1: 0.2, p2: 0.5, method, n1: robust - 1 }).power).toBeLessThan(0.8);
    }
  });

  it("Fisher's exact test needs more people than its normal approximation, the exact z test about as many", () => {
    const pooled = sampleSizeTwoProportions({ p1: 0.3, p2: 0.5 }).n1;
    expect(sampleSizeTwoProportions({ p1: 0.3, p2: 0.5, method: 'exact-fisher' }).n1).toBeGreaterThan(pooled);
    expect(Math.abs(sampleSizeTwoProportions({ p1: 0.3, p2: 0.5, method: 'exact-z' }).n1 - pooled)).toBeLessThan(0.1 * pooled);
  });

  it('take proportions of 0 and 1', () => {
    expect(powerTwoProportions({ p1: 0, p2: 1, n1: 5, method: 'exact-fisher' }).power).toBe(1);
    expect(powerTwoProportions({ p1: 0, p2: 0.5, n1: 10, method: 'exact-z' }).power).toBeGreaterThan(0.5);
  });
});

describe('explain', () => {
  it('names the convention and the call that prints the same number in R or statsmodels', () => {
    const r = sampleSizeTwoProportions({ p1: 0.5, p2: 0.52, alternative: 'one-sided', power: 0.5 });
    expect(explain(r)).toContain(
      "power.prop.test(p1 = 0.5, p2 = 0.52, power = 0.5, sig.level = 0.05, alternative = 'one.sided')",
    );
    for (const method of PROPORTIONS_METHODS) {
      const text = explain(powerTwoProportions({ p1: 0.3, p2: 0.4, n1: 40, method }));
      expect(text.length).toBeGreaterThan(40);
      expect(text).toContain('power = ');
    }
  });
});
