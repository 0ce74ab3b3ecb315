import { errorOf as errorOfClass } from '@ds/testkit';
import { referenceVectors } from '@ds/testkit/vitest';
import { describe, expect, it } from 'vitest';
import {
  type PwrResult,
  SampleSizeError,
  solveAnova,
  solveChiSquare,
  solveCorrelation,
  solveNormalMean,
  solveOneProportion,
  solveRegression,
} from '../src/index.js';

// pwr-tests-r.json is written by reference/pwr-tests.R: 240 random designs over the six pwr
// functions, powers as pwr prints them and unknowns solved with uniroot(tol = 1e-12).
const BY_TEST: Record<string, (o: never) => PwrResult> = {
  p: solveOneProportion,
  norm: solveNormalMean,
  r: solveCorrelation,
  chisq: solveChiSquare,
  anova: solveAnova,
  f2: solveRegression,
};

describe('the rest of pwr against R', () => {
  referenceVectors<{ test: string }>('./reference/pwr-tests-r.json', ({ test, ...options }) =>
    (BY_TEST[test] as (o: unknown) => PwrResult)(options),
  );
});

describe('solving', () => {
  it('finds the one argument left out, and a whole sample size that reaches the power', () => {
    const r = solveAnova({ k: 4, f: 0.25, power: 0.8 });
    expect(r.solve).toBe('n');
    expect(r.rounded).toBe(45);
    expect(solveAnova({ k: 4, f: 0.25, n: 45 }).power).toBeGreaterThanOrEqual(0.8);
    expect(solveAnova({ k: 4, f: 0.25, n: 44 }).power).toBeLessThan(0.8);
  });

  it('round-trips: the solved n gives back the power', () => {
    const n = solveCorrelation({ r: 0.25, power: 0.9, alternative: 'greater' }).n as number;
    expect(solveCorrelation({ r: 0.25, n, alternative: 'greater' }).power).toBeCloseTo(0.9, 12);
  });

  const errorOf = (fn: () => unknown): SampleSizeError => errorOfClass(fn, SampleSizeError);

  it.each([
    ['a correlation of 1', () => solveCorrelation({ r: 1, power: 0.8 }), 'r'],
    ['two unknowns', () => solveNormalMean({ d: 0.3 }), 'solve'],
    ['a string n', () => solveOneProportion({ h: 0.3, n: '50' as never }), 'n'],
    ['fractional df', () => solveChiSquare({ w: 0.3, df: 1.5, power: 0.8 }), 'df'],
    [
      'an alternative for an F test',
      () => solveRegression({ u: 2, f2: 0.1, power: 0.8, alternative: 'less' } as never),
      'alternative',
    ],
    ['a power no n reaches', () => solveOneProportion({ h: 0.3, power: 0.8, alpha: 0.05, alternative: 'less' }), 'power'],
    ['options null', () => solveAnova(null as never), 'options'],
  ])('rejects %s with a SampleSizeError naming the argument', (_name, fn, argument) => {
    expect(errorOf(fn).argument).toBe(argument);
  });
});
