// Power and sample size of t tests, with the noncentral t distribution as R's pwr.t.test and
// pwr.t2n.test use: under the alternative the statistic is noncentral t with
// ncp = d·√(n1·n2/(n1 + n2)) (two samples) or d·√n (one sample, or paired differences).

import { checkNumber, checkOptions } from './check.js';

/** Largest group size a t test takes. */
const MAX_T_GROUP_SIZE = 1e15;
/** Largest |d| a t test takes. */
const MAX_EFFECT_SIZE = 1e6;

import { checkAtLeast, checkOneOf, checkOpenUnit, noSolution, SampleSizeError } from './errors.js';
import { normalQuantile } from './normal.js';
import { brentRoot, roundUp, solveIncreasing, solveIncreasingNear } from './root.js';
import { noncentralTCdf, tQuantileUpper } from './student-t.js';
import type { Alternative } from './two-proportions.js';

/** 'two-sample' compares two independent means; 'one-sample' one mean with a constant; 'paired' the mean of differences. */
export type TTestType = 'two-sample' | 'one-sample' | 'paired';
/** The one argument {@link solveTTest} finds. */
export type TTestUnknown = 'n' | 'n2' | 'power' | 'd' | 'alpha';

const TYPES: readonly TTestType[] = ['two-sample', 'one-sample', 'paired'];
const ALTERNATIVES: readonly Alternative[] = ['two-sided', 'one-sided', 'greater', 'less'];
const UNKNOWNS: readonly TTestUnknown[] = ['n', 'n2', 'power', 'd', 'alpha'];

/** A t-test design; which fields are needed depends on what is solved. */
export interface TTestOptions {
  /** Cohen's d: the difference in means over the (common) standard deviation. Positive for 'greater'. */
  d?: number;
  /** Group 1 size, or the number of observations (pairs) for one-sample and paired tests. */
  n1?: number;
  /** Group 2 size (two-sample only); defaults to ratio × n1. */
  n2?: number;
  /** n2 / n1 (two-sample only). Default 1. */
  ratio?: number;
  /** Default 0.05. */
  alpha?: number;
  /** Target power when solving for something else. Default 0.8. */
  power?: number;
  /** Default 'two-sample'. */
  type?: TTestType;
  /** Default 'two-sided'; 'greater' means d > 0 is the alternative. */
  alternative?: Alternative;
  /** Count the far tail of a two-sided test, as pwr does. Default true. */
  strict?: boolean;
}

/** Options of {@link solveTTest}: the design plus the unknown. */
export interface SolveTTestOptions extends TTestOptions {
  solve: TTestUnknown;
}

/** A solved t-test design, echoing every assumption. */
export interface TTestResult {
  solve: TTestUnknown;
  type: TTestType;
  alternative: Alternative;
  strict: boolean;
  alpha: number;
  /** Power at the reported (rounded-up) sizes. */
  power: number;
  targetPower: number | null;
  d: number;
  n1: number;
  /** Equal to n1 for one-sample and paired tests, where it counts the same observations. */
  n2: number;
  /** People (or pairs) to recruit: n1 + n2 for two samples, n1 otherwise. */
  total: number;
  ratio: number;
  n1Exact: number;
  n2Exact: number;
  /** Two samples solved for n: the smallest n2 that reaches the power (n2 = ⌈ratio × n1⌉ may be larger). */
  n2Min?: number;
  /** Degrees of freedom at the reported sizes. */
  df: number;
  /** Noncentrality parameter at the reported sizes. */
  ncp: number;
}

interface TDesign {
  type: TTestType;
  alternative: Alternative;
  strict: boolean;
}

function dfAndNcp(t: TDesign, d: number, n1: number, n2: number): [number, number] {
  if (t.type === 'two-sample') return [n1 + n2 - 2, d / Math.sqrt(1 / n1 + 1 / n2)];
  return [n1 - 1, d * Math.sqrt(n1)];
}

function tPower(t: TDesign, d: number, n1: number, n2: number, alpha: number): number {
  const [df, ncp0] = dfAndNcp(t, d, n1, n2);
  switch (t.alternative) {
    case 'greater':
      return noncentralTCdf(tQuantileUpper(alpha, df), df, ncp0, true);
    case 'less':
      return noncentralTCdf(-tQuantileUpper(alpha, df), df, ncp0);
    case 'one-sided':
      return noncentralTCdf(tQuantileUpper(alpha, df), df, Math.abs(ncp0), true);
    default: {
      const ncp = Math.abs(ncp0);
      const q = tQuantileUpper(alpha / 2, df);
      return noncentralTCdf(q, df, ncp, true) + (t.strict ? noncentralTCdf(-q, df, ncp) : 0);
    }
  }
}

/**
 * The general t-test solver: every argument but one, and the unknown in `solve` ('n', 'n2',
 * 'power', 'd' or 'alpha'), as `pwr.t.test` and `pwr.t2n.test` leave one argument NULL.
 *
 * @example
 * import { solveTTest } from '@ds/sample-size';
 * // R: pwr.t.test(n = 50, power = 0.8) prints d = 0.565858 at uniroot's default tolerance;
 * // solved to 1e-12 it is 0.5658822
 * solveTTest({ solve: 'd', n1: 50 }).d; // => 0.5658822
 */
export function solveTTest(options: SolveTTestOptions): TTestResult {
  checkOptions('options', options, true);
  // Bounds past which the noncentrality overflows: no effect is a million standard deviations,
  // no group 1e15 people.
  for (const key of ['n1', 'n2'] as const) {
    if (typeof options[key] === 'number') checkNumber(key, options[key], { max: MAX_T_GROUP_SIZE });
  }
  if (typeof options.d === 'number') checkNumber('d', options.d, { min: -MAX_EFFECT_SIZE, max: MAX_EFFECT_SIZE });
  const solve = checkOneOf('solve', options.solve, UNKNOWNS);
  const type = checkOneOf('type', options.type ?? 'two-sample', TYPES);
  const alternative = checkOneOf('alternative', options.alternative ?? 'two-sided', ALTERNATIVES);
  if (options.strict !== undefined && typeof options.strict !== 'boolean') {
    throw new SampleSizeError('invalid-type', 'strict', options.strict, 'true or false');
  }
  const t: TDesign = { type, alternative, strict: options.strict ?? true };
  const twoSample = type === 'two-sample';
  for (const key of ['power', 'alpha', 'd'] as const) {
    if (solve === key && options[key] !== undefined)
      throw new SampleSizeError('conflict', key, options[key], `left out when solving for ${key}`);
  }
  let alpha = solve === 'alpha' ? Number.NaN : checkOpenUnit('alpha', options.alpha ?? 0.05);
  const target = solve === 'power' ? null : checkOpenUnit('power', options.power ?? 0.8);
  let d = Number.NaN;
  if (solve !== 'd') {
    if (typeof options.d !== 'number' || !Number.isFinite(options.d))
      throw new SampleSizeError('invalid-type', 'd', options.d, 'a finite number');
    d = options.d;
    if (d === 0) throw new SampleSizeError('out-of-range', 'd', d, 'non-zero');
  }
  if (!twoSample && (options.n2 !== undefined || options.ratio !== undefined || solve === 'n2')) {
    throw new SampleSizeError(
      'conflict',
      solve === 'n2' ? 'solve' : options.n2 !== undefined ? 'n2' : 'ratio',
      solve === 'n2' ? solve : (options.n2 ?? options.ratio),
      `used only with type 'two-sample'`,
    );
  }
  if (options.n2 !== undefined && options.ratio !== undefined) {
    throw new SampleSizeError('conflict', 'ratio', options.ratio, 'left out when n2 is given');
  }
  const ratio = twoSample ? (options.ratio === undefined ? 1 : checkAtLeast('ratio', options.ratio, 0, true)) : 1;
  const second = (n1: number) => (twoSample ? (options.n2 !== undefined ? checkAtLeast('n2', options.n2, 2) : n1 * ratio) : n1);
  const tgt = target as number;

  let n1: number;
  let n2: number;
  let n1Exact: number;
  let n2Exact: number;
  let n2Min: number | undefined;
  if (solve === 'n') {
    if (options.n1 !== undefined || options.n2 !== undefined) {
      throw new SampleSizeError(
        'conflict',
        options.n1 !== undefined ? 'n1' : 'n2',
        options.n1 ?? options.n2,
        'left out when solving for n',
      );
    }
    const lo = twoSample ? Math.max(2, 2 / ratio) : 2;
    // The normal approximation (z in place of t) is a close lower guess for the t-test n.
    const z = normalQuantile(alternative === 'two-sided' ? alpha / 2 : alpha, true) + normalQuantile(tgt);
    const guess = ((z * z) / (d * d)) * (twoSample ? 1 + 1 / ratio : 1);
    n1Exact = solveIncreasingNear((n) => tPower(t, d, n, twoSample ? n * ratio : n, alpha) - tgt, lo, guess, 'power', tgt, 'n1');
    n2Exact = twoSample ? n1Exact * ratio : n1Exact;
    n1 = roundUp(n1Exact);
    // As for proportions: n2 = ⌈ratio × n1⌉ keeps the ratio; n2Min is the smallest n2 that reaches the power.
    n2 = twoSample ? roundUp(n1 * ratio) : n1;
    if (twoSample) n2Min = roundUp(n2Exact);
  } else {
    n1 = checkAtLeast('n1', options.n1, 2);
    if (solve === 'n2') {
      if (options.n2 !== undefined) throw new SampleSizeError('conflict', 'n2', options.n2, 'left out when solving for n2');
      n2Exact = solveIncreasing((m) => tPower(t, d, n1, m, alpha) - tgt, 2, 'power', tgt, 'n2');
      n2 = roundUp(n2Exact);
    } else {
      n2 = second(n1);
      if (twoSample && n2 < 2) throw new SampleSizeError('out-of-range', 'ratio', ratio, 'large enough that n2 = ratio × n1 ≥ 2');
      n2Exact = n2;
      if (solve === 'd') {
        const sign = alternative === 'less' ? -1 : 1;
        const g = (x: number) => tPower(t, sign * x, n1, n2, alpha) - tgt;
        if (g(1e-9) >= 0)
          throw noSolution('power', tgt, 'above the power at d = 0', `power ${tgt} is not above the power at d = 0`);
        let hi = 1;
        while (g(hi) < 0) {
          hi *= 2;
          if (hi > 1e6)
            throw noSolution('power', tgt, 'a power this design can reach', `no d reaches power ${tgt} with these sizes`);
        }
        d = sign * (brentRoot(g, 1e-9, hi) as number);
      } else if (solve === 'alpha') {
        const g = (a: number) => tPower(t, d, n1, n2, a) - tgt;
        if (g(1 - 1e-10) < 0)
          throw noSolution('power', tgt, 'a power this design can reach', `no alpha below 1 reaches power ${tgt}`);
        if (g(1e-10) >= 0)
          throw noSolution('power', tgt, 'a power above what alpha = 1e-10 gives', `power ${tgt} is reached at any alpha`);
        alpha = brentRoot(g, 1e-10, 1 - 1e-10) as number;
      }
    }
    n1Exact = n1;
  }
  const power = tPower(t, d, n1, n2, alpha);
  const [df, ncp] = dfAndNcp(t, d, n1, n2);
  return {
    solve,
    type,
    alternative,
    strict: t.strict,
    alpha,
    power,
    targetPower: target,
    d,
    n1,
    n2,
    total: twoSample ? n1 + n2 : n1,
    ratio: twoSample ? n2Exact / n1Exact : 1,
    n1Exact,
    n2Exact,
    df,
    ncp,
    ...(n2Min === undefined ? {} : { n2Min }),
  };
}

/**
 * Sample size of a t test for effect size d (Cohen's d), as R's `pwr.t.test` (equal groups) and
 * `pwr.t2n.test` (any ratio). For a paired or one-sample test, n1 is the number of pairs or observations.
 *
 * @example
 * import { sampleSizeTTest } from '@ds/sample-size';
 * // R: pwr.t.test(d = 0.5, power = 0.8) gives n = 63.76561
 * sampleSizeTTest({ d: 0.5 }); // => { n1: 64, n2: 64, total: 128, n1Exact: 63.76561 }
 * sampleSizeTTest({ d: 0.5, type: 'paired' }).n1; // => 34
 */
export function sampleSizeTTest(options: TTestOptions): TTestResult {
  checkOptions('options', options, true);
  return solveTTest({ ...options, solve: 'n' });
}

/**
 * Power of a t test with n1 (and n2, or ratio × n1) observations.
 *
 * @example
 * import { powerTTest } from '@ds/sample-size';
 * // R: pwr.t2n.test(n1 = 30, n2 = 45, d = 0.6) gives power = 0.7095
 * powerTTest({ d: 0.6, n1: 30, n2: 45 }).power; // => 0.7095
 */
export function powerTTest(options: TTestOptions): TTestResult {
  checkOptions('options', options, true);
  const { power: _ignored, ...rest } = options;
  return solveTTest({ ...rest, solve: 'power' });
}
